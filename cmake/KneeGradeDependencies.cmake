# Every third-party dependency is found here, once, so the targets below only link.
find_package(Threads REQUIRED)
find_package(Torch REQUIRED)
# TorchConfig adds flags globally through TORCH_CXX_FLAGS; targets get them from torch's
# imported target instead.
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(HDF5 REQUIRED COMPONENTS C)
find_package(GDCM REQUIRED)
find_package(DCMTK REQUIRED CONFIG)
find_package(JPEG REQUIRED)

if(KNEEGRADE_BUILD_GUI)
  find_package(Qt6 6.2 REQUIRED COMPONENTS Core Gui Widgets Charts PrintSupport Svg Concurrent Test LinguistTools)
  find_package(QCustomPlotQt6 REQUIRED)
  set(CMAKE_AUTOMOC ON)
  set(CMAKE_AUTORCC ON)
  set(CMAKE_AUTOUIC OFF)
endif()
