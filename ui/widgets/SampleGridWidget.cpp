#include "ui/widgets/SampleGridWidget.h"

#include <QFutureWatcher>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPointer>
#include <QToolTip>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace kg::ui {
namespace {
constexpr int kSpacing = 8;
constexpr int kMargin = 10;
} // namespace

SampleGridWidget::SampleGridWidget(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

SampleGridWidget::~SampleGridWidget()
{
    ++*generation_;
}

void SampleGridWidget::setImageLoader(ImageLoader loader)
{
    loader_ = std::move(loader);
}

void SampleGridWidget::setRows(const QVector<Row>& rows)
{
    rows_ = rows;
    cells_.clear();
    for (const Row& row : rows_)
        cells_.push_back(QVector<Cell>(row.tiles.size()));
    loaded_ = failed_ = 0;
    hoverRow_ = hoverColumn_ = -1;
    updateGeometry();
    update();
    startLoading();
}

void SampleGridWidget::clear()
{
    setRows({});
}

int SampleGridWidget::tileCount() const
{
    int count = 0;
    for (const Row& row : rows_)
        count += row.tiles.size();
    return count;
}

QImage SampleGridWidget::tileImage(int row, int column) const
{
    if (row < 0 || row >= cells_.size() || column < 0 || column >= cells_[row].size())
        return {};
    return cells_[row][column].image;
}

QString SampleGridWidget::tilePath(int row, int column) const
{
    if (row < 0 || row >= rows_.size() || column < 0 || column >= rows_[row].tiles.size())
        return {};
    return rows_[row].tiles[column].path;
}

void SampleGridWidget::startLoading()
{
    const int generation = ++*generation_;
    if (!loader_ || tileCount() == 0) {
        if (tileCount() == 0)
            emit loadingFinished();
        return;
    }
    const ImageLoader loader = loader_;
    QPointer<SampleGridWidget> self(this);
    for (int r = 0; r < rows_.size(); ++r) {
        for (int c = 0; c < rows_[r].tiles.size(); ++c) {
            const QString path = rows_[r].tiles[c].path;
            auto* watcher = new QFutureWatcher<std::pair<QImage, QString>>(this);
            connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, r, c, generation] {
                watcher->deleteLater();
                if (generation != *generation_ || r >= cells_.size() || c >= cells_[r].size())
                    return;
                const auto [image, error] = watcher->result();
                Cell& cell = cells_[r][c];
                cell.image = image;
                cell.error = error;
                cell.done = true;
                (image.isNull() ? failed_ : loaded_)++;
                update(tileRect(r, c).adjusted(-4, -4, 4, 4 + layoutFor(width()).captionHeight));
                if (loaded_ + failed_ == tileCount())
                    emit loadingFinished();
            });
            watcher->setFuture(QtConcurrent::run([loader, path] {
                QString error;
                QImage image = loader(path, &error);
                if (image.isNull() && error.isEmpty())
                    error = QObject::tr("could not be decoded");
                return std::make_pair(image, error);
            }));
        }
    }
}

QSize SampleGridWidget::sizeHint() const
{
    return {900, 760};
}

QSize SampleGridWidget::minimumSizeHint() const
{
    return {420, 320};
}

SampleGridWidget::Layout SampleGridWidget::layoutFor(int width) const
{
    Layout layout;
    const QFontMetrics metrics = fontMetrics();
    layout.columns = 0;
    for (const Row& row : rows_)
        layout.columns = std::max(layout.columns, static_cast<int>(row.tiles.size()));
    layout.headerWidth = std::max(metrics.horizontalAdvance(QStringLiteral("Moderate")) + 28, 110);
    layout.captionHeight = metrics.height() + 4;
    const int columns = std::max(1, layout.columns);
    const int rows = std::max(1, static_cast<int>(rows_.size()));
    const int byWidth = (width - 2 * kMargin - layout.headerWidth - columns * kSpacing) / columns;
    const int byHeight = (height() - 2 * kMargin) / rows - layout.captionHeight - kSpacing;
    layout.tile = std::max(40, std::min(byWidth, byHeight));
    layout.rowHeight = layout.tile + layout.captionHeight + kSpacing;
    const int used = layout.headerWidth + columns * (layout.tile + kSpacing);
    layout.left = std::max(kMargin, (width - used) / 2);
    return layout;
}

QRect SampleGridWidget::tileRect(int row, int column) const
{
    const Layout layout = layoutFor(width());
    const int x = layout.left + layout.headerWidth + column * (layout.tile + kSpacing);
    const int y = kMargin + row * layout.rowHeight;
    return {x, y, layout.tile, layout.tile};
}

