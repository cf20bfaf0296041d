#include "ui/utility/Icons.h"

#include <QApplication>
#include <QFile>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

// Q_INIT_RESOURCE must run outside any namespace; the .qrc lives in this static library.
static void initKneeGradeResources()
{
    Q_INIT_RESOURCE(kneegrade);
}

namespace kg::ui {
namespace {

void ensureResources()
{
    static const bool done = [] {
        initKneeGradeResources();
        return true;
    }();
    (void)done;
}

// Renders an SVG whose strokes use `currentColor` in the palette colour of the icon mode at
// paint time, so a palette change (dark mode) is picked up without reloading anything.
class ThemedSvgEngine : public QIconEngine {
public:
    explicit ThemedSvgEngine(QByteArray svg, QColor fixed = {})
        : svg_(std::move(svg))
        , fixed_(fixed)
    {
    }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override
    {
        const QPalette palette = QApplication::palette();
        QColor colour = palette.color(QPalette::Active, QPalette::WindowText);
        if (mode == QIcon::Disabled)
            colour = palette.color(QPalette::Disabled, QPalette::WindowText);
        else if (mode == QIcon::Selected)
            colour = palette.color(QPalette::Active, QPalette::HighlightedText);
        if (fixed_.isValid())
            colour = fixed_;
        QByteArray data = svg_;
        data.replace("currentColor", colour.name().toLatin1());
        QSvgRenderer renderer(data);
        renderer.render(painter, QRectF(rect));
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QPixmap pixmap(size * scale);
        pixmap.fill(Qt::transparent);
        {
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            paint(&painter, QRect(QPoint(0, 0), size * scale), mode, state);
        }
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

    QIconEngine* clone() const override { return new ThemedSvgEngine(svg_, fixed_); }

private:
    QByteArray svg_;
    QColor fixed_;
};

} // namespace

QIcon themedIcon(const QString& name)
{
    ensureResources();
    QFile file(QStringLiteral(":/kneegrade/icons/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QIcon(new ThemedSvgEngine(file.readAll()));
}

QIcon colouredIcon(const QString& name, const QColor& colour)
{
    ensureResources();
    QFile file(QStringLiteral(":/kneegrade/icons/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QIcon(new ThemedSvgEngine(file.readAll(), colour));
}

QIcon applicationIcon()
{
    ensureResources();
    return QIcon(QStringLiteral(":/kneegrade/kneegrade.svg"));
}

} // namespace kg::ui
