#include "FactoryProject.h"
#include "PosixLocks.h"
#include "TempDir.h"
#include "data/Importer.h"
#include "demo/DemoProject.h"
#include "demo/FactoryGenerator.h"
#include "document/ProjectDocument.h"
#include "loop/LoopSettings.h"
#include "loop/ProjectLoop.h"
#include "store/Project.h"
#include "ui/MainWindow.h"
#include "ui/PairTableModel.h"
#include "ui/QueueModel.h"
#include "ui/QueuePanel.h"
#include "ui/StartPage.h"
#include "ui/charts/CurveChartView.h"
#include "ui/i18n/Language.h"
#include "ui/review/AnnotatorPrompt.h"
#include "ui/review/ReviewPanel.h"
#include "ui/review/ReviewSession.h"
#include "ui/tasks/TaskRunner.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QImage>
#include <QInputDialog>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using rlthf::test::posixLocksHeldOn;
using rlthf::test::TempDir;
using namespace rlthf;

namespace {

// A generated factory project; the loop trains long enough to be cancelled mid-way.
QString factoryProject(const TempDir& dir, std::size_t pairs, int maxEpochs) {
    const auto path = dir.file("w.rlthf");
    auto project = rlthf::test::importFactoryProject(path, pairs).project;
    loop::LoopSettings settings;
    settings.shardFraction = 1.0;
    settings.engine.train.maxEpochs = maxEpochs;
    settings.engine.train.patience = maxEpochs; // no early stop: a run long enough to cancel
    settings.engine.train.threads = 1;
    REQUIRE(loop::saveLoopSettings(project, settings));
    return QString::fromStdString(path);
}

// The same after one iteration: a curve, a history and a queue to show.
QString iteratedFactoryProject(const TempDir& dir, std::size_t pairs, int maxEpochs) {
    const QString path = factoryProject(dir, pairs, maxEpochs);
    auto project = store::Project::open(path.toStdString());
    REQUIRE(project);
    auto settings = loop::loadLoopSettings(*project);
    REQUIRE(settings);
    REQUIRE(loop::runProjectIteration(project->db(), *settings));
    return path;
}

std::int64_t iterations(const QString& path) {
    auto project = store::Project::open(path.toStdString());
    REQUIRE(project);
    return project->db().scalar("SELECT count(*) FROM iterations")->value();
}

// A window as an expert has it: an annotator set, shown, the project open.
void openInWindow(ui::MainWindow& window, const QString& path) {
    window.setInteractive(false);
    window.setAnnotator(QStringLiteral("kato"));
    window.show();
    REQUIRE(window.openProject(path));
}

// Model ▸ Retrain & Rescore, waited for; what the window said when it finished.
QString retrainAndWait(ui::MainWindow& window) {
    QSignalSpy finished(&window, &ui::MainWindow::taskFinished);
    window.retrainAction()->trigger();
    REQUIRE(finished.wait(120000));
    REQUIRE(finished.front().at(0).toBool());
    return finished.front().at(1).toString();
}

// The demo project, open in a window with an annotator set: the tests' first session.
struct DemoWindow {
    TempDir dir;
    std::string path = dir.file("factory-qa.rlthf");
    ui::MainWindow window;

    explicit DemoWindow(QSize size = {}) {
        REQUIRE(demo::createDemoProject(path));
        if (size.isValid())
            window.resize(size);
        openInWindow(window, QString::fromStdString(path));
    }
};

} // namespace

