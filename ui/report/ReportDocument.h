#pragma once
// Internal to kneegrade::report: the flowing A4 PDF document both reports are written with
// (the evaluation report and the prediction report), and the formatting they share.
#include "core/eval/GradCam.h"
#include "core/eval/Evaluator.h"

#include <QColor>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace kg::report::detail {

QString qs(const std::string& text);
/// `value` with `decimals`, or "n/a" when it is not finite.
QString number(double value, int decimals = 3);
/// "12.5%", or "n/a".
QString percent(double value);
/// "KL2 Minimal" for the five KL grades, the plain class name otherwise.
QString classLabel(const std::vector<std::string>& names, int k, bool twoLines = false);
std::vector<std::string> classNamesOf(const EvaluationResult& evaluation);
/// Sequential white → deep blue scale (matplotlib's "Blues"), t in [0, 1].
QColor blues(double t);
/// Black or white, whichever reads on `background`.
QColor textOn(const QColor& background);
/// A copy of `image`, scaled down to at most `maxSide` pixels.
QImage toQImage(const RgbImage& image, int maxSide);

inline const QColor kAccent(24, 62, 112);
inline const QColor kGrey(110, 110, 110);
inline const QColor kTrain(31, 119, 180);      // Keras/matplotlib convention: train blue,
inline const QColor kValidation(255, 127, 14); // validation orange
inline const QColor kWarning(160, 30, 30);

/// Makes an offscreen QGuiApplication when the process has none (the CLI); throws kg::Error
/// when it runs a QCoreApplication.
void ensureGuiApplication();

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
