#pragma once
#include <QColor>
#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

#include <functional>
#include <memory>

namespace kg::ui {

/// The Dataset workspace's sample grid: one titled row per grade, a few thumbnails each,
/// captioned with the file name. Thumbnails are decoded off the GUI thread by the loader
/// the caller installs and appear as they arrive; clicking one emits tileActivated.
class SampleGridWidget : public QWidget {
    Q_OBJECT
public:
    struct Tile {
        QString path;
        QString caption;
    };
    struct Row {
        QString title;        ///< e.g. "KL2"
        QString subtitle;     ///< e.g. "Minimal"
        QString detail;       ///< e.g. "definite osteophytes…" (tool tip)
        QColor colour;
        QVector<Tile> tiles;
    };
    /// Decodes `path` into a display image (thumbnail size); on failure returns a null image
    /// and sets `error`. Called on worker threads: it must be thread-safe.
    using ImageLoader = std::function<QImage(const QString& path, QString* error)>;

    explicit SampleGridWidget(QWidget* parent = nullptr);
    ~SampleGridWidget() override;

    void setImageLoader(ImageLoader loader);
    /// Shows `rows` (columns = the longest row) and starts loading their thumbnails.
    void setRows(const QVector<Row>& rows);
    void clear();

    int tileCount() const;
    int loadedCount() const { return loaded_; }   ///< thumbnails that decoded
    int failedCount() const { return failed_; }   ///< thumbnails that did not
    bool isLoading() const { return loaded_ + failed_ < tileCount(); }
    QImage tileImage(int row, int column) const;
    QString tilePath(int row, int column) const;
    QRect tileRect(int row, int column) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void tileActivated(const QString& path);
    /// Every thumbnail of the current rows was decoded or failed.
    void loadingFinished();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Cell {
        QImage image;
        QString error;
        bool done = false;
    };
    struct Layout {
        int headerWidth = 0;
        int tile = 0;
        int captionHeight = 0;
        int rowHeight = 0;
        int columns = 0;
        int left = 0;
    };
    Layout layoutFor(int width) const;
    bool tileAt(const QPoint& position, int* row, int* column) const;
    void startLoading();

    ImageLoader loader_;
    QVector<Row> rows_;
    QVector<QVector<Cell>> cells_;
    int loaded_ = 0;
    int failed_ = 0;
    int hoverRow_ = -1, hoverColumn_ = -1;
    std::shared_ptr<int> generation_ = std::make_shared<int>(0);   // stale results are dropped
};

} // namespace kg::ui
