#pragma once
// Small preference files in every import format, written by the tests themselves.

#include "data/Importer.h"
#include "store/PairWriter.h"

#include <catch2/catch.hpp>
#include <string>

namespace rlthf::test {

inline data::ImportOptions importAs(data::Format format, data::LabelSource source,
                                    bool skipBad = false) {
    data::ImportOptions options;
    options.format = format;
    options.labelSource = source;
    options.skipBad = skipBad;
    return options;
}

inline std::string hhLine(const std::string& dialogue, const std::string& chosen,
                          const std::string& rejected) {
    auto esc = [](std::string s) {
        std::string out;
        for (char c : s) {
            if (c == '\n')
                out += "\\n";
            else if (c == '"')
                out += "\\\"";
            else
                out += c;
        }
        return out;
    };
    return "{\"chosen\":\"" + esc(dialogue + "\n\nAssistant: " + chosen) + "\",\"rejected\":\"" +
           esc(dialogue + "\n\nAssistant: " + rejected) + "\"}\n";
}

inline std::string trlLine(int i) {
    const auto n = std::to_string(i);
    return "{\"prompt\":\"Is bore " + n + " in tolerance?\",\"chosen\":\"Reject lot " + n +
           ", quarantine it.\",\"rejected\":\"Probably fine " + n + ".\"}\n";
}

inline std::string pairsLine(int i, const std::string& ai, const std::string& gold) {
    const auto n = std::to_string(i);
    std::string line = "{\"id\":\"q-" + n + "\",\"prompt\":\"Hand-over " + n +
                       "\",\"response_a\":\"Open issues: " + n +
                       "\",\"response_b\":\"All good " + n + "\"";
    if (!ai.empty())
        line += ",\"ai_label\":\"" + ai + "\"";
    if (!gold.empty())
        line += ",\"gold_label\":\"" + gold + "\"";
    return line + ",\"meta\":{\"topic\":\"handover\"}}\n";
}

// An expert verdict on one pair and an engine flip on another, as later stages write them.
struct VerdictAndFlip {
    std::int64_t verdictPair = 3;
    std::string annotator = "Sato";
    std::string comment = "tolerance misread";
    std::int64_t flipPair = 5;
    double margin = -3.5;
};
inline void addVerdictAndFlip(store::Project& project, const VerdictAndFlip& labels = {}) {
    auto writer = store::PairWriter::create(project.db());
    REQUIRE(writer);
    store::NewLabelEvent verdict;
    verdict.pairId = labels.verdictPair;
    verdict.source = "human";
    verdict.value = "b";
    verdict.annotator = labels.annotator;
    verdict.comment = labels.comment;
    REQUIRE(writer->appendLabel(verdict));
    store::NewLabelEvent flip;
    flip.pairId = labels.flipPair;
    flip.source = "flipped";
    flip.value = "a";
    flip.iteration = 2;
    flip.margin = labels.margin;
    REQUIRE(writer->appendLabel(flip));
}

} // namespace rlthf::test
