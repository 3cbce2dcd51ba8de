#pragma once
// The main window: a paged table of pairs on the left, the selected pair on the right.

#include <QMainWindow>

#include <memory>

class QLabel;
class QMenu;
class QSplitter;
class QTableView;

namespace rlthf::store {
class Project;
}

namespace rlthf::ui {

class PairTableModel;
class PairView;
class RecentProjects;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens an existing project. On failure emits projectOpenFailed() (and, when
    // interactive, shows a warning) and keeps the project that was open before.
    bool openProject(const QString& path);

    // When false, failures are only reported through signals, never in a dialog.
    void setInteractive(bool interactive) { m_interactive = interactive; }
    bool isInteractive() const { return m_interactive; }

    bool hasProject() const { return m_project != nullptr; }
    // Absolute path of the open project, empty when none.
    QString projectPath() const { return m_projectPath; }
    // Number of pairs in the open project (counted once when it is opened).
    qint64 pairCount() const { return m_pairCount; }

    QTableView* tableView() const { return m_table; }
    PairTableModel* pairModel() const { return m_model; }
    PairView* pairView() const { return m_pairView; }
    RecentProjects* recentProjects() const { return m_recent; }
    QMenu* recentMenu() const { return m_recentMenu; }

Q_SIGNALS:
    void projectOpened(const QString& path);
    void projectOpenFailed(const QString& message);

public Q_SLOTS:
    void openProjectDialog();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void rebuildRecentMenu();
    void showCurrentPair(const QModelIndex& current);
    void updateTitleAndStatus();
    void restoreSettings();
    void saveSettings() const;
    void fail(const QString& message);

    std::unique_ptr<store::Project> m_project;
    QString m_projectPath;
    qint64 m_pairCount = 0;
    bool m_interactive = true;

    RecentProjects* m_recent = nullptr;
    QMenu* m_recentMenu = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_table = nullptr;
    PairTableModel* m_model = nullptr;
    PairView* m_pairView = nullptr;
    QLabel* m_fileLabel = nullptr;
    QLabel* m_countLabel = nullptr;
};

} // namespace rlthf::ui
