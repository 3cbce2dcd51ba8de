#pragma once
// The loop's parameters, stored in the project (settings key "loop") as JSON.

#include "common/Result.h"
#include "loop/Engine.h"

#include <QJsonObject>
#include <optional>
#include <string_view>

namespace rlthf::store {
class Project;
}

namespace rlthf::loop {

struct LoopSettings {
    EngineConfig engine;
    double shardFraction = 0.25; // the active shard: pairs with shard < fraction × 100
};

// The allowed values of a setting the lead edits: the dialog's editors and the settings
// read from the project (or `rlthf settings`) use the same ranges.
struct SettingRange {
    double min;
    double max;
};
// The range of `key`, if it has one ("alpha_start", "batch_share", ...).
std::optional<SettingRange> settingRange(std::string_view key);

QJsonObject toJson(const LoopSettings& settings);
// Missing keys keep their defaults; wrong types are errors naming the key.
Result<LoopSettings> loopSettingsFromJson(const QJsonObject& json);

Result<LoopSettings> loadLoopSettings(store::Project& project);
Status saveLoopSettings(store::Project& project, const LoopSettings& settings);

} // namespace rlthf::loop
