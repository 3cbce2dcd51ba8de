#include "ui/i18n/TranslatedTexts.h"

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QMenu>

namespace rlthf::ui {

void TranslatedTexts::add(QObject* target, const char* source,
                          std::function<void(QObject*, const QString&)> set) {
    set(target, QCoreApplication::translate(m_context, source));
    m_entries.push_back({target, source, std::move(set)});
}

void TranslatedTexts::add(QAction* action, const char* source) {
    add(action, source,
        [](QObject* o, const QString& text) { static_cast<QAction*>(o)->setText(text); });
}

void TranslatedTexts::add(QMenu* menu, const char* source) {
    add(menu, source,
        [](QObject* o, const QString& text) { static_cast<QMenu*>(o)->setTitle(text); });
}

void TranslatedTexts::add(QDockWidget* dock, const char* source) {
    // The dock's toggle action in View follows its title.
    add(dock, source, [](QObject* o, const QString& text) {
        static_cast<QDockWidget*>(o)->setWindowTitle(text);
    });
}

void TranslatedTexts::add(QAbstractButton* button, const char* source) {
    add(button, source,
        [](QObject* o, const QString& text) { static_cast<QAbstractButton*>(o)->setText(text); });
}

void TranslatedTexts::apply() const {
    for (const Entry& entry : m_entries)
        if (entry.target)
            entry.set(entry.target, QCoreApplication::translate(m_context, entry.source));
}

void retranslateModel(QAbstractItemModel& model) {
    const int rows = model.rowCount();
    const int columns = model.columnCount();
    Q_EMIT model.headerDataChanged(Qt::Horizontal, 0, columns - 1);
    if (rows > 0 && columns > 0)
        Q_EMIT model.dataChanged(model.index(0, 0), model.index(rows - 1, columns - 1),
                                 {Qt::DisplayRole, Qt::ToolTipRole});
}

} // namespace rlthf::ui
