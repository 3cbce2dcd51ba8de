// Catch main for tests that need Qt's event loop (network clients, QProcess): one
// QCoreApplication for the whole run.

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QCoreApplication>

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
