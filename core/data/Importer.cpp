#include "data/Importer.h"

#include "common/BoundedQueue.h"
#include "common/Labels.h"
#include "data/ContentHash.h"
#include "data/LineReader.h"
#include "data/SeenContent.h"
#include "store/PairWriter.h"
#include "store/ProjectFiles.h"
#include "store/StagedBatch.h"

#include <algorithm>
#include <fmt/format.h>
#include <iterator>
#include <optional>
#include <thread>
#include <utility>

namespace rlthf::data {

namespace {

constexpr const char* kSeedSetting = "placement_seed";
constexpr std::size_t kRecordsPerWrite = 512;

Result<std::uint64_t> placementSeed(store::Project& project) {
    auto stored = project.setting(kSeedSetting);
    if (!stored)
        return stored.error();
    if (*stored)
        return std::stoull(**stored);
    RLTHF_TRY(project.setSetting(kSeedSetting, std::to_string(kDefaultPlacementSeed)));
    return kDefaultPlacementSeed;
}

// A record made ready to store on the reading thread: hashed, placed, its labels turned to
// the stored sides (their pair ids are set once the pair is written).
struct PreparedPair {
    store::NewPair pair;
    std::vector<store::NewLabelEvent> labels;
};

// What the reading thread hands to the writing one: a few hundred lines' worth.
struct PreparedChunk {
    std::vector<PreparedPair> pairs;
    std::vector<RejectedLine> rejected;
    std::optional<Error> error; // stops the import
    ImportProgress progress;
    std::int64_t duplicates = 0; // left out here (only when the preparer finds them)
};

// Depth of the hand-over queue: enough for the reader to run ahead over a slow commit.
constexpr std::size_t kChunksAhead = 8;

// The two directions between reader and writer. Written chunks go back to the reader to be
// freed there: memory freed on another thread than the one that took it waits on the
// allocator's lock, which cost the writer about a tenth of its time.
struct ChunkQueues {
    BoundedQueue<PreparedChunk> prepared{kChunksAhead};
    BoundedQueue<PreparedChunk> written{kChunksAhead};
};

// Reads, parses and hashes the inputs, a chunk at a time.
class RecordPreparer {
  public:
    // With `seen`, a content given before is left out here and counted as a duplicate.
    RecordPreparer(const std::vector<std::string>& inputs, const ImportOptions& options,
                   std::uint64_t seed, SeenContent* seen)
        : m_inputs(inputs), m_options(options), m_seed(seed), m_seen(seen) {}

    // The next few hundred lines' worth; a chunk with an error stops the import; nullopt
    // once every input is read.
    std::optional<PreparedChunk> next() {
        if (m_done)
            return std::nullopt;
        PreparedChunk chunk;
        std::size_t lines = 0;
        Record record;
        while (lines < kRecordsPerWrite) {
            if (!m_reader) {
                if (m_nextInput == m_inputs.size()) {
                    m_done = true;
                    break;
                }
                m_input = m_inputs[m_nextInput++];
                auto reader = RecordReader::open(m_input, m_options.format,
                                                 m_options.labelSource, m_options.csv);
                if (!reader)
                    return failure(reader.error());
                m_reader = std::move(*reader);
                m_records = 0;
            }
            const auto outcome = m_reader->next(record);
            if (outcome == RecordReader::Outcome::End) {
                if (m_records == 0)
                    return failure(
                        Error{fmt::format("{}: no records (the file is empty)", m_input)});
                m_lines += m_records;
                chunk.progress = {m_input, m_reader->bytesRead(), m_reader->fileSize(), m_lines};
                m_reader.reset();
                continue;
            }
            if (outcome == RecordReader::Outcome::Failed)
                return failure(
                    Error{RejectedLine{m_input, m_reader->line(), m_reader->reason()}.describe()});
            ++m_records;
            ++lines;
            if (outcome == RecordReader::Outcome::Bad) {
                RejectedLine rejected{m_input, m_reader->line(), m_reader->reason()};
                if (!m_options.skipBad)
                    return failure(Error{rejected.describe()});
                chunk.rejected.push_back(std::move(rejected));
            } else {
                PreparedPair prepared = prepare(std::move(record));
                if (m_seen && !m_seen->insert(prepared.pair.contentHash))
                    ++chunk.duplicates;
                else
                    chunk.pairs.push_back(std::move(prepared));
            }
        }
        if (m_reader)
            chunk.progress = {m_input, m_reader->bytesRead(), m_reader->fileSize(),
                              m_lines + m_records};
        return chunk;
    }

