#pragma once
// Shared pieces of the `rlthf` subcommands: output streams, exit codes, error printing.

#include "Args.h"

#include <chrono>
#include <cstdint>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace rlthf::store {
class Database;
}

namespace rlthf::cli {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

struct Context {
    std::ostream& out;
    std::ostream& err;
};

inline int fail(Context& ctx, const std::string& message) {
    fmt::print(ctx.err, "rlthf: error: {}\n", message);
    return kFailed;
}

inline int usage(Context& ctx, const std::string& message) {
    fmt::print(ctx.err, "rlthf: {}\n(see `rlthf help`)\n", message);
    return kUsage;
}

// How a long task shared the project with other writers (verdicts go in between).
inline void printWriteSharing(Context& ctx, std::int64_t transactions,
                              std::chrono::microseconds longest) {
    fmt::print(ctx.out, "  written in {} short transactions (the longest {:.1f} ms)\n",
               transactions, double(longest.count()) / 1000.0);
}

using Handler = int (*)(Context&, const Args&);
// Runs a command that needs the reward model, given its parsed options and whole argv.
using ModelCommand =
    std::function<int(Context&, const Args&, const std::vector<std::string>& argv)>;

// Version, help, option checks, then the command: a quick one here, a model one through
// `modelCommand`.
int dispatch(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
             const ModelCommand& modelCommand);

// A lead's project syncs with its team server before a loop command (to pull every
// station's verdicts) and after it (to publish the new queue); offline it warns and goes on.
// On a team station the command must not run: the message says why.
enum class LoopStep { Before, After };
std::optional<std::string> syncAroundLoop(Context& ctx, store::Database& db, LoopStep step,
                                          const char* command);

// The subcommands, grouped by file.
int cmdImport(Context& ctx, const Args& args);
int cmdExport(Context& ctx, const Args& args);
int cmdStats(Context& ctx, const Args& args);
int cmdBackup(Context& ctx, const Args& args);
int cmdGenerate(Context& ctx, const Args& args);
int cmdDemo(Context& ctx, const Args& args);
int cmdSettings(Context& ctx, const Args& args);
int cmdRetrain(Context& ctx, const Args& args);
int cmdQueue(Context& ctx, const Args& args);
int cmdAnnotate(Context& ctx, const Args& args);
int cmdPropagate(Context& ctx, const Args& args);
int cmdCurve(Context& ctx, const Args& args);
int cmdBench(Context& ctx, const Args& args);
int cmdLabel(Context& ctx, const Args& args);
int cmdEmbed(Context& ctx, const Args& args);
int cmdTeam(Context& ctx, const Args& args);

} // namespace rlthf::cli
