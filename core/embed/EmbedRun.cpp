#include "embed/EmbedRun.h"

#include "embed/EmbeddingReply.h"
#include "judge/ChatClient.h"

#include <fmt/format.h>

#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace rlthf::embed {

struct EmbedRun::Lane {
    int index = 0;
    std::optional<std::vector<PendingText>> batch;
    int attempt = 0;               // retries made for the current batch
    QPointer<QNetworkReply> reply; // while a request is in flight
    QTimer* retryTimer = nullptr;  // while waiting to retry
    bool busy() const { return batch.has_value(); }
};

EmbedRun::EmbedRun(store::Database db, EmbedSettings settings, EmbedOptions options, QObject* parent)
    : QObject(parent), m_db(std::move(db)), m_settings(std::move(settings)),
      m_options(std::move(options)), m_random(m_options.seed) {
    qRegisterMetaType<EmbedProgress>();
}

EmbedRun::~EmbedRun() { abortAll(); }

void EmbedRun::start() {
    if (m_started.exchange(true))
        return;
    // Deferred, so finished() never fires before the caller returns to its event loop.
    QMetaObject::invokeMethod(this, &EmbedRun::begin, Qt::QueuedConnection);
}

void EmbedRun::stop() {
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

void EmbedRun::begin() {
    if (m_stopRequested) {
        m_progress.stopped = true;
        m_ending = true;
        return finishIfIdle();
    }
    if (auto valid = validate(m_settings); !valid)
        return halt(valid.error());
    m_context.apiKeyEnv = m_settings.apiKeyEnv;
    m_context.apiKey = qgetenv(m_settings.apiKeyEnv.c_str());
    const QUrl url = embeddingsUrl(m_settings.endpoint);
    m_context.url = url.toString().toStdString();
    m_context.model = m_settings.model;
    m_context.service = "embeddings";

    auto dim = storedDimension(m_db, m_settings.model);
    if (!dim)
        return halt(dim.error());
    m_progress.dimension = dim->value_or(0);
    auto pending = pendingTexts(m_db, m_settings.model);
    if (!pending)
        return halt(pending.error());
    m_progress.totalTexts = static_cast<std::int64_t>(pending->size());
    const auto batch = static_cast<std::size_t>(m_settings.batch);
    for (std::size_t start = 0; start < pending->size(); start += batch) {
        const auto end = std::min(pending->size(), start + batch);
        m_queue.emplace_back(std::make_move_iterator(pending->begin() + static_cast<std::ptrdiff_t>(start)),
                             std::make_move_iterator(pending->begin() + static_cast<std::ptrdiff_t>(end)));
    }

    const int lanes = std::max(1, std::min<int>(m_settings.concurrency, static_cast<int>(m_queue.size())));
    m_client = std::make_unique<judge::ChatClient>(url, m_context.apiKey, m_settings.timeout, lanes, this);
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
    for (auto& lane : m_lanes)
        dispatch(*lane);
    finishIfIdle();
}

void EmbedRun::dispatch(Lane& lane) {
    if (m_ending || m_queue.empty())
        return;
    lane.batch = std::move(m_queue.front());
    m_queue.pop_front();
    lane.attempt = 0;
    send(lane);
}

void EmbedRun::send(Lane& lane) {
    if (m_ending)
        return;
    std::vector<std::string> texts;
    texts.reserve(lane.batch->size());
    for (const PendingText& t : *lane.batch)
        texts.push_back(t.text);
    const QJsonObject body = embeddingsRequest(m_settings.model, texts);
    ++m_progress.requests;
    ++m_progress.inFlight;
    lane.reply = m_client->post(lane.index, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                [this, &lane](const judge::HttpOutcome& outcome) {
                                    --m_progress.inFlight;
                                    lane.reply = nullptr;
                                    onOutcome(lane, outcome);
                                });
    report();
}

void EmbedRun::onOutcome(Lane& lane, const judge::HttpOutcome& outcome) {
    if (m_ending) {
        lane.batch.reset();
        return finishIfIdle();
    }
    m_context.answeredBefore = m_context.answeredBefore || outcome.status / 100 == 2;
    judge::Disposition d = judge::classifyStatus(outcome, m_context);
    if (d.kind == judge::Disposition::Answer) {
        auto reply = parseEmbeddings(outcome.body, lane.batch->size());
        if (!reply) {
            d.kind = judge::Disposition::Retry;
            d.problem = judge::redact("the endpoint's reply is not a list of embeddings: " +
                                          reply.message(),
                                      m_context.apiKey);
        } else {
            std::vector<NewVector> vectors;
            vectors.reserve(lane.batch->size());
            for (std::size_t i = 0; i < lane.batch->size(); ++i)
                vectors.push_back({(*lane.batch)[i].hash, std::move(reply->vectors[i])});
            if (auto stored = storeVectors(m_db, m_settings.model, vectors); !stored)
                return halt(stored.error());
            m_progress.dimension = static_cast<int>(vectors.front().vector.size());
            m_progress.promptTokens += reply->promptTokens;
            m_progress.embedded += static_cast<std::int64_t>(vectors.size());
            return batchDone(lane, false);
        }
    }
    switch (d.kind) {
    case judge::Disposition::Answer:
        return;
    case judge::Disposition::Retry:
        m_progress.lastProblem = d.problem;
        if (lane.attempt >= m_options.maxRetries)
            return batchDone(lane, true);
        ++lane.attempt;
        ++m_progress.retries;
        lane.retryTimer->start(judge::retryDelay(lane.attempt, m_options.backoff, d.retryAfter, m_random));
        return report();
    case judge::Disposition::SkipPair:
        m_progress.lastProblem = d.problem;
        return batchDone(lane, true);
    case judge::Disposition::Fatal:
        return halt(Error{d.problem});
    }
}

void EmbedRun::batchDone(Lane& lane, bool failed) {
    if (failed)
        m_progress.failed += static_cast<std::int64_t>(lane.batch->size());
    lane.batch.reset();
    report();
    dispatch(lane);
    finishIfIdle();
}

void EmbedRun::abortAll() {
    for (auto& lane : m_lanes) {
        lane->retryTimer->stop();
        if (QNetworkReply* reply = lane->reply.data()) {
            // Only our handler goes; deleting the reply cancels its request.
            QObject::disconnect(reply, &QNetworkReply::finished, reply, nullptr);
            reply->deleteLater();
            --m_progress.inFlight;
        }
        lane->reply = nullptr;
        lane->batch.reset();
    }
}

void EmbedRun::halt(Error error) {
    if (m_ending && !m_outcome.ok())
        return;
    m_outcome = Error{judge::redact(std::move(error.message), m_context.apiKey)};
    m_ending = true;
    abortAll();
    finishIfIdle();
}

void EmbedRun::finishIfIdle() {
    if (m_finished)
        return;
    for (const auto& lane : m_lanes)
        if (lane->busy())
            return;
    if (!m_ending && !m_queue.empty())
        return;
    m_finished = true;
    report();
    Q_EMIT finished();
}

void EmbedRun::report() { Q_EMIT progressed(m_progress); }

} // namespace rlthf::embed
