#include "ui/judge/LabelWithAiDialog.h"

#include <catch2/catch.hpp>

#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSpinBox>

using namespace rlthf;
using ui::LabelWithAiDialog;

TEST_CASE("Label with AI dialog starts from the stored settings and the default criteria",
          "[ui][judge]") {
    judge::JudgeSettings stored;
    stored.endpoint = "http://127.0.0.1:8080/v1";
    stored.model = "judge-7b";
    stored.concurrency = 3;
    LabelWithAiDialog dialog(stored, 0.002);
    CHECK(dialog.endpointEdit()->text() == QStringLiteral("http://127.0.0.1:8080/v1"));
    CHECK(dialog.modelEdit()->text() == QStringLiteral("judge-7b"));
    CHECK(dialog.apiKeyEnvEdit()->text() == QStringLiteral("RLTHF_API_KEY"));
    CHECK(dialog.concurrencyEdit()->value() == 3);
    CHECK(dialog.criteriaEdit()->toPlainText().toStdString() == judge::defaultCriteria());
    CHECK(dialog.pricePer1kTokens() == Approx(0.002));
    CHECK(dialog.validationError().isEmpty());
    // Unchanged criteria are stored empty, so they follow the built-in default.
    CHECK(dialog.settings().criteria.empty());

    dialog.criteriaEdit()->setPlainText(QStringLiteral("Prefer the shorter answer."));
    CHECK(dialog.settings().criteria == "Prefer the shorter answer.");
}

TEST_CASE("Label with AI dialog offers the built-in criteria in the project's language",
          "[ui][judge]") {
    const auto japanese = judge::defaultCriteria(judge::TextLanguage::Japanese);
    LabelWithAiDialog dialog(judge::JudgeSettings{}, 0.0, nullptr, judge::TextLanguage::Japanese);
    CHECK(dialog.criteriaEdit()->toPlainText().toStdString() == japanese);
    CHECK(dialog.settings().criteria.empty()); // stored empty: follows the built-in ones
    dialog.criteriaEdit()->setPlainText(QStringLiteral("安全な回答を選ぶ。"));
    CHECK(dialog.settings().criteria == "安全な回答を選ぶ。");
    // An English text is the user's own criteria in a Japanese project.
    dialog.criteriaEdit()->setPlainText(QString::fromStdString(judge::defaultCriteria()));
    CHECK(dialog.settings().criteria == judge::defaultCriteria());
}

TEST_CASE("Label with AI dialog explains what is wrong and refuses to start", "[ui][judge]") {
    LabelWithAiDialog dialog(judge::JudgeSettings{});
    auto refused = [&](const QString& needle) {
        dialog.accept();
        CHECK(dialog.result() != QDialog::Accepted);
        CHECK(dialog.errorLabel()->isVisibleTo(&dialog));
        CHECK(dialog.errorLabel()->text().contains(needle));
    };
    refused(QStringLiteral("endpoint"));
    dialog.endpointEdit()->setText(QStringLiteral("ftp://example.com"));
    refused(QStringLiteral("ftp://example.com"));
    dialog.endpointEdit()->setText(QStringLiteral("http://127.0.0.1:9/v1"));
    refused(QStringLiteral("model"));
    dialog.modelEdit()->setText(QStringLiteral("judge"));
    dialog.apiKeyEnvEdit()->setText(QStringLiteral("MY KEY"));
    refused(QStringLiteral("MY KEY"));
    dialog.apiKeyEnvEdit()->setText(QStringLiteral("RLTHF_DIALOG_TEST_KEY"));
    dialog.criteriaEdit()->clear();
    refused(QStringLiteral("criteria"));
    dialog.criteriaEdit()->setPlainText(QStringLiteral("Be helpful."));
    dialog.accept();
    CHECK(dialog.result() == QDialog::Accepted);
}

TEST_CASE("Label with AI dialog tells whether the key's variable is set, never the key",
          "[ui][judge]") {
    qputenv("RLTHF_DIALOG_TEST_KEY", "sk-very-secret");
    LabelWithAiDialog dialog(judge::JudgeSettings{});
    dialog.apiKeyEnvEdit()->setText(QStringLiteral("RLTHF_DIALOG_TEST_KEY"));
    CHECK(dialog.apiKeyStatusLabel()->text() == QStringLiteral("set"));
    CHECK_FALSE(dialog.apiKeyStatusLabel()->text().contains(QStringLiteral("secret")));
    CHECK_FALSE(dialog.apiKeyStatusLabel()->toolTip().contains(QStringLiteral("secret")));
    dialog.apiKeyEnvEdit()->setText(QStringLiteral("RLTHF_DIALOG_TEST_UNSET"));
    CHECK(dialog.apiKeyStatusLabel()->text() == QStringLiteral("not set"));
    qunsetenv("RLTHF_DIALOG_TEST_KEY");
}

TEST_CASE("Label with AI dialog says how many pairs and requests a run would send", "[ui][judge]") {
    LabelWithAiDialog dialog(judge::JudgeSettings{});
    CHECK(dialog.scopeLabel()->text().contains(QStringLiteral("Counting")));
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    dialog.setPairsToAsk(1200);
    CHECK(dialog.scopeLabel()->text().contains(QStringLiteral("1,200 pairs")));
    CHECK(dialog.scopeLabel()->text().contains(QStringLiteral("2,400 requests")));
    dialog.setPairsToAsk(0);
    CHECK(dialog.scopeLabel()->text().contains(QStringLiteral("no request")));
    dialog.setPairsToAsk(std::nullopt);
    CHECK(dialog.scopeLabel()->text().contains(QStringLiteral("could not be read")));
    QLocale::setDefault(before);
}