bool SampleGridWidget::tileAt(const QPoint& position, int* row, int* column) const
{
    for (int r = 0; r < rows_.size(); ++r)
        for (int c = 0; c < rows_[r].tiles.size(); ++c)
            if (tileRect(r, c).contains(position)) {
                *row = r;
                *column = c;
                return true;
            }
    return false;
}

void SampleGridWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    const QPalette pal = palette();
    const Layout layout = layoutFor(width());
    const QFontMetrics metrics = fontMetrics();
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(font().pointSizeF() * 1.35);
    QFont smallFont = font();
    smallFont.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));

    for (int r = 0; r < rows_.size(); ++r) {
        const Row& row = rows_[r];
        const int y = kMargin + r * layout.rowHeight;
        // Row header: a grade-coloured bar, the title and the grade name.
        const QRect bar(layout.left, y, 5, layout.tile);
        painter.fillRect(bar, row.colour);
        painter.setPen(pal.color(QPalette::WindowText));
        painter.setFont(titleFont);
        const QRect header(layout.left + 14, y, layout.headerWidth - 20, layout.tile);
        painter.drawText(header.adjusted(0, layout.tile / 2 - QFontMetrics(titleFont).height(), 0, 0),
                         Qt::AlignLeft | Qt::AlignTop, row.title);
        painter.setFont(font());
        painter.drawText(header.adjusted(0, layout.tile / 2 + 2, 0, 0), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                         row.subtitle);

        for (int c = 0; c < row.tiles.size(); ++c) {
            const QRect tile = tileRect(r, c);
            const Cell& cell = cells_[r][c];
            painter.fillRect(tile, QColor(16, 16, 18));
            if (!cell.image.isNull()) {
                const QSize scaled = cell.image.size().scaled(tile.size(), Qt::KeepAspectRatio);
                const QRect target(tile.center() - QPoint(scaled.width() / 2, scaled.height() / 2), scaled);
                painter.drawImage(target, cell.image);
            } else {
                painter.setPen(QColor(170, 170, 176));
                painter.setFont(smallFont);
                painter.drawText(tile.adjusted(4, 4, -4, -4), Qt::AlignCenter | Qt::TextWordWrap,
                                 cell.done ? tr("Unreadable:\n%1").arg(cell.error) : tr("Loading…"));
                painter.setFont(font());
            }
            if (r == hoverRow_ && c == hoverColumn_) {
                painter.setPen(QPen(pal.color(QPalette::Highlight), 3));
                painter.drawRect(tile.adjusted(1, 1, -2, -2));
            }
            painter.setPen(pal.color(QPalette::WindowText));
            painter.setFont(smallFont);
            const QRect caption(tile.left(), tile.bottom() + 2, tile.width(), layout.captionHeight);
            painter.drawText(caption, Qt::AlignHCenter | Qt::AlignTop,
                             QFontMetrics(smallFont).elidedText(row.tiles[c].caption, Qt::ElideMiddle, tile.width()));
            painter.setFont(font());
        }
    }
    if (rows_.isEmpty()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No images to show."));
    }
    Q_UNUSED(metrics);
}

void SampleGridWidget::mouseMoveEvent(QMouseEvent* event)
{
    int r = -1, c = -1;
    if (!tileAt(event->position().toPoint(), &r, &c))
        r = c = -1;
    if (r != hoverRow_ || c != hoverColumn_) {
        hoverRow_ = r;
        hoverColumn_ = c;
        setCursor(r >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void SampleGridWidget::mousePressEvent(QMouseEvent* event)
{
    int r = -1, c = -1;
    if (event->button() == Qt::LeftButton && tileAt(event->position().toPoint(), &r, &c))
        emit tileActivated(rows_[r].tiles[c].path);
}

void SampleGridWidget::leaveEvent(QEvent* event)
{
    hoverRow_ = hoverColumn_ = -1;
    unsetCursor();
    update();
    QWidget::leaveEvent(event);
}

bool SampleGridWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        int r = -1, c = -1;
        if (tileAt(help->pos(), &r, &c)) {
            QString text = rows_[r].tiles[c].path;
            if (!cells_[r][c].error.isEmpty())
                text += QLatin1Char('\n') + cells_[r][c].error;
            QToolTip::showText(help->globalPos(), text + QLatin1Char('\n') + tr("Click to enlarge"), this);
        } else {
            for (int row = 0; row < rows_.size(); ++row) {
                const QRect header(0, kMargin + row * layoutFor(width()).rowHeight,
                                   layoutFor(width()).left + layoutFor(width()).headerWidth, layoutFor(width()).tile);
                if (header.contains(help->pos()) && !rows_[row].detail.isEmpty()) {
                    QToolTip::showText(help->globalPos(), rows_[row].detail, this);
                    return true;
                }
            }
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace kg::ui
