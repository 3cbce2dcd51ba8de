#pragma once
// What the window shows with no project open: new, open, the demo project, and the recent
// projects, so that a first start is not an empty window.

#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace rlthf::ui {

class StartPage : public QWidget {
    Q_OBJECT

  public:
    explicit StartPage(QWidget* parent = nullptr);

    void setRecentProjects(const QStringList& paths);
    // While the demo project is being made, its button says so and waits.
    void setDemoBusy(bool busy);

  Q_SIGNALS:
    void newProjectRequested();
    void openProjectRequested();
    void demoRequested();
    void recentRequested(const QString& path);

  protected:
    void changeEvent(QEvent* event) override; // language change: texts again

  private:
    void retranslate();

    QLabel* m_title = nullptr;
    QLabel* m_intro = nullptr;
    QPushButton* m_new = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_demo = nullptr;
    QLabel* m_recentTitle = nullptr;
    QListWidget* m_recent = nullptr;
    bool m_demoBusy = false;
};

} // namespace rlthf::ui
