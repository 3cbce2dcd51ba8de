#pragma once
// Parses `--name value`, `--flag` and positional arguments of one subcommand.

#include "common/Result.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace rlthf::cli {

class Args {
public:
    // valued: options that take a value; flags: options that do not.
    static Result<Args> parse(const std::vector<std::string>& argv, const std::set<std::string>& valued,
                              const std::set<std::string>& flags);

    bool has(const std::string& name) const { return m_values.count(name) || m_flags.count(name); }
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    Result<std::string> required(const std::string& name) const;
    Result<long long> integer(const std::string& name, long long fallback) const;
    Result<double> number(const std::string& name, double fallback) const;
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positional;
};

} // namespace rlthf::cli
