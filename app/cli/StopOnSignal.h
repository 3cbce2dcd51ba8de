#pragma once
// Ctrl-C (SIGINT) and SIGTERM ask a long network run to stop instead of ending the process:
// what is in flight is dropped (and asked again next time) and the command still prints its
// summary. The handlers are installed for the object's lifetime; a timer in the calling
// thread's event loop passes the request on, since a signal handler may only set a flag.

#include <QTimer>

#include <functional>

namespace rlthf::cli {

class StopOnSignal {
public:
    explicit StopOnSignal(std::function<void()> stop);
    ~StopOnSignal();
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

    bool stopped() const { return m_stopped; }

private:
    using Handler = void (*)(int);
    QTimer m_poll;
    bool m_stopped = false;
    Handler m_previousInt = nullptr;
    Handler m_previousTerm = nullptr;
};

} // namespace rlthf::cli
