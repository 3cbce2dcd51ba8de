#include "ui/judge/LabelWithAiDialog.h"

#include "ui/tasks/ProblemLabel.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace rlthf::ui {

namespace {
constexpr int kMaxConcurrency = 256; // as judge::validate() allows

QString qs(const std::string& s) { return QString::fromStdString(s); }
} // namespace

LabelWithAiDialog::LabelWithAiDialog(const judge::JudgeSettings& current, double pricePer1kTokens,
                                     QWidget* parent, judge::TextLanguage language)
    : QDialog(parent), m_base(current), m_language(language) {
    setWindowTitle(tr("Label with AI"));
    auto* form = new QFormLayout;

    m_endpoint = new QLineEdit(qs(current.endpoint), this);
    m_endpoint->setObjectName(QStringLiteral("judgeEndpoint"));
    m_endpoint->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080/v1"));
    m_endpoint->setToolTip(tr("The base URL of an OpenAI-style chat completions endpoint"));
    form->addRow(tr("&Endpoint:"), m_endpoint);

    m_model = new QLineEdit(qs(current.model), this);
    m_model->setObjectName(QStringLiteral("judgeModel"));
    form->addRow(tr("&Model:"), m_model);

    m_keyEnv = new QLineEdit(qs(current.apiKeyEnv), this);
    m_keyEnv->setObjectName(QStringLiteral("judgeApiKeyEnv"));
    m_keyEnv->setToolTip(tr("The environment variable that holds the API key; the key itself is "
                            "never shown or stored"));
    m_keyStatus = new QLabel(this);
    m_keyStatus->setObjectName(QStringLiteral("judgeApiKeyStatus"));
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyEnv, 1);
    keyRow->addWidget(m_keyStatus);
    // A label with a buddy: its '&' marks the shortcut instead of showing.
    auto* keyLabel = new QLabel(tr("API key &variable:"), this);
    keyLabel->setBuddy(m_keyEnv);
    form->addRow(keyLabel, keyRow);

    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(QStringLiteral("judgeConcurrency"));
    m_concurrency->setRange(1, kMaxConcurrency);
    m_concurrency->setValue(current.concurrency);
    m_concurrency->setToolTip(tr("Requests in flight at the same time"));
    form->addRow(tr("&Concurrency:"), m_concurrency);

    m_price = new QDoubleSpinBox(this);
    m_price->setObjectName(QStringLiteral("judgePrice"));
    m_price->setRange(0.0, 1000.0);
    m_price->setDecimals(4);
    m_price->setSingleStep(0.001);
    m_price->setValue(pricePer1kTokens);
    m_price->setSpecialValueText(tr("none"));
    m_price->setToolTip(tr("For the cost estimate only; leave at none when the judge is free"));
    form->addRow(tr("&Price per 1,000 tokens:"), m_price);

    m_criteria = new QPlainTextEdit(this);
    m_criteria->setObjectName(QStringLiteral("judgeCriteria"));
    m_criteria->setPlainText(qs(judge::effectiveCriteria(current, m_language)));
    auto* restore = new QPushButton(tr("Restore &Default Criteria"), this);
    connect(restore, &QPushButton::clicked, this,
            [this] { m_criteria->setPlainText(qs(judge::defaultCriteria(m_language))); });

    m_scope = new QLabel(this);
    m_scope->setObjectName(QStringLiteral("judgeScope"));
    m_scope->setWordWrap(true);
    m_scope->setText(tr("Counting the pairs without an AI label…"));

    m_error = newProblemLabel(QStringLiteral("judgeError"), this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start Labelling"));
    connect(buttons, &QDialogButtonBox::accepted, this, &LabelWithAiDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto* criteriaLabel = new QLabel(tr("&Alignment criteria every prompt carries:"), this);
    criteriaLabel->setBuddy(m_criteria);
    layout->addWidget(criteriaLabel);
    layout->addWidget(m_criteria, 1);
    layout->addWidget(restore, 0, Qt::AlignLeft);
    layout->addWidget(m_scope);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_keyEnv, &QLineEdit::textChanged, this, &LabelWithAiDialog::updateKeyStatus);
    updateKeyStatus();
    resize(560, 520);
}

judge::JudgeSettings LabelWithAiDialog::settings() const {
    judge::JudgeSettings s = m_base;
    s.endpoint = m_endpoint->text().trimmed().toStdString();
    s.model = m_model->text().trimmed().toStdString();
    s.apiKeyEnv = m_keyEnv->text().trimmed().toStdString();
    s.concurrency = m_concurrency->value();
    const std::string criteria = m_criteria->toPlainText().trimmed().toStdString();
    s.criteria = criteria == judge::defaultCriteria(m_language) ? std::string() : criteria;
    return s;
}

double LabelWithAiDialog::pricePer1kTokens() const { return m_price->value(); }

QString LabelWithAiDialog::validationError() const {
    const QString endpoint = m_endpoint->text().trimmed();
    if (endpoint.isEmpty())
        return tr("Enter the judge's endpoint, e.g. http://127.0.0.1:8080/v1.");
    const QUrl url(endpoint, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty())
        return tr("The endpoint \"%1\" is not an http:// or https:// URL.").arg(endpoint);
    if (m_model->text().trimmed().isEmpty())
        return tr("Enter the name of the model the endpoint serves.");
    static const QRegularExpression envName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    const QString keyEnv = m_keyEnv->text().trimmed();
    if (!envName.match(keyEnv).hasMatch())
        return tr("\"%1\" is not the name of an environment variable (letters, digits and _).")
            .arg(keyEnv);
    if (m_criteria->toPlainText().trimmed().isEmpty())
        return tr("Write the alignment criteria, or restore the default ones.");
    if (auto valid = judge::validate(settings()); !valid)
        return qs(valid.message());
    return {};
}

void LabelWithAiDialog::accept() {
    if (!showProblem(m_error, validationError()))
        QDialog::accept();
}

void LabelWithAiDialog::setPairsToAsk(std::optional<qint64> pairs) {
    const QLocale locale;
    if (!pairs)
        m_scope->setText(tr("The number of pairs to ask about could not be read."));
    else if (*pairs == 0)
        m_scope->setText(tr("Every pair has an AI label: a run would send no request."));
    else
        // Each pair is asked in both orders, so that a judge preferring a position shows.
        m_scope->setText(tr("The run asks the judge about %1 pairs without an AI label: about "
                            "%2 requests (each pair in both orders).")
                             .arg(locale.toString(*pairs), locale.toString(2 * *pairs)));
}

void LabelWithAiDialog::updateKeyStatus() {
    const QByteArray name = m_keyEnv->text().trimmed().toLocal8Bit();
    const bool set = !name.isEmpty() && !qgetenv(name.constData()).isEmpty();
    m_keyStatus->setText(set ? tr("set") : tr("not set"));
    m_keyStatus->setToolTip(set ? tr("The key is read from this variable when the run starts")
                                : tr("No key will be sent; local servers usually need none"));
}

} // namespace rlthf::ui
