<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AboutBox</name>
    <message>
        <location filename="../../ui/AboutBox.cpp" line="+11"/>
        <source>About RLTHF Studio</source>
        <translation>RLTHF Studio について</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;RLTHF Studio %1&lt;/h3&gt;&lt;p&gt;The review workstation for reward-model preference data: experts review the pairs whose AI labels are most likely wrong, and the reward model learns from their verdicts.&lt;/p&gt;&lt;p&gt;RLTHF Studio is free software: you can share and change it under the terms of the &lt;a href=&quot;https://www.gnu.org/licenses/gpl-3.0.html&quot;&gt;GNU General Public License&lt;/a&gt;, version 3 or later. It comes with no warranty, to the extent permitted by law.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RLTHF Studio %1&lt;/h3&gt;&lt;p&gt;報酬モデルの選好データをレビューするワークステーションです。AI のラベルが誤っている可能性の高いペアを専門家がレビューし、その判定から報酬モデルが学習します。&lt;/p&gt;&lt;p&gt;RLTHF Studio はフリーソフトウェアです。&lt;a href=&quot;https://www.gnu.org/licenses/gpl-3.0.html&quot;&gt;GNU 一般公衆利用許諾書&lt;/a&gt;(バージョン 3 以降)の条件の下で、共有と改変ができます。法律で認められる範囲で、一切の保証はありません。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>VerdictCommand</name>
    <message>
        <location filename="../../core/document/VerdictCommand.cpp" line="+15"/>
        <source>A better</source>
        <translation>Aが良い</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>B better</source>
        <translation>Bが良い</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AI confirmed</source>
        <translation>AI判定を承認</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AI flipped</source>
        <translation>AI判定を反転</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped</source>
        <translation>スキップ済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settled: A better</source>
        <translation>裁定: A が良い</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settled: B better</source>
        <translation>裁定: B が良い</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pair %1: %2</source>
        <translation>ペア %1: %2</translation>
    </message>
