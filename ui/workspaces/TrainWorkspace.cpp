#include "ui/workspaces/TrainWorkspace.h"

#include "ui/Session.h"
#include "ui/utility/Format.h"
#include "ui/utility/Icons.h"
#include "ui/widgets/MessageBar.h"
#include "ui/widgets/TrainingCurvesWidget.h"
#include "ui/workers/TrainingWorker.h"
#include "ui/workers/WorkerThread.h"

#include "core/model/KerasWeights.h"
#include "core/train/RunFiles.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <nlohmann/json.hpp>

#include <cmath>
#include <exception>
#include <fstream>

namespace kg::ui {
namespace {

struct ArchitectureChoice {
    const char* spec;
    const char* text;
};

const ArchitectureChoice kArchitectures[] = {
    {"resnetv2-tiny", QT_TRANSLATE_NOOP("TrainWorkspace", "ResNetV2 tiny (tests)")},
    {"resnetv2-small", QT_TRANSLATE_NOOP("TrainWorkspace", "ResNetV2 small (fast on a CPU)")},
    {"resnet50v2", QT_TRANSLATE_NOOP("TrainWorkspace", "ResNet50V2")},
    {"resnet101v2", QT_TRANSLATE_NOOP("TrainWorkspace", "ResNet101V2")},
    {"resnet152v2", QT_TRANSLATE_NOOP("TrainWorkspace", "ResNet152V2 (the tutorial's)")},
};

QString modeText(TrainingMode mode)
{
    switch (mode) {
    case TrainingMode::Frozen: return TrainWorkspace::tr("Frozen backbone, train the head");
    case TrainingMode::TwoPhase: return TrainWorkspace::tr("Two-phase: head, then the top stacks");
    case TrainingMode::FineTune: break;
    }
    return TrainWorkspace::tr("Fine-tune everything");
}

QString phaseText(const TrainingProgress& p)
{
    using Phase = TrainingProgress::Phase;
    switch (p.phase) {
    case Phase::Preparing: return TrainWorkspace::tr("Preparing: building the model and reading the data…");
    case Phase::CachingFeatures:
        return TrainWorkspace::tr("Caching backbone features · batch %1 / %2").arg(p.batch).arg(p.batches);
    case Phase::Training:
        return TrainWorkspace::tr("Epoch %1 / %2 · training batch %3 / %4 · loss %5 · accuracy %6")
            .arg(p.epoch)
            .arg(p.epochs)
            .arg(p.batch)
            .arg(p.batches)
            .arg(p.loss, 0, 'f', 3)
            .arg(formatPercent(p.accuracy));
    case Phase::Validating:
        return TrainWorkspace::tr("Epoch %1 / %2 · validating batch %3 / %4").arg(p.epoch).arg(p.epochs).arg(p.batch).arg(p.batches);
    case Phase::EpochEnd: return TrainWorkspace::tr("Epoch %1 / %2 done").arg(p.epoch).arg(p.epochs);
    case Phase::Finished:
        // After the last epoch the worker fits the out-of-distribution gate.
        if (p.batches > 0)
            return TrainWorkspace::tr("Fitting the out-of-distribution gate · image %1 / %2").arg(p.batch).arg(p.batches);
        return p.message.empty() ? TrainWorkspace::tr("Finishing…") : QString::fromStdString(p.message);
    }
    return {};
}

} // namespace

TrainWorkspace::TrainWorkspace(Session& session, QWidget* parent)
    : Workspace(session, parent)
    , estimator_(new EpochEstimator(this))
    , estimateTimer_(new QTimer(this))
{
    setObjectName(QStringLiteral("TrainWorkspace"));
    buildToolBar();
    buildCentral();
    buildForm();

    estimateTimer_->setSingleShot(true);
    estimateTimer_->setInterval(700);
    connect(estimateTimer_, &QTimer::timeout, this, &TrainWorkspace::runEstimate);
    connect(estimator_, &EpochEstimator::estimated, this, &TrainWorkspace::showEstimate);
    connect(&session, &Session::datasetScanned, this, [this] {
        updateDatasetSummary();
        scheduleEstimate();
        if (startWhenReady_ && this->session().datasetSplits()) {
            startWhenReady_ = false;
            start();
        }
    });
    connect(&session, &Session::datasetChanged, this, [this] { updateDatasetSummary(); });

    applyPreset(Preset::CpuQuickLook);
    updateDatasetSummary();
    updateActions();
}

TrainWorkspace::~TrainWorkspace()
{
    stopWork();
}

QIcon TrainWorkspace::icon() const
{
    return themedIcon(QStringLiteral("train"));
}

void TrainWorkspace::buildToolBar()
{
    auto* toolBar = addToolBar(tr("Training"));
    toolBar->setObjectName(QStringLiteral("trainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    trainAction_ = toolBar->addAction(themedIcon(QStringLiteral("start")), tr("Train"), this, &TrainWorkspace::start);
    trainAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    trainAction_->setToolTip(tr("Start training with these options (Ctrl+Enter)"));
    pauseAction_ = toolBar->addAction(themedIcon(QStringLiteral("pause")), tr("Pause"));
    pauseAction_->setCheckable(true);
    pauseAction_->setToolTip(tr("Pause after the current batch; click again to continue"));
    connect(pauseAction_, &QAction::toggled, this, &TrainWorkspace::setPaused);
    cancelAction_ = toolBar->addAction(themedIcon(QStringLiteral("stop")), tr("Cancel"), this, &TrainWorkspace::cancel);
    cancelAction_->setToolTip(tr("Stop after the current batch; finished epochs stay saved and can be resumed"));
    toolBar->addSeparator();
    resumeAction_ = toolBar->addAction(themedIcon(QStringLiteral("resume")), tr("Resume…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Resume a Run"), runsDirectory());
        if (!dir.isEmpty())
            resumeRun(dir);
    });
    resumeAction_->setToolTip(tr("Continue an interrupted run from its last checkpoint"));
    openRunAction_ = toolBar->addAction(themedIcon(QStringLiteral("open-folder")), tr("Open Run…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a Run"), runsDirectory());
        if (!dir.isEmpty())
            openRun(dir);
    });
    openRunAction_->setToolTip(tr("Show the curves and options of a previous run"));
    toolBar->addSeparator();
    evaluateAction_ = toolBar->addAction(themedIcon(QStringLiteral("evaluate")), tr("Evaluate Best Model"), this,
                                         [this] { emit evaluateBestRequested(); });
    evaluateAction_->setToolTip(tr("Evaluate the best checkpoint of the last run on the test split"));
}

