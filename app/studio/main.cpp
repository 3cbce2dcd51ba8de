// rlthf-studio [PROJECT]: opens PROJECT, else the most recent project that still exists.

#include "ui/MainWindow.h"
#include "ui/RecentProjects.h"

#include <QApplication>
#include <QCommandLineParser>

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
    return app.exec();
}
