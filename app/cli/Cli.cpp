#include "Cli.h"

#include "CliSupport.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace rlthf::cli {

namespace {

constexpr const char* kUsageText = R"(usage: rlthf COMMAND [OPTIONS]

Commands:
  import    --db FILE.rlthf --format trl|hh-rlhf|pairs [--label-source ai|gold] [--skip-bad]
            [--quiet] INPUT...
            Import JSON-lines files (plain or .gz) into a project, created if missing; on a
            terminal, progress on stderr unless --quiet.
  export    --db FILE.rlthf --out PATH --format trl|pairs [--shards N]
            Write the current label of every pair with its provenance.
  stats     --db FILE.rlthf [--json]
            Pairs, labels by source and review status.
  backup    --db FILE.rlthf --out COPY.rlthf
            A consistent copy of the project, safe while the workstation has it open.
  generate  factory --pairs N --out FILE [--seed S] [--unlabelled]
            Write the seeded factory-QA demo set in the native pairs format.
  demo      --out FILE.rlthf [--pairs 2000] [--seed S]
            Create the demo project: the factory-QA set (also written beside it as .jsonl),
            imported, with batch settings sized for a first session, and trained once.
  label     --db FILE --endpoint BASE_URL --model NAME [--criteria FILE] [--concurrency N]
            [--api-key-env NAME] [--timeout SECONDS] [--limit N] [--retry-unparseable]
            Ask an LLM judge (OpenAI-compatible API) to label every pair without an AI label,
            in both orders; the API key comes from $RLTHF_API_KEY or --api-key-env.
  embed     --db FILE --endpoint BASE_URL --model NAME [--concurrency N] [--batch N]
            [--api-key-env NAME] [--timeout SECONDS] [--features ngrams|embeddings|both]
            Fetch embedding vectors (OpenAI-compatible API) of every prompt and response not
            yet cached in the project for that model; --features sets what the loop's reward
            model reads from then on.
  retrain   --db FILE [--iterations N] [--threads T]
            Run RLTHF iterations: train, read the margin curve, flip, queue pairs for experts.
  settings  --db FILE [KEY [VALUE]]
            List the loop settings, read one, or set one (checked as the project reads
            them: a bad key or value changes nothing).
  queue     --db FILE [--limit N] [--json]
            The pairs waiting for an expert, most important first.
  annotate  --db FILE --pair ID --verdict a|b|confirm|flip|skip|settle-a|settle-b --annotator NAME [--comment TEXT]
            Record an expert verdict.
  propagate --db FILE
            Label the pairs outside the active shard with the latest reward model.
  curve     --db FILE --out FILE.csv|FILE.png
            The sorted reward-margin curve with elbow, knee, reflection point and zones.
  bench     --data FILE --format hh-rlhf|pairs|trl [--judge uniform|verbose|file] [--budget 0.06]
            [--iterations 5] [--folds 5] [--repeats R] [--seed S] [--methods a,b,...]
            [--model linear|mlp] [--alpha START,END] [--beta START,END] [--flip-below P]
            [--no-number-grounding] [--threads T] --out DIR
            RLTHF against its baselines under K-fold evaluation with a simulated judge.
  help      [COMMAND] Show this text, or one command's (also `rlthf COMMAND --help`).
  --version Show the version.
)";

struct Command {
    std::set<std::string> valued;
    std::set<std::string> flags;
    std::function<int(Context&, const Args&)> handler;
};

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table = {
        {"import", {{"db", "format", "label-source"}, {"skip-bad", "quiet"}, cmdImport}},
        {"export", {{"db", "out", "format", "shards"}, {}, cmdExport}},
        {"stats", {{"db"}, {"json"}, cmdStats}},
        {"backup", {{"db", "out"}, {}, cmdBackup}},
        {"generate", {{"pairs", "out", "seed"}, {"unlabelled"}, cmdGenerate}},
        {"demo", {{"out", "pairs", "seed"}, {}, cmdDemo}},
        {"label",
         {{"db", "endpoint", "model", "criteria", "concurrency", "api-key-env", "timeout", "limit"},
          {"retry-unparseable"},
          cmdLabel}},
        {"embed",
         {{"db", "endpoint", "model", "concurrency", "batch", "api-key-env", "timeout", "features"},
          {},
          cmdEmbed}},
        {"retrain", {{"db", "iterations", "threads"}, {}, cmdRetrain}},
        {"queue", {{"db", "limit"}, {"json"}, cmdQueue}},
        {"settings", {{"db"}, {}, cmdSettings}},
        {"annotate", {{"db", "pair", "verdict", "annotator", "comment"}, {}, cmdAnnotate}},
        {"propagate", {{"db"}, {}, cmdPropagate}},
        {"curve", {{"db", "out"}, {}, cmdCurve}},
        {"bench",
         {{"data", "format", "judge", "budget", "iterations", "folds", "repeats", "seed", "methods",
           "model", "threads", "alpha", "beta", "flip-below", "out"},
          {"no-number-grounding"},
          cmdBench}},
    };
    return table;
}

bool asksForHelp(const std::string& arg) {
    return arg == "--help" || arg == "-h";
}

// The command's entry in the usage text: its line and the indented lines under it.
std::string commandHelp(const std::string& name) {
    const std::string text = kUsageText;
    const std::string start = "\n  " + name + " ";
    std::size_t from = text.find(start);
    if (from == std::string::npos)
        return {};
    ++from;
    std::size_t to = from;
    do {
        to = text.find('\n', to) + 1;
    } while (to < text.size() && text.compare(to, 12, std::string(12, ' ')) == 0);
    return "usage: rlthf " + text.substr(from + 2, to - from - 2);
}

} // namespace

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    Context ctx{out, err};
    if (!argv.empty() && (argv[0] == "--version" || argv[0] == "-V")) {
        out << "rlthf " << RLTHF_VERSION << "\n";
        return kOk;
    }
    if (argv.empty() || argv[0] == "help" || asksForHelp(argv[0])) {
        if (argv.size() == 2 && commands().count(argv[1])) {
            out << commandHelp(argv[1]);
            return kOk;
        }
        out << kUsageText;
        return argv.empty() ? kUsage : kOk;
    }
    const auto it = commands().find(argv[0]);
    if (it == commands().end())
        return usage(ctx, fmt::format("unknown command \"{}\"", argv[0]));
    if (std::any_of(argv.begin() + 1, argv.end(), asksForHelp)) {
        out << commandHelp(argv[0]);
        return kOk;
    }
    const Command& command = it->second;
    auto args = Args::parse({argv.begin() + 1, argv.end()}, command.valued, command.flags);
    if (!args)
        return usage(ctx, args.message());
    return command.handler(ctx, *args);
}

} // namespace rlthf::cli
