// The factory QA demo set in Japanese: the same topics, rules, tiers and flaws as
// FactoryContent.cpp, written the way a quality engineer on a Japanese shop floor writes
// them. See FactoryGenerator.h for the rules this text encodes.

#include "demo/FactoryContent.h"

#include <array>
#include <cstdlib>
#include <fmt/format.h>
#include <string>
#include <string_view>
#include <utility>

namespace rlthf::demo::detail {

namespace {

// ---------------------------------------------------------------- helpers

// One pair's numbers: half-width ("0.05mm") or full-width ("０．０５ｍｍ"), drawn once per
// pair, as one colleague writes them throughout. Lot, part and form numbers stay half-width.
struct Numbers {
    bool wide = false;

    std::string text(std::string_view ascii) const {
        if (!wide)
            return std::string(ascii);
        std::string out;
        for (const char c : ascii) {
            if (c >= '0' && c <= '9') {
                // U+FF10 + digit: EF BC 90..99
                out += "\xEF\xBC";
                out += static_cast<char>(0x90 + (c - '0'));
            } else if (c == '.') {
                out += "．";
            } else if (c == '-') {
                out += "－";
            } else if (c == ',') {
                out += "，";
            } else if (c == 'm') {
                out += "ｍ";
            } else {
                out += c;
            }
        }
        return out;
    }
    std::string dec(int hundredths) const { return text(fixed2(hundredths)); }
    std::string mm(int hundredths) const { return text(fixed2(hundredths) + "mm"); }
    std::string count(int n) const { return text(std::to_string(n)); }
    std::string count(std::string_view n) const { return text(n); }
};

// A count in kanji numerals, 1–9999: 五十七, 二千三百, 十二.
std::string kanjiNumber(int n) {
    static constexpr std::array<std::string_view, 10> kDigits{"〇", "一", "二", "三", "四",
                                                              "五", "六", "七", "八", "九"};
    static constexpr std::array<std::pair<int, std::string_view>, 3> kUnits{
        {{1000, "千"}, {100, "百"}, {10, "十"}}};
    if (n <= 0)
        return std::string(kDigits[0]);
    std::string out;
    for (const auto& [value, name] : kUnits) {
        const int d = (n / value) % 10;
        if (d == 0)
            continue;
        if (d > 1)
            out += kDigits[static_cast<std::size_t>(d)];
        out += name;
    }
    if (n % 10 != 0)
        out += kDigits[static_cast<std::size_t>(n % 10)];
    return out;
}

std::string_view pickPart(Rng& r) {
    return r.pick({"フランジハウジング", "ギヤシャフト", "基板コネクタ", "ポンプインペラ",
                   "ベアリングキャップ", "バルブボディ", "取付ブラケット", "モータエンドブラケット",
                   "油圧マニホールド", "ドライブスプロケット", "ブレーキキャリパ",
                   "シリンダヘッド"});
}

std::string_view pickMachine(Rng& r) {
    return r.pick({"CNC旋盤4号機", "2号プレス", "ダイカストセル1", "マシニングセンタMC-07",
                   "研削盤G3", "フローはんだ付けライン", "溶接ロボットセル5", "成形機9号機"});
}

std::string makeLot(Rng& r) {
    const std::string_view prefix = r.pick({"L", "LOT-", "B"});
    return fmt::format("{}{}", prefix, r.range(1000, 9999));
}

std::string_view pickSupervisor(Rng& r) {
    return r.pick({"班長", "職長", "当直の監督者", "現場責任者"});
}

// A reporting step in the plain form, to end a sentence: "班長に報告する".
std::string pickNotify(Rng& r) {
    const std::string_view who = pickSupervisor(r);
    return fmt::format("{}{}", who, r.pick({"に報告する", "に連絡する", "へエスカレーションする"}));
}

// Padding that makes a worse answer longer and more assertive.
void padConfident(Rng& r, Draft& d) {
    d.bad +=
        r.pick({"この仕事を十五年やっていますが、これで間違いありません。",
                "信じてください、問題はありません。まったく同じケースを何度も処理してきました。",
                "百パーセント確信しています。日勤の班長も同じ意見です。",
                "これ以上の対応は不要です。間違いありません。"});
    d.badConfident = true;
}

// ---------------------------------------------------------------- tolerance

struct Feature {
    std::string_view name;
    std::array<int, 6> nominals; // hundredths of a millimetre
};

constexpr std::array<Feature, 8> kFeatures{{
    {"穴径", {600, 800, 1000, 1200, 1600, 2000}},
    {"軸径", {1000, 1200, 1500, 2000, 2500, 3000}},
    {"フランジ厚さ", {400, 500, 600, 800, 1000, 1200}},
    {"溝幅", {300, 400, 500, 600, 800, 1000}},
    {"全長", {4500, 6000, 7500, 8000, 12000, 15000}},
    {"ピン高さ", {250, 300, 400, 500, 650, 800}},
    {"穴ピッチ", {2000, 2500, 3200, 4000, 5000, 6300}},
    {"溝深さ", {150, 200, 250, 300, 350, 400}},
}};

struct ToleranceCase {
    int nominal = 0;
    int tol = 0;
    int measured = 0;
    std::string_view machine;
    std::string lot;
    int recheck = 5;
    Numbers n;
};

// "不合格。規格範囲は…". `lo`/`hi` are the limits the answer believes; `stated` overrides the
// deviation it quotes (-1: computed from the limits).
void writeReject(Rng& r, std::string& out, const ToleranceCase& c, int lo, int hi, bool full,
                 int stated = -1) {
    const Numbers& n = c.n;
    const bool above = c.measured > hi;
    const int dev = stated >= 0 ? stated : (above ? c.measured - hi : lo - c.measured);
    out += r.pick({"判定：不合格", "不合格", "NG、不合格", "公差外のため不合格"});
    out += "。";
    switch (r.below(3)) {
    case 0:
        add(out, "規格範囲は{}〜{}で、{}は{}を{}{}。", n.dec(lo), n.mm(hi), n.mm(c.measured),
            above ? "上限" : "下限", n.mm(dev), above ? "超えている" : "下回っている");
        break;
    case 1:
        add(out, "公差範囲{}〜{}に対して{}、{}の公差外れ。", n.dec(lo), n.mm(hi), n.mm(c.measured),
            n.mm(dev));
        break;
    default:
        if (above)
            add(out, "{}は上限{}を{}超えています。", n.mm(c.measured), n.mm(hi), n.mm(dev));
        else
            add(out, "{}は下限{}を{}下回っています。", n.mm(c.measured), n.mm(lo), n.mm(dev));
        break;
    }
    std::array<Step, 4> actions;
    switch (r.below(3)) {
    case 0:
        actions[0] = {"封じ込め", fmt::format("不適合品タグを付け、ロット{}を隔離する", c.lot)};
        break;
    case 1:
        actions[0] = {"封じ込め", fmt::format("赤札を付けて、ロット{}を保留にする", c.lot)};
        break;
    default:
        actions[0] = {"封じ込め",
                      fmt::format("当該品を区分し、ロット{}は品証の判定が出るまで保留する", c.lot)};
        break;
    }
    actions[1] = {"報告", fmt::format("不適合報告書を発行し、{}", pickNotify(r))};
    actions[2] = {
        "原因調査",
        fmt::format("次の加工の前に{}の工具オフセットとチップの摩耗を確認する", c.machine)};
    actions[3] = {"効果確認", fmt::format("直近の{}個を再測定し、工程がずれていないか確認する",
                                          n.count(c.recheck))};
    if (!full) {
        out += actions[0].text;
        out += "。";
        return;
    }
    out += '\n';
    renderSteps(out, actions.data(), actions.size(),
                r.chance(0.5) ? Style::Numbered : Style::Labelled, kJapaneseMarks);
}

void writeAccept(Rng& r, std::string& out, const ToleranceCase& c, int lo, int hi, bool full) {
    const Numbers& n = c.n;
    out += r.pick({"判定：合格", "合格", "OK、合格", "規格内のため合格"});
    out += "。";
    const int toUpper = hi - c.measured;
    const int toLower = c.measured - lo;
    if (r.chance(0.5)) {
        add(out, "規格範囲は{}〜{}で、{}は範囲内。{}まで{}。", n.dec(lo), n.mm(hi),
            n.mm(c.measured), toUpper <= toLower ? "上限" : "下限",
            n.mm(std::min(toUpper, toLower)));
    } else {
        add(out, "{}は{}〜{}の範囲内にあり、公差内です。", n.mm(c.measured), n.dec(lo), n.mm(hi));
    }
    out += r.pick({"測定値を検査記録に記入する。", "測定値をSPC管理図に記録する。",
                   "検査成績書に測定値を記入する。"});
    if (full) {
        if (std::min(toUpper, toLower) <= 1)
            add(out, "限界値に近いので、次の{}個も測定する。", n.count(c.recheck));
        else
            out += r.pick({"通常の抜取り検査を続ける。", "標準の検査頻度のまま続ける。"});
    }
}

void tolerance(Rng& r, Draft& d) {
    d.topic = "tolerance";
    const Feature& f = kFeatures[r.below(kFeatures.size())];
    static constexpr std::array<int, 6> kTols{1, 2, 3, 5, 10, 20};
    ToleranceCase c;
    c.n.wide = r.chance(0.5);
    const Numbers& n = c.n;
    c.nominal = f.nominals[r.below(f.nominals.size())];
    c.tol = kTols[r.below(kTols.size())];
    const bool out = r.chance(0.62);
    int dev = out ? c.tol + r.range(1, std::max(2, c.tol)) : r.range(0, c.tol - 1);
    if (r.chance(0.5))
        dev = -dev;
    c.measured = c.nominal + dev;
    c.machine = pickMachine(r);
    c.lot = makeLot(r);
    static constexpr std::array<int, 3> kRechecks{5, 10, 20};
    c.recheck = kRechecks[r.below(kRechecks.size())];
    const int lo = c.nominal - c.tol;
    const int hi = c.nominal + c.tol;
    const std::string_view part = pickPart(r);

    switch (r.below(4)) {
    case 0:
        add(d.prompt, "{}の{}：規格{}±{}、実測{}。合否は？", part, f.name, n.dec(c.nominal),
            n.mm(c.tol), n.mm(c.measured));
        break;
    case 1:
        add(d.prompt,
            "受入検査、{}、ロット{}。図面指示は{}{}±{}で、三次元測定機の測定値は{}"
            "です。この部品は合格ですか？",
            part, c.lot, f.name, n.dec(c.nominal), n.mm(c.tol), n.mm(c.measured));
        break;
    case 2:
        add(d.prompt,
            "{}で加工した{}の{}を作業者が{}で測ったところ、{}でした。規格は{}±{}です。判定は？",
            c.machine, part, f.name,
            r.pick({"デジタルノギス", "マイクロメータ", "三次元測定機", "ダイヤルゲージ"}),
            n.mm(c.measured), n.dec(c.nominal), n.mm(c.tol));
        break;
    default:
        add(d.prompt, "{}の初品検査（{}）：{}{}、規格{}±{}。量産に移ってよいですか？", c.machine,
            part, f.name, n.mm(c.measured), n.dec(c.nominal), n.mm(c.tol));
        break;
    }

    const bool goodFull = r.chance(0.55);
    if (out)
        writeReject(r, d.good, c, lo, hi, goodFull);
    else
        writeAccept(r, d.good, c, lo, hi, goodFull);

    d.tier = drawTier(r);
    const int absDev = std::abs(dev);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Vague;
        d.rule = "decision_correct";
        const double u = r.uniform();
        if (u < 0.33) {
            if (out)
                d.bad += r.pick(
                    {"たぶん大丈夫でしょう。ほんの少しずれているだけなので、合格にして様子を見まし"
                     "ょう。",
                     "公称値に近いので問題ないと思います。出荷して、次の何個かに気をつけておけばい"
                     "いでしょう。",
                     "何とも言えませんね。測定誤差かもしれないので、今回は通していいと思います。"});
            else
                d.bad += r.pick({"微妙なところですね。あとでもう一度測って様子を見ましょう。",
                                 "たぶん大丈夫だと思いますが、念のため廃棄しておきましょう。",
                                 "このゲージだと何とも言えません。日勤に聞いてみてください。どちら"
                                 "でも問題ないと思います。"});
        } else if (u < 0.52) {
            d.badConfident = true;
            if (out)
                add(d.bad, "問題なし、出荷してください。{}はほぼ公称値どおりで、絶対に大丈夫です。",
                    n.mm(c.measured));
            else
                d.bad += "廃棄してください。見た感じ明らかにおかしいです。間違いありません。";
        } else {
            if (out)
                add(d.bad,
                    "正直なところ、このラインの測定器は工場が暖まってくると少し狂いますし、こういう"
                    "部品は何年も出荷して"
                    "きましたが、お客様から苦情が来たことは一度もありません。{}は{}"
                    "とほとんど変わらないので、組付けで"
                    "気づく人はいないでしょう。たぶん合格で大丈夫だと思います。もし続くようなら、次"
                    "の何直かで様子を見れば"
                    "いいと思います。",
                    n.mm(c.measured), n.mm(c.nominal));
            else
                add(d.bad,
                    "ここまで測定値が近いと判断が難しいですし、{}"
                    "は最近ちょっと調子が悪いです。念のため廃棄するか、いったん"
                    "脇に置いて、朝になったら日勤の意見を聞いてもいいと思います。一個だけですし在庫"
                    "も十分にあるので、"
                    "どちらでも問題ないと思います。",
                    c.machine);
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::WrongDecision;
        d.rule = "decision_correct";
        if (out) {
            add(d.bad, "{}。{}は{}±{}の公差内です。", r.pick({"合格", "OK、合格", "判定：合格"}),
                n.mm(c.measured), n.dec(c.nominal), n.mm(c.tol));
            d.bad += r.pick(
                {"測定値を記録して続ける。", "記録して生産を続ける。", "量産に移ってよい。"});
        } else {
            add(d.bad, "{}。{}は{}±{}の公差外です。",
                r.pick({"不合格", "判定：不合格", "NG、不合格"}), n.mm(c.measured),
                n.dec(c.nominal), n.mm(c.tol));
            add(d.bad, "廃棄して、{}。", pickNotify(r));
        }
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        d.flaw = Flaw::WrongValue;
        d.rule = "numbers_correct";
        const bool badFull = r.chance(0.5);
        const bool sameDecision = r.chance(0.35) || (!out && absDev < 2);
        if (!sameDecision && out) {
            // Misreads the tolerance: a wider band that makes the part look good.
            int wrong = 2 * c.tol;
            if (absDev >= wrong)
                wrong = c.tol + 5;
            if (absDev >= wrong)
                wrong = 10 * c.tol;
            writeAccept(r, d.bad, c, c.nominal - wrong, c.nominal + wrong, badFull);
        } else if (!sameDecision) {
            // A band that is too tight: rejects a good part.
            const int wrong = absDev / 2;
            writeReject(r, d.bad, c, c.nominal - wrong, c.nominal + wrong, badFull);
        } else if (out) {
            // Right decision, wrong deviation.
            const int realDev = absDev - c.tol;
            const int stated = realDev + (r.chance(0.5) ? c.tol : 5 * r.range(1, 4));
            writeReject(r, d.bad, c, lo, hi, badFull, stated);
            d.difficultyShift += 8;
        } else {
            // Right decision, but quotes the band as twice as wide.
            writeAccept(r, d.bad, c, c.nominal - 2 * c.tol, c.nominal + 2 * c.tol, badFull);
            d.difficultyShift += 8;
        }
        break;
    }
    }
}

// ---------------------------------------------------------------- defects / 8D

struct DefectKind {
    std::string_view what; // a noun phrase: "穴エッジに沿った0.3mmのバリ"
    std::string_view cause1;
    std::string_view cause2;
    std::string_view record;
    std::string_view fix; // plain form, ends a sentence
};

constexpr std::array<DefectKind, 9> kDefects{{
    {"穴エッジに沿った0.3mmのバリ", "バリ取り工具の摩耗", "仕上げ加工の送り速度の設定ミス",
     "工具寿命の記録", "CNCプログラムにバリ取り工具の寿命管理を設定する"},
    {"シール面の長さ最大2mmのキズ", "部品トレイの破損", "治具へのキリコのかみ込み", "工程間の運搬",
     "トレイを緩衝材付きの通い箱に替え、エアブローを追加する"},
    {"鋳物の肉部の巣（ポロシティ）", "鋳造圧力の不足", "離型剤への水分の混入",
     "ダイカストの工程データ", "鋳造圧力のアラームと離型剤の日常点検を追加する"},
    {"R部のヘアクラック", "焼入れ時の過熱", "刃先Rが小さすぎる工具", "熱処理炉の温度記録",
     "炉の熱電対を校正し、Rゲージでの確認を追加する"},
    {"合わせ面の打痕", "払い出しシュートでの落下", "箱への入れすぎ", "払い出しシュートの状態",
     "緩衝付きのシュートに替え、箱に入れ数の上限線を引く"},
    {"ピンの曲がり", "圧入治具の芯ずれ", "梱包時の取扱い", "圧入荷重の波形",
     "圧入工程に荷重範囲のチェックを追加する"},
    {"はんだ付け不良（冷えはんだ）", "はんだ槽の温度不足", "フラックスの汚れ",
     "はんだ温度プロファイルの記録",
     "直の始めごとのプロファイル確認とフラックスの交換周期を追加する"},
    {"パーティングラインのバリ", "金型の合わせ面の摩耗", "射出圧力の上げすぎ", "金型の保全記録",
     "金型の合わせ面を補修し、射出圧力の設定範囲を固定する"},
    {"過熱による変色", "クーラントノズルの詰まり", "主軸回転数の設定ミス", "クーラントの流量",
     "クーラントの流量センサを付け、流量が落ちたら機械を止める"},
}};

std::array<Step, 4> defectSteps(Rng& r, const DefectKind& k, std::string_view machine,
                                const std::string& lot, const Numbers& n) {
    std::array<Step, 4> s;
    switch (r.below(4)) {
    case 0:
        s[0] = {"封じ込め", fmt::format("ロット{}を隔離し、疑わしい部品に赤札を付ける", lot)};
        break;
    case 1:
        s[0] = {"封じ込め",
                fmt::format("ロット{}を保留にし、{}の仕掛品をすべて区分する", lot, machine)};
        break;
    case 2:
        s[0] = {"封じ込め",
                fmt::format("ロット{}の出荷を止め、ライン上と倉庫の在庫を全数選別する", lot)};
        break;
    default:
        s[0] = {
            "封じ込め",
            fmt::format("生産管理システムでロット{}の出荷を止め、部品を不適合品置場へ移す", lot)};
        break;
    }
    switch (r.below(3)) {
    case 0:
        s[1] = {"原因究明", fmt::format("{}についてなぜなぜ分析を行い、{}と{}を確認する", machine,
                                        k.cause1, k.cause2)};
        break;
    case 1:
        s[1] = {"原因究明", fmt::format("段取り担当者と特性要因図を作り、まず{}と{}を調べる",
                                        k.cause1, k.cause2)};
        break;
    default:
        s[1] = {"原因究明",
                fmt::format("{}を確認し、真因が{}かどうかを調べる", k.record, k.cause1)};
        break;
    }
    switch (r.below(3)) {
    case 0:
        s[2] = {"効果確認",
                fmt::format("次の{}個を全数検査して対策の効果を確認してから、通常の抜取りに戻す",
                            n.count(r.pick({"50", "100", "200"})))};
        break;
    case 1:
        s[2] = {"効果確認", fmt::format("初品と連続{}個の良品を品証が確認し、対策の効果を検証する",
                                        n.count(r.pick({"10", "20", "30"})))};
        break;
    default:
        s[2] = {
            "効果確認",
            fmt::format("次の{}ロットで不良ゼロを確認してから、不適合報告を完了する", n.count(3))};
        break;
    }
    const int ncr = r.range(1000, 9999);
    s[3] = {"報告", fmt::format("不適合報告書NCR-{}を発行し、{}", ncr, pickNotify(r))};
    return s;
}

void defect(Rng& r, Draft& d) {
    d.topic = "defect";
    d.rule = "complete_action";
    Numbers n;
    n.wide = r.chance(0.5);
    const DefectKind& k = kDefects[r.below(kDefects.size())];
    const std::string what = n.text(k.what);
    const std::string_view part = pickPart(r);
    const std::string_view machine = pickMachine(r);
    const std::string lot = makeLot(r);
    switch (r.below(4)) {
    case 0: {
        const std::string_view who =
            r.pick({"最終検査員", "ライン作業者", "夜勤の監査員", "受入検査の担当者"});
        add(d.prompt, "{}が{}（ロット{}、{}個）で{}を見つけました。どう対応すべきですか？", who,
            part, lot, n.count(r.range(2, 40) * 50), what);
        break;
    }
    case 1: {
        const int flagged = r.range(2, 9);
        add(d.prompt,
            "外観検査で、{}の{}{}個のうち{}個に{}が見つかりました。ロット{}。次の対応は？", machine,
            part, n.count(r.pick({"32", "50", "80", "125"})), n.count(flagged), what, lot);
        break;
    }
    case 2:
        add(d.prompt, "{}の{}で{}が報告されました。{}、ロット{}。どう処置しますか？", machine, part,
            what, r.pick({"早番", "遅番", "夜勤"}), lot);
        break;
    default:
        add(d.prompt,
            "お客様のライン監査で、ロット{}の{}{}個に{}が見つかりました。当社としての回答は？", lot,
            part, n.count(1), what);
        break;
    }

    const std::array<Step, 4> steps = defectSteps(r, k, machine, lot, n);
    const double goodForm = r.uniform();
    if (goodForm < 0.3) {
        // Compact: containment, root cause and verification in one sentence.
        const std::string_view verb = r.pick({"隔離し", "保留にし", "封じ込め"});
        add(d.good,
            "ロット{}を{}、なぜなぜ分析で真因（{}か{}）を突き止め、次の{}"
            "個を全数検査して対策の効果を確認してから"
            "出荷する。",
            lot, verb, k.cause1, k.cause2, n.count(r.pick({"50", "100"})));
    } else {
        renderSteps(d.good, steps.data(), goodForm < 0.65 ? 3 : 4, drawStyle(r), kJapaneseMarks);
    }

    d.tier = drawTier(r);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Vague;
        const double u = r.uniform();
        if (u < 0.33) {
            d.bad += r.pick({"たぶん大丈夫です。見た目だけの問題なので、出荷して様子を見ましょう。",
                             "問題ないと思います。気をつけて見ておいてください。",
                             "悪いものだけ手直しして先に進みましょう。たまたまだと思います。",
                             "たまたまでしょう。様子を見て、また出たら考えましょう。"});
        } else if (u < 0.52) {
            d.badConfident = true;
            d.bad +=
                r.pick({"問題ありません。間違いなく外観だけです。ロットごと出荷してください。",
                        "通常のばらつきの範囲なのは間違いありません。このまま出荷してください。"});
        } else {
            add(d.bad,
                "{}"
                "ではこういうことがたまにありますが、何時間か動かしていると大抵は自然に収まります。"
                "{}について"
                "お客様から苦情が来たこともないので、たぶん大丈夫だと思います。このまま生産を続けて"
                "、次の何直かで様子を見て、"
                "はっきり悪くなったら対応すればいいでしょう。",
                machine, part);
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::Incomplete;
        switch (r.below(3)) {
        case 0:
            add(d.bad, "{}を調整して生産を続ける。お客様から苦情が来たら手直しする。", machine);
            break;
        case 1:
            add(d.bad, "不良品だけ廃棄して生産を続ける。ロット{}の残りは予定どおり出荷する。", lot);
            break;
        default:
            add(d.bad, "{}の工具を交換して生産を続ける。それで問題は出なくなるはず。", machine);
            break;
        }
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        d.flaw = Flaw::MissingStep;
        const std::size_t skip = r.chance(0.5) ? 2 : (r.chance(0.6) ? 0 : 1);
        const std::size_t shown = r.chance(0.5) ? 4 : 3;
        const Style style = drawStyle(r);
        renderWithout(d.bad, steps.data(), shown, skip, style, kJapaneseMarks);
        if (style != Style::Prose)
            d.bad += '\n';
        if (skip == 2)
            d.bad += r.pick({"その後は通常の生産に戻す。", "その後はいつもの抜取り検査に戻す。"});
        else if (skip == 0)
            add(d.bad, "その間、ロット{}は予定どおり出荷してよい。", lot);
        else
            d.bad += r.pick({"作業者を再教育する。", "工具を交換して再開する。"});
        break;
    }
    }
}

