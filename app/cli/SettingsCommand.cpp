// rlthf settings --db FILE [KEY [VALUE]]: the loop settings, listed, read or written.

#include "CliSupport.h"
#include "loop/LoopSettings.h"
#include "store/Project.h"

#include <QJsonObject>
#include <QJsonValue>
#include <cerrno>
#include <cstdlib>
#include <fmt/format.h>

namespace rlthf::cli {

namespace {

std::string shown(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool() ? "true" : "false";
    if (value.isDouble())
        return fmt::format("{}", value.toDouble());
    return value.toString().toStdString();
}

// VALUE read as the kind of value KEY holds now: a number, true/false, or text.
Result<QJsonValue> parseValue(const QJsonValue& current, const std::string& key,
                              const std::string& text) {
    if (current.isBool()) {
        if (text == "true" || text == "false")
            return QJsonValue(text == "true");
        return Error{fmt::format("setting \"{}\" must be true or false", key)};
    }
    if (current.isDouble()) {
        errno = 0;
        char* end = nullptr;
        const double number = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || errno == ERANGE)
            return Error{fmt::format("setting \"{}\" must be a number", key)};
        return QJsonValue(number);
    }
    return QJsonValue(QString::fromStdString(text));
}

} // namespace

int cmdSettings(Context& ctx, const Args& args) {
    auto db = args.required("db");
    if (!db)
        return usage(ctx, db.message());
    const auto& positional = args.positional();
    if (positional.size() > 2)
        return usage(ctx, "settings takes at most a KEY and a VALUE");
    auto project = store::Project::open(*db);
    if (!project)
        return fail(ctx, project.message());
    auto settings = loop::loadLoopSettings(*project);
    if (!settings)
        return fail(ctx, settings.message());
    QJsonObject json = loop::toJson(*settings);
    if (positional.empty()) {
        for (auto it = json.begin(); it != json.end(); ++it)
            fmt::print(ctx.out, "{} = {}\n", it.key().toStdString(), shown(it.value()));
        return kOk;
    }
    const std::string& key = positional[0];
    const QString name = QString::fromStdString(key);
    // Settings that are unset show as empty text (the embedding model).
    if (!json.contains(name) && key != "embedding_model")
        return usage(
            ctx,
            fmt::format("unknown setting \"{}\" (`rlthf settings --db {}` lists them)", key, *db));
    if (positional.size() == 1) {
        fmt::print(ctx.out, "{}\n", shown(json.value(name)));
        return kOk;
    }
    auto value = parseValue(json.value(name), key, positional[1]);
    if (!value)
        return usage(ctx, value.message());
    json.insert(name, *value);
    // The same reading as the project's own: a value it would refuse is refused here.
    auto changed = loop::loopSettingsFromJson(json);
    if (!changed)
        return usage(ctx, changed.message());
    auto saved = loop::saveLoopSettings(*project, *changed);
    if (!saved)
        return fail(ctx, saved.message());
    fmt::print(ctx.out, "{} = {}\n", key, shown(loop::toJson(*changed).value(name)));
    return kOk;
}

} // namespace rlthf::cli
