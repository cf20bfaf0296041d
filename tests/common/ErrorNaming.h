#pragma once
// Every file from disk is untrusted, and a bad one must be reported by name: runs a call that
// should fail on `path` and returns the kg::Error's message, or a marker that says what went
// wrong instead (no error, an error that does not name the file, another exception type).
#include "core/util/Error.h"

#include <QFileInfo>
#include <QString>

#include <string>

namespace kgtest {

template <typename Call>
std::string expectErrorNaming(const std::string& path, Call call)
{
    try {
        call();
    } catch (const kg::Error& e) {
        const std::string message = e.what();
        const std::string fileName = QFileInfo(QString::fromStdString(path)).fileName().toStdString();
        if (message.find(fileName) == std::string::npos || e.path() != path)
            return "ERROR WITHOUT FILE NAME: " + message;
        return message;
    } catch (const std::exception& e) {
        return std::string("NOT A kg::Error: ") + e.what();
    }
    return "NO ERROR";
}

} // namespace kgtest
