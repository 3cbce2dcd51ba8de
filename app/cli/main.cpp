#include "Cli.h"

#include <QGuiApplication>

#include <iostream>

int main(int argc, char** argv) {
    // Charts are drawn with QtGui; the command line never opens a window.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rlthf"));
    const std::vector<std::string> args(argv + 1, argv + argc);
    return rlthf::cli::run(args, std::cout, std::cerr);
}
