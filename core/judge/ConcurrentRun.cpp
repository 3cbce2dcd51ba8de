#include "judge/ConcurrentRun.h"

#include "judge/ChatClient.h"

#include <QNetworkReply>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace rlthf::judge {

ConcurrentRun::ConcurrentRun(int maxRetries, Backoff backoff, std::uint64_t seed, QObject* parent)
    : QObject(parent), m_maxRetries(maxRetries), m_backoff(backoff), m_random(seed) {}

ConcurrentRun::~ConcurrentRun() {
    // The derived run and its tally are gone by now: only the requests are dropped.
    for (auto& lane : m_lanes)
        drop(*lane);
}

void ConcurrentRun::start() {
    if (m_started.exchange(true))
        return;
    // Deferred, so finished() never fires before the caller returns to its event loop.
    QMetaObject::invokeMethod(this, [this] {
        if (m_stopRequested) {
            tally().stopped = true;
            m_ending = true;
            return finishIfIdle();
        }
        begin();
    }, Qt::QueuedConnection);
}

void ConcurrentRun::stop() {
    m_stopRequested = true;
    QMetaObject::invokeMethod(this, [this] {
        if (m_ending || m_finished)
            return;
        m_ending = true;
        tally().stopped = true;
        abortAll();
        finishIfIdle();
    }, Qt::QueuedConnection);
}

void ConcurrentRun::setPaused(bool paused) {
    m_paused = paused;
    if (!paused)
        QMetaObject::invokeMethod(this, &ConcurrentRun::resume, Qt::QueuedConnection);
}

void ConcurrentRun::resume() {
    if (m_paused)
        return; // paused again before this ran
    for (auto& lane : m_lanes)
        if (std::exchange(lane->retryDue, false))
            send(*lane);
    dispatchIdle();
}

void ConcurrentRun::setTarget(const QUrl& url, const std::string& model,
                              const std::string& apiKeyEnv) {
    m_context.apiKeyEnv = apiKeyEnv;
    m_context.apiKey = qgetenv(apiKeyEnv.c_str());
    m_context.url = url.toString().toStdString();
    m_context.model = model;
}

void ConcurrentRun::openLanes(const QUrl& url, std::chrono::milliseconds timeout, int concurrency,
                              std::size_t items) {
    for (std::size_t i = 0; i < items; ++i)
        m_queue.push_back(i);
    const int lanes = std::max(1, std::min<int>(concurrency, static_cast<int>(items)));
    m_client = std::make_unique<ChatClient>(url, m_context.apiKey, timeout, lanes, this);
    for (int i = 0; i < lanes; ++i) {
        auto lane = std::make_unique<Lane>();
        lane->index = i;
        lane->retryTimer = new QTimer(this);
        lane->retryTimer->setSingleShot(true);
        // Precise, so a retry never comes earlier than the server's Retry-After.
        lane->retryTimer->setTimerType(Qt::PreciseTimer);
        Lane* raw = lane.get();
        connect(lane->retryTimer, &QTimer::timeout, this, [this, raw] {
            if (m_paused)
                raw->retryDue = true;
            else
                send(*raw);
        });
        m_lanes.push_back(std::move(lane));
    }
    report();
    dispatchIdle();
}

void ConcurrentRun::dispatchIdle() {
    if (!m_client)
        return;
    for (auto& lane : m_lanes)
        if (!lane->busy())
            dispatch(*lane);
    finishIfIdle();
}

void ConcurrentRun::dispatch(Lane& lane) {
    if (m_ending || m_paused || m_queue.empty())
        return;
    lane.item = m_queue.front();
    m_queue.pop_front();
    lane.attempt = 0;
    send(lane);
}

void ConcurrentRun::send(Lane& lane) {
    if (m_ending)
        return;
    auto body = requestBody(*lane.item);
    if (!body)
        return halt(body.error());
    ++tally().requests;
    ++tally().inFlight;
    lane.reply = m_client->post(lane.index, *body, [this, &lane](const HttpOutcome& outcome) {
        --tally().inFlight;
        lane.reply = nullptr;
        onOutcome(lane, outcome);
    });
    report();
}

void ConcurrentRun::onOutcome(Lane& lane, const HttpOutcome& outcome) {
    if (m_ending) {
        lane.item.reset();
        return finishIfIdle();
    }
    m_context.answeredBefore = m_context.answeredBefore || outcome.status / 100 == 2;
    const Disposition d = classifyOutcome(outcome);
    switch (d.kind) {
    case Disposition::Answer:
        return answer(lane, d, outcome);
    case Disposition::Retry:
        return retry(lane, d);
    case Disposition::SkipPair:
        tally().lastProblem = d.problem;
        return giveUp(lane);
    case Disposition::Fatal:
        return halt(Error{d.problem});
    }
}

void ConcurrentRun::retry(Lane& lane, const Disposition& disposition) {
    tally().lastProblem = disposition.problem;
    if (lane.attempt >= m_maxRetries)
        return giveUp(lane);
    ++lane.attempt;
    ++tally().retries;
    lane.retryTimer->start(retryDelay(lane.attempt, m_backoff, disposition.retryAfter, m_random));
    report();
}

void ConcurrentRun::giveUp(Lane& lane) {
    itemFailed(*lane.item);
    itemDone(lane);
}

void ConcurrentRun::itemDone(Lane& lane) {
    lane.item.reset();
    report();
    dispatch(lane);
    finishIfIdle();
}

bool ConcurrentRun::drop(Lane& lane) {
    lane.retryTimer->stop();
    lane.retryDue = false;
    QNetworkReply* reply = lane.reply.data();
    if (reply) {
        // Only our handler goes; the manager keeps its own bookkeeping of the reply.
        QObject::disconnect(reply, &QNetworkReply::finished, reply, nullptr);
        // Deleting a reply cancels its request without another error signal.
        reply->deleteLater();
    }
    lane.reply = nullptr;
    lane.item.reset();
    return reply != nullptr;
}

void ConcurrentRun::abortAll() {
    for (auto& lane : m_lanes)
        if (drop(*lane))
            --tally().inFlight;
}

void ConcurrentRun::halt(Error error) {
    if (m_ending && !m_outcome.ok())
        return;
    m_outcome = Error{redact(std::move(error.message), m_context.apiKey)};
    m_ending = true;
    abortAll();
    finishIfIdle();
}

void ConcurrentRun::finishIfIdle() {
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

} // namespace rlthf::judge
