#include "document/VerdictWriter.h"

#include "store/Project.h"

namespace rlthf::document {

VerdictWriter::VerdictWriter(QString projectPath, store::FilesInPlace files)
    : m_path(std::move(projectPath)), m_files(std::move(files)) {}

VerdictWriter::~VerdictWriter() = default;

void VerdictWriter::write(quint64 ticket, VerdictWrite request) {
    Q_EMIT written(ticket, apply(request));
}

WriteOutcome VerdictWriter::apply(const VerdictWrite& request) {
    WriteOutcome outcome;
    if (!m_lost.empty()) {
        outcome.error = m_lost;
        outcome.filesLost = true;
        return outcome;
    }
    if (!m_project) {
        auto opened = store::Project::open(m_path.toStdString());
        if (!opened) {
            outcome.error = opened.message();
            return outcome;
        }
        m_project = std::make_unique<store::Project>(std::move(opened).value());
    }
    outcome = writeNow(request);
    if (auto inPlace = m_files.check(m_project->db()); !inPlace) {
        // Written where nobody will see it: said so, and nothing more is written. Its pages
        // must not be copied into the file when the connection closes.
        (void)m_project->db().keepLogOnClose();
        m_lost = inPlace.message();
        outcome.error = m_lost;
        outcome.filesLost = true;
    }
    return outcome;
}

WriteOutcome VerdictWriter::writeNow(const VerdictWrite& request) {
    WriteOutcome outcome;
    if (request.kind == VerdictWrite::Kind::Revoke) {
        auto revoked =
            loop::revokeEvent(m_project->db(), request.revokedEvent, request.revokingAnnotator);
        if (revoked)
            outcome.revokeEvent = *revoked;
        else
            outcome.error = revoked.message();
        return outcome;
    }
    auto recorded = loop::recordVerdict(m_project->db(), request.record);
    if (recorded)
        outcome.recorded = *recorded;
    else
        outcome.error = recorded.message();
    return outcome;
}

} // namespace rlthf::document
