#include "Cli.h"

#include "CliSupport.h"

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>

namespace rlthf::cli {

namespace {

struct Command {
    const char* name;
    const char* synopsis; // the options, after `rlthf NAME`
    const char* summary;  // what it does, in a sentence or two
    std::set<std::string> valued;
    std::set<std::string> flags;
    Handler quick; // none: a command that needs the reward model (the engine program's)
};

// In the order `rlthf help` lists them; the README's table of commands matches the first
// two columns word for word (a test checks it).
const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"import",
         "--db FILE.rlthf --format trl|hh-rlhf|pairs|csv [--label-source ai|gold] "
         "[--encoding utf-8|cp932] [--columns FIELD=COLUMN,...] [--skip-bad] [--quiet] INPUT...",
         "Imports JSON-lines or CSV files (plain or .gz) into the project, creating it if "
         "needed.",
         {"db", "format", "label-source", "encoding", "columns"},
         {"skip-bad", "quiet"},
         cmdImport},
        {"export",
         "--db FILE --out PATH --format trl|pairs|csv [--shards N] [--quiet]",
         "Writes the current label of every pair with its provenance.",
         {"db", "out", "format", "shards"},
         {"quiet"},
         cmdExport},
        {"stats",
         "--db FILE [--json]",
         "Pairs, labels in force by source, the source that decides each pair, review status.",
         {"db"},
         {"json"},
         cmdStats},
        {"backup",
         "--db FILE --out COPY",
         "A consistent copy of the project, safe while the workstation or other commands have "
         "it open.",
         {"db", "out"},
         {},
         cmdBackup},
        {"generate",
         "factory --pairs N --out FILE [--seed S] [--language en|ja] [--unlabelled]",
         "Writes the seeded factory-QA demo set in the native pairs format, in English or "
         "Japanese; --unlabelled leaves out the labels.",
         {"pairs", "out", "seed", "language"},
         {"unlabelled"},
         cmdGenerate},
        {"demo",
         "--out FILE.rlthf [--pairs 2000] [--seed S] [--language en|ja]",
         "Creates the demo project: the factory-QA set (also written beside it as .jsonl), "
         "imported, with settings sized for a first session, and trained once.",
         {"out", "pairs", "seed", "language"},
         {},
         nullptr},
        {"label",
         "--db FILE --endpoint BASE_URL --model NAME [--criteria FILE] [--concurrency N] "
         "[--api-key-env NAME] [--timeout SECONDS] [--limit N] [--retry-unparseable] [--quiet]",
         "Has an LLM judge (OpenAI-compatible API) label every pair without an AI label, asking "
         "in both orders; the API key comes from $RLTHF_API_KEY or --api-key-env.",
         {"db", "endpoint", "model", "criteria", "concurrency", "api-key-env", "timeout", "limit"},
         {"retry-unparseable", "quiet"},
         cmdLabel},
        {"embed",
         "--db FILE --endpoint BASE_URL --model NAME [--concurrency N] [--batch N] "
         "[--api-key-env NAME] [--timeout SECONDS] [--features ngrams|embeddings|both] [--quiet]",
         "Fetches embedding vectors (OpenAI-compatible API) of every prompt and response not yet "
         "cached for that model; --features sets what the loop's reward model reads from then "
         "on.",
         {"db", "endpoint", "model", "concurrency", "batch", "api-key-env", "timeout", "features"},
         {"quiet"},
         cmdEmbed},
        {"retrain",
         "--db FILE [--iterations N] [--threads T] [--quiet]",
         "Runs RLTHF iterations: trains, reads the margin curve, flips, queues pairs for "
         "experts.",
         {"db", "iterations", "threads"},
         {"quiet"},
         nullptr},
        {"settings",
         "--db FILE [KEY [VALUE]]",
         "Lists the loop settings, reads one, or sets one (checked as the project reads them: a "
         "bad key or value changes nothing).",
         {"db"},
         {},
         cmdSettings},
        {"queue",
         "--db FILE [--limit N] [--json]",
         "The pairs waiting for an expert, most important first, with why each one is there.",
         {"db", "limit"},
         {"json"},
         cmdQueue},
        {"annotate",
         "--db FILE --pair ID --verdict a|b|confirm|flip|skip|settle-a|settle-b --annotator NAME "
         "[--comment TEXT]",
         "Records an expert verdict.",
         {"db", "pair", "verdict", "annotator", "comment"},
         {},
         cmdAnnotate},
        {"team",
         "publish --db FILE --server URI --name NAME [--overlap 0.05] [--lease-minutes 60] | join "
         "--server URI --name NAME --out STATION.rlthf [--station-name NAME] | sync --db FILE "
         "[--leave]",
         "Shares a project with a team through a PostgreSQL server: publish it, join it as a "
         "station, or push and pull verdicts, queues and claims now (--leave: a station hands "
         "back its open items as its expert stops reviewing).",
         {"db", "server", "name", "overlap", "lease-minutes", "out", "station-name"},
         {"leave"},
         cmdTeam},
        {"propagate",
         "--db FILE [--quiet]",
         "Labels the pairs outside the active shard with the latest reward model.",
         {"db"},
         {"quiet"},
         nullptr},
        {"curve",
         "--db FILE --out FILE.csv|FILE.png",
         "The latest sorted reward-margin curve with elbow, knee, reflection point and zones.",
         {"db", "out"},
         {},
         nullptr},
        {"bench",
         "--data FILE --format hh-rlhf|pairs|trl|csv [--judge uniform|verbose|position|file] "
         "[--budget "
         "0.06] "
         "[--iterations 5] [--folds 5] [--repeats R] [--group-by prompt|none] [--seed S] "
         "[--methods a,b,...] "
         "[--model linear|mlp] [--tokenizer words|cjk-bigrams] [--alpha START,END] [--beta "
         "START,END] [--flip-below P] [--random-review-max M] "
         "[--no-number-grounding] [--threads T] [--quiet] --out DIR",
         "RLTHF against its baselines under K-fold evaluation with a simulated judge; pairs with "
         "the same prompt stay on one side of every split.",
         {"data", "format", "judge", "budget", "iterations", "folds", "repeats", "group-by", "seed",
          "methods", "model", "tokenizer", "threads", "alpha", "beta", "flip-below",
          "random-review-max", "out"},
         {"no-number-grounding", "quiet"},
         nullptr},
    };
    return table;
}

