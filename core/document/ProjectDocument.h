#pragma once
// The open project as the window sees it (the idea of Tiled's Document). It owns the
// project's connections — one for the window's short reads on the GUI thread, one on a
// writer thread for verdicts — the undo stack of verdicts and the change signals. Every
// window part reads and writes through it; none holds SQL or a connection.
//
// Verdicts never block the window: record(), undo() and redo() hand the write to the
// writer thread and return a ticket at once; verdictWritten(ticket, …) follows once the
// write is durable (or failed), after the undo stack moved. One write is in flight at a
// time: while one is, these calls refuse (return 0), so a key press cannot run ahead of
// what is on disk.

#include "common/Result.h"
#include "document/Pages.h"
#include "document/ProjectQueries.h"
#include "document/ProjectStatus.h"
#include "document/TeamState.h"
#include "document/VerdictWrite.h"
#include "judge/JudgeSettings.h"
#include "loop/Agreement.h"
#include "loop/LoopSettings.h"
#include "loop/Review.h"

#include <QObject>
#include <QString>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QThread;
class QUndoStack;

namespace rlthf::store {
class Project;
}

namespace rlthf::document {

class ProjectChanges;
class VerdictWriter;

enum class OpenMode {
    Existing, // the file must be a project
    Create,   // a new project where no file is yet
};

// The curve and the history, as the charts draw them.
struct ChartData {
    std::optional<loop::CurveData> curve; // none before the first finished iteration
    bool curveOnLead = false;             // none here: a team station, whose lead retrains
    std::vector<loop::FinishedIteration> history;
    std::optional<Error> error; // the project could not be read: neither is known
};

class ProjectDocument : public QObject {
    Q_OBJECT

  public:
    static Result<std::unique_ptr<ProjectDocument>> open(const QString& path, OpenMode mode);
    // Checks an existing project and brings an older one to the current format (after a
    // backup beside it), then closes it; any thread. On a large project this takes a
    // while (about 20 s for a million pairs), so the window runs it on a worker first.
    static Status prepare(const QString& path);
    // Waits for the write in flight, then closes the connections.
    ~ProjectDocument() override;

    const QString& path() const { return m_path; }
    // Opened as a snapshot of a file this user may only read: nothing can be saved to it.
    bool readOnly() const;
    // Pairs visible to readers; counted on open, and again on a worker thread when another
    // connection published pairs or on recountPairs(); pairsChanged() follows each new count.
    std::int64_t pairCount() const { return m_pairCount; }
    void recountPairs();

    // Typed reads; each is one short read on the GUI thread's connection.
    Result<std::optional<PairView>> pair(std::int64_t pairId);
    Result<Page<PairRow>> pairPage(std::int64_t afterId, int pageSize);
    Result<Page<QueueRow>> queuePage(QueueFilter filter, std::int64_t afterKey, int pageSize,
                                     const std::string& annotator = {});
    // The open review queue's pair ids, in review order.
    Result<std::vector<std::int64_t>> openQueue(int limit);
    Result<ProjectStatus> status();
    Result<std::vector<std::string>> annotatorNames();
    Result<loop::Agreement> agreement();
    Result<loop::LoopSettings> loopSettings();
    Status saveLoopSettings(const loop::LoopSettings& settings);
    Result<judge::JudgeSettings> judgeSettings();
    Result<judge::TextLanguage> textLanguage(); // of the pairs: picks the judge's criteria
    Status saveJudgeSettings(const judge::JudgeSettings& settings);
    // Copies the project to `dest` on a worker thread (copyProject), then `done` runs here,
    // unless this document was closed meanwhile.
    void saveCopy(const QString& dest, std::function<void(Status)> done);
    // Reads the curve and the history on a worker thread (a large curve takes a while);
    // chartsLoaded() follows with the answer to the latest request only.
    void loadCharts();

    // Counts, on a worker thread, the pairs an AI labelling run would ask the judge about;
    // `done` runs here with the count, or nullopt when it could not be read.
    void countPairsToLabel(std::function<void(std::optional<std::int64_t>)> done);

    // The verdicts given in this window, for undo and redo.
    QUndoStack* undoStack() const { return m_undo; }
    // A verdict (or a lead's settlement) to append; on success the stack gets its command.
    quint64 record(loop::VerdictRequest request);
    // Revokes the verdict before the stack's index / appends it again; 0 when there is
    // nothing to undo or redo, or a write is in flight.
    quint64 undo();
    quint64 redo();
    bool isWriting() const { return m_inFlight != 0; }

    // A team member's project: syncs it with its server on a worker thread (one sync at a
    // time); teamSynced() follows. The team part of the state without syncing, at once.
    void syncTeam();
    TeamState teamState() const;
    // A station's expert stops reviewing (the window closes): once the write in flight and
    // any sync are done, a last sync sends the verdicts and hands back the open claims, then
    // `done` runs here with its state. Verdicts asked for meanwhile are refused.
    void stopReviewing(std::function<void(const TeamState&)> done);

    // Polls for other connections' commits every `interval` (pairsChanged, …).
    void watch(std::chrono::milliseconds interval);
    // Takes the project as it is now as seen: for a caller that has just re-read it all.
    void acknowledge();

  Q_SIGNALS:
    void teamSynced(const rlthf::document::TeamState& state);
    void pairsChanged();
    void labelsChanged();
    void iterationsChanged();
    // The project was opened as a snapshot (a file this user may only read) and has changed
    // on disk since: see ProjectChanges::snapshotOutdated.
    void snapshotOutdated();
    void chartsLoaded(const rlthf::document::ChartData& charts);
    void writingChanged(bool writing);
    // `pairId` is the pair written; `undone` is true for an undo's revoke.
    void verdictWritten(quint64 ticket, qint64 pairId, bool undone,
                        const rlthf::document::WriteOutcome& outcome);

  private:
    enum class Step { Record, Undo, Redo };
    ProjectDocument(std::unique_ptr<store::Project> project, QString path);
    Status countPairs();
    quint64 send(Step step, qint64 pairId, VerdictWrite write);
    void onWritten(quint64 ticket, const WriteOutcome& outcome);

    std::unique_ptr<store::Project> m_project;
    QString m_path;
    std::int64_t m_pairCount = 0;
    QUndoStack* m_undo;
    ProjectChanges* m_changes = nullptr;
    QThread* m_writerThread;
    VerdictWriter* m_writer;
    quint64 m_nextTicket = 1;
    quint64 m_inFlight = 0;
    Step m_inFlightStep = Step::Record;
    qint64 m_inFlightPair = -1;
    VerdictWrite m_inFlightWrite; // only while m_inFlight: a refused request never lands here
    quint64 m_chartGeneration = 0;
    quint64 m_countGeneration = 0;
    bool m_syncing = false; // a team sync is on its way
    std::function<void(const TeamState&)>
        m_stopReviewing; // set from stopReviewing() until it is done
    void stopReviewingWhenIdle();
};

// A consistent copy of the project at `source` to `dest`, through SQLite's backup API: a
// file copy would miss what is still in the -wal, and closing its descriptor would drop
// the locks of any connection this process has open. The copy is outside any team.
Status copyProject(const QString& source, const QString& dest);

} // namespace rlthf::document

Q_DECLARE_METATYPE(rlthf::document::ChartData)