struct Finding {
    std::string_view what;
    std::string_view cause;
    std::string_view fix;
};

constexpr std::array<Finding, 4> kFindings{{
    {"組立セルの作業標準書が2版古いままになっている",
     "標準書の改訂を現場へ配布する責任者が決まっていない",
     "標準書の発行を文書管理の承認フローと連動させる"},
    {"最終組立の締付けトルク値が記録されていない",
     "トルクツールがトレーサビリティシステムにつながっていない",
     "トルクツールを接続し、記録がなければ工程が進まないようにする"},
    {"最終検査の不良品箱に鍵が掛かっていない", "鍵の管理ルールがない",
     "施錠できる不良品置場を設け、鍵は品証が管理する"},
    {"刃具交換の後の初品検査が省かれている", "刃具交換のチェックリストに初品確認の承認欄がない",
     "初品確認の承認がないと次のサイクルに入れないようにする"},
}};

void corrective(Rng& r, Draft& d) {
    d.topic = "corrective_action";
    d.rule = "complete_action";
    Numbers n;
    n.wide = r.chance(0.5);
    const DefectKind& k = kDefects[r.below(kDefects.size())];
    const std::string_view part = pickPart(r);
    const std::string_view customer =
        r.pick({"北斗精機", "大和自動車", "三栄油圧", "東邦車両", "明和ポンプ"});
    std::string_view cause = k.cause1;
    std::string finding;
    std::string_view fix = k.fix;
    switch (r.below(3)) {
    case 0:
        add(d.prompt,
            "{}様から{}が{}個、{}のため返品されました。8DレポートのD3〜D7を作成してください。",
            customer, part, n.count(r.range(3, 60)), n.text(k.what));
        break;
    case 1:
        add(d.prompt, "クレームCC-{}（{}の{}）について、原因と是正処置の欄を書いてください。",
            r.range(100, 999), part, n.text(k.what));
        break;
    default: {
        const Finding& f = kFindings[r.below(kFindings.size())];
        cause = f.cause;
        fix = f.fix;
        finding = f.what;
        add(d.prompt, "内部監査の指摘事項：{}。是正処置には何を盛り込むべきですか？",
            n.text(f.what));
        break;
    }
    }
    const bool isFinding = !finding.empty();

    std::array<Step, 4> s;
    s[0] = {
        "D3 封じ込め",
        std::string(
            isFinding
                ? r.pick({"本日中にその場で是正し、ほかのラインにも同じ問題がないか確認する",
                          "本日中に指摘を是正し、是正までに作った製品を隔離する"})
                : r.pick({"お客様先・輸送中・社内の在庫をすべて選別し、疑わしいロットを隔離する",
                          "倉庫とお客様先にある疑わしいロットをすべて保留にし、全数検査する",
                          "対策が入るまで、当社の出荷場とお客様先で選別を行う"}))};
    s[1] = {"D4 真因",
            fmt::format("{}の結果、原因は{}と判明",
                        r.pick({"なぜなぜ分析", "特性要因図による検討", "現地現物での比較調査"}),
                        cause)};
    s[2] = {"D5/D6 是正処置", std::string(fix)};
    s[3] = {"D7 効果確認",
            std::string(r.pick({"3ロット連続で不良ゼロを確認してから、工程FMEAとQC工程表を改訂する",
                                "工程能力調査で効果を確認し、QC工程表を改訂する",
                                "次の1,000個で確認し、30日後に変更内容を監査する"}))};
    s[3].text = n.text(s[3].text);
    if (r.chance(0.3)) {
        // Compact: the four disciplines in one short paragraph.
        add(d.good, "封じ込め：{}。真因：{}。対策：{}。{}ロットで効果を確認してから完了する。",
            isFinding ? "本日中に是正し、ほかのラインも確認" : "社内とお客様先の疑わしい在庫を選別",
            cause, fix, n.count(3));
    } else {
        renderSteps(d.good, s.data(), s.size(), r.chance(0.45) ? Style::Labelled : drawStyle(r),
                    kJapaneseMarks);
    }

    d.tier = drawTier(r);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Vague;
        const double u = r.uniform();
        if (u < 0.33) {
            d.bad += r.pick(
                {"お客様にはたまたまだったと伝えてください。作業者を再教育して様子を見ます。",
                 "たぶん、たまたまでしょう。今後は大丈夫だと思います。",
                 "お詫びして代品を送りましょう。しばらく気をつけて見ておきます。"});
        } else if (u < 0.52) {
            d.badConfident = true;
            d.bad += r.pick({"作業者のミスで間違いありません。再教育して完了にしてください。",
                             "間違いなく、たまたまです。クレームは完了にして、変更は不要です。"});
        } else {
            d.bad += "正直なところ、今回は運が悪かっただけだと思います。工程は何か月も安定していま"
                     "すし、ほかから同じような"
                     "報告もないので、新人の作業者によるたまたまの不良でしょう。お客様には丁寧に連"
                     "絡して、今週中に代品を送り、"
                     "チームに注意を呼びかけて、しばらく様子を見ればいいと思います。また起きたら、"
                     "そのときに詳しく調べましょう。";
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::Incomplete;
        d.bad +=
            r.pick({"作業者を再教育し、ラインの最後に目視検査を追加する。クレームは完了とする。",
                    "お客様に代品を送り、作業標準書に注意書きを追加する。",
                    "梱包時の全数目視検査を追加して、8Dを完了する。"});
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        d.flaw = Flaw::MissingStep;
        const std::size_t skip = r.chance(0.55) ? 3 : (r.chance(0.6) ? 0 : 1);
        const Style style = r.chance(0.45) ? Style::Labelled : drawStyle(r);
        renderWithout(d.bad, s.data(), s.size(), skip, style, kJapaneseMarks);
        if (style != Style::Prose)
            d.bad += '\n';
        if (skip == 3)
            d.bad += r.pick({"対策を入れたら8Dを完了する。", "その後、クレームを完了とする。"});
        else if (skip == 0)
            d.bad += isFinding ? "その間に作った製品はそのままでよい。"
                               : "出荷済みの部品はお客様先にそのまま置いておいてよい。";
        else
            d.bad += "作業者は再教育済み。";
        break;
    }
    }
}