TEST_CASE(
    "Retrain from the menu reports progress and finishes, and a second run is cancelled cleanly",
    "[ui][workstation]") {
    TempDir dir;
    const QString path = factoryProject(dir, 1500, 40);
    ui::MainWindow window;
    openInWindow(window, path);
    CHECK(window.reviewSession()->current() == -1); // no model yet, nothing queued

    QSignalSpy progress(window.taskRunner(), &ui::TaskRunner::progress);
    QSignalSpy finished(&window, &ui::MainWindow::taskFinished);
    QSignalSpy charts(&window, &ui::MainWindow::chartsRefreshed);
    window.retrainAction()->trigger();
    CHECK_FALSE(window.retrainAction()->isEnabled()); // one run at a time
    // The window stays responsive: its event loop runs while the model trains.
    REQUIRE(finished.wait(120000));
    CHECK(finished.front().at(0).toBool());
    CHECK(progress.size() >= 3);
    CHECK(iterations(path) == 1);
    CHECK(window.retrainAction()->isEnabled());
    // The queue refreshed and the first item is in front of the expert.
    CHECK(window.reviewSession()->current() > 0);
    CHECK(window.queuePanel()->model()->rowCount() > 0);
    // The chart is read on a worker thread after the run.
    for (int waited = 0; !window.curveChart()->hasCurve() && waited < 300; ++waited)
        charts.wait(100);
    CHECK(window.curveChart()->hasCurve());

    // A verdict by keyboard while the second run trains, then cancel it.
    finished.clear();
    progress.clear();
    window.retrainAction()->trigger();
    REQUIRE(progress.wait(60000));
    const qint64 judged = window.reviewSession()->current();
    QTest::keyClick(window.reviewPanel(), Qt::Key_1);
    // Written on the document's writer thread while the retrain runs; then the next item.
    CHECK(QTest::qWaitFor([&] { return !window.reviewSession()->isWriting(); }, 10000));
    CHECK(window.reviewSession()->current() != judged);
    window.taskRunner()->cancel();
    REQUIRE(finished.wait(60000));
    CHECK_FALSE(finished.front().at(0).toBool());
    CHECK(iterations(path) == 1);
    auto project = store::Project::open(path.toStdString());
    REQUIRE(project);
    CHECK(project->db()
              .scalar("SELECT count(*) FROM label_events WHERE source = 'human' "
                      "AND annotator = 'kato'")
              ->value() == 1);
}

TEST_CASE("The main window with its chart renders to a PNG", "[ui][workstation]") {
    TempDir dir;
    const QString path = iteratedFactoryProject(dir, 1200, 6);
    ui::MainWindow window;
    window.setInteractive(false);
    window.resize(1400, 860);
    window.show();
    QSignalSpy charts(&window, &ui::MainWindow::chartsRefreshed);
    REQUIRE(window.openProject(path));
    REQUIRE(charts.wait(30000));
    QCoreApplication::processEvents();
    REQUIRE(window.curveChart()->hasCurve());
    CHECK(window.curveChart()->curveSeries()->count() > 100);
    CHECK(window.reviewPanel()->pairId() == window.reviewSession()->current());
    const QImage image = window.grab().toImage();
    const QString out = QCoreApplication::applicationDirPath() + QStringLiteral("/main-window.png");
    REQUIRE(image.save(out));
    CHECK(image.width() >= 1400);
    CHECK(QImage(out).height() == image.height());
}

