#include "data/Exporter.h"

#include "data/CsvReader.h"
#include "data/RecordReader.h"
#include "store/ProjectFiles.h"
#include "store/Schema.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <unistd.h>
#include <zlib.h>

namespace rlthf::data {

namespace {

namespace fs = std::filesystem;

constexpr const char* kExportQuery = R"sql(
SELECT p.id, p.external_id, p.prompt, p.response_a, p.response_b, p.meta,
       c.value, c.source, c.annotator, c.iteration, c.margin, c.comment,
       (SELECT x.value FROM active_labels x WHERE x.pair_id = p.id AND x.source = 'ai'
        ORDER BY x.id DESC LIMIT 1),
       (SELECT x.value FROM active_labels x WHERE x.pair_id = p.id AND x.source = 'gold'
        ORDER BY x.id DESC LIMIT 1),
       d.iteration_id, d.margin,
       CASE WHEN c.source IN ('human', 'settled') THEN
         (SELECT s.station FROM event_stations s WHERE s.event_id = c.event_id) END
FROM visible_pairs p LEFT JOIN current_labels c ON c.pair_id = p.id
LEFT JOIN dropped_now d ON d.pair_id = p.id
ORDER BY p.id
)sql";

bool endsWith(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct SplitName {
    std::string stem;
    std::string ext;
};

SplitName splitExtension(const std::string& out) {
    for (const char* known : {".jsonl.gz", ".json.gz", ".csv.gz", ".jsonl", ".json", ".csv", ".gz"})
        if (endsWith(out, known))
            return {out.substr(0, out.size() - std::strlen(known)), known};
    return {out, ""};
}

constexpr std::string_view kStageMarker = ".tmp-";

// True when every entry of `folder` is a shard file of an earlier export to the same name
// ("x-00001-of-00004.jsonl"), so replacing the folder loses nothing else.
bool holdsOnlyShards(const std::string& folder, const std::string& out) {
    const auto [stem, ext] = splitExtension(out);
    const std::string prefix = fs::path(stem).filename().string() + "-";
    constexpr std::string_view numbering = "00000-of-00000";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        const bool shaped = entry.is_regular_file() &&
                            name.size() == prefix.size() + numbering.size() + ext.size() &&
                            name.compare(0, prefix.size(), prefix) == 0 && endsWith(name, ext);
        if (!shaped)
            return false;
        for (std::size_t i = 0; i < numbering.size(); ++i) {
            const char c = name[prefix.size() + i];
            if (numbering[i] == '0' ? !std::isdigit(static_cast<unsigned char>(c))
                                    : c != numbering[i])
                return false;
        }
    }
    return !ec;
}

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// A file written anonymously (O_TMPFILE: a killed export leaves nothing behind), synced by
// close() and given its name by publish(). Where the file system has no O_TMPFILE, it is
// written under a temporary name beside the target instead.
class PendingFile {
  public:
    // `path` is the final name; the unnamed file is made in the folder of `tempName`, or
    // where the file system has no O_TMPFILE, written as `tempName.tmp-PID`.
    static Result<std::unique_ptr<PendingFile>> create(const std::string& path,
                                                       const std::string& tempName) {
        auto file = std::unique_ptr<PendingFile>(new PendingFile(path, tempName));
        store::removeStaleFiles(tempName, kTempMarker);
        const std::string dir = fs::absolute(tempName).parent_path().string();
        file->m_fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
        file->m_anonymous = file->m_fd >= 0;
        if (!file->m_anonymous)
            file->m_fd =
                ::open(file->m_temp.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
        if (file->m_fd < 0)
            return Error{fmt::format("{}: cannot write: {}", path, std::strerror(errno))};
        const int gzFd = ::dup(file->m_fd);
        file->m_handle = gzFd >= 0 ? gzdopen(gzFd, endsWith(path, ".gz") ? "wb6" : "wbT") : nullptr;
        if (!file->m_handle) {
            if (gzFd >= 0)
                ::close(gzFd);
            return Error{fmt::format("{}: cannot write: {}", path, std::strerror(errno))};
        }
        return file;
    }
    ~PendingFile() {
        if (m_handle)
            gzclose(m_handle);
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_published) {
            std::error_code ec;
            fs::remove(m_temp, ec);
        }
    }
    Status write(const QByteArray& bytes) {
        if (gzwrite(m_handle, bytes.constData(), static_cast<unsigned>(bytes.size())) !=
            bytes.size())
            return Error{fmt::format("{}: write failed (disk full?)", m_path)};
        return {};
    }
    // Finishes the content and makes it durable, still under no final name.
    Status close() {
        const int rc = gzclose(m_handle);
        m_handle = nullptr;
        if (rc != Z_OK || ::fsync(m_fd) != 0)
            return Error{fmt::format("{}: write failed (disk full?)", m_path)};
        return {};
    }
    // Gives the finished file its name: an anonymous file is linked straight to a free
    // name, or linked beside an existing one and renamed over it.
    Status publish() {
        if (m_anonymous) {
            const std::string self = fmt::format("/proc/self/fd/{}", m_fd);
            if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, m_path.c_str(), AT_SYMLINK_FOLLOW) ==
                0) {
                m_published = true;
                return {};
            }
            if (errno != EEXIST ||
                ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, m_temp.c_str(), AT_SYMLINK_FOLLOW) != 0)
                return Error{
                    fmt::format("{}: cannot name the file: {}", m_path, std::strerror(errno))};
        }
        std::error_code ec;
        fs::rename(m_temp, m_path, ec);
        if (ec)
            return Error{fmt::format("{}: cannot move into place: {}", m_path, ec.message())};
        m_published = true;
        return {};
    }

  private:
    static constexpr std::string_view kTempMarker = ".tmp-";
    PendingFile(std::string path, const std::string& tempName)
        : m_path(std::move(path)),
          m_temp(fmt::format("{}{}{}", tempName, kTempMarker, ::getpid())) {}
    std::string m_path;
    std::string m_temp;
    int m_fd = -1;
    bool m_anonymous = false;
    gzFile m_handle = nullptr;
    bool m_published = false;
};

