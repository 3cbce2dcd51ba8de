#include "ui/MainWindow.h"

#include "data/Importer.h"
#include "data/Records.h"
#include "demo/DemoProject.h"
#include "document/AsyncTask.h"
#include "document/ProjectDocument.h"
#include "loop/LoopSettings.h"
#include "loop/Review.h"
#include "ui/AboutBox.h"
#include "ui/AgreementDialog.h"
#include "ui/OutdatedNotice.h"
#include "ui/PairTableModel.h"
#include "ui/QueueModel.h"
#include "ui/QueuePanel.h"
#include "ui/RecentProjects.h"
#include "ui/StartPage.h"
#include "ui/TeamDialogs.h"
#include "ui/TeamStatus.h"
#include "ui/charts/ChartLegend.h"
#include "ui/charts/CurveChartView.h"
#include "ui/charts/HistoryChartView.h"
#include "ui/files/FileDialogs.h"
#include "ui/i18n/ErrorText.h"
#include "ui/i18n/Language.h"
#include "ui/judge/AiLabelling.h"
#include "ui/judge/LabelProgressPanel.h"
#include "ui/review/AnnotatorPrompt.h"
#include "ui/review/ReviewPanel.h"
#include "ui/review/ReviewSession.h"
#include "ui/tasks/CsvImportDialog.h"
#include "ui/tasks/ExportDialog.h"
#include "ui/tasks/LoopSettingsDialog.h"
#include "ui/tasks/TaskProgressWidget.h"
#include "ui/tasks/TaskRunner.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QEventLoop>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLayout>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressDialog>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <utility>

namespace rlthf::ui {

namespace {

constexpr auto kGeometryKey = "mainWindow/geometry";
constexpr auto kStateKey = "mainWindow/state";
constexpr auto kSplitterKey = "mainWindow/splitter";
constexpr auto kLastDirKey = "mainWindow/lastDirectory";
constexpr auto kDiffHighlightKey = "review/diffHighlight";
constexpr int kQueueLimit = 100000; // pairs handed to the review session at once

QString appTitle() {
    return QStringLiteral("RLTHF Studio");
}

QString absolutePath(const QString& path) {
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

// A chart with its legend under it, as one widget for a dock; the legend follows every
// rebuild of the chart.
template <class ChartView>
QWidget* withLegend(ChartView* view, const char* legendName, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view, 1);
    auto* legend = new ChartLegend(view->chart(), box);
    legend->setObjectName(QLatin1String(legendName));
    QObject::connect(view, &ChartView::rebuilt, legend, &ChartLegend::refresh);
    legend->refresh();
    layout->addWidget(legend);
    return box;
}

bool isDataFile(const QString& path) {
    const QString lower = path.toLower();
    return lower.endsWith(QLatin1String(".jsonl")) || lower.endsWith(QLatin1String(".jsonl.gz")) ||
           lower.endsWith(QLatin1String(".json")) || lower.endsWith(QLatin1String(".gz")) ||
           lower.endsWith(QLatin1String(".csv"));
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    m_recent = new RecentProjects(this);
    m_tasks = new TaskRunner(this);
    m_labelling = new AiLabelling(m_tasks, this);
    m_statusTimer = new QTimer(this);
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(400);
    connect(m_statusTimer, &QTimer::timeout, this, [this] {
        if (std::exchange(m_queueStale, false)) {
            // With no pair on screen the expert starts on what came in (the judge's uncertain
            // pairs while an AI labelling runs); a pair on screen is never replaced.
            if (m_session && m_session->current() < 0)
                refreshQueue();
            else
                m_queue->reload();
        }
        updateTitleAndStatus();
    });

    m_queue = new QueuePanel(this);
    m_queue->setObjectName(QStringLiteral("queuePanel"));
    m_review = new review::ReviewPanel(this);
    m_review->setObjectName(QStringLiteral("reviewPanel"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_queue);
    m_splitter->addWidget(m_review);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 5);
    // No project open: the start page instead of an empty review panel.
    m_start = new StartPage(this);
    m_central = new QStackedWidget(this);
    m_central->addWidget(m_start);
    m_central->addWidget(m_splitter);
    setCentralWidget(m_central);
    connect(m_start, &StartPage::newProjectRequested, this, &MainWindow::newProjectDialog);
    connect(m_start, &StartPage::openProjectRequested, this, &MainWindow::openProjectDialog);
    connect(m_start, &StartPage::demoRequested, this, &MainWindow::openDemoProject);
    connect(m_start, &StartPage::recentRequested, this,
            [this](const QString& path) { openProject(path); });

    createDocks();

    auto plainLabel = [this](const char* name) {
        auto* label = new QLabel(this);
        label->setObjectName(QLatin1String(name));
        label->setTextFormat(Qt::PlainText);
        return label;
    };
    m_fileLabel = plainLabel("fileLabel");
    m_annotatorLabel = plainLabel("annotatorLabel");
    m_modelLabel = plainLabel("modelLabel");
    m_countsLabel = plainLabel("countsLabel");
    m_progress = new TaskProgressWidget(m_tasks, this);
    statusBar()->addWidget(m_fileLabel, 1);
    m_outdated = new OutdatedNotice(this); // permanent: status messages do not cover it
    connect(m_outdated, &OutdatedNotice::reopenRequested, this, &MainWindow::reopenProject);
    statusBar()->addPermanentWidget(m_outdated);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_annotatorLabel);
    statusBar()->addPermanentWidget(m_modelLabel);
    statusBar()->addPermanentWidget(m_countsLabel);
    m_team = new TeamStatus(this);
    statusBar()->addPermanentWidget(m_team);
    connect(m_team, &TeamStatus::queueChanged, this, [this] {
        m_queueStale = true;
        m_statusTimer->start();
        // New claims come up at once; items this station no longer holds leave the list at
        // once, so that the expert never reaches another station's item. The pair on
        // screen stays until it is answered.
        if (m_session)
            refreshQueue();
    });

