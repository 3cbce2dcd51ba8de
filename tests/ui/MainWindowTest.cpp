#include "ui/MainWindow.h"

#include "ReadOnlyFile.h"
#include "TempDir.h"
#include "UiFixtures.h"
#include "store/Database.h"
#include "ui/PairTableModel.h"
#include "ui/RecentProjects.h"
#include "ui/review/ReviewPanel.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using rlthf::test::TempDir;
using rlthf::ui::MainWindow;
using rlthf::ui::PairTableModel;
using rlthf::ui::RecentProjects;

namespace {

QString qpath(const std::string& path) { return QString::fromStdString(path); }

QString canonical(const std::string& path) { return QFileInfo(qpath(path)).canonicalFilePath(); }

void makeProject(const std::string& path, int pairs) {
    auto project = rlthf::test::createProject(path);
    rlthf::test::fillStandardPairs(project.db(), pairs);
}

QByteArray readAll(const std::string& path) {
    QFile file(qpath(path));
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

void resetSettings() {
    QSettings settings;
    settings.clear();
    settings.sync();
}

} // namespace

TEST_CASE("MainWindow opens a project and shows the selected pair", "[ui][mainwindow]") {
    resetSettings();
    TempDir tmp;
    const std::string path = tmp.file("first.rlthf");
    makeProject(path, 1000);

    MainWindow window;
    window.setInteractive(false);
    CHECK_FALSE(window.hasProject());
    CHECK(window.windowTitle() == QStringLiteral("RLTHF Studio"));

    QSignalSpy opened(&window, &MainWindow::projectOpened);
    REQUIRE(window.openProject(qpath(path)));
    CHECK(opened.count() == 1);
    CHECK(window.hasProject());
    CHECK(window.projectPath() == canonical(path));
    CHECK(window.windowTitle() == QStringLiteral("RLTHF Studio \u2014 first.rlthf"));
    CHECK(window.pairCount() == 1000);

    PairTableModel* model = window.pairModel();
    REQUIRE(model != nullptr);
    CHECK(window.tableView()->model() == model);
    CHECK(model->rowCount() == 256); // the first page, more on scroll
    CHECK(model->canFetchMore({}));
    CHECK(window.tableView()->selectionMode() == QAbstractItemView::SingleSelection);
    CHECK(window.tableView()->selectionBehavior() == QAbstractItemView::SelectRows);

    auto* fileLabel = window.statusBar()->findChild<QLabel*>(QStringLiteral("fileLabel"));
    REQUIRE(fileLabel);
    CHECK(fileLabel->text().startsWith(QStringLiteral("first.rlthf")));
    CHECK(fileLabel->text().contains(QStringLiteral("pairs")));
    CHECK(fileLabel->text().contains(QStringLiteral("000")));

    window.tableView()->selectionModel()->setCurrentIndex(
        model->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    CHECK(window.reviewPanel()->pairId() == 1);
    CHECK(window.reviewPanel()->promptEdit()->toPlainText() ==
          QString::fromStdString(rlthf::test::promptOf(1)));
    CHECK(window.reviewPanel()->responseAEdit()->toPlainText() == QStringLiteral("Response A of pair 1"));

    window.tableView()->selectRow(14);
    CHECK(window.reviewPanel()->pairId() == 15);

    CHECK(window.recentProjects()->paths() == QStringList{canonical(path)});
}

TEST_CASE("MainWindow refuses a non-project file and keeps the open project", "[ui][mainwindow]") {
    resetSettings();
    TempDir tmp;
    const std::string good = tmp.file("good.rlthf");
    makeProject(good, 300);
    const std::string bad = tmp.file("notes.rlthf");
    {
        std::ofstream out(bad, std::ios::binary);
        out << "hello";
    }

    MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qpath(good)));
    window.tableView()->selectRow(2);
    REQUIRE(window.reviewPanel()->pairId() == 3);
    const QString title = window.windowTitle();
    PairTableModel* model = window.pairModel();

    QSignalSpy failed(&window, &MainWindow::projectOpenFailed);
    QSignalSpy opened(&window, &MainWindow::projectOpened);
    CHECK_FALSE(window.openProject(qpath(bad)));
    REQUIRE(failed.count() == 1);
    const QString message = failed.front().front().toString();
    CHECK(message.contains(QStringLiteral("not an RLTHF project")));
    CHECK(message.contains(QStringLiteral("notes.rlthf")));
    CHECK(opened.count() == 0);

