#include "ui/StudioBenchmark.h"

#include "document/ProjectDocument.h"
#include "document/ProjectTask.h"
#include "judge/ScriptedServer.h"
#include "ui/MainWindow.h"
#include "ui/judge/AiLabelling.h"
#include "ui/review/ReviewPanel.h"
#include "ui/review/ReviewSession.h"
#include "ui/tasks/TaskRunner.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

namespace rlthf::ui {

namespace {

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * double(values.size()))) - 1;
    return values[std::min(rank, values.size() - 1)];
}

QString taskName(BenchmarkLoad::Task task) {
    switch (task) {
    case BenchmarkLoad::Task::Import:
        return QStringLiteral("import");
    case BenchmarkLoad::Task::Retrain:
        return QStringLiteral("retrain");
    case BenchmarkLoad::Task::Propagate:
        return QStringLiteral("propagate");
    case BenchmarkLoad::Task::Label:
        return QStringLiteral("AI labelling");
    case BenchmarkLoad::Task::None:
        break;
    }
    return {};
}

// Lets the window finish what the last item left it (text layout, repaints of the queue and
// the status bar) for 10 ms, as it would while an expert reads: presses come no faster.
void letWindowSettle() {
    QElapsedTimer idle;
    idle.start();
    while (idle.elapsed() < 10)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
}

// Presses the key on the panel and waits until the session has written what it asked
// for (the next item is shown only then); returns the milliseconds until it was drawn.
double pressAndWait(review::ReviewPanel* panel, review::ReviewSession* session, Qt::Key key,
                    Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    letWindowSettle();
    QElapsedTimer clock;
    clock.start();
    QTest::keyClick(panel, key, modifiers);
    while (session->isWriting())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    panel->repaint();
    return double(clock.nsecsElapsed()) / 1e6;
}

void waitFor(int ms) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

// Keeps one long task running on the project, from the window's task runner or as an
// `rlthf` process, and starts it again whenever it ends.
class LoadRunner {
  public:
    LoadRunner(MainWindow& window, QString project, const BenchmarkLoad& load)
        : m_window(window), m_project(std::move(project)), m_load(load) {
        if (load.task == BenchmarkLoad::Task::Label)
            m_judge = std::make_unique<judge::ScriptedServer>(judge::steadyJudge(kJudgeDelay));
    }
    ~LoadRunner() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
        if (m_window.taskRunner()->isRunning())
            m_window.taskRunner()->cancel();
    }

    bool running() const {
        return m_load.from == BenchmarkLoad::From::Process
                   ? m_process.state() != QProcess::NotRunning
                   : m_window.taskRunner()->isRunning();
    }
    int runs() const { return m_runs; }
    const QString& problem() const { return m_problem; }

    // Starts the task; for a process, waits until it is past loading its libraries.
    bool start() {
        if (m_runs > 0 && m_load.from == BenchmarkLoad::From::Process &&
            (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0)) {
            m_problem =
                QStringLiteral("the task failed: %1")
                    .arg(QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed());
            return false;
        }
        const QString file = m_load.importFiles.isEmpty()
                                 ? QString()
                                 : m_load.importFiles[m_runs % m_load.importFiles.size()];
        ++m_runs;
        if (m_load.from == BenchmarkLoad::From::Process) {
            QStringList args;
            if (m_load.task == BenchmarkLoad::Task::Label)
                args = {QStringLiteral("label"),      QStringLiteral("--db"),
                        m_project,                    QStringLiteral("--endpoint"),
                        m_judge->baseUrl(),           QStringLiteral("--model"),
                        QString::fromLatin1(kJudgeModel), QStringLiteral("--concurrency"),
                        QString::number(kJudgeConcurrency)};
            else if (m_load.task == BenchmarkLoad::Task::Import)
                args = {QStringLiteral("import"),   QStringLiteral("--db"),  m_project,
                        QStringLiteral("--format"), QStringLiteral("pairs"), file};
            else
                args = {taskName(m_load.task), QStringLiteral("--db"), m_project};
            m_process.start(m_load.rlthfProgram, args);
            if (!m_process.waitForStarted(10000)) {
                m_problem = QStringLiteral("cannot run %1").arg(m_load.rlthfProgram);
                return false;
            }
            waitFor(kProcessWarmUpMs);
            return true;
        }
        if (m_load.task == BenchmarkLoad::Task::Label)
            return startLabelling();
        auto settings = m_window.projectDocument()->loopSettings();
        if (!settings) {
            m_problem = QString::fromStdString(settings.message());
            return false;
        }
        TaskRunner* tasks = m_window.taskRunner();
        data::ImportOptions options;
        options.format = data::Format::Pairs;
        const bool started = m_load.task == BenchmarkLoad::Task::Import
                                 ? tasks->startImport(m_project, {file}, options)
                             : m_load.task == BenchmarkLoad::Task::Retrain
                                 ? tasks->startRetrain(m_project, *settings)
                                 : tasks->startPropagate(m_project, *settings);
        if (!started)
            m_problem =
                QStringLiteral("the window did not start the %1").arg(taskName(m_load.task));
        return started;
    }

  private:
    bool startLabelling() {
        document::ProjectDocument* project = m_window.projectDocument();
        auto settings = project->judgeSettings();
        if (!settings) {
            m_problem = QString::fromStdString(settings.message());
            return false;
        }
        settings->endpoint = m_judge->baseUrl().toStdString();
        settings->model = kJudgeModel;
        settings->concurrency = kJudgeConcurrency;
        if (!m_window.aiLabelling()->start(*project, *settings, 0.0)) {
            m_problem = QStringLiteral("the window did not start the AI labelling");
            return false;
        }
        return true;
    }

    // `rlthf` takes about a second to load LibTorch before it touches the project.
    static constexpr int kProcessWarmUpMs = 1500;
    // A judge that answers in 20 ms, 8 requests at a time: 400 answers a second, each
    // stored in its own short write.
    static constexpr std::chrono::milliseconds kJudgeDelay{20};
    static constexpr int kJudgeConcurrency = 8;
    static constexpr const char* kJudgeModel = "scripted-judge";
    std::unique_ptr<judge::ScriptedServer> m_judge;
    MainWindow& m_window;
    QString m_project;
    const BenchmarkLoad& m_load;
    QProcess m_process;
    int m_runs = 0;
    QString m_problem;
};

