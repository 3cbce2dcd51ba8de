// rlthf-studio [PROJECT]: opens PROJECT, else the most recent project that still exists.

#include "ui/MainWindow.h"
#include "ui/RecentProjects.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTableView>
#include <QTimer>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RLTHF"));
    QCoreApplication::setApplicationName(QStringLiteral("RLTHF Studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("RLTHF Studio: reward-model preference data"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("The .rlthf project to open."),
                                 QStringLiteral("[PROJECT]"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Open the project, select its first pair, save the window as a PNG and quit."),
        QStringLiteral("PNG"));
    parser.addOption(screenshot);
    parser.process(app);

    rlthf::ui::MainWindow window;
    window.show();

    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        window.openProject(args.front());
    } else {
        const QString recent = window.recentProjects()->mostRecent();
        if (!recent.isEmpty())
            window.openProject(recent);
    }
    if (parser.isSet(screenshot)) {
        window.setInteractive(false);
        window.resize(1400, 860);
        window.tableView()->selectRow(0);
        // Grab once the event loop has laid out and painted the window.
        QTimer::singleShot(200, &window, [&window, path = parser.value(screenshot)] {
            const bool saved = window.grab().save(path, "PNG");
            QCoreApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
