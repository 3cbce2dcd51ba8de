#pragma once
// Small preference files in every import format, written by the tests themselves.

#include <string>

namespace rlthf::test {

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

} // namespace rlthf::test