  private:
    PreparedPair prepare(Record record) const {
        PreparedPair out;
        const std::string hash = contentHash(record.prompt, record.responseA, record.responseB);
        const Placement placement = placementFor(hash, m_seed);
        const bool swap = placement.swap && !record.keepOrder;
        auto side = [swap](char s) { return std::string(1, swap ? otherSide(s) : s); };

        store::NewPair& pair = out.pair;
        pair.externalId = std::move(record.externalId);
        pair.prompt = std::move(record.prompt);
        pair.responseA = std::move(swap ? record.responseB : record.responseA);
        pair.responseB = std::move(swap ? record.responseA : record.responseB);
        pair.contentHash = hash;
        pair.shard = placement.shard;
        pair.meta = std::move(record.meta);

        out.labels.reserve(record.goldLabel.has_value() + record.aiLabel.has_value() +
                           record.label.has_value());
        auto label = [&](const char* source, char value) -> store::NewLabelEvent& {
            store::NewLabelEvent& event = out.labels.emplace_back();
            event.source = source;
            event.value = side(value);
            return event;
        };
        if (record.goldLabel)
            label("gold", *record.goldLabel);
        if (record.aiLabel)
            label("ai", *record.aiLabel);
        if (record.label) {
            store::NewLabelEvent& event = label(record.label->source.c_str(), record.label->value);
            event.annotator = record.label->annotator;
            event.iteration = record.label->iteration;
            event.margin = record.label->margin;
            event.comment = record.label->comment;
        }
        return out;
    }

    PreparedChunk failure(Error error) {
        m_done = true;
        PreparedChunk chunk;
        chunk.error = std::move(error);
        return chunk;
    }

    const std::vector<std::string>& m_inputs;
    const ImportOptions& m_options;
    const std::uint64_t m_seed;
    SeenContent* const m_seen;
    std::size_t m_nextInput = 0;
    std::string m_input;
    std::unique_ptr<RecordReader> m_reader;
    std::int64_t m_records = 0; // of the current input
    std::int64_t m_lines = 0;   // of the inputs read to their end
    bool m_done = false;
};

// Runs the preparer on a thread of its own, a few chunks ahead of the writer.
void prepareAhead(RecordPreparer& preparer, ChunkQueues& queues) {
    while (auto chunk = preparer.next()) {
        while (queues.written.tryPop()) {
        }
        const bool last = chunk->error.has_value();
        if (!queues.prepared.push(std::move(*chunk)) || last)
            break;
    }
    queues.prepared.finish();
}

// Writes prepared chunks in the batch's transactions, a chunk per transaction at most.
class PreparedWriter {
  public:
    PreparedWriter(store::StagedBatch& batch, store::PairWriter& writer,
                   const ImportProgressFn& progress)
        : m_batch(batch), m_writer(writer), m_progress(progress) {}

    using NextChunk = std::function<std::optional<PreparedChunk>()>;
    using WrittenChunk = std::function<void(PreparedChunk)>;

    Status writeAll(const NextChunk& next, const WrittenChunk& written) {
        while (auto chunk = next()) {
            if (chunk->error)
                return *chunk->error;
            for (auto& prepared : chunk->pairs) {
                RLTHF_TRY(m_batch.beforeWrite());
                RLTHF_TRY(store(prepared));
                RLTHF_TRY(m_batch.afterWrite());
            }
            RLTHF_TRY(m_batch.commitChunk());
            m_report.duplicates += chunk->duplicates;
            std::move(chunk->rejected.begin(), chunk->rejected.end(),
                      std::back_inserter(m_report.rejected));
            if (m_progress && !chunk->progress.input.empty() && !m_progress(chunk->progress))
                return Error{"import cancelled; the project is unchanged"};
            written(std::move(*chunk));
        }
        // The labels still queued: a part of the last chunk's.
        RLTHF_TRY(m_batch.beforeWrite());
        RLTHF_TRY(m_writer.flushLabels());
        return m_batch.commitChunk();
    }

