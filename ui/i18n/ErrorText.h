#pragma once
// A core error as the window shows it: the failures users meet in ordinary work in the
// interface language, with the core's own words (English) kept below as the detail.

#include "common/Result.h"

#include <QString>

namespace rlthf::ui {

QString errorText(const Error& error);

} // namespace rlthf::ui
