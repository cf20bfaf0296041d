#include "ui/widgets/WelcomePage.h"

#include "ui/Session.h"
#include "ui/utility/Format.h"
#include "ui/utility/Icons.h"

#include <QCommandLinkButton>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace kg::ui {

WelcomePage::WelcomePage(Session& session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
{
    auto* outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto* column = new QWidget(this);
    column->setMaximumWidth(620);
    auto* layout = new QVBoxLayout(column);
    layout->setSpacing(10);

    auto* header = new QHBoxLayout;
    auto* icon = new QLabel(column);
    icon->setPixmap(applicationIcon().pixmap(64, 64));
    header->addWidget(icon);
    auto* title = new QLabel(tr("<span style='font-size:20pt; font-weight:600'>KneeGrade</span><br>"
                                "Train, evaluate and explain a knee X-ray grader (Kellgren–Lawrence 0–4)."),
                             column);
    title->setWordWrap(true);
    header->addWidget(title, 1);
    layout->addLayout(header);
    layout->addSpacing(8);

    auto* demo = new QCommandLinkButton(tr("Try the demo dataset"),
                                        tr("About 500 synthetic knee radiographs with the real dataset's grade balance. "
                                           "Made on this computer in a few seconds; no patient data."),
                                        column);
    demo->setIcon(themedIcon(QStringLiteral("demo")));
    demo->setObjectName(QStringLiteral("welcomeDemo"));
    connect(demo, &QCommandLinkButton::clicked, this, &WelcomePage::demoRequested);
    layout->addWidget(demo);

    auto* open = new QCommandLinkButton(tr("Open a dataset folder…"),
                                        tr("A folder with train/, val/ and test/, each holding one sub-folder per "
                                           "grade 0–4 (PNG, JPEG, 16-bit or DICOM). You can also drop it here."),
                                        column);
    open->setIcon(themedIcon(QStringLiteral("open-folder")));
    connect(open, &QCommandLinkButton::clicked, this, &WelcomePage::openRequested);
    layout->addWidget(open);

    recentBox_ = new QWidget(column);
    recentLayout_ = new QVBoxLayout(recentBox_);
    recentLayout_->setContentsMargins(12, 4, 0, 0);
    layout->addWidget(recentBox_);

    layout->addSpacing(12);
    const RuntimeInfo& runtime = session.runtime();
    auto* footer = new QLabel(column);
    footer->setObjectName(QStringLiteral("welcomeRuntime"));
    footer->setWordWrap(true);
    footer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    footer->setText(tr("KneeGrade %1 · LibTorch %2 · Qt %3<br>Trains on <b>%4</b> · %n CPU thread(s) · BLAS: %5",
                       nullptr, runtime.threads)
                        .arg(toQString(runtime.kneegradeVersion), toQString(runtime.torchVersion),
                             QString::fromLatin1(qVersion()), toQString(runtime.deviceName).toHtmlEscaped(),
                             toQString(runtime.blas).toHtmlEscaped()));
    QPalette muted = footer->palette();
    muted.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    footer->setPalette(muted);
    layout->addWidget(footer);

    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 10);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);

    connect(&session_, &Session::recentChanged, this, &WelcomePage::refreshRecent);
    refreshRecent();
}

void WelcomePage::refreshRecent()
{
    while (QLayoutItem* item = recentLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QStringList recent = session_.recentDatasets();
    recentBox_->setVisible(!recent.isEmpty());
    if (recent.isEmpty())
        return;
    recentLayout_->addWidget(new QLabel(tr("<b>Recent datasets</b>"), recentBox_));
    for (const QString& path : recent) {
        auto* button = new QPushButton(QDir::toNativeSeparators(path), recentBox_);
        button->setFlat(true);
        button->setCursor(Qt::PointingHandCursor);
        button->setStyleSheet(QStringLiteral("text-align: left; padding: 2px 4px;"));
        button->setIcon(themedIcon(QStringLiteral("dataset")));
        connect(button, &QPushButton::clicked, this, [this, path] { emit recentRequested(path); });
        recentLayout_->addWidget(button);
    }
}

} // namespace kg::ui
