#pragma once
// The project's domain values: the zones of the margin curve, the reasons a pair is queued,
// the sources of a label and the curve's landmarks. Each value has one stable identifier
// (written in the project file, printed by the CLI and the export), one label for people
// (translated in the context "rlthf::Vocabulary") and one colour (the window's charts and
// the PNG plot use the same one).

#include <QString>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace rlthf {

enum class Zone {
    Kept,      // top (1−β) of the ranks left of the knee: AI label trusted as it is
    BackedOff, // the rest left of the knee: left out of the next training set
    Human,     // knee → reflection point: for the experts
    Flip,      // below the reflection point: AI label flipped automatically (if allowed)
};

enum class QueueReason {
    Zone,      // from the human-annotation zone, in priority order
    TopUp,     // from ranks next to the zone, when the zone is short
    Audit,     // uniform draw from all unreviewed pairs: estimates the judge's error rate
    FlipCheck, // uniform draw from the flip zone: estimates the flip precision
    Random,    // uniform draw instead of a targeted one, while targeting does worse than chance
};

// Who gave a label event. Precedence for a pair's current label: the latest settlement,
// else the latest expert verdict, else the engine's latest flip or propagation, else the
// AI label, else the gold label.
enum class LabelSource {
    Ai,         // the LLM judge (or an imported AI label)
    Gold,       // a reference label, used for measurement only
    Human,      // an expert's verdict
    Settled,    // the lead's decision on a pair the experts disagree on
    Flipped,    // the engine reversed the AI label (below the reflection point)
    Propagated, // the final reward model labelled a pair outside the curated shard
};

enum class Landmark { Elbow, Knee, Reflection };

struct Rgb {
    std::uint8_t red = 0;
    std::uint8_t green = 0;
    std::uint8_t blue = 0;
};

template <class E> struct Term {
    E value;
    std::string_view id; // stable: never rename, the project file stores it
    const char* label;   // source text of the translated label
    Rgb colour;
};

// The terms of each enum, in enum order.
const std::array<Term<Zone>, 4>& terms(Zone);
const std::array<Term<QueueReason>, 5>& terms(QueueReason);
const std::array<Term<LabelSource>, 6>& terms(LabelSource);
const std::array<Term<Landmark>, 3>& terms(Landmark);

template <class E> const Term<E>& termOf(E value) {
    return terms(E{})[static_cast<std::size_t>(value)];
}
template <class E> std::string idOf(E value) {
    return std::string(termOf(value).id);
}
template <class E> Rgb colourOf(E value) {
    return termOf(value).colour;
}
// The label in the application's current language.
template <class E> QString labelOf(E value);

template <class E>
inline constexpr std::size_t kTermCount =
    std::tuple_size_v<std::remove_cvref_t<decltype(terms(E{}))>>;

// Every value of E, in enum order.
template <class E> std::array<E, kTermCount<E>> allOf() {
    std::array<E, kTermCount<E>> values{};
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = terms(E{})[i].value;
    return values;
}

// The value whose identifier is exactly `id`; nullopt for anything else.
template <class E> std::optional<E> parseId(std::string_view id) {
    for (const auto& term : terms(E{}))
        if (term.id == id)
            return term.value;
    return std::nullopt;
}

// Sources whose labels are expert judgements (trained on with α, never queued again).
inline bool isExpert(LabelSource source) {
    return source == LabelSource::Human || source == LabelSource::Settled;
}

} // namespace rlthf
