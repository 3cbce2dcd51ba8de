#pragma once
// Starts a judge or embedding run and spins the test's event loop until it finishes.

#include "judge/ConcurrentRun.h"

#include <catch2/catch.hpp>

#include <QEventLoop>
#include <QTimer>

namespace rlthf::test {

// Fails the test when the run has not finished within 20 s.
inline void runToEnd(judge::ConcurrentRun& run) {
    QEventLoop loop;
    QObject::connect(&run, &judge::ConcurrentRun::finished, &loop, &QEventLoop::quit);
    bool timedOut = false;
    QTimer::singleShot(20'000, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    run.start();
    loop.exec();
    REQUIRE_FALSE(timedOut);
}

} // namespace rlthf::test