void TrainWorkspace::buildCentral()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 6, 8, 4);
    messageBar_ = new MessageBar(central);
    layout->addWidget(messageBar_);

    auto* statusRow = new QHBoxLayout;
    status_ = new QLabel(tr("Ready."), central);
    status_->setObjectName(QStringLiteral("trainStatus"));
    QFont bold = status_->font();
    bold.setBold(true);
    status_->setFont(bold);
    statusRow->addWidget(status_, 1);
    evaluateButton_ = new QPushButton(themedIcon(QStringLiteral("evaluate")), tr("Evaluate the Best Model"), central);
    evaluateButton_->hide();
    connect(evaluateButton_, &QPushButton::clicked, this, [this] { emit evaluateBestRequested(); });
    statusRow->addWidget(evaluateButton_);
    layout->addLayout(statusRow);

    auto* progressRow = new QHBoxLayout;
    progress_ = new QProgressBar(central);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setFormat(QStringLiteral("%p %"));
    progressRow->addWidget(progress_, 1);
    eta_ = new QLabel(central);
    speed_ = new QLabel(central);
    eta_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("ETA 10 h 00 min · elapsed 10 h 00 min")));
    speed_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000.0 images/s")));
    progressRow->addWidget(eta_);
    progressRow->addWidget(speed_);
    layout->addLayout(progressRow);

    curves_ = new TrainingCurvesWidget(central);
    layout->addWidget(curves_, 1);
    setCentralWidget(central);

    auto* logDock = logDock_ = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("trainLogDock"));
    log_ = new QPlainTextEdit(logDock);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);
    log_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    log_->setPlaceholderText(tr("Epoch summaries, learning-rate changes and messages appear here."));
    logDock->setWidget(log_);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);
}

void TrainWorkspace::applyDefaultLayout()
{
    resizeDocks({optionsDock_}, {390}, Qt::Horizontal);
    resizeDocks({logDock_}, {150}, Qt::Vertical);
}

