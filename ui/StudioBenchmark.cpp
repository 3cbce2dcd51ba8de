#include "ui/StudioBenchmark.h"

#include "store/Backup.h"
#include "ui/MainWindow.h"
#include "ui/review/ReviewPanel.h"
#include "ui/review/ReviewSession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>

namespace rlthf::ui {

namespace {

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * double(values.size()))) - 1;
    return values[std::min(rank, values.size() - 1)];
}

} // namespace

BenchmarkFigures runStudioBenchmark(const QString& projectPath, int presses) {
    BenchmarkFigures figures;
    QTemporaryDir dir;
    const QString copy = dir.filePath(QFileInfo(projectPath).fileName());
    // Through SQLite's backup API: a file copy would miss what is still in the -wal, and
    // closing its descriptor would drop the locks of any connection this process has open.
    // Opened for writing only so that, as the last connection, it leaves no -wal behind;
    // the backup itself never writes to the source.
    auto source =
        store::Database::open(projectPath.toStdString(), store::Database::Mode::ReadWrite);
    const Status copied = !dir.isValid() ? Status(Error{"no temporary folder"})
                          : !source      ? Status(source.error())
                                         : store::backupDatabase(*source, copy.toStdString());
    if (!copied) {
        figures.error = QStringLiteral("cannot copy %1 to a temporary folder: %2")
                            .arg(projectPath, QString::fromStdString(copied.message()));
        return figures;
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

    // 1, 2 and skip in turn: every press records a verdict and moves to the next item.
    const Qt::Key keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_S, Qt::Key_Right, Qt::Key_Left};
    for (int i = 0; i < presses; ++i) {
        const qint64 before = window.reviewSession()->current();
        if (before < 0)
            break; // the queue is done
        clock.restart();
        QTest::keyClick(panel, keys[i % 5]);
        panel->repaint();
        const double ms = double(clock.nsecsElapsed()) / 1e6;
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
    return QStringLiteral("open %1 ms; verdict key press to next item drawn over %2 presses: "
                          "p50 %3 ms, p99 %4 ms, max %5 ms")
        .arg(f.openMs, 0, 'f', 0)
        .arg(f.keyToDrawnMs.size())
        .arg(percentile(f.keyToDrawnMs, 0.50), 0, 'f', 2)
        .arg(percentile(f.keyToDrawnMs, 0.99), 0, 'f', 2)
        .arg(*std::max_element(f.keyToDrawnMs.begin(), f.keyToDrawnMs.end()), 0, 'f', 2);
}

} // namespace rlthf::ui
