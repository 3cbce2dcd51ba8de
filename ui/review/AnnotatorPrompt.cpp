#include "ui/review/AnnotatorPrompt.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QSettings>

namespace rlthf::ui::review {

QString annotatorName(QWidget* parent, bool askIfMissing) {
    QSettings settings;
    QString name = settings.value(QLatin1String(kAnnotatorSettingsKey)).toString().trimmed();
    if (!name.isEmpty() || !askIfMissing)
        return name;
    // Literal contexts, so that lupdate finds the strings.
    const QString title =
        QCoreApplication::translate("rlthf::ui::review::AnnotatorPrompt", "Annotator name");
    const QString label = QCoreApplication::translate(
        "rlthf::ui::review::AnnotatorPrompt", "Your name is recorded with every verdict you give:");
    bool ok = false;
    name = QInputDialog::getText(parent, title, label, QLineEdit::Normal, QString(), &ok)
               .trimmed();
    if (!ok || name.isEmpty())
        return {};
    setAnnotatorName(name);
    return name;
}

void setAnnotatorName(const QString& name) {
    QSettings settings;
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        settings.remove(QLatin1String(kAnnotatorSettingsKey));
    else
        settings.setValue(QLatin1String(kAnnotatorSettingsKey), trimmed);
}

} // namespace rlthf::ui::review
