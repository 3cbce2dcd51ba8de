#include "team/Membership.h"

#include "store/Database.h"
#include "team/PgConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace rlthf::team {

namespace {
constexpr const char* kKey = "team";

const char* roleName(TeamRole role) {
    return role == TeamRole::Lead ? "lead" : "station";
}
} // namespace

Result<bool> isStation(store::Database& db) {
    auto membership = readMembership(db);
    if (!membership)
        return membership.error();
    return *membership && (*membership)->role == TeamRole::Station;
}

Result<std::optional<Membership>> readMembership(store::Database& db) {
    auto row = db.firstRow("SELECT value FROM settings WHERE key = ?", std::string(kKey));
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Membership>{};
    const QJsonObject o =
        QJsonDocument::fromJson(QByteArray::fromStdString((*row)->text(0))).object();
    Membership m;
    m.server = o.value(QStringLiteral("server")).toString().toStdString();
    m.name = o.value(QStringLiteral("name")).toString().toStdString();
    m.station = o.value(QStringLiteral("station")).toString().toStdString();
    m.role = o.value(QStringLiteral("role")).toString() == QStringLiteral("lead")
                 ? TeamRole::Lead
                 : TeamRole::Station;
    m.pulledSeq = o.value(QStringLiteral("pulled_seq")).toInteger();
    m.publishedIteration = o.value(QStringLiteral("published_iteration")).toInteger();
    m.assignedThrough = o.value(QStringLiteral("assigned_through")).toInteger();
    if (o.contains(QStringLiteral("last_sync")))
        m.lastSync = o.value(QStringLiteral("last_sync")).toString().toStdString();
    if (m.server.empty() || m.name.empty() || m.station.empty())
        return Error{"the project's team settings are incomplete"};
    return std::optional<Membership>(std::move(m));
}

Status writeMembership(store::Database& db, const Membership& m) {
    RLTHF_TRY(refusePasswordIn(m.server));
    QJsonObject o;
    o.insert(QStringLiteral("server"), QString::fromStdString(m.server));
    o.insert(QStringLiteral("name"), QString::fromStdString(m.name));
    o.insert(QStringLiteral("station"), QString::fromStdString(m.station));
    o.insert(QStringLiteral("role"), QString::fromLatin1(roleName(m.role)));
    o.insert(QStringLiteral("pulled_seq"), static_cast<qint64>(m.pulledSeq));
    o.insert(QStringLiteral("published_iteration"), static_cast<qint64>(m.publishedIteration));
    o.insert(QStringLiteral("assigned_through"), static_cast<qint64>(m.assignedThrough));
    if (m.lastSync)
        o.insert(QStringLiteral("last_sync"), QString::fromStdString(*m.lastSync));
    const std::string json = QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
    // The role is also read by SQL, through the view team_station.
    return db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      std::string(kKey), json);
}

Status saveMembership(store::Database& db, const Membership& m) {
    auto tx = store::Transaction::begin(db);
    if (!tx)
        return tx.error();
    RLTHF_TRY(writeMembership(db, m));
    return tx->commit();
}

Status forgetMembership(store::Database& db) {
    return db.execute("DELETE FROM settings WHERE key = ?", std::string(kKey));
}

Membership newMembership(const std::string& server, const std::string& name, TeamRole role) {
    Membership m;
    m.server = server;
    m.name = name;
    m.station = newUuid();
    m.role = role;
    return m;
}

std::string newUuid() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

} // namespace rlthf::team
