#include "ui/dialogs/HelpDialogs.h"

#include "ui/Session.h"
#include "ui/utility/Icons.h"
#include "ui/utility/RadiographImage.h"
#include "ui/widgets/ResearchBanner.h"

#include "core/data/Grades.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QPointer>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace kg::ui {
namespace {

constexpr int kExampleSide = 128;

QLabel* wrappedLabel(const QString& html, QWidget* parent)
{
    auto* label = new QLabel(html, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

} // namespace

GettingStartedDialog::GettingStartedDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("GettingStartedDialog"));
    setWindowTitle(tr("Getting Started with KneeGrade"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(wrappedLabel(
        tr("<h2 style='margin:0'>Getting started</h2>"
           "<p>KneeGrade has four workspaces, one per step, on the bar at the left (Ctrl+1 … Ctrl+4). "
           "Go through them in order the first time: no step needs the command line.</p>"),
        this));
    struct Step {
        const char* icon;
        QString title;
        QString text;
    };
    const Step steps[] = {
        {"dataset", tr("1 · Dataset"),
         tr("Open a folder of knee radiographs laid out as <i>train/ val/ test/</i> with one sub-folder per grade "
            "(File → Open Dataset Folder), or try the built-in demo (File → Open Demo Dataset). You see samples, "
            "how many images each grade has, and problems worth fixing before training (unreadable files, "
            "duplicates, patients in two splits).")},
        {"train", tr("2 · Train"),
         tr("Pick a preset — <i>CPU quick look</i> trains a small network in minutes — and press Train. The "
            "curves show accuracy and loss per epoch for the training images and for the validation images the "
            "network does not learn from. Each run is saved in its own folder; the best epoch goes to "
            "<i>best.kgckpt</i>.")},
        {"evaluate", tr("3 · Evaluate"),
         tr("Measure a checkpoint on the test split: the confusion matrix (which grade was taken for which), "
            "accuracy, quadratic weighted kappa (how far off the wrong grades are), calibration. Export it as a "
            "PDF report or CSV.")},
        {"predict", tr("4 · Predict"),
         tr("Drop a radiograph (PNG, JPEG, DICOM) to grade it: the grade, the probability of each grade and a "
            "Grad-CAM heatmap of where the network looked. On a full film each knee is found and graded in its own "
            "box. Images unlike the training images are flagged.")},
    };
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(12);
    int row = 0;
    for (const Step& step : steps) {
        auto* icon = new QLabel(this);
        icon->setPixmap(themedIcon(QString::fromLatin1(step.icon)).pixmap(40, 40));
        icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
        grid->addWidget(icon, row, 0);
        auto* text = wrappedLabel(QStringLiteral("<b>%1</b><br>%2").arg(step.title, step.text), this);
        text->setObjectName(QStringLiteral("gettingStartedStep%1").arg(row + 1));
        grid->addWidget(text, row, 1);
        ++row;
    }
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);
    layout->addWidget(wrappedLabel(tr("<p>Help → Kellgren–Lawrence grades explains the five grades. Hover over an "
                                      "option for what it does, or press Shift+F1 and click it.</p>"),
                                   this));
    layout->addStretch(1);
    layout->addWidget(new ResearchBanner(this));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 480);
}

QString KlGradesDialog::examplePathFor(const Session& session, int grade)
{
    const auto splits = session.datasetSplits();
    if (!splits)
        return {};
    for (Split split : {Split::Train, Split::Val, Split::Test, Split::AutoTest})
        for (const DatasetItem& item : splits->items(split))
            if (item.grade == grade) {
                const QString path = QString::fromStdString(item.path);
                return QFileInfo(path).isAbsolute() ? path : QDir(session.datasetRoot()).filePath(path);
            }
    return {};
}

