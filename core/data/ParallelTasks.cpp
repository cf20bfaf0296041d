#include "core/data/ParallelTasks.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace kg::detail {

bool runParallelTasks(int total, int threads, const std::function<void(int)>& task,
                      const std::function<bool(int done, int total)>& progress)
{
    std::atomic<int> next{0}, done{0};
    std::atomic<bool> cancel{false};
    std::mutex errorMutex;
    std::exception_ptr error;
    auto work = [&](bool reportProgress) {
        for (;;) {
            if (cancel.load())
                return;
            const int i = next.fetch_add(1);
            if (i >= total)
                return;
            try {
                task(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (!error)
                    error = std::current_exception();
                cancel = true;
                return;
            }
            const int finished = ++done;
            if (reportProgress && progress && !progress(finished, total))
                cancel = true;
        }
    };
    int count = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    count = std::max(1, std::min(count, total));
    std::vector<std::thread> helpers;
    for (int t = 1; t < count; ++t)
        helpers.emplace_back(work, false);
    work(true);  // the calling thread renders too, and is the only one that reports progress
    for (auto& helper : helpers)
        helper.join();
    if (error)
        std::rethrow_exception(error);
    return cancel.load();
}

} // namespace kg::detail
