#pragma once
// The `rlthf` command line: one function per subcommand, errors printed at this edge.

#include <ostream>
#include <string>
#include <vector>

namespace rlthf::cli {

// Returns the process exit code: 0 success, 1 failure, 2 usage error.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace rlthf::cli
