#pragma once
// The chart docks' sizes at 1366×768 and 1920×1080 (the right-hand docks take about a quarter
// of the window's width and half its height), in both interface languages.

#include "ui/i18n/Language.h"

#include <QCoreApplication>
#include <QSize>
#include <QString>
#include <catch2/catch.hpp>

namespace rlthf::test {

// Calls check(language, sizeName, size) for each language and dock size, with the
// language's translators installed; English again afterwards.
template <class Check> void forEachDockSizeAndLanguage(Check&& check) {
    const struct {
        const char* name;
        QSize size;
    } docks[] = {{"1366x768", QSize(340, 330)}, {"1920x1080", QSize(480, 470)}};
    auto& app = *QCoreApplication::instance();
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("ja")}) {
        const bool japanese = ui::installTranslators(app, language);
        REQUIRE(japanese == (language == QLatin1String("ja")));
        for (const auto& dock : docks) {
            INFO(language.toStdString() << " " << dock.name);
            check(language, QLatin1String(dock.name), dock.size);
        }
    }
    ui::installTranslators(app, QStringLiteral("en"));
}

} // namespace rlthf::test
