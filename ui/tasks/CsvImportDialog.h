#pragma once
// File ▸ Import… for a spreadsheet file: its encoding, which header names hold the pair's
// fields, and a preview of the first rows exactly as the import will read them (refused rows
// with their reason) before anything is imported.

#include "data/RecordReader.h"

#include <QDialog>
#include <QString>
#include <map>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace rlthf::ui {

class CsvImportDialog : public QDialog {
    Q_OBJECT

  public:
    static constexpr int kPreviewRows = 20;
    explicit CsvImportDialog(const QString& path, QWidget* parent = nullptr);

    data::CsvOptions options() const; // what the import reads the file(s) with
    bool importable() const;          // the file as a whole can be read with those options

    QComboBox* encodingBox() const { return m_encoding; }
    QComboBox* columnBox(const std::string& field) const { return m_columns.at(field); }
    QTableWidget* previewTable() const { return m_preview; }
    QLabel* encodingLabel() const { return m_detected; }

  private:
    void readHeader(); // fills the column boxes from the header, each field by its own name
    void refresh();    // reads the preview again with the options shown

    QString m_path;
    QComboBox* m_encoding = nullptr;
    QLabel* m_detected = nullptr;
    std::map<std::string, QComboBox*> m_columns; // field → the header name chosen
    QTableWidget* m_preview = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_ok = nullptr;
    bool m_importable = false;
};

} // namespace rlthf::ui
