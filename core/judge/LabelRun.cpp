#include "judge/LabelRun.h"

#include "judge/ChatClient.h"
#include "judge/Choice.h"
#include "judge/Prompt.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace rlthf::judge {

namespace {
constexpr int kStoredReplyChars = 500;
} // namespace

struct LabelRun::Lane {
    int index = 0;
    std::optional<WorkItem> item;
    int attempt = 0;                // retries made for the current item
    QPointer<QNetworkReply> reply;  // while a request is in flight
    QTimer* retryTimer = nullptr;   // while waiting to retry
    bool busy() const { return item.has_value(); }
};

LabelRun::LabelRun(store::Database db, JudgeSettings settings, RunOptions options, QObject* parent)
    : QObject(parent), m_db(std::move(db)), m_settings(std::move(settings)),
      m_options(std::move(options)), m_random(m_options.seed) {
    qRegisterMetaType<LabelProgress>();
}

LabelRun::~LabelRun() { abortAll(); }

void LabelRun::start() {
    if (m_started.exchange(true))
        return;
    // Deferred, so finished() never fires before the caller returns to its event loop.
    QMetaObject::invokeMethod(this, &LabelRun::begin, Qt::QueuedConnection);
}

void LabelRun::stop() {
    m_stopRequested = true;
    QMetaObject::invokeMethod(this, [this] {
        if (m_ending || m_finished)
            return;
        m_ending = true;
        m_progress.stopped = true;
        abortAll();
        finishIfIdle();
    }, Qt::QueuedConnection);
}

void LabelRun::setPaused(bool paused) {
    m_paused = paused;
    if (!paused)
        QMetaObject::invokeMethod(this, &LabelRun::dispatchIdle, Qt::QueuedConnection);
}

void LabelRun::begin() {
    if (m_stopRequested) {
        m_progress.stopped = true;
        m_ending = true;
        finishIfIdle();
        return;
    }
    if (auto valid = validate(m_settings); !valid)
        return halt(valid.error());
    m_context.apiKeyEnv = m_settings.apiKeyEnv;
    m_context.apiKey = qgetenv(m_settings.apiKeyEnv.c_str());
    const QUrl url = chatCompletionsUrl(m_settings.endpoint);
    m_context.url = url.toString().toStdString();
    m_context.model = m_settings.model;

    auto work = pendingWork(m_db, m_settings.model,
                            WorkListOptions{m_options.limit, m_options.retryUnparseable});
    if (!work)
        return halt(work.error());
    for (const WorkItem& item : *work) {
        m_queue.push_back(item);
        ++m_pairs[item.pairId].open;
    }
    m_progress.totalPairs = static_cast<std::int64_t>(m_pairs.size());

    const int lanes = std::max(1, std::min<int>(m_settings.concurrency,
                                                static_cast<int>(m_queue.size())));
    m_client = std::make_unique<ChatClient>(url, m_context.apiKey, m_settings.timeout, lanes, this);
    for (int i = 0; i < lanes; ++i) {
        auto lane = std::make_unique<Lane>();
        lane->index = i;
        lane->retryTimer = new QTimer(this);
        lane->retryTimer->setSingleShot(true);
        // Precise, so a retry never comes earlier than the server's Retry-After.
        lane->retryTimer->setTimerType(Qt::PreciseTimer);
        Lane* raw = lane.get();
        connect(lane->retryTimer, &QTimer::timeout, this, [this, raw] { send(*raw); });
        m_lanes.push_back(std::move(lane));
    }
    report();
    dispatchIdle();
}

void LabelRun::dispatchIdle() {
    if (!m_client)
        return;
    for (auto& lane : m_lanes)
        if (!lane->busy())
            dispatch(*lane);
    finishIfIdle();
}

void LabelRun::dispatch(Lane& lane) {
    if (m_ending || m_paused || m_queue.empty())
        return;
    lane.item = m_queue.front();
    m_queue.pop_front();
    lane.attempt = 0;
    send(lane);
}