TEST_CASE("While a project's charts are read the chart says so, and says when they cannot be "
          "read",
          "[ui][workstation]") {
    TempDir dir;
    const QString path = iteratedFactoryProject(dir, 600, 4);
    // Found on a 1,000,000-pair project: for the seconds its curve took to read, the chart
    // said there was none and to run an iteration first.
    // The chart's titles from the project's opening until its charts are read.
    auto openAndWatch = [&](ui::MainWindow& window, QStringList& titles) {
        QSignalSpy charts(&window, &ui::MainWindow::chartsRefreshed);
        QObject::connect(window.curveChart(), &ui::CurveChartView::rebuilt, &window, [&] {
            if (window.reviewSession()) // the project being opened, not the one closed before
                titles << window.curveChart()->chart()->title();
        });
        openInWindow(window, path);
        REQUIRE(charts.wait(30000));
    };
    {
        QStringList titles; // outlives the window, whose closing draws the chart again
        ui::MainWindow window;
        openAndWatch(window, titles);
        INFO(titles.join(QLatin1Char('|')).toStdString());
        REQUIRE(titles.size() == 2);
        CHECK(titles.front().startsWith(QLatin1String("Reading the reward-margin curve")));
        CHECK(titles.back().startsWith(QLatin1String("Iteration 1")));
        CHECK(window.curveChart()->hasCurve());
    }
    {
        auto project = store::Project::open(path.toStdString());
        REQUIRE(project);
        REQUIRE(project->db().execute("UPDATE iterations SET metrics = '{\"beta\": '"));
    }
    QStringList titles;
    ui::MainWindow window;
    openAndWatch(window, titles);
    INFO(titles.join(QLatin1Char('|')).toStdString());
    CHECK_FALSE(window.curveChart()->hasCurve());
    CHECK(window.curveChart()->placeholder() == ui::ChartPlaceholder::Unreadable);
    CHECK(window.curveChart()->chart()->title().contains(QLatin1String("could not be read")));
    CHECK(window.statusBar()->currentMessage().startsWith(
        QLatin1String("The charts could not be read: ")));
}

TEST_CASE("A first open asks the name over the project's first pair, its curve read meanwhile",
          "[ui][workstation]") {
    TempDir dir;
    const QString path = iteratedFactoryProject(dir, 600, 4);
    ui::review::setAnnotatorName({}); // this account has not given a name yet
    ui::MainWindow window;
    window.setInteractive(true);
    window.show();
    // Found on a 1,000,596-pair project: the prompt showed over "No pair to review" and an
    // empty chart, and the curve was only read once the name was typed.
    qint64 pairBehindPrompt = -1;
    bool curveBehindPrompt = false;
    QTimer answer;
    int polls = 0;
    QObject::connect(&answer, &QTimer::timeout, &window, [&] {
        auto* prompt = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        if (!prompt || (!window.curveChart()->hasCurve() && ++polls < 400))
            return; // the curve may take a while on a slow machine: up to 20 s
        answer.stop();
        pairBehindPrompt = window.reviewPanel()->pairId();
        curveBehindPrompt = window.curveChart()->hasCurve();
        prompt->setTextValue(QStringLiteral("kato"));
        prompt->accept();
    });
    answer.start(50);
    REQUIRE(window.openProject(path));
    CHECK(pairBehindPrompt > 0);
    CHECK(pairBehindPrompt == window.reviewSession()->current());
    CHECK(curveBehindPrompt);
    CHECK(window.reviewSession()->annotator() == QStringLiteral("kato"));
}

TEST_CASE("File > Save a Copy copies on a worker thread while the window goes on, one copy at "
          "a time",
          "[ui][workstation]") {
    TempDir dir;
    const QString path = factoryProject(dir, 300, 4);
    ui::MainWindow window;
    openInWindow(window, path);
    const QString copy = QString::fromStdString(dir.file("copy.rlthf"));
    const QString second = QString::fromStdString(dir.file("second.rlthf"));
    QSignalSpy saved(&window, &ui::MainWindow::copySaved);
    // Found on a 1,000,596-pair project: the copy was made on the window's thread, which
    // stood still meanwhile.
    window.saveCopy(copy);
    CHECK(saved.isEmpty()); // the answer comes through the window's event loop
    CHECK_FALSE(window.saveCopyAction()->isEnabled());
    window.saveCopy(second); // refused while the first runs
    REQUIRE(saved.wait(30000));
    CHECK(saved.size() == 1);
    CHECK(saved.front().at(0).toString() == copy);
    CHECK(window.saveCopyAction()->isEnabled());
    CHECK_FALSE(QFileInfo::exists(second));
    // A whole project of its own in one file, with nothing left under a temporary name.
    CHECK_FALSE(QFileInfo::exists(copy + QStringLiteral("-wal")));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
    auto copied = store::Project::open(copy.toStdString());
    REQUIRE(copied);
    CHECK(copied->db().scalar("SELECT count(*) FROM pairs")->value() == window.pairCount());
}

