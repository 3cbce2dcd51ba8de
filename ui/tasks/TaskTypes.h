#pragma once
// What a background task reports to the GUI: progress while it runs, a result when it ends.
// Both travel through queued signals, so they are plain copyable values.

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace rlthf::ui {

enum class TaskKind { Retrain, Propagate, Import, Export, Label };

// "Retrain & rescore", "Propagate", "Import", "Export", "Label with AI" (translated).
QString taskKindName(TaskKind kind);

struct TaskProgress {
    TaskKind kind = TaskKind::Retrain;
    QString task;             // the task's name, as taskKindName()
    QString phase;            // "Training", "Scoring", "Curating", "Importing", ... (translated)
    int epoch = 0;            // training only: 1-based epoch in progress (0: none)
    int maxEpochs = 0;
    double fraction = 0.0;    // 0..1 of the whole task
    bool indeterminate = false; // the task cannot tell how far it is (fraction stays 0)
    double secondsLeft = -1.0;  // estimate from elapsed time and fraction; < 0: unknown yet
    double elapsedSeconds = 0.0;
    QString detail;           // e.g. "train loss 0.512" or "pairs.jsonl · 1,200 records"
};

struct TaskCounts {
    // Retrain
    qint64 iteration = 0;     // 1-based number of the iteration written
    qint64 queued = 0;        // pairs put in the expert queue
    qint64 flips = 0;
    qint64 flipsRevoked = 0;
    // Propagate, Label
    qint64 labelled = 0;
    qint64 flipped = 0;
    qint64 skippedReviewed = 0;
    // Import
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 labels = 0;
    qint64 rejected = 0;      // bad lines skipped (only with ImportOptions::skipBad)
    // Export
    qint64 rows = 0;
    qint64 unlabelled = 0;
    // Label (with labelled above)
    qint64 uncertain = 0;
    qint64 unparseable = 0;
    qint64 failed = 0;        // left for the next run
};

struct TaskResult {
    TaskKind kind = TaskKind::Retrain;
    bool ok = false;
    bool cancelled = false;   // stopped by cancel(); the project is unchanged
    QString message;          // the error, or a summary in words
    qint64 revisionAtStart = 0; // data revision the result was computed from (retrain: snapshot)
    qint64 revisionAtEnd = 0;   // data revision when the task ended
    qint64 staleVerdicts = 0;   // retrain: expert verdicts that arrived during the run
    bool randomReview = false;  // retrain: the queue did worse than chance, the next batch
                                // reviews partly at random (the message says how much)
    TaskCounts counts;
    QStringList files;        // export: the files written; import: the inputs
    QStringList details;      // import: every rejected line, as "FILE:LINE: reason"
    double elapsedSeconds = 0.0;
};

// Registers the types above for queued connections (TaskRunner does it too).
void registerTaskMetaTypes();

} // namespace rlthf::ui

Q_DECLARE_METATYPE(rlthf::ui::TaskKind)
Q_DECLARE_METATYPE(rlthf::ui::TaskProgress)
Q_DECLARE_METATYPE(rlthf::ui::TaskResult)