// Presses verdict keys (and, when the queue runs out, undo) while the load runs; every
// press writes, and each is timed from the key to the next item drawn.
void pressUnderLoad(MainWindow& window, int presses, LoadRunner& load, BenchmarkFigures& figures) {
    review::ReviewPanel* panel = window.reviewPanel();
    review::ReviewSession* session = window.reviewSession();
    QObject::connect(session, &review::ReviewSession::error, [&figures](const QString& message) {
        if (figures.errors++ == 0)
            figures.firstError = message;
    });
    const Qt::Key keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_S};
    bool undoing = false;
    for (int i = 0; static_cast<int>(figures.keyToDrawnMs.size()) + figures.errors < presses; ++i) {
        if (!load.running() && !load.start()) {
            figures.error = load.problem();
            return;
        }
        if (session->current() < 0 && session->undoStack()->canUndo())
            undoing = true;
        if (undoing && !session->undoStack()->canUndo())
            undoing = false;
        if (!undoing && session->current() < 0) {
            figures.error =
                QStringLiteral("the review queue is empty (run Retrain & Rescore first)");
            return;
        }
        const qint64 before = session->current();
        const double ms = undoing ? pressAndWait(panel, session, Qt::Key_Z, Qt::ControlModifier)
                                  : pressAndWait(panel, session, keys[i % 3]);
        if (session->current() != before)
            figures.keyToDrawnMs.push_back(ms);
        QCoreApplication::processEvents(); // the task's progress and results arrive between presses
    }
}

} // namespace

