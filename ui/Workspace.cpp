#include "ui/Workspace.h"

#include <QDockWidget>
#include <QSettings>
#include <QStyle>

#include <algorithm>

namespace kg::ui {

Workspace::Workspace(Session& session, QWidget* parent)
    : QMainWindow(parent)
    , session_(session)
{
    setWindowFlags(Qt::Widget);
    setDockNestingEnabled(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
}

Workspace::~Workspace() = default;

void Workspace::saveLayout(QSettings& settings) const
{
    settings.setValue(QStringLiteral("workspaces/%1/state").arg(id()), saveState());
}

void Workspace::restoreLayout(const QSettings& settings)
{
    const QByteArray state = settings.value(QStringLiteral("workspaces/%1/state").arg(id())).toByteArray();
    if (!state.isEmpty())
        layoutRestored_ = restoreState(state);
}

void Workspace::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!shown_) {
        shown_ = true;
        if (!layoutRestored_)
            applyDefaultLayout();
        else
            fitDocksToWindow();
    }
}

void Workspace::fitDocksToWindow()
{
    // A layout saved in a small window keeps its side panels at the narrow widths they had
    // there: widen each to its contents (plus a vertical scroll bar) where the window has
    // room, and keep any from taking more than half of it.
    const int most = width() / 2;
    const int roomy = width() * 2 / 5;
    QList<QDockWidget*> docks;
    QList<int> widths;
    for (QDockWidget* dock : findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
        const Qt::DockWidgetArea area = dockWidgetArea(dock);
        if (dock->isHidden() || dock->isFloating() || !dock->widget()
            || (area != Qt::LeftDockWidgetArea && area != Qt::RightDockWidgetArea))
            continue;
        const int minimum = dock->minimumSizeHint().width();
        const int wanted = std::max(minimum, dock->widget()->sizeHint().width() + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4);
        const int target = std::clamp(dock->width(), std::min(wanted, roomy), std::max(most, minimum));
        if (target != dock->width()) {
            docks << dock;
            widths << target;
        }
    }
    if (!docks.isEmpty())
        resizeDocks(docks, widths, Qt::Horizontal);
}

} // namespace kg::ui
