#include "ui/TeamDialogs.h"

#include "ui/files/FileDialogs.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSysInfo>

namespace rlthf::ui {

namespace {

// The translation context of these dialogs.
class TeamDialogs {
    Q_DECLARE_TR_FUNCTIONS(rlthf::ui::TeamDialogs)
};

// A form with the server and team name, OK enabled once both are filled in.
struct TeamForm {
    QDialog dialog;
    QFormLayout* form = nullptr;
    QLineEdit* server = nullptr;
    QLineEdit* name = nullptr;
    QDialogButtonBox* buttons = nullptr;

    TeamForm(QWidget* parent, const QString& title) : dialog(parent) {
        dialog.setWindowTitle(title);
        form = new QFormLayout(&dialog);
        server = new QLineEdit(&dialog);
        server->setObjectName(QStringLiteral("teamServer"));
        server->setPlaceholderText(
            QStringLiteral("postgresql://user@host/database?sslmode=require"));
        server->setMinimumWidth(420);
        name = new QLineEdit(&dialog);
        name->setObjectName(QStringLiteral("teamName"));
        form->addRow(TeamDialogs::tr("Team &server:"), server);
        form->addRow(TeamDialogs::tr("Team &project name:"), name);
    }
    bool run() {
        buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        form->addRow(buttons);
        QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        auto update = [this] {
            buttons->button(QDialogButtonBox::Ok)
                ->setEnabled(!server->text().trimmed().isEmpty() &&
                             !name->text().trimmed().isEmpty());
        };
        QObject::connect(server, &QLineEdit::textChanged, &dialog, update);
        QObject::connect(name, &QLineEdit::textChanged, &dialog, update);
        update();
        return dialog.exec() == QDialog::Accepted;
    }
};

} // namespace

std::optional<team::PublishOptions> askPublishOptions(QWidget* parent) {
    TeamForm form(parent, TeamDialogs::tr("Publish to a Team Server"));
    auto* overlap = new QDoubleSpinBox(&form.dialog);
    overlap->setObjectName(QStringLiteral("teamOverlap"));
    overlap->setRange(0.0, 100.0);
    overlap->setDecimals(1);
    overlap->setSuffix(QStringLiteral(" %"));
    overlap->setValue(5.0);
    overlap->setToolTip(
        TeamDialogs::tr("Queue items that go to two experts on purpose, so that their "
                        "agreement is measured on real work."));
    form.form->addRow(TeamDialogs::tr("Reviewed &twice:"), overlap);
    if (!form.run())
        return std::nullopt;
    team::PublishOptions options;
    options.server = form.server->text().trimmed().toStdString();
    options.name = form.name->text().trimmed().toStdString();
    options.overlapShare = overlap->value() / 100.0;
    return options;
}

std::optional<team::JoinOptions> askJoinOptions(QWidget* parent) {
    TeamForm form(parent, TeamDialogs::tr("Join a Team Project"));
    auto* station = new QLineEdit(QSysInfo::machineHostName(), &form.dialog);
    station->setObjectName(QStringLiteral("teamStation"));
    form.form->addRow(TeamDialogs::tr("This &station's name:"), station);
    if (!form.run())
        return std::nullopt;
    QString out =
        files::saveFileName(parent, TeamDialogs::tr("Station Project"),
                            form.name->text().trimmed() + QStringLiteral(".rlthf"),
                            TeamDialogs::tr("RLTHF projects (*.rlthf)"), files::Existing::Refused);
    if (out.isEmpty())
        return std::nullopt;
    if (!out.endsWith(QLatin1String(".rlthf")))
        out += QLatin1String(".rlthf");
    team::JoinOptions options;
    options.server = form.server->text().trimmed().toStdString();
    options.name = form.name->text().trimmed().toStdString();
    options.stationName = station->text().trimmed().toStdString();
    options.out = out.toStdString();
    return options;
}

} // namespace rlthf::ui
