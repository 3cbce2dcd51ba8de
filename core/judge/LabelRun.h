#pragma once
// One labelling run: asks the judge about every pair without an AI label, in both orders,
// with a bounded number of requests in flight, retrying transient failures, and commits
// each answer as it arrives. Lives in one thread with an event loop (the command line's
// main thread, or a worker QThread in the workstation); stop() and setPaused() may be
// called from any thread.

#include "judge/AnswerStore.h"
#include "judge/ConcurrentRun.h"
#include "judge/JudgeSettings.h"
#include "store/Database.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::judge {

struct RunOptions {
    std::optional<std::int64_t> limit; // at most this many pairs
    bool retryUnparseable = false;     // ask again where a stored reply was unreadable
    int maxRetries = 5;                // per request; then the pair waits for the next run
    Backoff backoff;
    std::uint64_t seed = 0x5EED; // for the jitter of the retry delays
};

struct LabelProgress : RequestTally {
    std::int64_t totalPairs = 0;  // pairs this run asks about
    std::int64_t labelled = 0;    // given an AI label
    std::int64_t uncertain = 0;   // the two orders disagree
    std::int64_t unparseable = 0; // a reply named no choice
    std::int64_t failed = 0;      // left for the next run (retries exhausted, rejected)
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;

    std::int64_t settled() const { return labelled + uncertain + unparseable + failed; }
};

class LabelRun : public ConcurrentRun {
    Q_OBJECT
public:
    // `db` is the run's own connection (Project::openConnection()), used only in its thread.
    // The API key is read from the environment variable the settings name when the run begins.
    LabelRun(store::Database db, JudgeSettings settings, RunOptions options = {},
             QObject* parent = nullptr);

    using ConcurrentRun::isPaused;
    using ConcurrentRun::setPaused;

    // Read in the run's thread, or after finished().
    const LabelProgress& progress() const { return m_progress; }

Q_SIGNALS:
    void progressed(const rlthf::judge::LabelProgress& progress);

private:
    struct PairState {
        int open = 0; // orders not yet answered or given up in this run
        bool failed = false;
        std::optional<PairOutcome> outcome;
    };

    void begin() override;
    Result<QByteArray> requestBody(std::size_t item) override;
    Disposition classifyOutcome(const HttpOutcome& outcome) const override;
    void answer(Lane& lane, const Disposition& disposition, const HttpOutcome& outcome) override;
    void itemFailed(std::size_t item) override;
    RequestTally& tally() override { return m_progress; }
    void report() override;
    void orderDone(std::size_t item, std::optional<PairOutcome> outcome, bool failed);

    store::Database m_db;
    JudgeSettings m_settings;
    std::string m_criteria; // the settings' own, else the built-in ones in the texts' language
    RunOptions m_options;
    std::vector<WorkItem> m_work;
    std::map<std::int64_t, PairState> m_pairs;
    LabelProgress m_progress;
};

} // namespace rlthf::judge

Q_DECLARE_METATYPE(rlthf::judge::LabelProgress)
