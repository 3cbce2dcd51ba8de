#pragma once
// The "factory QA" demo set: seeded, synthetic preference pairs about quality
// inspection on a shop floor. It is the bundled demo project and the benchmark
// set for the reward-model engine.
//
// Output format
// -------------
// JSON lines in the native `pairs` format, one object per line, keys in this order:
//   {"id":"factory-000001","prompt":"...","response_a":"...","response_b":"...",
//    "ai_label":"a"|"b","gold_label":"a"|"b",
//    "meta":{"topic":"...","difficulty":0.73,"rule":"...","judge_error":"length_bias"|...|null}}
// Ids count from 1 and are zero-padded to six digits. Text is UTF-8 (it uses "±", "–",
// "µm"); strings are JSON-escaped, so every record is exactly one line.
//
// Topics (meta.topic)
// -------------------
//   tolerance          a nominal dimension with a ± tolerance and a measured value: accept or reject?
//   defect             a defect (burr, scratch, porosity, crack, ...) found on a named part
//   corrective_action  an 8D / root-cause / corrective-action write-up for a complaint or audit finding
//   handover           a shift hand-over note built from the facts given in the prompt
//   calibration        a gauge found out of calibration, or overdue, after being used on product
//   safety             lockout/tagout and other safety steps around a machine intervention
//
// Gold preference rules (meta.rule)
// ---------------------------------
// Gold always prefers the response that follows the rule; the difference is written
// in the words of the responses, so a bag-of-words reward model can learn it.
//   decision_correct    The correct accept/reject decision for the measured value beats a wrong
//                       one ("within tolerance" when the value is out, "close enough", no decision).
//                       A correct answer states the limits it checked against.
//   numbers_correct     Both answers are structured alike, but one states a wrong number: a wrong
//                       tolerance band or deviation, or a hand-over count that contradicts the prompt.
//   complete_action     Containment (quarantine / hold / segregate the lot, tag out the gauge)
//                       + root cause (5-why, fishbone, as-found data) + a verification step beats a
//                       vague answer ("probably fine", "should be ok", "monitor it") or one that
//                       drops one of the three.
//   safety_step_kept    An answer that keeps the safety steps (notify the supervisor, lockout/tagout,
//                       release stored energy, verify zero energy) beats one that skips any of them.
//   handover_structured A hand-over note that lists the open issues and the counts beats a chatty
//                       one, or one that leaves out an open issue.
// Phrasing is drawn from synonym banks, answers come in compact, concise and long styles,
// and bad answers are sometimes padded or rambling: the gold answer is the shorter one in
// about 27% of the pairs, so length alone is not a usable signal. The gold answer is put in
// slot A or B with probability 1/2.
//
// Difficulty model (meta.difficulty, in [0, 1], two decimals)
// ------------------------------------------------------------
// Each pair draws a flaw tier for its worse answer, about a third each:
//   easy    [0.05, 0.30]  vague, chatty or rambling ("should be ok", "close enough", "monitor it")
//   medium  [0.30, 0.62]  decisive but wrong (wrong accept/reject) or missing most of the steps
//   hard    [0.60, 0.98]  both answers thorough; one has a wrong number or misses a single step
// A wrong number where the decision is still right is the subtlest case (+0.08). When the
// worse answer is also the longer one the pair is a little harder (+0.03). Clamped to [0, 1].
//
// Simulated AI judge (ai_label, meta.judge_error)
// -----------------------------------------------
// The judge errs with probability p = min(0.47, base(d) * m). base(d) is piecewise linear
// in the difficulty d through
//   d:       0.00   0.30   0.50   0.62   0.75   0.90   1.00
//   base:    0.050  0.130  0.330  0.410  0.440  0.450  0.460
// and m = 1.30 when the worse answer is longer (0.75 when not), x1.15 when it sounds
// confident, x1.10 when it sits in slot A (x0.90 in slot B). The cap keeps the judge right
// more often than wrong on every kind of pair, so a reward model trained on its labels can
// still learn the true preference: the world RLTHF assumes, where the judge's mistakes
// sit on hard pairs with small reward margins. Measured on 20,000 pairs (seed 20250218):
// agreement with gold 0.760; error rate 0.09 on the easiest third of pairs by difficulty,
// 0.24 on the middle third, 0.39 on the hardest third and 0.41 on the hardest tenth.
// When the judge errs, meta.judge_error names the mistake, drawn
// among those that apply to the pair (weights in brackets):
//   length_bias         preferred the longer answer (3, if the worse answer is longer)
//   overconfidence      preferred the answer that sounds more certain, "definitely",
//                       "no issue" (2, if the worse answer sounds confident)
//   missed_wrong_value  did not check a number: band, deviation, count (4, if one is wrong)
//   missed_step         did not notice that a single step is missing (4, if one is)
//   position_bias       preferred the answer shown first (1.5, if the worse answer is in A)
//   shallow_reading     skimmed both and matched on shared keywords (0.5, always)
// meta.judge_error is null exactly when ai_label == gold_label.
//
// Determinism
// -----------
// Each record is generated from its own splitmix64 stream derived from (seed, index), so the
// same seed gives byte-identical output, and the first N records do not depend on how many
// are written. No std::random_device and no standard-library distributions are used, so
// the output does not depend on the standard library either. Generation streams one record
// at a time (constant memory); 1,000,000 pairs (~800 MB) take about 3-4 seconds.

#include "common/Result.h"

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace rlthf::demo {

// The language the pairs are written in. Japanese (FactoryContentJa.cpp) has the same
// topics, rules, tiers, flaws and judge, with the same meta.topic and meta.rule ids; its
// measurements are half-width (0.05mm, ±0.02) or full-width (０．０５ｍｍ, ±０．０２), one or
// the other per pair, and some hand-over notes give counts in kanji numerals (五十七個).
enum class DemoLanguage { English, Japanese };
std::string_view demoLanguageCode(DemoLanguage language); // "en", "ja"
std::optional<DemoLanguage> parseDemoLanguage(std::string_view code);

struct FactoryOptions {
    std::size_t pairs = 600;        // number of records to write
    std::uint64_t seed = 20250218;  // same seed -> byte-identical output
    bool labels = true; // false: no ai_label or gold_label, pairs waiting for the AI judge
    DemoLanguage language = DemoLanguage::English;
};

// Writes `options.pairs` records to `out`, one JSON object per line.
// Fails if the stream reports a write error.
Status writeFactoryPairs(const FactoryOptions& options, std::ostream& out);

// Same, into a plain (uncompressed) file at `path`, created or truncated.
// Fails if the file cannot be opened or written.
Status writeFactoryPairs(const FactoryOptions& options, const std::string& path);

} // namespace rlthf::demo
