#include "ui/judge/AiLabelling.h"

#include "document/ProjectDocument.h"
#include "ui/judge/LabelJob.h"
#include "ui/judge/LabelProgressPanel.h"
#include "ui/judge/LabelWithAiDialog.h"
#include "ui/tasks/TaskRunner.h"

#include <QPointer>
#include <QSettings>

namespace rlthf::ui {

namespace {
constexpr const char* kPriceKey = "judge/pricePer1kTokens";
// The judge this workstation last ran: a project that has none yet starts from it.
constexpr const char* kLastEndpointKey = "judge/lastEndpoint";
constexpr const char* kLastModelKey = "judge/lastModel";
constexpr const char* kLastApiKeyEnvKey = "judge/lastApiKeyEnv";

judge::JudgeSettings withLastJudge(judge::JudgeSettings settings) {
    if (!settings.endpoint.empty() || !settings.model.empty())
        return settings; // the project's own
    const QSettings stored;
    settings.endpoint = stored.value(QLatin1String(kLastEndpointKey)).toString().toStdString();
    settings.model = stored.value(QLatin1String(kLastModelKey)).toString().toStdString();
    settings.apiKeyEnv =
        stored.value(QLatin1String(kLastApiKeyEnvKey), QString::fromStdString(settings.apiKeyEnv))
            .toString()
            .toStdString();
    return settings;
}

void rememberJudge(const judge::JudgeSettings& settings) {
    QSettings stored;
    stored.setValue(QLatin1String(kLastEndpointKey), QString::fromStdString(settings.endpoint));
    stored.setValue(QLatin1String(kLastModelKey), QString::fromStdString(settings.model));
    stored.setValue(QLatin1String(kLastApiKeyEnvKey), QString::fromStdString(settings.apiKeyEnv));
}
} // namespace

AiLabelling::AiLabelling(TaskRunner* runner, QWidget* window)
    : QObject(window), m_runner(runner), m_window(window),
      m_panel(new LabelProgressPanel(runner, window)) {
    m_panel->setObjectName(QStringLiteral("labelProgressPanel"));
}

void AiLabelling::askAndStart(document::ProjectDocument& project) {
    if (m_runner->isRunning())
        return;
    auto stored = project.judgeSettings();
    if (!stored) {
        Q_EMIT failed(tr("Label with AI"), QString::fromStdString(stored.message()));
        return;
    }
    const double price = QSettings().value(QLatin1String(kPriceKey), 0.0).toDouble();
    auto language = project.textLanguage();
    LabelWithAiDialog dialog(withLastJudge(*stored), price, m_window,
                             language ? *language : judge::TextLanguage::English);
    QPointer<LabelWithAiDialog> shown(&dialog);
    project.countPairsToLabel([shown](std::optional<std::int64_t> pairs) {
        if (shown)
            shown->setPairsToAsk(pairs);
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    start(project, dialog.settings(), dialog.pricePer1kTokens());
}

bool AiLabelling::start(document::ProjectDocument& project, const judge::JudgeSettings& settings,
                        double pricePer1kTokens) {
    if (m_runner->isRunning())
        return false;
    // Saved before the first request, so a stopped run resumes with the same judge.
    if (auto saved = project.saveJudgeSettings(settings); !saved) {
        Q_EMIT failed(tr("Label with AI"), QString::fromStdString(saved.message()));
        return false;
    }
    QSettings().setValue(QLatin1String(kPriceKey), pricePer1kTokens);
    rememberJudge(settings);
    m_panel->setPricePer1kTokens(pricePer1kTokens);
    m_panel->reset();
    auto* job = new LabelJob(project.path(), settings);
    // Queued: the job lives in the worker thread, the panel here.
    connect(job, &LabelJob::labelProgress, m_panel, &LabelProgressPanel::showProgress,
            Qt::QueuedConnection);
    return m_runner->startJob(job);
}

} // namespace rlthf::ui