    createMenus();
    connect(m_recent, &RecentProjects::changed, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();

    connect(m_queue, &QueuePanel::pairActivated, this,
            [this](qint64 id) { m_review->showPair(id); });
    connect(m_review, &review::ReviewPanel::blindModeChanged, this, [this](bool blind) {
        m_blindAction->setChecked(blind);
        m_queue->setBlind(blind);
    });
    connect(m_tasks, &TaskRunner::finished, this, &MainWindow::onTaskFinished);
    connect(m_tasks, &TaskRunner::started, this, [this](TaskKind kind) {
        if (kind == TaskKind::Label) {
            m_labelDock->show();
            m_labelDock->raise();
        }
        updateActions();
    });
    connect(m_labelling, &AiLabelling::failed, this, &MainWindow::fail);

    resize(1400, 860);
    restoreSettings();
    m_queue->setBlind(m_review->blindMode());
    updateTitleAndStatus();
    updateActions();
}

MainWindow::~MainWindow() {
    closeProject();
}

QString MainWindow::projectPath() const {
    return m_document ? m_document->path() : QString();
}

qint64 MainWindow::pairCount() const {
    return m_document ? m_document->pairCount() : 0;
}

QUndoStack* MainWindow::undoStack() const {
    return m_document ? m_document->undoStack() : nullptr;
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    m_texts.apply();
    if (m_model)
        retranslateModel(*m_model);
    updateTitleAndStatus();
}

void MainWindow::createDocks() {
    m_curve = new CurveChartView(this);
    auto* histogram = new QCheckBox(this);
    m_texts.add(histogram, QT_TR_NOOP("Histogram"));
    histogram->setObjectName(QStringLiteral("histogramToggle"));
    connect(histogram, &QCheckBox::toggled, this, [this](bool on) {
        m_curve->setMode(on ? CurveChartView::Mode::Histogram : CurveChartView::Mode::Curve);
    });
    QWidget* curveBox = withLegend(m_curve, "curveLegend", this);
    curveBox->layout()->addWidget(histogram);

    m_history = new HistoryChartView(this);
    QWidget* historyBox = withLegend(m_history, "historyLegend", this);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("pairTable"));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setFocusPolicy(Qt::ClickFocus);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);

    auto dock = [this](const char* title, const char* name, QWidget* content,
                       Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(this);
        m_texts.add(d, title);
        d->setObjectName(QLatin1String(name));
        d->setWidget(content);
        addDockWidget(area, d);
        return d;
    };
    auto* curveDock =
        dock(QT_TR_NOOP("Reward margins"), "curveDock", curveBox, Qt::RightDockWidgetArea);
    auto* historyDock =
        dock(QT_TR_NOOP("Iteration history"), "historyDock", historyBox, Qt::RightDockWidgetArea);
    auto* pairsDock = dock(QT_TR_NOOP("All pairs"), "pairsDock", m_table, Qt::BottomDockWidgetArea);
    m_labelDock = dock(QT_TR_NOOP("AI labelling"), "labelDock", m_labelling->panel(),
                       Qt::RightDockWidgetArea);
    m_labelDock->hide(); // shown when a run starts
    tabifyDockWidget(curveDock, historyDock);
    curveDock->raise();
    m_viewMenu = new QMenu(this);
    m_texts.add(m_viewMenu, QT_TR_NOOP("&View"));
    for (auto* d : {curveDock, historyDock, pairsDock, m_labelDock})
        m_viewMenu->addAction(d->toggleViewAction());
}

