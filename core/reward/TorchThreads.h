#pragma once
// LibTorch's thread count for one training or scoring run.

#include <torch/torch.h>

namespace rlthf::reward::detail {

// torch::set_num_threads for the lifetime of the guard (threads > 0), then the previous value.
class ThreadsGuard {
  public:
    explicit ThreadsGuard(int threads) {
        if (threads > 0) {
            m_previous = torch::get_num_threads();
            if (m_previous != threads)
                torch::set_num_threads(threads);
            else
                m_previous = 0;
        }
    }
    ~ThreadsGuard() {
        if (m_previous > 0)
            torch::set_num_threads(m_previous);
    }
    ThreadsGuard(const ThreadsGuard&) = delete;
    ThreadsGuard& operator=(const ThreadsGuard&) = delete;

  private:
    int m_previous = 0;
};

} // namespace rlthf::reward::detail
