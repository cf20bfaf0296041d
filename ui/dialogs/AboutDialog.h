#pragma once
#include "core/runtime/Runtime.h"

#include <QDialog>

#include <vector>

namespace kg::ui {

/// One library KneeGrade links: its licence, and where the full text is (a Debian copyright
/// file when it is installed, the project's licence page otherwise).
struct ThirdPartyLicence {
    QString component;
    QString licence;
    QString fullText;
};

/// Versions (KneeGrade, Qt, LibTorch, OpenCV, …), the device the engine runs on, and the
/// licence notices of KneeGrade and the libraries it links.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const RuntimeInfo& runtime, QWidget* parent = nullptr);

    /// "name → version" lines shown in the Versions tab (also used by tests and bug reports).
    static QList<QPair<QString, QString>> versions(const RuntimeInfo& runtime);

    /// The "Third-party licences" tab's rows.
    static std::vector<ThirdPartyLicence> thirdPartyLicences();
};

} // namespace kg::ui
