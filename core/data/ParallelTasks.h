#pragma once
// Internal to core/data: the dataset writers' work loop — independent items rendered on a few
// threads, the calling thread included, with progress and cancellation.
#include <functional>

namespace kg::detail {

/// Runs task(i) for every i in [0, total) on `threads` threads (0: one per core; never more
/// than `total`), the calling thread among them. After each item the calling thread finishes,
/// progress(done, total) is asked whether to go on (false cancels: no new items start).
/// The first exception a task throws stops the others and is rethrown here. Returns true
/// when it was cancelled.
bool runParallelTasks(int total, int threads, const std::function<void(int)>& task,
                      const std::function<bool(int done, int total)>& progress);

} // namespace kg::detail
