#pragma once
// `rlthf-studio --benchmark PROJECT`: opens a copy of the project in the real window,
// replays verdict key presses through the real widgets and measures the time to open
// and the time from each key press to the next item drawn.

#include <QString>
#include <QStringList>
#include <vector>

namespace rlthf::ui {

// A long task kept running while the verdicts are pressed.
struct BenchmarkLoad {
    // Label: AI labelling of the pairs in `importFiles` (imported into the copy, without
    // labels, before the presses) against a scripted judge on 127.0.0.1.
    enum class Task { None, Import, Retrain, Propagate, Label };
    enum class From { Window, Process };
    Task task = Task::None;
    From from = From::Window;
    QStringList importFiles; // Import: the `pairs` files imported, in turn; Label: see above
    QString rlthfProgram;    // for From::Process: the `rlthf` to run
};

struct BenchmarkFigures {
    double openMs = 0.0;
    std::vector<double> keyToDrawnMs; // one per press that recorded or undid a verdict
    int errors = 0;                   // presses the window reported as not recorded
    QString firstError;
    int taskRuns = 0; // times the long task was started
    QString taskName;
    QString error;
};

// Works on a temporary copy, so the project itself is left as it was. With a load, only
// presses made while the task runs are counted; the task is started again when it ends
// before all presses are made. When the queue runs out, its verdicts are undone (each undo
// also a write, and measured) and reviewing starts over.
BenchmarkFigures runStudioBenchmark(const QString& projectPath, int presses,
                                    const BenchmarkLoad& load = {});

// "open 412 ms; verdict key press to next item drawn over 1000 presses: p50 3.1 ms, …"
QString describe(const BenchmarkFigures& figures);

} // namespace rlthf::ui
