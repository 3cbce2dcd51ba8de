#pragma once
// `rlthf-studio --benchmark PROJECT`: opens a copy of the project in the real window,
// replays verdict key presses through the real widgets and measures the time to open
// and the time from each key press to the next item drawn.

#include <QString>

#include <vector>

namespace rlthf::ui {

struct BenchmarkFigures {
    double openMs = 0.0;
    std::vector<double> keyToDrawnMs; // one per verdict that moved to a next item
    QString error;
};

// Works on a temporary copy, so the project itself is left as it was.
BenchmarkFigures runStudioBenchmark(const QString& projectPath, int presses);

// "open 412 ms; verdict → next item drawn over 1000 presses: p50 3.1 ms, p99 7.9 ms, max 12.0 ms"
QString describe(const BenchmarkFigures& figures);

} // namespace rlthf::ui