</context>
<context>
    <name>rlthf::Vocabulary</name>
    <message>
        <location filename="../../core/vocab/Vocabulary.cpp" line="+9"/>
        <source>Kept</source>
        <translation>採用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backed off</source>
        <translation>学習除外</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Human review</source>
        <translation>人手レビュー</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Auto-flip</source>
        <translation>自動反転</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Zone</source>
        <translation>ゾーン</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Top-up</source>
        <translation>補充</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit</source>
        <translation>監査</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Flip check</source>
        <translation>反転チェック</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Random review</source>
        <translation>ランダム確認</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>AI judge</source>
        <translation>AI判定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gold</source>
        <translation>正解ラベル</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Expert</source>
        <translation>専門家</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settled by lead</source>
        <translation>リーダー裁定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Flipped</source>
        <translation>反転</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Propagated</source>
        <translation>伝播</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Elbow</source>
        <translation>エルボー</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Knee</source>
        <translation>ニー</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reflection</source>
        <translation>反転点</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::AgreementDialog</name>
    <message>
        <location filename="../../ui/AgreementDialog.cpp" line="+20"/>
        <source>Annotator Agreement</source>
        <translation>アノテーター間の一致</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Annotator</source>
        <translation>アノテーター</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verdicts</source>
        <translation>判定数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A / B</source>
        <translation>A / B</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settled</source>
        <translation>裁定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settle: A better</source>
        <translation>裁定：A が良い</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settle: B better</source>
        <translation>裁定：B が良い</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pairs the annotators disagree on (double-click to read):</source>
        <translation>判定が分かれたペア（ダブルクリックで表示）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verdicts given after a settlement that disagree with it:</source>
        <translation>裁定の後に出された、裁定と異なる判定:</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>(unnamed)</source>
        <translation>（名前なし）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 pairs were judged by several annotators; they agree on %2 (%3%).</source>
        <translation>複数のアノテーターが判定したペア %1 件のうち、%2 件（%3%）で一致しています。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No pair has been judged by more than one annotator yet.</source>
        <translation>複数のアノテーターが判定したペアはまだありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pair %1</source>
        <translation>ペア %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pair %1: settled %2, %3 says %4</source>
        <translation>ペア %1: 裁定 %2、%3 の判定は %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Settling needs your name: Review ▸ Annotator Name…</source>
        <translation>裁定には名前が必要です: レビュー ▸ アノテーター名…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a pair above to settle it.</source>
        <translation>裁定するペアを上の一覧から選んでください。</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::AiLabelling</name>
    <message>
        <location filename="../../ui/judge/AiLabelling.cpp" line="+53"/>
        <location line="+23"/>
        <source>Label with AI</source>
        <translation>AIでラベル付け</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::CsvImportDialog</name>
    <message>
        <location filename="../../ui/tasks/CsvImportDialog.cpp" line="+51"/>
        <source>Import a Spreadsheet File</source>
        <translation>スプレッドシートファイルの取り込み</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Detect</source>
        <translation>自動判別</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift_JIS (CP932, Excel in Japanese)</source>
        <translation>Shift_JIS(CP932、日本語版 Excel)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Encoding:</source>
        <translation>文字コード(&amp;E):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Prompt column:</source>
        <translation>プロンプトの列(&amp;P):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response &amp;A column:</source>
        <translation>応答 A の列(&amp;A):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response &amp;B column:</source>
        <translation>応答 B の列(&amp;B):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;I label column:</source>
        <translation>AI ラベルの列(&amp;I):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Gold label column:</source>
        <translation>正解ラベルの列(&amp;G):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&amp;D column:</source>
        <translation>ID の列(&amp;D):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>response A</source>
        <translation>応答 A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>response B</source>
        <translation>応答 B</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Response A</source>
        <translation>応答 A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response B</source>
        <translation>応答 B</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gold</source>
        <translation>正解</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Import</source>
        <translation>取り込む(&amp;I)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The first rows as they will be imported:</source>
        <translation>取り込まれる内容(先頭の行):</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(choose a column)</source>
        <translation>(列を選んでください)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Read as UTF-8</source>
        <translation>UTF-8 として読み込みます</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read as Shift_JIS (CP932)</source>
        <translation>Shift_JIS(CP932)として読み込みます</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only ASCII so far; the first other line decides</source>
        <translation>ここまでは ASCII のみです。ASCII 以外を含む最初の行で判別します</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose the columns that hold: %1.</source>
        <translation>次の列を選んでください：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file has no rows under its header.</source>
        <translation>見出し行の下にデータ行がありません。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n of the first rows cannot be imported; the import skips and lists them.</source>
        <translation>
            <numerusform>先頭の行のうち %n 行は取り込めません。取り込みではこれらを飛ばし、一覧にします。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rlthf::ui::CurveChartView</name>
    <message numerus="yes">
        <location filename="../../ui/charts/CurveChartView.cpp" line="+315"/>
        <source>Iteration %1 — %n pair(s)</source>
        <translation>
            <numerusform>反復 %1 — %n ペア</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No reward-margin curve yet</source>
        <translation>報酬マージン曲線はまだありません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run an iteration first</source>
        <translation>先に反復を実行してください</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the reward-margin curve…</source>
        <translation>報酬マージン曲線を読み取っています…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reward-margin curve</source>
        <translation>報酬マージン曲線を</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>could not be read</source>
        <translation>読み取れませんでした</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reward-margin curve&lt;br&gt;is on the team lead&apos;s project</source>
        <translation>報酬マージン曲線は&lt;br&gt;チームリーダーのプロジェクトにあります</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Rank (largest margin first)</source>
        <translation>順位(マージン降順)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+115"/>
        <source>Reward margin Δ</source>
        <translation>報酬マージン Δ</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Margin Δ</source>
        <translation>マージン Δ</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Rank %1: Δ = %2 (%3)</source>
        <translation>順位 %1: Δ = %2 (%3)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>AI label ≠ gold</source>
        <translation>AIラベル ≠ 正解</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 · rank %2</source>
        <translation>%1 · 順位 %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Pairs</source>
        <translation>ペア数</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Pairs per bin</source>
        <translation>ビンごとのペア数</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 · Δ %2</source>
        <translation>%1 · Δ %2</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::ErrorText</name>
    <message>
        <location filename="../../ui/i18n/ErrorText.cpp" line="+20"/>
        <source>This file is not an RLTHF Studio project.</source>
        <translation>このファイルは RLTHF Studio のプロジェクトではありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The project file is damaged and cannot be read.</source>
        <translation>プロジェクトファイルが破損していて読み取れません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The project was saved by a newer RLTHF Studio. Update the program to open it.</source>
        <translation>このプロジェクトは新しいバージョンの RLTHF Studio で保存されています。開くにはプログラムを更新してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No pair has a label to train on. Have the AI judge label them first (AI ▸ Label with AI), or import pairs with labels.</source>
        <translation>学習に使えるラベル付きのペアがありません。先に AI 判定者にラベルを付けさせるか（AI ▸ AIでラベル付け）、ラベル付きのペアをインポートしてください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Details: %1</source>
        <translation>詳細: %1</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::ExportDialog</name>
    <message>
        <location filename="../../ui/tasks/ExportDialog.cpp" line="+25"/>
        <source>Export Corrected Shards</source>
        <translation>修正済みシャードをエクスポート</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TRL (prompt, chosen, rejected) for DPO training</source>
        <translation>TRL (prompt, chosen, rejected) — DPO 学習用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pairs (both responses, the label and its provenance)</source>
        <translation>Pairs (両方の応答、ラベルとその出所)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spreadsheet (CSV for Excel: the pairs fields and provenance)</source>
        <translation>スプレッドシート(Excel 用 CSV:ペアの各欄と由来)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pairs are spread over this many files by pair number; more than one file goes into a folder of the file&apos;s name</source>
        <translation>ペアはペア番号によってこの数のファイルに分けられます。複数のファイルは、ファイル名のフォルダーに入ります</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Format:</source>
        <translation>形式(&amp;F):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Shard files:</source>
        <translation>シャードファイル数(&amp;S):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save to:</source>
        <translation>保存先(&amp;S):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Export</source>
        <translation>エクスポート(&amp;E)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Each pair with its label in force: the lead&apos;s settlement or the expert&apos;s verdict where there is one, else the flip or the propagated label, else the AI&apos;s (or an imported gold label). Pairs without any label are left out.</source>
        <translation>各ペアと有効なラベル: リーダーの裁定または専門家の判定があればそれ、なければ反転または伝播ラベル、なければ AI のラベル (またはインポートしたゴールドラベル)。ラベルのないペアは含まれません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each pair with both responses in their original order, the AI and gold labels, the label in force and where it comes from (label_source: ai, gold, human, settled, flipped or propagated), the annotator, comment and iteration, and the margin. rlthf import reads it back.</source>
        <translation>各ペアの両方の応答 (元の順序)、AI とゴールドのラベル、有効なラベルとその出所 (label_source: ai, gold, human, settled, flipped, propagated)、アノテーター、コメント、イテレーション、マージン。rlthf import で読み戻せます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The same fields as Pairs, one row per pair, in UTF-8 with a byte-order mark so that Excel shows Japanese correctly. Cells that begin with =, +, - or @ get a leading apostrophe so that a spreadsheet does not run them as formulas; rlthf import reads the file back.</source>
        <translation>「ペア」と同じ欄を 1 ペア 1 行で書き出します。Excel で日本語が正しく表示されるよう、BOM 付きの UTF-8 で保存します。=、+、-、@ で始まるセルは、表計算ソフトが数式として実行しないよう先頭にアポストロフィを付けます。rlthf import で読み戻せます。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export To</source>
        <translation>エクスポート先</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spreadsheet files (*.csv *.csv.gz)</source>
        <translation>スプレッドシートファイル (*.csv *.csv.gz)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON lines (*.jsonl *.jsonl.gz)</source>
        <translation>JSON Lines (*.jsonl *.jsonl.gz)</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::HistoryChartView</name>
    <message>
        <location filename="../../ui/charts/HistoryChartView.cpp" line="+99"/>
        <source>Reading the iteration history…</source>
        <translation>反復の履歴を読み取っています…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The iteration history could not be read</source>
        <translation>反復の履歴を読み取れませんでした</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No finished iterations yet</source>
        <translation>完了した反復はまだありません</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Iteration history</source>
        <translation>反復履歴</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Iteration</source>
        <translation>反復</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pairs</source>
        <translation>ペア数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accuracy vs. gold</source>
        <translation>正解との一致率</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Human labels</source>
        <translation>人手ラベル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flips</source>
        <translation>反転</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Curated-label accuracy</source>
        <translation>キュレーション済みラベル精度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reward-model accuracy</source>
        <translation>報酬モデル精度</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::LabelJob</name>
    <message>
        <location filename="../../ui/judge/LabelJob.cpp" line="+16"/>
        <source>Labelled %1 of %2 pairs (%3 uncertain, %4 unparseable, %5 failed); %6 requests, %7 retries, %8 tokens.</source>
        <translation>%2 ペア中 %1 ペアにラベル付け（不確実 %3、解析不能 %4、失敗 %5）。リクエスト %6、再試行 %7、トークン %8。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Labelling</source>
        <translation>ラベル付け中</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1