TEST_CASE("A dropped-in file is imported with a report of every rejected line",
          "[ui][workstation]") {
    TempDir dir;
    const QString path = factoryProject(dir, 50, 6);
    const auto input = dir.file("more.jsonl");
    {
        std::ofstream out(input);
        out << R"({"prompt":"Torque 12 Nm ±1?","chosen":"Reject: 14 Nm is out.","rejected":"Fine."})"
            << '\n'
            << "not json\n"
            << R"({"prompt":"Burr on flange?","chosen":"Quarantine the lot.","rejected":"Ship it."})"
            << '\n'
            << R"({"prompt":3,"chosen":"a","rejected":"b"})" << '\n';
    }
    ui::MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(path));
    const qint64 before = window.pairCount();
    QSignalSpy results(window.taskRunner(), &ui::TaskRunner::finished);
    REQUIRE(window.importFiles({QString::fromStdString(input)}));
    REQUIRE(results.wait(30000));
    const auto result = results.front().at(0).value<ui::TaskResult>();
    CHECK(result.ok);
    CHECK(result.counts.imported == 2);
    REQUIRE(result.details.size() == 2);
    CHECK(result.details[0].startsWith(QString::fromStdString(input) +
                                       QStringLiteral(":2: invalid JSON")));
    CHECK(result.details[1].startsWith(QString::fromStdString(input) +
                                       QStringLiteral(":4: field \"prompt\"")));
    // Counted again on a worker thread.
    CHECK(QTest::qWaitFor([&] { return window.pairCount() == before + 2; }, 10000));
}

TEST_CASE("The project's own file, dropped in under a data file's name, is refused before it is "
          "opened, and the project keeps its locks",
          "[ui][workstation][safety]") {
    TempDir dir;
    const QString path = factoryProject(dir, 50, 6);
    ui::MainWindow window;
    window.setInteractive(false);
    QSignalSpy charts(&window, &ui::MainWindow::chartsRefreshed);
    REQUIRE(window.openProject(path));
    // The charts are read on a connection of their own, whose locks come and go: counted
    // once it is closed, the locks are the window's own (a count taken meanwhile failed once
    // in a clean clone's run).
    REQUIRE(charts.wait(20000));
    // SQLite's lock on the database file is what tells another process's closing connection
    // that it is not the last one, and so must leave the log in place.
    const int held = posixLocksHeldOn(path.toStdString());
    REQUIRE(held > 0);
    const std::string disguised = dir.file("pairs.jsonl");
    std::filesystem::create_symlink(path.toStdString(), disguised);
    // Telling its format would have read it, and closing that descriptor drops the lock.
    CHECK_FALSE(window.importFiles({QString::fromStdString(disguised)}));
    CHECK(posixLocksHeldOn(path.toStdString()) == held);
}

TEST_CASE("A retrain that finishes while a pair is on screen leaves it there, and the next key "
          "lands on it",
          "[ui][workstation]") {
    TempDir dir;
    const QString path = factoryProject(dir, 1500, 3);
    ui::MainWindow window;
    openInWindow(window, path);
    retrainAndWait(window);
    const qint64 shown = window.reviewSession()->current();
    REQUIRE(shown > 0);

    // The second iteration queues another batch; the pair on screen stays, unanswered.
    retrainAndWait(window);
    auto open = window.projectDocument()->openQueue(100000);
    REQUIRE(open);
    // (Seeded: the new batch does not hold it, so the old window would have swapped it.)
    CHECK(std::find(open->begin(), open->end(), shown) == open->end());
    CHECK(window.reviewSession()->current() == shown);
    CHECK(window.reviewPanel()->pairId() == shown);

    window.reviewPanel()->setFocus();
    QTest::keyClick(window.reviewPanel(), Qt::Key_2);
    REQUIRE(QTest::qWaitFor([&] { return !window.reviewSession()->isWriting(); }, 10000));
    auto project = store::Project::open(path.toStdString());
    REQUIRE(project);
    const auto judged = project->db().scalar(
        "SELECT pair_id FROM label_events WHERE source = 'human' ORDER BY id DESC LIMIT 1");
    REQUIRE(judged);
    CHECK(judged->value() == shown);
    CHECK(window.reviewSession()->current() != shown);
}

