#include "ui/dialogs/PreferencesDialog.h"

#include "ui/utility/Language.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace kg::ui {

PreferencesDialog::PreferencesDialog(QSettings* settings, QWidget* parent)
    : QDialog(parent)
    , settings_(settings)
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferencesDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    language_ = new QComboBox(this);
    language_->setObjectName(QStringLiteral("languageBox"));
    for (const QString& code : availableLanguages())
        language_->addItem(languageDisplayName(code), code);
    const QString current = settings_ ? languageSetting(*settings_) : QStringLiteral("system");
    language_->setCurrentIndex(qMax(0, language_->findData(current)));
    form->addRow(tr("&Language:"), language_);
    layout->addLayout(form);
    auto* note = new QLabel(tr("A new language takes effect when KneeGrade is restarted."), this);
    note->setWordWrap(true);
    layout->addWidget(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void PreferencesDialog::accept()
{
    if (settings_)
        settings_->setValue(QLatin1String(kLanguageSettingsKey), language_->currentData().toString());
    QDialog::accept();
}

} // namespace kg::ui
