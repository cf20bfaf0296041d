#include "ui/widgets/ResearchBanner.h"


namespace kg::ui {

ResearchBanner::ResearchBanner(QWidget* parent)
    : QLabel(parent)
{
    setText(text());
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setObjectName(QStringLiteral("researchBanner"));
    setAccessibleName(text());
    // Amber works on light and dark windows alike; the text stays dark for contrast. Set once:
    // a style sheet changes the palette, so re-applying it on palette changes would recurse.
    setStyleSheet(QStringLiteral("QLabel#researchBanner { background: #f6c445; color: #2b2200; font-weight: 600;"
                                 " padding: 4px 8px; border-radius: 4px; }"));
}

QString ResearchBanner::text()
{
    return tr("For research use only — not for diagnostic use");
}

} // namespace kg::ui
