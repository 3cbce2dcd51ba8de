#pragma once
// Asks where the LLM judge is and how to ask it before an AI labelling run: the endpoint,
// the model, the environment variable holding the API key (whether it is set is shown; the
// key itself never is), the concurrency, the alignment criteria and an optional price per
// 1,000 tokens for the cost estimate. Settings it does not show are kept.

#include "judge/JudgeSettings.h"

#include <QDialog>

#include <optional>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace rlthf::ui {

class LabelWithAiDialog : public QDialog {
    Q_OBJECT

public:
  // `language`: the project's texts, whose language the built-in criteria are in.
  explicit LabelWithAiDialog(const judge::JudgeSettings& current, double pricePer1kTokens = 0.0,
                             QWidget* parent = nullptr,
                             judge::TextLanguage language = judge::TextLanguage::English);

  // The criteria equal to the built-in ones are stored empty, so they follow the default.
  judge::JudgeSettings settings() const;
  double pricePer1kTokens() const; // 0: no estimate
  // What is wrong with the values entered, empty when they are valid.
  QString validationError() const;
  // How many pairs the run would ask about (nullopt: unknown); until told, "counting…".
  void setPairsToAsk(std::optional<qint64> pairs);

  // The editors, for tests.
  QLineEdit* endpointEdit() const { return m_endpoint; }
  QLineEdit* modelEdit() const { return m_model; }
  QLineEdit* apiKeyEnvEdit() const { return m_keyEnv; }
  QLabel* apiKeyStatusLabel() const { return m_keyStatus; }
  QSpinBox* concurrencyEdit() const { return m_concurrency; }
  QPlainTextEdit* criteriaEdit() const { return m_criteria; }
  QDoubleSpinBox* priceEdit() const { return m_price; }
  QLabel* errorLabel() const { return m_error; }
  QLabel* scopeLabel() const { return m_scope; }

public Q_SLOTS:
    void accept() override; // refuses (and explains) invalid values

private:
    void updateKeyStatus();

    judge::JudgeSettings m_base;
    QLineEdit* m_endpoint = nullptr;
    QLineEdit* m_model = nullptr;
    QLineEdit* m_keyEnv = nullptr;
    QLabel* m_scope = nullptr;
    QLabel* m_keyStatus = nullptr;
    QSpinBox* m_concurrency = nullptr;
    judge::TextLanguage m_language;
    QPlainTextEdit* m_criteria = nullptr;
    QDoubleSpinBox* m_price = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace rlthf::ui
