#include "ui/tasks/LoopSettingsDialog.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>

using namespace rlthf;
using rlthf::ui::LoopSettingsDialog;

TEST_CASE("LoopSettingsDialog round-trips the settings", "[tasks][settings]") {
    loop::LoopSettings s;
    s.shardFraction = 0.5;
    s.engine.schedule = {6.0, 1.5, 0.25, 0.1};
    s.engine.batchShare = 0.02;
    s.engine.auditShare = 0.15;
    s.engine.curve.flipBelowProbability = 0.2;
    s.engine.iterations = 7;
    s.engine.train.threads = 3;
    s.engine.train.kind = reward::ModelKind::Mlp;
    s.engine.outOfFold = true;
    s.engine.targeting = loop::Targeting::Margin;
    s.engine.wrongLabels = loop::WrongLabels::Drop;
    s.engine.folds = 4;
    s.engine.train.maxEpochs = 9;     // not in the dialog: kept
    s.engine.flipCheckShare = 0.2;    // not in the dialog: kept
    s.engine.seed = 77;

    LoopSettingsDialog dialog(s, 10000);
    const auto out = dialog.settings();
    CHECK(out.shardFraction == Approx(0.5));
    CHECK(out.engine.schedule.alphaStart == Approx(6.0));
    CHECK(out.engine.schedule.alphaEnd == Approx(1.5));
    CHECK(out.engine.schedule.betaStart == Approx(0.25));
    CHECK(out.engine.schedule.betaEnd == Approx(0.1));
    CHECK(out.engine.batchShare == Approx(0.02));
    CHECK(out.engine.auditShare == Approx(0.15));
    CHECK(out.engine.curve.flipBelowProbability == Approx(0.2));
    CHECK(out.engine.iterations == 7);
    CHECK(out.engine.train.threads == 3);
    CHECK(out.engine.train.kind == reward::ModelKind::Mlp);
    CHECK(out.engine.outOfFold);
    CHECK(out.engine.targeting == loop::Targeting::Margin);
    CHECK(out.engine.wrongLabels == loop::WrongLabels::Drop);
    CHECK(out.engine.folds == 4);
    CHECK(out.engine.train.maxEpochs == 9);
    CHECK(out.engine.flipCheckShare == Approx(0.2));
    CHECK(out.engine.seed == 77);
    CHECK(dialog.validationError().isEmpty());
    // 10,000 pairs × 0.5 = 5,000 in the shard; 2 % of them per iteration.
    CHECK(dialog.batchPairsLabel()->text().contains(QStringLiteral("100")));

    // Edits come back out.
    dialog.shardFractionEdit()->setValue(1.0);
    dialog.modelKindEdit()->setCurrentIndex(0);
    dialog.marginsEdit()->setCurrentIndex(0);
    dialog.targetingEdit()->setCurrentIndex(1);
    dialog.wrongLabelsEdit()->setCurrentIndex(0);
    dialog.alphaStartEdit()->setValue(3.0);
    dialog.iterationsEdit()->setValue(4);
    dialog.flipBelowEdit()->setValue(0.0); // the published reflection rule alone
    CHECK(dialog.batchPairsLabel()->text().contains(QStringLiteral("200")));
    const auto edited = dialog.settings();
    CHECK(edited.shardFraction == Approx(1.0));
    CHECK(edited.engine.train.kind == reward::ModelKind::Linear);
    CHECK_FALSE(edited.engine.outOfFold);
    CHECK(edited.engine.targeting == loop::Targeting::Learned);
    CHECK(edited.engine.wrongLabels == loop::WrongLabels::Flip);
    CHECK_FALSE(dialog.foldsEdit()->isEnabled());
    CHECK(edited.engine.schedule.alphaStart == Approx(3.0));
    CHECK(edited.engine.iterations == 4);
    CHECK(edited.engine.curve.flipBelowProbability == 0.0);

    dialog.accept();
    CHECK(dialog.result() == QDialog::Accepted);
}

TEST_CASE("LoopSettingsDialog rejects an invalid shard fraction", "[tasks][settings]") {
    LoopSettingsDialog dialog(loop::LoopSettings{});
    CHECK(dialog.batchPairsLabel()->text().isEmpty()); // no pair count known
    dialog.shardFractionEdit()->setValue(0.0);
    CHECK_FALSE(dialog.validationError().isEmpty());
    dialog.accept();
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK_FALSE(dialog.errorLabel()->isHidden());
    CHECK(dialog.errorLabel()->text().contains(QStringLiteral("shard")));

    dialog.shardFractionEdit()->setValue(0.3);
    CHECK(dialog.validationError().isEmpty());
    dialog.accept();
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(dialog.settings().shardFraction == Approx(0.3));
}
