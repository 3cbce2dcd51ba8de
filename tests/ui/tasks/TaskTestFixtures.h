#pragma once
// A project filled with the generated factory set, for the background-task tests.

#include "FactoryProject.h"
#include "TempDir.h"
#include "UiFixtures.h"

#include "data/Importer.h"
#include "demo/FactoryGenerator.h"
#include "loop/LoopSettings.h"
#include "store/Database.h"
#include "store/Project.h"

#include <catch2/catch.hpp>

#include <QString>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>

namespace rlthf::test {

struct FactoryProject {
    TempDir dir;
    std::string path = dir.file("factory.rlthf");
    store::Project project;

    explicit FactoryProject(std::size_t pairs = 800) : project(imported(path, pairs)) {}

    static store::Project imported(const std::string& path, std::size_t pairs) {
        auto factory = importFactoryProject(path, pairs);
        REQUIRE(factory.report.imported + factory.report.duplicates ==
                static_cast<std::int64_t>(pairs));
        REQUIRE(factory.report.imported > 0);
        return std::move(factory.project);
    }
    QString qpath() const { return QString::fromStdString(path); }

    std::int64_t count(const std::string& sql) {
        auto n = project.db().scalar(sql);
        REQUIRE(n);
        return n->value_or(-1);
    }
    std::int64_t doneIterations() { return count("SELECT count(*) FROM iterations WHERE status = 'done'"); }
    std::int64_t labelEvents() { return count("SELECT count(*) FROM label_events"); }
    std::int64_t pairCount() { return count("SELECT count(*) FROM pairs"); }

    // The file's bytes after moving the WAL into it from a fresh connection.
    std::string checkpointedBytes() {
        {
            auto db = store::Database::open(path, store::Database::Mode::ReadWrite);
            REQUIRE(db);
            REQUIRE(db->executeScript("PRAGMA wal_checkpoint(TRUNCATE);"));
        }
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
};

inline loop::LoopSettings quickSettings(int maxEpochs = 6) {
    loop::LoopSettings s;
    s.shardFraction = 1.0;
    s.engine.train.maxEpochs = maxEpochs;
    s.engine.train.threads = 1;
    return s;
}

} // namespace rlthf::test
