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

    // `done` items (named by `unit`) so far; `fraction` of the whole, for the time left;
    // `detail` (counts of outcomes, the latest problem) after them.
    void update(std::int64_t done, double fraction, const char* unit,
                const std::string& detail = {});
    // A task without one count: its share and the stage it is in.
    void update(double fraction, const std::string& stage);
    // A line of its own on stderr (a log line), printed above the progress line.
    void note(const std::string& line);
    // Clears the progress line before results go to stdout; the next update draws it again.
    void hide();

  private:
    bool due() const; // drawing on, and the last drawing a fifth of a second ago or more
    void draw(double fraction, const std::string& middle);

    using Clock = std::chrono::steady_clock;
    Context& m_ctx;
    std::string m_task;
    bool m_enabled;
    Clock::time_point m_start = Clock::now();
    Clock::time_point m_drawn{};
    std::size_t m_width = 0;
};

} // namespace rlthf::cli
