#include "embed/EmbedRun.h"

#include "embed/EmbeddingReply.h"

#include <QJsonDocument>

namespace rlthf::embed {

EmbedRun::EmbedRun(store::Database db, EmbedSettings settings, EmbedOptions options, QObject* parent)
    : ConcurrentRun(options.maxRetries, options.backoff, options.seed, parent), m_db(std::move(db)),
      m_settings(std::move(settings)) {
    qRegisterMetaType<EmbedProgress>();
}

void EmbedRun::begin() {
    if (auto valid = validate(m_settings); !valid)
        return halt(valid.error());
    const QUrl url = embeddingsUrl(m_settings.endpoint);
    setTarget(url, m_settings.model, m_settings.apiKeyEnv);
    context().service = "embeddings";

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
        m_batches.emplace_back(std::make_move_iterator(pending->begin() + static_cast<std::ptrdiff_t>(start)),
                               std::make_move_iterator(pending->begin() + static_cast<std::ptrdiff_t>(end)));
    }
    openLanes(url, m_settings.timeout, m_settings.concurrency, m_batches.size());
}

Result<QByteArray> EmbedRun::requestBody(std::size_t item) {
    std::vector<std::string> texts;
    texts.reserve(m_batches[item].size());
    for (const PendingText& t : m_batches[item])
        texts.push_back(t.text);
    const QJsonObject body = embeddingsRequest(m_settings.model, texts);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

judge::Disposition EmbedRun::classifyOutcome(const judge::HttpOutcome& outcome) const {
    return judge::classifyStatus(outcome, context());
}

void EmbedRun::answer(Lane& lane, const judge::Disposition& d, const judge::HttpOutcome& outcome) {
    const std::vector<PendingText>& batch = m_batches[*lane.item];
    auto reply = parseEmbeddings(outcome.body, batch.size());
    if (!reply) {
        judge::Disposition unreadable = d;
        unreadable.kind = judge::Disposition::Retry;
        unreadable.problem = judge::redact(
            "the endpoint's reply is not a list of embeddings: " + reply.message(), context().apiKey);
        return retry(lane, unreadable);
    }
    std::vector<NewVector> vectors;
    vectors.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i)
        vectors.push_back({batch[i].hash, std::move(reply->vectors[i])});
    if (auto stored = storeVectors(m_db, m_settings.model, vectors); !stored)
        return halt(stored.error());
    m_progress.dimension = static_cast<int>(vectors.front().vector.size());
    m_progress.promptTokens += reply->promptTokens;
    m_progress.embedded += static_cast<std::int64_t>(vectors.size());
    itemDone(lane);
}

void EmbedRun::itemFailed(std::size_t item) {
    m_progress.failed += static_cast<std::int64_t>(m_batches[item].size());
}

void EmbedRun::report() { Q_EMIT progressed(m_progress); }

} // namespace rlthf::embed
