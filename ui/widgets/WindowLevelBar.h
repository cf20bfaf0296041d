#pragma once
#include <QWidget>

class QSlider;
class QLabel;

namespace kg::ui {

class ImageView;

/// Level (window centre) and width sliders for an ImageView, plus a reset button. Works on the
/// image's stored grey levels (all 16 bits of a deep DICOM) and shows them in its real units.
class WindowLevelBar : public QWidget {
    Q_OBJECT
public:
    explicit WindowLevelBar(ImageView* view, QWidget* parent = nullptr);

private:
    void syncFromView();

    ImageView* view_ = nullptr;
    QSlider* level_ = nullptr;
    QSlider* width_ = nullptr;
    QLabel* value_ = nullptr;
    bool syncing_ = false;
};

} // namespace kg::ui
