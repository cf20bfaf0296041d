#pragma once
// Internal to kneegrade::report: the flowing A4 PDF document both reports are written with
// (the evaluation report and the prediction report): a cursor down the page, page breaks,
// headings, paragraphs, tables and the research-use footer on every page.
#include "ui/report/ReportFormat.h"

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QPdfWriter>
#include <QString>
#include <QStringList>

#include <vector>

namespace kg::report::detail {

/// Throws kg::Error unless the process runs a QGuiApplication: fonts and painting need one.
/// The report library never makes one; the caller does (the CLI an offscreen one).
void requireGuiApplication();

/// A flowing A4 document: a cursor moves down the page, blocks that do not fit start a
/// new page, and every page gets the research-use footer.
class Document {
public:
    Document(const QString& path, const QString& title);

    QPainter& painter() { return painter_; }
    double width() const { return width_; }
    double y() const { return y_; }
    void advance(double dy) { y_ += dy; }
    double remaining() const { return bottom_ - y_; }
    static double mm(double value) { return value * kDpi / 25.4; }
    static double pt(double value) { return value * kDpi / 72.0; }
    static QFont font(double points, bool bold = false, bool mono = false);

    /// Starts a new page unless `height` fits below the cursor.
    void ensure(double height);
    void newPage();
    void finish();

    /// Wrapped text across the page width, starting at x = indent.
    void paragraph(const QString& text, const QFont& f, const QColor& colour = Qt::black, double indent = 0,
                   int flags = Qt::TextWordWrap | Qt::AlignLeft);
    void heading(const QString& text, double keepWithNext = 0);

    struct Table {
        QStringList header;
        std::vector<QStringList> rows;
        std::vector<double> widths;          ///< fractions of the table width
        std::vector<Qt::Alignment> align;    ///< per column
        std::vector<bool> boldRows;          ///< per row (optional)
        double fontSize = 9;
        double tableWidth = 0;               ///< 0: page width
        std::vector<bool> monoRows;          ///< per row: last cell in a fixed-pitch font (hashes)

        /// The audit block's two columns, Field (30 %) and Value, left-aligned in 8 pt; a
        /// value whose field ends in "SHA-256" is set in a fixed-pitch font.
        static Table fieldValue(std::vector<QStringList> rows);
    };
    void table(const Table& t);

private:
    void footer();

    static constexpr int kDpi = 300;
    QString path_;
    QString title_;
    QPdfWriter writer_;
    QPainter painter_;
    double width_ = 0;
    double bottom_ = 0;
    double y_ = 0;
    int page_ = 1;
};

} // namespace kg::report::detail
