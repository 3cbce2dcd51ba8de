#pragma once
// One labelling run: asks the judge about every pair without an AI label, in both orders,
// with a bounded number of requests in flight, retrying transient failures, and commits
// each answer as it arrives. Lives in one thread with an event loop (the command line's
// main thread, or a worker QThread in the workstation); stop() and setPaused() may be
// called from any thread.

#include "common/Result.h"
#include "judge/AnswerStore.h"
#include "judge/JudgeSettings.h"
#include "judge/RetryPolicy.h"
#include "store/Database.h"

#include <QObject>

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace rlthf::judge {

class ChatClient;

struct RunOptions {
    std::optional<std::int64_t> limit; // at most this many pairs
    bool retryUnparseable = false;     // ask again where a stored reply was unreadable
    int maxRetries = 5;                // per request; then the pair waits for the next run
    Backoff backoff;
    std::uint64_t seed = 0x5EED; // for the jitter of the retry delays
};

struct LabelProgress {
    std::int64_t totalPairs = 0;  // pairs this run asks about
    std::int64_t labelled = 0;    // given an AI label
    std::int64_t uncertain = 0;   // the two orders disagree
    std::int64_t unparseable = 0; // a reply named no choice
    std::int64_t failed = 0;      // left for the next run (retries exhausted, rejected)
    std::int64_t requests = 0;    // sent, retries included
    std::int64_t retries = 0;
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    int inFlight = 0;
    bool stopped = false;       // stop() ended the run early
    std::string lastProblem;    // the latest transient problem, for the progress display

    std::int64_t settled() const { return labelled + uncertain + unparseable + failed; }
};

class LabelRun : public QObject {
    Q_OBJECT
public:
    // `db` is the run's own connection (Project::openConnection()), used only in its thread.
    // The API key is read from the environment variable the settings name when the run begins.
    LabelRun(store::Database db, JudgeSettings settings, RunOptions options = {},
             QObject* parent = nullptr);
    ~LabelRun() override;

    // Returns at once (any thread); the work happens in this object's thread's event loop
    // and ends with finished(), also when the run could not begin.
    void start();
    // Ends the run soon: requests in flight are dropped and asked again by the next run.
    void stop();
    // While paused no new pair is started; requests in flight finish and are stored.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused.load(); }

    // Read in the run's thread, or after finished().
    const LabelProgress& progress() const { return m_progress; }
    // An error when the run could not go on (a refused key, a wrong URL, a database error).
    const Status& outcome() const { return m_outcome; }

Q_SIGNALS:
    void progressed(const rlthf::judge::LabelProgress& progress);
    void finished();

private:
    struct Lane;
    struct PairState {
        int open = 0; // orders not yet answered or given up in this run
        bool failed = false;
        std::optional<PairOutcome> outcome;
    };

    void begin();
    void dispatchIdle();
    void dispatch(Lane& lane);
    void send(Lane& lane);
    void onOutcome(Lane& lane, const HttpOutcome& outcome);
    void orderDone(Lane& lane, std::optional<PairOutcome> outcome, bool failed);
    void abortAll();
    void halt(Error error);
    void finishIfIdle();
    void report();

    store::Database m_db;
    JudgeSettings m_settings;
    RunOptions m_options;
    RequestContext m_context;
    std::unique_ptr<ChatClient> m_client;
    std::vector<std::unique_ptr<Lane>> m_lanes;
    std::deque<WorkItem> m_queue;
    std::map<std::int64_t, PairState> m_pairs;
    std::mt19937_64 m_random;
    LabelProgress m_progress;
    Status m_outcome;
    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_stopRequested{false};
    std::atomic<bool> m_started{false};
    bool m_ending = false; // stopped or failed: no new requests
    bool m_finished = false;
};

} // namespace rlthf::judge

Q_DECLARE_METATYPE(rlthf::judge::LabelProgress)