void TrainWorkspace::buildForm()
{
    auto* dock = optionsDock_ = new QDockWidget(tr("Training Options"), this);
    dock->setObjectName(QStringLiteral("trainOptionsDock"));
    auto* scroll = new QScrollArea(dock);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* panel = new QWidget(scroll);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* presetForm = new QFormLayout;
    preset_ = new QComboBox(panel);
    preset_->addItem(tr("CPU quick look"), static_cast<int>(Preset::CpuQuickLook));
    preset_->addItem(tr("GPU full fine-tune"), static_cast<int>(Preset::GpuFineTune));
    preset_->addItem(tr("Tutorial (Keras)"), static_cast<int>(Preset::KerasTutorial));
    preset_->addItem(tr("Custom"), static_cast<int>(Preset::Custom));
    preset_->setItemData(0, tr("Small ResNetV2, 128 px, learning rate 1e-3, trained from scratch for 25 epochs with "
                               "light augmentation: learns in about a minute per 500 images on a CPU, without "
                               "ImageNet weights"),
                         Qt::ToolTipRole);
    preset_->setItemData(1, tr("ResNet152V2 at 224 px, learning rate 1e-4, fine-tuned from ImageNet weights"),
                         Qt::ToolTipRole);
    preset_->setItemData(2, tr("Exactly the Keras tutorial: ResNet152V2, 224 px, batch 16, Adam 1e-4, up to 500 epochs, "
                               "ReduceLROnPlateau and EarlyStopping — without its bugs"),
                         Qt::ToolTipRole);
    presetForm->addRow(tr("Preset:"), preset_);
    layout->addLayout(presetForm);
    connect(preset_, qOverload<int>(&QComboBox::activated), this,
            [this](int index) { applyPreset(static_cast<Preset>(preset_->itemData(index).toInt())); });

    datasetSummary_ = new QLabel(panel);
    datasetSummary_->setWordWrap(true);
    layout->addWidget(datasetSummary_);
    // The time per epoch sits at the top, where a preset or option change shows its cost.
    estimate_ = new QLabel(panel);
    estimate_->setWordWrap(true);
    estimate_->setObjectName(QStringLiteral("epochEstimate"));
    estimate_->setTextFormat(Qt::RichText);
    layout->addWidget(estimate_);

    // Model.
    auto* modelBox = new QGroupBox(tr("Model"), panel);
    auto* modelForm = new QFormLayout(modelBox);
    architecture_ = new QComboBox(modelBox);
    for (const ArchitectureChoice& choice : kArchitectures) {
        architecture_->addItem(tr(choice.text), QString::fromLatin1(choice.spec));
        const auto blocks = blocksPerStack(parseArchitecture(choice.spec));
        architecture_->setItemData(architecture_->count() - 1,
                                   tr("%1: %2·%3·%4·%5 bottleneck blocks per stack")
                                       .arg(QString::fromLatin1(choice.spec))
                                       .arg(blocks[0]).arg(blocks[1]).arg(blocks[2]).arg(blocks[3]),
                                   Qt::ToolTipRole);
    }
    modelForm->addRow(tr("Architecture:"), architecture_);
    auto* weightsRow = new QHBoxLayout;
    weights_ = new QLineEdit(modelBox);
    weights_->setPlaceholderText(tr("none: train from scratch"));
    weights_->setClearButtonEnabled(true);
    auto* browse = new QToolButton(modelBox);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a Keras .h5 weights file"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("ImageNet Weights"), QDir::homePath(),
                                                          tr("Keras weights (*.h5 *.weights.h5);;All files (*)"));
        if (!path.isEmpty())
            weights_->setText(path);
    });
    weightsRow->addWidget(weights_, 1);
    weightsRow->addWidget(browse);
    modelForm->addRow(tr("ImageNet weights:"), weightsRow);
    weightsStatus_ = new QLabel(modelBox);
    weightsStatus_->setWordWrap(true);
    weightsStatus_->setObjectName(QStringLiteral("weightsStatus"));
    modelForm->addRow(weightsStatus_);
    mode_ = new QComboBox(modelBox);
    for (TrainingMode mode : {TrainingMode::FineTune, TrainingMode::Frozen, TrainingMode::TwoPhase})
        mode_->addItem(modeText(mode), static_cast<int>(mode));
    modelForm->addRow(tr("Mode:"), mode_);
    modeWarning_ = new QLabel(modelBox);
    modeWarning_->setWordWrap(true);
    modeWarning_->setObjectName(QStringLiteral("modeWarning"));
    modeWarning_->setStyleSheet(QStringLiteral("QLabel { color: #c05a00; }"));
    modeWarning_->hide();
    modelForm->addRow(modeWarning_);
    layout->addWidget(modelBox);

    // Schedule.
    auto* scheduleBox = new QGroupBox(tr("Schedule"), panel);
    auto* scheduleForm = new QFormLayout(scheduleBox);
    epochs_ = new QSpinBox(scheduleBox);
    epochs_->setRange(1, 5000);
    scheduleForm->addRow(tr("Epochs:"), epochs_);
    batch_ = new QSpinBox(scheduleBox);
    batch_->setRange(1, 1024);
    scheduleForm->addRow(tr("Batch size:"), batch_);
    learningRate_ = new QComboBox(scheduleBox);
    learningRate_->setEditable(true);
    for (const char* rate : {"1e-2", "3e-3", "1e-3", "3e-4", "1e-4", "3e-5", "1e-5"})
        learningRate_->addItem(QString::fromLatin1(rate));
    auto* validator = new QDoubleValidator(1e-8, 1.0, 10, learningRate_);
    validator->setNotation(QDoubleValidator::ScientificNotation);
    validator->setLocale(QLocale::c());
    learningRate_->setValidator(validator);
    learningRate_->setToolTip(tr("Adam learning rate. From scratch 1e-3 learns; 1e-4 suits ImageNet-initialised weights."));
    scheduleForm->addRow(tr("Learning rate:"), learningRate_);
    imageSize_ = new QSpinBox(scheduleBox);
    imageSize_->setRange(32, 512);
    imageSize_->setSingleStep(16);
    imageSize_->setSuffix(tr(" px"));
    scheduleForm->addRow(tr("Image size:"), imageSize_);
    imbalance_ = new QComboBox(scheduleBox);
    imbalance_->addItem(tr("None (plain accuracy)"), static_cast<int>(ImbalanceStrategy::None));
    imbalance_->addItem(tr("Class weights"), static_cast<int>(ImbalanceStrategy::ClassWeights));
    imbalance_->addItem(tr("Balanced sampling"), static_cast<int>(ImbalanceStrategy::BalancedSampling));
    imbalance_->setToolTip(tr("KL grades are imbalanced (grade 4 is 3 % of the data): weights or balanced batches "
                              "keep the rare grades from being ignored"));
    scheduleForm->addRow(tr("Class imbalance:"), imbalance_);
    reduceLr_ = new QCheckBox(tr("Lower the learning rate on plateaus (÷5)"), scheduleBox);
    earlyStopping_ = new QCheckBox(tr("Stop early (no val-loss gain in 25 epochs)"), scheduleBox);
    reduceLr_->setToolTip(tr("Keras ReduceLROnPlateau: ×0.2 after 10 epochs without a lower validation loss, down to 1e-5"));
    scheduleForm->addRow(reduceLr_);
    scheduleForm->addRow(earlyStopping_);
    layout->addWidget(scheduleBox);

    // Augmentation.
    auto* augmentBox = new QGroupBox(tr("Augmentation"), panel);
    auto* augmentForm = new QFormLayout(augmentBox);
    augment_ = new QCheckBox(tr("Augment training images"), augmentBox);
    augmentForm->addRow(augment_);
    flip_ = new QCheckBox(tr("Horizontal flip"), augmentBox);
    augmentForm->addRow(flip_);
    auto makeFactor = [augmentBox](double maximum, const QString& tip) {
        auto* spin = new QDoubleSpinBox(augmentBox);
        spin->setRange(0.0, maximum);
        spin->setSingleStep(0.05);
        spin->setDecimals(2);
        spin->setToolTip(tip);
        return spin;
    };
    rotation_ = makeFactor(0.5, tr("Fraction of a full turn: 0.1 = ±36°"));
    zoom_ = makeFactor(0.9, tr("RandomZoom factor: 0.2 = ±20 %"));
    translation_ = makeFactor(0.5, tr("RandomTranslation factor of height and width"));
    augmentForm->addRow(tr("Rotation:"), rotation_);
    augmentForm->addRow(tr("Zoom:"), zoom_);
    augmentForm->addRow(tr("Translation:"), translation_);
    connect(augment_, &QCheckBox::toggled, this, [this](bool on) {
        for (QWidget* widget : std::initializer_list<QWidget*>{flip_, rotation_, zoom_, translation_})
            widget->setEnabled(on);
    });
    layout->addWidget(augmentBox);

    // Run.
    auto* runBox = new QGroupBox(tr("Run"), panel);
    auto* runForm = new QFormLayout(runBox);
    device_ = new QComboBox(runBox);
    device_->addItem(tr("Automatic"), static_cast<int>(DevicePreference::Auto));
    device_->addItem(tr("CPU"), static_cast<int>(DevicePreference::Cpu));
    device_->addItem(tr("CUDA GPU"), static_cast<int>(DevicePreference::Cuda));
    if (!session().runtime().cudaAvailable) {
        device_->setItemData(2, false, Qt::UserRole - 1);   // disables the item
        device_->setItemData(2, tr("No usable GPU on this computer"), Qt::ToolTipRole);
    }
    device_->setToolTip(tr("Automatic: %1").arg(toQString(session().runtime().deviceName)));
    runForm->addRow(tr("Device:"), device_);
    // GPU-only switches (docs/PERFORMANCE.md "GPU"): the trainer ignores them on the CPU.
    mixedPrecision_ = new QCheckBox(tr("bf16 mixed precision (GPU)"), runBox);
    mixedPrecision_->setToolTip(tr("Half the activation memory, for larger batches. At batch 32 fp32 measured faster "
                                   "through the trainer on an H200."));
    deterministic_ = new QCheckBox(tr("Deterministic (GPU)"), runBox);
    deterministic_->setToolTip(tr("Bit-reproducible GPU runs and resumes, about 6 % slower. CPU runs always are."));
    runForm->addRow(mixedPrecision_);
    runForm->addRow(deterministic_);
    seed_ = new QSpinBox(runBox);
    seed_->setRange(0, 1000000000);
    seed_->setToolTip(tr("Same seed, same data, same options: the same run"));
    runForm->addRow(tr("Seed:"), seed_);
    runDir_ = new QLineEdit(runBox);
    runDir_->setPlaceholderText(tr("a new folder per run"));
    runDir_->setToolTip(tr("Checkpoints, history.csv, options.json and train.log are written here.\nDefault: %1")
                            .arg(QDir::toNativeSeparators(runsDirectory())));
    runForm->addRow(tr("Run folder:"), runDir_);
    layout->addWidget(runBox);

    layout->addStretch(1);

    scroll->setWidget(panel);
    dock->setWidget(scroll);
    panel->setMinimumWidth(340);
    scroll->setMinimumWidth(360);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    // Any edit makes the preset "Custom" and refreshes the estimate.
    auto changed = [this] {
        markCustom();
        updateModeWarning();
        scheduleEstimate();
    };
    connect(architecture_, qOverload<int>(&QComboBox::currentIndexChanged), this, changed);
    connect(mode_, qOverload<int>(&QComboBox::currentIndexChanged), this, changed);
    connect(imageSize_, qOverload<int>(&QSpinBox::valueChanged), this, changed);
    connect(batch_, qOverload<int>(&QSpinBox::valueChanged), this, changed);
    for (QSpinBox* spin : {epochs_, seed_})
        connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, [this] { markCustom(); });
    for (QDoubleSpinBox* spin : {rotation_, zoom_, translation_})
        connect(spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this] { markCustom(); });
    for (QCheckBox* box : {augment_, flip_, reduceLr_, earlyStopping_, mixedPrecision_, deterministic_})
        connect(box, &QCheckBox::toggled, this, [this] { markCustom(); });
    connect(learningRate_, &QComboBox::currentTextChanged, this, [this] { markCustom(); });
    connect(imbalance_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { markCustom(); });
    connect(device_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { markCustom(); });
    connect(weights_, &QLineEdit::textChanged, this, [this] {
        markCustom();
        updateModeWarning();
        recogniseWeights();
    });
}