    // The file is untouched and no SQLite side files appeared.
    CHECK(readAll(bad) == QByteArray("hello"));
    CHECK_FALSE(std::filesystem::exists(bad + "-wal"));
    CHECK_FALSE(std::filesystem::exists(bad + "-shm"));
    CHECK_FALSE(std::filesystem::exists(bad + "-journal"));

    // The earlier project is still open and usable.
    CHECK(window.projectPath() == canonical(good));
    CHECK(window.windowTitle() == title);
    CHECK(window.pairModel() == model);
    CHECK(model->rowCount() == 256);
    CHECK(window.reviewPanel()->pairId() == 3);
    window.tableView()->selectRow(4);
    CHECK(window.reviewPanel()->pairId() == 5);
    while (model->canFetchMore({}))
        model->fetchMore({});
    CHECK(model->rowCount() == 300);
    CHECK_FALSE(window.recentProjects()->paths().contains(canonical(bad)));

    SECTION("a missing file fails too") {
        CHECK_FALSE(window.openProject(qpath(tmp.file("missing.rlthf"))));
        REQUIRE(failed.count() == 2);
        CHECK(failed.back().front().toString().contains(QStringLiteral("no such project file")));
        CHECK_FALSE(std::filesystem::exists(tmp.file("missing.rlthf")));
        CHECK(window.projectPath() == canonical(good));
    }
}

TEST_CASE("A project read only here that changed on disk says so until opened again, then shows "
          "the pair being read as the file has it now",
          "[ui][mainwindow]") {
    resetSettings();
    TempDir tmp;
    const std::string path = tmp.file("shared.rlthf");
    makeProject(path, 50);
    MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qpath(path)));
    auto* notice = window.statusBar()->findChild<QWidget*>(QStringLiteral("outdatedNotice"));
    REQUIRE(notice);
    CHECK(notice->isHidden());
    window.tableView()->selectRow(14);
    REQUIRE(window.reviewPanel()->pairId() == 15);

    // The owner's program adds a pair. A snapshot's watcher then says the file changed (a
    // project opens as a snapshot for a user who may only read its file; this test's user
    // may write every file, so the watcher's signal is given here).
    {
        auto owner = rlthf::store::Database::open(path, rlthf::store::Database::Mode::ReadWrite);
        REQUIRE(owner);
        rlthf::test::insertPair(*owner, 51, "A new prompt", "A", "B", 7);
    }
    Q_EMIT window.projectDocument()->snapshotOutdated();
    CHECK_FALSE(notice->isHidden());
    window.statusBar()->showMessage(QStringLiteral("Some later message"));
    CHECK_FALSE(notice->isHidden()); // a message does not cover it

    auto* reopen = notice->findChild<QPushButton*>(QStringLiteral("reopenButton"));
    REQUIRE(reopen);
    QSignalSpy opened(&window, &MainWindow::projectOpened);
    reopen->click();
    CHECK(opened.count() == 1);
    CHECK(notice->isHidden());
    CHECK(window.pairCount() == 51);
    CHECK(window.reviewPanel()->pairId() == 15);
    CHECK(window.reviewPanel()->responseAEdit()->toPlainText() ==
          QStringLiteral("Response A of pair 15"));
}

TEST_CASE("A project this user may only read is marked so in the window's title",
          "[ui][mainwindow]") {
    resetSettings();
    TempDir tmp;
    const std::string path = tmp.file("theirs.rlthf");
    makeProject(path, 20);
    const rlthf::test::ReadOnlyFile readOnly(path);
    if (!readOnly) {
        WARN("skipped: cannot make a file read only for this user here");
        return;
    }
    {
        MainWindow window;
        window.setInteractive(false);
        REQUIRE(window.openProject(qpath(path)));
        CHECK(window.projectDocument()->readOnly());
        CHECK(window.windowTitle() ==
              QStringLiteral("RLTHF Studio \u2014 theirs.rlthf (read only)"));
    } // closed before the file is writable again
}

TEST_CASE("A new project says how to bring pairs in, and the window stays as wide as the screen",
          "[ui][mainwindow]") {
    resetSettings();
    TempDir tmp;
    MainWindow window;
    window.setInteractive(false);
    window.resize(1366, 768); // the smallest screen the workstation is laid out for
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.newProject(qpath(tmp.file("new.rlthf"))));
    QTest::qWait(50);
    CHECK(window.reviewPanel()->titleLabel()->text().startsWith(QStringLiteral("No pairs yet")));
    CHECK(window.width() <= 1366);
}

