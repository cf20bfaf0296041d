#pragma once
#include <QString>

namespace kgtest {

/// ../shared beside the checkout (real radiographs live in data/radiographs).
inline QString sharedDir() { return QStringLiteral(KNEEGRADE_SHARED_DIR); }
inline QString radiographsDir() { return sharedDir() + QStringLiteral("/data/radiographs"); }
inline QString sourceDir() { return QStringLiteral(KNEEGRADE_SOURCE_DIR); }
inline QString cliPath() { return QStringLiteral(KNEEGRADE_CLI); }
inline QString python() { return QStringLiteral(KNEEGRADE_TEST_PYTHON); }

} // namespace kgtest
