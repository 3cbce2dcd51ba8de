// The engine program behind `rlthf`: every command, the model ones included.

#include "Cli.h"

#include <QGuiApplication>
#include <iostream>

namespace {

// Headless machines often lack a session runtime folder; the command line never needs one.
void quietMessages(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    std::cerr << qFormatLogMessage(type, context, message).toStdString() << '\n';
}

} // namespace

int main(int argc, char** argv) {
    qInstallMessageHandler(quietMessages);
    // Charts are drawn with QtGui; the command line never opens a window.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rlthf"));
    const std::vector<std::string> args(argv + 1, argv + argc);
    return rlthf::cli::run(args, std::cout, std::cerr);
}
