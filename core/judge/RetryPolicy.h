#pragma once
// What to do with the outcome of one judge request: use the answer, retry later (429,
// 5xx, connection errors, broken replies), give up on this pair for the run, or stop the
// run (a refused key, a wrong URL or model). And how long to wait before a retry.

#include "judge/ChatReply.h"

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>
#include <random>
#include <string>

namespace rlthf::judge {

// What came back for one request.
struct HttpOutcome {
    int status = 0;             // HTTP status; 0 when no response arrived
    std::string transportError; // why no response arrived (refused, reset, timed out)
    QByteArray body;
    QByteArray retryAfter;      // the Retry-After header, if any
};

struct RequestContext {
    std::string apiKeyEnv;  // named in messages about the key; the key itself never is
    QByteArray apiKey;      // only to blank it out of anything the server echoes
    std::string url;
    std::string model;
    std::string service = "chat completions"; // what the URL should serve, for messages
    bool answeredBefore = false; // some request of this run got an answer
};

struct Disposition {
    enum Kind {
        Answer,   // `reply` holds the judge's answer
        Retry,    // transient: ask again after a delay
        SkipPair, // this request cannot succeed; the pair is left for the next run
        Fatal,    // no request can succeed: stop the run
    };
    Kind kind = Fatal;
    ChatReply reply;
    std::string problem; // why, in words, free of the API key
    std::optional<std::chrono::milliseconds> retryAfter;
};

Disposition classify(const HttpOutcome& outcome, const RequestContext& context);
// The same rules without reading a successful body: any 2xx reply is an Answer with an
// empty `reply`, for endpoints whose replies the caller reads itself (embeddings).
Disposition classifyStatus(const HttpOutcome& outcome, const RequestContext& context);

// Retry-After as delta-seconds or as an HTTP date; nullopt when absent or unreadable.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value,
                                                         const QDateTime& now);

struct Backoff {
    std::chrono::milliseconds base{1000};
    std::chrono::milliseconds max{60'000};
    double jitter = 0.25; // the delay grows by a random share of up to this much
};

// The wait before retry number `attempt` (1 = the first retry): base·2^(attempt−1), capped,
// plus jitter, and never less than what the server asked for in Retry-After.
std::chrono::milliseconds retryDelay(int attempt, const Backoff& backoff,
                                     std::optional<std::chrono::milliseconds> retryAfter,
                                     std::mt19937_64& random);

// `text` with every occurrence of `secret` replaced by "***".
std::string redact(std::string text, const QByteArray& secret);

} // namespace rlthf::judge
