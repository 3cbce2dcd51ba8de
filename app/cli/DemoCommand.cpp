// rlthf demo: the demo project, generated, imported and trained once.

#include "CliSupport.h"
#include "demo/DemoProject.h"

namespace rlthf::cli {

int cmdDemo(Context& ctx, const Args& args) {
    auto out = args.required("out");
    if (!out)
        return usage(ctx, out.message());
    demo::DemoOptions options;
    auto pairs = args.integer("pairs", static_cast<long long>(options.pairs));
    auto seed = args.integer("seed", static_cast<long long>(options.seed));
    if (!pairs || !seed)
        return usage(ctx, !pairs ? pairs.message() : seed.message());
    if (*pairs < 10)
        return usage(ctx, "--pairs must be at least 10");
    options.pairs = static_cast<std::size_t>(*pairs);
    options.seed = static_cast<std::uint64_t>(*seed);
    const std::string language = args.value("language", "en");
    const auto parsed = demo::parseDemoLanguage(language);
    if (!parsed)
        return usage(ctx, fmt::format("--language must be en or ja, not '{}'", language));
    options.language = *parsed;
    auto created = demo::createDemoProject(*out, options);
    if (!created)
        return fail(ctx, created.message() + "\nno project was created");
    // The generator repeats a few contents; the project keeps each once.
    fmt::print(ctx.out,
               "created the demo project {}: {} pairs ({} generated, {} repeated), {} queued for "
               "review\n",
               *out, created->pairs, options.pairs, created->duplicates, created->first.queued);
    return kOk;
}

} // namespace rlthf::cli
