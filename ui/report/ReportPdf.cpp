#include "ui/report/ReportPdf.h"

#include "ui/report/ReportDocument.h"
#include "ui/report/ReportSections.h"

#include "core/util/Error.h"

#include <filesystem>

namespace kg::report {

void writeReportPdf(const std::string& path, const ReportData& data)
{
    detail::requireGuiApplication();
    const EvaluationResult& e = data.evaluation;
    if (e.predictions.empty() || e.metrics.classNames.empty())
        throw Error(path, "nothing to report: the evaluation has no labelled results");
    {
        detail::Document doc(detail::qs(path), detail::qs(data.options.title));
        detail::writeTitle(doc, data);
        detail::writeSummary(doc, data);
        detail::writeClassificationReport(doc, data);
        detail::writeConfusionMatrix(doc, data);
        detail::writeCurves(doc, data);
        detail::writeSamples(doc, data);
        detail::writeAudit(doc, data);
        doc.finish();
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || std::filesystem::file_size(path, ec) == 0)
        throw Error(path, "the PDF report could not be written");
}

} // namespace kg::report