void LabelRun::send(Lane& lane) {
    if (m_ending)
        return;
    auto text = pairText(m_db, lane.item->pairId);
    if (!text)
        return halt(text.error());
    const QJsonObject body =
        chatRequest(m_settings.model, effectiveCriteria(m_settings), *text, lane.item->order);
    ++m_progress.requests;
    ++m_progress.inFlight;
    lane.reply = m_client->post(lane.index, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                [this, &lane](const HttpOutcome& outcome) {
                                    --m_progress.inFlight;
                                    lane.reply = nullptr;
                                    onOutcome(lane, outcome);
                                });
    report();
}

void LabelRun::onOutcome(Lane& lane, const HttpOutcome& outcome) {
    if (m_ending) {
        lane.item.reset();
        return finishIfIdle();
    }
    m_context.answeredBefore = m_context.answeredBefore || outcome.status / 100 == 2;
    Disposition d = classify(outcome, m_context);
    switch (d.kind) {
    case Disposition::Answer: {
        const WorkItem item = *lane.item;
        Answer answer;
        answer.pairId = item.pairId;
        answer.order = item.order;
        answer.model = m_settings.model;
        if (auto shown = parseChoice(d.reply.content))
            answer.verdict = pairSide(*shown, item.order);
        answer.reply = redact(excerpt(d.reply.content, kStoredReplyChars), m_context.apiKey);
        answer.promptTokens = d.reply.promptTokens;
        answer.completionTokens = d.reply.completionTokens;
        m_progress.promptTokens += d.reply.promptTokens;
        m_progress.completionTokens += d.reply.completionTokens;
        auto stored = storeAnswer(m_db, answer);
        if (!stored)
            return halt(stored.error());
        return orderDone(lane, *stored, false);
    }
    case Disposition::Retry:
        m_progress.lastProblem = d.problem;
        if (lane.attempt >= m_options.maxRetries)
            return orderDone(lane, std::nullopt, true);
        ++lane.attempt;
        ++m_progress.retries;
        lane.retryTimer->start(retryDelay(lane.attempt, m_options.backoff, d.retryAfter, m_random));
        return report();
    case Disposition::SkipPair:
        m_progress.lastProblem = d.problem;
        return orderDone(lane, std::nullopt, true);
    case Disposition::Fatal:
        return halt(Error{d.problem});
    }
}

void LabelRun::orderDone(Lane& lane, std::optional<PairOutcome> outcome, bool failed) {
    PairState& pair = m_pairs[lane.item->pairId];
    lane.item.reset();
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
    report();
    dispatch(lane);
    finishIfIdle();
}

void LabelRun::abortAll() {
    for (auto& lane : m_lanes) {
        lane->retryTimer->stop();
        if (QNetworkReply* reply = lane->reply.data()) {
            // Only our handler goes; the manager keeps its own bookkeeping of the reply.
            QObject::disconnect(reply, &QNetworkReply::finished, reply, nullptr);
            // Deleting a reply cancels its request without another error signal.
            reply->deleteLater();
            --m_progress.inFlight;
        }
        lane->reply = nullptr;
        lane->item.reset();
    }
}

void LabelRun::halt(Error error) {
    if (m_ending && !m_outcome.ok())
        return;
    m_outcome = Error{redact(std::move(error.message), m_context.apiKey)};
    m_ending = true;
    abortAll();
    finishIfIdle();
}

void LabelRun::finishIfIdle() {
    if (m_finished)
        return;
    for (const auto& lane : m_lanes)
        if (lane->busy())
            return;
    if (!m_ending && !m_queue.empty())
        return; // paused, or about to dispatch
    m_finished = true;
    report();
    Q_EMIT finished();
}

void LabelRun::report() { Q_EMIT progressed(m_progress); }

} // namespace rlthf::judge
