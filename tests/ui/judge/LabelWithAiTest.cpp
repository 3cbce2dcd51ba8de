// AI ▸ Label with AI… end to end against a scripted judge: the dialog, the run on the worker
// thread, the counts in the panel, pause and resume, the refreshed views and a refused key.

#include "JudgeFixtures.h"
#include "TempDir.h"

#include "document/ProjectDocument.h"
#include "ui/MainWindow.h"
#include "ui/PairTableModel.h"
#include "ui/judge/AiLabelling.h"
#include "ui/judge/LabelProgressPanel.h"
#include "ui/judge/LabelWithAiDialog.h"
#include "ui/tasks/TaskRunner.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTimer>

#include <atomic>

using namespace rlthf;
using namespace std::chrono_literals;

namespace {

constexpr int kPairs = 6;

QString qpath(const std::string& s) { return QString::fromStdString(s); }

// Judge settings for the scripted server, as a run started without the dialog takes them.
judge::JudgeSettings judgeAt(const test::ScriptedServer& server) {
    judge::JudgeSettings settings;
    settings.endpoint = server.baseUrl().toStdString();
    settings.model = "judge-test";
    return settings;
}

std::int64_t aiLabelledPairs(const std::string& path) {
    auto project = store::Project::open(path);
    REQUIRE(project);
    auto n = project->db().scalar(
        "SELECT count(DISTINCT pair_id) FROM label_events WHERE source = 'ai' AND action = 'label'");
    REQUIRE(n);
    return n->value_or(-1);
}

// Fills the modal dialog once it is open and starts the run.
void acceptDialogSoon(const QString& endpoint, const QString& keyEnv) {
    QTimer::singleShot(0, [endpoint, keyEnv] {
        auto* dialog = qobject_cast<ui::LabelWithAiDialog*>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        dialog->endpointEdit()->setText(endpoint);
        dialog->modelEdit()->setText(QStringLiteral("judge-test"));
        dialog->apiKeyEnvEdit()->setText(keyEnv);
        dialog->concurrencyEdit()->setValue(2);
        dialog->accept();
    });
}

} // namespace

TEST_CASE("AI ▸ Label with AI… labels every pair with progress, pause and resume",
          "[ui][judge][label]") {
    test::TempDir dir;
    const std::string path = dir.file("judge.rlthf");
    { test::makeJudgeProject(path, kPairs); }
    test::ScriptedServer server(test::slowFairJudge(60ms));

    ui::MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qpath(path)));
    auto* panel = window.aiLabelling()->panel();
    QSignalSpy finished(&window, &ui::MainWindow::taskFinished);

    REQUIRE(window.labelWithAiAction()->isEnabled());
    acceptDialogSoon(server.baseUrl(), QStringLiteral("RLTHF_UI_TEST_UNSET_KEY"));
    window.labelWithAiAction()->trigger();
    REQUIRE(window.taskRunner()->isRunning());
    CHECK(window.taskRunner()->currentKind() == ui::TaskKind::Label);
    CHECK_FALSE(window.labelWithAiAction()->isEnabled()); // one long task at a time

    // Pause once the first answers are in: the requests in flight finish, no new ones go out.
    QTRY_VERIFY_WITH_TIMEOUT(server.requests().size() >= 2, 5000);
    panel->pauseButton()->click();
    CHECK(window.taskRunner()->isPaused());
    CHECK(panel->pauseButton()->text().contains(QStringLiteral("Resume")));
    QTest::qWait(400);
    const auto whilePaused = server.requests().size();
    QTest::qWait(400);
    CHECK(server.requests().size() == whilePaused);
    CHECK(whilePaused < static_cast<std::size_t>(2 * kPairs));
    CHECK(finished.isEmpty());
    CHECK(panel->field(ui::LabelProgressPanel::Pairs)->text().endsWith(QStringLiteral("of 6")));

    panel->pauseButton()->click();
    CHECK_FALSE(window.taskRunner()->isPaused());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    CHECK(finished.first().at(0).toBool());
    CHECK(finished.first().at(1).toString().contains(QStringLiteral("Labelled 6 of 6 pairs")));

    // Both orders for every pair; each reply counts 100 prompt and 2 completion tokens.
    CHECK(server.requests().size() == static_cast<std::size_t>(2 * kPairs));
    CHECK(panel->field(ui::LabelProgressPanel::Pairs)->text() == QStringLiteral("6 of 6"));
    CHECK(panel->field(ui::LabelProgressPanel::Requests)->text().startsWith(QStringLiteral("12")));
    CHECK(panel->field(ui::LabelProgressPanel::Tokens)->text() ==
          QStringLiteral("%1 prompt + 24 completion").arg(QLocale().toString(1200)));
    CHECK_FALSE(panel->pauseButton()->isEnabled());
    CHECK(aiLabelledPairs(path) == kPairs);

    // The views read the new labels: the pair table shows an AI label on every row.
    auto* model = window.pairModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), kPairs, 2000);
    for (int row = 0; row < kPairs; ++row)
        CHECK_FALSE(model->index(row, ui::PairTableModel::LabelColumn).data().toString().isEmpty());
    CHECK(window.labelWithAiAction()->isEnabled());
}