TEST_CASE("With no pair on screen, pairs the judge is unsure of while it labels come up for "
          "review at once, not only when the labelling ends",
          "[ui][workstation]") {
    TempDir dir;
    const QString path = factoryProject(dir, 300, 3);
    ui::MainWindow window;
    openInWindow(window, path);
    REQUIRE(window.reviewSession()->current() < 0); // nothing queued yet

    // What an AI labelling run writes from its worker: two orders that disagree on pair 7,
    // its AI label taken back.
    auto project = store::Project::open(path.toStdString());
    REQUIRE(project);
    REQUIRE(project->db().executeScript(R"sql(
INSERT INTO label_events(pair_id, source, action, revokes, created_at)
SELECT pair_id, 'ai', 'revoke', id, 'now' FROM label_events
WHERE pair_id = 7 AND source = 'ai' AND action = 'label';
INSERT INTO judge_answers(pair_id, order_shown, model, verdict, created_at)
VALUES (7, 'ab', 'm', 'a', 'now'), (7, 'ba', 'm', 'b', 'now');
)sql"));
    REQUIRE(QTest::qWaitFor([&] { return window.reviewSession()->current() == 7; }, 10000));
    CHECK(window.reviewPanel()->pairId() == 7);
}

TEST_CASE("A first session on the demo project, twenty verdicts and two retrains, reaches flips",
          "[ui][workstation]") {
    DemoWindow demoWindow;
    auto& window = demoWindow.window;
    const std::string& path = demoWindow.path;
    auto project = store::Project::open(path);
    REQUIRE(project);

    // The expert answers what the generator knows to be right, by keyboard, pair by pair.
    auto answerBatch = [&] {
        int answered = 0;
        while (window.reviewSession()->current() > 0) {
            const qint64 shown = window.reviewSession()->current();
            auto gold = project->db().prepare(
                "SELECT value FROM label_events WHERE pair_id = ? AND source = 'gold'",
                std::int64_t{shown});
            REQUIRE(gold);
            REQUIRE(gold->step().value());
            const bool a = gold->text(0) == "a";
            gold->reset();
            window.reviewPanel()->setFocus();
            QTest::keyClick(window.reviewPanel(), a ? Qt::Key_1 : Qt::Key_2);
            REQUIRE(QTest::qWaitFor(
                [&] {
                    return !window.reviewSession()->isWriting() &&
                           window.reviewSession()->current() != shown;
                },
                10000));
            ++answered;
        }
        return answered;
    };

    const int first = answerBatch();
    const QString second = retrainAndWait(window);
    CHECK_THAT(second.toStdString(), Catch::Contains("Flips withheld:") &&
                                         Catch::Contains("of 5 needed flip checks answered"));
    const int third = answerBatch();
    CHECK(first + third >= 18);
    CHECK(first + third <= 22);
    const QString last = retrainAndWait(window);
    CHECK_THAT(last.toStdString(), Catch::Contains("Flips applied:"));
    CHECK(project->db()
              .scalar("SELECT count(*) FROM active_labels WHERE source = 'flipped'")
              ->value_or(0) > 0);
}

TEST_CASE("The queue's short columns fit their headers and texts, the prompt takes the rest",
          "[ui][workstation]") {
    DemoWindow demoWindow(QSize(1280, 800));
    auto& window = demoWindow.window;
    auto* view = window.queuePanel()->findChild<QTableView*>(QStringLiteral("queueTable"));
    REQUIRE(view);
    QAbstractItemModel* model = view->model();
    REQUIRE(model->rowCount() > 0);
    const QFontMetrics metrics = view->fontMetrics();
    const QFontMetrics headerMetrics = view->horizontalHeader()->fontMetrics();
    for (const int column :
         {ui::QueueModel::PairColumn, ui::QueueModel::OrderColumn, ui::QueueModel::ReasonColumn}) {
        const QString header = model->headerData(column, Qt::Horizontal).toString();
        INFO(header.toStdString());
        CHECK(view->columnWidth(column) > headerMetrics.horizontalAdvance(header));
        for (int row = 0; row < model->rowCount(); ++row)
            CHECK(view->columnWidth(column) >
                  metrics.horizontalAdvance(model->index(row, column).data().toString()));
    }
    const QModelIndex prompt = model->index(0, ui::QueueModel::PromptColumn);
    CHECK(
        prompt.data(Qt::ToolTipRole).toString().contains(prompt.data().toString().toHtmlEscaped()));
    CHECK(view->columnWidth(ui::QueueModel::PromptColumn) > view->width() / 3);
}

TEST_CASE("View > Language changes the whole window at once, and back", "[ui][workstation][i18n]") {
    QSettings().remove(QStringLiteral("ui/language"));
    DemoWindow demoWindow;
    auto& window = demoWindow.window;
    auto* languages = window.findChild<ui::LanguageMenu*>();
    REQUIRE(languages);
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("curveDock"));
    REQUIRE(dock);
    QMenu* file = window.menuBar()->actions().front()->menu();
    REQUIRE(file);
    // Help, last: About RLTHF Studio (version and licence) and About Qt, in their menu roles.
    QMenu* help = window.menuBar()->actions().back()->menu();
    REQUIRE(help);
    REQUIRE(help->actions().size() == 2);
    CHECK(help->actions()[0]->menuRole() == QAction::AboutRole);
    CHECK(help->actions()[1]->menuRole() == QAction::AboutQtRole);
    QAbstractItemModel* queue = window.queuePanel()->model();
    auto* title = window.reviewPanel()->findChild<QLabel*>(QStringLiteral("reviewTitle"));
    REQUIRE(title);
    QAbstractItemModel* pairs = window.pairModel();
    REQUIRE(pairs->rowCount() > 0);
    auto texts = [&] {
        return QStringList{file->title(),
                           dock->windowTitle(),
                           queue->headerData(ui::QueueModel::PairColumn, Qt::Horizontal).toString(),
                           window.retrainAction()->text(),
                           languages->title(),
                           help->title(),
                           help->actions()[0]->text(),
                           title->text(),
                           pairs->index(0, ui::PairTableModel::SourceColumn).data().toString()};
    };
    const QStringList english = texts();
    CHECK(english.front() == QStringLiteral("&File"));

    languages->actionFor(QStringLiteral("ja"))->trigger();
    QCoreApplication::processEvents(); // LanguageChange is posted
    const QStringList japanese = texts();
    for (int i = 0; i < english.size(); ++i) {
        INFO(english[i].toStdString() << " / " << japanese[i].toStdString());
        CHECK(japanese[i] != english[i]);
    }
    CHECK(japanese.front() == QCoreApplication::translate("rlthf::ui::MainWindow", "&File"));
    // Dates and numbers follow the UI language too, whatever the system's locale.
    auto* model = window.findChild<QLabel*>(QStringLiteral("modelLabel"));
    REQUIRE(model);
    const QRegularExpression japaneseDate(QStringLiteral("\\d{4}/\\d{2}/\\d{2} \\d{1,2}:\\d{2}"));
    CHECK(QLocale().language() == QLocale::Japanese);
    CHECK(model->text().contains(japaneseDate)); // 2026/12/02 17:09, not "2 Dec 2026"

    languages->actionFor(QStringLiteral("en"))->trigger();
    QCoreApplication::processEvents();
    CHECK(texts() == english);
    CHECK(QLocale().language() == QLocale::English);
    CHECK_FALSE(model->text().contains(japaneseDate));
    QSettings().remove(QStringLiteral("ui/language"));
}

