#pragma once
// A small, strict argument parser for kneegrade-cli: --name value, --name=value, --flag,
// positionals; unknown options are errors so typos never silently use a default.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace kgcli {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Args {
public:
    /// `valued`: options that take a value; `flags`: options that do not.
    Args(const std::vector<std::string>& argv, std::set<std::string> valued, std::set<std::string> flags);

    bool has(const std::string& name) const { return values_.count(name) || flags_.count(name); }
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::string value(const std::string& name, const std::string& fallback) const;
    /// Every value a repeatable option was given, in order (value() is the last one).
    std::vector<std::string> values(const std::string& name) const;
    int intValue(const std::string& name, int fallback) const;
    double doubleValue(const std::string& name, double fallback) const;
    const std::vector<std::string>& positionals() const { return positionals_; }

private:
    std::map<std::string, std::string> values_;
    std::map<std::string, std::vector<std::string>> repeated_;
    std::set<std::string> flags_;
    std::vector<std::string> positionals_;
};

} // namespace kgcli