void TrainWorkspace::markCustom()
{
    if (!applyingPreset_)
        preset_->setCurrentIndex(preset_->findData(static_cast<int>(Preset::Custom)));
}

void TrainWorkspace::applyPreset(Preset preset)
{
    if (preset == Preset::Custom)
        return;
    TrainOptions o;
    o.dataRoot = session().datasetRoot().toStdString();
    switch (preset) {
    case Preset::CpuQuickLook:
        // DESIGN.md: without ImageNet weights only a small network at a from-scratch rate learns.
        // Measured on the demo phantoms (docs/PERFORMANCE.md, "CPU quick look"): 128 px and light
        // augmentation reach ~0.7 validation accuracy in 25 epochs, where 96 px with the tutorial's
        // ±36° turns and inverse-frequency weights stayed near 0.4.
        o.model.backbone = parseArchitecture("resnetv2-small");
        o.preprocessing.imageSize = 128;
        o.learningRate = 1e-3;
        o.mode = TrainingMode::FineTune;
        o.epochs = 25;
        o.batchSize = 16;
        o.imbalance = ImbalanceStrategy::None;
        o.augment.rotation = 0.03;
        o.augment.zoom = 0.1;
        o.augment.translation = 0.05;
        break;
    case Preset::GpuFineTune:
        o.model.backbone = parseArchitecture("resnet152v2");
        o.preprocessing.imageSize = 224;
        o.learningRate = 1e-4;
        o.mode = TrainingMode::FineTune;
        o.epochs = 100;
        o.batchSize = 32;
        o.imbalance = ImbalanceStrategy::ClassWeights;
        o.runtime.device = DevicePreference::Auto;
        break;
    case Preset::KerasTutorial:
        // The tutorial's exact settings; mode is what it actually did (fine-tune, bug 2).
        o.model.backbone = parseArchitecture("resnet152v2");
        o.preprocessing.imageSize = 224;
        o.learningRate = 1e-4;
        o.mode = TrainingMode::FineTune;
        o.epochs = 500;
        o.batchSize = 16;
        o.imbalance = ImbalanceStrategy::None;
        break;
    case Preset::Custom: break;
    }
    o.imagenetWeights = preset == Preset::CpuQuickLook ? std::string() : weights_->text().toStdString();
    applyingPreset_ = true;
    setFormOptions(o);
    preset_->setCurrentIndex(preset_->findData(static_cast<int>(preset)));
    applyingPreset_ = false;
    updateModeWarning();
    if (preset != Preset::CpuQuickLook && weights_->text().isEmpty())
        weightsStatus_->setText(tr("This preset expects ImageNet weights: choose the official Keras file "
                                   "resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5."));
    scheduleEstimate();
}

