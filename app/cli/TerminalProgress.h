#pragma once
// A long command's progress on one line of stderr — share done, count, rate, time left —
// redrawn at most five times a second, and only when stderr is a terminal and --quiet was
// not given, so scripts and logs stay clean.

#include "CliSupport.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace rlthf::cli {

class TerminalProgress {
  public:
    TerminalProgress(Context& ctx, std::string task, bool quiet);
    ~TerminalProgress(); // clears the line
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    // `done` items (named by `unit`) so far; `fraction` of the whole, for the time left.
    void update(std::int64_t done, double fraction, const char* unit);

  private:
    using Clock = std::chrono::steady_clock;
    Context& m_ctx;
    std::string m_task;
    bool m_enabled;
    Clock::time_point m_start = Clock::now();
    Clock::time_point m_drawn{};
    std::size_t m_width = 0;
};

} // namespace rlthf::cli
