#pragma once
#include <QString>
#include <QStringList>

namespace kg::ui {

class Session;

/// What a file dialog is for: each purpose remembers its own last folder.
namespace DialogPurpose {
inline const QString Dataset = QStringLiteral("dataset");       ///< open a dataset folder
inline const QString Checkpoint = QStringLiteral("checkpoint"); ///< open a checkpoint
inline const QString Image = QStringLiteral("image");           ///< open an image or a folder to grade
inline const QString Export = QStringLiteral("export");         ///< save a report, CSV or annotations
inline const QString Weights = QStringLiteral("weights");       ///< choose ImageNet weights
inline const QString Run = QStringLiteral("run");               ///< open or resume a training run
} // namespace DialogPurpose

/// The folder a file dialog starts in: `lastUsed` when it still exists, else the first of
/// `fallbacks` that exists (a file counts as its folder), else the home folder.
QString startFolder(const QString& lastUsed, const QStringList& fallbacks);

/// The start folder for `purpose`: the last folder used for it (kept in the session's
/// QSettings, or in memory without), else `fallbacks`, else the folder of the current
/// checkpoint, the dataset folder, home.
QString dialogStartFolder(const Session& session, const QString& purpose, const QStringList& fallbacks = {});
/// dialogStartFolder() joined with `fileName`: where a save dialog proposes to write.
QString dialogStartFile(const Session& session, const QString& purpose, const QString& fileName,
                        const QStringList& fallbacks = {});
/// Remembers where `chosen` (a file: its folder; a folder: its parent, where the next one is
/// likely to be picked from) lies, for `purpose`. Empty `chosen` is ignored.
void rememberDialogFolder(Session& session, const QString& purpose, const QString& chosen, bool chosenIsFolder = false);

} // namespace kg::ui