void TrainWorkspace::setFormOptions(const TrainOptions& o)
{
    const bool wasApplying = applyingPreset_;
    applyingPreset_ = true;
    // Match by structure: "resnetv2-small" and "resnetv2:2,2,2,2:16" are the same network.
    const QString arch = QString::fromStdString(architectureName(o.model.backbone));
    int index = -1;
    for (int i = 0; i < architecture_->count() && index < 0; ++i) {
        const BackboneOptions candidate = parseArchitecture(architecture_->itemData(i).toString().toStdString());
        if (blocksPerStack(candidate) == blocksPerStack(o.model.backbone) && candidate.baseFilters == o.model.backbone.baseFilters)
            index = i;
    }
    if (index < 0) {
        architecture_->addItem(arch, arch);
        index = architecture_->count() - 1;
    }
    architecture_->setCurrentIndex(index);
    weights_->setText(QString::fromStdString(o.imagenetWeights));
    mode_->setCurrentIndex(mode_->findData(static_cast<int>(o.mode)));
    epochs_->setValue(o.epochs);
    batch_->setValue(o.batchSize);
    learningRate_->setCurrentText(formatLearningRate(o.learningRate));
    imageSize_->setValue(o.preprocessing.imageSize);
    imbalance_->setCurrentIndex(imbalance_->findData(static_cast<int>(o.imbalance)));
    augment_->setChecked(o.augment.enabled);
    flip_->setChecked(o.augment.flip);
    rotation_->setValue(o.augment.rotation);
    zoom_->setValue(o.augment.zoom);
    translation_->setValue(o.augment.translation);
    reduceLr_->setChecked(o.reduceLr.enabled);
    earlyStopping_->setChecked(o.earlyStopping.enabled);
    device_->setCurrentIndex(device_->findData(static_cast<int>(o.runtime.device)));
    mixedPrecision_->setChecked(o.mixedPrecision);
    deterministic_->setChecked(o.deterministic);
    seed_->setValue(static_cast<int>(o.seed));
    applyingPreset_ = wasApplying;
    updateModeWarning();
}

TrainOptions TrainWorkspace::trainOptions() const
{
    TrainOptions o;
    o.dataRoot = session().datasetRoot().toStdString();
    o.runDir = (runDir_->text().trimmed().isEmpty() ? (fixedRunDir_.isEmpty() ? defaultRunDirectory() : fixedRunDir_)
                                                    : runDir_->text().trimmed())
                   .toStdString();
    o.model.backbone = parseArchitecture(architecture_->currentData().toString().toStdString());
    o.model.seed = static_cast<std::uint64_t>(seed_->value());
    o.imagenetWeights = weights_->text().trimmed().toStdString();
    o.preprocessing.imageSize = imageSize_->value();
    o.mode = static_cast<TrainingMode>(mode_->currentData().toInt());
    o.epochs = epochs_->value();
    o.batchSize = batch_->value();
    bool ok = false;
    const double rate = QLocale::c().toDouble(learningRate_->currentText().trimmed(), &ok);
    o.learningRate = ok && rate > 0 ? rate : 1e-3;
    o.imbalance = static_cast<ImbalanceStrategy>(imbalance_->currentData().toInt());
    o.augment.enabled = augment_->isChecked();
    o.augment.flip = flip_->isChecked();
    o.augment.rotation = rotation_->value();
    o.augment.zoom = zoom_->value();
    o.augment.translation = translation_->value();
    o.reduceLr.enabled = reduceLr_->isChecked();
    o.earlyStopping.enabled = earlyStopping_->isChecked();
    o.runtime.device = static_cast<DevicePreference>(device_->currentData().toInt());
    o.mixedPrecision = mixedPrecision_->isChecked();
    o.deterministic = deterministic_->isChecked();
    o.seed = static_cast<std::uint64_t>(seed_->value());
    return o;
}

void TrainWorkspace::setEpochs(int epochs)
{
    epochs_->setValue(epochs);
}

void TrainWorkspace::setRunDirectory(const QString& dir)
{
    fixedRunDir_ = dir;
    runDir_->setText(dir);
}

QString TrainWorkspace::runsDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/runs");
}

QString TrainWorkspace::defaultRunDirectory() const
{
    return runsDirectory() + QLatin1Char('/') + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

void TrainWorkspace::updateModeWarning()
{
    const auto mode = static_cast<TrainingMode>(mode_->currentData().toInt());
    const bool noWeights = weights_->text().trimmed().isEmpty();
    if (mode == TrainingMode::Frozen && noWeights) {
        modeWarning_->setText(tr("A frozen backbone only helps with ImageNet weights. With random weights the "
                                 "head sees random features and accuracy stays at chance: choose the weights "
                                 "file or fine-tune everything."));
        modeWarning_->show();
    } else if (mode == TrainingMode::FineTune && noWeights && learningRate_->currentText() == QLatin1String("1e-4")) {
        modeWarning_->setText(tr("From scratch, 1e-4 barely moves in the first epochs; 1e-3 learns much sooner."));
        modeWarning_->show();
    } else {
        modeWarning_->hide();
    }
}

void TrainWorkspace::recogniseWeights()
{
    const QString path = weights_->text().trimmed();
    if (path.isEmpty()) {
        weightsStatus_->setText(tr("Trains from random weights (fine for the demo with the CPU quick look)."));
        return;
    }
    if (!QFileInfo(path).isFile()) {
        weightsStatus_->setText(tr("<span style='color:#c0392b'>No such file.</span>"));
        return;
    }
    weightsStatus_->setText(tr("Checking the file…"));
    QPointer<TrainWorkspace> self(this);
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        const QString md5 = watcher->result();
        watcher->deleteLater();
        if (weights_->text().trimmed() != path)
            return;   // changed meanwhile
        const OfficialKerasWeights* official = findOfficialKerasWeights(md5.toStdString());
        const QString arch = architecture_->currentData().toString();
        if (official) {
            QString text = tr("<span style='color:#2e8b57'>✔ Official Keras file</span> %1 (MD5 verified).")
                               .arg(QString::fromStdString(official->fileName));
            if (QString::fromStdString(official->architecture) != arch)
                text += tr(" It holds %1 weights: choose that architecture.").arg(QString::fromStdString(official->architecture));
            weightsStatus_->setText(text);
        } else if (md5.isEmpty()) {
            weightsStatus_->setText(tr("<span style='color:#c0392b'>The file cannot be read.</span>"));
        } else {
            bool namedLikeOfficial = false;
            for (const OfficialKerasWeights& known : officialKerasWeights())
                namedLikeOfficial |= QFileInfo(path).fileName() == QString::fromStdString(known.fileName);
            weightsStatus_->setText(namedLikeOfficial
                                        ? tr("<span style='color:#c05a00'>Named like the official file, but its MD5 "
                                             "(%1) differs: an incomplete download?</span>")
                                              .arg(md5)
                                        : tr("Not an official Keras file (MD5 %1); it will be imported by layer name.")
                                              .arg(md5));
        }
    });
    watcher->setFuture(QtConcurrent::run([path] {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return QString();
        QCryptographicHash hash(QCryptographicHash::Md5);
        hash.addData(&file);
        return QString::fromLatin1(hash.result().toHex());
    }));
}

