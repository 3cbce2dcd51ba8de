#include "reward/ModelKind.h"

namespace rlthf::reward {

std::string modelKindName(ModelKind kind) {
    switch (kind) {
    case ModelKind::Linear:
        return "linear";
    case ModelKind::Mlp:
        return "mlp";
    }
    return "linear";
}

std::optional<ModelKind> parseModelKind(const std::string& name) {
    if (name == "linear")
        return ModelKind::Linear;
    if (name == "mlp")
        return ModelKind::Mlp;
    return std::nullopt;
}

FeatureConfig featuresToEncode(ModelKind kind, FeatureConfig features) {
    if (kind == ModelKind::Linear)
        features.promptFeatures = false;
    return features;
}

} // namespace rlthf::reward