void MainWindow::createMenus() {
    // An action whose text follows the interface language.
    auto add = [this](QMenu* menu, const char* text, auto&&... slot) {
        QAction* action = menu->addAction(QString(), std::forward<decltype(slot)>(slot)...);
        m_texts.add(action, text);
        return action;
    };
    QMenu* file = menuBar()->addMenu(QString());
    m_texts.add(file, QT_TR_NOOP("&File"));
    add(file, QT_TR_NOOP("&New Project\u2026"), this, &MainWindow::newProjectDialog)
        ->setShortcut(QKeySequence::New);
    add(file, QT_TR_NOOP("&Open\u2026"), this, &MainWindow::openProjectDialog)
        ->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(QString());
    m_texts.add(m_recentMenu, QT_TR_NOOP("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    m_projectActions << add(file, QT_TR_NOOP("&Import\u2026"), this, &MainWindow::importDialog);
    m_projectActions << add(file, QT_TR_NOOP("&Export Corrected Shards\u2026"), this,
                            &MainWindow::exportDialog);
    m_saveCopyAction =
        add(file, QT_TR_NOOP("Save a &Copy\u2026"), this, &MainWindow::saveCopyDialog);
    m_projectActions << m_saveCopyAction;
    QMenu* team = file->addMenu(QString());
    m_texts.add(team, QT_TR_NOOP("&Team"));
    team->setObjectName(QStringLiteral("teamMenu"));
    m_projectActions << add(team, QT_TR_NOOP("&Publish\u2026"), this, &MainWindow::publishToTeam);
    add(team, QT_TR_NOOP("&Join\u2026"), this, &MainWindow::joinTeam);
    file->addSeparator();
    QAction* quit = add(file, QT_TR_NOOP("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(QString());
    m_texts.add(edit, QT_TR_NOOP("&Edit"));
    // The shortcuts live on the review panel's actions; the menu shows the same commands.
    m_editUndo = add(edit, QT_TR_NOOP("&Undo"), this, [this] {
        if (m_session)
            m_session->undo();
    });
    m_editRedo = add(edit, QT_TR_NOOP("&Redo"), this, [this] {
        if (m_session)
            m_session->redo();
    });
    m_editUndo->setShortcut(QKeySequence::Undo);
    m_editRedo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    for (QAction* action : {m_editUndo, m_editRedo}) {
        action->setShortcutContext(Qt::WidgetShortcut);
        action->setEnabled(false);
    }

    QMenu* reviewMenu = menuBar()->addMenu(QString());
    m_texts.add(reviewMenu, QT_TR_NOOP("&Review"));
    for (auto verdict : {loop::Verdict::A, loop::Verdict::B, loop::Verdict::Confirm,
                         loop::Verdict::Flip, loop::Verdict::Skip})
        reviewMenu->addAction(m_review->verdictAction(verdict));
    reviewMenu->addAction(m_review->commentAction());
    reviewMenu->addSeparator();
    m_blindAction = reviewMenu->addAction(QString());
    m_texts.add(m_blindAction, QT_TR_NOOP("&Blind Mode"));
    m_blindAction->setCheckable(true);
    m_blindAction->setChecked(m_review->blindMode());
    connect(m_blindAction, &QAction::toggled, m_review, &review::ReviewPanel::setBlindMode);
    reviewMenu->addAction(m_review->diffAction());
    reviewMenu->addSeparator();
    add(reviewMenu, QT_TR_NOOP("&Annotator Name\u2026"), this, &MainWindow::annotatorDialog);
    m_projectActions << add(reviewMenu, QT_TR_NOOP("Annotator &Agreement\u2026"), this,
                            &MainWindow::agreementDialog);

    QMenu* model = menuBar()->addMenu(QString());
    m_texts.add(model, QT_TR_NOOP("&Model"));
    m_retrainAction = add(model, QT_TR_NOOP("&Retrain && Rescore"), this, &MainWindow::retrain);
    m_retrainAction->setObjectName(QStringLiteral("retrainAction"));
    m_retrainAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_propagateAction =
        add(model, QT_TR_NOOP("&Propagate Labels to All Shards"), this, &MainWindow::propagate);
    model->addSeparator();
    m_projectActions << add(model, QT_TR_NOOP("&Settings\u2026"), this,
                            &MainWindow::settingsDialog);

    QMenu* ai = menuBar()->addMenu(QString());
    m_texts.add(ai, QT_TR_NOOP("&AI"));
    m_labelAction =
        add(ai, QT_TR_NOOP("&Label with AI\u2026"), this, &MainWindow::labelWithAiDialog);
    m_labelAction->setObjectName(QStringLiteral("labelWithAiAction"));

    menuBar()->addMenu(m_viewMenu);
    m_viewMenu->addSeparator();
    m_viewMenu->addMenu(createLanguageMenu(this));

    QMenu* help = menuBar()->addMenu(QString());
    m_texts.add(help, QT_TR_NOOP("&Help"));
    add(help, QT_TR_NOOP("&About RLTHF Studio"), this, [this] {
        showAboutBox(this);
    })->setMenuRole(QAction::AboutRole);
    add(help, QT_TR_NOOP("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
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
    if (dir.isEmpty() && m_document)
        dir = QFileInfo(m_document->path()).absolutePath();
    const QString path =
        files::openFileName(this, tr("Open Project"), dir, tr("RLTHF projects (*.rlthf)"));
    if (path.isEmpty())
        return;
    settings.setValue(QLatin1String(kLastDirKey), QFileInfo(path).absolutePath());
    openProject(path);
}

void MainWindow::newProjectDialog() {
    QString path = files::saveFileName(this, tr("New Project"), QString(),
                                       tr("RLTHF projects (*.rlthf)"), files::Existing::Refused);
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".rlthf")))
        path += QLatin1String(".rlthf");
    newProject(path);
}

bool MainWindow::openProject(const QString& path) {
    if (path.isEmpty()) {
        fail(tr("Cannot Open Project"), tr("No project file given."));
        return false;
    }
    if (m_tasks->isRunning()) {
        fail(tr("Cannot Open Project"), tr("Wait for the running task to finish, or cancel it."));
        return false;
    }
    const QString absolute = absolutePath(path);
    if (Status prepared = prepareProject(absolute); !prepared) {
        fail(tr("Cannot Open Project"), errorText(prepared.error()));
        return false;
    }
    auto opened = document::ProjectDocument::open(absolute, document::OpenMode::Existing);
    if (!opened) {
        fail(tr("Cannot Open Project"), errorText(opened.error()));
        return false;
    }
    return adoptProject(std::move(opened).value());
}

Status MainWindow::prepareProject(const QString& absolute) {
    // Checked and, when older, updated on a worker: the window keeps drawing meanwhile,
    // ignores input, and says what takes so long when it does.
    auto outcome = std::make_shared<std::optional<Status>>();
    QEventLoop loop;
    document::runThenCallback(
        this, [absolute] { return document::ProjectDocument::prepare(absolute); },
        [outcome, &loop](const Status& status) {
            *outcome = status;
            loop.quit();
        });
    std::unique_ptr<QProgressDialog> progress;
    if (m_interactive) {
        progress = std::make_unique<QProgressDialog>(
            tr("Opening %1…\nA project from an older version is updated to the current format "
               "first (a backup is kept beside it); on a large project this takes a while.")
                .arg(QFileInfo(absolute).fileName()),
            QString(), 0, 0, this);
        progress->setWindowModality(Qt::WindowModal);
        progress->setMinimumDuration(500);
        progress->setCancelButton(nullptr);
    }
    if (!*outcome)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return std::move(**outcome);
}

bool MainWindow::newProject(const QString& path) {
    const QString absolute = absolutePath(path);
    if (QFileInfo::exists(absolute)) {
        fail(tr("Cannot Create Project"), tr("%1 already exists; open it or choose another name.")
                                              .arg(QDir::toNativeSeparators(absolute)));
        return false;
    }
    if (m_tasks->isRunning()) {
        fail(tr("Cannot Create Project"), tr("Wait for the running task to finish, or cancel it."));
        return false;
    }
    auto created = document::ProjectDocument::open(absolute, document::OpenMode::Create);
    if (!created) {
        fail(tr("Cannot Create Project"), qs(created.message()));
        return false;
    }
    return adoptProject(std::move(created).value());
}

bool MainWindow::adoptProject(std::unique_ptr<document::ProjectDocument> document) {
    handBackClaims();
    closeProject();
    m_document = std::move(document);
    const QString absolute = m_document->path();
    connect(m_document.get(), &document::ProjectDocument::chartsLoaded, this,
            &MainWindow::showCharts);
    // An undo puts a pair back in the queue: the list is re-read once the expert pauses.
    m_undoIndex = 0;
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, [this](int index) {
        if (index < m_undoIndex)
            m_queueStale = true;
        m_undoIndex = index;
        m_statusTimer->start();
    });

    m_model = new PairTableModel(*m_document, this);
    m_table->setModel(m_model);
    QHeaderView* header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(PairTableModel::PromptColumn, QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showPairFromTable);

    m_queue->setDocument(m_document.get());
    m_session = new review::ReviewSession(*m_document, m_review, this);
    for (auto [mirror, source] : {std::pair{m_editUndo, m_session->undoAction()},
                                  std::pair{m_editRedo, m_session->redoAction()}}) {
        auto follow = [mirror, source] {
            mirror->setEnabled(source->isEnabled());
            mirror->setText(source->text());
        };
        connect(source, &QAction::changed, mirror, follow);
        follow();
    }
    // Before the name prompt, whose event loop may already see other processes' writes.
    watchOtherWriters();
    connect(m_session, &review::ReviewSession::verdictCommitted, this, [this](qint64 pairId) {
        // Keep the queue list in step without re-reading it per key press.
        if (m_queue->model() && m_queue->model()->filter() == QueueModel::Filter::ToReview)
            m_queue->model()->removePair(pairId);
        else
            m_queueStale = true;
        m_statusTimer->start(); // counts refresh once the expert pauses
    });
    connect(m_session, &review::ReviewSession::currentChanged, m_queue, &QueuePanel::selectPair);
    connect(m_session, &review::ReviewSession::queueFinished, this, [this] {
        if (std::exchange(m_newBatchWaiting, false)) {
            refreshQueue(); // nothing is on screen now: the other process's batch can start
            if (m_session->current() >= 0)
                return;
        }
        if (m_team->state().station) {
            // A station's next items are claimed, not retrained for: the lead retrains.
            m_team->syncNow();
            statusBar()->showMessage(
                tr("Your items are done; the next come up once the team has free ones."), 15000);
            return;
        }
        statusBar()->showMessage(
            tr("Queue done. Model \u25b8 Retrain & Rescore picks the next batch."), 15000);
    });
    connect(m_session, &review::ReviewSession::notice, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    for (auto signal : {&review::ReviewSession::error, &review::ReviewSession::keyIgnored,
                        &review::ReviewSession::queueRefreshed})
        connect(m_session, signal, this,
                [this](const QString& message) { statusBar()->showMessage(message, 15000); });

    // The prompt shows over the project and its first pair, not over "No project open" or "No
    // pair to review", and the charts are read meanwhile: a large project's curve takes seconds.
    refreshAll();
    m_session->setAnnotator(review::annotatorName(this, m_interactive));
    updateTitleAndStatus(); // with the name
    m_team->setDocument(m_document.get());
    m_review->setFocus();
    m_recent->add(absolute);
    Q_EMIT projectOpened(absolute);
    return true;
}

void MainWindow::watchOtherWriters() {
    // Another process (or another window) writing to the project: counts, queue list and
    // charts follow. The pair in front of the expert is never replaced by such a change.
    document::ProjectDocument* changes = m_document.get();
    connect(changes, &document::ProjectDocument::pairsChanged, this, [this] {
        updateActions(); // Retrain needs pairs
        m_statusTimer->start();
    });
    connect(changes, &document::ProjectDocument::labelsChanged, this, [this] {
        m_queueStale = true;
        m_statusTimer->start();
    });
    connect(changes, &document::ProjectDocument::iterationsChanged, this, [this] {
        if (m_tasks->isRunning())
            return; // the window's own task: onTaskFinished refreshes everything
        refreshCharts();
        m_queueStale = true;
        m_statusTimer->start();
        if (m_session->current() < 0) {
            refreshQueue();
        } else {
            m_newBatchWaiting = true; // taken up once the expert's current list is done
            statusBar()->showMessage(tr("A new iteration finished elsewhere; its batch follows the "
                                        "pairs you have open."),
                                     15000);
        }
    });
    connect(changes, &document::ProjectDocument::snapshotOutdated, m_outdated, &QWidget::show);
    m_document->watch(std::chrono::seconds(1));
}

namespace {
// The demo speaks the UI's language (whose locale is the default one).
demo::DemoLanguage demoLanguage() {
    return QLocale().language() == QLocale::Japanese ? demo::DemoLanguage::Japanese
                                                     : demo::DemoLanguage::English;
}
} // namespace

QString MainWindow::demoProjectPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           (demoLanguage() == demo::DemoLanguage::Japanese
                ? QStringLiteral("/demo/factory-qa-ja.rlthf")
                : QStringLiteral("/demo/factory-qa.rlthf"));
}

void MainWindow::openDemoProject() {
    const QString path = demoProjectPath();
    if (QFileInfo::exists(path)) {
        openProject(path);
        return;
    }
    // Made from the generator built into the program: no download, no data file.
    m_start->setDemoBusy(true);
    statusBar()->showMessage(tr("Creating the demo project in %1…")
                                 .arg(QDir::toNativeSeparators(QFileInfo(path).path())));
    document::runThenCallback(
        this,
        [path, language = demoLanguage()] {
            QDir().mkpath(QFileInfo(path).path());
            demo::DemoOptions options;
            options.language = language;
            auto created = demo::createDemoProject(path.toStdString(), options);
            return created ? std::string() : created.message();
        },
        [this, path](const std::string& error) {
            m_start->setDemoBusy(false);
            statusBar()->clearMessage();
            if (!error.empty()) {
                fail(tr("Cannot Create the Demo Project"), qs(error));
                return;
            }
            openProject(path);
        });
}

void MainWindow::closeProject() {
    // Models and views read through the document: they go first.
    m_newBatchWaiting = false;
    delete m_session;
    m_session = nullptr;
    for (QAction* action : {m_editUndo, m_editRedo})
        action->setEnabled(false);
    m_review->setDocument(nullptr);
    m_queue->setDocument(nullptr);
    QItemSelectionModel* selection = m_table->selectionModel();
    m_table->setModel(nullptr);
    delete selection;
    delete m_model;
    m_model = nullptr;
    m_curve->clear();
    m_history->clear();
    m_team->setDocument(nullptr);
    m_document.reset(); // a chart still loading for it is dropped with it, and a copy's answer
    m_savingCopy = false;
    m_outdated->hide();
}

void MainWindow::reopenProject() {
    if (!m_document)
        return;
    const QString path = m_document->path();
    const qint64 reading = m_review->pairId();
    if (openProject(path) && reading > 0)
        m_review->showPair(reading); // or says it is gone
}

void MainWindow::refreshQueue() {
    if (!m_document)
        return;
    m_queue->reload();
    auto open = m_document->openQueue(kQueueLimit);
    m_session->setQueue(open ? std::vector<qint64>(open->begin(), open->end())
                             : std::vector<qint64>());
}

void MainWindow::refreshCharts() {
    if (!m_document)
        return;
    m_curve->setLoading();
    m_history->setLoading();
    m_document->loadCharts(); // on a worker thread; showCharts() follows
}

void MainWindow::showCharts(const document::ChartData& charts) {
    if (charts.error) {
        m_curve->setUnreadable();
        m_history->setUnreadable();
        statusBar()->showMessage(
            tr("The charts could not be read: %1").arg(qs(charts.error->message)), 15000);
    } else {
        if (charts.curve)
            m_curve->setCurve(*charts.curve);
        else if (charts.curveOnLead)
            m_curve->setOnLead();
        else
            m_curve->clear();
        m_history->setHistory(historyPoints(charts.history));
    }
    Q_EMIT chartsRefreshed();
}

void MainWindow::refreshAll() {
    if (m_document)
        m_document->acknowledge(); // what is re-read here is no news from elsewhere
    if (m_model) {
        m_model->reload();
        if (m_model->canFetchMore({}))
            m_model->fetchMore({});
    }
    refreshQueue();
    refreshCharts();
    updateTitleAndStatus();
    updateActions();
}

void MainWindow::showPairFromTable(const QModelIndex& current) {
    if (current.isValid() && m_model)
        m_review->showPair(m_model->pairIdAt(current.row()));
}

void MainWindow::setAnnotator(const QString& name) {
    review::setAnnotatorName(name);
    if (m_session)
        m_session->setAnnotator(name);
    updateTitleAndStatus();
}

QString MainWindow::annotator() const {
    return review::annotatorName(nullptr, false);
}

void MainWindow::annotatorDialog() {
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Annotator"), tr("Your name, recorded with every verdict:"),
                              QLineEdit::Normal, annotator(), &ok)
            .trimmed();
    if (ok && !name.isEmpty())
        setAnnotator(name);
}

void MainWindow::agreementDialog() {
    if (!m_document)
        return;
    AgreementDialog dialog(*m_document, annotator(), this);
    connect(&dialog, &AgreementDialog::pairChosen, m_review, &review::ReviewPanel::showPair);
    connect(&dialog, &AgreementDialog::settled, this, [this] { updateTitleAndStatus(); });
    dialog.exec();
}

void MainWindow::labelWithAiDialog() {
    if (m_document && !m_tasks->isRunning())
        m_labelling->askAndStart(*m_document);
    updateActions();
}

void MainWindow::retrain() {
    if (!m_document || m_tasks->isRunning())
        return;
    auto settings = m_document->loopSettings();
    if (!settings) {
        fail(tr("Cannot Retrain"), qs(settings.message()));
        return;
    }
    m_tasks->startRetrain(m_document->path(), *settings);
    updateActions();
}

void MainWindow::propagate() {
    if (!m_document || m_tasks->isRunning())
        return;
    auto settings = m_document->loopSettings();
    if (!settings) {
        fail(tr("Cannot Propagate"), qs(settings.message()));
        return;
    }
    m_tasks->startPropagate(m_document->path(), *settings);
    updateActions();
}

bool MainWindow::importFiles(const QStringList& files) {
    if (!m_document || files.isEmpty() || m_tasks->isRunning())
        return false;
    std::vector<std::string> inputs;
    for (const QString& file : files)
        inputs.push_back(file.toStdString());
    // Before the format is sniffed: that opens the files.
    if (auto own = data::refuseProjectFiles(inputs, m_document->path().toStdString()); !own) {
        fail(tr("Cannot Import"), qs(own.message()));
        return false;
    }
    std::optional<data::Format> format;
    for (const std::string& input : inputs) {
        auto sniffed = data::sniffFormat(input);
        if (!sniffed) {
            fail(tr("Cannot Import"), qs(sniffed.message()));
            return false;
        }
        if (format && *format != *sniffed) {
            fail(tr("Cannot Import"),
                 tr("The files are in different formats; import them one at a time."));
            return false;
        }
        format = *sniffed;
    }
    data::ImportOptions options;
    options.format = *format;
    options.skipBad = true; // the report lists every rejected line
    if (*format == data::Format::Csv && m_interactive) {
        // The encoding and the columns, chosen on the first file, read them all.
        CsvImportDialog dialog(files.first(), this);
        if (dialog.exec() != QDialog::Accepted)
            return false;
        options.csv = dialog.options();
    } else if (*format != data::Format::Pairs && m_interactive) {
        const QStringList sources = {tr("AI judge labels"), tr("Trusted human (gold) labels")};
        bool ok = false;
        const QString choice = QInputDialog::getItem(
            this, tr("Import"), tr("The preferred response in these files is:"), sources, 0, false,
            &ok);
        if (!ok)
            return false;
        options.labelSource =
            choice == sources[1] ? data::LabelSource::Gold : data::LabelSource::Ai;
    }
    const bool started = m_tasks->startImport(m_document->path(), files, options);
    updateActions();
    return started;
}

void MainWindow::importDialog() {
    const QStringList files = files::openFileNames(
        this, tr("Import Preference Pairs"), QString(),
        tr("Preference pairs (*.jsonl *.jsonl.gz *.json *.gz *.csv *.csv.gz);;JSON lines "
           "(*.jsonl *.jsonl.gz *.json *.gz);;Spreadsheet files (*.csv *.csv.gz);;All files (*)"));
    importFiles(files);
}

void MainWindow::exportDialog() {
    if (!m_document || m_tasks->isRunning())
        return;
    ExportDialog dialog(m_document->path(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_tasks->startExport(m_document->path(), dialog.outputPath(), dialog.options());
    updateActions();
}

void MainWindow::saveCopyDialog() {
    if (!m_document)
        return;
    QString out = files::saveFileName(this, tr("Save a Copy"), QString(),
                                      tr("RLTHF projects (*.rlthf)"), files::Existing::Refused);
    if (out.isEmpty())
        return;
    if (!out.endsWith(QLatin1String(".rlthf")))
        out += QLatin1String(".rlthf");
    if (QFileInfo::exists(out)) {
        fail(tr("Cannot Save a Copy"), tr("%1 already exists.").arg(QDir::toNativeSeparators(out)));
        return;
    }
    saveCopy(out);
}

void MainWindow::saveCopy(const QString& out) {
    if (!m_document || m_savingCopy)
        return;
    // A large project's copy takes seconds: reviewing goes on meanwhile, one copy at a time.
    m_savingCopy = true;
    updateActions();
    statusBar()->showMessage(tr("Saving a copy to %1\u2026").arg(QDir::toNativeSeparators(out)));
    m_document->saveCopy(out, [this, out](const Status& copied) {
        m_savingCopy = false;
        updateActions();
        if (!copied) {
            statusBar()->clearMessage();
            fail(tr("Cannot Save a Copy"), qs(copied.message()));
            return;
        }
        statusBar()->showMessage(tr("Saved a copy to %1").arg(QDir::toNativeSeparators(out)),
                                 10000);
        Q_EMIT copySaved(out);
    });
}

void MainWindow::publishToTeam() {
    if (!m_document)
        return;
    if (m_team->state().member) {
        fail(tr("Publish"),
             tr("This project is already part of the team project %1.").arg(m_team->state().name));
        return;
    }
    auto options = askPublishOptions(this);
    if (!options)
        return;
    statusBar()->showMessage(tr("Publishing to the team server\u2026"));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    document::runThenCallback(
        this,
        [path = m_document->path().toStdString(), options = *options] {
            return document::publishTeamProject(path, options);
        },
        [this, name = qs(options->name)](const QString& error) {
            QApplication::restoreOverrideCursor();
            if (m_document) // a member now, even if the first sending stopped: syncs from now on
                m_team->setDocument(m_document.get());
            if (!error.isEmpty()) {
                fail(tr("Cannot Publish"), error);
                return;
            }
            inform(tr("Published as the team project %1. Experts can join it with File \u25b8 "
                      "Team \u25b8 Join\u2026 on their workstations.")
                       .arg(name));
        });
}

void MainWindow::joinTeam() {
    auto options = askJoinOptions(this);
    if (!options)
        return;
    if (QFileInfo::exists(qs(options->out))) {
        fail(tr("Cannot Join"),
             tr("%1 already exists.").arg(QDir::toNativeSeparators(qs(options->out))));
        return;
    }
    statusBar()->showMessage(tr("Joining the team project\u2026"));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    document::runThenCallback(
        this, [options = *options] { return document::joinTeamProject(options); },
        [this, out = qs(options->out)](const QString& error) {
            QApplication::restoreOverrideCursor();
            if (!error.isEmpty()) {
                fail(tr("Cannot Join"), error);
                return;
            }
            openProject(out);
        });
}

void MainWindow::settingsDialog() {
    if (!m_document)
        return;
    auto settings = m_document->loopSettings();
    if (!settings) {
        fail(tr("Settings"), qs(settings.message()));
        return;
    }
    LoopSettingsDialog dialog(*settings, m_document->pairCount(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto saved = m_document->saveLoopSettings(dialog.settings());
    if (!saved)
        fail(tr("Settings"), qs(saved.message()));
}

void MainWindow::onTaskFinished(const TaskResult& result) {
    if (result.ok && result.kind == TaskKind::Import && m_document)
        // Counted again, not added to: the change watcher may have counted this import already.
        m_document->recountPairs();
    // A stopped or failed labelling keeps the answers it received, so they show too.
    if ((result.ok && (result.kind == TaskKind::Import || result.kind == TaskKind::Retrain ||
                       result.kind == TaskKind::Propagate)) ||
        result.kind == TaskKind::Label)
        refreshAll();
    else
        updateActions();
    if (result.cancelled && result.kind == TaskKind::Label)
        statusBar()->showMessage(result.message, 15000);
    else if (result.cancelled)
        statusBar()->showMessage(
            tr("%1 cancelled; the project is unchanged.").arg(taskKindName(result.kind)), 15000);
    else if (!result.ok)
        fail(taskKindName(result.kind), result.message);
    else if (result.kind == TaskKind::Retrain && result.randomReview && result.staleVerdicts == 0)
        // The queue is no longer what the lead expects: said in a box, not in passing.
        inform(result.message);
    else if (result.kind == TaskKind::Retrain && result.staleVerdicts > 0)
        // Never silently: the lead learns which verdicts this model has not seen yet.
        inform(tr("%1\n\nVerdicts that arrived while the model trained: %2. They are kept and "
                  "count in the next iteration.")
                   .arg(result.message)
                   .arg(result.staleVerdicts));
    else if (result.kind == TaskKind::Import && result.counts.rejected > 0)
        inform(result.message, result.details.join(QLatin1Char('\n')));
    else
        statusBar()->showMessage(result.message, 15000);
    Q_EMIT taskFinished(result.ok, result.message);
}

void MainWindow::updateTitleAndStatus() {
    const QString who = annotator();
    m_annotatorLabel->setText(who.isEmpty() ? tr("No annotator") : tr("Annotator: %1").arg(who));
    m_central->setCurrentWidget(m_document ? static_cast<QWidget*>(m_splitter) : m_start);
    if (!m_document) {
        m_start->setRecentProjects(m_recent->paths());
        setWindowTitle(appTitle());
        m_fileLabel->setText(tr("No project open \u2014 File \u2192 Open\u2026"));
        m_modelLabel->clear();
        m_countsLabel->clear();
        return;
    }
    const QString name = QFileInfo(m_document->path()).fileName();
    setWindowTitle(appTitle() + QStringLiteral(" \u2014 ") +
                   (m_document->readOnly() ? tr("%1 (read only)").arg(name) : name));
    m_fileLabel->setText(
        tr("%1 \u00b7 %2 pairs").arg(name, QLocale().toString(m_document->pairCount())));
    m_fileLabel->setToolTip(QDir::toNativeSeparators(m_document->path()));
    const auto status = m_document->status();
    if (!status)
        return;
    const QLocale locale;
    if (status->modelVersion)
        m_modelLabel->setText(
            tr("Model v%1 \u00b7 rescored %2")
                .arg(*status->modelVersion)
                .arg(locale.toString(status->lastRescored.toLocalTime(), QLocale::ShortFormat)));
    else
        m_modelLabel->setText(tr("No model yet"));
    QString counts = tr("To review %1 \u00b7 Reviewed %2 \u00b7 Auto-flipped %3")
                         .arg(locale.toString(status->toReview), locale.toString(status->reviewed),
                              locale.toString(status->autoFlipped));
    if (status->dropped > 0)
        counts += tr(" \u00b7 Dropped %1").arg(locale.toString(status->dropped));
    m_countsLabel->setText(counts);
}

void MainWindow::updateActions() {
    const bool open = m_document != nullptr;
    const bool hasPairs = open && m_document->pairCount() > 0;
    const bool busy = m_tasks->isRunning();
    for (QAction* action : std::as_const(m_projectActions))
        action->setEnabled(open && !busy);
    m_retrainAction->setEnabled(hasPairs && !busy);
    m_propagateAction->setEnabled(hasPairs && !busy);
    m_labelAction->setEnabled(hasPairs && !busy);
    m_saveCopyAction->setEnabled(open && !busy && !m_savingCopy);
}

void MainWindow::fail(const QString& title, const QString& message) {
    Q_EMIT projectOpenFailed(message);
    statusBar()->showMessage(message, 15000);
    if (!m_interactive)
        return;
    QMessageBox box(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText); // paths and SQLite messages are not markup
    box.exec();
}

void MainWindow::inform(const QString& message, const QString& details) {
    statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 15000);
    if (!m_interactive)
        return;
    // Non-modal: reviewing goes on while the note is open.
    auto* box =
        new QMessageBox(QMessageBox::Information, appTitle(), message, QMessageBox::Ok, this);
    box->setTextFormat(Qt::PlainText);
    box->setDetailedText(details); // e.g. every rejected line of an import
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (m_document && !urls.isEmpty() && std::all_of(urls.begin(), urls.end(), [](const QUrl& url) {
            return isDataFile(url.toLocalFile());
        }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList files;
    for (const QUrl& url : event->mimeData()->urls())
        files << url.toLocalFile();
    if (importFiles(files))
        event->acceptProposedAction();
}

void MainWindow::restoreSettings() {
    QSettings settings;
    const QByteArray geometry = settings.value(QLatin1String(kGeometryKey)).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.value(QLatin1String(kStateKey)).toByteArray();
    if (!state.isEmpty())
        restoreState(state);
    m_review->setDiffHighlight(settings.value(QLatin1String(kDiffHighlightKey), false).toBool());
    // Remembered as soon as it changes: a view choice, not part of any project.
    connect(m_review, &review::ReviewPanel::diffHighlightChanged, this,
            [](bool on) { QSettings().setValue(QLatin1String(kDiffHighlightKey), on); });
    const QByteArray splitter = settings.value(QLatin1String(kSplitterKey)).toByteArray();
    if (splitter.isEmpty() || !m_splitter->restoreState(splitter))
        m_splitter->setSizes({width() * 3 / 10, width() * 7 / 10});
}

void MainWindow::handBackClaims() {
    if (m_handingBack || !m_document || !m_document->teamState().station)
        return;
    // The expert stops reviewing this station: the items it holds go back to the team now,
    // not when their leases end an hour later. The window waits for that, drawing but
    // ignoring input, a few seconds at most without the server (the items then wait for
    // their leases, as before).
    m_handingBack = true;
    statusBar()->showMessage(tr("Sending your verdicts and handing your open items back to the "
                                "team\u2026"));
    QEventLoop loop;
    QPointer<QEventLoop> waiting(&loop);
    m_document->stopReviewing([waiting](const document::TeamState&) {
        if (waiting)
            waiting->quit();
    });
    QTimer::singleShot(kHandBackWait, &loop, &QEventLoop::quit);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    m_handingBack = false;
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
    settings.setValue(QLatin1String(kStateKey), saveState());
    settings.setValue(QLatin1String(kSplitterKey), m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    handBackClaims();
    // A labelling run ends at once: answers stored so far stay, requests in flight are dropped.
    if (m_tasks->isRunning() && m_tasks->currentKind() == TaskKind::Label)
        m_tasks->cancel();
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace rlthf::ui