void TrainWorkspace::updateDatasetSummary()
{
    const auto splits = session().datasetSplits();
    if (!splits) {
        datasetSummary_->setText(session().datasetRoot().isEmpty()
                                     ? tr("<i>No dataset yet: open one in the Dataset workspace, or try the demo.</i>")
                                     : tr("<i>Reading the dataset…</i>"));
    } else {
        datasetSummary_->setText(tr("Trains on <b>%1</b> training images, validates on <b>%2</b>.")
                                     .arg(splits->train.size())
                                     .arg(splits->val.size()));
    }
    updateActions();
}

void TrainWorkspace::scheduleEstimate()
{
    if (!running_)
        estimateTimer_->start();
}

void TrainWorkspace::runEstimate()
{
    if (running_)
        return;
    TrainOptions o;
    try {
        o = trainOptions();
    } catch (const std::exception&) {
        return;
    }
    const auto splits = session().datasetSplits();
    const int trainImages = splits ? static_cast<int>(splits->train.size()) : 0;
    const int valImages = splits ? static_cast<int>(splits->val.size()) : 0;
    estimate_->setText(tr("<i>Measuring the time per epoch…</i>"));
    estimator_->request(o.model, o.preprocessing.imageSize, o.batchSize, trainImages, valImages);
}

void TrainWorkspace::showEstimate(const EpochEstimate& estimate)
{
    if (!estimate.ok) {
        estimate_->setText(tr("No estimate: %1").arg(estimate.error.toHtmlEscaped()));
        return;
    }
    const auto splits = session().datasetSplits();
    QString text = tr("<b>%1 parameters.</b> ").arg(formatCompactCount(static_cast<double>(estimate.parameters)));
    if (splits && !splits->train.empty()) {
        text += tr("About <b>%1 per epoch</b> on this computer's CPU (%2 × %2 px; forward pass measured at %3 ms "
                   "per image; a training step costs about three).")
                    .arg(formatDuration(estimate.epochSeconds))
                    .arg(imageSize_->value())
                    .arg(estimate.forwardSecondsPerImage * 1000.0, 0, 'f', 1);
        const double total = estimate.epochSeconds * epochs_->value();
        text += tr(" %n epoch(s): about %1 at most.", nullptr, epochs_->value()).arg(formatDuration(total));
    } else {
        text += tr("Forward pass: %1 ms per image on this CPU. Open a dataset for a time per epoch.")
                    .arg(estimate.forwardSecondsPerImage * 1000.0, 0, 'f', 1);
    }
    if (session().runtime().cudaAvailable)
        text += tr(" On the GPU it will be much faster.");
    estimate_->setText(text);
}

void TrainWorkspace::updateActions()
{
    const bool haveData = session().datasetSplits() && !session().datasetSplits()->train.empty();
    trainAction_->setEnabled(!running_ && haveData);
    pauseAction_->setEnabled(running_ && !cancelling_);
    cancelAction_->setEnabled(running_ && !cancelling_);
    resumeAction_->setEnabled(!running_);
    openRunAction_->setEnabled(!running_);
    const bool haveBest = !running_ && !lastResult_.bestCheckpoint.empty()
                          && QFileInfo::exists(QString::fromStdString(lastResult_.bestCheckpoint));
    evaluateAction_->setEnabled(haveBest);
    evaluateButton_->setVisible(haveBest);
}

void TrainWorkspace::appendLog(const QString& line)
{
    if (runMessages_.contains(line))
        return;   // the trainer's closing message arrives as progress and again as the result
    runMessages_.insert(line);
    log_->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + line);
}

bool TrainWorkspace::start()
{
    if (running_)
        return false;
    messageBar_->hideMessage();
    const auto splits = session().datasetSplits();
    if (!splits || splits->train.empty()) {
        messageBar_->showMessage(MessageBar::Kind::Warning,
                                 tr("Open a dataset first (Dataset workspace, or File ▸ Open Demo Dataset)."));
        return false;
    }
    TrainOptions options;
    try {
        options = trainOptions();
        validateTrainOptions(options);
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error, QString::fromStdString(error.what()));
        return false;
    }
    if (QFileInfo::exists(QString::fromStdString(RunFiles::path(options.runDir, RunFiles::kLastCheckpoint)))) {
        messageBar_->showMessage(MessageBar::Kind::Warning,
                                 tr("%1 already holds a run. Choose another run folder, or use Resume… to continue it.")
                                     .arg(QDir::toNativeSeparators(QString::fromStdString(options.runDir))));
        return false;
    }
    curves_->clear();
    log_->clear();
    runMessages_.clear();
    appendLog(tr("Training %1 at %2 px, %3, %n epoch(s), batch %4, learning rate %5 → %6", nullptr, options.epochs)
                  .arg(QString::fromStdString(architectureName(options.model.backbone)))
                  .arg(options.preprocessing.imageSize)
                  .arg(modeText(options.mode))
                  .arg(options.batchSize)
                  .arg(formatLearningRate(options.learningRate))
                  .arg(QDir::toNativeSeparators(QString::fromStdString(options.runDir))));
    if (options.mode == TrainingMode::Frozen && options.imagenetWeights.empty())
        appendLog(tr("Warning: frozen backbone without ImageNet weights — expect chance accuracy."));
    launch([options](TrainingWorker* worker) { worker->train(options); }, options.epochs);
    return true;
}

