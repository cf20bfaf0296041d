#pragma once
#include <string>
#include <vector>

namespace kg {

struct TrainOptions;

/// A named set of training options for a common situation: the GUI's preset box and
/// `kneegrade-cli train --preset ID` both read this table.
struct TrainPreset {
    std::string id;           ///< stable, for the command line: "cpu-quick-look"
    std::string name;         ///< display name: "CPU quick look"
    std::string summary;      ///< one line (the CLI's --help)
    std::string description;  ///< one paragraph (the GUI's tool tip)
    bool expectsImagenetWeights = false;  ///< meant to start from an ImageNet weights file
    /// Sets the options the preset is about (architecture, image size, schedule, augmentation,
    /// class imbalance…) and leaves the rest: data, run folder, seed, device. A preset that
    /// trains from scratch clears imagenetWeights; the others keep it.
    void (*apply)(TrainOptions& options) = nullptr;
};

/// Every preset, in the order the GUI lists them.
const std::vector<TrainPreset>& trainPresets();
/// The preset with this id, or null.
const TrainPreset* findTrainPreset(const std::string& id);

} // namespace kg
