#include "data/Importer.h"

#include "common/Labels.h"
#include "data/ContentHash.h"
#include "data/LineReader.h"
#include "store/PairWriter.h"
#include "store/ProjectFiles.h"
#include "store/StagedBatch.h"

#include <algorithm>
#include <fmt/format.h>
#include <utility>

namespace rlthf::data {

namespace {

constexpr const char* kSeedSetting = "placement_seed";
constexpr std::int64_t kProgressEvery = 512;
constexpr std::size_t kRecordsPerWrite = 512;

bool isBlank(const std::string& line) {
    return std::all_of(line.begin(), line.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

Result<std::uint64_t> placementSeed(store::Project& project) {
    auto stored = project.setting(kSeedSetting);
    if (!stored)
        return stored.error();
    if (*stored)
        return std::stoull(**stored);
    RLTHF_TRY(project.setSetting(kSeedSetting, std::to_string(kDefaultPlacementSeed)));
    return kDefaultPlacementSeed;
}

class ImportRun {
  public:
    ImportRun(store::StagedBatch& batch, store::PairWriter& writer, const ImportOptions& options,
              std::uint64_t seed, const ImportProgressFn& progress)
        : m_batch(batch), m_writer(writer), m_options(options), m_seed(seed), m_progress(progress) {
    }

    Status importInput(const std::string& input) {
        auto reader = LineReader::open(input);
        if (!reader)
            return reader.error();
        std::string line;
        std::int64_t records = 0;
        for (;;) {
            const auto outcome = reader->next(line);
            if (outcome == LineReader::Outcome::End)
                break;
            if (outcome == LineReader::Outcome::Failed)
                return Error{fmt::format("{}:{}: cannot read: {}", input, reader->lineNumber() + 1,
                                         reader->error())};
            if (outcome == LineReader::Outcome::Line && isBlank(line))
                continue;
            ++records;
            Result<Record> record =
                outcome == LineReader::Outcome::TooLong
                    ? Result<Record>(Error{fmt::format("line longer than the {} MiB record limit",
                                                       kMaxRecordBytes >> 20)})
                    : parseRecord(m_options.format, line, m_options.labelSource);
            if (!record) {
                RejectedLine rejected{input, reader->lineNumber(), record.message()};
                if (!m_options.skipBad)
                    return Error{rejected.describe()};
                m_report.rejected.push_back(std::move(rejected));
            } else {
                m_parsed.push_back(std::move(*record));
                if (m_parsed.size() >= kRecordsPerWrite)
                    RLTHF_TRY(writeParsed());
            }
            if (m_progress && ++m_sinceProgress >= kProgressEvery) {
                m_sinceProgress = 0;
                if (!m_progress(
                        {input, reader->bytesRead(), reader->fileSize(), m_lines + records}))
                    return Error{"import cancelled; the project is unchanged"};
            }
        }
        RLTHF_TRY(writeParsed());
        if (records == 0)
            return Error{fmt::format("{}: no records (the file is empty)", input)};
        m_lines += records;
        return {};
    }

    ImportReport takeReport() { return std::move(m_report); }

  private:
    // Records are parsed outside any transaction and written a few hundred at a time, so a
    // transaction holds the write lock only while it writes.
    Status writeParsed() {
        for (auto& record : m_parsed) {
            RLTHF_TRY(m_batch.beforeWrite());
            RLTHF_TRY(store(std::move(record)));
            RLTHF_TRY(m_batch.afterWrite());
        }
        m_parsed.clear();
        return m_batch.commitChunk();
    }

    Status store(Record record) {
        const std::string hash = contentHash(record.prompt, record.responseA, record.responseB);
        auto known = m_writer.containsHash(hash);
        if (!known)
            return known.error();
        if (*known) {
            ++m_report.duplicates;
            return {};
        }
        const Placement placement = placementFor(hash, m_seed);
        const bool swap = placement.swap && !record.keepOrder;
        auto side = [swap](char s) { return swap ? otherSide(s) : s; };

        store::NewPair pair;
        pair.externalId = std::move(record.externalId);
        pair.prompt = std::move(record.prompt);
        pair.responseA = std::move(swap ? record.responseB : record.responseA);
        pair.responseB = std::move(swap ? record.responseA : record.responseB);
        pair.contentHash = hash;
        pair.shard = placement.shard;
        pair.meta = std::move(record.meta);
        auto pairId = m_writer.insertPair(pair);
        if (!pairId)
            return pairId.error();
        ++m_report.imported;

        auto addLabel = [&](const char* source, char value) -> Status {
            store::NewLabelEvent event;
            event.pairId = *pairId;
            event.source = source;
            event.value = std::string(1, side(value));
            auto id = m_writer.appendLabel(event);
            if (!id)
                return id.error();
            ++m_report.labels;
            return {};
        };
        if (record.goldLabel)
            RLTHF_TRY(addLabel("gold", *record.goldLabel));
        if (record.aiLabel)
            RLTHF_TRY(addLabel("ai", *record.aiLabel));
        if (record.label) {
            store::NewLabelEvent event;
            event.pairId = *pairId;
            event.source = record.label->source;
            event.value = std::string(1, side(record.label->value));
            event.annotator = record.label->annotator;
            event.iteration = record.label->iteration;
            event.margin = record.label->margin;
            event.comment = record.label->comment;
            auto id = m_writer.appendLabel(event);
            if (!id)
                return id.error();
            ++m_report.labels;
        }
        return {};
    }

    store::StagedBatch& m_batch;
    store::PairWriter& m_writer;
    const ImportOptions& m_options;
    std::uint64_t m_seed;
    const ImportProgressFn& m_progress;
    ImportReport m_report;
    std::vector<Record> m_parsed;
    std::int64_t m_lines = 0;
    std::int64_t m_sinceProgress = 0;
};

} // namespace

std::string RejectedLine::describe() const {
    return fmt::format("{}:{}: {}", input, line, reason);
}

Result<ImportReport> importFiles(store::Project& project, const std::vector<std::string>& inputs,
                                 const ImportOptions& options, const ImportProgressFn& progress) {
    if (inputs.empty())
        return Error{"no input files given"};
    // Reading the project's own files through another descriptor would drop SQLite's locks.
    for (const auto& input : inputs)
        if (store::isProjectFile(input, project.path()))
            return Error{fmt::format("{}: is the project's own file, not data to import", input)};
    auto seed = placementSeed(project);
    if (!seed)
        return seed.error();
    // Written in short transactions, so verdicts go on meanwhile; no pair of the import is
    // visible until the last step publishes them all.
    auto batch = store::StagedBatch::begin(project.db(), store::BatchKind::Import, options.sharing);
    if (!batch)
        return batch.error();
    auto writer = store::PairWriter::create(project.db(), (*batch)->id());
    if (!writer)
        return writer.error();
    ImportRun run(**batch, *writer, options, *seed, progress);
    for (const auto& input : inputs)
        RLTHF_TRY(run.importInput(input));
    RLTHF_TRY((*batch)->publish());
    auto report = run.takeReport();
    report.transactions = (*batch)->transactions();
    report.longestTransaction = (*batch)->longestHold();
    return report;
}

} // namespace rlthf::data