BenchmarkFigures runStudioBenchmark(const QString& projectPath, int presses,
                                    const BenchmarkLoad& load) {
    BenchmarkFigures figures;
    QTemporaryDir dir;
    const QString copy = dir.filePath(QFileInfo(projectPath).fileName());
    const Status copied = !dir.isValid() ? Status(Error{"no temporary folder"})
                                         : document::copyProject(projectPath, copy);
    if (!copied) {
        figures.error = QStringLiteral("cannot copy %1 to a temporary folder: %2")
                            .arg(projectPath, QString::fromStdString(copied.message()));
        return figures;
    }

    if (load.task == BenchmarkLoad::Task::Label) {
        // The pairs the judge is asked about, imported before anything is measured.
        const Status imported = [&]() -> Status {
            auto task = document::ProjectTask::begin(copy, "import");
            if (!task)
                return task.error();
            std::vector<std::string> inputs;
            for (const QString& file : load.importFiles)
                inputs.push_back(file.toStdString());
            data::ImportOptions options;
            options.format = data::Format::Pairs;
            auto report = task->import(inputs, options, {});
            return report ? Status() : Status(report.error());
        }();
        if (!imported) {
            figures.error = QStringLiteral("cannot import the pairs to label: %1")
                                .arg(QString::fromStdString(imported.message()));
            return figures;
        }
    }

    MainWindow window;
    window.setInteractive(false);
    window.resize(1400, 860);
    window.show();
    QCoreApplication::processEvents();

    QString whyNot;
    QObject::connect(&window, &MainWindow::projectOpenFailed,
                     [&whyNot](const QString& message) { whyNot = message; });
    QElapsedTimer clock;
    clock.start();
    if (!window.openProject(copy)) {
        figures.error = QStringLiteral("cannot open %1: %2").arg(projectPath, whyNot);
        return figures;
    }
    review::ReviewPanel* panel = window.reviewPanel();
    panel->repaint();
    figures.openMs = double(clock.nsecsElapsed()) / 1e6;
    window.reviewSession()->setAnnotator(QStringLiteral("benchmark"));
    panel->setFocus();

    if (load.task != BenchmarkLoad::Task::None) {
        figures.taskName = taskName(load.task) + (load.from == BenchmarkLoad::From::Process
                                                      ? QStringLiteral(" (an rlthf process)")
                                                      : QStringLiteral(" (from the window)"));
        LoadRunner runner(window, copy, load);
        pressUnderLoad(window, presses, runner, figures);
        figures.taskRuns = runner.runs();
        return figures;
    }

    // 1, 2 and skip in turn: every press records a verdict and moves to the next item.
    const Qt::Key keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_S, Qt::Key_Right, Qt::Key_Left};
    for (int i = 0; i < presses; ++i) {
        const qint64 before = window.reviewSession()->current();
        if (before < 0)
            break; // the queue is done
        const double ms = pressAndWait(panel, window.reviewSession(), keys[i % 5]);
        if (window.reviewSession()->current() != before)
            figures.keyToDrawnMs.push_back(ms);
        QCoreApplication::processEvents(); // timers and queued updates run between presses
    }
    return figures;
}

QString describe(const BenchmarkFigures& f) {
    if (!f.error.isEmpty())
        return f.error;
    if (f.keyToDrawnMs.empty())
        return QStringLiteral("open %1 ms; the review queue is empty (run Retrain & Rescore first)")
            .arg(f.openMs, 0, 'f', 0);
    const QString during =
        f.taskName.isEmpty()
            ? QString()
            : QStringLiteral(" while %1 ran (%2 runs), %3 errors%4")
                  .arg(f.taskName)
                  .arg(f.taskRuns)
                  .arg(f.errors)
                  .arg(f.firstError.isEmpty() ? QString()
                                              : QStringLiteral(" (first: %1)").arg(f.firstError));
    return QStringLiteral("open %1 ms; verdict key press to next item drawn over %2 presses%6: "
                          "p50 %3 ms, p99 %4 ms, max %5 ms")
        .arg(f.openMs, 0, 'f', 0)
        .arg(f.keyToDrawnMs.size())
        .arg(percentile(f.keyToDrawnMs, 0.50), 0, 'f', 2)
        .arg(percentile(f.keyToDrawnMs, 0.99), 0, 'f', 2)
        .arg(*std::max_element(f.keyToDrawnMs.begin(), f.keyToDrawnMs.end()), 0, 'f', 2)
        .arg(during);
}

} // namespace rlthf::ui
