#include "core/imaging/DecodeIsolation.h"

#include "core/imaging/DecoderPool.h"

#include <mutex>

namespace kg {
namespace {

/// The one process-wide decoding set-up: helper processes, like the threads of a thread
/// pool, belong to the process. main() configures it; everything else only reads it.
struct DecodingSetup {
    std::mutex mutex;
    DecodingOptions options;
    std::shared_ptr<DecoderPool> pool;  // started on first use
    DecoderPoolStats finished;          // stats of pools replaced by configure
};

DecodingSetup& setup()
{
    static DecodingSetup* instance = new DecodingSetup;  // never destroyed: helpers exit when we do
    return *instance;
}

DecoderPoolStats operator+(DecoderPoolStats a, const DecoderPoolStats& b)
{
    a.requests += b.requests;
    a.helpersStarted += b.helpersStarted;
    a.crashes += b.crashes;
    a.timeouts += b.timeouts;
    return a;
}

} // namespace

void configureRadiographDecoding(const DecodingOptions& options)
{
    DecodingSetup& s = setup();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.pool)
        s.finished = s.finished + s.pool->stats();
    s.pool.reset();  // helpers of the old pool exit once their last user is done
    s.options = options;
}

DecodingOptions radiographDecodingOptions()
{
    DecodingSetup& s = setup();
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.options;
}

std::shared_ptr<DecoderPool> radiographDecoderPool(bool untrustedFormat)
{
    DecodingSetup& s = setup();
    std::lock_guard<std::mutex> lock(s.mutex);
    const DecodeIsolation isolation = s.options.isolation;
    if (isolation == DecodeIsolation::InProcess || (isolation == DecodeIsolation::UntrustedFormats && !untrustedFormat))
        return nullptr;
    if (!s.pool)
        s.pool = std::make_shared<DecoderPool>(s.options);
    return s.pool;
}

DecoderPoolStats decoderPoolStats()
{
    DecodingSetup& s = setup();
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.pool ? s.finished + s.pool->stats() : s.finished;
}

std::string decoderHelperPath()
{
    return findDecoderHelper(radiographDecodingOptions());
}

} // namespace kg
