#include "ui/widgets/MessageBar.h"

#include "ui/utility/Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace kg::ui {

MessageBar::MessageBar(QWidget* parent)
    : QWidget(parent)
    , icon_(new QLabel(this))
    , text_(new QLabel(this))
    , close_(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setAttribute(Qt::WA_StyledBackground);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(icon_, 0, Qt::AlignTop);
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(text_, 1);
    close_->setText(QStringLiteral("✕"));
    close_->setAutoRaise(true);
    close_->setToolTip(tr("Dismiss"));
    layout->addWidget(close_, 0, Qt::AlignTop);
    connect(close_, &QToolButton::clicked, this, &MessageBar::hideMessage);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString& text)
{
    kind_ = kind;
    text_->setText(text);
    const char* iconName = kind == Kind::Error ? "error" : kind == Kind::Warning ? "warning" : "about";
    const QColor iconColour = kind == Kind::Error ? QColor(0xb3, 0x26, 0x1e)
                              : kind == Kind::Warning ? QColor(0x8a, 0x5a, 0x00)
                                                      : QColor(0x1f, 0x4f, 0x8f);
    icon_->setPixmap(colouredIcon(QString::fromLatin1(iconName), iconColour).pixmap(20, 20));
    // Tinted backgrounds with dark text read the same on light and dark palettes.
    const QString background = kind == Kind::Error ? QStringLiteral("#f8d7d5")
                               : kind == Kind::Warning ? QStringLiteral("#fbeccb")
                                                       : QStringLiteral("#dbe8f7");
    setStyleSheet(QStringLiteral("QWidget#messageBar { background: %1; border-radius: 4px; }"
                                 " QWidget#messageBar QLabel { color: #1d1d1d; }")
                      .arg(background));
    show();
}

void MessageBar::hideMessage()
{
    hide();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : text_->text();
}

} // namespace kg::ui
