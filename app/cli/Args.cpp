#include "Args.h"

#include <charconv>
#include <fmt/format.h>
#include <string>

namespace rlthf::cli {

Result<Args> Args::parse(const std::vector<std::string>& argv, const std::set<std::string>& valued,
                         const std::set<std::string>& flags) {
    Args args;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            args.m_positional.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::string inlineValue;
        const bool hasInline = name.find('=') != std::string::npos;
        if (hasInline) {
            inlineValue = name.substr(name.find('=') + 1);
            name = name.substr(0, name.find('='));
        }
        if (flags.count(name) && !hasInline) {
            args.m_flags.insert(name);
        } else if (valued.count(name)) {
            if (hasInline) {
                args.m_values[name] = inlineValue;
            } else {
                if (i + 1 >= argv.size())
                    return Error{fmt::format("option --{} needs a value", name)};
                args.m_values[name] = argv[++i];
            }
        } else {
            return Error{fmt::format("unknown option --{}", name)};
        }
    }
    return args;
}

std::string Args::value(const std::string& name, const std::string& fallback) const {
    auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

Result<std::string> Args::required(const std::string& name) const {
    auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty())
        return Error{fmt::format("option --{} is required", name)};
    return it->second;
}

Result<long long> Args::integer(const std::string& name, long long fallback) const {
    auto it = m_values.find(name);
    if (it == m_values.end())
        return fallback;
    long long value = 0;
    const auto& text = it->second;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return Error{fmt::format("option --{} needs an integer, not \"{}\"", name, text)};
    return value;
}

Result<double> Args::number(const std::string& name, double fallback) const {
    auto it = m_values.find(name);
    if (it == m_values.end())
        return fallback;
    const auto& text = it->second;
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size())
            return value;
    } catch (const std::exception&) {
    }
    return Error{fmt::format("option --{} needs a number, not \"{}\"", name, text)};
}

} // namespace rlthf::cli
