#include "Args.h"

namespace kgcli {

Args::Args(const std::vector<std::string>& argv, std::set<std::string> valued, std::set<std::string> flags)
{
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            positionals_.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (valued.count(name)) {
            if (inlineValue) {
                values_[name] = *inlineValue;
            } else {
                if (i + 1 >= argv.size())
                    throw UsageError("option --" + name + " needs a value");
                values_[name] = argv[++i];
            }
            repeated_[name].push_back(values_[name]);
        } else if (flags.count(name)) {
            if (inlineValue)
                throw UsageError("option --" + name + " takes no value");
            flags_.insert(name);
        } else {
            throw UsageError("unknown option --" + name + " (see --help)");
        }
    }
}

std::optional<std::string> Args::value(const std::string& name) const
{
    const auto it = values_.find(name);
    return it == values_.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::vector<std::string> Args::values(const std::string& name) const
{
    const auto it = repeated_.find(name);
    return it == repeated_.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::value(const std::string& name, const std::string& fallback) const
{
    return value(name).value_or(fallback);
}

int Args::intValue(const std::string& name, int fallback) const
{
    const auto text = value(name);
    if (!text)
        return fallback;
    try {
        size_t used = 0;
        const int parsed = std::stoi(*text, &used);
        if (used == text->size())
            return parsed;
    } catch (const std::exception&) {
    }
    throw UsageError("--" + name + " expects a whole number, got '" + *text + "'");
}

double Args::doubleValue(const std::string& name, double fallback) const
{
    const auto text = value(name);
    if (!text)
        return fallback;
    try {
        size_t used = 0;
        const double parsed = std::stod(*text, &used);
        if (used == text->size())
            return parsed;
    } catch (const std::exception&) {
    }
    throw UsageError("--" + name + " expects a number, got '" + *text + "'");
}

} // namespace kgcli
