#include "ui/i18n/ErrorText.h"

#include <QCoreApplication>

namespace rlthf::ui {

namespace {

// The translation context of these texts.
class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(rlthf::ui::ErrorText)

  public:
    static QString said(ErrorKind kind);
};

QString ErrorText::said(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::NotAProject:
        return tr("This file is not an RLTHF Studio project.");
    case ErrorKind::DamagedProject:
        return tr("The project file is damaged and cannot be read.");
    case ErrorKind::NewerProject:
        return tr("The project was saved by a newer RLTHF Studio. Update the program to open it.");
    case ErrorKind::NoLabelsToTrain:
        return tr("No pair has a label to train on. Have the AI judge label them first (AI ▸ "
                  "Label with AI), or import pairs with labels.");
    case ErrorKind::Unspecified:
        break;
    }
    return {};
}

} // namespace

QString errorText(const Error& error) {
    const QString detail = QString::fromStdString(error.message);
    const QString sentence = ErrorText::said(error.kind);
    if (sentence.isEmpty())
        return detail;
    return sentence + QStringLiteral("\n\n") + ErrorText::tr("Details: %1").arg(detail);
}

} // namespace rlthf::ui
