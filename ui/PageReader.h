#pragma once
// One page of a keyset-paged query: up to pageSize rows, and whether another page follows
// (the query asks for one row more than a page).

#include "common/Result.h"
#include "store/Database.h"

#include <QVector>

namespace rlthf::ui {

template <class Row>
struct Page {
    QVector<Row> rows;
    bool more = false;
};

template <class Row, class ReadRow>
Result<Page<Row>> readPage(store::Statement& stmt, int pageSize, ReadRow readRow) {
    Page<Row> page;
    page.rows.reserve(pageSize);
    for (;;) {
        auto step = stmt.step();
        if (!step)
            return step.error();
        if (!*step)
            return page;
        if (page.rows.size() == pageSize) {
            page.more = true;
            return page;
        }
        page.rows.push_back(readRow(stmt));
    }
}

} // namespace rlthf::ui
