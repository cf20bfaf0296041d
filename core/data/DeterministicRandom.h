#pragma once
// Internal (plain C++): a small random generator whose streams are identical on every
// platform and standard library. std::uniform_real_distribution and friends are
// implementation-defined, which would break "same seed → same files / same batches".
#include <cmath>
#include <cstdint>
#include <initializer_list>

namespace kg {

/// SplitMix64 finaliser: a strong 64-bit mix, used to derive independent stream seeds.
constexpr std::uint64_t mixSeed(std::uint64_t x) noexcept
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/// One seed from several parts, e.g. (seed, epoch, sample index): order matters.
inline std::uint64_t combineSeeds(std::initializer_list<std::uint64_t> parts) noexcept
{
    std::uint64_t h = 0x6A09E667F3BCC909ull;
    for (std::uint64_t part : parts)
        h = mixSeed(h ^ mixSeed(part));
    return h;
}

/// xoshiro256** seeded through SplitMix64. Not thread-safe: one instance per thread/stream.
class DeterministicRandom {
public:
    explicit DeterministicRandom(std::uint64_t seed) noexcept
    {
        for (auto& word : state_) {
            seed += 0x9E3779B97F4A7C15ull;
            word = mixSeed(seed);
        }
    }

    std::uint64_t nextU64() noexcept
    {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    /// Uniform in [0, 1).
    double uniform() noexcept { return static_cast<double>(nextU64() >> 11) * 0x1.0p-53; }
    /// Uniform in [low, high).
    double uniform(double low, double high) noexcept { return low + (high - low) * uniform(); }
    /// Uniform integer in [0, n); n > 0. Plain modulo: the bias, n / 2^64, is far below anything measurable.
    std::uint64_t below(std::uint64_t n) noexcept { return nextU64() % n; }
    /// Standard normal via Box–Muller (no cached second value, so streams stay simple).
    double normal() noexcept
    {
        const double u1 = 1.0 - uniform();   // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    double normal(double mean, double sigma) noexcept { return mean + sigma * normal(); }
    bool chance(double probability) noexcept { return uniform() < probability; }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
    std::uint64_t state_[4] = {};
};

} // namespace kg
