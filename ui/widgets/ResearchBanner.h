#pragma once
#include <QLabel>

namespace kg::ui {

/// The "For research use only — not for diagnostic use" notice, shown wherever a prediction
/// is (Predict workspace, mistakes browser, image details with a prediction).
class ResearchBanner : public QLabel {
    Q_OBJECT
public:
    explicit ResearchBanner(QWidget* parent = nullptr);
    static QString text();
};

} // namespace kg::ui