TEST_CASE("In the window, a key pressed while the next pair is loading lands on no pair",
          "[ui][workstation]") {
    DemoWindow demoWindow;
    auto& window = demoWindow.window;
    const std::string& path = demoWindow.path;
    const qint64 shown = window.reviewSession()->current();
    REQUIRE(shown > 0);

    // Another process holds the write lock: the verdict waits, the next pair with it.
    auto other = store::Database::open(path, store::Database::Mode::ReadWrite);
    REQUIRE(other);
    REQUIRE(other->executeScript("BEGIN IMMEDIATE"));
    window.reviewPanel()->setFocus();
    QTest::keyClick(window.reviewPanel(), Qt::Key_1);
    REQUIRE(window.reviewSession()->isWriting());
    QTest::keyClick(window.reviewPanel(), Qt::Key_2);
    CHECK_THAT(window.reviewPanel()->statusMessage().toStdString(), Catch::Contains("Key ignored"));
    CHECK(window.reviewPanel()->pairId() == shown);
    REQUIRE(other->executeScript("COMMIT"));
    REQUIRE(QTest::qWaitFor([&] { return !window.reviewSession()->isWriting(); }, 10000));
    const qint64 next = window.reviewSession()->current();
    CHECK(next != shown);

    auto project = store::Project::open(path);
    REQUIRE(project);
    auto verdicts = project->db().prepare(
        "SELECT pair_id, value FROM label_events WHERE source = 'human' ORDER BY id");
    REQUIRE(verdicts);
    REQUIRE(verdicts->step().value());
    CHECK(verdicts->int64(0) == shown);
    CHECK(verdicts->text(1) == "a");
    CHECK_FALSE(verdicts->step().value()); // the second key recorded nothing, on no pair
    CHECK(window.reviewPanel()->pairId() == next);
}

