#pragma once
// The project's verdict writer: lives on its own thread with its own connection, so a
// verdict that waits for the write lock (an import or retrain committing a chunk in
// another process) never stalls the window. Writes are made in the order they arrive.

#include "document/VerdictWrite.h"
#include "store/ProjectFiles.h"

#include <QObject>
#include <QString>
#include <memory>

namespace rlthf::store {
class Project;
}

namespace rlthf::document {

class VerdictWriter : public QObject {
    Q_OBJECT

  public:
    // `files`: the project's files as the document found them on opening, which every
    // write is checked against (a connection opened later could see a log already swapped).
    VerdictWriter(QString projectPath, store::FilesInPlace files);
    ~VerdictWriter() override;

  public Q_SLOTS:
    // Opens the connection on first use, on the writer's thread.
    void write(quint64 ticket, rlthf::document::VerdictWrite request);

  Q_SIGNALS:
    void written(quint64 ticket, rlthf::document::WriteOutcome outcome);

  private:
    WriteOutcome apply(const VerdictWrite& request);
    WriteOutcome writeNow(const VerdictWrite& request);

    QString m_path;
    std::unique_ptr<store::Project> m_project;
    store::FilesInPlace m_files;
    std::string m_lost; // why nothing more is written, once the project's files were lost
};

} // namespace rlthf::document