bool TrainWorkspace::resumeRun(const QString& runDir)
{
    if (running_)
        return false;
    messageBar_->hideMessage();
    curves_->clear();
    log_->clear();
    try {
        curves_->setHistory(readHistoryCsv(RunFiles::path(runDir.toStdString(), RunFiles::kHistory)));
    } catch (const std::exception&) {
        // No history yet: the run stopped in its first epoch.
    }
    runMessages_.clear();
    appendLog(tr("Resuming %1").arg(QDir::toNativeSeparators(runDir)));
    launch([runDir](TrainingWorker* worker) { worker->resume(runDir); }, 0);
    return true;
}

void TrainWorkspace::launch(const std::function<void(TrainingWorker*)>& begin, int plannedEpochs)
{
    estimateTimer_->stop();
    lastResult_ = {};
    plannedEpochs_ = plannedEpochs;
    if (plannedEpochs > 0)
        curves_->setPlannedEpochs(plannedEpochs);
    worker_ = new TrainingWorker;
    worker_->setProgressIntervalMs(progressIntervalMs_);
    connect(worker_, &TrainingWorker::started, this, &TrainWorkspace::onStarted);
    connect(worker_, &TrainingWorker::progress, this, &TrainWorkspace::onProgress);
    connect(worker_, &TrainingWorker::epochFinished, this, &TrainWorkspace::onEpochFinished);
    connect(worker_, &TrainingWorker::finished, this, &TrainWorkspace::onFinished);
    connect(worker_, &TrainingWorker::failed, this, &TrainWorkspace::onFailed);
    connect(worker_, &TrainingWorker::warning, this, [this](const QString& message) {
        messageBar_->showMessage(MessageBar::Kind::Warning, message);
        appendLog(tr("Warning: %1").arg(message));
    });
    thread_ = std::make_unique<WorkerThread>(worker_, QStringLiteral("TrainingWorker"));
    TrainingWorker* worker = worker_;
    QMetaObject::invokeMethod(worker, [worker, begin] { begin(worker); }, Qt::QueuedConnection);
    running_ = true;
    cancelling_ = false;
    pauseAction_->setChecked(false);
    status_->setText(tr("Starting…"));
    progress_->setValue(0);
    eta_->clear();
    speed_->clear();
    updateActions();
    emit busyChanged(true);
    emit progressChanged(0, 0, tr("Training: starting"));
    emit trainingStarted();
}

void TrainWorkspace::onStarted(const TrainOptions& options)
{
    runningOptions_ = options;
    plannedEpochs_ = options.epochs;
    curves_->setPlannedEpochs(options.epochs);
    setFormOptions(options);
    runDir_->setText(QString::fromStdString(options.runDir));
}

void TrainWorkspace::onProgress(const TrainingProgress& p)
{
    if (!running_)
        return;
    if (!p.message.empty())
        appendLog(QString::fromStdString(p.message));
    if (!cancelling_ && !pauseAction_->isChecked())
        status_->setText(phaseText(p));
    const int epochs = p.epochs > 0 ? p.epochs : std::max(1, plannedEpochs_);
    double fraction = 0.0;
    if (p.phase == TrainingProgress::Phase::Training && p.batches > 0) {
        const double position = (p.epoch - 1) + static_cast<double>(p.batch) / p.batches;
        fraction = position / epochs;
        curves_->addBatchPoint(position, p.loss, p.accuracy);
    } else if (p.phase == TrainingProgress::Phase::Finished) {
        fraction = progress_->value() / 1000.0;   // the epochs are done; the bar stays where they left it
    } else if (p.epoch > 0) {
        fraction = static_cast<double>(p.epoch - (p.phase == TrainingProgress::Phase::EpochEnd ? 0 : 1)) / epochs;
        if (p.phase == TrainingProgress::Phase::Validating && p.batches > 0)
            fraction = (p.epoch - 1 + 0.9 + 0.1 * p.batch / p.batches) / epochs;
    }
    progress_->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
    if (p.etaSeconds > 0)
        eta_->setText(tr("ETA %1 · elapsed %2").arg(formatDuration(p.etaSeconds), formatDuration(p.elapsedSeconds)));
    // The training rate only: validation (forward passes alone) runs several times faster and
    // would make the figure jump at the end of every epoch.
    if (p.imagesPerSecond > 0 && p.phase == TrainingProgress::Phase::Training)
        speed_->setText(tr("%1 training images/s").arg(p.imagesPerSecond, 0, 'f', 1));
    emit progressChanged(progress_->value(), 1000,
                         p.phase == TrainingProgress::Phase::Finished
                             ? tr("Training: finishing")
                             : tr("Training: epoch %1 / %2").arg(std::max(1, p.epoch)).arg(epochs));
}

void TrainWorkspace::onEpochFinished(const EpochRecord& r)
{
    curves_->addEpoch(r);
    appendLog(tr("Epoch %1/%2 — loss %3, accuracy %4 · val_loss %5, val_accuracy %6 · lr %7 · %8")
                  .arg(r.epoch)
                  .arg(plannedEpochs_)
                  .arg(r.loss, 0, 'f', 4)
                  .arg(r.accuracy, 0, 'f', 4)
                  .arg(r.valLoss, 0, 'f', 4)
                  .arg(r.valAccuracy, 0, 'f', 4)
                  .arg(formatLearningRate(r.learningRate))
                  .arg(formatDuration(r.durationSeconds)));
    emit epochFinished(r);
}

