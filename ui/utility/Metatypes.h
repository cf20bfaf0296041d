#pragma once
// Core value types that cross threads in queued signals (plain data, copyable).
#include "core/train/Trainer.h"

#include <QMetaType>

Q_DECLARE_METATYPE(kg::TrainOptions)
Q_DECLARE_METATYPE(kg::TrainingProgress)
Q_DECLARE_METATYPE(kg::EpochRecord)
Q_DECLARE_METATYPE(kg::TrainingResult)

#include "core/data/Dataset.h"
#include "core/data/DatasetReport.h"

#include <memory>

Q_DECLARE_METATYPE(std::shared_ptr<const kg::DatasetSplits>)
Q_DECLARE_METATYPE(std::shared_ptr<const kg::DatasetReport>)

