#include "StopOnSignal.h"

#include <csignal>

namespace rlthf::cli {

namespace {

volatile std::sig_atomic_t g_stopRequested = 0;

void requestStop(int) { g_stopRequested = 1; }

void restore(int signal, void (*previous)(int)) {
    std::signal(signal, previous && previous != SIG_ERR ? previous : SIG_DFL);
}

} // namespace

StopOnSignal::StopOnSignal(std::function<void()> stop) {
    g_stopRequested = 0;
    m_previousInt = std::signal(SIGINT, requestStop);
    m_previousTerm = std::signal(SIGTERM, requestStop);
    m_poll.setInterval(100);
    QObject::connect(&m_poll, &QTimer::timeout, [this, stop = std::move(stop)] {
        if (g_stopRequested && !m_stopped) {
            m_stopped = true;
            stop();
        }
    });
    m_poll.start();
}

StopOnSignal::~StopOnSignal() {
    restore(SIGINT, m_previousInt);
    restore(SIGTERM, m_previousTerm);
}

} // namespace rlthf::cli
