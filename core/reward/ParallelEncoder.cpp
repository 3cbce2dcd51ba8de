#include "reward/ParallelEncoder.h"

#include <algorithm>

namespace rlthf::reward {

namespace {

// Pairs handed to a worker at once: large enough that locking is rare, small enough that
// the workers share the last ones.
constexpr std::size_t kChunkPairs = 512;
// Chunks queued or being encoded, per worker, before add() waits.
constexpr std::size_t kChunksInFlightPerWorker = 4;

} // namespace

ParallelEncoder::ParallelEncoder(FeatureEncoder encoder, int threads)
    : m_encoder(std::move(encoder)) {
    const int count =
        threads > 0 ? threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    m_workers.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        m_workers.emplace_back([this] { work(); });
}

ParallelEncoder::~ParallelEncoder() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_workReady.notify_all();
    for (std::thread& t : m_workers)
        t.join();
}

void ParallelEncoder::add(EncodedPair pair, std::string prompt, std::string a, std::string b) {
    if (!m_open) {
        m_open = std::make_unique<Chunk>();
        m_open->jobs.reserve(kChunkPairs);
    }
    m_open->jobs.push_back({std::move(pair), std::move(prompt), std::move(a), std::move(b)});
    if (m_open->jobs.size() == kChunkPairs)
        submitOpen();
}

void ParallelEncoder::submitOpen() {
    if (!m_open)
        return;
    Chunk* chunk = m_open.get();
    m_submitted.push_back(std::move(m_open));
    std::unique_lock lock(m_mutex);
    m_chunkDone.wait(lock,
                     [&] { return m_unfinished < kChunksInFlightPerWorker * m_workers.size(); });
    m_waiting.push_back(chunk);
    ++m_unfinished;
    lock.unlock();
    m_workReady.notify_one();
}

std::vector<EncodedPair> ParallelEncoder::take() {
    submitOpen();
    {
        std::unique_lock lock(m_mutex);
        m_chunkDone.wait(lock, [&] { return m_unfinished == 0; });
    }
    std::size_t total = 0;
    for (const auto& chunk : m_submitted)
        total += chunk->jobs.size();
    std::vector<EncodedPair> out;
    out.reserve(total);
    for (auto& chunk : m_submitted)
        for (Job& job : chunk->jobs)
            out.push_back(std::move(job.pair));
    m_submitted.clear();
    return out;
}

void ParallelEncoder::work() {
    for (;;) {
        Chunk* chunk = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_workReady.wait(lock, [&] { return m_stopping || !m_waiting.empty(); });
            if (m_waiting.empty())
                return;
            chunk = m_waiting.front();
            m_waiting.pop_front();
        }
        for (Job& job : chunk->jobs) {
            EncodedPair ids = m_encoder.encodePair(job.prompt, job.a, job.b);
            job.pair.prompt = std::move(ids.prompt);
            job.pair.a = std::move(ids.a);
            job.pair.b = std::move(ids.b);
            // The texts are no longer needed: free them now, not when the chunk is taken.
            std::string().swap(job.prompt);
            std::string().swap(job.a);
            std::string().swap(job.b);
        }
        {
            const std::lock_guard lock(m_mutex);
            --m_unfinished;
        }
        m_chunkDone.notify_all();
    }
}

} // namespace rlthf::reward