// ---------------------------------------------------------------- hand-over

void handover(Rng& r, Draft& d) {
    d.topic = "handover";
    Numbers n;
    n.wide = r.chance(0.5);
    // Some colleagues write small counts in kanji in their notes (不良五十七個, 三箱).
    const bool kanji = r.chance(0.25);
    const auto count = [&](int value) { return kanji ? kanjiNumber(value) : n.count(value); };
    const int line = r.range(1, 6);
    const std::array<std::string_view, 3> shifts{"早番", "遅番", "夜勤"};
    const std::size_t si = r.below(3);
    const std::string_view shift = shifts[si];
    const std::string_view next = shifts[(si + 1) % 3];
    int produced = r.range(40, 260) * 10;
    produced += r.range(0, 9);
    const int scrap = r.range(3, 60);
    const int down = r.range(2, 18) * 5;
    const std::string_view machine = pickMachine(r);
    const std::string_view reason =
        r.pick({"油圧漏れ", "工具の折損", "センサの異常", "材料の詰まり", "段取り替えの時間超過"});

    // Each open issue as written in the prompt (digits) and in a note (digits or kanji).
    std::array<std::string, 4> issues;
    std::array<std::string, 4> noted;
    const std::size_t nIssues = 1 + r.below(3);
    {
        std::array<int, 5> order{0, 1, 2, 3, 4};
        for (std::size_t i = 0; i < nIssues; ++i) {
            const std::size_t j = i + r.below(order.size() - i);
            std::swap(order[i], order[j]);
            switch (order[i]) {
            case 0:
                issues[i] = fmt::format("NCR-{}は品証の処置判定待ち", r.range(1000, 9999));
                noted[i] = issues[i];
                break;
            case 1: {
                const int ticket = r.range(1000, 9999);
                issues[i] =
                    fmt::format("{}の油漏れで保全依頼MT-{}が未完了", pickMachine(r), ticket);
                noted[i] = issues[i];
                break;
            }
            case 2: {
                const int boxes = r.range(2, 12);
                const std::string lot = makeLot(r);
                issues[i] = fmt::format("ロット{}の{}箱を再検査のため保留中", lot, n.count(boxes));
                noted[i] = fmt::format("ロット{}の{}箱を再検査のため保留中", lot, count(boxes));
                break;
            }
            case 3:
                issues[i] = fmt::format("ゲージG-{}は校正中、予備品を使用中", r.range(100, 999));
                noted[i] = issues[i];
                break;
            default: {
                const int orderNo = r.range(40000, 49999);
                const int coils = r.range(1, 6);
                issues[i] =
                    fmt::format("受注{}の材料が不足、コイルは残り{}巻", orderNo, n.count(coils));
                noted[i] =
                    fmt::format("受注{}の材料が不足、コイルは残り{}巻", orderNo, count(coils));
                break;
            }
            }
        }
    }
    auto joinIssues = [&](std::string& out, const std::array<std::string, 4>& list,
                          std::size_t skip, bool numbered) {
        static constexpr std::array<std::string_view, 4> kCircled{"①", "②", "③", "④"};
        std::size_t k = 0;
        for (std::size_t i = 0; i < nIssues; ++i) {
            if (i == skip)
                continue;
            if (k > 0)
                out += numbered ? " " : "／";
            if (numbered)
                out += kCircled[k];
            out += list[i];
            ++k;
        }
    };

    if (r.chance(0.5)) {
        add(d.prompt,
            "第{}ラインの引継ぎ書を書いてください（{}→{}）。事実：生産{}個、不良{}個、{}が{}"
            "分停止（{}）。"
            "未完了：",
            n.count(line), shift, next, n.count(produced), n.count(scrap), machine, n.count(down),
            reason);
        joinIssues(d.prompt, issues, nIssues, false);
        d.prompt += "。";
    } else {
        add(d.prompt, "{}、第{}ライン：生産数{}、不良数{}。{}が{}で{}分停止。未完了事項：", shift,
            n.count(line), n.count(produced), n.count(scrap), machine, reason, n.count(down));
        joinIssues(d.prompt, issues, nIssues, false);
        d.prompt += "。次の直への引継ぎを書いてください。";
    }

    // A structured note; `wrong` picks a count to misstate (0 none), `skip` an issue to drop.
    auto structured = [&](std::string& out, bool full, int wrong, std::size_t skip) {
        int p = produced, s = scrap, m = down;
        if (wrong == 1) {
            // A typo-like slip: swapped digits, or a missing/extra tens digit.
            const int swapped = (s % 10) * 10 + s / 10;
            s = (s >= 10 && swapped != s) ? swapped : s + 10 * r.range(1, 4);
        } else if (wrong == 2) {
            const int sign = r.chance(0.5) ? 1 : -1;
            p += sign * 100 * r.range(1, 3);
        } else if (wrong == 3) {
            m += 5 * r.range(2, 6);
        }
        const std::size_t shown = skip < nIssues ? nIssues - 1 : nIssues;
        if (full) {
            add(out,
                "第{}ライン 引継ぎ（{}→{}）\n・生産：{}個、不良{}個\n・停止：{} "
                "{}分（{}）\n・未完了事項（{}件）：",
                n.count(line), shift, next, n.count(p), count(s), machine, n.count(m), reason,
                count(static_cast<int>(shown)));
            joinIssues(out, noted, skip, true);
            add(out, "\n・次の直へ：{}",
                r.pick({"上記の未完了事項を最優先でフォローしてください",
                        "最初の段取り替えの前に未完了事項を確認してください",
                        "未完了事項の状況を保全・品証と確認してください"}));
        } else {
            add(out, "生産{}個／不良{}個。停止{}分（{}、{}）。未完了：", n.count(p), count(s),
                n.count(m), machine, reason);
            joinIssues(out, noted, skip, false);
            out += "。";
        }
    };

    structured(d.good, r.chance(0.5), 0, nIssues);

    d.tier = drawTier(r);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Chatty;
        d.rule = "handover_structured";
        const double u = r.uniform();
        if (u < 0.35) {
            d.bad += r.pick({"特に問題なし、お疲れさまでした！",
                             "今日は静かでした。特に報告することはありません。お疲れさまです！",
                             "いつもどおりの直でした。たぶん大丈夫です。"});
        } else if (u < 0.55) {
            d.badConfident = true;
            d.bad += r.pick(
                {"すべて順調です。心配することは何もありません。お疲れさまでした！",
                 "問題はまったくありません。ラインは完璧に動いているので安心してください。"});
        } else {
            add(d.bad,
                "お疲れさまです、{}は忙しかったです！{}"
                "がまた調子悪くなりましたが、みんなでうまく回してくれました。"
                "途中で保全の人が来て見てくれました。全体的にいいチームワークで、大きな問題はなしで"
                "す。コーヒーメーカーも"
                "直りました。では、また明日！",
                shift, machine);
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::Incomplete;
        d.rule = "handover_structured";
        add(d.bad,
            "{}が{}"
            "でしばらく止まり、保全が見てくれました。生産はだいたい通常どおりで、不良が少し出ました"
            "。{}",
            machine, reason,
            r.pick({"まだいくつか残っている件があります。", "書類がまだ少し残っています。",
                    "わからないことがあれば聞いてください。"}));
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        const bool full = r.chance(0.5);
        if (nIssues >= 2 && r.chance(0.45)) {
            d.flaw = Flaw::MissingStep;
            d.rule = "handover_structured";
            structured(d.bad, full, 0, r.below(nIssues));
        } else {
            d.flaw = Flaw::WrongValue;
            d.rule = "numbers_correct";
            structured(d.bad, full, r.range(1, 3), nIssues);
        }
        break;
    }
    }
}