const Command* findCommand(const std::string& name) {
    for (const auto& command : commands())
        if (name == command.name)
            return &command;
    return nullptr;
}

constexpr std::size_t kWidth = 96;
const std::string kIndent(12, ' ');

// The units a line may not break: a bracketed option group, an option with its value, a word.
std::vector<std::string> unbreakable(const std::string& text) {
    std::vector<std::string> units;
    std::istringstream words(text);
    int depth = 0;
    bool takesValue = false; // the previous unit is a bare option that a value may follow
    for (std::string word; words >> word;) {
        const bool joins = depth > 0 || (takesValue && word[0] != '-' && word[0] != '[');
        if (joins)
            units.back() += ' ' + word;
        else
            units.push_back(word);
        takesValue = !joins && depth == 0 && word.rfind("--", 0) == 0;
        depth += int(std::count(word.begin(), word.end(), '[')) -
                 int(std::count(word.begin(), word.end(), ']'));
    }
    return units;
}

// `text` after `lead`, broken into lines of at most kWidth whose continuations are indented.
std::string wrapped(const std::string& lead, const std::string& text,
                    const std::string& indent = kIndent) {
    std::string out = lead;
    std::size_t column = lead.size();
    bool first = true;
    for (const auto& unit : unbreakable(text)) {
        if (!first && column + 1 + unit.size() > kWidth) {
            out += "\n" + indent;
            column = indent.size();
        } else if (!first) {
            out += ' ';
            ++column;
        }
        out += unit;
        column += unit.size();
        first = false;
    }
    return out + "\n";
}

std::string entry(const Command& command, const std::string& lead) {
    return wrapped(lead, command.synopsis) + wrapped(kIndent, command.summary);
}

std::string usageText() {
    std::string text = "usage: rlthf COMMAND [OPTIONS]\n\nCommands:\n";
    for (const auto& command : commands())
        text += entry(command, fmt::format("  {:<9} ", command.name));
    text +=
        "  help      [COMMAND] Show this text, or one command's (also `rlthf COMMAND --help`).\n"
        "  --version Show the version.\n\n";
    text += wrapped("",
                    "Long commands (import, export, label, embed, retrain, propagate, bench) show "
                    "their progress on stderr when it is a terminal, unless --quiet.",
                    "");
    return text;
}

std::string commandHelp(const Command& command) {
    return entry(command, fmt::format("usage: rlthf {} ", command.name));
}

bool asksForHelp(const std::string& arg) {
    return arg == "--help" || arg == "-h";
}

} // namespace

int dispatch(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
             const ModelCommand& modelCommand) {
    Context ctx{out, err};
    if (!argv.empty() && (argv[0] == "--version" || argv[0] == "-V")) {
        out << "rlthf " << RLTHF_VERSION << "\n"
            << "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
               "This is free software: you are free to change and redistribute it.\n"
               "There is NO WARRANTY, to the extent permitted by law.\n";
        return kOk;
    }
    if (argv.empty() || argv[0] == "help" || asksForHelp(argv[0])) {
        if (argv.size() == 2 && findCommand(argv[1])) {
            out << commandHelp(*findCommand(argv[1]));
            return kOk;
        }
        out << usageText();
        return argv.empty() ? kUsage : kOk;
    }
    const Command* found = findCommand(argv[0]);
    if (!found)
        return usage(ctx, fmt::format("unknown command \"{}\"", argv[0]));
    const Command& command = *found;
    if (std::any_of(argv.begin() + 1, argv.end(), asksForHelp)) {
        out << commandHelp(command);
        return kOk;
    }
    auto args = Args::parse({argv.begin() + 1, argv.end()}, command.valued, command.flags);
    if (!args)
        return usage(ctx, args.message());
    if (command.quick)
        return command.quick(ctx, *args);
    return modelCommand(ctx, *args, argv);
}

std::vector<CommandSummary> commandSummaries() {
    std::vector<CommandSummary> summaries;
    for (const auto& command : commands()) {
        CommandSummary summary{command.name, command.synopsis, command.summary, {}};
        for (const auto* names : {&command.valued, &command.flags})
            for (const auto& name : *names)
                summary.options.push_back("--" + name);
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

int runQuick(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
             const std::function<int(const std::vector<std::string>&)>& modelProgram) {
    return dispatch(args, out, err,
                    [&](Context&, const Args&, const std::vector<std::string>& argv) {
                        return modelProgram(argv);
                    });
}

} // namespace rlthf::cli
