// The reward model's file format: magic, format version, data revision, config, training
// summary, then the module's torch archive. Integers and doubles are little-endian.

#include "reward/RewardModelImpl.h"

#include <bit>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <torch/torch.h>

namespace rlthf::reward {

using detail::checkConfig;
using detail::makeNet;

namespace {

constexpr std::string_view kMagic = "RLTHF-REWARD-MODEL";

class Writer {
  public:
    void bytes(std::string_view b) { m_out.append(b.data(), b.size()); }
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i)
            m_out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    }
    void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
    void text(std::string_view t) {
        u64(t.size());
        bytes(t);
    }
    std::string take() { return std::move(m_out); }

  private:
    std::string m_out;
};

class Reader {
  public:
    explicit Reader(const std::string& in) : m_in(in) {}
    bool bytes(std::size_t n, std::string_view& out) {
        if (m_in.size() - m_pos < n)
            return false;
        out = std::string_view(m_in).substr(m_pos, n);
        m_pos += n;
        return true;
    }
    bool u64(std::uint64_t& v) {
        std::string_view b;
        if (!bytes(8, b))
            return false;
        v = 0;
        for (int i = 0; i < 8; ++i)
            v |= static_cast<std::uint64_t>(
                     static_cast<unsigned char>(b[static_cast<std::size_t>(i)]))
                 << (8 * i);
        return true;
    }
    bool i64(std::int64_t& v) {
        std::uint64_t u = 0;
        if (!u64(u))
            return false;
        v = static_cast<std::int64_t>(u);
        return true;
    }
    bool i32(int& v) {
        std::int64_t w = 0;
        if (!i64(w) || w < std::numeric_limits<int>::min() || w > std::numeric_limits<int>::max())
            return false;
        v = static_cast<int>(w);
        return true;
    }
    bool f64(double& v) {
        std::uint64_t u = 0;
        if (!u64(u))
            return false;
        v = std::bit_cast<double>(u);
        return true;
    }
    bool text(std::string& v) {
        std::uint64_t n = 0;
        std::string_view b;
        if (!u64(n) || n > m_in.size() || !bytes(static_cast<std::size_t>(n), b))
            return false;
        v.assign(b);
        return true;
    }
    bool flag(bool& v) {
        std::uint64_t u = 0;
        if (!u64(u) || u > 1)
            return false;
        v = u == 1;
        return true;
    }

  private:
    const std::string& m_in;
    std::size_t m_pos = 0;
};

// Format version 2's feature fields: the set, the vectors' dimension, the embedding model.
bool readFeatureSet(Reader& r, FeatureConfig& features) {
    std::uint64_t set = 0;
    if (!r.u64(set) || set > static_cast<std::uint64_t>(FeatureSet::Both))
        return false;
    features.set = static_cast<FeatureSet>(set);
    return r.i32(features.vectorDim) && r.text(features.embeddingModel);
}

bool readTokenizer(Reader& r, FeatureConfig& features, std::uint64_t version) {
    std::uint64_t tokenizer = 0;
    const auto newest = version == 4 ? Tokenizer::CjkBigrams : Tokenizer::CjkBigramsFormat4;
    if (!r.u64(tokenizer) || tokenizer > static_cast<std::uint64_t>(newest))
        return false;
    features.tokenizer = static_cast<Tokenizer>(tokenizer);
    // Format 4 read CJK text its own way (see Tokenizer); its models keep that reading.
    if (version == 4 && features.tokenizer == Tokenizer::CjkBigrams)
        features.tokenizer = Tokenizer::CjkBigramsFormat4;
    return true;
}

} // namespace

