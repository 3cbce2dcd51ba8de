#include "judge/AnswerStore.h"

#include "store/Project.h"

#include <fmt/format.h>
#include <string>

namespace rlthf::judge {

namespace {

// What a labelling run asks the judge about: visible pairs without an AI label in force.
constexpr const char* kPairsWithoutAiLabel =
    "visible_pairs p WHERE NOT EXISTS "
    "(SELECT 1 FROM active_labels x WHERE x.pair_id = p.id AND x.source = 'ai')";

// Whether an order with this stored verdict (NULL: none stored) must be asked.
bool needsAsking(const std::optional<std::string>& stored, bool retryUnparseable) {
    return !stored || (retryUnparseable && *stored == "unparseable");
}

Status appendAiLabel(store::Database& db, std::int64_t pairId, char side,
                     const std::string& model) {
    // The guard keeps one AI label per pair even if two runs race on the same file.
    return db.execute(
        "INSERT INTO label_events(pair_id, source, action, value, created_at, comment) "
        "SELECT ?1, 'ai', 'label', ?2, ?3, ?4 WHERE NOT EXISTS "
        "(SELECT 1 FROM active_labels x WHERE x.pair_id = ?1 AND x.source = 'ai')",
        pairId, std::string(1, side), store::nowUtc(),
        fmt::format("LLM judge {}, same choice in both orders", model));
}

} // namespace

Result<std::vector<WorkItem>> pendingWork(store::Database& db, const std::string& model,
                                          const WorkListOptions& options) {
    auto stmt = db.prepare(
        "SELECT p.id, "
        " (SELECT verdict FROM judge_answers j WHERE j.pair_id = p.id AND j.order_shown = 'ab' "
        "  AND j.model = ?1), "
        " (SELECT verdict FROM judge_answers j WHERE j.pair_id = p.id AND j.order_shown = 'ba' "
        "  AND j.model = ?1) "
        "FROM " +
            std::string(kPairsWithoutAiLabel) + " ORDER BY p.id",
        model);
    if (!stmt)
        return stmt.error();
    std::vector<WorkItem> work;
    std::int64_t pairs = 0;
    const std::int64_t limit = options.pairLimit.value_or(-1);
    auto rows = stmt->forEachRow([&](const store::Statement& row) {
        if (limit >= 0 && pairs >= limit)
            return;
        const bool ab = needsAsking(row.optionalText(1), options.retryUnparseable);
        const bool ba = needsAsking(row.optionalText(2), options.retryUnparseable);
        if (ab)
            work.push_back({row.int64(0), Order::AB});
        if (ba)
            work.push_back({row.int64(0), Order::BA});
        pairs += (ab || ba) ? 1 : 0;
    });
    if (!rows)
        return rows.error();
    return work;
}

Result<PairText> pairText(store::Database& db, std::int64_t pairId) {
    auto row = db.firstRow("SELECT prompt, response_a, response_b FROM pairs WHERE id = ?", pairId);
    if (!row)
        return row.error();
    if (!*row)
        return Error{fmt::format("pair {} is not in the project", pairId)};
    return PairText{(*row)->text(0), (*row)->text(1), (*row)->text(2)};
}

Result<std::optional<PairOutcome>> storeAnswer(store::Database& db, const Answer& answer) {
    auto tx = store::Transaction::begin(db);
    if (!tx)
        return tx.error();
    const std::string verdict = answer.verdict ? std::string(1, *answer.verdict) : "unparseable";
    RLTHF_TRY(db.execute(
        "INSERT INTO judge_answers(pair_id, order_shown, model, verdict, reply, prompt_tokens, "
        "completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(pair_id, order_shown, model) DO UPDATE SET verdict = excluded.verdict, "
        "reply = excluded.reply, prompt_tokens = excluded.prompt_tokens, "
        "completion_tokens = excluded.completion_tokens, created_at = excluded.created_at "
        "WHERE judge_answers.verdict = 'unparseable'",
        answer.pairId, std::string(orderName(answer.order)), answer.model, verdict, answer.reply,
        answer.promptTokens, answer.completionTokens, store::nowUtc()));

    auto both = db.prepare("SELECT order_shown, verdict FROM judge_answers "
                           "WHERE pair_id = ? AND model = ?",
                           answer.pairId, answer.model);
    if (!both)
        return both.error();
    std::optional<std::string> ab, ba;
    RLTHF_TRY(both->forEachRow([&](const store::Statement& row) {
        (row.text(0) == "ab" ? ab : ba) = row.text(1);
    }));
    std::optional<PairOutcome> outcome;
    if (ab && ba) {
        if (*ab == "unparseable" || *ba == "unparseable") {
            outcome = PairOutcome::Unparseable;
        } else if (*ab != *ba) {
            outcome = PairOutcome::Uncertain;
        } else {
            RLTHF_TRY(appendAiLabel(db, answer.pairId, (*ab)[0], answer.model));
            outcome = PairOutcome::Labelled;
        }
    }
    RLTHF_TRY(tx->commit());
    return outcome;
}

Result<std::vector<std::int64_t>> uncertainPairIds(store::Database& db) {
    auto stmt = db.prepare("SELECT pair_id FROM uncertain_pairs ORDER BY pair_id");
    if (!stmt)
        return stmt.error();
    std::vector<std::int64_t> ids;
    RLTHF_TRY(stmt->forEachRow([&](const store::Statement& row) { ids.push_back(row.int64(0)); }));
    return ids;
}

Result<std::int64_t> pairsWithoutAiLabel(store::Database& db) {
    auto count = db.scalar("SELECT count(*) FROM " + std::string(kPairsWithoutAiLabel));
    if (!count)
        return count.error();
    return count->value_or(0);
}

} // namespace rlthf::judge
