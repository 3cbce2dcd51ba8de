// File ▸ Import… of a spreadsheet file: the encoding it detects, the columns it maps and
// the rows it previews are what the import then reads.

#include "ui/tasks/CsvImportDialog.h"

#include "Files.h"
#include "TempDir.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <catch2/catch.hpp>

using namespace rlthf;
using rlthf::ui::CsvImportDialog;

namespace {

QString cell(QTableWidget* table, int row, int column) {
    auto* item = table->item(row, column);
    return item ? item->text() : QString();
}

} // namespace

TEST_CASE("CSV import dialog: detects Shift_JIS, maps columns, previews what will be read",
          "[ui][import][csv]") {
    test::TempDir dir;
    const auto path = dir.file("検査記録.csv");
    test::writeFile(path, test::toCp932("番号,質問,回答A,回答B,判定\r\n"
                                        "1,寸法は公差内？,\"不合格。\n隔離。\",問題なし。,A\r\n"
                                        "2,不良数は？,５７個,3個,x\r\n"));
    CsvImportDialog dialog(QString::fromStdString(path));
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);

    // The header names are not the native ones: nothing to import until they are chosen.
    CHECK(dialog.encodingLabel()->text().contains(QStringLiteral("CP932")));
    CHECK_FALSE(dialog.importable());
    CHECK_FALSE(ok->isEnabled());
    CHECK(dialog.findChild<QLabel*>(QStringLiteral("csvProblem"))->text() ==
          QStringLiteral("Choose the columns that hold: the prompt, response A, response B."));

    dialog.columnBox("prompt")->setCurrentText(QStringLiteral("質問"));
    dialog.columnBox("response_a")->setCurrentText(QStringLiteral("回答A"));
    dialog.columnBox("response_b")->setCurrentText(QStringLiteral("回答B"));
    dialog.columnBox("ai_label")->setCurrentText(QStringLiteral("判定"));
    CHECK(dialog.importable());
    CHECK(ok->isEnabled());
    auto* table = dialog.previewTable();
    REQUIRE(table->rowCount() == 2);
    CHECK(cell(table, 0, 0) == QStringLiteral("2"));
    CHECK(cell(table, 0, 1) == QStringLiteral("寸法は公差内？"));
    CHECK(cell(table, 0, 2) == QStringLiteral("不合格。 ⏎ 隔離。"));
    CHECK(cell(table, 0, 4) == QStringLiteral("A"));
    // The second row starts on line 4 (the first spans two) and is refused for its label.
    CHECK(cell(table, 1, 0) == QStringLiteral("4"));
    CHECK(cell(table, 1, 6).contains(QStringLiteral("must be a or b")));

    const auto options = dialog.options();
    CHECK(options.encoding == data::TextEncoding::Detect);
    const auto column = [&](const std::string& field) {
        for (const auto& [named, header] : options.columns)
            if (named == field)
                return header;
        return std::string("?");
    };
    CHECK(column("prompt") == "質問");
    CHECK(column("ai_label") == "判定");
    CHECK(column("gold_label").empty()); // "(none)": not read

    // Named as UTF-8, the file cannot be read: said, and no import.
    dialog.encodingBox()->setCurrentIndex(1);
    CHECK_FALSE(dialog.importable());
    CHECK_FALSE(ok->isEnabled());
    dialog.encodingBox()->setCurrentIndex(2);
    CHECK(dialog.importable());
    CHECK(dialog.columnBox("prompt")->currentText() == QStringLiteral("質問"));
}