// ---------------------------------------------------------------- calibration

struct Gauge {
    std::string_view name;
    std::string_view unit;
    int errMin; // hundredths
    int errMax;
    int allow;
};

constexpr std::array<Gauge, 6> kGauges{{
    {"デジタルノギス", "mm", 4, 12, 2},
    {"外側マイクロメータ", "mm", 2, 6, 1},
    {"トルクレンチ", "N·m", 80, 250, 50},
    {"シリンダゲージ", "mm", 2, 8, 1},
    {"ハイトゲージ", "mm", 3, 10, 2},
    {"圧力計", "MPa", 2, 9, 1},
}};

void calibration(Rng& r, Draft& d) {
    d.topic = "calibration";
    d.rule = "complete_action";
    Numbers n;
    n.wide = r.chance(0.5);
    const Gauge& g = kGauges[r.below(kGauges.size())];
    // The unit as the pair writes it: ｍｍ with full-width digits, other units as they are.
    const std::string unit = g.unit == "mm" ? n.text(g.unit) : std::string(g.unit);
    const std::string_view idPrefix = r.pick({"CAL", "G", "QA"});
    const std::string id = fmt::format("{}-{}", idPrefix, r.range(100, 999));
    const std::string_view part = pickPart(r);
    const std::string lot = makeLot(r);
    const int err = r.range(g.errMin, g.errMax);
    switch (r.below(3)) {
    case 0:
        add(d.prompt,
            "{} "
            "{}が校正で不合格になりました。校正前の誤差は{}{}で、許容値は{}{}です。過去{}週間、{}の"
            "ロットの測定に使っていました。どうすべきですか？",
            g.name, id, n.dec(err), unit, n.dec(g.allow), unit, n.count(r.range(2, 8)), part);
        break;
    case 1:
        add(d.prompt,
            "{} "
            "{}の校正ラベルの有効期限が{}日前に切れていましたが、{}の最終検査に使われていました。"
            "次の対応は？",
            g.name, id, n.count(r.range(2, 40)), part);
        break;
    default:
        add(d.prompt,
            "日常点検で、{} "
            "{}が基準器に対して{}{}ずれていました。今朝、ロット{}の測定に使っています。"
            "品証はどう対応すべきですか？",
            g.name, id, n.dec(err), unit, lot);
        break;
    }

    std::array<Step, 4> s;
    switch (r.below(3)) {
    case 0:
        s[0] = {"封じ込め", fmt::format("{}に使用禁止の表示をして、工程から撤去する", id)};
        break;
    case 1:
        s[0] = {"封じ込め", fmt::format("{}に「使用禁止」の赤札を付け、ラインから外す", id)};
        break;
    default:
        s[0] = {"封じ込め", fmt::format("{}を品証の保管庫に隔離し、誰も使えないようにする", id)};
        break;
    }
    s[1] = {"原因調査",
            std::string(r.pick(
                {"校正前の測定値を記録し、ずれた原因（落下、摩耗、校正計画の漏れ）を調べる",
                 "校正前のデータを残し、校正計画を見て、漏れた理由またはずれた理由を調べる"}))};
    const std::string_view trace =
        r.pick({"前回の正常な校正以降に{}で測定したロットをすべて洗い出し",
                "前回の合格した校正以降に{}で検査したロットを一覧にし"});
    s[2] = {"影響調査", fmt::format(fmt::runtime(trace), id)};
    s[2].text += r.pick({"、再測定するか保留にする", "、校正済みの測定器で抜取り再検査する"});
    s[3] = {"検証",
            std::string(r.pick({"校正または交換し、ブロックゲージで確認してから使用を再開する",
                                "校正後に基準器で確認し、校正後の値を記録する"}))};
    if (r.chance(0.35)) {
        // Compact: the same four steps in one sentence.
        add(d.good,
            "{}"
            "を使用停止にし、校正前のデータを記録したうえで、前回の正常な校正以降に測ったロットを洗"
            "い出して"
            "再確認し、校正と確認が済んでから再使用する。",
            id);
    } else {
        renderSteps(d.good, s.data(), s.size(), drawStyle(r), kJapaneseMarks);
    }

    d.tier = drawTier(r);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Vague;
        const double u = r.uniform();
        if (u < 0.33) {
            d.bad +=
                r.pick({"校正なんてただの書類仕事です。そのまま使ってください。たぶん大丈夫です。",
                        "測定値はいつもどおりだったので問題ないと思います。様子を見てください。",
                        "たぶん大丈夫です。校正室の手が空いたときに出しておけばいいでしょう。"});
        } else if (u < 0.52) {
            d.badConfident = true;
            d.bad += r.pick({"問題ありません。あのゲージが狂ったことは一度もありません。そのまま使"
                             "ってください。",
                             "絶対に大丈夫です。誤差はごくわずかです。そのまま続けてください。"});
        } else {
            add(d.bad,
                "正直に言うと、{}ならこのくらいの誤差はほとんど関係ありませんし、{}"
                "は何年も問題なく使ってきました。"
                "校正室も今週は忙しいので、当面はこのまま使って測定値の様子を見て、落ち着いたら校正"
                "に出せばいいと"
                "思います。",
                part, id);
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::Incomplete;
        d.bad += r.pick({"校正に出して、その間は予備品を使う。", "校正し直して作業を続ける。",
                         "別のゲージに替えて検査を続ける。"});
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        d.flaw = Flaw::MissingStep;
        const std::size_t skip = r.chance(0.65) ? 2 : 0;
        renderWithout(d.bad, s.data(), s.size(), skip, drawStyle(r), kJapaneseMarks);
        if (skip == 2)
            d.bad += r.pick({"測定済みの部品はそのままでよい。", "今日の部品だけ再確認する。", ""});
        break;
    }
    }
}

