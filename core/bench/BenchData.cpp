#include "bench/BenchData.h"

#include "common/Labels.h"
#include "data/ContentHash.h"
#include "data/Importer.h"
#include "data/RecordReader.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <random>

namespace rlthf::bench {

namespace {

// Uniform double in [0, 1) from the top 53 bits: the same on every standard library.
double uniform(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

} // namespace

Result<BenchData> loadBenchData(const std::string& path, data::Format format) {
    auto reader = data::RecordReader::open(path, format, data::LabelSource::Gold, {});
    if (!reader)
        return reader.error();
    BenchData out;
    data::Record parsed;
    for (;;) {
        const auto outcome = (*reader)->next(parsed);
        if (outcome == data::RecordReader::Outcome::End)
            break;
        if (outcome == data::RecordReader::Outcome::Failed)
            return Error{fmt::format("{}:{}: {}", path, (*reader)->line(), (*reader)->reason())};
        auto* record = &parsed;
        if (outcome == data::RecordReader::Outcome::Bad || !record->goldLabel) {
            ++out.rejectedLines;
            continue;
        }
        GoldPair pair;
        pair.gold = *record->goldLabel;
        pair.fileJudge = record->aiLabel;
        bool swap = false;
        if (!record->keepOrder) {
            const auto hash = data::contentHash(record->prompt, record->responseA, record->responseB);
            swap = data::placementFor(hash, data::kDefaultPlacementSeed).swap;
        }
        pair.prompt = std::move(record->prompt);
        pair.a = std::move(swap ? record->responseB : record->responseA);
        pair.b = std::move(swap ? record->responseA : record->responseB);
        if (swap)
            pair.gold = otherSide(pair.gold);
        out.pairs.push_back(std::move(pair));
    }
    if (out.pairs.empty())
        return Error{fmt::format("{}: no pairs with a gold label", path)};
    return out;
}

std::optional<Judge> parseJudge(const std::string& name) {
    if (name == "uniform")
        return Judge::Uniform;
    if (name == "verbose")
        return Judge::Verbose;
    if (name == "file")
        return Judge::File;
    if (name == "position")
        return Judge::Position;
    return std::nullopt;
}

std::string judgeName(Judge judge) {
    switch (judge) {
    case Judge::Uniform: return "uniform";
    case Judge::Verbose: return "verbose";
    case Judge::File: return "file";
    case Judge::Position:
        return "position";
    }
    return "?";
}

std::vector<bool> closePairs(const std::vector<double>& goldMargins) {
    std::vector<std::size_t> order(goldMargins.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return std::abs(goldMargins[x]) < std::abs(goldMargins[y]);
    });
    std::vector<bool> close(goldMargins.size(), false);
    const auto count = static_cast<std::size_t>(std::llround(kCloseShare * double(order.size())));
    for (std::size_t i = 0; i < count; ++i)
        close[order[i]] = true;
    return close;
}

Result<std::vector<char>> simulateJudge(const BenchData& data, Judge judge, std::uint64_t seed,
                                        const std::vector<bool>* close) {
    if (judge == Judge::Position && (!close || close->size() != data.pairs.size()))
        return Error{"the position judge needs the gold model's close pairs"};
    std::mt19937_64 rng(seed ^ 0x6A75646765ull);
    std::vector<char> labels;
    labels.reserve(data.pairs.size());
    for (const auto& p : data.pairs) {
        switch (judge) {
        case Judge::Position:
            // Shown A first it answers A; shown B first it would answer B.
            if ((*close)[labels.size()])
                labels.push_back('a');
            else
                labels.push_back(uniform(rng) < 0.9 ? p.gold : otherSide(p.gold));
            break;
        case Judge::Uniform:
            labels.push_back(uniform(rng) < 0.25 ? otherSide(p.gold) : p.gold);
            break;
        case Judge::Verbose:
            if (uniform(rng) < 0.5)
                labels.push_back(p.a.size() >= p.b.size() ? 'a' : 'b');
            else
                labels.push_back(uniform(rng) < 0.9 ? p.gold : otherSide(p.gold));
            break;
        case Judge::File:
            if (!p.fileJudge)
                return Error{"--judge file needs a pairs file with an ai_label on every pair"};
            labels.push_back(*p.fileJudge);
            break;
        }
    }
    return labels;
}

} // namespace rlthf::bench