void TrainWorkspace::onFinished(const TrainingResult& result)
{
    lastResult_ = result;
    if (!result.history.empty() && curves_->epochCount() != static_cast<int>(result.history.size()))
        curves_->setHistory(result.history);
    const int epochs = static_cast<int>(result.history.size());
    QString summary;
    switch (result.status) {
    case TrainingResult::Status::Completed:
        summary = tr("Training finished: %n epoch(s).", nullptr, epochs);
        break;
    case TrainingResult::Status::EarlyStopped:
        summary = tr("Stopped early after %n epoch(s): the validation loss stopped improving.", nullptr, epochs);
        break;
    case TrainingResult::Status::Cancelled:
        summary = tr("Cancelled after %n finished epoch(s). Resume… continues the run.", nullptr, epochs);
        break;
    case TrainingResult::Status::Failed:
        summary = tr("Training failed.");
        messageBar_->showMessage(MessageBar::Kind::Error, QString::fromStdString(result.message));
        break;
    }
    if (result.bestEpoch > 0)
        summary += tr(" Best epoch %1 (validation loss %2).").arg(result.bestEpoch).arg(result.bestValLoss, 0, 'f', 4);
    status_->setText(summary);
    appendLog(summary);
    if (!result.message.empty() && result.status != TrainingResult::Status::Failed)
        appendLog(QString::fromStdString(result.message));
    if (result.status != TrainingResult::Status::Cancelled && result.status != TrainingResult::Status::Failed)
        progress_->setValue(1000);
    double seconds = 0.0;
    for (const EpochRecord& record : result.history)
        seconds += record.durationSeconds;
    eta_->setText(tr("took %1").arg(formatDuration(seconds)));
    finishRun();
    if (!result.bestCheckpoint.empty() && QFileInfo::exists(QString::fromStdString(result.bestCheckpoint))) {
        session().setCheckpointPath(QString::fromStdString(result.bestCheckpoint));
        appendLog(tr("Best checkpoint: %1").arg(QDir::toNativeSeparators(QString::fromStdString(result.bestCheckpoint))));
    }
    updateActions();
    emit statusMessage(summary, 8000);
    emit trainingFinished(result);
}

void TrainWorkspace::onFailed(const QString& message)
{
    lastResult_ = {};
    lastResult_.status = TrainingResult::Status::Failed;
    lastResult_.message = message.toStdString();
    messageBar_->showMessage(MessageBar::Kind::Error, message);
    status_->setText(tr("Training could not run."));
    appendLog(tr("Error: %1").arg(message));
    finishRun();
    updateActions();
    emit trainingFinished(lastResult_);
}

void TrainWorkspace::finishRun()
{
    thread_.reset();   // the worker has returned; this joins its thread
    worker_ = nullptr;
    running_ = false;
    cancelling_ = false;
    pauseAction_->setChecked(false);
    updateActions();
    emit progressChanged(-1, 0, {});
    emit busyChanged(false);
    scheduleEstimate();
}

void TrainWorkspace::setPaused(bool paused)
{
    if (!worker_)
        return;
    worker_->setPaused(paused);
    status_->setText(paused ? tr("Paused — click Pause again to continue.") : tr("Continuing…"));
    appendLog(paused ? tr("Paused") : tr("Continued"));
}

void TrainWorkspace::cancel()
{
    if (!worker_ || cancelling_)
        return;
    cancelling_ = true;
    worker_->setPaused(false);
    worker_->cancel();
    status_->setText(tr("Cancelling after the current batch…"));
    appendLog(tr("Cancel requested"));
    updateActions();
}

bool TrainWorkspace::openRun(const QString& runDir)
{
    if (running_)
        return false;
    messageBar_->hideMessage();
    const std::string dir = runDir.toStdString();
    try {
        const auto history = readHistoryCsv(RunFiles::path(dir, RunFiles::kHistory));
        std::ifstream in(RunFiles::path(dir, RunFiles::kOptions));
        if (in) {
            TrainOptions options = nlohmann::json::parse(in).get<TrainOptions>();
            setFormOptions(options);
            curves_->setPlannedEpochs(options.epochs);
            plannedEpochs_ = options.epochs;
        }
        curves_->setHistory(history);
        status_->setText(tr("Run %1: %n epoch(s).", nullptr, static_cast<int>(history.size()))
                             .arg(QDir::toNativeSeparators(runDir)));
        runDir_->clear();
    } catch (const std::exception& error) {
        messageBar_->showMessage(MessageBar::Kind::Error, tr("This run cannot be opened: %1").arg(QString::fromStdString(error.what())));
        return false;
    }
    const QString best = QString::fromStdString(RunFiles::path(dir, RunFiles::kBestCheckpoint));
    if (QFileInfo::exists(best)) {
        lastResult_ = {};
        lastResult_.bestCheckpoint = best.toStdString();
        session().setCheckpointPath(best);
    }
    updateActions();
    return true;
}

void TrainWorkspace::startWhenDatasetReady()
{
    if (session().datasetSplits())
        start();
    else
        startWhenReady_ = true;
}

bool TrainWorkspace::confirmStop()
{
    if (!running_)
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Training Is Running"),
        tr("Training is running. Stop it now?\n\nFinished epochs stay saved in %1; Resume… continues from there.")
            .arg(QDir::toNativeSeparators(QString::fromStdString(runningOptions_.runDir))),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    return answer == QMessageBox::Yes;
}

void TrainWorkspace::stopWork()
{
    if (worker_)
        worker_->cancel();
    thread_.reset();
    if (running_) {
        worker_ = nullptr;
        running_ = false;
        cancelling_ = false;
        emit busyChanged(false);
    }
}

} // namespace kg::ui
