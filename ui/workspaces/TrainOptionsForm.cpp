#include "ui/workspaces/TrainOptionsForm.h"

#include "ui/Session.h"
#include "ui/utility/DialogFolders.h"
#include "ui/utility/Format.h"
#include "ui/utility/StoragePaths.h"

#include "core/model/KerasWeights.h"
#include "core/train/TrainPresets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace kg::ui {
namespace {

struct ArchitectureChoice {
    const char* spec;
    const char* text;
};

const ArchitectureChoice kArchitectures[] = {
    {"resnetv2-tiny", QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm", "ResNetV2 tiny (tests)")},
    {"resnetv2-small", QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm", "ResNetV2 small (fast on a CPU)")},
    {"resnet50v2", QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm", "ResNet50V2")},
    {"resnet101v2", QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm", "ResNet101V2")},
    {"resnet152v2", QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm", "ResNet152V2 (the tutorial's)")},
};

} // namespace

QString TrainOptionsForm::modeText(TrainingMode mode)
{
    switch (mode) {
    case TrainingMode::Frozen: return tr("Frozen backbone, train the head");
    case TrainingMode::TwoPhase: return tr("Two-phase: head, then the top stacks");
    case TrainingMode::FineTune: break;
    }
    return tr("Fine-tune everything");
}

QString TrainOptionsForm::runsDirectory()
{
    return appDataDirectory() + QStringLiteral("/runs");
}

TrainOptionsForm::TrainOptionsForm(Session& session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
    , estimator_(new EpochEstimator(this))
    , estimateTimer_(new QTimer(this))
{
    setObjectName(QStringLiteral("TrainOptionsForm"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* presetForm = new QFormLayout;
    preset_ = new QComboBox(this);
    // The presets are core's table (the CLI's --preset lists the same), with its names and descriptions.
    // Their names and descriptions are shown translated; a preset the table below lacks keeps core's English.
    static const struct {
        const char* id;
        const char* name;
        const char* description;
    } translatedPresets[] = {
        {"cpu-quick-look", QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm", "CPU quick look"),
         QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm",
                           "Small ResNetV2, 128 px, learning rate 1e-3, trained from scratch for 25 epochs with light "
                           "augmentation: learns in about a minute per 500 images on a CPU, without ImageNet weights")},
        {"gpu-full-fine-tune", QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm", "GPU full fine-tune"),
         QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm",
                           "ResNet152V2 at 224 px, learning rate 1e-4, batch 32, up to 100 epochs with class weights: "
                           "everything fine-tuned from ImageNet weights, on a GPU")},
        {"keras-tutorial", QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm", "Tutorial (Keras)"),
         QT_TRANSLATE_NOOP("kg::ui::TrainOptionsForm",
                           "Exactly the Keras tutorial: ResNet152V2, 224 px, batch 16, Adam 1e-4, up to 500 epochs, "
                           "ReduceLROnPlateau and EarlyStopping — without its bugs")},
    };
    for (const TrainPreset& preset : trainPresets()) {
        QString name = QString::fromStdString(preset.name);
        QString description = QString::fromStdString(preset.description);
        for (const auto& translated : translatedPresets)
            if (preset.id == translated.id && preset.name == translated.name) {
                name = tr(translated.name);
                description = tr(translated.description);
            }
        preset_->addItem(name, QString::fromStdString(preset.id));
        preset_->setItemData(preset_->count() - 1, description, Qt::ToolTipRole);
    }
    preset_->addItem(tr("Custom"), QString());
    presetForm->addRow(tr("Preset:"), preset_);
    layout->addLayout(presetForm);
    connect(preset_, qOverload<int>(&QComboBox::activated), this,
            [this](int index) { applyPreset(preset_->itemData(index).toString().toStdString()); });

    datasetSummary_ = new QLabel(this);
    datasetSummary_->setWordWrap(true);
    layout->addWidget(datasetSummary_);
    // The time per epoch sits at the top, where a preset or option change shows its cost.
    estimate_ = new QLabel(this);
    estimate_->setWordWrap(true);
    estimate_->setObjectName(QStringLiteral("epochEstimate"));
    estimate_->setTextFormat(Qt::RichText);
    layout->addWidget(estimate_);

    // Model.
    auto* modelBox = new QGroupBox(tr("Model"), this);
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
        const QString path = QFileDialog::getOpenFileName(
            this, tr("ImageNet Weights"), dialogStartFolder(session_, DialogPurpose::Weights, {weights_->text().trimmed()}),
            tr("Keras weights (*.h5 *.weights.h5);;All files (*)"));
        if (!path.isEmpty()) {
            rememberDialogFolder(session_, DialogPurpose::Weights, path);
            weights_->setText(path);
        }
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
    auto* scheduleBox = new QGroupBox(tr("Schedule"), this);
    auto* scheduleForm = new QFormLayout(scheduleBox);
    epochs_ = new QSpinBox(scheduleBox);
    epochs_->setRange(1, 5000);
    scheduleForm->addRow(tr("Epochs:"), epochs_);
    batch_ = new QSpinBox(scheduleBox);
    batch_->setRange(1, 1024);
    batch_->setObjectName(QStringLiteral("batchSize"));
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
    lrScaling_ = new QComboBox(scheduleBox);
    lrScaling_->setObjectName(QStringLiteral("lrScaling"));
    lrScaling_->addItem(tr("No"), static_cast<int>(LearningRateScaling::None));
    lrScaling_->addItem(tr("√(batch ÷ reference), for Adam"), static_cast<int>(LearningRateScaling::Sqrt));
    lrScaling_->addItem(tr("batch ÷ reference, linear"), static_cast<int>(LearningRateScaling::Linear));
    scheduleForm->addRow(tr("Scale with batch:"), lrScaling_);
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
    auto* augmentBox = new QGroupBox(tr("Augmentation"), this);
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
    auto* runBox = new QGroupBox(tr("Run"), this);
    auto* runForm = new QFormLayout(runBox);
    device_ = new QComboBox(runBox);
    device_->addItem(tr("Automatic"), static_cast<int>(DevicePreference::Auto));
    device_->addItem(tr("CPU"), static_cast<int>(DevicePreference::Cpu));
    device_->addItem(tr("CUDA GPU"), static_cast<int>(DevicePreference::Cuda));
    if (!session_.runtime().cudaAvailable) {
        device_->setItemData(2, false, Qt::UserRole - 1);   // disables the item
        device_->setItemData(2, tr("No usable GPU on this computer"), Qt::ToolTipRole);
    }
    device_->setToolTip(tr("Automatic: %1").arg(toQString(session_.runtime().deviceName)));
    runForm->addRow(tr("Device:"), device_);
    // Several GPUs: one training process per GPU, data-parallel; this app runs the first.
    processes_ = new QSpinBox(runBox);
    processes_->setRange(1, std::max(1, session_.runtime().cudaDeviceCount));
    processes_->setValue(processes_->maximum());
    processes_->setToolTip(tr("Trains on this many GPUs at once, one process each. Every process trains batch ÷ processes "
                              "images of each step; the gradients are averaged, so the run trains like one process with "
                              "the same batch. Pause is not available then."));
    runForm->addRow(tr("Processes:"), processes_);
    runForm->labelForField(processes_)->setVisible(session_.runtime().cudaDeviceCount > 1);
    processes_->setVisible(session_.runtime().cudaDeviceCount > 1);
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
    connect(seed_, qOverload<int>(&QSpinBox::valueChanged), this, [this] { markCustom(); });
    // More or fewer epochs scale the estimate; nothing needs timing again.
    connect(epochs_, qOverload<int>(&QSpinBox::valueChanged), this, [this] {
        markCustom();
        if (!busy_)
            showTimeEstimate();
    });
    for (QDoubleSpinBox* spin : {rotation_, zoom_, translation_})
        connect(spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this] { markCustom(); });
    for (QCheckBox* box : {augment_, flip_, reduceLr_, earlyStopping_, mixedPrecision_, deterministic_})
        connect(box, &QCheckBox::toggled, this, [this] { markCustom(); });
    connect(learningRate_, &QComboBox::currentTextChanged, this, [this] {
        markCustom();
        updateLrScalingTip();
    });
    connect(lrScaling_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        markCustom();
        updateLrScalingTip();
    });
    connect(batch_, qOverload<int>(&QSpinBox::valueChanged), this, [this] { updateLrScalingTip(); });
    connect(imbalance_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { markCustom(); });
    connect(device_, qOverload<int>(&QComboBox::currentIndexChanged), this, changed);   // timed on that device
    connect(weights_, &QLineEdit::textChanged, this, [this] {
        markCustom();
        updateModeWarning();
        recogniseWeights();
    });

    estimateTimer_->setSingleShot(true);
    estimateTimer_->setInterval(700);
    connect(estimateTimer_, &QTimer::timeout, this, &TrainOptionsForm::runEstimate);
    connect(estimator_, &EpochEstimator::estimated, this, &TrainOptionsForm::showEstimate);
    connect(&session, &Session::datasetScanned, this, [this] {
        updateDatasetSummary();
        // The timing is per image: a new dataset only rescales it.
        if (time_.basis() == EstimateBasis::Nothing)
            scheduleEstimate();
        else if (!busy_)
            showTimeEstimate();
    });
    connect(&session, &Session::datasetChanged, this, [this] { updateDatasetSummary(); });
}

void TrainOptionsForm::markCustom()
{
    if (!applyingPreset_)
        preset_->setCurrentIndex(preset_->findData(QString()));
}

std::string TrainOptionsForm::presetId() const
{
    return preset_->currentData().toString().toStdString();
}

void TrainOptionsForm::applyPreset(const std::string& id)
{
    const TrainPreset* preset = findTrainPreset(id);
    if (!preset)
        return;
    // A fresh set of options: what the preset does not set takes the defaults (seed, device…).
    TrainOptions o;
    o.dataRoot = session_.datasetRoot().toStdString();
    o.imagenetWeights = weights_->text().toStdString();
    preset->apply(o);
    applyingPreset_ = true;
    setOptions(o);
    preset_->setCurrentIndex(preset_->findData(QString::fromStdString(preset->id)));
    applyingPreset_ = false;
    updateModeWarning();
    if (preset->expectsImagenetWeights && weights_->text().isEmpty())
        weightsStatus_->setText(tr("This preset expects ImageNet weights: choose the official Keras file "
                                   "resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5."));
    scheduleEstimate();
}

void TrainOptionsForm::setOptions(const TrainOptions& o)
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
    lrReferenceBatch_ = o.lrReferenceBatch;
    lrScaling_->setCurrentIndex(lrScaling_->findData(static_cast<int>(o.lrScaling)));
    updateLrScalingTip();
    imageSize_->setValue(o.preprocessing.imageSize);
    imbalance_->setCurrentIndex(imbalance_->findData(static_cast<int>(o.imbalance)));
    const AugmentOptions& a = o.augmentation;
    augment_->setChecked(o.augment);
    flip_->setChecked(a.horizontalFlip);
    rotation_->setValue(a.rotate ? a.rotationFactor : 0.0);  // a factor of 0: the transform is off
    zoom_->setValue(a.zoom ? a.zoomFactor : 0.0);
    translation_->setValue(a.translate ? a.translationFactor : 0.0);
    reduceLr_->setChecked(o.reduceLr.enabled);
    earlyStopping_->setChecked(o.earlyStopping.enabled);
    device_->setCurrentIndex(device_->findData(static_cast<int>(o.runtime.device)));
    mixedPrecision_->setChecked(o.mixedPrecision);
    deterministic_->setChecked(o.deterministic);
    seed_->setValue(static_cast<int>(o.seed));
    applyingPreset_ = wasApplying;
    updateModeWarning();
}

void TrainOptionsForm::updateLrScalingTip()
{
    // The rate a run would start with, so the rule is never a surprise.
    const TrainOptions o = options();
    const QString started = formatLearningRate(scaledLearningRate(o));
    lrScaling_->setToolTip(
        tr("The learning rate above is the one for batch %1 (the tutorial's). Larger batches on a GPU average more "
           "images per step; scaling the rate keeps training comparable. This run starts at %2.")
            .arg(o.lrReferenceBatch)
            .arg(started));
}

int TrainOptionsForm::processes() const { return processes_->isVisibleTo(this) ? processes_->value() : 1; }

TrainOptions TrainOptionsForm::options() const
{
    TrainOptions o;
    o.dataRoot = session_.datasetRoot().toStdString();
    o.runDir = runDir_->text().trimmed().toStdString();
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
    o.lrScaling = static_cast<LearningRateScaling>(lrScaling_->currentData().toInt());
    o.lrReferenceBatch = lrReferenceBatch_;
    o.imbalance = static_cast<ImbalanceStrategy>(imbalance_->currentData().toInt());
    o.augment = augment_->isChecked();
    AugmentOptions& a = o.augmentation;
    a.horizontalFlip = flip_->isChecked();
    a.rotationFactor = rotation_->value();
    a.rotate = a.rotationFactor > 0;
    a.zoomFactor = zoom_->value();
    a.zoom = a.zoomFactor > 0;
    a.translationFactor = translation_->value();
    a.translate = a.translationFactor > 0;
    o.reduceLr.enabled = reduceLr_->isChecked();
    o.earlyStopping.enabled = earlyStopping_->isChecked();
    o.runtime.device = static_cast<DevicePreference>(device_->currentData().toInt());
    o.mixedPrecision = mixedPrecision_->isChecked();
    o.deterministic = deterministic_->isChecked();
    o.seed = static_cast<std::uint64_t>(seed_->value());
    return o;
}

void TrainOptionsForm::setEpochs(int epochs)
{
    epochs_->setValue(epochs);
}

void TrainOptionsForm::setRunDirectory(const QString& dir)
{
    runDir_->setText(dir);
}

void TrainOptionsForm::clearRunDirectory()
{
    runDir_->clear();
}

void TrainOptionsForm::setBusy(bool busy)
{
    busy_ = busy;
    if (busy) {
        estimateTimer_->stop();
        estimator_->cancel();
    }
}

void TrainOptionsForm::updateModeWarning()
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

void TrainOptionsForm::recogniseWeights()
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

} // namespace kg::ui
