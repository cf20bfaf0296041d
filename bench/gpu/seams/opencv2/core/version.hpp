#pragma once
// GPU bench build only (bench/gpu): the GPU node has no OpenCV, and core/runtime/Runtime.cpp
// reports the OpenCV version it was built with. Nothing in this build decodes images.
#define CV_VERSION "none (GPU bench build without OpenCV)"
