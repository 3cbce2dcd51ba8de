#pragma once
// File ▸ Export Corrected Shards… in one dialog: the format (with what each holds), the
// number of shard files and where they go, prefilled from the project's name.

#include "data/Exporter.h"

#include <QDialog>
#include <QString>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace rlthf::ui {

class ExportDialog : public QDialog {
    Q_OBJECT

  public:
    // `projectPath` names the default file: PROJECT-corrected.jsonl beside the project.
    explicit ExportDialog(const QString& projectPath, QWidget* parent = nullptr);

    data::ExportOptions options() const;
    QString outputPath() const;

    QComboBox* formatBox() const { return m_format; }
    QSpinBox* shardsBox() const { return m_shards; }
    QLineEdit* pathEdit() const { return m_path; }

  private:
    void updateExplanation();
    void browse();

    QComboBox* m_format = nullptr;
    QLabel* m_explanation = nullptr;
    QSpinBox* m_shards = nullptr;
    QLineEdit* m_path = nullptr;
};

} // namespace rlthf::ui