// The folder that gives a sharded export its name. It is made only once every shard is
// complete, the shards are linked into it and it is renamed into place, so a kill leaves
// either no folder or all of it; at worst a temporary folder that the next export removes.
class StagedFolder {
  public:
    explicit StagedFolder(std::string target)
        : m_target(std::move(target)),
          m_stage(fmt::format("{}{}{}", m_target, kStageMarker, ::getpid())) {
        store::removeStaleFiles(m_target, kStageMarker);
    }
    ~StagedFolder() {
        std::error_code ec;
        if (m_made && !m_published)
            fs::remove_all(m_stage, ec);
    }
    std::string inside(const std::string& finalPath) const {
        return m_stage + "/" + fs::path(finalPath).filename().string();
    }
    // One rename publishes every shard; an earlier export's folder is swapped out whole
    // (RENAME_EXCHANGE) and then removed.
    Status publish(std::vector<std::unique_ptr<PendingFile>>& files) {
        std::error_code ec;
        if (!fs::create_directory(m_stage, ec))
            return Error{fmt::format("{}: cannot write: {}", m_target,
                                     ec ? ec.message() : "a temporary folder is in the way")};
        m_made = true;
        for (auto& file : files)
            RLTHF_TRY(file->publish());
        // No fsync between the links and the rename: it would widen the moment in which a kill
        // leaves the temporary folder. Journalling file systems (ext4, xfs, btrfs) commit
        // these metadata changes in order, so after a power cut the folder is whole or absent.
        if (::renameat2(AT_FDCWD, m_stage.c_str(), AT_FDCWD, m_target.c_str(), RENAME_NOREPLACE) !=
            0) {
            if (errno != EEXIST && errno != ENOTEMPTY)
                return Error{
                    fmt::format("{}: cannot move into place: {}", m_target, std::strerror(errno))};
            if (::renameat2(AT_FDCWD, m_stage.c_str(), AT_FDCWD, m_target.c_str(),
                            RENAME_EXCHANGE) != 0)
                return Error{fmt::format("{}: cannot replace the earlier export: {}", m_target,
                                         std::strerror(errno))};
            fs::remove_all(m_stage, ec); // now the earlier export's folder
        }
        m_published = true;
        RLTHF_TRY(store::syncDirectoryOf(m_target + "/."));
        return store::syncDirectoryOf(m_target);
    }

  private:
    std::string m_target;
    std::string m_stage;
    bool m_made = false;
    bool m_published = false;
};

