// Language: the Japanese catalogue loads and translates; English keeps the source text;
// the Japanese .ts is complete.

#include "ui/i18n/Language.h"

#include "ui/i18n/ErrorText.h"
#include "vocab/Vocabulary.h"

#include <QAction>
#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTranslator>
#include <QXmlStreamReader>
#include <catch2/catch.hpp>

namespace {

// Restores English whatever a test did.
struct EnglishAfter {
    ~EnglishAfter() {
        rlthf::ui::installTranslators(*QCoreApplication::instance(), QStringLiteral("en"));
    }
};

bool hasJapanese(const QString& text) {
    for (QChar c : text) {
        const auto u = c.unicode();
        if ((u >= 0x3040 && u <= 0x30ff) || (u >= 0x4e00 && u <= 0x9fff))
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("The Japanese translator loads and translates", "[i18n]") {
    EnglishAfter restore;
    auto& app = *QCoreApplication::instance();
    REQUIRE(rlthf::ui::installTranslators(app, QStringLiteral("ja")));
    const QString file = QCoreApplication::translate("rlthf::ui::MainWindow", "&File");
    CHECK(file != QLatin1String("&File"));
    CHECK(hasJapanese(file));
    CHECK(file.contains(QLatin1Char('&'))); // keeps its mnemonic
    CHECK(hasJapanese(rlthf::labelOf(rlthf::Zone::Human)));
    CHECK(hasJapanese(QCoreApplication::translate("rlthf::ui::HistoryChartView", "Flips")));
    // Qt's own catalogue is embedded too (standard dialog buttons).
    CHECK(hasJapanese(QCoreApplication::translate("QPlatformTheme", "Cancel")));

    // A second call replaces, not stacks, the translators.
    const auto ours = app.findChildren<QTranslator*>(QString(), Qt::FindDirectChildrenOnly);
    REQUIRE(rlthf::ui::installTranslators(app, QStringLiteral("ja")));
    CHECK(app.findChildren<QTranslator*>(QString(), Qt::FindDirectChildrenOnly).size() ==
          ours.size());
}

TEST_CASE("English keeps the source text", "[i18n]") {
    auto& app = *QCoreApplication::instance();
    REQUIRE(rlthf::ui::installTranslators(app, QStringLiteral("ja")));
    CHECK_FALSE(rlthf::ui::installTranslators(app, QStringLiteral("en")));
    CHECK(QCoreApplication::translate("rlthf::ui::MainWindow", "&File") == QLatin1String("&File"));
    CHECK(QCoreApplication::translate("QPlatformTheme", "Cancel") == QLatin1String("Cancel"));
    CHECK(rlthf::ui::resolveLanguage(QStringLiteral("en")) == QLatin1String("en"));
    CHECK(rlthf::ui::resolveLanguage(QStringLiteral("ja")) == QLatin1String("ja"));
    const QString system = rlthf::ui::resolveLanguage(QStringLiteral("system"));
    CHECK((system == QLatin1String("en") || system == QLatin1String("ja")));
}

TEST_CASE("The language setting round-trips", "[i18n]") {
    QSettings().remove(QStringLiteral("ui/language"));
    CHECK(rlthf::ui::languageSetting() == QLatin1String("system"));
    rlthf::ui::setLanguageSetting(QStringLiteral("ja"));
    CHECK(rlthf::ui::languageSetting() == QLatin1String("ja"));
    CHECK(QSettings().value(QStringLiteral("ui/language")).toString() == QLatin1String("ja"));
    rlthf::ui::setLanguageSetting(QStringLiteral("klingon"));
    CHECK(rlthf::ui::languageSetting() == QLatin1String("system"));
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("xx"));
    CHECK(rlthf::ui::languageSetting() == QLatin1String("system"));
    QSettings().remove(QStringLiteral("ui/language"));
}

TEST_CASE("The language menu stores the choice", "[i18n]") {
    QSettings().remove(QStringLiteral("ui/language"));
    QMenu* menu = rlthf::ui::createLanguageMenu(nullptr);
    auto* languages = qobject_cast<rlthf::ui::LanguageMenu*>(menu);
    REQUIRE(languages != nullptr);
    REQUIRE(menu->actions().size() == 3);
    QAction* system = languages->actionFor(QStringLiteral("system"));
    QAction* english = languages->actionFor(QStringLiteral("en"));
    QAction* japanese = languages->actionFor(QStringLiteral("ja"));
    REQUIRE(system);
    REQUIRE(english);
    REQUIRE(japanese);
    CHECK(system->isChecked());
    CHECK(japanese->text() == QString::fromUtf8("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"));
    QString chosen;
    QObject::connect(languages, &rlthf::ui::LanguageMenu::languageChosen,
                     [&](const QString& language) { chosen = language; });
    japanese->trigger();
    CHECK(chosen == QLatin1String("ja"));
    CHECK(japanese->isChecked());
    CHECK_FALSE(system->isChecked());
    CHECK(rlthf::ui::languageSetting() == QLatin1String("ja"));
    english->trigger();
    CHECK(rlthf::ui::languageSetting() == QLatin1String("en"));
    CHECK_FALSE(japanese->isChecked());
    delete menu;
    QSettings().remove(QStringLiteral("ui/language"));
}

TEST_CASE("The Japanese catalogue is complete", "[i18n]") {
    QFile file(QStringLiteral(RLTHF_TRANSLATIONS_DIR "/rlthf_studio_ja.ts"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString context, source;
    int messages = 0;
    QStringList problems;
    const QRegularExpression placeholder(QStringLiteral("%L?\\d"));
    const QRegularExpression mnemonic(QStringLiteral("&(?!&)[\\w]"));
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type"));
            if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                continue;
            ++messages;
            const bool unfinished = type == QLatin1String("unfinished");
            // Numerus translations hold <numerusform> children.
            QString text;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation"))) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                if (xml.atEnd())
                    break;
            }
            const QString where = context + QLatin1String(": ") + source;
            if (unfinished || text.trimmed().isEmpty()) {
                problems << QLatin1String("untranslated: ") + where;
                continue;
            }
            auto it = placeholder.globalMatch(source);
            while (it.hasNext()) {
                const QString p = it.next().captured();
                if (!text.contains(p))
                    problems << QLatin1String("lost ") + p + QLatin1String(": ") + where;
            }
            if (mnemonic.match(source).hasMatch() && !mnemonic.match(text).hasMatch())
                problems << QLatin1String("lost mnemonic: ") + where;
        }
    }
    REQUIRE_FALSE(xml.hasError());
    INFO(problems.join(QLatin1Char('\n')).toStdString());
    CHECK(messages > 100);
    CHECK(problems.isEmpty());
}

TEST_CASE("A core error users meet is said in the window's language, its detail kept", "[i18n]") {
    EnglishAfter restore;
    auto& app = *QCoreApplication::instance();
    const rlthf::Error damaged{"p.rlthf: the project file is damaged and cannot be read "
                               "(database disk image is malformed)",
                               rlthf::ErrorKind::DamagedProject};
    const rlthf::Error other{"p.rlthf: cannot read file: Permission denied"};
    REQUIRE(rlthf::ui::installTranslators(app, QStringLiteral("ja")));
    const QString japanese = rlthf::ui::errorText(damaged);
    CHECK(
        japanese.startsWith(QStringLiteral("プロジェクトファイルが破損していて読み取れません。")));
    CHECK(japanese.endsWith(QString::fromStdString(damaged.message)));
    CHECK(rlthf::ui::errorText(other) == QString::fromStdString(other.message));
    rlthf::ui::installTranslators(app, QStringLiteral("en"));
    CHECK(rlthf::ui::errorText(damaged).startsWith(
        QStringLiteral("The project file is damaged and cannot be read.")));
}
