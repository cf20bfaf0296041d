// kneegrade::metrics without Qt or torch: numbers checked against scikit-learn's.
#include "core/eval/Metrics.h"
#include "core/util/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

namespace kg {
namespace {

// y_true/y_pred of 12 knees; sklearn: accuracy 0.5, cohen_kappa_score(weights="quadratic")
// 0.6842105263157895, mean_absolute_error 0.6666666666666666.
const std::vector<int> kTrue{0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4};
const std::vector<int> kPred{0, 1, 1, 2, 2, 2, 3, 3, 1, 4, 3, 2};

TEST(Metrics, ConfusionMatrixFollowsSklearnLayout)
{
    const ConfusionMatrix m = ConfusionMatrix::fromLabels(kTrue, kPred, 5);
    EXPECT_EQ(m.total(), 12);
    EXPECT_EQ(m.correct(), 6);
    EXPECT_EQ(m.count(3, 1), 1);  // row: true grade, column: prediction
    EXPECT_EQ(m.trueCount(4), 3);
    EXPECT_EQ(m.predictedCount(2), 4);
    EXPECT_THROW(ConfusionMatrix(0), Error);
}

TEST(Metrics, QuadraticKappaAndMaeMatchSklearn)
{
    const ConfusionMatrix m = ConfusionMatrix::fromLabels(kTrue, kPred, 5);
    EXPECT_NEAR(quadraticWeightedKappa(m), 0.6842105263157895, 1e-12);
    EXPECT_NEAR(meanAbsoluteError(m), 0.6666666666666666, 1e-12);
}

TEST(Metrics, KappaIsUndefinedForOneGrade)
{
    const ConfusionMatrix m = ConfusionMatrix::fromLabels({2, 2, 2}, {2, 2, 2}, 5);
    EXPECT_TRUE(std::isnan(quadraticWeightedKappa(m)));
}

} // namespace
} // namespace kg
