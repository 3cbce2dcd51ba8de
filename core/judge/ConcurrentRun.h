#pragma once
// What every run over an OpenAI-compatible endpoint shares: numbered work items handed to a
// bounded number of lanes, each with one request in flight or one retry waiting; retries
// with backoff that honour Retry-After; stop() and pause from any thread; finished() once
// every lane is idle. A run says what to ask for an item and what to do with the answer.
// Lives in one thread with an event loop.

#include "common/Result.h"
#include "judge/RetryPolicy.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

class QNetworkReply;
class QTimer;

namespace rlthf::judge {

class ChatClient;

// The counts every run reports, whatever it asks for.
struct RequestTally {
    std::int64_t requests = 0; // sent, retries included
    std::int64_t retries = 0;
    int inFlight = 0;
    bool stopped = false;      // stop() ended the run early
    std::string lastProblem;   // the latest transient problem, for the progress display
};

class ConcurrentRun : public QObject {
    Q_OBJECT
public:
    ~ConcurrentRun() override;

    // Returns at once (any thread); the work happens in this object's thread's event loop
    // and ends with finished(), also when the run could not begin.
    void start();
    // Ends the run soon: requests in flight are dropped and asked again by the next run.
    void stop();

    // An error when the run could not go on (a refused key, a wrong URL, a database error).
    const Status& outcome() const { return m_outcome; }

Q_SIGNALS:
    void finished();

protected:
    struct Lane {
        int index = 0;
        std::optional<std::size_t> item; // the work item this lane is busy with
        int attempt = 0;                 // retries made for the current item
        QPointer<QNetworkReply> reply;   // while a request is in flight
        QTimer* retryTimer = nullptr;    // while waiting to retry
        bool retryDue = false;           // the retry came due while paused: sent on resume
        bool busy() const { return item.has_value(); }
    };

    ConcurrentRun(int maxRetries, Backoff backoff, std::uint64_t seed, QObject* parent);

    // While paused no new item is started and no retry is sent; requests in flight finish
    // and are stored.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused.load(); }

    // Sets up the request context; the API key is read from the environment here.
    void setTarget(const QUrl& url, const std::string& model, const std::string& apiKeyEnv);
    RequestContext& context() { return m_context; }
    const RequestContext& context() const { return m_context; }
    // Starts sending items 0 .. items−1 over at most `concurrency` lanes.
    void openLanes(const QUrl& url, std::chrono::milliseconds timeout, int concurrency,
                   std::size_t items);
    // The lane's item is settled: report, and start the next one.
    void itemDone(Lane& lane);
    // Waits and asks again, or gives the item up once its retries are spent.
    void retry(Lane& lane, const Disposition& disposition);
    // Ends the run with `error`, the API key blanked out of it.
    void halt(Error error);

    // Validates the settings, finds the work and calls openLanes(), or halt().
    virtual void begin() = 0;
    virtual Result<QByteArray> requestBody(std::size_t item) = 0;
    virtual Disposition classifyOutcome(const HttpOutcome& outcome) const = 0;
    // A 2xx reply for the lane's item: store it, then itemDone(), retry() or halt().
    virtual void answer(Lane& lane, const Disposition& disposition, const HttpOutcome& outcome) = 0;
    // Counts an item left for the next run.
    virtual void itemFailed(std::size_t item) = 0;
    virtual RequestTally& tally() = 0;
    virtual void report() = 0;

private:
    void dispatchIdle();
    void resume();
    void dispatch(Lane& lane);
    void send(Lane& lane);
    void onOutcome(Lane& lane, const HttpOutcome& outcome);
    void giveUp(Lane& lane);
    // Drops the lane's request or retry; true when a request was in flight.
    static bool drop(Lane& lane);
    void abortAll();
    void finishIfIdle();

    int m_maxRetries;
    Backoff m_backoff;
    std::mt19937_64 m_random;
    RequestContext m_context;
    std::unique_ptr<ChatClient> m_client;
    std::vector<std::unique_ptr<Lane>> m_lanes;
    std::deque<std::size_t> m_queue;
    Status m_outcome;
    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_stopRequested{false};
    std::atomic<bool> m_started{false};
    bool m_ending = false; // stopped or failed: no new requests
    bool m_finished = false;
};

} // namespace rlthf::judge
