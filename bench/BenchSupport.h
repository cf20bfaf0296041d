#pragma once
// What every benchmark here needs: medians, and its `--name value` options.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace kgbench {

inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n == 0 ? 0.0 : n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

/// `--name value` pairs; an option not in `known` ends the program with its usage.
class Flags {
public:
    Flags(int argc, char** argv, const std::vector<std::string>& known, const char* usage)
    {
        for (int i = 1; i < argc; i += 2) {
            const std::string name = argv[i];
            if (i + 1 >= argc || std::find(known.begin(), known.end(), name) == known.end()) {
                std::fprintf(stderr, "unknown or incomplete option %s\nusage: %s\n", argv[i], usage);
                std::exit(2);
            }
            values_[name] = argv[i + 1];
        }
    }
    std::string text(const std::string& name, const std::string& fallback) const
    {
        const auto it = values_.find(name);
        return it == values_.end() ? fallback : it->second;
    }
    int number(const std::string& name, int fallback) const
    {
        const auto it = values_.find(name);
        return it == values_.end() ? fallback : std::atoi(it->second.c_str());
    }

private:
    std::map<std::string, std::string> values_;
};

} // namespace kgbench
