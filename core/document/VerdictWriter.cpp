#include "document/VerdictWriter.h"

#include "store/Project.h"

namespace rlthf::document {

VerdictWriter::VerdictWriter(QString projectPath) : m_path(std::move(projectPath)) {}

VerdictWriter::~VerdictWriter() = default;

void VerdictWriter::write(quint64 ticket, VerdictWrite request) {
    Q_EMIT written(ticket, apply(request));
}

WriteOutcome VerdictWriter::apply(const VerdictWrite& request) {
    WriteOutcome outcome;
    if (!m_project) {
        auto opened = store::Project::open(m_path.toStdString());
        if (!opened) {
            outcome.error = opened.message();
            return outcome;
        }
        m_project = std::make_unique<store::Project>(std::move(opened).value());
    }
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
