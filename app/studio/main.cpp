// rlthf-studio [PROJECT]: opens PROJECT, else the most recent project that still exists.
//   --screenshot PNG   open, show the first item to review, save the window as a PNG, quit
//   --benchmark        open a copy offscreen, replay verdict key presses, print timings

#include "store/ProjectFiles.h"
#include "ui/MainWindow.h"
#include "ui/RecentProjects.h"
#include "ui/StudioBenchmark.h"
#include "ui/i18n/Language.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>
#include <cstdio>
#include <string_view>

namespace {

void setIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("RLTHF"));
    QCoreApplication::setApplicationName(QStringLiteral("RLTHF Studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RLTHF_VERSION));
}

// The command line, the same whether or not a display is there.
struct StudioOptions {
    const QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QStringLiteral(
            "Open the project, show the first item to review, save the window as a PNG and quit."),
        QStringLiteral("PNG")};
    const QCommandLineOption benchmark{
        QStringLiteral("benchmark"), QStringLiteral("Open a copy of PROJECT, replay verdict key "
                                                    "presses through the window, print timings.")};
    const QCommandLineOption presses{QStringLiteral("presses"),
                                     QStringLiteral("Key presses for --benchmark (default 1000)."),
                                     QStringLiteral("N"), QStringLiteral("1000")};
    const QCommandLineOption language{QStringLiteral("language"),
                                      QStringLiteral("UI language: system, en or ja."),
                                      QStringLiteral("LANG")};
    const QCommandLineOption whileTask{
        QStringLiteral("while"),
        QStringLiteral(
            "For --benchmark: keep a long task running meanwhile: import, retrain, propagate "
            "or label (AI labelling against a local scripted judge)."),
        QStringLiteral("TASK")};
    const QCommandLineOption from{
        QStringLiteral("from"),
        QStringLiteral(
            "For --while: start the task from the window (default) or as an rlthf process."),
        QStringLiteral("window|process"), QStringLiteral("window")};
    const QCommandLineOption importFile{
        QStringLiteral("import"),
        QStringLiteral("For --while import: a pairs file to import (repeat for one per run); for "
                       "--while label: pairs without labels, imported into the copy first."),
        QStringLiteral("FILE")};

    void addTo(QCommandLineParser& parser) const {
        parser.setApplicationDescription(QStringLiteral(
            "RLTHF Studio: the review workstation for reward-model preference data"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("project"),
                                     QStringLiteral("The .rlthf project to open."),
                                     QStringLiteral("[PROJECT]"));
        parser.addOptions({screenshot, benchmark, presses, whileTask, from, importFile, language});
    }
};

// --help and --version need no display: they are answered before a window system is
// looked for (QApplication aborts without one).
bool onlyAsksForHelpOrVersion(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" ||
            arg == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char* argv[]) {
    const StudioOptions options;
    if (onlyAsksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        options.addTo(parser);
        parser.process(app); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    setIdentity();
    // The desktop entry's name, so that a desktop matches the window to its entry and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.rlthf.Studio"));
    QIcon icon;
    for (const int size : {32, 64, 256})
        icon.addFile(QStringLiteral(":/icons/rlthf-studio-%1.png").arg(size));
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    options.addTo(parser);
    parser.process(app);

    rlthf::ui::installTranslators(app, parser.isSet(options.language)
                                           ? parser.value(options.language)
                                           : rlthf::ui::languageSetting());
    const QStringList args = parser.positionalArguments();

    if (parser.isSet(options.benchmark)) {
        if (args.isEmpty()) {
            std::fprintf(stderr, "rlthf-studio: --benchmark needs a PROJECT\n");
            return 2;
        }
        rlthf::ui::BenchmarkLoad load;
        if (parser.isSet(options.whileTask)) {
            using Task = rlthf::ui::BenchmarkLoad::Task;
            const QString task = parser.value(options.whileTask);
            load.task = task == QLatin1String("import")      ? Task::Import
                        : task == QLatin1String("retrain")   ? Task::Retrain
                        : task == QLatin1String("propagate") ? Task::Propagate
                        : task == QLatin1String("label")     ? Task::Label
                                                             : Task::None;
            load.importFiles = parser.values(options.importFile);
            const bool needsFile = (load.task == Task::Import || load.task == Task::Label) &&
                                   load.importFiles.isEmpty();
            if (load.task == Task::None || needsFile) {
                std::fprintf(stderr, "rlthf-studio: --while takes import or label (with --import "
                                     "FILE), retrain or propagate\n");
                return 2;
            }
            load.from = parser.value(options.from) == QLatin1String("process")
                            ? rlthf::ui::BenchmarkLoad::From::Process
                            : rlthf::ui::BenchmarkLoad::From::Window;
            load.rlthfProgram = QCoreApplication::applicationDirPath() + QStringLiteral("/rlthf");
        }
        const auto figures = rlthf::ui::runStudioBenchmark(
            args.front(), parser.value(options.presses).toInt(), load);
        std::printf("%s\n", qPrintable(rlthf::ui::describe(figures)));
        return figures.error.isEmpty() ? 0 : 1;
    }

    // Checked before any project is open here: it reads the file's first bytes.
    if (parser.isSet(options.screenshot)) {
        if (auto database = rlthf::store::refuseReplacingDatabase(
                parser.value(options.screenshot).toStdString());
            !database) {
            std::fprintf(stderr, "rlthf-studio: %s\n", database.message().c_str());
            return 2;
        }
    }
    rlthf::ui::MainWindow window;
    if (parser.isSet(options.screenshot)) {
        window.setInteractive(false);
        window.resize(1400, 860);
    }
    window.show();

    if (!args.isEmpty()) {
        window.openProject(args.front());
    } else {
        const QString recent = window.recentProjects()->mostRecent();
        if (!recent.isEmpty())
            window.openProject(recent);
    }
    if (parser.isSet(options.screenshot)) {
        // Grab once the event loop has laid out and painted the window.
        QTimer::singleShot(300, &window, [&window, path = parser.value(options.screenshot)] {
            const bool saved = window.grab().save(path, "PNG");
            QCoreApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