TEST_CASE("MainWindow switches between projects", "[ui][mainwindow]") {
    resetSettings();
    TempDir tmp;
    const std::string first = tmp.file("one.rlthf");
    const std::string second = tmp.file("two.rlthf");
    makeProject(first, 10);
    {
        auto project = rlthf::test::createProject(second);
        rlthf::test::insertPair(project.db(), 500, "only pair of two", "x", "y");
    }
    MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qpath(first)));
    window.tableView()->selectRow(0);
    REQUIRE(window.openProject(qpath(second)));
    CHECK(window.pairModel()->rowCount() == 1);
    CHECK(window.pairCount() == 1);
    CHECK(window.reviewPanel()->pairId() == -1);
    window.tableView()->selectRow(0);
    CHECK(window.reviewPanel()->promptEdit()->toPlainText() == QStringLiteral("only pair of two"));
    CHECK(window.windowTitle() == QStringLiteral("RLTHF Studio \u2014 two.rlthf"));
}

TEST_CASE("Recent projects: most recent first, missing files dropped", "[ui][recent]") {
    resetSettings();
    TempDir tmp;
    const std::string p1 = tmp.file("p1.rlthf");
    const std::string p2 = tmp.file("p2.rlthf");
    const std::string p3 = tmp.file("p3.rlthf");
    for (const auto& path : {p1, p2, p3})
        makeProject(path, 3);

    MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qpath(p1)));
    REQUIRE(window.openProject(qpath(p2)));
    REQUIRE(window.openProject(qpath(p3)));
    RecentProjects* recent = window.recentProjects();
    CHECK(recent->paths() == QStringList{canonical(p3), canonical(p2), canonical(p1)});

    // Reopening moves a project to the front without duplicating it.
    REQUIRE(window.openProject(qpath(p1)));
    CHECK(recent->paths() == QStringList{canonical(p1), canonical(p3), canonical(p2)});

    // The Open Recent menu lists the same order.
    Q_EMIT window.recentMenu()->aboutToShow();
    QStringList menuPaths;
    for (QAction* action : window.recentMenu()->actions()) {
        if (!action->data().toString().isEmpty())
            menuPaths << action->data().toString();
    }
    CHECK(menuPaths == QStringList{canonical(p1), canonical(p3), canonical(p2)});

    // A deleted project disappears from the list and from the stored settings.
    const QString gone = canonical(p3);
    std::filesystem::remove(p3);
    std::filesystem::remove(p3 + "-wal");
    std::filesystem::remove(p3 + "-shm");
    CHECK(recent->paths() == QStringList{canonical(p1), canonical(p2)});
    CHECK_FALSE(QSettings().value(QStringLiteral("recentProjects")).toStringList().contains(gone));
    CHECK(recent->mostRecent() == canonical(p1));

    // Opening a deleted project fails and does not add it back.
    CHECK_FALSE(window.openProject(gone));
    CHECK(recent->paths() == QStringList{canonical(p1), canonical(p2)});
}

TEST_CASE("Recent projects keep at most ten entries", "[ui][recent]") {
    resetSettings();
    TempDir tmp;
    RecentProjects recent;
    QStringList added;
    for (int i = 0; i < 12; ++i) {
        const std::string path = tmp.file("r" + std::to_string(i) + ".rlthf");
        std::ofstream(path) << "x";
        recent.add(qpath(path));
        added.prepend(canonical(path));
    }
    const QStringList paths = recent.paths();
    CHECK(paths.size() == RecentProjects::MaxEntries);
    CHECK(paths == added.mid(0, RecentProjects::MaxEntries));
    recent.clear();
    CHECK(recent.paths().isEmpty());
    CHECK(recent.mostRecent().isEmpty());
}

TEST_CASE("MainWindow remembers its geometry", "[ui][mainwindow]") {
    resetSettings();
    {
        MainWindow window;
        window.show();
        window.resize(1300, 800);
        window.close();
    }
    QSettings settings;
    CHECK_FALSE(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray().isEmpty());
    CHECK_FALSE(settings.value(QStringLiteral("mainWindow/state")).toByteArray().isEmpty());
    MainWindow restored;
    CHECK(restored.size() == QSize(1300, 800));
}

TEST_CASE("MainWindow remembers the difference highlight", "[ui][mainwindow]") {
    resetSettings();
    {
        MainWindow window;
        CHECK_FALSE(window.reviewPanel()->diffHighlight());
        window.reviewPanel()->setDiffHighlight(true);
    }
    MainWindow restored;
    CHECK(restored.reviewPanel()->diffHighlight());
    restored.reviewPanel()->setDiffHighlight(false);
    MainWindow again;
    CHECK_FALSE(again.reviewPanel()->diffHighlight());
}
