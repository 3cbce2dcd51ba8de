#pragma once
// The workstation window: the review queue on one side, the pair under review in the
// centre, docks for the reward-margin chart, the iteration history and all pairs, and a
// status bar with the project, annotator, model version, last rescoring and counts.
// Long work (retrain, propagate, import, export, AI labelling) runs on a TaskRunner's
// worker thread.

#include "common/Result.h"
#include "ui/i18n/TranslatedTexts.h"

#include <QMainWindow>
#include <chrono>
#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTimer;
class QTableView;
class QUndoStack;

namespace rlthf::document {
class ProjectDocument;
struct ChartData;
} // namespace rlthf::document

namespace rlthf::ui {

namespace review {
class ReviewPanel;
class ReviewSession;
} // namespace review

class AiLabelling;
class CurveChartView;
class HistoryChartView;
class OutdatedNotice;
class PairTableModel;
class StartPage;
class TeamStatus;
class QueuePanel;
class RecentProjects;
class TaskRunner;
class TaskProgressWidget;
struct TaskResult;

class MainWindow : public QMainWindow {
    Q_OBJECT

  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens an existing project. On failure emits projectOpenFailed() (and, when
    // interactive, shows a warning) and keeps the project that was open before.
    bool openProject(const QString& path);
    // Creates a new, empty project file and opens it.
    bool newProject(const QString& path);

    // When false, nothing opens a dialog: failures go out through signals only.
    void setInteractive(bool interactive) { m_interactive = interactive; }
    bool isInteractive() const { return m_interactive; }
    void setAnnotator(const QString& name);
    QString annotator() const;

    bool hasProject() const { return m_document != nullptr; }
    QString projectPath() const;
    qint64 pairCount() const;
    // The open project, or nullptr.
    document::ProjectDocument* projectDocument() const { return m_document.get(); }

    // Starts an import of files on the worker thread (format told from each file).
    bool importFiles(const QStringList& files);
    void retrain();
    void propagate();
    // File ▸ Save a Copy once the file is chosen: on a worker thread; copySaved() follows.
    void saveCopy(const QString& path);

    QTableView* tableView() const { return m_table; }
    PairTableModel* pairModel() const { return m_model; }
    QueuePanel* queuePanel() const { return m_queue; }
    review::ReviewPanel* reviewPanel() const { return m_review; }
    review::ReviewSession* reviewSession() const { return m_session; }
    QUndoStack* undoStack() const; // the open project's, or nullptr
    TaskRunner* taskRunner() const { return m_tasks; }
    CurveChartView* curveChart() const { return m_curve; }
    HistoryChartView* historyChart() const { return m_history; }
    RecentProjects* recentProjects() const { return m_recent; }
    QMenu* recentMenu() const { return m_recentMenu; }
    QAction* retrainAction() const { return m_retrainAction; }
    QAction* saveCopyAction() const { return m_saveCopyAction; }
    QAction* blindAction() const { return m_blindAction; }
    QAction* labelWithAiAction() const { return m_labelAction; }
    AiLabelling* aiLabelling() const { return m_labelling; }
    QLabel* statusCountsLabel() const { return m_countsLabel; }

  Q_SIGNALS:
    void projectOpened(const QString& path);
    void projectOpenFailed(const QString& message);
    void taskFinished(bool ok, const QString& message);
    void chartsRefreshed();
    void copySaved(const QString& path); // File ▸ Save a Copy, once the copy is in place

  public Q_SLOTS:
    void openProjectDialog();
    void newProjectDialog();
    void importDialog();
    void exportDialog();
    void saveCopyDialog();
    // File ▸ Team: publish this project to a team server, or join one as a station.
    void publishToTeam();
    void joinTeam();
    void settingsDialog();
    void annotatorDialog();
    void agreementDialog();
    void labelWithAiDialog();
    // Opens the demo project in the user's data folder, creating it there the first time.
    void openDemoProject();
    static QString demoProjectPath();

  protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    // View ▸ Language applies at once: every text is set again in the new language.
    void changeEvent(QEvent* event) override;

  private:
    void createDocks();
    void createMenus();
    void rebuildRecentMenu();
    bool adoptProject(std::unique_ptr<document::ProjectDocument> document);
    // Checks the project and updates an older one's format on a worker thread.
    Status prepareProject(const QString& absolute);
    void closeProject();
    // Opens the project again (its snapshot is outdated), on the pair being read.
    void reopenProject();
    void refreshQueue();
    void refreshCharts();
    void watchOtherWriters();
    void showCharts(const document::ChartData& charts);
    void refreshAll();
    void showPairFromTable(const QModelIndex& current);
    void onTaskFinished(const TaskResult& result);
    void updateTitleAndStatus();
    void updateActions();
    void fail(const QString& title, const QString& message);
    void inform(const QString& message, const QString& details = {});
    void restoreSettings();
    void saveSettings() const;
    // A team station's open items go back to the team before its window closes or opens
    // another project.
    void handBackClaims();

    std::unique_ptr<document::ProjectDocument> m_document;
    bool m_interactive = true;
    bool m_handingBack = false;
    // The longest a station's window waits to hand its items back: a connection attempt
    // gives up after 5 s.
    static constexpr std::chrono::milliseconds kHandBackWait{8000};
    TranslatedTexts m_texts{staticMetaObject.className()};

    RecentProjects* m_recent = nullptr;
    TaskRunner* m_tasks = nullptr;
    review::ReviewSession* m_session = nullptr;
    bool m_newBatchWaiting = false; // another process finished an iteration meanwhile

    QSplitter* m_splitter = nullptr;
    QStackedWidget* m_central = nullptr;
    StartPage* m_start = nullptr;
    QueuePanel* m_queue = nullptr;
    review::ReviewPanel* m_review = nullptr;
    QTableView* m_table = nullptr;
    PairTableModel* m_model = nullptr;
    CurveChartView* m_curve = nullptr;
    HistoryChartView* m_history = nullptr;

    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QAction* m_retrainAction = nullptr;
    QAction* m_saveCopyAction = nullptr;
    bool m_savingCopy = false; // one copy at a time
    QAction* m_propagateAction = nullptr;
    QAction* m_blindAction = nullptr;
    QAction* m_labelAction = nullptr;
    AiLabelling* m_labelling = nullptr;
    QDockWidget* m_labelDock = nullptr;
    QList<QAction*> m_projectActions; // enabled only while a project is open
    QTimer* m_statusTimer = nullptr;
    bool m_queueStale = false;
    int m_undoIndex = 0;
    QAction* m_editUndo = nullptr;
    QAction* m_editRedo = nullptr;

    QLabel* m_fileLabel = nullptr;
    QLabel* m_annotatorLabel = nullptr;
    QLabel* m_modelLabel = nullptr;
    QLabel* m_countsLabel = nullptr;
    OutdatedNotice* m_outdated = nullptr;
    TeamStatus* m_team = nullptr;
    TaskProgressWidget* m_progress = nullptr;
};

} // namespace rlthf::ui
