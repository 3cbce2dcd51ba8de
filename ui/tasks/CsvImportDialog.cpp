#include "ui/tasks/CsvImportDialog.h"

#include "ui/tasks/ProblemLabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rlthf::ui {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

// The fields the dialog maps; the provenance columns of an export are read by their names.
struct MappedField {
    const char* field;
    bool required;
};
constexpr MappedField kMapped[] = {
    {"prompt", true},    {"response_a", true},  {"response_b", true},
    {"ai_label", false}, {"gold_label", false}, {"id", false},
};

// One line of a cell: the preview is a table, the texts may span lines.
QString oneLine(const std::string& text) {
    QString line = qs(text);
    line.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
    return line.left(200);
}

QString side(const std::optional<char>& label) {
    return label ? QString(QChar(label == 'a' ? 'A' : 'B')) : QString();
}

} // namespace

CsvImportDialog::CsvImportDialog(const QString& path, QWidget* parent)
    : QDialog(parent), m_path(path) {
    setObjectName(QStringLiteral("csvImportDialog"));
    setWindowTitle(tr("Import a Spreadsheet File"));

    auto* file = new QLabel(QFileInfo(path).fileName(), this);
    file->setTextFormat(Qt::PlainText);

    m_encoding = new QComboBox(this);
    m_encoding->setObjectName(QStringLiteral("csvEncoding"));
    m_encoding->addItem(tr("Detect"), int(data::TextEncoding::Detect));
    m_encoding->addItem(tr("UTF-8"), int(data::TextEncoding::Utf8));
    m_encoding->addItem(tr("Shift_JIS (CP932, Excel in Japanese)"), int(data::TextEncoding::Cp932));
    m_detected = new QLabel(this);
    m_detected->setObjectName(QStringLiteral("csvDetectedEncoding"));
    auto* encodingRow = new QHBoxLayout;
    encodingRow->addWidget(m_encoding);
    encodingRow->addWidget(m_detected, 1);

    auto* form = new QFormLayout;
    form->addRow(tr("File:"), file);
    auto* encodingLabel = new QLabel(tr("&Encoding:"), this);
    encodingLabel->setBuddy(m_encoding);
    form->addRow(encodingLabel, encodingRow);
    const QMap<QString, QString> names = {
        {QStringLiteral("prompt"), tr("&Prompt column:")},
        {QStringLiteral("response_a"), tr("Response &A column:")},
        {QStringLiteral("response_b"), tr("Response &B column:")},
        {QStringLiteral("ai_label"), tr("A&I label column:")},
        {QStringLiteral("gold_label"), tr("&Gold label column:")},
        {QStringLiteral("id"), tr("I&D column:")},
    };
    const QMap<QString, QString> fieldNames = {
        {QStringLiteral("prompt"), tr("the prompt")},
        {QStringLiteral("response_a"), tr("response A")},
        {QStringLiteral("response_b"), tr("response B")},
    };
    for (const auto& mapped : kMapped) {
        auto* box = new QComboBox(this);
        box->setObjectName(QStringLiteral("csvColumn_") + QLatin1String(mapped.field));
        box->setProperty("fieldName", fieldNames.value(QLatin1String(mapped.field)));
        m_columns[mapped.field] = box;
        form->addRow(names.value(QLatin1String(mapped.field)), box);
    }

    m_preview = new QTableWidget(this);
    m_preview->setObjectName(QStringLiteral("csvPreview"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setColumnCount(7);
    m_preview->setHorizontalHeaderLabels({tr("Line"), tr("Prompt"), tr("Response A"),
                                          tr("Response B"), tr("AI"), tr("Gold"), tr("Problem")});
    m_preview->verticalHeader()->hide();
    for (const int text : {1, 2, 3, 6})
        m_preview->horizontalHeader()->setSectionResizeMode(text, QHeaderView::Stretch);
    m_problem = newProblemLabel(QStringLiteral("csvProblem"), this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("The first rows as they will be imported:"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    readHeader();
    connect(m_encoding, &QComboBox::currentIndexChanged, this, [this] {
        readHeader();
        refresh();
    });
    for (const auto& [field, box] : m_columns)
        connect(box, &QComboBox::currentIndexChanged, this, &CsvImportDialog::refresh);
    refresh();
    resize(900, 620);
}

void CsvImportDialog::readHeader() {
    data::CsvOptions headerOnly;
    headerOnly.encoding = static_cast<data::TextEncoding>(m_encoding->currentData().toInt());
    const auto preview = data::previewCsv(m_path.toStdString(), headerOnly, 0);
    if (preview.header.empty() && m_columns.at("prompt")->count() > 1)
        return; // unreadable this way: keep the choices for when it is readable again
    for (const auto& mapped : kMapped) {
        QComboBox* box = m_columns.at(mapped.field);
        const QSignalBlocker quiet(box);
        const QString chosen = box->currentData().toString();
        box->clear();
        box->addItem(mapped.required ? tr("(choose a column)") : tr("(none)"), QString());
        for (const auto& name : preview.header)
            box->addItem(qs(name), qs(name));
        // Keep the user's choice when the names are still there, else the field's own name.
        int at = box->findData(chosen);
        if (at <= 0)
            at = box->findData(QLatin1String(mapped.field));
        box->setCurrentIndex(std::max(at, 0));
    }
}

data::CsvOptions CsvImportDialog::options() const {
    data::CsvOptions options;
    options.encoding = static_cast<data::TextEncoding>(m_encoding->currentData().toInt());
    for (const auto& mapped : kMapped) {
        const QString header = m_columns.at(mapped.field)->currentData().toString();
        options.columns.emplace_back(mapped.field, header.toStdString()); // empty: not read
    }
    return options;
}

bool CsvImportDialog::importable() const {
    return m_importable;
}

void CsvImportDialog::refresh() {
    QStringList unchosen;
    for (const auto& mapped : kMapped)
        if (mapped.required && m_columns.at(mapped.field)->currentIndex() <= 0)
            unchosen << m_columns.at(mapped.field)->property("fieldName").toString();
    const auto preview =
        data::previewCsv(m_path.toStdString(), options(), unchosen.isEmpty() ? kPreviewRows : 0);
    switch (preview.encoding) {
    case data::TextEncoding::Utf8:
        m_detected->setText(tr("Read as UTF-8"));
        break;
    case data::TextEncoding::Cp932:
        m_detected->setText(tr("Read as Shift_JIS (CP932)"));
        break;
    case data::TextEncoding::Detect:
        m_detected->setText(tr("Only ASCII so far; the first other line decides"));
        break;
    }
    m_preview->setRowCount(int(preview.rows.size()));
    int refused = 0;
    for (int r = 0; r < int(preview.rows.size()); ++r) {
        const auto& row = preview.rows[std::size_t(r)];
        QStringList cells = {QString::number(row.line)};
        if (row.record)
            cells << oneLine(row.record->prompt) << oneLine(row.record->responseA)
                  << oneLine(row.record->responseB) << side(row.record->aiLabel)
                  << side(row.record->goldLabel) << QString();
        else
            cells << QString() << QString() << QString() << QString() << QString()
                  << qs(row.problem);
        refused += row.record ? 0 : 1;
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(cells[c]); // the narrow columns elide it
            m_preview->setItem(r, c, item);
        }
    }
    for (const int narrow : {0, 4, 5})
        m_preview->resizeColumnToContents(narrow);
    QString problem = qs(preview.problem);
    if (!unchosen.isEmpty() && !preview.header.empty())
        problem = tr("Choose the columns that hold: %1.").arg(unchosen.join(tr(", ")));
    else if (problem.isEmpty() && preview.rows.empty())
        problem = tr("The file has no rows under its header.");
    m_importable = problem.isEmpty();
    if (m_importable && refused > 0)
        problem = tr("%n of the first rows cannot be imported; the import skips and lists them.",
                     nullptr, refused);
    showProblem(m_problem, problem);
    m_ok->setEnabled(m_importable);
}

} // namespace rlthf::ui
