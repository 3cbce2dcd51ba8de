#pragma once
// One preference record parsed from a JSON line of a supported format.

#include "common/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rlthf::data {

enum class Format {
    Trl,    // {"prompt","chosen","rejected"}
    HhRlhf, // {"chosen","rejected"} whole transcripts
    Pairs,  // native: {"id"?,"prompt","response_a","response_b","ai_label"?,"gold_label"?,"meta"?}
    Csv,    // a spreadsheet's rows under a header naming the native fields (see RecordReader)
};

std::optional<Format> parseFormat(std::string_view name);
std::string_view formatName(Format format);

// Whose preference a trl/hh-rlhf file records.
enum class LabelSource { Ai, Gold };

// The label_source a pairs export gives a pair that the iteration in force dropped
// (wrong_labels = drop): it carries no label. Such a pair imports with its AI label: the
// drop belonged to an iteration of the project it came from.
inline constexpr std::string_view kDroppedLabelSource = "dropped";

// An engine or expert label carried by a native pairs file (its provenance).
struct CarriedLabel {
    char value = 'a';
    std::string source; // human | settled | flipped | propagated
    std::optional<std::string> annotator;
    std::optional<std::int64_t> iteration;
    std::optional<double> margin;
    std::optional<std::string> comment;
};

struct Record {
    std::optional<std::string> externalId;
    std::string prompt;
    std::string responseA; // trl/hh-rlhf: the preferred response, before the A/B shuffle
    std::string responseB;
    bool keepOrder = false; // native files fix A and B; the others are shuffled on import
    std::optional<char> aiLabel;
    std::optional<char> goldLabel;
    std::optional<CarriedLabel> label;
    std::optional<std::string> meta; // compact JSON object
};

// Parses one non-empty line; the error is the reason alone (no file or line).
Result<Record> parseRecord(Format format, std::string_view line, LabelSource source);

// The common line of the `pairs` format — string fields, nulls, a `meta` object, an AI or
// gold label — read in one strict pass, without building a QJsonDocument of the whole line
// (which took about a third of an import). nullopt for anything else (numbers, carried
// labels, wrong types, any error): parseRecord then takes the full way, which also words
// the errors. When it gives a record, it is the one the full way gives.
std::optional<Record> parsePairsQuickly(std::string_view line);
// parseRecord without that shortcut, for tests that hold the two ways to each other.
Result<Record> parseRecordInFull(Format format, std::string_view line, LabelSource source);

// Guesses the format from the first record's keys: response_a → pairs, prompt + chosen →
// trl, chosen alone → hh-rlhf. For files dropped on the window, where nobody said.
Result<Format> sniffFormat(const std::string& path);

// The offset of the first invalid UTF-8 byte, if any.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

// The last "\n\nAssistant:" turn of an HH-RLHF transcript, split off the dialogue before it.
struct TranscriptSplit {
    std::string prompt;
    std::string response;
};
std::optional<TranscriptSplit> splitTranscript(std::string_view transcript);

} // namespace rlthf::data
