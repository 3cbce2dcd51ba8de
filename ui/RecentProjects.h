#pragma once
// The list of recently opened projects, most recent first, kept in QSettings
// (the application's default settings: organisation/application names).

#include <QObject>
#include <QStringList>

namespace rlthf::ui {

class RecentProjects : public QObject {
    Q_OBJECT

public:
    static constexpr int MaxEntries = 10;

    explicit RecentProjects(QObject* parent = nullptr);

    // Existing project files, most recent first; entries whose file has gone are
    // dropped from the settings as well.
    QStringList paths();
    // The most recent project that still exists, or an empty string.
    QString mostRecent();

    // Moves `path` (made absolute) to the front, keeping at most MaxEntries.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

Q_SIGNALS:
    void changed();

private:
    static QStringList load();
    static void store(const QStringList& paths);
};

} // namespace rlthf::ui
