#include "ui/tasks/ExportDialog.h"

#include "ui/files/FileDialogs.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rlthf::ui {

namespace {
constexpr int kMaxShards = 10000;
} // namespace

ExportDialog::ExportDialog(const QString& projectPath, QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export Corrected Shards"));

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("TRL (prompt, chosen, rejected) for DPO training"),
                      QVariant::fromValue(int(data::ExportFormat::Trl)));
    m_format->addItem(tr("Pairs (both responses, the label and its provenance)"),
                      QVariant::fromValue(int(data::ExportFormat::Pairs)));
    m_format->addItem(tr("Spreadsheet (CSV for Excel: the pairs fields and provenance)"),
                      QVariant::fromValue(int(data::ExportFormat::Csv)));
    m_explanation = new QLabel(this);
    m_explanation->setObjectName(QStringLiteral("exportExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);

    m_shards = new QSpinBox(this);
    m_shards->setObjectName(QStringLiteral("exportShards"));
    m_shards->setRange(1, kMaxShards);
    m_shards->setValue(1);
    m_shards->setToolTip(tr("Pairs are spread over this many files by pair number; more than "
                            "one file goes into a folder of the file's name"));

    const QFileInfo project(projectPath);
    m_path = new QLineEdit(
        QDir::toNativeSeparators(project.dir().filePath(project.completeBaseName() +
                                                        QStringLiteral("-corrected.jsonl"))),
        this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    auto* browseButton = new QPushButton(tr("&Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);

    auto* form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(QString(), m_explanation);
    form->addRow(tr("&Shard files:"), m_shards);
    auto* pathLabel = new QLabel(tr("&Save to:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_path->text().trimmed().isEmpty());
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateExplanation);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    updateExplanation();
    resize(620, sizeHint().height());
}

void ExportDialog::updateExplanation() {
    const auto format = options().format;
    m_explanation->setText(
        format == data::ExportFormat::Trl
            ? tr("Each pair with its label in force: the lead's settlement or the expert's "
                 "verdict where there is one, else the flip or the propagated label, else the "
                 "AI's (or an imported gold label). Pairs without any label are left out.")
        : format == data::ExportFormat::Pairs
            ? tr("Each pair with both responses in their original order, the AI and gold labels, "
                 "the label in force and where it comes from (label_source: ai, gold, human, "
                 "settled, flipped or propagated), the annotator, comment and iteration, and the "
                 "margin. rlthf import reads it back.")
            : tr("The same fields as Pairs, one row per pair, in UTF-8 with a byte-order mark so "
                 "that Excel shows Japanese correctly. Cells that begin with =, +, - or @ get a "
                 "leading apostrophe so that a spreadsheet does not run them as formulas; "
                 "rlthf import reads the file back."));
    // The file name follows the format, unless the user typed another ending.
    const QString path = m_path->text();
    for (const QString& ending : {QStringLiteral(".jsonl"), QStringLiteral(".csv")}) {
        if (!path.endsWith(ending))
            continue;
        const QString wanted =
            format == data::ExportFormat::Csv ? QStringLiteral(".csv") : QStringLiteral(".jsonl");
        m_path->setText(path.left(path.size() - ending.size()) + wanted);
        break;
    }
}

void ExportDialog::browse() {
    const QString chosen = files::saveFileName(this, tr("Export To"), m_path->text(),
                                               options().format == data::ExportFormat::Csv
                                                   ? tr("Spreadsheet files (*.csv *.csv.gz)")
                                                   : tr("JSON lines (*.jsonl *.jsonl.gz)"));
    if (!chosen.isEmpty())
        m_path->setText(QDir::toNativeSeparators(chosen));
}

data::ExportOptions ExportDialog::options() const {
    data::ExportOptions options;
    options.format = static_cast<data::ExportFormat>(m_format->currentData().toInt());
    options.shards = m_shards->value();
    return options;
}

QString ExportDialog::outputPath() const {
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

} // namespace rlthf::ui
