#include "ui/tasks/LoopSettingsDialog.h"

#include "ui/tasks/ProblemLabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

namespace rlthf::ui {

namespace {

// An editor for `key` within the range the project accepts (× scale: percent for shares).
QDoubleSpinBox* doubleSpin(QWidget* parent, const char* key, int decimals, double step,
                           double scale = 1.0, const QString& suffix = {}) {
    auto* spin = new QDoubleSpinBox(parent);
    const auto range = loop::settingRange(key).value();
    spin->setRange(range.min * scale, range.max * scale);
    spin->setDecimals(decimals);
    spin->setSingleStep(step);
    spin->setSuffix(suffix);
    spin->setKeyboardTracking(false);
    return spin;
}

void setRangeOf(QSpinBox* spin, const char* key) {
    const auto range = loop::settingRange(key).value();
    spin->setRange(static_cast<int>(range.min), static_cast<int>(range.max));
}

} // namespace

LoopSettingsDialog::LoopSettingsDialog(const loop::LoopSettings& current, qint64 projectPairs,
                                       QWidget* parent)
    : QDialog(parent), m_base(current), m_projectPairs(projectPairs) {
    setWindowTitle(tr("Loop Settings"));
    const auto& engine = current.engine;
    const QString percent = tr(" %");

    // Schedules
    m_alphaStart = doubleSpin(this, "alpha_start", 2, 0.5);
    m_alphaEnd = doubleSpin(this, "alpha_end", 2, 0.5);
    m_betaStart = doubleSpin(this, "beta_start", 3, 0.01);
    m_betaEnd = doubleSpin(this, "beta_end", 3, 0.01);
    m_alphaStart->setToolTip(
        tr("Weight of expert-labelled pairs in training (repetitions), first iteration"));
    m_alphaEnd->setToolTip(
        tr("Weight of expert-labelled pairs in training, last planned iteration"));
    m_betaStart->setToolTip(tr("Share of the margin curve kept out of training, first iteration"));
    m_betaEnd->setToolTip(
        tr("Share of the margin curve kept out of training, last planned iteration"));
    auto* schedule = new QGroupBox(tr("Schedule"), this);
    auto* scheduleForm = new QFormLayout(schedule);
    auto pairRow = [this](QWidget* a, QWidget* b) {
        auto* row = new QWidget(this);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(a);
        h->addWidget(new QLabel(tr("→"), row));
        h->addWidget(b);
        return row;
    };
    scheduleForm->addRow(tr("&α (expert weight), start → end:"), pairRow(m_alphaStart, m_alphaEnd));
    scheduleForm->addRow(tr("&β (backed-off share), start → end:"),
                         pairRow(m_betaStart, m_betaEnd));
    m_iterations = new QSpinBox(this);
    setRangeOf(m_iterations, "iterations");
    m_iterations->setToolTip(tr("Iterations the α/β schedule spans"));
    scheduleForm->addRow(tr("&Iterations planned:"), m_iterations);

    // Curation
    m_shardFraction = doubleSpin(this, "shard_fraction", 3, 0.05);
    m_shardFraction->setToolTip(tr("Share of the project's pairs in the active shard (0 < f ≤ 1)"));
    m_shardPairs = new QLabel(this);
    m_batchShare = doubleSpin(this, "batch_share", 3, 0.1, 100.0, percent);
    m_batchShare->setToolTip(
        tr("Pairs put before the expert per iteration, as a share of the active shard"));
    m_batchPairs = new QLabel(this);
    m_auditShare = doubleSpin(this, "audit_share", 1, 1.0, 100.0, percent);
    m_auditShare->setToolTip(
        tr("Share of the expert batch drawn at random to audit the kept zone"));
    m_flipBelow = doubleSpin(this, "flip_below_probability", 1, 1.0, 100.0, percent);
    m_flipBelow->setToolTip(tr("A label the reward model gives at most this chance is past the "
                               "reflection point and flipped while the flip checks confirm; "
                               "0 keeps the published rule alone"));
    auto* curation = new QGroupBox(tr("Curation"), this);
    auto* curationForm = new QFormLayout(curation);
    auto withNote = [this](QWidget* editor, QLabel* note) {
        auto* row = new QWidget(this);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(editor);
        h->addWidget(note, 1);
        return row;
    };
    curationForm->addRow(tr("Active &shard fraction:"), withNote(m_shardFraction, m_shardPairs));
    curationForm->addRow(tr("Expert &batch:"), withNote(m_batchShare, m_batchPairs));
    curationForm->addRow(tr("&Audit share:"), m_auditShare);
    curationForm->addRow(tr("&Flip labels the model gives at most:"), m_flipBelow);
    m_wrongLabels = new QComboBox(this);
    m_wrongLabels->addItem(tr("Flip them (default)"), static_cast<int>(loop::WrongLabels::Flip));
    m_wrongLabels->addItem(tr("Drop them from the curated data"),
                           static_cast<int>(loop::WrongLabels::Drop));
    m_wrongLabels->setToolTip(tr("Drop: a pair whose AI label the model is confident is wrong "
                                 "is left out of the TRL export and of the final model's "
                                 "training instead of taking the other label; the pairs "
                                 "export lists it as dropped. An expert verdict on the pair "
                                 "still counts."));
    curationForm->addRow(tr("Labels found &wrong:"), m_wrongLabels);
    m_targeting = new QComboBox(this);
    m_targeting->addItem(tr("Lowest margin first (published rule)"),
                         static_cast<int>(loop::Targeting::Margin));
    m_targeting->addItem(tr("Learned from the verdicts (default)"),
                         static_cast<int>(loop::Targeting::Learned));
    m_targeting->setToolTip(tr("Learned: from the second iteration on, the queue takes the "
                               "pairs whose AI label the verdicts so far say is most likely "
                               "wrong, using the margin and how much longer the chosen "
                               "answer is. It finds a judge's errors when they follow a "
                               "pattern the reward model learns, such as preferring longer "
                               "answers."));
    curationForm->addRow(tr("Expert &queue:"), m_targeting);

    // Model
    m_modelKind = new QComboBox(this);
    m_modelKind->addItem(tr("Linear (bag of words)"), static_cast<int>(reward::ModelKind::Linear));
    m_modelKind->addItem(tr("MLP (prompt-conditioned)"), static_cast<int>(reward::ModelKind::Mlp));
    m_margins = new QComboBox(this);
    m_margins->addItem(tr("In-sample"), false);
    m_margins->addItem(tr("Out-of-fold (cross-fitting)"), true);
    m_folds = new QSpinBox(this);
    setRangeOf(m_folds, "folds");
    m_folds->setPrefix(tr("folds: "));
    m_threads = new QSpinBox(this);
    setRangeOf(m_threads, "threads");
    m_threads->setSpecialValueText(tr("Automatic"));
    auto* model = new QGroupBox(tr("Reward model"), this);
    auto* modelForm = new QFormLayout(model);
    modelForm->addRow(tr("&Model:"), m_modelKind);
    auto* marginsRow = new QWidget(this);
    auto* marginsLayout = new QHBoxLayout(marginsRow);
    marginsLayout->setContentsMargins(0, 0, 0, 0);
    marginsLayout->addWidget(m_margins, 1);
    marginsLayout->addWidget(m_folds);
    modelForm->addRow(tr("M&argins:"), marginsRow);
    modelForm->addRow(tr("&Threads:"), m_threads);

    m_error = newProblemLabel(QStringLiteral("loopSettingsError"), this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &LoopSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LoopSettingsDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(schedule);
    layout->addWidget(curation);
    layout->addWidget(model);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    // Values
    m_alphaStart->setValue(engine.schedule.alphaStart);
    m_alphaEnd->setValue(engine.schedule.alphaEnd);
    m_betaStart->setValue(engine.schedule.betaStart);
    m_betaEnd->setValue(engine.schedule.betaEnd);
    m_iterations->setValue(engine.iterations);
    m_shardFraction->setValue(current.shardFraction);
    m_batchShare->setValue(engine.batchShare * 100.0);
    m_auditShare->setValue(engine.auditShare * 100.0);
    m_flipBelow->setValue(engine.curve.flipBelowProbability * 100.0);
    m_modelKind->setCurrentIndex(engine.train.kind == reward::ModelKind::Mlp ? 1 : 0);
    m_targeting->setCurrentIndex(m_targeting->findData(static_cast<int>(engine.targeting)));
    m_wrongLabels->setCurrentIndex(m_wrongLabels->findData(static_cast<int>(engine.wrongLabels)));
    m_margins->setCurrentIndex(engine.outOfFold ? 1 : 0);
    m_folds->setValue(engine.folds);
    m_folds->setEnabled(engine.outOfFold);
    m_threads->setValue(engine.train.threads);

    connect(m_margins, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_folds->setEnabled(index == 1); });
    auto update = [this] { updateDerived(); };
    connect(m_shardFraction, &QDoubleSpinBox::valueChanged, this, update);
    connect(m_batchShare, &QDoubleSpinBox::valueChanged, this, update);
    updateDerived();
}

loop::LoopSettings LoopSettingsDialog::settings() const {
    loop::LoopSettings s = m_base;
    auto& e = s.engine;
    e.schedule.alphaStart = m_alphaStart->value();
    e.schedule.alphaEnd = m_alphaEnd->value();
    e.schedule.betaStart = m_betaStart->value();
    e.schedule.betaEnd = m_betaEnd->value();
    e.iterations = m_iterations->value();
    s.shardFraction = m_shardFraction->value();
    e.batchShare = m_batchShare->value() / 100.0;
    e.auditShare = m_auditShare->value() / 100.0;
    e.curve.flipBelowProbability = m_flipBelow->value() / 100.0;
    e.train.kind =
        m_modelKind->currentIndex() == 1 ? reward::ModelKind::Mlp : reward::ModelKind::Linear;
    e.outOfFold = m_margins->currentIndex() == 1;
    e.targeting = static_cast<loop::Targeting>(m_targeting->currentData().toInt());
    e.wrongLabels = static_cast<loop::WrongLabels>(m_wrongLabels->currentData().toInt());
    e.folds = m_folds->value();
    e.train.threads = m_threads->value();
    return s;
}

QString LoopSettingsDialog::validationError() const {
    const auto s = settings();
    if (!(s.shardFraction > 0.0 && s.shardFraction <= 1.0))
        return tr("The active shard fraction must be greater than 0 and at most 1.");
    if (!(s.engine.batchShare > 0.0 && s.engine.batchShare <= 1.0))
        return tr("The expert batch must be more than 0 % and at most 100 % of the active shard.");
    if (!(s.engine.auditShare >= 0.0 && s.engine.auditShare < 1.0))
        return tr("The audit share must be at least 0 % and less than 100 %.");
    if (s.engine.schedule.alphaStart <= 0.0 || s.engine.schedule.alphaEnd <= 0.0)
        return tr("α must be greater than 0 at both ends of the schedule.");
    if (s.engine.schedule.betaStart >= 1.0 || s.engine.schedule.betaEnd >= 1.0)
        return tr("β must be less than 1 at both ends of the schedule.");
    if (s.engine.iterations < 1)
        return tr("Plan at least one iteration.");
    if (s.engine.outOfFold && s.engine.folds < 2)
        return tr("Out-of-fold margins need at least 2 folds.");
    return {};
}

void LoopSettingsDialog::accept() {
    if (!showProblem(m_error, validationError()))
        QDialog::accept();
}

void LoopSettingsDialog::updateDerived() {
    const double fraction = m_shardFraction->value();
    const double share = m_batchShare->value() / 100.0;
    if (m_projectPairs < 0) {
        m_shardPairs->clear();
        m_batchPairs->clear();
        return;
    }
    const QLocale locale;
    const auto shard =
        static_cast<qint64>(std::llround(static_cast<double>(m_projectPairs) * fraction));
    const auto batch = static_cast<qint64>(std::llround(static_cast<double>(shard) * share));
    m_shardPairs->setText(
        tr("about %1 of %2 pairs").arg(locale.toString(shard), locale.toString(m_projectPairs)));
    m_batchPairs->setText(tr("about %1 pairs per iteration").arg(locale.toString(batch)));
}

} // namespace rlthf::ui
