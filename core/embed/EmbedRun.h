#pragma once
// One embedding run: sends every distinct prompt and response of the project that has no
// vector for the model yet to POST {base}/embeddings, a batch of texts per request, with a
// bounded number of requests in flight and the judge's retry rules, and commits each batch
// as it arrives: a run stopped anywhere resumes without asking for a text twice. Lives in
// one thread with an event loop; stop() may be called from any thread.

#include "embed/EmbedSettings.h"
#include "embed/VectorStore.h"
#include "judge/ConcurrentRun.h"
#include "store/Database.h"

#include <cstdint>
#include <vector>

namespace rlthf::embed {

struct EmbedOptions {
    int maxRetries = 5; // per request; then its texts wait for the next run
    judge::Backoff backoff;
    std::uint64_t seed = 0x5EED; // for the jitter of the retry delays
};

struct EmbedProgress : judge::RequestTally {
    std::int64_t totalTexts = 0; // texts this run asks about
    std::int64_t embedded = 0;   // stored
    std::int64_t failed = 0;     // left for the next run (retries exhausted, rejected)
    std::int64_t promptTokens = 0;
    int dimension = 0;           // of the model's vectors, once known
};

class EmbedRun : public judge::ConcurrentRun {
    Q_OBJECT
public:
    // `db` is the run's own connection, used only in its thread.
    EmbedRun(store::Database db, EmbedSettings settings, EmbedOptions options = {},
             QObject* parent = nullptr);

    const EmbedProgress& progress() const { return m_progress; }
    // outcome() also fails on a dimension that differs from the stored one.

Q_SIGNALS:
    void progressed(const rlthf::embed::EmbedProgress& progress);

private:
    void begin() override;
    Result<QByteArray> requestBody(std::size_t item) override;
    judge::Disposition classifyOutcome(const judge::HttpOutcome& outcome) const override;
    void answer(Lane& lane, const judge::Disposition& disposition,
                const judge::HttpOutcome& outcome) override;
    void itemFailed(std::size_t item) override;
    judge::RequestTally& tally() override { return m_progress; }
    void report() override;

    store::Database m_db;
    EmbedSettings m_settings;
    std::vector<std::vector<PendingText>> m_batches;
    EmbedProgress m_progress;
};

} // namespace rlthf::embed

Q_DECLARE_METATYPE(rlthf::embed::EmbedProgress)
