#include "ui/RecentProjects.h"

#include <QFileInfo>
#include <QSettings>

namespace rlthf::ui {

namespace {

constexpr auto kKey = "recentProjects";

QString normalised(const QString& path) {
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

} // namespace

RecentProjects::RecentProjects(QObject* parent) : QObject(parent) {}

QStringList RecentProjects::load() {
    QSettings settings;
    return settings.value(QLatin1String(kKey)).toStringList();
}

void RecentProjects::store(const QStringList& paths) {
    QSettings settings;
    if (paths.isEmpty())
        settings.remove(QLatin1String(kKey));
    else
        settings.setValue(QLatin1String(kKey), paths);
}

QStringList RecentProjects::paths() {
    const QStringList stored = load();
    QStringList existing;
    for (const QString& path : stored) {
        if (existing.size() < MaxEntries && QFileInfo(path).isFile() && !existing.contains(path))
            existing.append(path);
    }
    if (existing != stored) {
        store(existing);
        Q_EMIT changed();
    }
    return existing;
}

QString RecentProjects::mostRecent() {
    const QStringList list = paths();
    return list.isEmpty() ? QString() : list.front();
}

void RecentProjects::add(const QString& path) {
    const QString entry = normalised(path);
    QStringList list = load();
    list.removeAll(entry);
    list.prepend(entry);
    while (list.size() > MaxEntries)
        list.removeLast();
    store(list);
    Q_EMIT changed();
}

void RecentProjects::remove(const QString& path) {
    QStringList list = load();
    if (list.removeAll(normalised(path)) + list.removeAll(path) > 0) {
        store(list);
        Q_EMIT changed();
    }
}

void RecentProjects::clear() {
    store({});
    Q_EMIT changed();
}

} // namespace rlthf::ui
