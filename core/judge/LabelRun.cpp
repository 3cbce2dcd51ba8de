#include "judge/LabelRun.h"

#include "judge/Choice.h"
#include "judge/Prompt.h"

#include <QJsonDocument>

namespace rlthf::judge {

namespace {
constexpr int kStoredReplyChars = 500;
} // namespace

LabelRun::LabelRun(store::Database db, JudgeSettings settings, RunOptions options, QObject* parent)
    : ConcurrentRun(options.maxRetries, options.backoff, options.seed, parent), m_db(std::move(db)),
      m_settings(std::move(settings)), m_options(std::move(options)) {
    qRegisterMetaType<LabelProgress>();
}

void LabelRun::begin() {
    if (auto valid = validate(m_settings); !valid)
        return halt(valid.error());
    const QUrl url = chatCompletionsUrl(m_settings.endpoint);
    setTarget(url, m_settings.model, m_settings.apiKeyEnv);

    auto language = detectTextLanguage(m_db);
    if (!language)
        return halt(language.error());
    m_criteria = effectiveCriteria(m_settings, *language);
    auto work = pendingWork(m_db, m_settings.model,
                            WorkListOptions{m_options.limit, m_options.retryUnparseable});
    if (!work)
        return halt(work.error());
    m_work = std::move(*work);
    for (const WorkItem& item : m_work)
        ++m_pairs[item.pairId].open;
    m_progress.totalPairs = static_cast<std::int64_t>(m_pairs.size());
    openLanes(url, m_settings.timeout, m_settings.concurrency, m_work.size());
}

Result<QByteArray> LabelRun::requestBody(std::size_t item) {
    auto text = pairText(m_db, m_work[item].pairId);
    if (!text)
        return text.error();
    const QJsonObject body = chatRequest(m_settings.model, m_criteria, *text, m_work[item].order);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Disposition LabelRun::classifyOutcome(const HttpOutcome& outcome) const {
    return classify(outcome, context());
}

void LabelRun::answer(Lane& lane, const Disposition& d, const HttpOutcome&) {
    const WorkItem& item = m_work[*lane.item];
    Answer answer;
    answer.pairId = item.pairId;
    answer.order = item.order;
    answer.model = m_settings.model;
    if (auto shown = parseChoice(d.reply.content))
        answer.verdict = pairSide(*shown, item.order);
    answer.reply = redact(excerpt(d.reply.content, kStoredReplyChars), context().apiKey);
    answer.promptTokens = d.reply.promptTokens;
    answer.completionTokens = d.reply.completionTokens;
    m_progress.promptTokens += d.reply.promptTokens;
    m_progress.completionTokens += d.reply.completionTokens;
    auto stored = storeAnswer(m_db, answer);
    if (!stored)
        return halt(stored.error());
    orderDone(*lane.item, *stored, false);
    itemDone(lane);
}

void LabelRun::itemFailed(std::size_t item) { orderDone(item, std::nullopt, true); }

void LabelRun::orderDone(std::size_t item, std::optional<PairOutcome> outcome, bool failed) {
    PairState& pair = m_pairs[m_work[item].pairId];
    --pair.open;
    pair.failed = pair.failed || failed;
    if (outcome)
        pair.outcome = outcome;
    if (pair.open == 0) {
        if (pair.failed || !pair.outcome)
            ++m_progress.failed;
        else if (*pair.outcome == PairOutcome::Labelled)
            ++m_progress.labelled;
        else if (*pair.outcome == PairOutcome::Uncertain)
            ++m_progress.uncertain;
        else
            ++m_progress.unparseable;
    }
}

void LabelRun::report() { Q_EMIT progressed(m_progress); }

} // namespace rlthf::judge