    ImportReport takeReport() { return std::move(m_report); }

  private:
    Status store(PreparedPair& prepared) {
        auto inserted = m_writer.insertPair(prepared.pair);
        if (!inserted)
            return inserted.error();
        if (!*inserted) {
            ++m_report.duplicates;
            return {};
        }
        ++m_report.imported;
        for (auto& label : prepared.labels)
            label.pairId = **inserted;
        RLTHF_TRY(m_writer.queueLabels(prepared.labels));
        m_report.labels += static_cast<std::int64_t>(prepared.labels.size());
        return {};
    }

    store::StagedBatch& m_batch;
    store::PairWriter& m_writer;
    const ImportProgressFn& m_progress;
    ImportReport m_report;
};

} // namespace

std::string RejectedLine::describe() const {
    return line > 0 ? fmt::format("{}:{}: {}", input, line, reason)
                    : fmt::format("{}: {}", input, reason); // before its first line
}

Status refuseProjectFiles(const std::vector<std::string>& inputs, const std::string& projectPath) {
    for (const auto& input : inputs)
        RLTHF_TRY(store::refuseProjectFile(input, projectPath, "it is not data to import"));
    return {};
}

Result<ImportReport> importFiles(store::Project& project, const std::vector<std::string>& inputs,
                                 const ImportOptions& options, const ImportProgressFn& progress) {
    if (inputs.empty())
        return Error{"no input files given"};
    RLTHF_TRY(refuseProjectFiles(inputs, project.path()));
    auto seed = placementSeed(project);
    if (!seed)
        return seed.error();
    // Written in short transactions, so verdicts go on meanwhile; no pair of the import is
    // visible until the last step publishes them all.
    auto batch = store::StagedBatch::begin(project.db(), store::BatchKind::Import, options.sharing);
    if (!batch)
        return batch.error();
    // A new project's stage is loaded before its content hash's unique index is built: the
    // contents this import has given so far are then the only ones to skip.
    const bool findsDuplicates = (*batch)->findsDuplicates();
    auto writer =
        store::PairWriter::create(project.db(), (*batch)->id(),
                                  findsDuplicates ? store::PairWriter::Duplicates::Skipped
                                                  : store::PairWriter::Duplicates::FoundBefore);
    if (!writer)
        return writer.error();
    std::optional<SeenContent> seen;
    if (!findsDuplicates)
        seen.emplace();
    RecordPreparer preparer(inputs, options, *seed, seen ? &*seen : nullptr);
    PreparedWriter run(**batch, *writer, progress);
    Status written;
    if (options.sharing == store::Sharing::Alone) {
        // Nobody waits on a new project, so reading runs on the second core meanwhile.
        ChunkQueues chunks;
        std::thread reading([&] { prepareAhead(preparer, chunks); });
        written = run.writeAll([&] { return chunks.prepared.pop(); },
                               [&](PreparedChunk chunk) {
                                   (void)chunks.written.tryPush(std::move(chunk));
                               });
        chunks.prepared.close(); // stops the reader when the writer stopped early
        reading.join();
    } else {
        // Into a project others use, one thread: with a second busy one the window's verdicts
        // waited longer during an import (p99 76.0 against 43.8 ms on two cores).
        written = run.writeAll([&] { return preparer.next(); }, [](PreparedChunk) {});
    }
    RLTHF_TRY(written);
    seen.reset(); // its memory goes before the content hash's index is built
    RLTHF_TRY((*batch)->publish());
    auto report = run.takeReport();
    report.transactions = (*batch)->transactions();
    report.longestTransaction = (*batch)->longestHold();
    return report;
}

} // namespace rlthf::data
