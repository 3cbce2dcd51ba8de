// The engine program's command set: the quick commands plus those that need the reward model.

#include "Cli.h"
#include "CliSupport.h"

#include <map>

namespace rlthf::cli {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    static const std::map<std::string, Handler> modelCommands = {
        {"demo", cmdDemo},   {"retrain", cmdRetrain}, {"propagate", cmdPropagate},
        {"curve", cmdCurve}, {"bench", cmdBench},
    };
    return dispatch(args, out, err,
                    [](Context& ctx, const Args& parsed, const std::vector<std::string>& argv) {
                        return modelCommands.at(argv.front())(ctx, parsed);
                    });
}

} // namespace rlthf::cli
