#include "document/ProjectDocument.h"

#include "document/AsyncTask.h"
#include "document/ProjectChanges.h"
#include "document/VerdictCommand.h"
#include "document/VerdictWriter.h"
#include "judge/AnswerStore.h"
#include "store/Backup.h"
#include "store/Project.h"
#include "store/Schema.h"
#include "team/Membership.h"

#include <QThread>
#include <QUndoStack>

namespace rlthf::document {

namespace {

// A count read on a worker thread through a connection of its own (the GUI thread's stays
// free); nullopt when the project or the count cannot be read.
auto countOnOwnConnection(std::string path, Result<std::int64_t> (*count)(store::Database&)) {
    return [path = std::move(path), count]() -> std::optional<std::int64_t> {
        auto project = store::Project::open(path);
        if (!project)
            return std::nullopt;
        auto counted = count(project->db());
        return counted ? std::optional<std::int64_t>(*counted) : std::nullopt;
    };
}

// The project's files as just opened: what the verdict writer checks its writes against.
store::FilesInPlace filesAsOpened(store::Project& project) {
    store::FilesInPlace files(project.path());
    (void)files.check(project.db()); // notes the log, which opening the project created
    return files;
}

} // namespace

Result<std::unique_ptr<ProjectDocument>> ProjectDocument::open(const QString& path, OpenMode mode) {
    auto opened = store::Project::open(path.toStdString(), mode == OpenMode::Create
                                                               ? store::OpenMode::OpenOrCreate
                                                               : store::OpenMode::Existing);
    if (!opened)
        return opened.error();
    auto project = std::make_unique<store::Project>(std::move(opened).value());
    std::unique_ptr<ProjectDocument> document(new ProjectDocument(std::move(project), path));
    if (Status counted = document->countPairs(); !counted)
        return counted.error();
    return document;
}

Status ProjectDocument::prepare(const QString& path) {
    auto opened = store::Project::open(path.toStdString(), store::OpenMode::Existing);
    return opened ? Status() : Status(opened.error());
}

ProjectDocument::ProjectDocument(std::unique_ptr<store::Project> project, QString path)
    : m_project(std::move(project)), m_path(std::move(path)), m_undo(new QUndoStack(this)),
      m_writerThread(new QThread(this)),
      m_writer(new VerdictWriter(m_path, filesAsOpened(*m_project))) {
    qRegisterMetaType<VerdictWrite>();
    qRegisterMetaType<WriteOutcome>();
    qRegisterMetaType<ChartData>();
    m_writerThread->setObjectName(QStringLiteral("verdict writer"));
    m_writer->moveToThread(m_writerThread);
    connect(m_writer, &VerdictWriter::written, this, &ProjectDocument::onWritten,
            Qt::QueuedConnection);
    m_writerThread->start();
}

ProjectDocument::~ProjectDocument() {
    // Queued after any write in flight, so that write still commits before the thread ends.
    QMetaObject::invokeMethod(
        m_writer, [thread = m_writerThread] { thread->quit(); }, Qt::QueuedConnection);
    m_writerThread->wait();
    delete m_writer;
    m_undo->clear();
}

bool ProjectDocument::readOnly() const {
    return m_project->db().isSnapshot();
}

Status ProjectDocument::countPairs() {
    auto count = store::visiblePairCount(m_project->db());
    if (!count)
        return count.error();
    m_pairCount = *count;
    return {};
}

void ProjectDocument::recountPairs() {
    const quint64 generation = ++m_countGeneration;
    runThenCallback(
        this, countOnOwnConnection(m_path.toStdString(), &store::visiblePairCount),
        [this, generation](std::optional<std::int64_t> count) {
            if (generation != m_countGeneration || !count)
                return; // a later count is on its way, or this one failed: the last stays
            m_pairCount = *count;
            Q_EMIT pairsChanged();
        });
}

Result<std::optional<PairView>> ProjectDocument::pair(std::int64_t pairId) {
    return pairView(m_project->db(), pairId);
}

Result<Page<PairRow>> ProjectDocument::pairPage(std::int64_t afterId, int pageSize) {
    return document::pairPage(m_project->db(), afterId, pageSize);
}

Result<Page<QueueRow>> ProjectDocument::queuePage(QueueFilter filter, std::int64_t afterKey,
                                                  int pageSize, const std::string& annotator) {
    return document::queuePage(m_project->db(), filter, afterKey, pageSize, annotator);
}

Result<std::vector<std::int64_t>> ProjectDocument::openQueue(int limit) {
    auto open = loop::openQueue(m_project->db(), limit);
    if (!open)
        return open.error();
    std::vector<std::int64_t> ids;
    ids.reserve(open->size());
    for (const auto& entry : *open)
        ids.push_back(entry.pairId);
    return ids;
}

Result<ProjectStatus> ProjectDocument::status() {
    auto counts = reviewCounts(m_project->db());
    if (!counts)
        return counts.error();
    ProjectStatus s;
    s.pairs = m_pairCount;
    s.toReview = counts->toReview;
    s.reviewed = counts->reviewed;
    s.autoFlipped = counts->autoFlipped;
    s.dropped = counts->dropped;
    s.modelVersion = counts->latestIteration;
    if (!counts->latestFinishedAt.empty())
        s.lastRescored = QDateTime::fromString(QString::fromStdString(counts->latestFinishedAt),
                                               Qt::ISODateWithMs);
    return s;
}

Result<std::vector<std::string>> ProjectDocument::annotatorNames() {
    return document::annotatorNames(m_project->db());
}

Result<loop::Agreement> ProjectDocument::agreement() {
    return loop::annotatorAgreement(m_project->db());
}

Result<loop::LoopSettings> ProjectDocument::loopSettings() {
    return loop::loadLoopSettings(*m_project);
}

Status ProjectDocument::saveLoopSettings(const loop::LoopSettings& settings) {
    return loop::saveLoopSettings(*m_project, settings);
}

Result<judge::JudgeSettings> ProjectDocument::judgeSettings() {
    return judge::loadJudgeSettings(*m_project);
}

Result<judge::TextLanguage> ProjectDocument::textLanguage() {
    return judge::detectTextLanguage(m_project->db());
}

Status ProjectDocument::saveJudgeSettings(const judge::JudgeSettings& settings) {
    return judge::saveJudgeSettings(*m_project, settings);
}

void ProjectDocument::saveCopy(const QString& dest, std::function<void(Status)> done) {
    // A copy of a large project takes seconds: on a worker, through its own connection.
    runThenCallback(
        this, [source = m_path, dest] { return copyProject(source, dest); }, std::move(done));
}

void ProjectDocument::loadCharts() {
    const quint64 generation = ++m_chartGeneration;
    runThenCallback(
        this,
        [path = m_path.toStdString()] {
            // Its own connection: the GUI thread's stays free while a large curve is read.
            ChartData charts;
            auto project = store::Project::open(path);
            if (!project) {
                charts.error = project.error();
                return charts;
            }
            auto history = loop::iterationHistory(project->db());
            if (!history) {
                charts.error = history.error();
                return charts;
            }
            charts.history = std::move(*history);
            if (charts.history.empty())
                return charts; // no curve yet, and that is no error
            auto curve = loop::latestCurve(project->db());
            if (!curve) {
                charts.error = curve.error();
                return charts;
            }
            charts.curve = std::move(*curve);
            if (!charts.curve) {
                auto station = team::isStation(project->db());
                charts.curveOnLead = station && *station;
            }
            return charts;
        },
        [this, generation](const ChartData& charts) {
            if (generation == m_chartGeneration)
                Q_EMIT chartsLoaded(charts);
        });
}

void ProjectDocument::countPairsToLabel(std::function<void(std::optional<std::int64_t>)> done) {
    runThenCallback(this,
                    countOnOwnConnection(m_path.toStdString(), &judge::pairsWithoutAiLabel),
                    std::move(done));
}

void ProjectDocument::syncTeam() {
    if (std::exchange(m_syncing, true))
        return;
    runThenCallback(
        this, [path = m_path.toStdString()] { return document::syncTeam(path); },
        [this](const TeamState& state) {
            m_syncing = false;
            Q_EMIT teamSynced(state);
            stopReviewingWhenIdle();
        });
}

void ProjectDocument::stopReviewing(std::function<void(const TeamState&)> done) {
    m_stopReviewing = std::move(done);
    stopReviewingWhenIdle();
}

void ProjectDocument::stopReviewingWhenIdle() {
    if (!m_stopReviewing || m_syncing || m_inFlight != 0)
        return;
    m_syncing = true;
    runThenCallback(
        this, [path = m_path.toStdString()] { return document::syncTeam(path, true); },
        [this](const TeamState& state) {
            m_syncing = false;
            std::exchange(m_stopReviewing, {})(state);
        });
}

TeamState ProjectDocument::teamState() const {
    return readTeamState(m_project->db());
}

quint64 ProjectDocument::record(loop::VerdictRequest request) {
    const qint64 pairId = request.pairId;
    return send(Step::Record, pairId, VerdictWrite::recordOf(std::move(request)));
}

namespace {

// The stack holds only VerdictCommands, made by record(); the document may update them.
VerdictCommand* commandAt(QUndoStack* stack, int index) {
    return const_cast<VerdictCommand*>(static_cast<const VerdictCommand*>(stack->command(index)));
}

} // namespace

quint64 ProjectDocument::undo() {
    if (!m_undo->canUndo())
        return 0;
    VerdictCommand* command = commandAt(m_undo, m_undo->index() - 1);
    return send(Step::Undo, command->pairId(), command->nextWrite());
}

quint64 ProjectDocument::redo() {
    if (!m_undo->canRedo())
        return 0;
    VerdictCommand* command = commandAt(m_undo, m_undo->index());
    return send(Step::Redo, command->pairId(), command->nextWrite());
}

quint64 ProjectDocument::send(Step step, qint64 pairId, VerdictWrite write) {
    if (m_inFlight != 0 || m_stopReviewing)
        return 0;
    m_inFlight = m_nextTicket++;
    m_inFlightStep = step;
    m_inFlightPair = pairId;
    m_inFlightWrite = write;
    QMetaObject::invokeMethod(m_writer, "write", Qt::QueuedConnection, Q_ARG(quint64, m_inFlight),
                              Q_ARG(rlthf::document::VerdictWrite, write));
    Q_EMIT writingChanged(true);
    return m_inFlight;
}

void ProjectDocument::onWritten(quint64 ticket, const WriteOutcome& outcome) {
    if (ticket != m_inFlight)
        return;
    m_inFlight = 0;
    const qint64 pairId = m_inFlightPair;
    // This connection shares the log the writer found removed: closing it must not copy
    // that log into the file either.
    if (outcome.filesLost)
        (void)m_project->db().keepLogOnClose();
    if (outcome.ok()) {
        switch (m_inFlightStep) {
        case Step::Record:
            m_undo->push(new VerdictCommand(m_inFlightWrite.record, *outcome.recorded));
            break;
        case Step::Undo:
            commandAt(m_undo, m_undo->index() - 1)->follow(outcome);
            m_undo->undo();
            break;
        case Step::Redo:
            commandAt(m_undo, m_undo->index())->follow(outcome);
            m_undo->redo();
            break;
        }
    }
    Q_EMIT writingChanged(false);
    Q_EMIT verdictWritten(ticket, pairId, m_inFlightStep == Step::Undo, outcome);
    stopReviewingWhenIdle();
}

void ProjectDocument::watch(std::chrono::milliseconds interval) {
    if (m_changes)
        return;
    m_changes = new ProjectChanges(m_project->db(), interval, this);
    connect(m_changes, &ProjectChanges::pairsChanged, this, &ProjectDocument::recountPairs);
    connect(m_changes, &ProjectChanges::labelsChanged, this, &ProjectDocument::labelsChanged);
    connect(m_changes, &ProjectChanges::snapshotOutdated, this, &ProjectDocument::snapshotOutdated);
    connect(m_changes, &ProjectChanges::iterationsChanged, this,
            &ProjectDocument::iterationsChanged);
    m_changes->start();
}

void ProjectDocument::acknowledge() {
    if (m_changes)
        m_changes->acknowledge();
}

Status copyProject(const QString& source, const QString& dest) {
    // Opened for writing only so that, as the last connection, it leaves no -wal behind;
    // the backup itself never writes to the source.
    auto from = store::Database::open(source.toStdString(), store::Database::Mode::ReadWrite);
    if (!from)
        return from.error();
    // Out of the team before it is in place: opened, it would otherwise sync as this station,
    // under its claims.
    return store::backupDatabase(*from, dest.toStdString(), team::forgetMembership);
}

} // namespace rlthf::document
