#include "loop/IterationMetrics.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cmath>

namespace rlthf::loop {

namespace {

QString key(const char* name) {
    return QString::fromLatin1(name);
}

QJsonValue optionalJson(const std::optional<double>& value) {
    return value && std::isfinite(*value) ? QJsonValue(*value) : QJsonValue();
}

std::optional<double> optionalDouble(const QJsonObject& o, const char* name) {
    const QJsonValue v = o.value(key(name));
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return std::nullopt;
    return v.toDouble();
}

std::int64_t integer(const QJsonObject& o, const char* name) {
    return o.value(key(name)).toInteger(0);
}

QJsonObject proportionJson(const curation::Proportion& p) {
    QJsonObject o;
    o.insert(key("hits"), static_cast<qint64>(p.hits));
    o.insert(key("trials"), static_cast<qint64>(p.trials));
    // Derived values, for people reading the project with other tools.
    o.insert(key("estimate"), p.estimate());
    o.insert(key("low"), p.low());
    o.insert(key("high"), p.high());
    return o;
}

curation::Proportion proportion(const QJsonObject& o, const char* name) {
    const QJsonObject p = o.value(key(name)).toObject();
    return {integer(p, "hits"), integer(p, "trials")};
}

} // namespace

std::optional<double> IterationMetrics::flipThreshold() const {
    return flipsApplied ? reflectionMargin : std::nullopt;
}

std::string toJson(const IterationMetrics& m) {
    QJsonObject o;
    o.insert(key("iteration"), m.number);
    o.insert(key("alpha"), m.alpha);
    o.insert(key("beta"), m.beta);
    o.insert(key("pairs"), static_cast<qint64>(m.pairs));
    o.insert(key("training_pairs"), static_cast<qint64>(m.trainingPairs));
    o.insert(key("training_examples"), static_cast<qint64>(m.trainingExamples));
    o.insert(key("human_in_training"), static_cast<qint64>(m.humanInTraining));
    const auto& lm = m.landmarks;
    o.insert(key("curve_pairs"), static_cast<qint64>(lm.size));
    o.insert(key("curve_method"), QString::fromStdString(lm.method));
    o.insert(key("elbow"), static_cast<qint64>(lm.elbow));
    o.insert(key("knee"), static_cast<qint64>(lm.knee));
    o.insert(key("elbow_margin"), lm.elbowMargin);
    o.insert(key("knee_margin"), lm.kneeMargin);
    o.insert(key("reflection"),
             lm.reflection ? QJsonValue(static_cast<qint64>(*lm.reflection)) : QJsonValue());
    if (m.reflectionMargin)
        o.insert(key("reflection_margin"), *m.reflectionMargin);
    QJsonObject zones;
    for (Zone z : allOf<Zone>())
        zones.insert(QString::fromStdString(idOf(z)),
                     static_cast<qint64>(m.zoneCounts[static_cast<std::size_t>(z)]));
    o.insert(key("zones"), zones);
    o.insert(key("judge_error"), proportionJson(m.estimates.judgeError));
    o.insert(key("queue_precision"), proportionJson(m.estimates.queuePrecision));
    o.insert(key("flip_precision"), proportionJson(m.estimates.flipPrecision));
    o.insert(key("targeting_lift"), optionalJson(m.estimates.targetingLift()));
    o.insert(key("flips_applied"), m.flipsApplied);
    o.insert(key("flip_reason"), QString::fromStdString(m.flipReason));
    o.insert(key("targeting_judged"), m.targetingCheck.judged);
    o.insert(key("uniform_better"), m.targetingCheck.uniformBetter);
    o.insert(key("random_review_share"), m.targetingCheck.randomShare);
    o.insert(key("targeting_reason"), QString::fromStdString(m.targetingCheck.reason));
    o.insert(key("error_model_length_weight"), optionalJson(m.errorModelLengthWeight));
    o.insert(key("flips"), static_cast<qint64>(m.flips));
    o.insert(key("flips_revoked"), static_cast<qint64>(m.flipsRevoked));
    o.insert(key("dropped"), static_cast<qint64>(m.dropped));
    o.insert(key("queued"), static_cast<qint64>(m.queued));
    o.insert(key("stale_verdicts"), static_cast<qint64>(m.staleVerdicts));
    o.insert(key("human_labels"), static_cast<qint64>(m.humanLabels));
    o.insert(key("model_epochs"), m.modelEpochs);
    o.insert(key("seconds"), m.seconds);
    o.insert(key("rm_gold_accuracy"), optionalJson(m.rmGoldAccuracy));
    o.insert(key("curated_label_accuracy"), optionalJson(m.curatedLabelAccuracy));
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

Result<IterationMetrics> parseIterationMetrics(std::string_view json) {
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())));
    if (!doc.isObject())
        return Error{"the iteration's metrics are not a JSON object"};
    const QJsonObject o = doc.object();
    IterationMetrics m;
    m.number = static_cast<int>(integer(o, "iteration"));
    m.alpha = o.value(key("alpha")).toDouble();
    m.beta = o.value(key("beta")).toDouble();
    m.pairs = integer(o, "pairs");
    m.trainingPairs = integer(o, "training_pairs");
    m.trainingExamples = integer(o, "training_examples");
    m.humanInTraining = integer(o, "human_in_training");
    auto& lm = m.landmarks;
    lm.size = static_cast<std::size_t>(std::max<std::int64_t>(0, integer(o, "curve_pairs")));
    lm.method = o.value(key("curve_method")).toString().toStdString();
    lm.elbow = static_cast<std::size_t>(std::max<std::int64_t>(0, integer(o, "elbow")));
    lm.knee = static_cast<std::size_t>(std::max<std::int64_t>(0, integer(o, "knee")));
    lm.elbowMargin = o.value(key("elbow_margin")).toDouble();
    lm.kneeMargin = o.value(key("knee_margin")).toDouble();
    if (o.value(key("reflection")).isDouble())
        lm.reflection =
            static_cast<std::size_t>(std::max<std::int64_t>(0, integer(o, "reflection")));
    m.reflectionMargin = optionalDouble(o, "reflection_margin");
    const QJsonObject zones = o.value(key("zones")).toObject();
    for (Zone z : allOf<Zone>())
        m.zoneCounts[static_cast<std::size_t>(z)] = integer(zones, idOf(z).c_str());
    m.estimates.judgeError = proportion(o, "judge_error");
    m.estimates.queuePrecision = proportion(o, "queue_precision");
    m.estimates.flipPrecision = proportion(o, "flip_precision");
    m.flipsApplied = o.value(key("flips_applied")).toBool();
    m.flipReason = o.value(key("flip_reason")).toString().toStdString();
    m.targetingCheck.judged = o.value(key("targeting_judged")).toBool();
    m.targetingCheck.uniformBetter = o.value(key("uniform_better")).toDouble();
    m.targetingCheck.randomShare = o.value(key("random_review_share")).toDouble();
    m.targetingCheck.reason = o.value(key("targeting_reason")).toString().toStdString();
    m.errorModelLengthWeight = optionalDouble(o, "error_model_length_weight");
    m.flips = integer(o, "flips");
    m.flipsRevoked = integer(o, "flips_revoked");
    m.dropped = integer(o, "dropped");
    m.queued = integer(o, "queued");
    m.staleVerdicts = integer(o, "stale_verdicts");
    m.humanLabels = integer(o, "human_labels");
    m.modelEpochs = static_cast<int>(integer(o, "model_epochs"));
    m.seconds = o.value(key("seconds")).toDouble();
    m.rmGoldAccuracy = optionalDouble(o, "rm_gold_accuracy");
    m.curatedLabelAccuracy = optionalDouble(o, "curated_label_accuracy");
    return m;
}

} // namespace rlthf::loop