KlGradesDialog::KlGradesDialog(const Session& session, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("KlGradesDialog"));
    setWindowTitle(tr("Kellgren–Lawrence Grades"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(wrappedLabel(
        tr("<h2 style='margin:0'>Kellgren–Lawrence grades</h2>"
           "<p>The Kellgren–Lawrence (KL) scale grades knee osteoarthritis on a standing radiograph from 0 to 4 by "
           "four signs: <b>osteophytes</b> (bony spurs at the joint margins), <b>joint-space narrowing</b> (the gap "
           "between femur and tibia, where the cartilage is, gets thinner), <b>subchondral sclerosis</b> (denser, "
           "whiter bone under the cartilage) and <b>deformity</b> of the bone ends. Grade 2 or more is usually "
           "taken as definite osteoarthritis.</p>"),
        this));

    struct Grade {
        QString name;
        QString criteria;
    };
    const Grade grades[] = {
        {tr("None"), tr("No radiographic features of osteoarthritis: no osteophytes, normal joint space.")},
        {tr("Doubtful"), tr("Doubtful narrowing of the joint space and possible osteophytic lipping.")},
        {tr("Minimal"), tr("Definite osteophytes and possible narrowing of the joint space.")},
        {tr("Moderate"), tr("Moderate multiple osteophytes, definite narrowing of the joint space, some sclerosis "
                            "and possible deformity of the bone ends.")},
        {tr("Severe"), tr("Large osteophytes, marked narrowing of the joint space, severe sclerosis and definite "
                          "deformity of the bone ends.")},
    };

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(10);
    const bool haveDataset = session.datasetSplits() != nullptr;
    for (int grade = 0; grade < 5; ++grade) {
        auto* example = new QLabel(this);
        example->setObjectName(QStringLiteral("klExample%1").arg(grade));
        example->setFixedSize(kExampleSide, kExampleSide);
        example->setAlignment(Qt::AlignCenter);
        example->setFrameShape(QFrame::StyledPanel);
        example->setWordWrap(true);
        examples_ << example;
        const QString path = examplePathFor(session, grade);
        paths_ << path;
        if (path.isEmpty()) {
            example->setText(haveDataset ? tr("No image of this grade in the dataset") : tr("No dataset open"));
        } else {
            example->setText(tr("Loading…"));
            example->setToolTip(QDir::toNativeSeparators(path));
            auto* watcher = new QFutureWatcher<QImage>(this);
            QPointer<QLabel> target(example);
            ++loading_;
            connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, target] {
                const QImage image = watcher->result();
                watcher->deleteLater();
                --loading_;
                if (!target)
                    return;
                if (image.isNull())
                    target->setText(tr("The image cannot be read"));
                else
                    target->setPixmap(QPixmap::fromImage(image));
            });
            watcher->setFuture(QtConcurrent::run([path] {
                QString error;
                return loadDisplayImage(path, kExampleSide - 4, &error);
            }));
        }
        grid->addWidget(example, grade, 0);
        auto* text = wrappedLabel(tr("<b>KL%1 · %2</b><br>%3").arg(grade).arg(grades[grade].name, grades[grade].criteria),
                                  this);
        text->setObjectName(QStringLiteral("klGrade%1").arg(grade));
        grid->addWidget(text, grade, 1);
    }
    grid->setColumnStretch(1, 1);
    auto* gradesWidget = new QWidget(this);
    gradesWidget->setLayout(grid);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(gradesWidget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);
    layout->addWidget(wrappedLabel(
        haveDataset ? tr("<p>Examples: the first image of each grade in the open dataset, as labelled there%1.</p>")
                          .arg(session.isDemoDataset() ? tr(" (the demo's images are synthetic phantoms, not real knees)")
                                                       : QString())
                    : tr("<p>Open a dataset to see an example of each grade from it here.</p>"),
        this));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 880);
}

int KlGradesDialog::exampleCount() const
{
    int count = 0;
    for (const QLabel* label : examples_)
        count += !label->pixmap().isNull();
    return count;
}

} // namespace kg::ui
