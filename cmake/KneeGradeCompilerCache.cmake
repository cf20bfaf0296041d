# Use ccache when it is installed: rebuilds of torch-heavy sources drop from ~20 s to ~0.1 s.
find_program(KNEEGRADE_CCACHE ccache)
if(KNEEGRADE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${KNEEGRADE_CCACHE}")
endif()