std::string RewardModel::serialize(std::int64_t dataRevision) const {
    Writer w;
    w.bytes(kMagic);
    w.u64(kFormatVersion);
    w.i64(dataRevision);
    const TrainConfig& c = m_impl->config;
    w.u64(c.kind == ModelKind::Mlp ? 1 : 0);
    w.i64(c.features.hashBits);
    w.u64(c.features.bigrams ? 1 : 0);
    w.u64(c.features.promptFeatures ? 1 : 0);
    w.i64(c.embeddingDim);
    w.i64(c.hiddenDim);
    w.f64(c.learningRate);
    w.f64(c.weightDecay);
    w.i64(c.batchSize);
    w.i64(c.maxEpochs);
    w.i64(c.patience);
    w.f64(c.validationShare);
    w.u64(c.seed);
    w.i64(c.threads);
    w.u64(static_cast<std::uint64_t>(c.features.set)); // from format version 2
    w.i64(c.features.vectorDim);
    w.text(c.features.embeddingModel);
    w.u64(c.features.numberGrounding ? 1 : 0);               // from format version 3
    w.u64(static_cast<std::uint64_t>(c.features.tokenizer)); // from format version 4
    w.i64(m_impl->epochsRun);
    w.f64(m_impl->validationLoss);

    torch::serialize::OutputArchive archive;
    m_impl->net->save(archive);
    std::ostringstream stream;
    archive.save_to(stream);
    const std::string payload = stream.str();
    w.u64(payload.size());
    w.bytes(payload);
    return w.take();
}

Result<RewardModel::Loaded> RewardModel::deserialize(const std::string& bytes) {
    Reader r(bytes);
    std::string_view magic;
    if (!r.bytes(kMagic.size(), magic) || magic != kMagic)
        return Error{"not a reward model: the data does not start with the reward-model header"};
    std::uint64_t version = 0;
    if (!r.u64(version))
        return Error{"corrupt reward model: truncated header"};
    if (version < 1 || version > static_cast<std::uint64_t>(kFormatVersion))
        return Error{"unsupported reward model format version " + std::to_string(version) +
                     " (expected " + std::to_string(kFormatVersion) + ")"};

    auto impl = std::make_unique<Impl>();
    TrainConfig& c = impl->config;
    c.features.numberGrounding = false;      // models before version 3 were trained without it
    c.features.tokenizer = Tokenizer::Words; // and before version 4 read CJK runs as words
    std::int64_t dataRevision = 0;
    std::uint64_t kind = 0;
    std::uint64_t payloadSize = 0;
    std::string_view payload;
    const bool headerOk =
        r.i64(dataRevision) && r.u64(kind) && kind <= 1 && r.i32(c.features.hashBits) &&
        r.flag(c.features.bigrams) && r.flag(c.features.promptFeatures) && r.i32(c.embeddingDim) &&
        r.i32(c.hiddenDim) && r.f64(c.learningRate) && r.f64(c.weightDecay) && r.i32(c.batchSize) &&
        r.i32(c.maxEpochs) && r.i32(c.patience) && r.f64(c.validationShare) && r.u64(c.seed) &&
        r.i32(c.threads) && (version < 2 || readFeatureSet(r, c.features)) &&
        (version < 3 || r.flag(c.features.numberGrounding)) &&
        (version < 4 || readTokenizer(r, c.features, version)) && r.i32(impl->epochsRun) &&
        r.f64(impl->validationLoss) && r.u64(payloadSize) &&
        r.bytes(static_cast<std::size_t>(payloadSize), payload);
    if (!headerOk)
        return Error{"corrupt reward model: truncated or invalid header"};
    c.kind = kind == 1 ? ModelKind::Mlp : ModelKind::Linear;
    if (auto error = checkConfig(c))
        return Error{"corrupt reward model: " + error->message};

    try {
        impl->net = makeNet(c);
        torch::serialize::InputArchive archive;
        archive.load_from(payload.data(), payload.size());
        impl->net->load(archive);
        impl->net->eval();
    } catch (const std::exception& e) {
        return Error{std::string("corrupt reward model: cannot read the weights: ") + e.what()};
    }
    Loaded loaded{RewardModel(std::move(impl)), dataRevision, static_cast<int>(version)};
    return loaded;
}

} // namespace rlthf::reward
