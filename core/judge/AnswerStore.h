#pragma once
// The judge's answers in the project (table judge_answers) and the AI labels they give.
// Every answer is committed on its own, so a run that stops anywhere resumes with exactly
// the (pair, order) requests that have no stored answer.

#include "common/Result.h"
#include "judge/Prompt.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::judge {

// One request to make: a pair shown in one order.
struct WorkItem {
    std::int64_t pairId = 0;
    Order order = Order::AB;
};

struct WorkListOptions {
    std::optional<std::int64_t> pairLimit; // at most this many pairs
    bool retryUnparseable = false;         // ask again where the stored reply was unreadable
};

// The requests still needed to label every pair without an AI label, both orders of a pair
// next to each other, in pair order.
Result<std::vector<WorkItem>> pendingWork(store::Database& db, const std::string& model,
                                          const WorkListOptions& options);

Result<PairText> pairText(store::Database& db, std::int64_t pairId);

struct Answer {
    std::int64_t pairId = 0;
    Order order = Order::AB;
    std::string model;
    std::optional<char> verdict; // the pair's side ('a' = response_a); nullopt: unreadable
    std::string reply;           // an excerpt of the reply text
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
};

// What a pair came to once both its orders are answered.
enum class PairOutcome {
    Labelled,    // both orders chose the same response: an 'ai' label event was appended
    Uncertain,   // the orders disagree: no AI label; an expert decides
    Unparseable, // a reply named no choice: no AI label; an expert decides
};

// Stores the answer (replacing a stored unreadable one only) and, when the pair's other
// order is answered too, settles the pair, all in one transaction. nullopt: the other
// order is still open.
Result<std::optional<PairOutcome>> storeAnswer(store::Database& db, const Answer& answer);

// Pairs the judge could not label (its orders disagree, or a reply was unreadable) and
// that no AI label or expert verdict settles: the ones experts should see first.
Result<std::vector<std::int64_t>> uncertainPairIds(store::Database& db);

// Visible pairs without an active AI label: what a labelling run asks the judge about.
Result<std::int64_t> pairsWithoutAiLabel(store::Database& db);

} // namespace rlthf::judge
