#pragma once
// A project file holding a generated factory-QA set: every pair with an AI and a gold label.
// For tests that link rlthf_data and rlthf_demo.

#include "data/Importer.h"
#include "demo/FactoryGenerator.h"
#include "store/Project.h"

#include <catch2/catch.hpp>

#include <string>

namespace rlthf::test {

struct FactoryImport {
    store::Project project;
    data::ImportReport report;
};

// Writes `pairs` generated records next to `path` (as path + ".jsonl") and imports them.
inline FactoryImport importFactoryProject(const std::string& path, std::size_t pairs) {
    const std::string jsonl = path + ".jsonl";
    demo::FactoryOptions options;
    options.pairs = pairs;
    REQUIRE(demo::writeFactoryPairs(options, jsonl));
    auto project = store::Project::open(path, store::OpenMode::OpenOrCreate);
    if (!project)
        FAIL("cannot create " << path << ": " << project.message());
    auto report = data::importFiles(*project, {jsonl}, {});
    if (!report)
        FAIL("import failed: " << report.message());
    return {std::move(project).value(), std::move(report).value()};
}

} // namespace rlthf::test
