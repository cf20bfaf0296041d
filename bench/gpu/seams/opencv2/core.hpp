#pragma once
// GPU bench build only (bench/gpu): the GPU node has no OpenCV. core/data/Loader.h and
// core/data/Augment.h, which core/train/TrainingData.cpp and core/train/Sampling.cpp include,
// only name these types in declarations, so forward declarations (spelled as OpenCV spells
// them) let those sources compile unchanged. Nothing here may be defined or used: code that
// needs a real cv::Mat belongs to the loader, whose definitions GpuSeams.cpp replaces.
namespace cv {
class Mat;
template <typename Tp, int m, int n> class Matx;
using Matx23d = Matx<double, 2, 3>;
template <typename Tp> class Size_;
using Size = Size_<int>;
} // namespace cv
