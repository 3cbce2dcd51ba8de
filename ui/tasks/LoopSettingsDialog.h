#pragma once
// Edits the RLTHF loop's parameters: the α/β schedules, the expert batch, the audit share,
// the active shard, the iterations planned, threads, model kind and how margins are taken.
// Parameters the dialog does not show are kept from the settings it was opened with.

#include "loop/LoopSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace rlthf::ui {

class LoopSettingsDialog : public QDialog {
    Q_OBJECT

public:
    // projectPairs: the number of pairs in the project, for the pair counts (-1: unknown).
    explicit LoopSettingsDialog(const loop::LoopSettings& current, qint64 projectPairs = -1,
                                QWidget* parent = nullptr);

    loop::LoopSettings settings() const;
    // An explanation of what is wrong with the values entered, empty when they are valid.
    QString validationError() const;

    // The editors, for tests.
    QDoubleSpinBox* alphaStartEdit() const { return m_alphaStart; }
    QDoubleSpinBox* alphaEndEdit() const { return m_alphaEnd; }
    QDoubleSpinBox* betaStartEdit() const { return m_betaStart; }
    QDoubleSpinBox* betaEndEdit() const { return m_betaEnd; }
    QDoubleSpinBox* batchShareEdit() const { return m_batchShare; }  // percent
    QDoubleSpinBox* auditShareEdit() const { return m_auditShare; }  // percent
    QDoubleSpinBox* flipBelowEdit() const { return m_flipBelow; }    // percent
    QDoubleSpinBox* shardFractionEdit() const { return m_shardFraction; } // fraction
    QSpinBox* iterationsEdit() const { return m_iterations; }
    QSpinBox* threadsEdit() const { return m_threads; }
    QComboBox* modelKindEdit() const { return m_modelKind; }
    QComboBox* marginsEdit() const { return m_margins; }
    QComboBox* targetingEdit() const { return m_targeting; }
    QComboBox* wrongLabelsEdit() const { return m_wrongLabels; }
    QSpinBox* foldsEdit() const { return m_folds; }
    QLabel* batchPairsLabel() const { return m_batchPairs; }
    QLabel* errorLabel() const { return m_error; }

public Q_SLOTS:
    void accept() override; // refuses (and explains) invalid values

private:
    void updateDerived();

    loop::LoopSettings m_base;
    qint64 m_projectPairs = -1;
    QDoubleSpinBox* m_alphaStart = nullptr;
    QDoubleSpinBox* m_alphaEnd = nullptr;
    QDoubleSpinBox* m_betaStart = nullptr;
    QDoubleSpinBox* m_betaEnd = nullptr;
    QDoubleSpinBox* m_batchShare = nullptr;
    QDoubleSpinBox* m_auditShare = nullptr;
    QDoubleSpinBox* m_flipBelow = nullptr;
    QDoubleSpinBox* m_shardFraction = nullptr;
    QSpinBox* m_iterations = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_modelKind = nullptr;
    QComboBox* m_targeting = nullptr;
    QComboBox* m_wrongLabels = nullptr;
    QComboBox* m_margins = nullptr;
    QSpinBox* m_folds = nullptr;
    QLabel* m_batchPairs = nullptr;
    QLabel* m_shardPairs = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace rlthf::ui
