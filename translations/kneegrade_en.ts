<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Format</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>could not be decoded</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TrainWorkspace</name>
    <message>
        <source>ResNet50V2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ResNet101V2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ResNet152V2 (the tutorial's)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ResNetV2 tiny (tests)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ResNetV2 small (fast on a CPU)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::AboutDialog</name>
    <message>
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CUDA</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n GPU(s)</source>
        <translation>
            <numerusform>%n GPU</numerusform>
            <numerusform>%n GPUs</numerusform>
        </translation>
    </message>
    <message>
        <source>not available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CPU threads</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>BLAS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Channels-last convolutions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About KneeGrade</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h2 style='margin:0'&gt;KneeGrade %1&lt;/h2&gt;&lt;p&gt;Trains, evaluates and explains a ResNet152V2 classifier that grades knee radiographs into Kellgren–Lawrence grades 0–4.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Versions and device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;KneeGrade&lt;/b&gt; is research software for training and evaluating knee-radiograph graders. It is not a medical device and must not be used for diagnosis.&lt;/p&gt;&lt;p&gt;Because the desktop application links QCustomPlot (GPL-3.0), the &lt;i&gt;kneegrade&lt;/i&gt; executable as distributed is covered by the GNU General Public License v3; the command-line tool and core engine do not link it.&lt;/p&gt;&lt;h4&gt;Third-party software&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Qt&lt;/b&gt; — LGPL-3.0 (Qt Charts: GPL-3.0). The Qt Company Ltd and contributors.&lt;/li&gt;&lt;li&gt;&lt;b&gt;LibTorch&lt;/b&gt; (PyTorch) — BSD-3-Clause. Meta Platforms, Inc. and contributors.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenCV&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;GDCM&lt;/b&gt; (Grassroots DICOM) — BSD-3-Clause.&lt;/li&gt;&lt;li&gt;&lt;b&gt;HDF5&lt;/b&gt; — BSD-style licence, The HDF Group.&lt;/li&gt;&lt;li&gt;&lt;b&gt;QCustomPlot&lt;/b&gt; — GPL-3.0, Emanuel Eichhammer.&lt;/li&gt;&lt;li&gt;&lt;b&gt;nlohmann/json&lt;/b&gt; — MIT, Niels Lohmann.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenSSL&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenBLAS&lt;/b&gt; — BSD-3-Clause.&lt;/li&gt;&lt;/ul&gt;&lt;h4&gt;Models and data&lt;/h4&gt;&lt;p&gt;The ResNetV2 architecture follows Keras Applications (Apache-2.0). ImageNet weights are not shipped: users bring the official Keras files, which carry their own terms. The built-in demo dataset is synthetic (rendered phantoms) and contains no patient data. The knee osteoarthritis dataset it imitates (Chen 2018, Mendeley Data, doi 10.17632/56rmx5bjcr.1) derives from the Osteoarthritis Initiative and is licensed separately.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Licences</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy versions</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::ClassBalanceChart</name>
    <message>
        <source>Share of each split per grade</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>total</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::ConfusionMatrixWidget</name>
    <message>
        <source>Evaluate a checkpoint to see its confusion matrix.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Predicted grade</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>True grade</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n image(s) — click to list them</source>
        <translation>
            <numerusform>True %1, predicted %2: %n image — click to list them</numerusform>
            <numerusform>True %1, predicted %2: %n images — click to list them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2
%n image(s), %3 % of the true grade</source>
        <translation><numerusform>True %1, predicted %2
%n image, %3 % of the true grade</numerusform><numerusform>True %1, predicted %2
%n images, %3 % of the true grade</numerusform></translation>
    </message>
</context>
<context>
    <name>kg::ui::DatasetWorkspace</name>
    <message>
        <source>Dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a dataset folder (train/, val/, test/ with one folder per grade)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demo Dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open the built-in synthetic knee phantoms (made once, then cached)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Split: </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Which split the sample grid draws from</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reshuffle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Draw five other images per grade (Ctrl+R)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Class Balance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Data Problems</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking every file… %v / %m</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Full Report…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open Dataset Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Making the demo dataset…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Making the demo dataset: synthetic knee radiographs, once, on this computer…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demo dataset %1 / %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demo dataset ready</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The demo dataset could not be made: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demo dataset cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scanning &lt;b&gt;%1&lt;/b&gt;…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scanning the dataset…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 (%n image(s))</source>
        <translation>
            <numerusform>%1 (%n image)</numerusform>
            <numerusform>%1 (%n images)</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking every file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; holds no images.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Dataset opened: %n image(s)</source>
        <translation>
            <numerusform>Dataset opened: %n image</numerusform>
            <numerusform>Dataset opened: %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n image(s)</source>
        <translation>
            <numerusform>%1
%n image</numerusform>
            <numerusform>%1
%n images</numerusform>
        </translation>
    </message>
    <message>
        <source>Demo dataset (synthetic phantoms)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> · no val/ folder: %1 % of train held out by patient</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 split · %n image(s) · five random images per grade (seed %3)%4</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %2 split · %n image · five random images per grade (seed %3)%4</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · %2 split · %n images · five random images per grade (seed %3)%4</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking files %1 / %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No problems found: every file decodes, no duplicates or patients shared between splits.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This folder cannot be opened as a dataset. %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset could not be opened</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No recent datasets</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2 split)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset Report</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::EvaluateWorkspace</name>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checkpoint…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KneeGrade checkpoints (*.kgckpt);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Split: </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Report on the test split; use val while tuning, so the test set stays unseen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Flip TTA</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Average the prediction of each image and its mirror image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluate the checkpoint on this split (Ctrl+E)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row %</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show each row as percentages of its true grade (recall on the diagonal)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export Report as PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export Metrics as CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a checkpoint and a split, then Evaluate.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The classification report (as scikit-learn prints it) appears here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mistakes appear here after an evaluation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All Mistakes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Wrong predictions, most confident first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;i&gt;no checkpoint&lt;/i&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluation needs a dataset (Dataset workspace) and a checkpoint (train one, or Checkpoint…).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The %1 split of this dataset is empty.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluating %1 on the %2 split…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluating…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%v / %m images · %1 images/s · ETA %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluating %1 / %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluation cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No evaluation.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) on the &lt;b&gt;%3&lt;/b&gt; split: %n image(s) · accuracy &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 images/s on %7%8</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; (%2) on the &lt;b&gt;%3&lt;/b&gt; split: %n image · accuracy &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 images/s on %7%8</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; (%2) on the &lt;b&gt;%3&lt;/b&gt; split: %n images · accuracy &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 images/s on %7%8</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · &lt;span style='color:#c0392b'&gt;%n file(s) could not be read&lt;/span&gt;</source>
        <translation>
            <numerusform> · &lt;span style='color:#c0392b'&gt;%n file could not be read&lt;/span&gt;</numerusform>
            <numerusform> · &lt;span style='color:#c0392b'&gt;%n files could not be read&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Balanced accuracy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quadratic weighted kappa</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mean absolute error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 grades</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Macro ROC AUC</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Calibration error (ECE)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loss (cross-entropy)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>sens %1 · spec %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> · AUC %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n mistake(s), most confident first. Double-click an image to enlarge it.</source>
        <translation>
            <numerusform>%n mistake, most confident first. Double-click an image to enlarge it.</numerusform>
            <numerusform>%n mistakes, most confident first. Double-click an image to enlarge it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n image(s), most confident first.</source>
        <translation>
            <numerusform>True %1, predicted %2: %n image, most confident first.</numerusform>
            <numerusform>True %1, predicted %2: %n images, most confident first.</numerusform>
        </translation>
    </message>
    <message>
        <source> Showing the first %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 → %2
