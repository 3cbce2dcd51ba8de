#pragma once
// One embedding run: sends every distinct prompt and response of the project that has no
// vector for the model yet to POST {base}/embeddings, a batch of texts per request, with a
// bounded number of requests in flight and the judge's retry rules, and commits each batch
// as it arrives: a run stopped anywhere resumes without asking for a text twice. Lives in
// one thread with an event loop; stop() may be called from any thread.

#include "common/Result.h"
#include "embed/EmbedSettings.h"
#include "embed/VectorStore.h"
#include "judge/RetryPolicy.h"
#include "store/Database.h"

#include <QObject>

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace rlthf::judge {
class ChatClient;
}

namespace rlthf::embed {

struct EmbedOptions {
    int maxRetries = 5; // per request; then its texts wait for the next run
    judge::Backoff backoff;
    std::uint64_t seed = 0x5EED; // for the jitter of the retry delays
};

struct EmbedProgress {
    std::int64_t totalTexts = 0; // texts this run asks about
    std::int64_t embedded = 0;   // stored
    std::int64_t failed = 0;     // left for the next run (retries exhausted, rejected)
    std::int64_t requests = 0;   // sent, retries included
    std::int64_t retries = 0;
    std::int64_t promptTokens = 0;
    int dimension = 0;           // of the model's vectors, once known
    int inFlight = 0;
    bool stopped = false;
    std::string lastProblem;     // the latest transient problem
};

class EmbedRun : public QObject {
    Q_OBJECT
public:
    // `db` is the run's own connection, used only in its thread.
    EmbedRun(store::Database db, EmbedSettings settings, EmbedOptions options = {},
             QObject* parent = nullptr);
    ~EmbedRun() override;

    // Returns at once; the work happens in this object's thread's event loop and ends with
    // finished(), also when the run could not begin.
    void start();
    // Ends the run soon: batches in flight are dropped and asked again by the next run.
    void stop();

    const EmbedProgress& progress() const { return m_progress; }
    // An error when the run could not go on (a refused key, a wrong URL, a dimension that
    // differs from the stored one, a database error).
    const Status& outcome() const { return m_outcome; }

Q_SIGNALS:
    void progressed(const rlthf::embed::EmbedProgress& progress);
    void finished();

private:
    struct Lane;

    void begin();
    void dispatch(Lane& lane);
    void send(Lane& lane);
    void onOutcome(Lane& lane, const judge::HttpOutcome& outcome);
    void batchDone(Lane& lane, bool failed);
    void abortAll();
    void halt(Error error);
    void finishIfIdle();
    void report();

    store::Database m_db;
    EmbedSettings m_settings;
    EmbedOptions m_options;
    judge::RequestContext m_context;
    std::unique_ptr<judge::ChatClient> m_client;
    std::vector<std::unique_ptr<Lane>> m_lanes;
    std::deque<std::vector<PendingText>> m_queue;
    std::mt19937_64 m_random;
    EmbedProgress m_progress;
    Status m_outcome;
    std::atomic<bool> m_stopRequested{false};
    std::atomic<bool> m_started{false};
    bool m_ending = false;
    bool m_finished = false;
};

} // namespace rlthf::embed

Q_DECLARE_METATYPE(rlthf::embed::EmbedProgress)
