#pragma once
// What the window asks the writer thread to make durable, and what came of it: a verdict
// (or a settlement) appended, or an earlier event revoked (undo).

#include "loop/Review.h"

#include <QMetaType>
#include <cstdint>
#include <optional>
#include <string>

namespace rlthf::document {

struct VerdictWrite {
    enum class Kind { Record, Revoke };
    Kind kind = Kind::Record;
    loop::VerdictRequest record;   // Kind::Record
    std::int64_t revokedEvent = 0; // Kind::Revoke
    std::string revokingAnnotator; // Kind::Revoke

    static VerdictWrite recordOf(loop::VerdictRequest request) {
        VerdictWrite write;
        write.record = std::move(request);
        return write;
    }
    static VerdictWrite revokeOf(std::int64_t eventId, std::string annotator) {
        VerdictWrite write;
        write.kind = Kind::Revoke;
        write.revokedEvent = eventId;
        write.revokingAnnotator = std::move(annotator);
        return write;
    }
};

struct WriteOutcome {
    std::string error;                             // empty when the write is durable
    bool filesLost = false; // another program removed or replaced the project's files
    std::optional<loop::RecordedVerdict> recorded; // Kind::Record
    std::optional<std::int64_t> revokeEvent;       // Kind::Revoke: the revoking event
    bool ok() const { return error.empty(); }
};

} // namespace rlthf::document

Q_DECLARE_METATYPE(rlthf::document::VerdictWrite)
Q_DECLARE_METATYPE(rlthf::document::WriteOutcome)
