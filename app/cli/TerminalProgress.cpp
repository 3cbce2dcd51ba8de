#include "TerminalProgress.h"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace rlthf::cli {

namespace {

std::string grouped(std::int64_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-')
            out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

std::string duration(double seconds) {
    if (seconds < 90)
        return fmt::format("{:.0f} s", std::max(seconds, 1.0));
    return fmt::format("{:.0f} min", seconds / 60);
}

} // namespace

TerminalProgress::TerminalProgress(Context& ctx, std::string task, bool quiet)
    : m_ctx(ctx), m_task(std::move(task)),
      m_enabled(!quiet && &ctx.err == &std::cerr && ::isatty(STDERR_FILENO) == 1) {}

TerminalProgress::~TerminalProgress() {
    hide();
}

void TerminalProgress::hide() {
    if (m_enabled && m_width > 0)
        m_ctx.err << '\r' << std::string(m_width, ' ') << '\r' << std::flush;
    m_width = 0;
    m_drawn = {};
}

void TerminalProgress::update(std::int64_t done, double fraction, const char* unit,
                              const std::string& detail) {
    if (!due())
        return;
    const double seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
    std::string counted = fmt::format("{} {}", grouped(done), unit);
    if (seconds > 0.5)
        counted += fmt::format(" · {}/s", grouped(static_cast<std::int64_t>(done / seconds)));
    if (!detail.empty())
        counted += " · " + detail;
    draw(fraction, counted);
}

void TerminalProgress::update(double fraction, const std::string& stage) {
    if (due())
        draw(fraction, stage);
}

bool TerminalProgress::due() const {
    return m_enabled && Clock::now() - m_drawn >= std::chrono::milliseconds(200);
}

void TerminalProgress::note(const std::string& line) {
    hide();
    m_ctx.err << line << '\n' << std::flush;
}

void TerminalProgress::draw(double fraction, const std::string& middle) {
    const auto now = Clock::now();
    m_drawn = now;
    const double seconds = std::chrono::duration<double>(now - m_start).count();
    std::string line =
        fmt::format("  {}: {:.0f}% · {}", m_task, 100 * std::clamp(fraction, 0.0, 1.0), middle);
    if (seconds > 0.5 && fraction > 0.01 && fraction < 1.0)
        line += fmt::format(" · about {} left", duration(seconds * (1 - fraction) / fraction));
    const std::size_t width = line.size();
    if (width < m_width)
        line += std::string(m_width - width, ' ');
    m_width = std::max(m_width, width);
    m_ctx.err << '\r' << line << std::flush;
}

} // namespace rlthf::cli
