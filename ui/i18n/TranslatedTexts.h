#pragma once
// Texts that follow the interface language. Each is set when added and set again, in the new
// language, whenever apply() runs (on QEvent::LanguageChange), so View ▸ Language needs no
// restart. Sources are marked with QT_TR_NOOP so that lupdate finds them in their context.

#include <QPointer>
#include <QString>
#include <functional>
#include <vector>

class QAbstractButton;
class QAbstractItemModel;
class QAction;
class QDockWidget;
class QMenu;

namespace rlthf::ui {

class TranslatedTexts {
  public:
    // `context` is the class whose tr() the sources belong to (its metaObject's className).
    explicit TranslatedTexts(const char* context) : m_context(context) {}

    void add(QAction* action, const char* source);
    void add(QMenu* menu, const char* source);
    void add(QDockWidget* dock, const char* source);
    void add(QAbstractButton* button, const char* source);

    void apply() const;

  private:
    struct Entry {
        QPointer<QObject> target;
        const char* source;
        std::function<void(QObject*, const QString&)> set;
    };
    void add(QObject* target, const char* source,
             std::function<void(QObject*, const QString&)> set);

    const char* m_context;
    std::vector<Entry> m_entries;
};

// Tells the views of `model` that its headers and texts changed: after a language change,
// for a model that translates in headerData() and data().
void retranslateModel(QAbstractItemModel& model);

} // namespace rlthf::ui