TEST_CASE("AI ▸ Label with AI… shows a cost estimate when a price is given", "[ui][judge][label]") {
    test::TempDir dir;
    const std::string path = dir.file("judge.rlthf");
    { test::makeJudgeProject(path, 2); }
    test::ScriptedServer server(test::fairJudge);
    ui::MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qpath(path)));
    const judge::JudgeSettings settings = judgeAt(server);
    QSignalSpy finished(&window, &ui::MainWindow::taskFinished);
    REQUIRE(window.aiLabelling()->start(*window.projectDocument(), settings, 0.5));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    auto* cost = window.aiLabelling()->panel()->field(ui::LabelProgressPanel::Cost);
    CHECK(cost->isVisibleTo(window.aiLabelling()->panel()));
    // 4 replies × 102 tokens at 0.5 per 1,000.
    CHECK(cost->text() == QLocale().toString(0.204, 'f', 4));
}

TEST_CASE("AI ▸ Label with AI… names the key's variable, never the key, when it is refused",
          "[ui][judge][label]") {
    test::TempDir dir;
    const std::string path = dir.file("judge.rlthf");
    { test::makeJudgeProject(path, 3); }
    qputenv("RLTHF_UI_TEST_KEY", "sk-do-not-show-me");
    test::ScriptedServer server([](const test::HttpRequest&) {
        test::HttpResponse refused;
        refused.status = 401;
        refused.body = R"({"error":{"message":"invalid api key"}})";
        return refused;
    });

    ui::MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qpath(path)));
    QSignalSpy finished(&window, &ui::MainWindow::taskFinished);
    acceptDialogSoon(server.baseUrl(), QStringLiteral("RLTHF_UI_TEST_KEY"));
    window.labelWithAiAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    const QString message = finished.first().at(1).toString();
    CHECK_FALSE(finished.first().at(0).toBool());
    CHECK(message.contains(QStringLiteral("RLTHF_UI_TEST_KEY")));
    CHECK_FALSE(message.contains(QStringLiteral("sk-do-not-show-me")));
    CHECK(aiLabelledPairs(path) == 0);
    CHECK_FALSE(window.taskRunner()->isRunning());
    qunsetenv("RLTHF_UI_TEST_KEY");
}

TEST_CASE("Closing the window stops a running AI labelling", "[ui][judge][label]") {
    test::TempDir dir;
    const std::string path = dir.file("judge.rlthf");
    { test::makeJudgeProject(path, 4); }
    test::ScriptedServer server(test::slowFairJudge(300ms));
    {
        ui::MainWindow window;
        window.setInteractive(false);
        REQUIRE(window.openProject(qpath(path)));
        judge::JudgeSettings settings = judgeAt(server);
        settings.concurrency = 1;
        REQUIRE(window.aiLabelling()->start(*window.projectDocument(), settings, 0.0));
        QTRY_VERIFY_WITH_TIMEOUT(server.requests().size() >= 1, 5000);
        window.close();
    }
    // The project is consistent and opens again; the next run goes on where this one stopped.
    CHECK(aiLabelledPairs(path) < 4);
}

TEST_CASE("AI ▸ Label with AI… on a project without a judge yet starts from the one this "
          "workstation last ran",
          "[ui][judge][label]") {
    test::TempDir dir;
    const std::string first = dir.file("first.rlthf");
    const std::string second = dir.file("second.rlthf");
    { test::makeJudgeProject(first, 2); }
    { test::makeJudgeProject(second, 2); }
    test::ScriptedServer server(test::fairJudge);
    ui::MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qpath(first)));
    judge::JudgeSettings settings = judgeAt(server);
    settings.apiKeyEnv = "LINE3_JUDGE_KEY";
    QSignalSpy finished(&window, &ui::MainWindow::taskFinished);
    REQUIRE(window.aiLabelling()->start(*window.projectDocument(), settings, 0.0));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);

    REQUIRE(window.openProject(qpath(second)));
    QString endpoint, model, keyEnv;
    QTimer::singleShot(0, [&] {
        auto* dialog = qobject_cast<ui::LabelWithAiDialog*>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        endpoint = dialog->endpointEdit()->text();
        model = dialog->modelEdit()->text();
        keyEnv = dialog->apiKeyEnvEdit()->text();
        dialog->reject();
    });
    window.aiLabelling()->askAndStart(*window.projectDocument());
    CHECK(endpoint == server.baseUrl());
    CHECK(model == QStringLiteral("judge-test"));
    CHECK(keyEnv == QStringLiteral("LINE3_JUDGE_KEY"));
}
