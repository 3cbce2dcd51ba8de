// File ▸ Export Corrected Shards… asks everything in one dialog, with a file name to start from.

#include "ui/tasks/ExportDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <catch2/catch.hpp>

using rlthf::data::ExportFormat;
using rlthf::ui::ExportDialog;

TEST_CASE("Export dialog: one dialog, a file named after the project, the options it shows",
          "[ui][export]") {
    ExportDialog dialog(QStringLiteral("/work/line6/inspection.rlthf"));
    CHECK(dialog.outputPath() == QStringLiteral("/work/line6/inspection-corrected.jsonl"));
    auto options = dialog.options();
    CHECK(options.format == ExportFormat::Trl);
    CHECK(options.shards == 1);

    dialog.formatBox()->setCurrentIndex(1);
    dialog.shardsBox()->setValue(4);
    dialog.pathEdit()->setText(QStringLiteral(" /tmp/out.jsonl.gz "));
    options = dialog.options();
    CHECK(options.format == ExportFormat::Pairs);
    CHECK(options.shards == 4);
    CHECK(dialog.outputPath() == QStringLiteral("/tmp/out.jsonl.gz"));

    // A spreadsheet: the file name follows the format.
    dialog.formatBox()->setCurrentIndex(2);
    CHECK(dialog.options().format == ExportFormat::Csv);
    CHECK(dialog.outputPath() == QStringLiteral("/tmp/out.jsonl.gz")); // a name typed, kept
    dialog.pathEdit()->setText(QStringLiteral("/tmp/line6.jsonl"));
    dialog.formatBox()->setCurrentIndex(0);
    dialog.formatBox()->setCurrentIndex(2);
    CHECK(dialog.outputPath() == QStringLiteral("/tmp/line6.csv"));
    dialog.formatBox()->setCurrentIndex(1);
    CHECK(dialog.outputPath() == QStringLiteral("/tmp/line6.jsonl"));

    // No file name, no export.
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    CHECK(ok->isEnabled());
    dialog.pathEdit()->clear();
    CHECK_FALSE(ok->isEnabled());
}
