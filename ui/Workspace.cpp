#include "ui/Workspace.h"

#include <QSettings>

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
    }
}

} // namespace kg::ui
