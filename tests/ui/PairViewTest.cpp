#include "TempDir.h"
#include "UiFixtures.h"

#include "ui/PairView.h"

#include <QFont>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBlock>
#include <QTextDocument>

#include <catch2/catch.hpp>

using rlthf::test::TempDir;
using rlthf::ui::PairView;

namespace {

// True when no fragment of the document carries bold, italic or other rich formatting.
bool hasNoFormatting(const QTextDocument* doc) {
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.fontWeight() > QFont::Normal || format.fontItalic() ||
                format.fontUnderline() || format.isAnchor() || format.fontStrikeOut())
                return false;
        }
    }
    return true;
}

} // namespace

TEST_CASE("PairView shows markup literally, as plain text", "[ui][pairview]") {
    TempDir tmp;
    auto project = rlthf::test::createProject(tmp.file("view.rlthf"));
    const std::string prompt = "Say <b>bold</b> & <i>it</i>\n<script>alert(1)</script>";
    const std::string responseA = "<b>bold</b>";
    const std::string responseB = "&lt;not an entity&gt; <a href=\"x\">link</a>";
    rlthf::test::insertPair(project.db(), 7, prompt, responseA, responseB, 3);

    PairView view;
    view.setDatabase(&project.db());
    REQUIRE(view.showPair(7));
    CHECK(view.pairId() == 7);

    QPlainTextEdit* a = view.responseAEdit();
    REQUIRE(a != nullptr);
    CHECK(a->isReadOnly());
    CHECK(a->toPlainText() == QStringLiteral("<b>bold</b>"));
    CHECK(a->document()->toPlainText() == QStringLiteral("<b>bold</b>"));
    CHECK(a->document()->blockCount() == 1);
    CHECK(hasNoFormatting(a->document()));

    CHECK(view.promptEdit()->toPlainText() == QString::fromStdString(prompt));
    CHECK(hasNoFormatting(view.promptEdit()->document()));
    CHECK(view.responseBEdit()->toPlainText() == QString::fromStdString(responseB));
    CHECK(hasNoFormatting(view.responseBEdit()->document()));
    CHECK(view.promptEdit()->isReadOnly());
    CHECK(view.responseBEdit()->isReadOnly());

    // Responses sit side by side.
    REQUIRE(view.responseSplitter() != nullptr);
    CHECK(view.responseSplitter()->orientation() == Qt::Horizontal);
    CHECK(view.responseSplitter()->isAncestorOf(a));
    CHECK(view.responseSplitter()->isAncestorOf(view.responseBEdit()));
    CHECK_FALSE(view.responseSplitter()->isAncestorOf(view.promptEdit()));

    CHECK(view.labelLine().contains(QStringLiteral("none")));
}

TEST_CASE("PairView shows the current label and its source", "[ui][pairview]") {
    TempDir tmp;
    auto project = rlthf::test::createProject(tmp.file("labels.rlthf"));
    auto& db = project.db();
    rlthf::test::insertPair(db, 1, "p1", "a1", "b1");
    rlthf::test::insertPair(db, 2, "p2", "a2", "b2");
    rlthf::test::insertLabel(db, 1, "human", "b");
    rlthf::test::insertLabel(db, 1, "ai", "a");
    rlthf::test::insertLabel(db, 2, "ai", "a");

    PairView view;
    view.setDatabase(&db);
    REQUIRE(view.showPair(1));
    CHECK(view.labelLine().contains(QStringLiteral("Label: B")));
    CHECK(view.labelLine().contains(QStringLiteral("human")));
    REQUIRE(view.showPair(2));
    CHECK(view.labelLine().contains(QStringLiteral("Label: A")));
    CHECK(view.labelLine().contains(QStringLiteral("AI")));
    CHECK(view.promptEdit()->toPlainText() == QStringLiteral("p2"));

    SECTION("a missing pair clears the view") {
        CHECK_FALSE(view.showPair(99));
        CHECK(view.pairId() == -1);
        CHECK(view.promptEdit()->toPlainText().isEmpty());
        CHECK(view.responseAEdit()->toPlainText().isEmpty());
    }
    SECTION("without a database nothing is shown") {
        view.setDatabase(nullptr);
        CHECK(view.promptEdit()->toPlainText().isEmpty());
        CHECK_FALSE(view.showPair(1));
    }
}
