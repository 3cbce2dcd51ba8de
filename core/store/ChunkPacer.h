#pragma once
// How long a long task's chunk may write before it commits, so that the write lock is held
// about kHoldBudget in all, its commit included.
//
// A chunk's commit writes the pages its rows dirtied into the log while still holding the
// lock, and its cost grows with them: an import into a 1,000,596-pair project with 16 KiB
// pages took a median 3.7 ms to commit 4 ms of writes (random leaves of the content-hash
// index), so a verdict waited for twice the budget it was promised. The pacer learns the
// task's commit cost per millisecond of writing and leaves room for it.

#include <algorithm>
#include <chrono>

namespace rlthf::store {

class ChunkPacer {
  public:
    using Duration = std::chrono::microseconds;

    // The write lock's hold per chunk, commit included. Verdicts during that import, runs
    // taken in turn: p99 18.3 and 18.8 ms with 2 ms, 20.7 and 21.4 ms with 3 ms, 44.9-46.7 ms
    // before (4 ms of writes, the commit not counted).
    static constexpr Duration kHoldBudget{2000};
    // The least write budget, whatever the commits cost: below it a chunk's fixed costs (its
    // sync, a checkpoint every second one) would dominate.
    static constexpr Duration kMinWrite = kHoldBudget / 8;

    // Until the first commit is measured, a commit is assumed to cost what the writes did.
    Duration writeBudget() const {
        const double share = m_writeAverage / (m_writeAverage + m_commitAverage);
        const auto budget = Duration(static_cast<Duration::rep>(kHoldBudget.count() * share));
        return std::max(budget, kMinWrite);
    }

    // One chunk's time writing (from its begin to its last write) and committing.
    void record(Duration write, Duration commit) {
        m_writeAverage += kWeight * (static_cast<double>(write.count()) - m_writeAverage);
        m_commitAverage += kWeight * (static_cast<double>(commit.count()) - m_commitAverage);
    }

  private:
    // Recent chunks weigh most; one slow commit (the disk's worst moment) moves the budget
    // only by an eighth of its excess.
    static constexpr double kWeight = 1.0 / 8;
    double m_writeAverage = 1000;
    double m_commitAverage = 1000;
};

} // namespace rlthf::store
