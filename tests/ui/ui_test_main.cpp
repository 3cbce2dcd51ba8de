// Catch main for the UI tests: one QApplication for the whole run, settings in a
// throw-away directory so tests never read or write the user's real settings.

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir settingsDir;
    if (!settingsDir.isValid())
        return 2;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());

    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RLTHF"));
    QCoreApplication::setApplicationName(QStringLiteral("RLTHF Studio UI Tests"));

    return Catch::Session().run(argc, argv);
}