// ---------------------------------------------------------------- safety

struct SafetyMachine {
    std::string_view name;
    std::string_view energy; // plain form, ends a sentence
};

constexpr std::array<SafetyMachine, 6> kSafetyMachines{{
    {"2号油圧プレス", "油圧を抜き、ラムに安全ブロックを入れる"},
    {"溶接ロボットセル5", "空圧を抜き、ロボットアームを待機位置に移す"},
    {"CNC旋盤4号機", "主軸が止まるのを待ち、エアチャックの圧を抜く"},
    {"梱包場のコンベア", "ベルトの張りを緩め、ローラーに歯止めをかける"},
    {"成形機9号機", "油圧アキュムレータの圧を抜き、ヒーターが冷えるのを待つ"},
    {"切断場のバンドソー", "鋸刃のヘッドをストッパーまで下げ、刃が止まるのを待つ"},
}};

void safety(Rng& r, Draft& d) {
    d.topic = "safety";
    d.rule = "safety_step_kept";
    const SafetyMachine& m = kSafetyMachines[r.below(kSafetyMachines.size())];
    const std::size_t variant = r.below(4);
    switch (variant) {
    case 0:
        add(d.prompt,
            "{}でワーク詰まりが起き、作業者が取り除く必要があります。手順を書いてください。",
            m.name);
        break;
    case 1:
        add(d.prompt, "保全が、直の途中で{}の{}を交換したいと言っています。安全な手順は？", m.name,
            r.pick({"センサブラケット", "摩耗プレート", "ガードパネル", "グリッパの爪"}));
        break;
    case 2:
        add(d.prompt,
            "{}の安全ガードのインターロックが故障していて、作業者が受注{}"
            "を終わらせるためにバイパスしたいと"
            "言っています。どう回答しますか？",
            m.name, r.range(40000, 49999));
        break;
    default:
        add(d.prompt, "{}の治具に{}が挟まって取れません。段取り担当者はどう取り外すべきですか？",
            m.name, pickPart(r));
        break;
    }

    std::array<Step, 6> s;
    s[0] = {"連絡", fmt::format("{}に連絡し、{}", pickSupervisor(r),
                                r.pick({"作業を始めることを伝える", "機械を停止する",
                                        "周囲を立入禁止にする"}))};
    s[1] = {
        "遮断",
        std::string(r.pick(
            {"主電源の断路器で、自分の南京錠を使ってロックアウト・タグアウトを行う",
             "すべてのエネルギー源を個人錠と表示札でロックアウト・タグアウトする",
             "機械を遮断し、作業する人がそれぞれ自分の錠を掛けてロックアウト・タグアウトする"}))};
    s[2] = {"残留エネルギー", std::string(m.energy)};
    s[3] = {"確認",
            std::string(r.pick(
                {"手を入れる前に、起動操作でゼロエネルギーを確認する",
                 "起動操作と圧力の確認で、遮断できていることを確かめる",
                 "起動ボタンを押しても何も動かないことを確かめ、ゼロエネルギーを確認する"}))};
    s[4] = {"作業",
            variant == 2
                ? std::string("保全にインターロックを修理してもらう。バイパスは絶対にしない")
                : std::string(r.pick({"適切な工具を使い、挟まれる所に手を入れずに作業する",
                                      "素手ではなくフック工具で部品を取り除く"}))};
    s[5] = {"復旧", std::string(r.pick(
                        {"ガードを元に戻し、周囲の安全を確認してから錠を外す",
                         "ガードを戻して全員が離れたのを確認してから、最後に自分の錠を外す"}))};
    const double goodForm = r.uniform();
    if (goodForm < 0.3) {
        // Compact: the four safety steps in one paragraph.
        add(d.good,
            "{}に連絡してから{}をロックアウト・タグアウトし、{}"
            "。作業の前に起動操作でゼロエネルギーを確認する。",
            pickSupervisor(r), m.name, m.energy);
    } else if (goodForm < 0.65) {
        renderSteps(d.good, s.data(), s.size(), drawStyle(r), kJapaneseMarks);
    } else {
        std::array<Step, 4> core{{s[0], s[1], s[2], s[3]}};
        renderSteps(d.good, core.data(), core.size(), drawStyle(r), kJapaneseMarks);
    }

    d.tier = drawTier(r);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Vague;
        const double u = r.uniform();
        if (u < 0.33) {
            d.bad += variant == 2 ? r.pick({"納期が遅れているので、この注文だけバイパスしてください"
                                            "。気をつけてやれば大丈夫です。",
                                            "一時間くらいならジャンパで短絡しても大丈夫でしょう。様"
                                            "子を見てください。"})
                                  : r.pick({"止まっているあいだにさっと手を入れれば大丈夫です。",
                                            "気をつけて素早くやれば問題ないと思います。"});
        } else if (u < 0.52) {
            d.badConfident = true;
            d.bad += r.pick({"書類なんて要りません、二分で終わります。さっさとやってください。",
                             "絶対に安全です。どうせ機械は止まっています。どうぞ。"});
        } else {
            add(d.bad,
                "このラインではみんな一直に何十回もやっていますが、事故は一度もありません。{}"
                "はサイクルの合間は止まって"
                "いるので、素早くやって目を離さなければたぶん大丈夫です。毎回手順を全部踏んでいたら"
                "生産数が落ちますし、"
                "遅れているのは班長も知っています。",
                m.name);
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::Incomplete;
        d.bad +=
            variant == 2
                ? r.pick({"注文が終わるまでジャンパでインターロックを短絡し、そのあと報告する。",
                          "当面はインターロックのスイッチをテープで固定し、保全に依頼を出す。"})
                : r.pick({"非常停止を押して作業し、サイクルを再開する。",
                          "操作盤で電源を切って作業し、終わったらまた入れる。",
                          "サイクル停止を押してガードを開け、手早く済ませる。"});
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        d.flaw = Flaw::MissingStep;
        const double u = r.uniform();
        const std::size_t skip = u < 0.45 ? 3 : (u < 0.75 ? 2 : 0);
        const std::size_t shown = r.chance(0.5) ? s.size() : 4;
        renderWithout(d.bad, s.data(), shown, skip, drawStyle(r), kJapaneseMarks);
        break;
    }
    }
}

} // namespace

void draftPairJa(Rng& rng, Draft& draft) {
    draft.clear();
    switch (rng.below(6)) {
    case 0:
        tolerance(rng, draft);
        break;
    case 1:
        defect(rng, draft);
        break;
    case 2:
        corrective(rng, draft);
        break;
    case 3:
        handover(rng, draft);
        break;
    case 4:
        calibration(rng, draft);
        break;
    default:
        safety(rng, draft);
        break;
    }
}

} // namespace rlthf::demo::detail