The answers received so far are kept; the next run continues.</source>
        <translation>%1

ここまでに受け取った回答は保存されています。次回の実行で続きから再開します。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Labelling stopped; the answers received so far are kept. %1</source>
        <translation>ラベル付けを停止しました。ここまでに受け取った回答は保存されています。%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run it again for the pairs without an answer.</source>
        <translation>回答のないペアについては、もう一度実行してください。</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::LabelProgressPanel</name>
    <message>
        <location filename="../../ui/judge/LabelProgressPanel.cpp" line="+67"/>
        <source>Pairs labelled:</source>
        <translation>ラベル付け済みペア：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uncertain:</source>
        <translation>不確実：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unparseable:</source>
        <translation>解析不能：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed:</source>
        <translation>失敗：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requests:</source>
        <translation>リクエスト：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Retries:</source>
        <translation>再試行：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens:</source>
        <translation>トークン：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Estimated cost:</source>
        <translation>推定コスト：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last problem:</source>
        <translation>直近の問題：</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Start no new pair; requests in flight finish and are kept</source>
        <translation>新しいペアを開始しません。送信中のリクエストは完了して保存されます</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the run; the answers received so far are kept</source>
        <translation>実行を終了します。ここまでに受け取った回答は保存されます</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2 in flight)</source>
        <translation>%1（送信中 %2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 prompt + %2 completion</source>
        <translation>プロンプト %1 + 応答 %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::LabelWithAiDialog</name>
    <message>
        <location filename="../../ui/judge/LabelWithAiDialog.cpp" line="+29"/>
        <source>Label with AI</source>
        <translation>AIでラベル付け</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The base URL of an OpenAI-style chat completions endpoint</source>
        <translation>OpenAI 形式の chat completions エンドポイントのベース URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Endpoint:</source>
        <translation>エンドポイント(&amp;E):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Model:</source>
        <translation>モデル(&amp;M):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The environment variable that holds the API key; the key itself is never shown or stored</source>
        <translation>API キーを保持する環境変数。キー自体は表示も保存もされません</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>API key &amp;variable:</source>
        <translation>API キーの変数(&amp;V):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Requests in flight at the same time</source>
        <translation>同時に送信するリクエスト数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Concurrency:</source>
        <translation>同時実行数(&amp;C):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For the cost estimate only; leave at none when the judge is free</source>
        <translation>コスト推定専用です。無料のジャッジではなしのままにしてください</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Price per 1,000 tokens:</source>
        <translation>1,000 トークンあたりの価格(&amp;P):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore &amp;Default Criteria</source>
        <translation>既定の基準に戻す(&amp;D)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Counting the pairs without an AI label…</source>
        <translation>AI ラベルのないペアを数えています…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Start Labelling</source>
        <translation>ラベル付けを開始(&amp;S)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Alignment criteria every prompt carries:</source>
        <translation>すべてのプロンプトに含めるアラインメント基準(&amp;A):</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Enter the judge&apos;s endpoint, e.g. http://127.0.0.1:8080/v1.</source>
        <translation>ジャッジのエンドポイントを入力してください（例：http://127.0.0.1:8080/v1）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The endpoint &quot;%1&quot; is not an http:// or https:// URL.</source>
        <translation>エンドポイント「%1」は http:// または https:// の URL ではありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the name of the model the endpoint serves.</source>
        <translation>エンドポイントが提供するモデル名を入力してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not the name of an environment variable (letters, digits and _).</source>
        <translation>「%1」は環境変数名ではありません（英字・数字・_ のみ）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the alignment criteria, or restore the default ones.</source>
        <translation>アラインメント基準を入力するか、既定の基準に戻してください。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The number of pairs to ask about could not be read.</source>
        <translation>問い合わせるペアの数を読み取れませんでした。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every pair has an AI label: a run would send no request.</source>
        <translation>すべてのペアに AI ラベルがあります: 実行してもリクエストは送られません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The run asks the judge about %1 pairs without an AI label: about %2 requests (each pair in both orders).</source>
        <translation>AI ラベルのない %1 ペアを判定モデルに問い合わせます: 約 %2 リクエスト (各ペアを両方の順序で)。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>set</source>
        <translation>設定済み</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key is read from this variable when the run starts</source>
        <translation>実行開始時にこの変数からキーを読み取ります</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No key will be sent; local servers usually need none</source>
        <translation>キーは送信されません。ローカルサーバーでは通常不要です</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::LanguageMenu</name>
    <message>
        <location filename="../../ui/i18n/Language.cpp" line="+103"/>
        <location line="+46"/>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+41"/>
        <source>&amp;System Default</source>
        <translation>システム既定(&amp;S)</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::LoopSettingsDialog</name>
    <message>
        <location filename="../../ui/tasks/LoopSettingsDialog.cpp" line="+45"/>
        <source>Loop Settings</source>
        <translation>ループ設定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Weight of expert-labelled pairs in training (repetitions), first iteration</source>
        <translation>学習での専門家ラベル付きペアの重み(繰り返し回数)、最初の反復</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight of expert-labelled pairs in training, last planned iteration</source>
        <translation>学習での専門家ラベル付きペアの重み、計画上の最終反復</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the margin curve kept out of training, first iteration</source>
        <translation>学習から除外するマージン曲線の割合、最初の反復</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share of the margin curve kept out of training, last planned iteration</source>
        <translation>学習から除外するマージン曲線の割合、計画上の最終反復</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>スケジュール</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>→</source>
        <translation>→</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;α (expert weight), start → end:</source>
        <translation>&amp;α(専門家の重み)、開始 → 終了:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;β (backed-off share), start → end:</source>
        <translation>&amp;β(学習除外の割合)、開始 → 終了:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Iterations the α/β schedule spans</source>
        <translation>α/β スケジュールが適用される反復数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Iterations planned:</source>
        <translation>計画反復数(&amp;I):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Share of the project&apos;s pairs in the active shard (0 &lt; f ≤ 1)</source>
        <translation>アクティブシャードに入るプロジェクトのペアの割合 (0 &lt; f ≤ 1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pairs put before the expert per iteration, as a share of the active shard</source>
        <translation>反復ごとに専門家へ回すペア数(アクティブシャードに対する割合)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Share of the expert batch drawn at random to audit the kept zone</source>
        <translation>採用ゾーンの監査のために専門家バッチから無作為に抽出する割合</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A label the reward model gives at most this chance is past the reflection point and flipped while the flip checks confirm; 0 keeps the published rule alone</source>
        <translation>報酬モデルがこの確率以下しか与えないラベルは反射点より下とみなし、反転チェックで確認できている間は自動で反転します。0 にすると論文どおりの規則だけを使います</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Curation</source>
        <translation>キュレーション</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Active &amp;shard fraction:</source>
        <translation>アクティブシャード割合(&amp;S):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expert &amp;batch:</source>
        <translation>専門家バッチ(&amp;B):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Audit share:</source>
        <translation>監査割合(&amp;A):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Flip labels the model gives at most:</source>
        <translation>モデルの確率がこれ以下のラベルを反転(&amp;F):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flip them (default)</source>
        <translation>反転する（既定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop them from the curated data</source>
        <translation>整備済みデータから除外する</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop: a pair whose AI label the model is confident is wrong is left out of the TRL export and of the final model&apos;s training instead of taking the other label; the pairs export lists it as dropped. An expert verdict on the pair still counts.</source>
        <translation>除外: モデルが誤りと確信した AI ラベルのペアは、反対のラベルを付ける代わりに TRL エクスポートと最終モデルの学習から外されます。ペア形式のエクスポートには除外として記載されます。そのペアへの専門家の判定は引き続き有効です。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Labels found &amp;wrong:</source>
        <translation>誤りと判断したラベル(&amp;W):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lowest margin first (published rule)</source>
        <translation>マージンの低い順（論文の規則）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learned from the verdicts (default)</source>
        <translation>判定から学習（既定）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learned: from the second iteration on, the queue takes the pairs whose AI label the verdicts so far say is most likely wrong, using the margin and how much longer the chosen answer is. It finds a judge&apos;s errors when they follow a pattern the reward model learns, such as preferring longer answers.</source>
        <translation>学習：2回目の反復からは、これまでの判定から見て AI ラベルが誤っている可能性が最も高いペアをキューに入れます。マージンと、選ばれた回答がどれだけ長いかを使います。長い回答を好むなど、報酬モデルが学んでしまう型のあるジャッジの誤りを見つけます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Expert &amp;queue:</source>
        <translation>専門家キュー(&amp;Q):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Linear (bag of words)</source>
        <translation>線形(Bag of Words)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MLP (prompt-conditioned)</source>
        <translation>MLP(プロンプト条件付き)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In-sample</source>
        <translation>インサンプル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out-of-fold (cross-fitting)</source>
        <translation>アウトオブフォールド(交差フィッティング)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>folds: </source>
        <translation>フォールド数: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward model</source>
        <translation>報酬モデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Model:</source>
        <translation>モデル(&amp;M):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>M&amp;argins:</source>
        <translation>マージン(&amp;A):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Threads:</source>
        <translation>スレッド数(&amp;T):</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The active shard fraction must be greater than 0 and at most 1.</source>
        <translation>アクティブシャード割合は 0 より大きく 1 以下にしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The expert batch must be more than 0 % and at most 100 % of the active shard.</source>
        <translation>専門家バッチはアクティブシャードの 0 % より大きく 100 % 以下にしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The audit share must be at least 0 % and less than 100 %.</source>
        <translation>監査割合は 0 % 以上 100 % 未満にしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>α must be greater than 0 at both ends of the schedule.</source>
        <translation>α はスケジュールの両端で 0 より大きくしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>β must be less than 1 at both ends of the schedule.</source>
        <translation>β はスケジュールの両端で 1 未満にしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan at least one iteration.</source>
        <translation>反復を 1 回以上計画してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out-of-fold margins need at least 2 folds.</source>
        <translation>アウトオブフォールドのマージンには 2 フォールド以上が必要です。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>about %1 of %2 pairs</source>
        <translation>%2 ペア中 約 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>about %1 pairs per iteration</source>
        <translation>反復あたり約 %1 ペア</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::MainWindow</name>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="+254"/>
        <source>Histogram</source>
        <translation>ヒストグラム</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Reward margins</source>
        <translation>報酬マージン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Iteration history</source>
        <translation>反復の履歴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All pairs</source>
        <translation>全ペア</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AI labelling</source>
        <translation>AIラベル付け</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Project…</source>
        <translation>新規プロジェクト(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation>最近使ったプロジェクト(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Import…</source>
        <translation>インポート(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export Corrected Shards…</source>
        <translation>修正済みシャードをエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save a &amp;Copy…</source>
        <translation>コピーを保存(&amp;C)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Team</source>
        <translation>チーム(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Publish…</source>
        <translation>公開(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Join…</source>
        <translation>参加(&amp;J)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Review</source>
        <translation>レビュー(&amp;R)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Blind Mode</source>
        <translation>ブラインドモード(&amp;B)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Annotator Name…</source>
        <translation>アノテーター名(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotator &amp;Agreement…</source>
        <translation>アノテーター間の一致(&amp;G)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Model</source>
        <translation>モデル(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Retrain &amp;&amp; Rescore</source>
        <translation>再学習と再スコア(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Propagate Labels to All Shards</source>
        <translation>全シャードにラベルを伝播(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;AI</source>
        <translation>AI(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Label with AI…</source>
        <translation>AIでラベル付け(&amp;L)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About RLTHF Studio</source>
        <translation>RLTHF Studio について(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Clear List</source>
        <translation>一覧をクリア(&amp;C)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open Project</source>
        <translation>プロジェクトを開く</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+9"/>
        <location line="+451"/>
        <source>RLTHF projects (*.rlthf)</source>
        <translation>RLTHF プロジェクト (*.rlthf)</translation>
    </message>
    <message>
        <location line="-452"/>
        <source>New Project</source>
        <translation>新規プロジェクト</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No project file given.</source>
        <translation>プロジェクトファイルが指定されていません。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Opening %1…
A project from an older version is updated to the current format first (a backup is kept beside it); on a large project this takes a while.</source>
        <translation>%1 を開いています…
古いバージョンのプロジェクトは、まず現在の形式に更新されます (バックアップを隣に残します)。大きなプロジェクトでは時間がかかります。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Cannot Create Project</source>
        <translation>プロジェクトを作成できません</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>%1 already exists; open it or choose another name.</source>
        <translation>%1 は既に存在します。開くか、別の名前を選んでください。</translation>
    </message>
    <message>
        <location line="+227"/>
        <source>The charts could not be read: %1</source>
        <translation>グラフを読み取れませんでした: %1</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Preference pairs (*.jsonl *.jsonl.gz *.json *.gz *.csv *.csv.gz);;JSON lines (*.jsonl *.jsonl.gz *.json *.gz);;Spreadsheet files (*.csv *.csv.gz);;All files (*)</source>
        <translation>選好ペア (*.jsonl *.jsonl.gz *.json *.gz *.csv *.csv.gz);;JSON Lines (*.jsonl *.jsonl.gz *.json *.gz);;スプレッドシートファイル (*.csv *.csv.gz);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Saving a copy to %1…</source>
        <translation>%1 にコピーを保存しています…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Publish</source>
        <translation>公開</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This project is already part of the team project %1.</source>
        <translation>このプロジェクトは既にチームプロジェクト %1 に属しています。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Publishing to the team server…</source>
        <translation>チームサーバーに公開しています…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot Publish</source>
        <translation>公開できません</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Published as the team project %1. Experts can join it with File ▸ Team ▸ Join… on their workstations.</source>
        <translation>チームプロジェクト %1 として公開しました。各ワークステーションで ファイル ▸ チーム ▸ 参加… から参加できます。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+11"/>
        <source>Cannot Join</source>
        <translation>参加できません</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Joining the team project…</source>
        <translation>チームプロジェクトに参加しています…</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>%1 (read only)</source>
        <translation>%1 (読み取り専用)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source> · Dropped %1</source>
        <translation> · 除外 %1</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Sending your verdicts and handing your open items back to the team…</source>
        <translation>判定を送信し、未処理の項目をチームに返しています…</translation>
    </message>
    <message>
        <location line="-689"/>
        <location line="+51"/>
        <source>Wait for the running task to finish, or cancel it.</source>
        <translation>実行中の処理が終わるのを待つか、キャンセルしてください。</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Your items are done; the next come up once the team has free ones.</source>
        <translation>担当分は完了しました。チームに空きが出ると次の項目が表示されます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Queue done. Model ▸ Retrain &amp; Rescore picks the next batch.</source>
        <translation>キューは完了しました。モデル ▸ 再学習と再スコア で次のバッチを選びます。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>A new iteration finished elsewhere; its batch follows the pairs you have open.</source>
        <translation>別の場所で新しいイテレーションが完了しました。そのバッチは、開いているペアの後に続きます。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Creating the demo project in %1…</source>
        <translation>デモプロジェクトを %1 に作成しています…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot Create the Demo Project</source>
        <translation>デモプロジェクトを作成できません</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Annotator</source>
        <translation>アノテーター</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your name, recorded with every verdict:</source>
        <translation>各判定に記録されるあなたの名前：</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cannot Retrain</source>
        <translation>再学習できません</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot Propagate</source>
        <translation>伝播できません</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+7"/>
        <location line="+4"/>
        <source>Cannot Import</source>
        <translation>インポートできません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The files are in different formats; import them one at a time.</source>
        <translation>ファイルの形式が異なります。1 つずつインポートしてください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>AI judge labels</source>
        <translation>AI 判定のラベル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trusted human (gold) labels</source>
        <translation>信頼できる人手（ゴールド）ラベル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The preferred response in these files is:</source>
        <translation>これらのファイルで選ばれた応答は：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import Preference Pairs</source>
        <translation>選好ペアをインポート</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Save a Copy</source>
        <translation>コピーを保存</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+18"/>
        <source>Cannot Save a Copy</source>
        <translation>コピーを保存できません</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+65"/>
        <source>%1 already exists.</source>
        <translation>%1 は既に存在します。</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Saved a copy to %1</source>
        <translation>%1 にコピーを保存しました</translation>
    </message>
    <message>
        <location line="+66"/>
        <location line="+8"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 cancelled; the project is unchanged.</source>
        <translation>%1 をキャンセルしました。プロジェクトは変更されていません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1

Verdicts that arrived while the model trained: %2. They are kept and count in the next iteration.</source>
        <translation>%1

学習中に届いた判定：%2 件。保存済みで、次の反復で使われます。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No annotator</source>
        <translation>アノテーター未設定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Annotator: %1</source>
        <translation>アノテーター：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 · %2 pairs</source>
        <translation>%1 · %2 ペア</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Model v%1 · rescored %2</source>
        <translation>モデル v%1 · 再スコア %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No model yet</source>
        <translation>モデルはまだありません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To review %1 · Reviewed %2 · Auto-flipped %3</source>
        <translation>未レビュー %1 · レビュー済み %2 · 自動反転 %3</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>No project open — File → Open…</source>
        <translation>プロジェクト未オープン — ファイル → 開く…</translation>
    </message>
    <message>
        <location line="-586"/>
        <location line="+4"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Cannot Open Project</source>
        <translation>プロジェクトを開けません</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::OutdatedNotice</name>
    <message>
        <location filename="../../ui/OutdatedNotice.cpp" line="+13"/>
        <source>Changed on disk since it was opened; read only here</source>
        <translation>開いた後にディスク上で変更されました(ここでは読み取り専用)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This project&apos;s file has changed since you opened it, and you may only read it here: what you see is the project as it was.</source>
        <translation>このプロジェクトのファイルは開いた後に変更されました。ここでは読み取りのみできます。表示されているのは変更前のプロジェクトです。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Again</source>
        <translation>開き直す</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::PairTableModel</name>
    <message>
        <location filename="../../ui/PairTableModel.cpp" line="+72"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shard</source>
        <translation>シャード</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::QueueModel</name>
    <message>
        <location filename="../../ui/QueueModel.cpp" line="+28"/>
        <source>judge unsure</source>
        <translation>AI判定が不確実</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Pair</source>
        <translation>ペア</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Priority</source>
        <translation>優先度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iteration</source>
        <translation>反復</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rank</source>
        <translation>順位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotator</source>
        <translation>アノテーター</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Margin</source>
        <translation>マージン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::QueuePanel</name>
    <message>
        <location filename="../../ui/QueuePanel.cpp" line="+57"/>
        <source>To review</source>
        <translation>未レビュー</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Auto-flipped</source>
        <translation>自動反転</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept</source>
        <translation>保持</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reviewed</source>
        <translation>レビュー済み</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+51"/>
        <source>All annotators</source>
        <translation>全アノテーター</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::StartPage</name>
    <message>
        <location filename="../../ui/StartPage.cpp" line="+84"/>
        <source>RLTHF Studio</source>
        <translation>RLTHF Studio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review the preference pairs an AI judge probably got wrong, retrain the reward model, and export corrected shards. Start with a project:</source>
        <translation>AI 判定者が誤っていそうな選好ペアをレビューし、報酬モデルを再学習して、修正したシャードを書き出します。プロジェクトを選んで始めてください:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New Project…</source>
        <translation>新規プロジェクト(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating the demo project…</source>
        <translation>デモプロジェクトを作成中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the &amp;Demo Project</source>
        <translation>デモプロジェクトを開く(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2,000 generated factory-QA pairs with AI and gold labels, trained once: about twenty verdicts and two retrains show the whole loop.</source>
        <translation>AI ラベルと正解ラベル付きの生成済み工場 QA ペア 2,000 件、学習済み: 約 20 件の判定と 2 回の再学習でループ全体を体験できます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recent projects</source>
        <translation>最近のプロジェクト</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::TaskProgressWidget</name>
    <message>
        <location filename="../../ui/tasks/TaskProgressWidget.cpp" line="+81"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the running task; the project stays as it was</source>
        <translation>実行中のタスクを中止します。プロジェクトは元のままです</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>epoch %1/%2</source>
        <translation>エポック %1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>about %1 s left</source>
        <translation>残り約 %1 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about %1 min left</source>
        <translation>残り約 %1 分</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the run; the answers received so far are kept</source>
        <translation>実行を終了します。ここまでに受け取った回答は保存されます</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stopping…</source>
        <translation>停止中…</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::TaskRunner</name>
    <message>
        <location filename="../../ui/tasks/TaskRunner.cpp" line="+23"/>
        <source>Retrain &amp; rescore</source>
        <translation>再学習と再スコア</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Propagate</source>
        <translation>伝播</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label with AI</source>
        <translation>AIでラベル付け</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Unexpected error: %1</source>
        <translation>予期しないエラー: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unexpected error</source>
        <translation>予期しないエラー</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Flips withheld: %1 of %2 needed flip checks answered.</source>
        <translation>反転は保留: 必要な反転チェック %2 件のうち %1 件に回答済み。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Flips withheld: only %1 of %2 checked flip-zone labels were wrong, too few to trust the flip rule.</source>
        <translation>反転は保留: 確認した反転ゾーンのラベル %2 件のうち誤りは %1 件だけで、反転ルールを信頼するには足りません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Flips applied: %1 of %2 checked flip-zone labels were wrong.</source>
        <translation>反転を適用: 確認した反転ゾーンのラベル %2 件のうち %1 件が誤りでした。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The queue found the judge&apos;s errors less often than random review (%1 of %2 queued labels overturned, %3 of %4 drawn at random): %5% of the next batch&apos;s targeted places are reviewed at random.</source>
        <translation>キューはランダム確認よりも判定者の誤りを見つけられませんでした（キューで %2 件中 %1 件、ランダム抽出で %4 件中 %3 件の AI ラベルが覆されました）。次のバッチの対象枠の %5% をランダムに確認します。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Training</source>
        <translation>学習中</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>train loss %1 · validation loss %2</source>
        <translation>学習損失 %1 · 検証損失 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scoring</source>
        <translation>スコア計算中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Curating</source>
        <translation>キュレーション中</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Retrain cancelled; the project is unchanged.</source>
        <translation>再学習をキャンセルしました。プロジェクトは変更されていません。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Iteration %1 done: %2 pairs queued for review, %3 labels flipped.</source>
        <translation>反復 %1 完了: レビュー待ち %2 ペア、反転 %3 ラベル。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+48"/>
        <source>%1 pairs found wrong were dropped from the curated data.</source>
        <translation>誤りと判断した %1 ペアを整備済みデータから除外しました。</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>1 verdict arrived while the model was training; it counts in the next iteration.</source>
        <translation>学習中に判定が 1 件届きました。次の反復で使われます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 verdicts arrived while the model was training; they count in the next iteration.</source>
        <translation>学習中に判定が %1 件届きました。次の反復で使われます。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Propagating</source>
        <translation>伝播中</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Propagation cancelled; the project is unchanged.</source>
        <translation>伝播をキャンセルしました。プロジェクトは変更されていません。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Labelled %1 pairs outside the active shard (%2 differ from the AI label; %3 reviewed pairs left as they are).</source>
        <translation>アクティブシャード外の %1 ペアにラベルを付けました(AIラベルと異なるもの %2、レビュー済みのため変更しなかったペア %3)。</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+7"/>
        <source>Importing</source>
        <translation>インポート中</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>%1 · %2 records</source>
        <translation>%1 · %2 件</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import cancelled; the project is unchanged.</source>
        <translation>インポートをキャンセルしました。プロジェクトは変更されていません。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Imported %1 pairs (%2 duplicates skipped, %3 labels).</source>
        <translation>%1 ペアをインポートしました(重複スキップ %2、ラベル %3)。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 bad lines skipped, the first: %2</source>
        <translation>不正な行 %1 件をスキップしました。最初の行: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+5"/>
        <source>Exporting</source>
        <translation>エクスポート中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export cancelled; no file was written.</source>
        <translation>エクスポートをキャンセルしました。ファイルは書き込まれていません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exported %1 rows to %2.</source>
        <translation>%1 行を %2 にエクスポートしました。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 unlabelled pairs left out.</source>
        <translation>ラベルなしの %1 ペアを除外しました。</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::TeamDialogs</name>
    <message>
        <location filename="../../ui/TeamDialogs.cpp" line="+41"/>
        <source>Team &amp;server:</source>
        <translation>チームサーバー(&amp;S):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team &amp;project name:</source>
        <translation>チームプロジェクト名(&amp;P):</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Publish to a Team Server</source>
        <translation>チームサーバーに公開</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Queue items that go to two experts on purpose, so that their agreement is measured on real work.</source>
        <translation>一致率を実際の作業で測るため、意図的に 2 人の専門家に割り当てるキュー項目の割合です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reviewed &amp;twice:</source>
        <translation>二重レビュー(&amp;T):</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Join a Team Project</source>
        <translation>チームプロジェクトに参加</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This &amp;station&apos;s name:</source>
        <translation>このステーションの名前(&amp;S):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station Project</source>
        <translation>ステーションのプロジェクト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RLTHF projects (*.rlthf)</source>
        <translation>RLTHF プロジェクト (*.rlthf)</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::TeamStatus</name>
    <message>
        <location filename="../../ui/TeamStatus.cpp" line="+74"/>
        <source>never synced</source>
        <translation>未同期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>synced %1 s ago</source>
        <translation>%1 秒前に同期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>synced %1 min ago</source>
        <translation>%1 分前に同期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Team %1: %2</source>
        <translation>チーム %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team %1: offline, %2</source>
        <translation>チーム %1: オフライン、%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 verdicts waiting</source>
        <translation>未送信の判定 %1 件</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::review::AnnotatorPrompt</name>
    <message>
        <location filename="../../ui/review/AnnotatorPrompt.cpp" line="+17"/>
        <source>Annotator name</source>
        <translation>アノテーター名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name is recorded with every verdict you give:</source>
        <translation>あなたの名前はすべての判定とともに記録されます:</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::review::ReviewPanel</name>
    <message>
        <location filename="../../ui/review/ReviewPanel.cpp" line="+219"/>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response A</source>
        <translation>応答 A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response B</source>
        <translation>応答 B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blind review: the AI&apos;s choice is hidden</source>
        <translation>ブラインドレビュー: AIの選択は非表示です</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highlight differences (D)</source>
        <translation>差分を強調表示 (D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comment (optional, C to type; Enter returns to the verdict keys)</source>
        <translation>コメント(任意。C で入力、Enter で判定キーに戻る)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A better (1)</source>
        <translation>Aが良い (1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B better (2)</source>
        <translation>Bが良い (2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm AI (Enter)</source>
        <translation>AIを承認 (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flip AI (F)</source>
        <translation>AIを反転 (F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip (S)</source>
        <translation>スキップ (S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A better</source>
        <translation>Aが良い</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B better</source>
        <translation>Bが良い</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm AI</source>
        <translation>AIを承認</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flip AI</source>
        <translation>AIを反転</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highlight differences</source>
        <translation>差分を強調表示</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No pairs yet: File ▸ Import…, or drop files on the window</source>
        <translation>まだペアがありません: ファイル ▸ インポート… で取り込むか、ファイルをウィンドウにドロップしてください</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No pair to review</source>
        <translation>レビューするペアがありません</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>No project is open.</source>
        <translation>プロジェクトが開かれていません。</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+49"/>
        <source>Pair #%1</source>
        <translation>ペア #%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This pair no longer exists.</source>
        <translation>このペアはもう存在しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot read the pair: %1</source>
        <translation>ペアを読み込めません: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>AI prefers %1</source>
        <translation>AIは %1 を選好</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no AI label</source>
        <translation>AIラベルなし</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reward margin %1</source>
        <translation>報酬マージン %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not scored yet</source>
        <translation>未スコア</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>zone: %1</source>
        <translation>ゾーン: %1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Words that differ are highlighted.</source>
        <translation>異なる単語を強調表示しています。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The responses are long: lines that differ are highlighted.</source>
        <translation>応答が長いため、異なる行を強調表示しています。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The responses are too long to compare.</source>
        <translation>応答が長すぎて比較できません。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The AI&apos;s choice is hidden: press 1 or 2 (S to skip). Nothing was recorded.</source>
        <translation>AI の選択は非表示です: 1 か 2 を押してください (S でスキップ)。何も記録していません。</translation>
    </message>
</context>
<context>
    <name>rlthf::ui::review::ReviewSession</name>
    <message>
        <location filename="../../ui/review/ReviewSession.cpp" line="+23"/>
        <location line="+44"/>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+39"/>
        <source>Redo</source>
        <translation>やり直す</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Undo %1</source>
        <translation>元に戻す: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo %1</source>
        <translation>やり直す: %1</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>The queue was refreshed: 1 pair you had not reached left the batch.</source>
        <translation>キューが更新されました: まだ見ていなかったペア 1 件がバッチから外れました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The queue was refreshed: %1 pairs you had not reached left the batch.</source>
        <translation>キューが更新されました: まだ見ていなかったペア %1 件がバッチから外れました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The pair on screen stays until you answer it.</source>
        <translation>表示中のペアは、判定するまでそのまま残ります。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key ignored: the previous verdict is still being saved.</source>
        <translation>キーを無視しました: 直前の判定をまだ保存中です。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not recorded: this project may only be read here (its file is not writable for you). Ask whoever keeps it for access.</source>
        <translation>記録されていません: このプロジェクトはここでは読み取り専用です(ファイルに書き込む権限がありません)。管理している人に書き込み権限を依頼してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set your annotator name before recording verdicts.</source>
        <translation>判定を記録する前にアノテーター名を設定してください。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Could not undo the verdict on pair %1: %2</source>
        <translation>ペア %1 の判定を取り消せませんでした: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not record the verdict on pair %1: %2</source>
        <translation>ペア %1 の判定を記録できませんでした: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Undone: %1 (redo with Ctrl+Shift+Z)</source>
        <translation>取り消しました: %1 (やり直しは Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (undo with Ctrl+Z)</source>
        <translation>%1 (取り消しは Ctrl+Z)</translation>
    </message>
</context>
</TS>
