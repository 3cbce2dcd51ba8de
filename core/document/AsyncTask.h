#pragma once
// Run-then-callback: `work` runs on Qt's thread pool, then `done(result)` runs on the
// thread of `context` — unless `context` was destroyed meanwhile, in which case the result
// is dropped. `work` must not refer to `context`: capture what it needs by value.

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>
#include <type_traits>
#include <utility>

namespace rlthf::document {

template <class Work, class Done> void runThenCallback(QObject* context, Work work, Done done) {
    using Output = std::invoke_result_t<Work>;
    auto* watcher = new QFutureWatcher<Output>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         done(watcher->result());
                         watcher->deleteLater();
                     });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace rlthf::document
