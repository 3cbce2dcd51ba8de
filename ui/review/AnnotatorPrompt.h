#pragma once
// The expert's name, recorded with every verdict. Stored in QSettings under
// "review/annotator" (the application's organisation and name select the file).

#include <QString>

class QWidget;

namespace rlthf::ui::review {

inline constexpr const char* kAnnotatorSettingsKey = "review/annotator";

// The stored name (trimmed). When none is stored and askIfMissing is true, asks once
// with a QInputDialog and stores the answer; returns an empty string when there is no
// name (not stored and not asked, or the dialog was cancelled or left empty).
QString annotatorName(QWidget* parent, bool askIfMissing);

// Stores the name (trimmed); an empty name removes the setting.
void setAnnotatorName(const QString& name);

} // namespace rlthf::ui::review
