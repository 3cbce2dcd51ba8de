#include "ui/MainWindow.h"

#include "store/Project.h"
#include "ui/PairTableModel.h"
#include "ui/PairView.h"
#include "ui/RecentProjects.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFontMetrics>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>

#include <algorithm>

namespace rlthf::ui {

namespace {

constexpr auto kGeometryKey = "mainWindow/geometry";
constexpr auto kStateKey = "mainWindow/state";
constexpr auto kSplitterKey = "mainWindow/splitter";
constexpr auto kLastDirKey = "mainWindow/lastDirectory";

QString appTitle() { return QStringLiteral("RLTHF Studio"); }

QString absolutePath(const QString& path) {
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("MainWindow"));
    m_recent = new RecentProjects(this);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("pairTable"));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_pairView = new PairView(this);
    m_pairView->setObjectName(QStringLiteral("pairView"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_pairView);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    setCentralWidget(m_splitter);

    m_fileLabel = new QLabel(this);
    m_fileLabel->setObjectName(QStringLiteral("fileLabel"));
    m_fileLabel->setTextFormat(Qt::PlainText);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_countLabel->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_fileLabel, 1);
    statusBar()->addPermanentWidget(m_countLabel);

    createMenus();
    connect(m_recent, &RecentProjects::changed, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();

    resize(1280, 800);
    restoreSettings();
    updateTitleAndStatus();
}

MainWindow::~MainWindow() {
    // The view and the model refer to the project's connection: drop them first.
    m_table->setModel(nullptr);
    m_pairView->setDatabase(nullptr);
    delete m_model;
    m_model = nullptr;
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open\u2026"), this, &MainWindow::openProjectDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
}

void MainWindow::rebuildRecentMenu() {
    // paths() may prune missing files and emit changed() again; guard against recursion.
    const QSignalBlocker blocker(m_recent);
    m_recentMenu->clear();
    const QStringList paths = m_recent->paths();
    int number = 1;
    for (const QString& path : paths) {
        QString text = QFileInfo(path).fileName();
        text.replace(QLatin1Char('&'), QLatin1String("&&"));
        if (number < 10)
            text = QStringLiteral("&%1  %2").arg(number).arg(text);
        ++number;
        QAction* action = m_recentMenu->addAction(text);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] { openProject(path); });
    }
    if (!paths.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear List"), m_recent, &RecentProjects::clear);
    }
    m_recentMenu->setEnabled(!paths.isEmpty());
}

void MainWindow::openProjectDialog() {
    QSettings settings;
    QString dir = settings.value(QLatin1String(kLastDirKey)).toString();
    if (dir.isEmpty() && !m_projectPath.isEmpty())
        dir = QFileInfo(m_projectPath).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), dir,
                                                      tr("RLTHF projects (*.rlthf)"));
    if (path.isEmpty())
        return;
    settings.setValue(QLatin1String(kLastDirKey), QFileInfo(path).absolutePath());
    openProject(path);
}

bool MainWindow::openProject(const QString& path) {
    if (path.isEmpty()) {
        fail(tr("No project file given."));
        return false;
    }
    const QString absolute = absolutePath(path);
    auto opened = store::Project::open(absolute.toStdString(), store::OpenMode::Existing);
    if (!opened) {
        fail(QString::fromStdString(opened.message()));
        return false;
    }
    auto project = std::make_unique<store::Project>(std::move(opened).value());

    // Counted once, for the status bar; the table itself pages by id.
    auto count = project->db().scalar("SELECT count(*) FROM pairs");
    if (!count) {
        fail(tr("%1: cannot read the pairs: %2")
                 .arg(QDir::toNativeSeparators(absolute), QString::fromStdString(count.message())));
        return false;
    }

    auto* model = new PairTableModel(project->db(), this);
    connect(model, &PairTableModel::fetchFailed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Cannot load pairs: %1").arg(message), 10000);
    });

    // Swap in the new project; the old model and selection model go with the old project.
    QItemSelectionModel* oldSelection = m_table->selectionModel();
    m_pairView->setDatabase(&project->db());
    m_table->setModel(model);
    delete oldSelection;
    delete m_model;
    m_model = model;
    m_project = std::move(project);
    m_projectPath = absolute;
    m_pairCount = count->value_or(0);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showCurrentPair(current); });

    // Narrow columns sized to their widest possible content; the prompt takes the rest.
    auto maxId = m_project->db().scalar("SELECT max(id) FROM pairs");
    const qint64 widestId = maxId && maxId->has_value() ? std::max<qint64>(**maxId, 9999) : 9999;
    QHeaderView* header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(PairTableModel::PromptColumn, QHeaderView::Stretch);
    const QFontMetrics cells = m_table->fontMetrics();
    const QFontMetrics heading = header->fontMetrics();
    const int padding = 2 * cells.horizontalAdvance(QLatin1Char('M'));
    auto fit = [&](int column, const QString& widestCell) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        m_table->setColumnWidth(column, std::max(cells.horizontalAdvance(widestCell),
                                                 heading.horizontalAdvance(title)) + padding);
    };
    fit(PairTableModel::IdColumn, QString::number(widestId));
    fit(PairTableModel::LabelColumn, QStringLiteral("b"));
    fit(PairTableModel::SourceColumn, QStringLiteral("propagated"));
    fit(PairTableModel::ShardColumn, QStringLiteral("99"));

    if (m_model->canFetchMore({}))
        m_model->fetchMore({});

    m_recent->add(absolute);
    updateTitleAndStatus();
    Q_EMIT projectOpened(absolute);
    return true;
}

void MainWindow::showCurrentPair(const QModelIndex& current) {
    if (!current.isValid() || !m_model) {
        m_pairView->clear();
        return;
    }
    const auto id = m_model->pairIdAt(current.row());
    if (id < 0)
        m_pairView->clear();
    else
        m_pairView->showPair(id);
}

void MainWindow::updateTitleAndStatus() {
    if (!m_project) {
        setWindowTitle(appTitle());
        m_fileLabel->setText(tr("No project open \u2014 File \u2192 Open\u2026"));
        m_countLabel->clear();
        return;
    }
    const QString name = QFileInfo(m_projectPath).fileName();
    setWindowTitle(appTitle() + QStringLiteral(" \u2014 ") + name);
    m_fileLabel->setText(name);
    m_fileLabel->setToolTip(QDir::toNativeSeparators(m_projectPath));
    m_countLabel->setText(m_pairCount == 1
                              ? tr("1 pair")
                              : tr("%1 pairs").arg(QLocale().toString(m_pairCount)));
}

void MainWindow::fail(const QString& message) {
    Q_EMIT projectOpenFailed(message);
    if (!m_interactive)
        return;
    QMessageBox box(QMessageBox::Warning, tr("Cannot Open Project"), message, QMessageBox::Ok,
                    this);
    box.setTextFormat(Qt::PlainText); // paths and SQLite messages are not markup
    box.exec();
}

void MainWindow::restoreSettings() {
    QSettings settings;
    const QByteArray geometry = settings.value(QLatin1String(kGeometryKey)).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.value(QLatin1String(kStateKey)).toByteArray();
    if (!state.isEmpty())
        restoreState(state);
    const QByteArray splitter = settings.value(QLatin1String(kSplitterKey)).toByteArray();
    if (splitter.isEmpty() || !m_splitter->restoreState(splitter))
        m_splitter->setSizes({width() * 9 / 20, width() * 11 / 20});
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
    settings.setValue(QLatin1String(kStateKey), saveState());
    settings.setValue(QLatin1String(kSplitterKey), m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace rlthf::ui
