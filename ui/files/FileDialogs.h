#pragma once
// The workstation's file choosers: Qt's own dialog, which tells files apart by their names
// alone and never opens one.
//
// A process that opens and closes any descriptor on a project's file, its -wal or its
// -shm drops every POSIX lock it holds on that file, SQLite's included. Another process
// then takes itself for the project's only user: on closing it deletes the -wal and -shm,
// and the workstation's next verdicts go to a log nobody else can see (seen: two verdicts
// acknowledged on screen and missing from the file). Qt's default icon provider, and a
// desktop's native dialog running in this process, read the first bytes of every file in
// the folder shown to guess its type, project files included. Every chooser in ui/ goes
// through these functions instead of QFileDialog's static ones.

#include <QFileDialog>
#include <QString>
#include <QStringList>
#include <memory>

namespace rlthf::ui::files {

// One existing file; empty if cancelled.
QString openFileName(QWidget* parent, const QString& caption, const QString& dir,
                     const QString& filter);
// Existing files; empty if cancelled.
QStringList openFileNames(QWidget* parent, const QString& caption, const QString& dir,
                          const QString& filter);
// Whether a save chooser offers to replace an existing file: not where the caller refuses
// existing files (new projects and copies), so that it never asks a question whose "yes"
// is then refused.
enum class Existing { MayReplace, Refused };

// A file to write; empty if cancelled.
QString saveFileName(QWidget* parent, const QString& caption, const QString& dir,
                     const QString& filter, Existing existing = Existing::MayReplace);

// The dialog those functions show, not yet shown (for tests).
std::unique_ptr<QFileDialog> makeDialog(QWidget* parent, const QString& caption, const QString& dir,
                                        const QString& filter);

} // namespace rlthf::ui::files