TEST_CASE("The counts follow verdicts during a retrain, and an undo after the last item replaces "
          "\"Queue done\"",
          "[ui][workstation]") {
    SECTION("Reviewed moves while the model trains") {
        TempDir dir;
        const QString path = factoryProject(dir, 1500, 3);
        ui::MainWindow window;
        openInWindow(window, path);
        retrainAndWait(window); // a first batch to answer
        QSignalSpy finished(&window, &ui::MainWindow::taskFinished);
        {
            // The second run trains long enough to outlast the count's refresh on a busy
            // machine; it is cancelled once the count has moved.
            auto project = store::Project::open(path.toStdString());
            REQUIRE(project);
            auto settings = loop::loadLoopSettings(*project);
            REQUIRE(settings);
            settings->engine.train.maxEpochs = 400;
            settings->engine.train.patience = 400;
            REQUIRE(loop::saveLoopSettings(*project, *settings));
        }
        QSignalSpy progress(window.taskRunner(), &ui::TaskRunner::progress);
        window.retrainAction()->trigger();
        REQUIRE(progress.wait(60000));
        window.reviewPanel()->setFocus();
        QTest::keyClick(window.reviewPanel(), Qt::Key_1);
        CHECK(QTest::qWaitFor(
            [&] {
                return window.statusCountsLabel()->text().contains(QStringLiteral("Reviewed 1"));
            },
            10000));
        CHECK(window.taskRunner()->isRunning()); // the count moved before the retrain ended
        window.taskRunner()->cancel();
        REQUIRE(finished.wait(60000));
    }
    SECTION("an undo after the last item") {
        DemoWindow demoWindow;
        auto& window = demoWindow.window;
        qint64 last = -1;
        while (window.reviewSession()->current() > 0) {
            last = window.reviewSession()->current();
            window.reviewPanel()->setFocus();
            QTest::keyClick(window.reviewPanel(), Qt::Key_2);
            REQUIRE(QTest::qWaitFor([&] { return !window.reviewSession()->isWriting(); }, 10000));
        }
        CHECK(window.statusBar()->currentMessage().startsWith(QStringLiteral("Queue done")));
        QTest::keyClick(window.reviewPanel(), Qt::Key_Z, Qt::ControlModifier);
        REQUIRE(QTest::qWaitFor([&] { return !window.reviewSession()->isWriting(); }, 10000));
        CHECK(window.reviewSession()->current() == last);
        CHECK_FALSE(window.statusBar()->currentMessage().startsWith(QStringLiteral("Queue done")));
        CHECK(window.statusBar()->currentMessage().contains(QString::number(last)));
    }
}

