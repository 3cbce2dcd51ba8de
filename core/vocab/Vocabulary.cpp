#include "vocab/Vocabulary.h"

#include <QCoreApplication>

namespace rlthf {

const std::array<Term<Zone>, 4>& terms(Zone) {
    static const std::array<Term<Zone>, 4> table = {{
        {Zone::Kept, "kept", QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Kept"), {0x2e, 0x9d, 0x4f}},
        {Zone::BackedOff,
         "backed_off",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Backed off"),
         {0x9e, 0x9e, 0x9e}},
        {Zone::Human,
         "human",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Human review"),
         {0x1f, 0x77, 0xd4}},
        {Zone::Flip,
         "flip",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Auto-flip"),
         {0xd6, 0x3c, 0x2f}},
    }};
    return table;
}

const std::array<Term<QueueReason>, 5>& terms(QueueReason) {
    static const std::array<Term<QueueReason>, 5> table = {{
        {QueueReason::Zone,
         "zone",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Zone"),
         {0x1f, 0x77, 0xd4}},
        {QueueReason::TopUp,
         "top_up",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Top-up"),
         {0x5f, 0x9e, 0xe0}},
        {QueueReason::Audit,
         "audit",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Audit"),
         {0xe0, 0x8a, 0x00}},
        {QueueReason::FlipCheck,
         "flip_check",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Flip check"),
         {0xd6, 0x3c, 0x2f}},
        {QueueReason::Random,
         "random",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Random review"),
         {0x8e, 0x6c, 0xc0}},
    }};
    return table;
}

const std::array<Term<LabelSource>, 6>& terms(LabelSource) {
    static const std::array<Term<LabelSource>, 6> table = {{
        {LabelSource::Ai,
         "ai",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "AI judge"),
         {0x60, 0x60, 0x60}},
        {LabelSource::Gold,
         "gold",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Gold"),
         {0xc9, 0xa2, 0x27}},
        {LabelSource::Human,
         "human",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Expert"),
         {0x1f, 0x77, 0xd4}},
        {LabelSource::Settled,
         "settled",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Settled by lead"),
         {0x7b, 0x3f, 0xb5}},
        {LabelSource::Flipped,
         "flipped",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Flipped"),
         {0xd6, 0x3c, 0x2f}},
        {LabelSource::Propagated,
         "propagated",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Propagated"),
         {0x2e, 0x9d, 0x4f}},
    }};
    return table;
}

const std::array<Term<Landmark>, 3>& terms(Landmark) {
    static const std::array<Term<Landmark>, 3> table = {{
        {Landmark::Elbow,
         "elbow",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Elbow"),
         {0xe0, 0x8a, 0x00}},
        {Landmark::Knee,
         "knee",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Knee"),
         {0x7b, 0x3f, 0xb5}},
        {Landmark::Reflection,
         "reflection",
         QT_TRANSLATE_NOOP("rlthf::Vocabulary", "Reflection"),
         {0xb0, 0x00, 0x30}},
    }};
    return table;
}

template <class E> QString labelOf(E value) {
    return QCoreApplication::translate("rlthf::Vocabulary", termOf(value).label);
}
template QString labelOf(Zone);
template QString labelOf(QueueReason);
template QString labelOf(LabelSource);
template QString labelOf(Landmark);

} // namespace rlthf
