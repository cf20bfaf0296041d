#pragma once
// Edit ▸ Preferences: the user-interface language ("ui/language"), applied at the next start.
#include <QDialog>

class QComboBox;
class QSettings;

namespace kg::ui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    /// `settings` may be null (tests): the choice is then only kept in the dialog.
    explicit PreferencesDialog(QSettings* settings, QWidget* parent = nullptr);
    QComboBox* languageBox() const { return language_; }

    void accept() override;

private:
    QSettings* settings_ = nullptr;
    QComboBox* language_ = nullptr;
};

} // namespace kg::ui
