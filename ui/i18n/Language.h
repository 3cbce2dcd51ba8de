#pragma once
// The user-interface language: English (the source text) or Japanese, through Qt Linguist
// translations embedded as resources under :/i18n.

#include <QLocale>
#include <QMenu>
#include <QString>

class QActionGroup;
class QCoreApplication;

namespace rlthf::ui {

// The stored choice (QSettings key "ui/language"): "system", "en" or "ja".
QString languageSetting();
void setLanguageSetting(const QString& language);

// The language a setting resolves to: "en" or "ja" ("system" follows QLocale::system()).
QString resolveLanguage(const QString& language);

// The conventions for dates, times and numbers in a resolved language ("en" or "ja").
QLocale localeFor(const QString& language);

// Replaces the translators installed by an earlier call with the ones for `language`
// ("system" | "en" | "ja"): the application's and Qt's own (standard dialog buttons), and
// makes the language's locale the default, so dates and numbers follow the UI language.
// Returns whether the Japanese translation was loaded.
bool installTranslators(QCoreApplication& app, const QString& language);

// Language menu: System / English / 日本語, checkable and exclusive. Choosing an entry stores
// it and installs its translators: the whole window changes language at once.
class LanguageMenu : public QMenu {
    Q_OBJECT

public:
    explicit LanguageMenu(QWidget* parent = nullptr);

    QAction* actionFor(const QString& language) const; // "system", "en" or "ja"

Q_SIGNALS:
    void languageChosen(const QString& language);

protected:
    void changeEvent(QEvent* event) override;

private:
    void choose(const QString& language);

    QActionGroup* m_group = nullptr;
};

QMenu* createLanguageMenu(QWidget* parent);

} // namespace rlthf::ui
