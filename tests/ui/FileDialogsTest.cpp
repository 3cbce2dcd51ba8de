// The workstation's file choosers must not drop SQLite's locks on an open project: a process
// that closes any descriptor on a file loses every POSIX lock it holds on it, and another
// process then deletes the project's log under the workstation (see ui/files/FileDialogs.h).
#include "ui/files/FileDialogs.h"

#include "PosixLocks.h"
#include "TempDir.h"
#include "UiFixtures.h"

#include <QDir>
#include <QFileSystemModel>
#include <QTest>
#include <fstream>

using namespace rlthf;

TEST_CASE("a file chooser showing a project's folder leaves the project's locks in place",
          "[files][safety]") {
    test::TempDir dir;
    const std::string path = dir.file("line3.rlthf");
    auto project = test::createProject(path);
    REQUIRE(project.db().execute("INSERT INTO settings(key, value) VALUES ('name', 'line 3')"));
    std::ofstream(dir.file("pairs.jsonl")) << "{}\n";
    const std::string shm = path + "-shm";
    // SQLite's locks that tell other processes the project is in use.
    const int heldOnFile = test::posixLocksHeldOn(path);
    const int heldOnShm = test::posixLocksHeldOn(shm);
    REQUIRE(heldOnFile > 0);
    REQUIRE(heldOnShm > 0);

    auto dialog = ui::files::makeDialog(nullptr, QStringLiteral("Import"),
                                        QString::fromStdString(dir.path().string()),
                                        QStringLiteral("All files (*)"));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->show();
    auto* model = dialog->findChild<QFileSystemModel*>();
    REQUIRE(model);
    // Every entry listed with its type, the project's three files included.
    for (const std::string& file : {path, path + "-wal", shm, dir.file("pairs.jsonl")}) {
        INFO(file);
        QTRY_VERIFY_WITH_TIMEOUT(model->index(QString::fromStdString(file)).isValid(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!model->type(model->index(QString::fromStdString(file))).isEmpty(),
                                 5000);
    }
    CHECK(model->type(model->index(QString::fromStdString(path))) == QStringLiteral("rlthf"));
    QTest::qWait(200); // anything the folder's reader still had queued
    CHECK(test::posixLocksHeldOn(path) == heldOnFile);
    CHECK(test::posixLocksHeldOn(shm) == heldOnShm);
    dialog->reject();
}

TEST_CASE("a file chooser given a file's path opens in its folder with the name filled in",
          "[files]") {
    test::TempDir dir;
    const QString folder = QString::fromStdString(dir.path().string());
    auto dialog = ui::files::makeDialog(nullptr, QStringLiteral("Station Project"),
                                        folder + QStringLiteral("/line3.rlthf"),
                                        QStringLiteral("RLTHF projects (*.rlthf)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    CHECK(dialog->directory().absolutePath() == QDir(folder).absolutePath());
    CHECK(dialog->selectedFiles() ==
          QStringList{QDir(folder).filePath(QStringLiteral("line3.rlthf"))});
}
