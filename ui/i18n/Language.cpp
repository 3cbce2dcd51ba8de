#include "ui/i18n/Language.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QEvent>
#include <QSettings>
#include <QStringList>
#include <QTranslator>

namespace rlthf::ui {

namespace {

const QString kSettingKey = QStringLiteral("ui/language");
const char* const kTranslatorTag = "rlthf_ui_translator";

bool isKnown(const QString& language) {
    return language == QLatin1String("system") || language == QLatin1String("en") ||
           language == QLatin1String("ja");
}

// Loads `name` from the embedded resources, else from Qt's translations directory.
QTranslator* loadTranslator(QCoreApplication& app, const QString& name) {
    auto* translator = new QTranslator(&app);
    translator->setObjectName(QLatin1String(kTranslatorTag));
    const QStringList dirs = {QStringLiteral(":/i18n"),
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath)};
    for (const QString& dir : dirs) {
        if (translator->load(name, dir))
            return translator;
    }
    delete translator;
    return nullptr;
}

} // namespace

QLocale localeFor(const QString& language) {
    // The system's own conventions where it speaks the language (en_GB keeps its dates),
    // else the language's main country.
    const QLocale system = QLocale::system();
    if (language == QLatin1String("ja"))
        return system.language() == QLocale::Japanese ? system
                                                      : QLocale(QLocale::Japanese, QLocale::Japan);
    return system.language() == QLocale::English ? system
                                                 : QLocale(QLocale::English, QLocale::UnitedStates);
}

QString languageSetting() {
    const QString value = QSettings().value(kSettingKey, QStringLiteral("system")).toString();
    return isKnown(value) ? value : QStringLiteral("system");
}

void setLanguageSetting(const QString& language) {
    QSettings().setValue(kSettingKey, isKnown(language) ? language : QStringLiteral("system"));
}

QString resolveLanguage(const QString& language) {
    if (language == QLatin1String("ja") || language == QLatin1String("en"))
        return language;
    // "system" (or anything unknown): the first UI language we have, else English.
    for (const QString& ui : QLocale::system().uiLanguages()) {
        if (ui.startsWith(QLatin1String("ja"), Qt::CaseInsensitive))
            return QStringLiteral("ja");
        if (ui.startsWith(QLatin1String("en"), Qt::CaseInsensitive))
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

bool installTranslators(QCoreApplication& app, const QString& language) {
    // Drop what an earlier call installed.
    const auto previous = app.findChildren<QTranslator*>(QLatin1String(kTranslatorTag),
                                                          Qt::FindDirectChildrenOnly);
    for (QTranslator* translator : previous) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }

    const QString resolved = resolveLanguage(language);
    QLocale::setDefault(localeFor(resolved));
    bool japanese = false;
    if (resolved == QLatin1String("ja")) {
        // Qt's own first, so that ours (installed last, searched first) wins on a clash.
        if (QTranslator* qt = loadTranslator(app, QStringLiteral("qtbase_ja")))
            QCoreApplication::installTranslator(qt);
        if (QTranslator* ours = loadTranslator(app, QStringLiteral("rlthf_studio_ja"))) {
            QCoreApplication::installTranslator(ours);
            japanese = true;
        }
    } else if (QTranslator* ours = loadTranslator(app, QStringLiteral("rlthf_studio_en"))) {
        // English is the source text; the catalogue only adds plural forms.
        QCoreApplication::installTranslator(ours);
    }
    return japanese;
}

LanguageMenu::LanguageMenu(QWidget* parent) : QMenu(parent) {
    setTitle(tr("&Language"));
    m_group = new QActionGroup(this);
    m_group->setExclusive(true);
    const struct {
        const char* code;
        QString text;
    } entries[] = {
        {"system", tr("&System Default")},
        // Each language is named in itself, so that it can be found whatever is shown.
        {"en", QStringLiteral("English")},
        {"ja", QStringLiteral("\u65e5\u672c\u8a9e")},
    };
    const QString current = languageSetting();
    for (const auto& entry : entries) {
        const QString code = QLatin1String(entry.code);
        QAction* action = addAction(entry.text);
        action->setCheckable(true);
        action->setData(code);
        action->setChecked(code == current);
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] { choose(code); });
    }
}

QAction* LanguageMenu::actionFor(const QString& language) const {
    for (QAction* action : m_group->actions())
        if (action->data().toString() == language)
            return action;
    return nullptr;
}

void LanguageMenu::choose(const QString& language) {
    if (language == languageSetting())
        return;
    setLanguageSetting(language);
    // Installing the translators sends every widget a LanguageChange: the window's texts
    // change at once, no restart.
    if (auto* app = QCoreApplication::instance())
        installTranslators(*app, language);
    Q_EMIT languageChosen(language);
}

void LanguageMenu::changeEvent(QEvent* event) {
    QMenu::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    setTitle(tr("&Language"));
    if (QAction* system = actionFor(QStringLiteral("system")))
        system->setText(tr("&System Default"));
}

QMenu* createLanguageMenu(QWidget* parent) { return new LanguageMenu(parent); }

} // namespace rlthf::ui