%3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>true %1, predicted %2 with %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved %1 (and -images.csv, -confusion.csv beside it)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the PDF report…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The PDF report could not be written: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Saved %n image(s) to %1</source>
        <translation>
            <numerusform>Saved %n image to %1</numerusform>
            <numerusform>Saved %n images to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kg::ui::ImageDetailsDialog</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grade (label)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Decoding…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>colour (RGB)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>grey</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1-bit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (%1 bits stored)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>, signed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bit depth</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Modality</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Body part</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Laterality</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Photometric</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (inverted for display)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transfer syntax</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> — lossy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Frames</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (the first is shown)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rescale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Modality LUT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>slope %1, intercept %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>identifiers are not read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>centre %1, width %2 (%3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::MainWindow</name>
    <message>
        <source>KneeGrade</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Workspaces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KneeGrade %1 · LibTorch %2 · %3</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Training and inference run on %1 with %n CPU thread(s); BLAS: %2</source>
        <translation>
            <numerusform>Training and inference run on %1 with %n CPU thread; BLAS: %2</numerusform>
            <numerusform>Training and inference run on %1 with %n CPU threads; BLAS: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — KneeGrade</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demo dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 Panels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open Dataset Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open &amp;Demo Dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recent &amp;Datasets</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open &amp;Checkpoint…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recent C&amp;heckpoints</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open &amp;Image to Grade…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About KneeGrade</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KneeGrade checkpoints (*.kgckpt);;All files (*)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::PredictWorkspace</name>
    <message>
        <source>Radiographs (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Predict</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open Image…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grade one radiograph (PNG, JPEG, 16-bit TIFF/PNG or DICOM); you can also drop it here</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grade Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grade every image of a folder into a table</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show where the model looked (G)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grad-CAM opacity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> Opacity </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom In</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom Out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export Predictions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drop a knee X-ray here
(PNG, JPEG, 16-bit or DICOM)

or a folder to grade many at once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drop a folder, or use Grade Folder…, to grade many images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Prediction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Probability per grade&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;i&gt;No model yet: train one, or File ▸ Open Checkpoint.&lt;/i&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a model first: train one in the Train workspace, or File ▸ Open Checkpoint.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open Radiograph</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grade a Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 cannot be graded: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KL%1 · %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Confidence &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Uncertainty (normalised entropy) %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⚠ Low confidence: the probabilities are spread over several grades. Treat this grade as a guess and look at the neighbouring grades too.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Grad-CAM&lt;/b&gt; (turbo colours, red = strongest): where the evidence for KL%1 lies in the image. It shows where the model looked, not why.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Graded %1: KL%2 (%3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 holds no images.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Grading %n image(s) of %1…</source>
        <translation>
            <numerusform>Grading %n image of %1…</numerusform>
            <numerusform>Grading %n images of %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Grading… %1 / %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grading %1 / %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Low confidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>P(KL%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KL%1 %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n image(s) graded</source>
        <translation>
            <numerusform>%n image graded</numerusform>
            <numerusform>%n images graded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n could not be read</source>
        <translation>
            <numerusform>, %n could not be read</numerusform>
            <numerusform>, %n could not be read</numerusform>
        </translation>
    </message>
    <message>
        <source>. Click a column to sort; double-click a row to see the image and its Grad-CAM.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The model cannot be used: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Dataset label: %2 (%3 split)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Grading %n image(s)…</source>
        <translation>
            <numerusform>Grading %n image…</numerusform>
            <numerusform>Grading %n images…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kg::ui::ResearchBanner</name>
    <message>
        <source>For research use only — not for diagnostic use</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::SampleGridWidget</name>
    <message>
        <source>Unreadable:
%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No images to show.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Click to enlarge</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::TrainOptionsForm</name>
    <message numerus="yes">
        <source>Estimated time: about &lt;b&gt;%1&lt;/b&gt; for %n epoch(s) (%2 per epoch).</source>
        <translation>
            <numerusform>Estimated time: about &lt;b&gt;%1&lt;/b&gt; for %n epoch (%2 per epoch).</numerusform>
            <numerusform>Estimated time: about &lt;b&gt;%1&lt;/b&gt; for %n epochs (%2 per epoch).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Based on %n batch(es) of this run so far.</source>
        <translation>
            <numerusform>Based on %n batch of this run so far.</numerusform>
            <numerusform>Based on %n batches of this run so far.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Based on %n training step(s) timed just now on %1 (%2, %3 × %3 px: %4 s a step); refined once the run starts.</source>
        <translation>
            <numerusform>Based on %n training step timed just now on %1 (%2, %3 × %3 px: %4 s a step); refined once the run starts.</numerusform>
            <numerusform>Based on %n training steps timed just now on %1 (%2, %3 × %3 px: %4 s a step); refined once the run starts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainWorkspace</name>
    <message>
        <source>Frozen backbone, train the head</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Two-phase: head, then the top stacks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fine-tune everything</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preparing: building the model and reading the data…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Caching backbone features · batch %1 / %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epoch %1 / %2 · training batch %3 / %4 · loss %5 · accuracy %6</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epoch %1 / %2 · validating batch %3 / %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epoch %1 / %2 done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finishing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start training with these options (Ctrl+Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pause after the current batch; click again to continue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop after the current batch; finished epochs stay saved and can be resumed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resume…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resume a Run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Continue an interrupted run from its last checkpoint</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open Run…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a Run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show the curves and options of a previous run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluate Best Model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluate the best checkpoint of the last run on the test split</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluate the Best Model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epoch summaries, learning-rate changes and messages appear here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training Options</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CPU quick look</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GPU full fine-tune</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tutorial (Keras)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Small ResNetV2, 96 px, learning rate 1e-3, fine-tune from scratch, 15 epochs: learns in minutes on a CPU without ImageNet weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ResNet152V2 at 224 px, learning rate 1e-4, fine-tuned from ImageNet weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exactly the Keras tutorial: ResNet152V2, 224 px, batch 16, Adam 1e-4, up to 500 epochs, ReduceLROnPlateau and EarlyStopping — without its bugs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preset:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Architecture:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>none: train from scratch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a Keras .h5 weights file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ImageNet Weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keras weights (*.h5 *.weights.h5);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ImageNet weights:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epochs:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batch size:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Adam learning rate. From scratch 1e-3 learns; 1e-4 suits ImageNet-initialised weights.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Learning rate:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image size:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>None (plain accuracy)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Class weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Balanced sampling</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KL grades are imbalanced (grade 4 is 3 % of the data): weights or balanced batches keep the rare grades from being ignored</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Class imbalance:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reduce learning rate on plateau (÷5 after 10 epochs)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop early (no val-loss gain for 25 epochs)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Augment training images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fraction of a full turn: 0.1 = ±36°</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>RandomZoom factor: 0.2 = ±20 %</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>RandomTranslation factor of height and width</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotation:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Translation:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No usable GPU on this computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Same seed, same data, same options: the same run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a new folder per run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checkpoints, history.csv, options.json and train.log are written here.
Default: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run folder:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This preset expects ImageNet weights: choose the official Keras file resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A frozen backbone only helps with ImageNet weights. With random weights the head sees random features and accuracy stays at chance: choose the weights file or fine-tune everything.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From scratch, 1e-4 barely moves in the first epochs; 1e-3 learns much sooner.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Trains from random weights (fine for the demo with the CPU quick look).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;span style='color:#c0392b'&gt;No such file.&lt;/span&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking the file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;span style='color:#2e8b57'&gt;✔ Official Keras file&lt;/span&gt; %1 (MD5 verified).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> It holds %1 weights: choose that architecture.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;span style='color:#c0392b'&gt;The file cannot be read.&lt;/span&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;span style='color:#c05a00'&gt;Named like the official file, but its MD5 (%1) differs: an incomplete download?&lt;/span&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not an official Keras file (MD5 %1); it will be imported by layer name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;i&gt;No dataset yet: open one in the Dataset workspace, or try the demo.&lt;/i&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;i&gt;Reading the dataset…&lt;/i&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Trains on &lt;b&gt;%1&lt;/b&gt; training images, validates on &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;i&gt;Measuring the time per epoch…&lt;/i&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1 parameters.&lt;/b&gt; </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About &lt;b&gt;%1 per epoch&lt;/b&gt; on this computer's CPU (%2 × %2 px; forward pass measured at %3 ms per image; a training step costs about three).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Forward pass: %1 ms per image on this CPU. Open a dataset for a time per epoch.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> On the GPU it will be much faster.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a dataset first (Dataset workspace, or File ▸ Open Demo Dataset).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 already holds a run. Choose another run folder, or use Resume… to continue it.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Training %1 at %2 px, %3, %n epoch(s), batch %4, learning rate %5 → %6</source>
        <translation>
            <numerusform>Training %1 at %2 px, %3, %n epoch, batch %4, learning rate %5 → %6</numerusform>
            <numerusform>Training %1 at %2 px, %3, %n epochs, batch %4, learning rate %5 → %6</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning: frozen backbone without ImageNet weights — expect chance accuracy.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resuming %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training: starting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ETA %1 · elapsed %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 images/s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training: epoch %1 / %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epoch %1/%2 — loss %3, accuracy %4 · val_loss %5, val_accuracy %6 · lr %7 · %8</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Training finished: %n epoch(s).</source>
        <translation>
            <numerusform>Training finished: %n epoch.</numerusform>
            <numerusform>Training finished: %n epochs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped early after %n epoch(s): the validation loss stopped improving.</source>
        <translation>
            <numerusform>Stopped early after %n epoch: the validation loss stopped improving.</numerusform>
            <numerusform>Stopped early after %n epochs: the validation loss stopped improving.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n finished epoch(s). Resume… continues the run.</source>
        <translation>
            <numerusform>Cancelled after %n finished epoch. Resume… continues the run.</numerusform>
            <numerusform>Cancelled after %n finished epochs. Resume… continues the run.</numerusform>
        </translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> Best epoch %1 (validation loss %2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>took %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Best checkpoint: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training could not run.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paused — click Pause again to continue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Continuing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Continued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel requested</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Run %1: %n epoch(s).</source>
        <translation>
            <numerusform>Run %1: %n epoch.</numerusform>
            <numerusform>Run %1: %n epochs.</numerusform>
        </translation>
    </message>
    <message>
        <source>This run cannot be opened: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training Is Running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training is running. Stop it now?

Finished epochs stay saved in %1; Resume… continues from there.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2·%3·%4·%5 bottleneck blocks per stack</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::TrainingCurvesWidget</name>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>training (running, per batch)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>training (running)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::WelcomePage</name>
    <message>
        <source>&lt;span style='font-size:20pt; font-weight:600'&gt;KneeGrade&lt;/span&gt;&lt;br&gt;Train, evaluate and explain a knee X-ray grader (Kellgren–Lawrence 0–4).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Try the demo dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About 500 synthetic knee radiographs with the real dataset's grade balance. Made on this computer in a few seconds; no patient data.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a dataset folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A folder with train/, val/ and test/, each holding one sub-folder per grade 0–4 (PNG, JPEG, 16-bit or DICOM). You can also drop it here.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>KneeGrade %1 · LibTorch %2 · Qt %3&lt;br&gt;Trains on &lt;b&gt;%4&lt;/b&gt; · %n CPU thread(s) · BLAS: %5</source>
        <translation>
            <numerusform>KneeGrade %1 · LibTorch %2 · Qt %3&lt;br&gt;Trains on &lt;b&gt;%4&lt;/b&gt; · %n CPU thread · BLAS: %5</numerusform>
            <numerusform>KneeGrade %1 · LibTorch %2 · Qt %3&lt;br&gt;Trains on &lt;b&gt;%4&lt;/b&gt; · %n CPU threads · BLAS: %5</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent datasets&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kg::ui::WindowLevelBar</name>
    <message>
        <source>Level</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show the full grey range again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Window level (centre): brighter or darker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Window width: narrower means more contrast</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>L %1  W %2</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