TEST_CASE("With no project open the window shows a start page, and its demo button makes the demo "
          "project in the data folder, in the window's language, and opens it",
          "[ui][workstation]") {
    const QString demoPath = ui::MainWindow::demoProjectPath();
    const QString demoFolder = QFileInfo(demoPath).path();
    QDir(demoFolder).removeRecursively();
    // A first start: the start page's demo button, in a window that has no project yet.
    const auto clickDemo = [](ui::MainWindow& window) {
        window.setInteractive(false);
        window.setAnnotator(QStringLiteral("kato"));
        window.show();
        auto* start = window.findChild<ui::StartPage*>(QStringLiteral("startPage"));
        REQUIRE(start);
        CHECK(start->isVisible());
        auto* demoButton = start->findChild<QPushButton*>(QStringLiteral("startDemoProject"));
        REQUIRE(demoButton);
        QTest::mouseClick(demoButton, Qt::LeftButton);
        return QTest::qWaitFor([&] { return !window.projectPath().isEmpty(); }, 60000);
    };
    {
        ui::MainWindow window;
        REQUIRE(clickDemo(window));
        auto* start = window.findChild<ui::StartPage*>(QStringLiteral("startPage"));
        CHECK(window.projectPath() == QFileInfo(demoPath).canonicalFilePath());
        CHECK_FALSE(start->isVisible());
        CHECK(window.reviewSession()->current() > 0);
    }
    {
        // The next start lists it among the recent projects; a second click opens it again.
        ui::MainWindow window;
        window.setInteractive(false);
        window.show();
        auto* recent = window.findChild<QListWidget*>(QStringLiteral("startRecentProjects"));
        REQUIRE(recent);
        REQUIRE(recent->count() >= 1);
        CHECK(recent->item(0)->data(Qt::UserRole).toString() ==
              QFileInfo(demoPath).canonicalFilePath());
    }
    {
        // In the Japanese window the demo is the Japanese one, a project of its own.
        auto& app = *QCoreApplication::instance();
        REQUIRE(ui::installTranslators(app, QStringLiteral("ja")));
        const QString japanesePath = ui::MainWindow::demoProjectPath();
        CHECK(japanesePath == demoFolder + QStringLiteral("/factory-qa-ja.rlthf"));
        ui::MainWindow window;
        const bool opened = clickDemo(window);
        ui::installTranslators(app, QStringLiteral("en"));
        REQUIRE(opened);
        CHECK(window.projectPath() == QFileInfo(japanesePath).canonicalFilePath());
        const QString prompt =
            window.pairModel()->index(0, ui::PairTableModel::PromptColumn).data().toString();
        INFO(prompt.toStdString());
        CHECK(prompt.contains(QRegularExpression(QStringLiteral("[\\x{3040}-\\x{30ff}]"))));
    }
    QDir(demoFolder).removeRecursively();
}
