#pragma once
// File ▸ Team ▸ Publish… and Join…: what they ask the lead and the expert. The server is a
// libpq URI without a password (that comes from PGPASSWORD or ~/.pgpass).

#include "team/TeamSetup.h"

#include <optional>

class QWidget;

namespace rlthf::ui {

std::optional<team::PublishOptions> askPublishOptions(QWidget* parent);
// Includes where the station's project goes (asked last, in a file dialog).
std::optional<team::JoinOptions> askJoinOptions(QWidget* parent);

} // namespace rlthf::ui
