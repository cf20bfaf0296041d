#pragma once
#include "core/imaging/Radiograph.h"

#include <QDialog>

class QFormLayout;
class QLabel;

namespace kg::ui {

class ImageView;

/// An enlarged radiograph with its file name and what the file says about itself (format,
/// size, bit depth; for DICOM modality, body part, laterality, transfer syntax, window…).
/// Patient identifiers are never read. Decodes off the GUI thread; a file that cannot be
/// decoded shows core's reason instead of the image.
class ImageDetailsDialog : public QDialog {
    Q_OBJECT
public:
    /// `gradeText` is what the dataset says (e.g. "KL2 Minimal (folder 2)"); may be empty.
    ImageDetailsDialog(const QString& path, const QString& gradeText, QWidget* parent = nullptr);

    ImageView* view() const { return view_; }
    bool isLoaded() const { return loaded_; }

signals:
    void loaded();

private:
    void showInfo(const RadiographInfo& info);
    void addRow(const QString& label, const QString& value);

    QString path_;
    ImageView* view_ = nullptr;
    QFormLayout* form_ = nullptr;
    QLabel* status_ = nullptr;
    bool loaded_ = false;
};

} // namespace kg::ui
