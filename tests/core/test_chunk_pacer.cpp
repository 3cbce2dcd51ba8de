// A long task's chunks hold the write lock for the budget, their commit included.

#include "store/ChunkPacer.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>

using rlthf::store::ChunkPacer;
using us = std::chrono::microseconds;

namespace {

// Feeds chunks whose commit costs `commitPerWrite` times their writes, each written for
// the pacer's budget, and returns the hold the last one had.
us settle(ChunkPacer& pacer, double commitPerWrite, int chunks = 64) {
    us hold{0};
    for (int i = 0; i < chunks; ++i) {
        const us write = pacer.writeBudget();
        const us commit(static_cast<us::rep>(write.count() * commitPerWrite));
        pacer.record(write, commit);
        hold = write + commit;
    }
    return hold;
}

} // namespace

TEST_CASE("a chunk's writes leave room for its commit in the hold budget", "[store][batch]") {
    const auto budget = ChunkPacer::kHoldBudget.count();
    ChunkPacer pacer;
    // Commits as costly as the writes: half the budget each.
    auto hold = settle(pacer, 1.0);
    CHECK(hold.count() >= budget * 9 / 10);
    CHECK(hold.count() <= budget * 11 / 10);
    // Commits twice as costly as the writes (random index leaves): a third for writing.
    hold = settle(pacer, 2.0);
    CHECK(pacer.writeBudget().count() >= budget * 3 / 10);
    CHECK(pacer.writeBudget().count() <= budget * 11 / 30);
    CHECK(hold.count() <= budget * 11 / 10);
    // Cheap commits (rows appended in order): nearly the whole budget for writing.
    hold = settle(pacer, 0.05);
    CHECK(pacer.writeBudget().count() >= budget * 9 / 10);
    CHECK(hold.count() <= budget * 11 / 10);
}

TEST_CASE("the write budget stays within the hold budget, above its least, and one slow commit "
          "moves it a little",
          "[store][batch]") {
    ChunkPacer pacer;
    settle(pacer, 1000.0);
    CHECK(pacer.writeBudget() == ChunkPacer::kMinWrite);
    settle(pacer, 0.0, 200);
    CHECK(pacer.writeBudget() >= ChunkPacer::kHoldBudget - us{10});
    CHECK(pacer.writeBudget() <= ChunkPacer::kHoldBudget);

    ChunkPacer steady;
    settle(steady, 1.0);
    const us before = steady.writeBudget();
    steady.record(before, us{50'000}); // the disk stalled once for 50 ms
    CHECK(steady.writeBudget() < before);
    CHECK(steady.writeBudget() >= ChunkPacer::kMinWrite);
    settle(steady, 1.0);
    CHECK(std::abs((steady.writeBudget() - before).count()) <= 10);
}
