<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Format</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s – %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min – %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 h</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Grades</name>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doubtful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no radiographic features of osteoarthritis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>doubtful joint narrowing, possible osteophytic lipping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>definite osteophytes, possible narrowing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>multiple osteophytes, definite narrowing, mild sclerosis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>large osteophytes, marked narrowing, severe sclerosis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System default (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>could not be decoded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui</name>
    <message>
        <source>KL%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grade its folder names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OOD score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P(KL%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whole image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right knee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left knee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be graded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL%1 %2 %3 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>found automatically (localiser score %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placed by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Box %1, %2 · %3 × %3 px, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This image does not resemble the images the model was trained on (out-of-distribution score %1; above 1 is unlike them). The grade means nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has no out-of-distribution check, so it cannot tell when an image is unlike its training images: run kneegrade-cli calibrate on it, or train it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model does not record its training data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its training data (%1) is not on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first training image of %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no image of %1/train can be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model is chosen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model file cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rendered phantom (KL2), since %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::AboutDialog</name>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BLAS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels-last convolutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About KneeGrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;KneeGrade %1&lt;/h2&gt;&lt;p&gt;Trains, evaluates and explains a ResNet152V2 classifier that grades knee radiographs into Kellgren–Lawrence grades 0–4.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions and device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;KneeGrade&lt;/b&gt; is research software for training and evaluating knee-radiograph graders. It is not a medical device and must not be used for diagnosis.&lt;/p&gt;&lt;p&gt;KneeGrade is free software: you can redistribute and modify it under the terms of the GNU General Public License, version 3 or (at your option) any later version. It comes with no warranty. The desktop application links Qt Charts and QCustomPlot, which are GPL-3.0 themselves.&lt;/p&gt;&lt;h4&gt;Third-party software&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Qt&lt;/b&gt; — LGPL-3.0 (Qt Charts: GPL-3.0). The Qt Company Ltd and contributors.&lt;/li&gt;&lt;li&gt;&lt;b&gt;LibTorch&lt;/b&gt; (PyTorch) — BSD-3-Clause. Meta Platforms, Inc. and contributors.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenCV&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;GDCM&lt;/b&gt; (Grassroots DICOM) — BSD-3-Clause.&lt;/li&gt;&lt;li&gt;&lt;b&gt;HDF5&lt;/b&gt; — BSD-style licence, The HDF Group.&lt;/li&gt;&lt;li&gt;&lt;b&gt;QCustomPlot&lt;/b&gt; — GPL-3.0, Emanuel Eichhammer.&lt;/li&gt;&lt;li&gt;&lt;b&gt;nlohmann/json&lt;/b&gt; — MIT, Niels Lohmann.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenSSL&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenBLAS&lt;/b&gt; — BSD-3-Clause.&lt;/li&gt;&lt;/ul&gt;&lt;h4&gt;Models and data&lt;/h4&gt;&lt;p&gt;The ResNetV2 architecture follows Keras Applications (Apache-2.0). ImageNet weights are not shipped: users bring the official Keras files, which carry their own terms. The built-in demo dataset is synthetic (rendered phantoms) and contains no patient data. The knee osteoarthritis dataset it imitates (Chen 2018, Mendeley Data, doi 10.17632/56rmx5bjcr.1) derives from the Osteoarthritis Initiative and is licensed separately.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Third-party licences</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::ClassBalanceChart</name>
    <message>
        <source>Share of each split per grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::ConfusionMatrixWidget</name>
    <message>
        <source>Evaluate a checkpoint to see its confusion matrix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True grade</source>
        <translation type="unfinished"></translation>
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
        <translation>
            <numerusform>True %1, predicted %2
%n image, %3 % of the true grade</numerusform>
            <numerusform>True %1, predicted %2
%n images, %3 % of the true grade</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kg::ui::DatasetWorkspace</name>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset folder (train/, val/, test/ with one folder per grade)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the built-in synthetic knee phantoms (made once, then cached)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which split the sample grid draws from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reshuffle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw five other images per grade (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking every file… %v / %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Dataset Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the demo dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the demo dataset: synthetic knee radiographs, once, on this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo dataset %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo dataset ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo dataset could not be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo dataset cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning &lt;b&gt;%1&lt;/b&gt;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning the dataset…</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; holds no images.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · no val/ folder: %1 % of train held out by patient</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems found: every file decodes, no duplicates or patients shared between splits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This folder cannot be opened as a dataset. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 split)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset Report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::EvaluateWorkspace</name>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KneeGrade checkpoints (*.kgckpt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report on the test split; use val while tuning, so the test set stays unseen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flip TTA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the checkpoint on this split (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Report as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Metrics as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a checkpoint and a split, then Evaluate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The classification report (as scikit-learn prints it) appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mistakes appear here after an evaluation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All Mistakes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong predictions, most confident first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;no checkpoint&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation needs a dataset (Dataset workspace) and a checkpoint (train one, or Checkpoint…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 split of this dataset is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating %1 on the %2 split…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v / %m images · %1 images/s · ETA %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No evaluation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) on the &lt;b&gt;%3&lt;/b&gt; split: %n image(s) · accuracy &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 images/s on %7%8</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; (%2) on the &lt;b&gt;%3&lt;/b&gt; split: %n image · accuracy &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 images/s on %7%8</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; (%2) on the &lt;b&gt;%3&lt;/b&gt; split: %n images · accuracy &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 images/s on %7%8</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · &lt;span style=&apos;color:#c0392b&apos;&gt;%n file(s) could not be read&lt;/span&gt;</source>
        <translation>
            <numerusform> · &lt;span style=&apos;color:#c0392b&apos;&gt;%n file could not be read&lt;/span&gt;</numerusform>
            <numerusform> · &lt;span style=&apos;color:#c0392b&apos;&gt;%n files could not be read&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balanced accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quadratic weighted kappa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean absolute error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 grades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Macro ROC AUC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration error (ECE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss (cross-entropy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sens %1 · spec %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · AUC %1</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true %1, predicted %2 with %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the PDF report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF report could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n image(s) to %1</source>
        <translation>
            <numerusform>Saved %n image to %1</numerusform>
            <numerusform>Saved %n images to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Flip test-time augmentation: each image is graded twice, as it is and mirrored left to right, and the two answers are averaged. Slower (two passes), often a little steadier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Flip TTA&lt;/b&gt; (test-time augmentation) grades every image twice — once as it is and once mirrored left to right, as a left knee looks like a right one — and averages the two sets of probabilities. It costs twice the time and usually changes the metrics only slightly; a large change means the model leans on which side of the image things are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %: show each row of the confusion matrix as percentages of the images of that true grade, instead of counts. The diagonal then reads as the share of each grade graded right (its recall).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Row %&lt;/b&gt; divides every cell of the confusion matrix by the number of images of its row&apos;s true grade. Each row then sums to 100 %: the diagonal cell says how many of that grade were graded right, the others where the rest went. Useful when grades have very different numbers of images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no gate (kneegrade-cli calibrate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Out-of-distribution score %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: unlike the training images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · OOD %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The evaluation report: metrics, confusion matrix, curves and Grad-CAM samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-Image Results as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One row per image: path, true and predicted grade, confidence, the probability of each grade, out-of-distribution score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Per-Image Results as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metrics table (per grade and overall), with the confusion matrix beside it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the evaluation: PDF report, per-image results or metrics as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 (and the confusion matrix beside it, %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::GettingStartedDialog</name>
    <message>
        <source>Getting Started with KneeGrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;Getting started&lt;/h2&gt;&lt;p&gt;KneeGrade has four workspaces, one per step, on the bar at the left (Ctrl+1 … Ctrl+4). Go through them in order the first time: no step needs the command line.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 · Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a folder of knee radiographs laid out as &lt;i&gt;train/ val/ test/&lt;/i&gt; with one sub-folder per grade (File → Open Dataset Folder), or try the built-in demo (File → Open Demo Dataset). You see samples, how many images each grade has, and problems worth fixing before training (unreadable files, duplicates, patients in two splits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 · Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a preset — &lt;i&gt;CPU quick look&lt;/i&gt; trains a small network in minutes — and press Train. The curves show accuracy and loss per epoch for the training images and for the validation images the network does not learn from. Each run is saved in its own folder; the best epoch goes to &lt;i&gt;best.kgckpt&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 · Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure a checkpoint on the test split: the confusion matrix (which grade was taken for which), accuracy, quadratic weighted kappa (how far off the wrong grades are), calibration. Export it as a PDF report or CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 · Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a radiograph (PNG, JPEG, DICOM) to grade it: the grade, the probability of each grade and a Grad-CAM heatmap of where the network looked. On a full film each knee is found and graded in its own box. Images unlike the training images are flagged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Help → Kellgren–Lawrence grades explains the five grades. Hover over an option for what it does, or press Shift+F1 and click it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::ImageDetailsDialog</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade (label)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>colour (RGB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 bits stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bit depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laterality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photometric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (inverted for display)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer syntax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — lossy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the first is shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modality LUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slope %1, intercept %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identifiers are not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>centre %1, width %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::KlGradesDialog</name>
    <message>
        <source>Kellgren–Lawrence Grades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;Kellgren–Lawrence grades&lt;/h2&gt;&lt;p&gt;The Kellgren–Lawrence (KL) scale grades knee osteoarthritis on a standing radiograph from 0 to 4 by four signs: &lt;b&gt;osteophytes&lt;/b&gt; (bony spurs at the joint margins), &lt;b&gt;joint-space narrowing&lt;/b&gt; (the gap between femur and tibia, where the cartilage is, gets thinner), &lt;b&gt;subchondral sclerosis&lt;/b&gt; (denser, whiter bone under the cartilage) and &lt;b&gt;deformity&lt;/b&gt; of the bone ends. Grade 2 or more is usually taken as definite osteoarthritis.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No radiographic features of osteoarthritis: no osteophytes, normal joint space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doubtful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doubtful narrowing of the joint space and possible osteophytic lipping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definite osteophytes and possible narrowing of the joint space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate multiple osteophytes, definite narrowing of the joint space, some sclerosis and possible deformity of the bone ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large osteophytes, marked narrowing of the joint space, severe sclerosis and definite deformity of the bone ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No image of this grade in the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;KL%1 · %2&lt;/b&gt;&lt;br&gt;%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Examples: the first image of each grade in the open dataset, as labelled there%1.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the demo&apos;s images are synthetic phantoms, not real knees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Open a dataset to see an example of each grade from it here.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::MainWindow</name>
    <message>
        <source>KneeGrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KneeGrade %1 · LibTorch %2 · %3</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Dataset Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Demo Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;Datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent C&amp;heckpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Image to Grade…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About KneeGrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KneeGrade checkpoints (*.kgckpt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training &amp;Runs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kellgren–Lawrence Grades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset open last time, %1, is no longer there: open another one (File → Open Dataset Folder) or the demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint used last time, %1, is no longer there: open another one (File → Open Checkpoint) or train a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::PredictResultPanel</name>
    <message>
        <source>&lt;b&gt;Probability per grade&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;What the model saw&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Training crop convention&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;No model yet: train one, or File ▸ Open Checkpoint.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right: %1 Place a box like it: the joint line across the middle, as much femur above as tibia below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole image was graded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Uncertainty (normalised entropy) %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Out-of-distribution score %1 (1 or less: like the training images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Low confidence: the probabilities are spread over several grades. Treat this grade as a guess and look at the neighbouring grades too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Grad-CAM&lt;/b&gt; (turbo colours, red = strongest): where the evidence for KL%1 lies in the %2. It shows where the model looked, not why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not kept</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::PredictWorkspace</name>
    <message>
        <source>Radiographs (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade one radiograph (PNG, JPEG, 16-bit TIFF/PNG or DICOM); you can also drop it here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade every image of a folder into a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Opacity </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Predictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a knee X-ray here
(PNG, JPEG, 16-bit or DICOM)

or a folder to grade many at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a folder, or use Grade Folder…, to grade many images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model first: train one in the Train workspace, or File ▸ Open Checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Radiograph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade a Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be graded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no images.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grading %1 / %2</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Dataset label: %2 (%3 split)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Grading %n image(s)…</source>
        <translation>
            <numerusform>Grading %n image…</numerusform>
            <numerusform>Grading %n images…</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a square box at the centre of the view and grade it (B); drag it onto a knee joint, drag a corner to resize it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected box and its result (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show where the model looked in the selected box (G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the table as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 box of %2 cannot be graded: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graded %1: %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (out of distribution: the grade means nothing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a box to see its result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No box: Add Box grades a square you place on a knee joint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a row of the Batch tab to show its image here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Folder %1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (knee joints graded in boxes: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; out of distribution: %1 (their grades mean nothing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: see the Batch tab; double-click a row to show its image here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Report (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shown radiograph&apos;s prediction report as PDF: its boxes as they are now, each box&apos;s side, grade, probabilities, out-of-distribution verdict and Grad-CAM, and the model&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Prediction Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Boxes as Annotations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the shown radiograph&apos;s boxes, with their sides, to an annotations.json (its entry is replaced when the file already lists it): kneegrade-cli train-localiser --annotations FILE fine-tunes the knee localiser on them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Boxes as Annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotations (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the shown radiograph&apos;s report or boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no graded radiograph to report: open or drop one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A box is still being graded: export the report when its grade is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report cannot be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the prediction report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no boxes to export: open or drop a radiograph, and place boxes on its knee joints (Add Box).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The boxes cannot be exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n box(es) of %1 to %2: kneegrade-cli train-localiser --annotations %2 fine-tunes the knee localiser on them</source>
        <translation>
            <numerusform>Saved %n box of %1 to %2: kneegrade-cli train-localiser --annotations %2 fine-tunes the knee localiser on them</numerusform>
            <numerusform>Saved %n boxes of %1 to %2: kneegrade-cli train-localiser --annotations %2 fine-tunes the knee localiser on them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kg::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language takes effect when KneeGrade is restarted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::RankProcesses</name>
    <message>
        <source>rank %1 ended with status %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::ResearchBanner</name>
    <message>
        <source>For research use only — not for diagnostic use</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::RunComparisonChart</name>
    <message>
        <source>Validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two or three runs in the table to compare their curves.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::RunsBrowser</name>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>early stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best val %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only runs of the open dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also list the runs in another folder (for example runs trained with kneegrade-cli)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best val accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QWK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs finished / epochs planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest validation accuracy of any epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest validation loss: the epoch best.kgckpt holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quadratic weighted kappa of the run&apos;s last evaluation in Evaluate (the test split&apos;s when there is one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two or three runs (Ctrl+click) to compare their curves; double-click opens one in Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this run&apos;s curves and options in the Train workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue a cancelled or interrupted run from its last checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Best Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate and Predict with this run&apos;s best.kgckpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only runs of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a Runs Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume continues it from epoch %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · batch %2 · learning rate %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the %1 split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n run(s)</source>
        <translation>
            <numerusform>%1 of %n run</numerusform>
            <numerusform>%1 of %n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs folders:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1, %2 epochs)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::SampleGridWidget</name>
    <message>
        <source>Unreadable:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No images to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to enlarge</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Frozen backbone, train the head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two-phase: head, then the top stacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2·%3·%4·%5 bottleneck blocks per stack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: train from scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Keras .h5 weights file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras weights (*.h5 *.weights.h5);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet weights:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam learning rate. From scratch 1e-3 learns; 1e-4 suits ImageNet-initialised weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (plain accuracy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balanced sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL grades are imbalanced (grade 4 is 3 % of the data): weights or balanced batches keep the rare grades from being ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class imbalance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower the learning rate on plateaus (÷5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop early (no val-loss gain in 25 epochs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras ReduceLROnPlateau: ×0.2 after 10 epochs without a lower validation loss, down to 1e-5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augment training images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraction of a full turn: 0.1 = ±36°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RandomZoom factor: 0.2 = ±20 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RandomTranslation factor of height and width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Translation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable GPU on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bf16 mixed precision (GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half the activation memory, for larger batches. At batch 32 fp32 measured faster through the trainer on an H200.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deterministic (GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bit-reproducible GPU runs and resumes, about 6 % slower. CPU runs always are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same seed, same data, same options: the same run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new folder per run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints, history.csv, options.json and train.log are written here.
Default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This preset expects ImageNet weights: choose the official Keras file resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A frozen backbone only helps with ImageNet weights. With random weights the head sees random features and accuracy stays at chance: choose the weights file or fine-tune everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From scratch, 1e-4 barely moves in the first epochs; 1e-3 learns much sooner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains from random weights (fine for the demo with the CPU quick look).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;No such file.&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#2e8b57&apos;&gt;✔ Official Keras file&lt;/span&gt; %1 (MD5 verified).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> It holds %1 weights: choose that architecture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;The file cannot be read.&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c05a00&apos;&gt;Named like the official file, but its MD5 (%1) differs: an incomplete download?&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an official Keras file (MD5 %1); it will be imported by layer name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;No dataset yet: open one in the Dataset workspace, or try the demo.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;Reading the dataset…&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains on &lt;b&gt;%1&lt;/b&gt; training images, validates on &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;Timing a few training steps for an estimate…&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 parameters.&lt;/b&gt; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer&apos;s CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset for an estimated time per epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch %1 of the planned %2, scaled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An estimate, not a limit: the range widens when there are few measurements or they disagree. The warm-up reads no images and validates nothing; a busy computer, a slow disk or a frozen backbone&apos;s feature cache can make the real run slower or faster. Once training runs, its own batches replace the warm-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ResNetV2 tiny (tests)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ResNetV2 small (fast on a CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ResNet50V2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ResNet101V2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ResNet152V2 (the tutorial&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU quick look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small ResNetV2, 128 px, learning rate 1e-3, trained from scratch for 25 epochs with light augmentation: learns in about a minute per 500 images on a CPU, without ImageNet weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU full fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ResNet152V2 at 224 px, learning rate 1e-4, batch 32, up to 100 epochs with class weights: everything fine-tuned from ImageNet weights, on a GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tutorial (Keras)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exactly the Keras tutorial: ResNet152V2, 224 px, batch 16, Adam 1e-4, up to 500 epochs, ReduceLROnPlateau and EarlyStopping — without its bugs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains on this many GPUs at once, one process each. Every process trains batch ÷ processes images of each step; the gradients are averaged, so the run trains like one process with the same batch. Pause is not available then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>√(batch ÷ reference), for Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch ÷ reference, linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale with batch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate above is the one for batch %1 (the tutorial&apos;s). Larger batches on a GPU average more images per step; scaling the rate keeps training comparable. This run starts at %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainWorkspace</name>
    <message>
        <source>Preparing: building the model and reading the data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caching backbone features · batch %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 / %2 · training batch %3 / %4 · loss %5 · accuracy %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 / %2 · validating batch %3 / %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 / %2 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training with these options (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause after the current batch; click again to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the current batch; finished epochs stay saved and can be resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume a Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue an interrupted run from its last checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the curves and options of a previous run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate Best Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the best checkpoint of the last run on the test split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch summaries, learning-rate changes and messages appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset first (Dataset workspace, or File ▸ Open Demo Dataset).</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training: starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA %1 · elapsed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training: epoch %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1/%2 — loss %3, accuracy %4 · val_loss %5, val_accuracy %6 · lr %7 · %8</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Best epoch %1 (validation loss %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best checkpoint: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training could not run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused — click Pause again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training Is Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is running. Stop it now?

Finished epochs stay saved in %1; Resume… continues from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitting the out-of-distribution gate · image %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List this dataset&apos;s runs with their status and best accuracy, and compare their curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already holds a run; this run goes to %2 (Resume… continues the old one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left, estimated from this run&apos;s batches so far; not a limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 training images/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training: finishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training Runs — KneeGrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate and Predict use %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo dataset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainingCurvesWidget</name>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training (running, per batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training (running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Validation-loss spikes&lt;/b&gt; (off the scale): on those epochs the model was confidently wrong on a few validation images. Common early on and with a small validation set; worry when they keep coming late in training or validation accuracy drops with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation loss is the average penalty for wrong answers on images the model does not train on. A single very confident mistake makes it jump. A spike followed by a return to the trend is harmless; a rising trend means overfitting or a learning rate that is too high. best.kgckpt keeps the epoch with the lowest validation loss either way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peaks up to %1 off the scale ↑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peaks up to %1
off the scale ↑</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainingWorker</name>
    <message>
        <source>Fitting the out-of-distribution gate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The out-of-distribution gate could not be fitted: %1. The model works, but cannot tell when an image is unlike its training images; kneegrade-cli calibrate fits the gate later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out-of-distribution gate fitted into %1: %2 training images, threshold at the %3th percentile of %4 validation images.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::WelcomePage</name>
    <message>
        <source>&lt;span style=&apos;font-size:20pt; font-weight:600&apos;&gt;KneeGrade&lt;/span&gt;&lt;br&gt;Train, evaluate and explain a knee X-ray grader (Kellgren–Lawrence 0–4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About 500 synthetic knee radiographs with the real dataset&apos;s grade balance. Made on this computer in a few seconds; no patient data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder with train/, val/ and test/, each holding one sub-folder per grade 0–4 (PNG, JPEG, 16-bit or DICOM). You can also drop it here.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kg::ui::WindowLevelBar</name>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window level (centre): brighter or darker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window width: narrower means more contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the image&apos;s own window (the file&apos;s, for DICOM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L %1  W %2%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Train, evaluate and explain a knee X-ray grader. For research use only — not for diagnostic use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the built-in demo dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a checkpoint in Evaluate and Predict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in dataset, train, evaluate, predict, runs (the training runs browser) or about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade this radiograph.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training once the dataset is read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs for --train.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the training run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the checkpoint once the dataset is read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the window as PNG once it settles, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads (default: every core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Radiographs to grade, a dataset folder or a checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
