#pragma once
#include "core/runtime/Runtime.h"

#include <QDialog>

namespace kg::ui {

/// Versions (KneeGrade, Qt, LibTorch, OpenCV, …), the device the engine runs on, and the
/// licence notices of KneeGrade and the libraries it links.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const RuntimeInfo& runtime, QWidget* parent = nullptr);

    /// "name → version" lines shown in the Versions tab (also used by tests and bug reports).
    static QList<QPair<QString, QString>> versions(const RuntimeInfo& runtime);
};

} // namespace kg::ui
