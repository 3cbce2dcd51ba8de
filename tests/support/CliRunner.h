#pragma once
// Runs the `rlthf` command line in-process, keeping its exit code and both streams.

#include "Cli.h"

#include <catch2/catch.hpp>

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sstream>
#include <string>
#include <vector>

namespace rlthf::test {

struct CliRun {
    int code;
    std::string out;
    std::string err;
};

inline CliRun runCli(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

// What `rlthf stats --json` says about the project at `db`.
inline QJsonObject statsJson(const std::string& db) {
    const auto run = runCli({"stats", "--db", db, "--json"});
    REQUIRE(run.code == 0);
    return QJsonDocument::fromJson(QByteArray::fromStdString(run.out)).object();
}

} // namespace rlthf::test