struct Row {
    std::int64_t id;
    std::optional<std::string> externalId;
    std::string prompt, a, b;
    std::optional<std::string> meta;
    std::optional<std::string> label, source, annotator;
    std::optional<std::string> station; // team projects: where the verdict was given
    std::optional<std::int64_t> iteration;
    std::optional<double> margin;
    std::optional<std::string> comment, ai, gold;
};

Row readRow(const store::Statement& s) {
    Row r;
    r.id = s.int64(0);
    r.externalId = s.optionalText(1);
    r.prompt = s.text(2);
    r.a = s.text(3);
    r.b = s.text(4);
    r.meta = s.optionalText(5);
    r.label = s.optionalText(6);
    r.source = s.optionalText(7);
    r.annotator = s.optionalText(8);
    r.iteration = s.optionalInt64(9);
    if (!s.isNull(10))
        r.margin = s.real(10);
    r.comment = s.optionalText(11);
    r.ai = s.optionalText(12);
    r.gold = s.optionalText(13);
    r.station = s.optionalText(16);
    // Dropped by the iteration in force (wrong_labels = drop): no label is trusted.
    if (!s.isNull(14)) {
        r.label.reset();
        r.source = std::string(kDroppedLabelSource);
        r.annotator.reset();
        r.station.reset();
        r.comment.reset();
        r.iteration = s.int64(14);
        r.margin = s.real(15);
    }
    return r;
}

// A pair's id in an export: the one it was imported with, else its number in the project.
std::string exportedId(const Row& r) {
    return r.externalId ? *r.externalId : std::to_string(r.id);
}

// The margin an exported label carries: AI and gold labels carry none.
std::optional<double> labelMargin(const Row& r) {
    return r.source && *r.source != "ai" && *r.source != "gold" ? r.margin : std::nullopt;
}

void putProvenance(QJsonObject& o, const Row& r) {
    o.insert(QStringLiteral("label_source"), r.source ? QJsonValue(qs(*r.source)) : QJsonValue());
    if (r.annotator)
        o.insert(QStringLiteral("annotator"), qs(*r.annotator));
    if (r.station)
        o.insert(QStringLiteral("station"), qs(*r.station));
    if (r.iteration)
        o.insert(QStringLiteral("iteration"), static_cast<qint64>(*r.iteration));
    if (const auto margin = labelMargin(r))
        o.insert(QStringLiteral("margin"), *margin);
    if (r.comment)
        o.insert(QStringLiteral("comment"), qs(*r.comment));
}

QJsonObject trlObject(const Row& r) {
    const bool aWins = *r.label == "a";
    QJsonObject o;
    o.insert(QStringLiteral("id"), qs(exportedId(r)));
    o.insert(QStringLiteral("prompt"), qs(r.prompt));
    o.insert(QStringLiteral("chosen"), qs(aWins ? r.a : r.b));
    o.insert(QStringLiteral("rejected"), qs(aWins ? r.b : r.a));
    putProvenance(o, r);
    return o;
}

QJsonObject pairsObject(const Row& r) {
    auto optional = [](const std::optional<std::string>& v) {
        return v ? QJsonValue(qs(*v)) : QJsonValue();
    };
    QJsonObject o;
    o.insert(QStringLiteral("id"), qs(exportedId(r)));
    o.insert(QStringLiteral("prompt"), qs(r.prompt));
    o.insert(QStringLiteral("response_a"), qs(r.a));
    o.insert(QStringLiteral("response_b"), qs(r.b));
    o.insert(QStringLiteral("ai_label"), optional(r.ai));
    o.insert(QStringLiteral("gold_label"), optional(r.gold));
    o.insert(QStringLiteral("label"), optional(r.label));
    putProvenance(o, r);
    if (r.meta)
        o.insert(QStringLiteral("meta"),
                 QJsonDocument::fromJson(QByteArray::fromStdString(*r.meta)).object());
    return o;
}

// A spreadsheet's row: the native fields, then the label in force with its provenance, then
// meta (the header is csvFields()). Text cells are escaped against formula injection; the
// margin is written in the shortest form that reads back as the same number.
QByteArray csvRow(const Row& r) {
    const auto text = [](const std::optional<std::string>& v) {
        return v ? escapeFormula(*v) : std::string();
    };
    const auto margin = labelMargin(r);
    const std::vector<std::string> cells = {
        escapeFormula(exportedId(r)),
        escapeFormula(r.prompt),
        escapeFormula(r.a),
        escapeFormula(r.b),
        text(r.ai),
        text(r.gold),
        text(r.label),
        text(r.source),
        text(r.annotator),
        text(r.station),
        r.iteration ? std::to_string(*r.iteration) : std::string(),
        margin ? fmt::format("{}", *margin) : std::string(),
        text(r.comment),
        text(r.meta),
    };
    return QByteArray::fromStdString(csvLine(cells));
}

