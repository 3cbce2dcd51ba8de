#pragma once
// The status bar's note that a project this user may only read (opened as a snapshot of its
// file) has changed on disk since, with a button to open it again. A status message for it
// was replaced by the next one within seconds, and the window went on showing the old state.

#include <QWidget>

namespace rlthf::ui {

class OutdatedNotice : public QWidget {
    Q_OBJECT

  public:
    explicit OutdatedNotice(QWidget* parent = nullptr);

  Q_SIGNALS:
    void reopenRequested();
};

} // namespace rlthf::ui
