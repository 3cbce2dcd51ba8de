#include "loop/LoopSettings.h"

#include "store/Project.h"

#include <QJsonDocument>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <type_traits>

namespace rlthf::loop {

namespace {

constexpr const char* kSettingsKey = "loop";

// One table of (key, field) so reading and writing cannot drift apart.
template <class Visitor> void visitFields(LoopSettings& s, Visitor&& v) {
    auto& e = s.engine;
    v("shard_fraction", s.shardFraction);
    v("batch_share", e.batchShare);
    v("audit_share", e.auditShare);
    v("flip_check_share", e.flipCheckShare);
    v("random_review_max", e.targetingPolicy.maxRandomShare);
    v("out_of_fold", e.outOfFold);
    v("folds", e.folds);
    v("iterations", e.iterations);
    v("seed", e.seed);
    v("alpha_start", e.schedule.alphaStart);
    v("alpha_end", e.schedule.alphaEnd);
    v("beta_start", e.schedule.betaStart);
    v("beta_end", e.schedule.betaEnd);
    v("flip_min_precision", e.flipPolicy.minPrecision);
    v("flip_min_checked", e.flipPolicy.minChecked);
    v("flip_use_lower_bound", e.flipPolicy.useLowerBound);
    v("smoothing_share", e.curve.smoothingShare);
    v("slope_factor", e.curve.slopeFactor);
    v("flip_below_probability", e.curve.flipBelowProbability);
    v("hash_bits", e.train.features.hashBits);
    v("bigrams", e.train.features.bigrams);
    v("prompt_features", e.train.features.promptFeatures);
    v("number_grounding", e.train.features.numberGrounding);
    v("embedding_dim", e.train.embeddingDim);
    v("hidden_dim", e.train.hiddenDim);
    v("learning_rate", e.train.learningRate);
    v("weight_decay", e.train.weightDecay);
    v("batch_size", e.train.batchSize);
    v("max_epochs", e.train.maxEpochs);
    v("patience", e.train.patience);
    v("validation_share", e.train.validationShare);
    v("threads", e.train.threads);
}

// Whether `d` converts to T without undefined behaviour (an integer field truncates it).
template <class T> bool representable(double d) {
    if constexpr (std::is_integral_v<T>)
        return std::isfinite(d) && d >= static_cast<double>(std::numeric_limits<T>::min()) &&
               d < static_cast<double>(std::numeric_limits<T>::max()) + 1.0;
    else
        return true;
}

// A setting whose value is a name ("model": "mlp"): absent keeps `field`; a value that is
// not text or not one of the names is an error naming the key and the `allowed` names.
template <class T, class Parse>
Status readNamed(const QJsonObject& json, const char* key, Parse parse, const char* allowed,
                 T& field) {
    const QJsonValue value = json.value(QLatin1String(key));
    if (value.isUndefined())
        return {};
    const std::optional<T> parsed =
        value.isString() ? parse(value.toString().toStdString()) : std::nullopt;
    if (!parsed)
        return Error{fmt::format("setting \"{}\" must be {}", key, allowed)};
    field = *parsed;
    return {};
}

// "features": "ngrams" | "embeddings" | "both", the "embedding_model" the latter two read, and
// the "tokenizer": "words" | "cjk-bigrams" (projects made before it: the new default).
Status readFeatures(const QJsonObject& json, reward::FeatureConfig& features) {
    RLTHF_TRY(readNamed(json, "features", reward::parseFeatureSet,
                        "\"ngrams\", \"embeddings\" or \"both\"", features.set));
    RLTHF_TRY(readNamed(json, "tokenizer", reward::parseTokenizer, "\"words\" or \"cjk-bigrams\"",
                        features.tokenizer));
    const QJsonValue model = json.value(QStringLiteral("embedding_model"));
    if (!model.isUndefined() && !model.isString())
        return Error{"setting \"embedding_model\" must be text"};
    features.embeddingModel = model.toString().toStdString();
    if (reward::usesEmbeddings(features) && features.embeddingModel.empty())
        return Error{"setting \"embedding_model\" must name the model given to `rlthf embed` when "
                     "\"features\" is \"embeddings\" or \"both\""};
    return {};
}

struct RangedSetting {
    std::string_view key;
    SettingRange range;
};
// Shares are fractions here (the dialog shows them in percent).
constexpr RangedSetting kRanges[] = {
    {"alpha_start", {0.0, 100.0}},
    {"alpha_end", {0.0, 100.0}},
    {"beta_start", {0.0, 1.0}},
    {"beta_end", {0.0, 1.0}},
    {"iterations", {1.0, 1000.0}},
    {"shard_fraction", {0.0, 1.0}},
    {"batch_share", {0.0, 1.0}},
    {"audit_share", {0.0, 1.0}},
    {"flip_check_share", {0.0, 1.0}},
    {"flip_below_probability", {0.0, 0.499}},
    {"folds", {2.0, 20.0}},
    {"threads", {0.0, 256.0}},
    {"random_review_max", {0.0, 1.0}},
};

} // namespace

std::optional<SettingRange> settingRange(std::string_view key) {
    for (const RangedSetting& ranged : kRanges)
        if (ranged.key == key)
            return ranged.range;
    return std::nullopt;
}

QJsonObject toJson(const LoopSettings& settings) {
    LoopSettings copy = settings;
    QJsonObject o;
    visitFields(copy, [&](const char* key, auto& field) {
        using T = std::decay_t<decltype(field)>;
        if constexpr (std::is_same_v<T, bool>)
            o.insert(QLatin1String(key), field);
        else
            o.insert(QLatin1String(key), static_cast<double>(field));
    });
    o.insert(QStringLiteral("model"),
             QString::fromStdString(reward::modelKindName(copy.engine.train.kind)));
    o.insert(QStringLiteral("targeting"),
             QString::fromStdString(targetingName(copy.engine.targeting)));
    o.insert(QStringLiteral("wrong_labels"),
             QString::fromStdString(wrongLabelsName(copy.engine.wrongLabels)));
    const reward::FeatureConfig& features = copy.engine.train.features;
    o.insert(QStringLiteral("features"),
             QString::fromStdString(reward::featureSetName(features.set)));
    o.insert(QStringLiteral("tokenizer"),
             QString::fromStdString(reward::tokenizerName(features.tokenizer)));
    if (!features.embeddingModel.empty())
        o.insert(QStringLiteral("embedding_model"),
                 QString::fromStdString(features.embeddingModel));
    return o;
}

Result<LoopSettings> loopSettingsFromJson(const QJsonObject& json) {
    LoopSettings s;
    std::string error;
    visitFields(s, [&](const char* key, auto& field) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined() || !error.empty())
            return;
        using T = std::decay_t<decltype(field)>;
        if constexpr (std::is_same_v<T, bool>) {
            if (!v.isBool())
                error = fmt::format("setting \"{}\" must be true or false", key);
            else
                field = v.toBool();
        } else {
            if (!v.isDouble())
                error = fmt::format("setting \"{}\" must be a number", key);
            else if (!representable<T>(v.toDouble()))
                error = fmt::format("setting \"{}\" is out of range", key);
            else if (const auto range = settingRange(key);
                     range && !(v.toDouble() >= range->min && v.toDouble() <= range->max))
                error = fmt::format("setting \"{}\" must be from {} to {}", key, range->min,
                                    range->max);
            else
                field = static_cast<T>(v.toDouble());
        }
    });
    if (!error.empty())
        return Error{error};
    RLTHF_TRY(readNamed(json, "model", reward::parseModelKind, "\"linear\" or \"mlp\"",
                        s.engine.train.kind));
    RLTHF_TRY(readNamed(json, "targeting", parseTargeting, "\"margin\" or \"learned\"",
                        s.engine.targeting));
    RLTHF_TRY(readNamed(json, "wrong_labels", parseWrongLabels, "\"flip\" or \"drop\"",
                        s.engine.wrongLabels));
    RLTHF_TRY(readFeatures(json, s.engine.train.features));
    if (s.shardFraction <= 0.0 || s.shardFraction > 1.0)
        return Error{"setting \"shard_fraction\" must be in (0, 1]"};
    if (s.engine.folds < 2)
        return Error{"setting \"folds\" must be at least 2"};
    return s;
}

Result<LoopSettings> loadLoopSettings(store::Project& project) {
    auto stored = project.setting(kSettingsKey);
    if (!stored)
        return stored.error();
    if (!*stored)
        return LoopSettings{};
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(**stored));
    if (!doc.isObject())
        return Error{"the project's loop settings are not a JSON object"};
    return loopSettingsFromJson(doc.object());
}

Status saveLoopSettings(store::Project& project, const LoopSettings& settings) {
    return project.setSetting(
        kSettingsKey, QJsonDocument(toJson(settings)).toJson(QJsonDocument::Compact).toStdString());
}

} // namespace rlthf::loop