QByteArray csvHeader() {
    return QByteArray::fromStdString(std::string(kUtf8ByteOrderMark) + csvLine(csvFields()));
}

} // namespace

std::string shardFolder(const std::string& out) {
    return splitExtension(out).stem;
}

std::vector<std::string> shardPaths(const std::string& out, int shards) {
    if (shards <= 1)
        return {out};
    const auto [stem, ext] = splitExtension(out);
    const std::string name = fs::path(stem).filename().string();
    std::vector<std::string> paths;
    for (int i = 1; i <= shards; ++i)
        paths.push_back(fmt::format("{}/{}-{:05d}-of-{:05d}{}", stem, name, i, shards, ext));
    return paths;
}

Result<ExportReport> exportProject(store::Project& project, const std::string& out,
                                   const ExportOptions& options, const ExportProgressFn& progress) {
    if (options.shards < 1 || options.shards > 10000)
        return Error{fmt::format("--shards must be between 1 and 10000, not {}", options.shards)};
    ExportReport report;
    report.files = shardPaths(out, options.shards);
    const bool sharded = options.shards > 1;
    const std::string target = sharded ? shardFolder(out) : out;
    std::error_code ec;
    if (sharded && fs::exists(target, ec) && !fs::is_directory(target, ec))
        return Error{
            fmt::format("{}: exists and is not a folder; choose another output name", target)};
    if (sharded && fs::is_directory(target, ec) && !holdsOnlyShards(target, out))
        return Error{fmt::format(
            "{}: holds files that are not an earlier export; choose another output name", target)};
    if (!sharded && fs::is_directory(target, ec))
        return Error{fmt::format("{}: is a directory; choose another output name", target)};
    for (const auto& path : report.files) {
        RLTHF_TRY(store::refuseProjectFile(path, project.path(), "choose another output name"));
        RLTHF_TRY(store::refuseReplacingDatabase(path));
    }

    std::unique_ptr<StagedFolder> stage;
    if (sharded)
        stage = std::make_unique<StagedFolder>(target);
    const std::string tempFolder = fs::absolute(target).parent_path().string();
    std::vector<std::unique_ptr<PendingFile>> files;
    for (const auto& path : report.files) {
        auto file = stage
                        ? PendingFile::create(stage->inside(path),
                                              tempFolder + "/" + fs::path(path).filename().string())
                        : PendingFile::create(path, path);
        if (!file)
            return file.error();
        files.push_back(std::move(*file));
        if (options.format == ExportFormat::Csv)
            RLTHF_TRY(files.back()->write(csvHeader()));
    }

    auto total = store::visiblePairCount(project.db());
    if (!total)
        return total.error();
    // One statement reads one consistent snapshot, even while others write.
    auto stmt = project.db().prepare(kExportQuery);
    if (!stmt)
        return stmt.error();
    for (std::int64_t read = 1;; ++read) {
        auto more = stmt->step();
        if (!more)
            return more.error();
        if (!*more)
            break;
        if (progress && read % 1000 == 0 && !progress(read, *total))
            return Error{"export cancelled; no file was written"};
        const Row row = readRow(*stmt);
        if (options.format == ExportFormat::Trl && !row.label) {
            ++(row.source == kDroppedLabelSource ? report.dropped : report.unlabelled);
            continue;
        }
        QByteArray line;
        if (options.format == ExportFormat::Csv) {
            line = csvRow(row);
        } else {
            line = QJsonDocument(options.format == ExportFormat::Trl ? trlObject(row)
                                                                     : pairsObject(row))
                       .toJson(QJsonDocument::Compact);
            line.append('\n');
        }
        RLTHF_TRY(files[static_cast<std::size_t>((row.id - 1) % options.shards)]->write(line));
        ++report.rows;
    }
    for (auto& file : files)
        RLTHF_TRY(file->close());
    if (stage) {
        RLTHF_TRY(stage->publish(files)); // all shards appear in one rename
    } else {
        RLTHF_TRY(files.front()->publish());
        RLTHF_TRY(store::syncDirectoryOf(out));
    }
    return report;
}

} // namespace rlthf::data
