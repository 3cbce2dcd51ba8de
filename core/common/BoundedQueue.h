#pragma once
// A queue between one producing and one consuming thread that holds at most `capacity`
// items, so a fast producer waits instead of filling memory.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace rlthf {

template <class T> class BoundedQueue {
  public:
    explicit BoundedQueue(std::size_t capacity) : m_capacity(capacity) {}

    // Waits for room; false once the consumer has closed the queue (the item is dropped).
    bool push(T item) {
        std::unique_lock lock(m_mutex);
        m_roomLeft.wait(lock, [&] { return m_closed || m_items.size() < m_capacity; });
        if (m_closed)
            return false;
        putLocked(std::move(item));
        return true;
    }

    // Adds the item if there is room now; false (the item is dropped) if not.
    bool tryPush(T item) {
        std::lock_guard lock(m_mutex);
        if (m_closed || m_items.size() >= m_capacity)
            return false;
        putLocked(std::move(item));
        return true;
    }

    // The next item if there is one now.
    std::optional<T> tryPop() {
        std::lock_guard lock(m_mutex);
        return takeLocked();
    }

    // The producer has nothing more: pop() returns what is left, then nullopt.
    void finish() {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_itemReady.notify_one();
    }

    // The consumer wants nothing more: a waiting or later push() returns false.
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_items.clear();
        m_roomLeft.notify_all();
        m_itemReady.notify_all();
    }

    // Waits for the next item; nullopt once the producer has finished and all is taken.
    std::optional<T> pop() {
        std::unique_lock lock(m_mutex);
        m_itemReady.wait(lock, [&] { return m_closed || m_finished || !m_items.empty(); });
        return takeLocked();
    }

  private:
    // Both with m_mutex held.
    void putLocked(T item) {
        m_items.push_back(std::move(item));
        m_itemReady.notify_one();
    }
    std::optional<T> takeLocked() {
        if (m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_roomLeft.notify_one();
        return item;
    }

    const std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_roomLeft;
    std::condition_variable m_itemReady;
    std::deque<T> m_items;
    bool m_finished = false;
    bool m_closed = false;
};

} // namespace rlthf
