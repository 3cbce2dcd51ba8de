#pragma once
// The `rlthf` command line: one function per subcommand, errors printed at this edge.
//
// Two programs share it. `rlthf` runs the commands that need no reward model itself, so
// they start in milliseconds, and hands the others (retrain, propagate, curve, demo, bench)
// with the same arguments to the engine program, which links LibTorch and runs them all.

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace rlthf::cli {

// Runs any command in this process (the engine program, and tests). Returns the process
// exit code: 0 success, 1 failure, 2 usage error.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Runs the commands that need no reward model; a well-formed model command goes to
// `modelProgram` with the whole argument list (help and usage errors never do).
int runQuick(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
             const std::function<int(const std::vector<std::string>&)>& modelProgram);

// Each command as `rlthf help` shows it (the README's table repeats these words).
struct CommandSummary {
    std::string name;
    std::string synopsis; // the options after `rlthf NAME`
    std::string summary;
    std::vector<std::string> options; // every option it takes, e.g. "--db"
};
std::vector<CommandSummary> commandSummaries();

} // namespace rlthf::cli
