#include "ui/report/ReportDocument.h"

#include "ui/report/ReportPdf.h"

#include "core/util/Error.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>

#include <algorithm>

namespace kg::report::detail {

void requireGuiApplication()
{
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        throw Error("the PDF report needs a QGuiApplication (fonts and painting); this process has none");
}

Document::Document(const QString& path, const QString& title) : path_(path), title_(title), writer_(path)
{
    writer_.setPageSize(QPageSize(QPageSize::A4));
    writer_.setResolution(kDpi);
    writer_.setPageMargins(QMarginsF(16, 14, 16, 12), QPageLayout::Millimeter);
    writer_.setTitle(title);
    writer_.setCreator(QStringLiteral("KneeGrade " KNEEGRADE_VERSION));
    if (!painter_.begin(&writer_))
        throw Error(path.toStdString(), "cannot write the PDF report (is the folder writable?)");
    painter_.setRenderHint(QPainter::Antialiasing);
    painter_.setRenderHint(QPainter::SmoothPixmapTransform);
    width_ = writer_.width();
    bottom_ = writer_.height() - mm(11);
}

QFont Document::font(double points, bool bold, bool mono)
{
    QFont f(mono ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
    f.setStyleHint(mono ? QFont::Monospace : QFont::SansSerif);
    f.setPointSizeF(points);
    f.setBold(bold);
    // No shaping means no ligatures: "fi" stays two letters for search and copy.
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

void Document::ensure(double height)
{
    if (y_ + height > bottom_ && y_ > 0)
        newPage();
}

void Document::newPage()
{
    footer();
    writer_.newPage();
    ++page_;
    y_ = 0;
}

void Document::finish()
{
    footer();
    painter_.end();
}

void Document::paragraph(const QString& text, const QFont& f, const QColor& colour, double indent, int flags)
{
    painter_.setFont(f);
    const QRectF box(indent, 0, width_ - indent, 1e7);
    const QRectF needed = painter_.boundingRect(box, flags, text);
    ensure(needed.height());
    painter_.setPen(colour);
    painter_.drawText(QRectF(indent, y_, width_ - indent, needed.height()), flags, text);
    y_ += needed.height();
}

void Document::heading(const QString& text, double keepWithNext)
{
    ensure(mm(12) + keepWithNext);
    y_ += y_ > 0 ? mm(4) : 0;
    paragraph(text, font(13, true), kAccent);
    painter_.setPen(QPen(kAccent, pt(0.8)));
    painter_.drawLine(QPointF(0, y_ + mm(0.8)), QPointF(width_, y_ + mm(0.8)));
    y_ += mm(3);
}

Document::Table Document::Table::fieldValue(std::vector<QStringList> rows)
{
    Table t;
    t.header = {QStringLiteral("Field"), QStringLiteral("Value")};
    t.widths = {0.30, 0.70};
    t.align = {Qt::AlignLeft, Qt::AlignLeft};
    t.fontSize = 8;
    t.rows = std::move(rows);
    for (const QStringList& row : t.rows)
        t.monoRows.push_back(row.front().endsWith(QStringLiteral("SHA-256")));
    return t;
}

void Document::table(const Table& t)
{
    const double total = t.tableWidth > 0 ? t.tableWidth : width_;
    const QFont normal = font(t.fontSize), bold = font(t.fontSize, true);
    const double lineHeight = QFontMetricsF(normal, &writer_).height();
    const double padding = lineHeight * 0.55;
    auto cellFont = [&](const QStringList& cells, int c, bool header, bool strong, bool mono) {
        if (mono && c == cells.size() - 1)
            return font(t.fontSize - 1, false, true);
        return header || strong ? bold : normal;
    };
    auto cellWidth = [&](int c) { return total * t.widths[static_cast<size_t>(c)] - mm(2.4); };
    // Long values wrap inside their column; the row grows to fit its tallest cell.
    auto rowHeightOf = [&](const QStringList& cells, bool header, bool strong, bool mono) {
        double height = lineHeight;
        for (int c = 0; c < cells.size(); ++c) {
            const QFontMetricsF metrics(cellFont(cells, c, header, strong, mono), &writer_);
            const QRectF bounds = metrics.boundingRect(QRectF(0, 0, cellWidth(c), 1e6),
                                                       Qt::TextWordWrap, cells[c]);
            height = std::max(height, bounds.height());
        }
        return height + padding;
    };
    const double rowHeight = lineHeight + padding;
    auto drawRow = [&](const QStringList& cells, bool header, bool strong, bool shaded, bool mono) {
        const double height = rowHeightOf(cells, header, strong, mono);
        ensure(height);
        if (shaded)
            painter_.fillRect(QRectF(0, y_, total, height), header ? QColor(226, 233, 243) : QColor(246, 248, 251));
        double x = 0;
        for (int c = 0; c < cells.size(); ++c) {
            painter_.setFont(cellFont(cells, c, header, strong, mono));
            painter_.setPen(Qt::black);
            const Qt::Alignment a = c < static_cast<int>(t.align.size()) ? t.align[static_cast<size_t>(c)] : Qt::AlignLeft;
            painter_.drawText(QRectF(x + mm(1.2), y_, cellWidth(c), height),
                              static_cast<int>(a | Qt::AlignVCenter | Qt::TextWordWrap), cells[c]);
            x += total * t.widths[static_cast<size_t>(c)];
        }
        y_ += height;
        painter_.setPen(QPen(QColor(200, 205, 212), pt(0.4)));
        painter_.drawLine(QPointF(0, y_), QPointF(total, y_));
    };
    ensure(rowHeight * std::min<size_t>(t.rows.size() + 1, 4));
    drawRow(t.header, true, true, true, false);
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const bool strong = r < t.boldRows.size() && t.boldRows[r];
        const bool mono = r < t.monoRows.size() && t.monoRows[r];
        if (remaining() < rowHeightOf(t.rows[r], false, strong, mono)) {
            newPage();
            drawRow(t.header, true, true, true, false);
        }
        drawRow(t.rows[r], false, strong, r % 2 == 1, mono);
    }
}

void Document::footer()
{
    const double top = writer_.height() - mm(7);
    painter_.setPen(QPen(QColor(180, 180, 180), pt(0.5)));
    painter_.drawLine(QPointF(0, top - mm(1.5)), QPointF(width_, top - mm(1.5)));
    painter_.setFont(font(7.5));
    painter_.setPen(kGrey);
    const QRectF box(0, top, width_, mm(6));
    painter_.drawText(box, Qt::AlignLeft | Qt::AlignTop, title_);
    painter_.drawText(box, Qt::AlignRight | Qt::AlignTop, QStringLiteral("Page %1").arg(page_));
    painter_.setFont(font(8, true));
    painter_.setPen(kWarning);
    painter_.drawText(box, Qt::AlignHCenter | Qt::AlignTop, QString::fromUtf8(kResearchUseLine));
}

} // namespace kg::report::detail
