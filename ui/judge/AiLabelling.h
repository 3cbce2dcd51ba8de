#pragma once
// AI ▸ Label with AI… for the main window: asks for the judge's settings, saves them in the
// project (never the key), and starts the labelling on the TaskRunner, feeding its counts to
// the progress panel. The price per 1,000 tokens is remembered in the user's settings.

#include "judge/JudgeSettings.h"

#include <QObject>
#include <QString>

class QWidget;

namespace rlthf::document {
class ProjectDocument;
}

namespace rlthf::ui {

class LabelProgressPanel;
class TaskRunner;

class AiLabelling : public QObject {
    Q_OBJECT

public:
    AiLabelling(TaskRunner* runner, QWidget* window);

    LabelProgressPanel* panel() const { return m_panel; }

    // Opens the dialog with the project's judge settings and starts a run when accepted.
    void askAndStart(document::ProjectDocument& project);
    // Saves the settings in the project and starts a run; false (after failed()) when not.
    bool start(document::ProjectDocument& project, const judge::JudgeSettings& settings,
               double pricePer1kTokens);

Q_SIGNALS:
    void failed(const QString& title, const QString& message);

private:
    TaskRunner* m_runner;
    QWidget* m_window;
    LabelProgressPanel* m_panel;
};

} // namespace rlthf::ui
