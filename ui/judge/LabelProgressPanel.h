#pragma once
// The AI labelling's counts while it runs: pairs labelled of the total, uncertain,
// unparseable and failed pairs, requests and retries, the tokens used with an estimated cost
// when a price was given, and the latest transient problem; with Pause/Resume and Stop,
// which act through the TaskRunner.

#include "judge/LabelRun.h"

#include <QPointer>
#include <QWidget>

#include <array>

class QLabel;
class QProgressBar;
class QPushButton;

namespace rlthf::ui {

class TaskRunner;

class LabelProgressPanel : public QWidget {
    Q_OBJECT

public:
    enum Field { Pairs, Uncertain, Unparseable, Failed, Requests, Retries, Tokens, Cost, Problem,
                 FieldCount };

    explicit LabelProgressPanel(TaskRunner* runner, QWidget* parent = nullptr);

    // Price per 1,000 tokens (prompt and completion alike); 0 hides the cost.
    void setPricePer1kTokens(double price);
    // Empties the counts for a new run.
    void reset();

    QLabel* field(Field f) const { return m_fields[f]; }
    QProgressBar* progressBar() const { return m_bar; }
    QPushButton* pauseButton() const { return m_pause; }
    QPushButton* stopButton() const { return m_stop; }

public Q_SLOTS:
    void showProgress(const rlthf::judge::LabelProgress& progress);

protected:
    void changeEvent(QEvent* event) override; // language change: texts again

private:
    void updateButtons();
    void retranslate();

    QPointer<TaskRunner> m_runner;
    std::array<QLabel*, FieldCount> m_fields{};
    std::array<QLabel*, FieldCount> m_names{};
    QProgressBar* m_bar = nullptr;
    QPushButton* m_pause = nullptr;
    QPushButton* m_stop = nullptr;
    double m_price = 0.0;
};

} // namespace rlthf::ui
