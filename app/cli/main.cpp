#include "Cli.h"

#include <QCoreApplication>

#include <iostream>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rlthf"));
    const std::vector<std::string> args(argv + 1, argv + argc);
    return rlthf::cli::run(args, std::cout, std::cerr);
}
