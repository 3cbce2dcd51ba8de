#pragma once
// Encodes pairs on worker threads while the caller goes on reading the next ones: a
// project's texts are read from SQLite on one thread and their n-grams hashed on the others.

#include "reward/Features.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rlthf::reward {

class ParallelEncoder {
  public:
    // `threads` workers (0: one per hardware thread).
    explicit ParallelEncoder(FeatureEncoder encoder, int threads = 0);
    ~ParallelEncoder();
    ParallelEncoder(const ParallelEncoder&) = delete;
    ParallelEncoder& operator=(const ParallelEncoder&) = delete;

    // Queues a pair; `pair` may already hold its embedding vectors, its ids are filled in.
    // Waits while many pairs are queued, so memory stays bounded however many are added.
    void add(EncodedPair pair, std::string prompt, std::string a, std::string b);
    // Every pair added since the last call, encoded, in the order they were added.
    std::vector<EncodedPair> take();

  private:
    struct Job {
        EncodedPair pair;
        std::string prompt, a, b;
    };
    struct Chunk {
        std::vector<Job> jobs;
    };
    void submitOpen();
    void work();

    const FeatureEncoder m_encoder;
    std::unique_ptr<Chunk> m_open;
    std::vector<std::unique_ptr<Chunk>> m_submitted; // in order, since the last take()
    std::mutex m_mutex;
    std::condition_variable m_workReady;
    std::condition_variable m_chunkDone;
    std::deque<Chunk*> m_waiting; // submitted, not yet taken by a worker
    std::size_t m_unfinished = 0;
    bool m_stopping = false;
    std::vector<std::thread> m_workers;
};

} // namespace rlthf::reward
