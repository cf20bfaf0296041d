<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Format</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1–%2 s</source>
        <translation>%1–%2 s</translation>
    </message>
    <message>
        <source>%1 s – %2 min</source>
        <translation>%1 s – %2 min</translation>
    </message>
    <message>
        <source>%1–%2 min</source>
        <translation>%1–%2 min</translation>
    </message>
    <message>
        <source>%1 min – %2 h</source>
        <translation>%1 min – %2 h</translation>
    </message>
    <message>
        <source>%1–%2 h</source>
        <translation>%1–%2 h</translation>
    </message>
</context>
<context>
    <name>Grades</name>
    <message>
        <source>Healthy</source>
        <translation>keine Arthrose</translation>
    </message>
    <message>
        <source>Doubtful</source>
        <translation>fraglich</translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation>gering</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>mäßig</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>schwer</translation>
    </message>
    <message>
        <source>KL%1 %2</source>
        <translation>KL%1 %2</translation>
    </message>
    <message>
        <source>no radiographic features of osteoarthritis</source>
        <translation>keine radiologischen Arthrosezeichen</translation>
    </message>
    <message>
        <source>doubtful joint narrowing, possible osteophytic lipping</source>
        <translation>fragliche Gelenkspaltverschmälerung, mögliche beginnende Osteophyten</translation>
    </message>
    <message>
        <source>definite osteophytes, possible narrowing</source>
        <translation>eindeutige Osteophyten, mögliche Gelenkspaltverschmälerung</translation>
    </message>
    <message>
        <source>multiple osteophytes, definite narrowing, mild sclerosis</source>
        <translation>multiple Osteophyten, eindeutige Gelenkspaltverschmälerung, leichte Sklerose</translation>
    </message>
    <message>
        <source>large osteophytes, marked narrowing, severe sclerosis</source>
        <translation>große Osteophyten, ausgeprägte Gelenkspaltverschmälerung, schwere Sklerose</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ohne Label</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System default (%1)</source>
        <translation>Systemstandard (%1)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>could not be decoded</source>
        <translation>konnte nicht dekodiert werden</translation>
    </message>
</context>
<context>
    <name>kg::ui</name>
    <message>
        <source>KL%1</source>
        <translation>KL%1</translation>
    </message>
    <message>
        <source>The grade its folder names</source>
        <translation>Der Grad, den sein Ordner angibt</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grad</translation>
    </message>
    <message>
        <source>True grade</source>
        <translation>Wahrer Grad</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation>Geringe Konfidenz</translation>
    </message>
    <message>
        <source>OOD score</source>
        <translation>OOD-Wert</translation>
    </message>
    <message>
        <source>Out of distribution</source>
        <translation>Außerhalb der Verteilung</translation>
    </message>
    <message>
        <source>P(KL%1)</source>
        <translation>P(KL%1)</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>whole image</source>
        <translation>ganzes Bild</translation>
    </message>
    <message>
        <source>KL%1 %2</source>
        <translation>KL%1 %2</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>no check</source>
        <translation>keine Prüfung</translation>
    </message>
    <message>
        <source>Right knee</source>
        <translation>Rechtes Knie</translation>
    </message>
    <message>
        <source>Left knee</source>
        <translation>Linkes Knie</translation>
    </message>
    <message>
        <source>Side unknown</source>
        <translation>Seite unbekannt</translation>
    </message>
    <message>
        <source>cannot be graded</source>
        <translation>nicht graduierbar</translation>
    </message>
    <message>
        <source>KL%1 %2 %3 %</source>
        <translation>KL%1 %2 %3 %</translation>
    </message>
    <message>
        <source>found automatically (localiser score %1)</source>
        <translation>automatisch gefunden (Lokalisierer-Wert %1)</translation>
    </message>
    <message>
        <source>placed by hand</source>
        <translation>von Hand gesetzt</translation>
    </message>
    <message>
        <source>the whole image</source>
        <translation>das ganze Bild</translation>
    </message>
    <message>
        <source>
Box %1, %2 · %3 × %3 px, %4</source>
        <translation>
Box %1, %2 · %3 × %3 px, %4</translation>
    </message>
    <message>
        <source>This image does not resemble the images the model was trained on (out-of-distribution score %1; above 1 is unlike them). The grade means nothing.</source>
        <translation>Dieses Bild ähnelt nicht den Bildern, mit denen das Modell trainiert wurde (Out-of-Distribution-Wert %1; über 1 heißt unähnlich). Der Grad ist bedeutungslos.</translation>
    </message>
    <message>
        <source>This model has no out-of-distribution check, so it cannot tell when an image is unlike its training images: run kneegrade-cli calibrate on it, or train it again.</source>
        <translation>Dieses Modell hat keine Out-of-Distribution-Prüfung und erkennt daher nicht, wenn ein Bild seinen Trainingsbildern nicht ähnelt: Führen Sie kneegrade-cli calibrate darauf aus oder trainieren Sie es neu.</translation>
    </message>
    <message>
        <source>the model does not record its training data</source>
        <translation>das Modell verzeichnet seine Trainingsdaten nicht</translation>
    </message>
    <message>
        <source>its training data (%1) is not on this computer</source>
        <translation>seine Trainingsdaten (%1) sind nicht auf diesem Computer</translation>
    </message>
    <message>
        <source>The first training image of %1 (%2).</source>
        <translation>Das erste Trainingsbild von %1 (%2).</translation>
    </message>
    <message>
        <source>no image of %1/train can be read</source>
        <translation>kein Bild aus %1/train ist lesbar</translation>
    </message>
    <message>
        <source>no model is chosen yet</source>
        <translation>noch kein Modell gewählt</translation>
    </message>
    <message>
        <source>the model file cannot be read</source>
        <translation>die Modelldatei ist nicht lesbar</translation>
    </message>
    <message>
        <source>A rendered phantom (KL2), since %1.</source>
        <translation>Ein gerendertes Phantom (KL2), da %1.</translation>
    </message>
</context>
<context>
    <name>kg::ui::AboutDialog</name>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
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
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>BLAS</source>
        <translation>BLAS</translation>
    </message>
    <message>
        <source>Channels-last convolutions</source>
        <translation>Channels-last-Faltungen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>About KneeGrade</source>
        <translation>Über KneeGrade</translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;KneeGrade %1&lt;/h2&gt;&lt;p&gt;Trains, evaluates and explains a ResNet152V2 classifier that grades knee radiographs into Kellgren–Lawrence grades 0–4.&lt;/p&gt;</source>
        <translation>&lt;h2 style=&apos;margin:0&apos;&gt;KneeGrade %1&lt;/h2&gt;&lt;p&gt;Trainiert, evaluiert und erklärt einen ResNet152V2-Klassifikator, der Knie-Röntgenaufnahmen in die Kellgren-Lawrence-Grade 0–4 einstuft.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Versions and device</source>
        <translation>Versionen und Gerät</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;KneeGrade&lt;/b&gt; is research software for training and evaluating knee-radiograph graders. It is not a medical device and must not be used for diagnosis.&lt;/p&gt;&lt;p&gt;KneeGrade is free software: you can redistribute and modify it under the terms of the GNU General Public License, version 3 or (at your option) any later version. It comes with no warranty. The desktop application links Qt Charts and QCustomPlot, which are GPL-3.0 themselves.&lt;/p&gt;&lt;h4&gt;Third-party software&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Qt&lt;/b&gt; — LGPL-3.0 (Qt Charts: GPL-3.0). The Qt Company Ltd and contributors.&lt;/li&gt;&lt;li&gt;&lt;b&gt;LibTorch&lt;/b&gt; (PyTorch) — BSD-3-Clause. Meta Platforms, Inc. and contributors.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenCV&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;GDCM&lt;/b&gt; (Grassroots DICOM) — BSD-3-Clause.&lt;/li&gt;&lt;li&gt;&lt;b&gt;HDF5&lt;/b&gt; — BSD-style licence, The HDF Group.&lt;/li&gt;&lt;li&gt;&lt;b&gt;QCustomPlot&lt;/b&gt; — GPL-3.0, Emanuel Eichhammer.&lt;/li&gt;&lt;li&gt;&lt;b&gt;nlohmann/json&lt;/b&gt; — MIT, Niels Lohmann.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenSSL&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenBLAS&lt;/b&gt; — BSD-3-Clause.&lt;/li&gt;&lt;/ul&gt;&lt;h4&gt;Models and data&lt;/h4&gt;&lt;p&gt;The ResNetV2 architecture follows Keras Applications (Apache-2.0). ImageNet weights are not shipped: users bring the official Keras files, which carry their own terms. The built-in demo dataset is synthetic (rendered phantoms) and contains no patient data. The knee osteoarthritis dataset it imitates (Chen 2018, Mendeley Data, doi 10.17632/56rmx5bjcr.1) derives from the Osteoarthritis Initiative and is licensed separately.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;KneeGrade&lt;/b&gt; ist Forschungssoftware zum Trainieren und Evaluieren von Graduierungsmodellen für Knie-Röntgenaufnahmen. Es ist kein Medizinprodukt und darf nicht zur Diagnose verwendet werden.&lt;/p&gt;&lt;p&gt;KneeGrade ist freie Software: Sie können es unter den Bedingungen der GNU General Public License, Version 3 oder (nach Ihrer Wahl) jeder späteren Version, weitergeben und verändern. Es wird ohne jede Gewährleistung bereitgestellt. Die Desktop-Anwendung bindet Qt Charts und QCustomPlot ein, die selbst unter der GPL-3.0 stehen.&lt;/p&gt;&lt;h4&gt;Software von Drittanbietern&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Qt&lt;/b&gt; — LGPL-3.0 (Qt Charts: GPL-3.0). The Qt Company Ltd und Mitwirkende.&lt;/li&gt;&lt;li&gt;&lt;b&gt;LibTorch&lt;/b&gt; (PyTorch) — BSD-3-Clause. Meta Platforms, Inc. und Mitwirkende.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenCV&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;GDCM&lt;/b&gt; (Grassroots DICOM) — BSD-3-Clause.&lt;/li&gt;&lt;li&gt;&lt;b&gt;HDF5&lt;/b&gt; — BSD-artige Lizenz, The HDF Group.&lt;/li&gt;&lt;li&gt;&lt;b&gt;QCustomPlot&lt;/b&gt; — GPL-3.0, Emanuel Eichhammer.&lt;/li&gt;&lt;li&gt;&lt;b&gt;nlohmann/json&lt;/b&gt; — MIT, Niels Lohmann.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenSSL&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenBLAS&lt;/b&gt; — BSD-3-Clause.&lt;/li&gt;&lt;/ul&gt;&lt;h4&gt;Modelle und Daten&lt;/h4&gt;&lt;p&gt;Die ResNetV2-Architektur folgt Keras Applications (Apache-2.0). ImageNet-Gewichte werden nicht mitgeliefert: Nutzer bringen die offiziellen Keras-Dateien mit, für die eigene Bedingungen gelten. Der eingebaute Demo-Datensatz ist synthetisch (gerenderte Phantome) und enthält keine Patientendaten. Der nachgeahmte Datensatz zur Kniegelenksarthrose (Chen 2018, Mendeley Data, doi 10.17632/56rmx5bjcr.1) stammt aus der Osteoarthritis Initiative und ist gesondert lizenziert.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <source>Copy versions</source>
        <translation>Versionen kopieren</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Full text</source>
        <translation>Volltext</translation>
    </message>
    <message>
        <source>Third-party licences</source>
        <translation>Lizenzen von Drittanbietern</translation>
    </message>
</context>
<context>
    <name>kg::ui::ClassBalanceChart</name>
    <message>
        <source>Share of each split per grade</source>
        <translation>Anteil jedes Splits pro Grad</translation>
    </message>
    <message>
        <source>total</source>
        <translation>gesamt</translation>
    </message>
</context>
<context>
    <name>kg::ui::ConfusionMatrixWidget</name>
    <message>
        <source>Predicted grade</source>
        <translation>Vorhergesagter Grad</translation>
    </message>
    <message>
        <source>True grade</source>
        <translation>Wahrer Grad</translation>
    </message>
    <message>
        <source>Evaluate a checkpoint to see its confusion matrix.</source>
        <translation>Evaluieren Sie einen Checkpoint, um seine Konfusionsmatrix zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n image(s) — click to list them</source>
        <translation>
            <numerusform>Wahr %1, vorhergesagt %2: %n Bild — klicken, um es aufzulisten</numerusform>
            <numerusform>Wahr %1, vorhergesagt %2: %n Bilder — klicken, um sie aufzulisten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2
%n image(s), %3 % of the true grade</source>
        <translation>
            <numerusform>Wahr %1, vorhergesagt %2
%n Bild, %3 % des wahren Grades</numerusform>
            <numerusform>Wahr %1, vorhergesagt %2
%n Bilder, %3 % des wahren Grades</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kg::ui::DatasetWorkspace</name>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>Ordner öffnen…</translation>
    </message>
    <message>
        <source>Open a dataset folder (train/, val/, test/ with one folder per grade)</source>
        <translation>Einen Datensatzordner öffnen (train/, val/, test/ mit je einem Ordner pro Grad)</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <source>Demo Dataset</source>
        <translation>Demo-Datensatz</translation>
    </message>
    <message>
        <source>Open the built-in synthetic knee phantoms (made once, then cached)</source>
        <translation>Die eingebauten synthetischen Kniephantome öffnen (einmal erzeugt, dann zwischengespeichert)</translation>
    </message>
    <message>
        <source>Split: </source>
        <translation>Split: </translation>
    </message>
    <message>
        <source>Which split the sample grid draws from</source>
        <translation>Aus welchem Split das Beispielraster zieht</translation>
    </message>
    <message>
        <source>Reshuffle</source>
        <translation>Neu mischen</translation>
    </message>
    <message>
        <source>Draw five other images per grade (Ctrl+R)</source>
        <translation>Fünf andere Bilder pro Grad ziehen (Strg+R)</translation>
    </message>
    <message>
        <source>Class Balance</source>
        <translation>Klassenverteilung</translation>
    </message>
    <message>
        <source>Data Problems</source>
        <translation>Datenprobleme</translation>
    </message>
    <message>
        <source>Checking every file… %v / %m</source>
        <translation>Jede Datei wird geprüft… %v / %m</translation>
    </message>
    <message>
        <source>Full Report…</source>
        <translation>Vollständiger Bericht…</translation>
    </message>
    <message>
        <source>Open Dataset Folder</source>
        <translation>Datensatzordner öffnen</translation>
    </message>
    <message>
        <source>Making the demo dataset…</source>
        <translation>Demo-Datensatz wird erzeugt…</translation>
    </message>
    <message>
        <source>Making the demo dataset: synthetic knee radiographs, once, on this computer…</source>
        <translation>Demo-Datensatz wird erzeugt: synthetische Knie-Röntgenbilder, einmalig, auf diesem Computer…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Demo dataset %1 / %2</source>
        <translation>Demo-Datensatz %1 / %2</translation>
    </message>
    <message>
        <source>Demo dataset ready</source>
        <translation>Demo-Datensatz bereit</translation>
    </message>
    <message>
        <source>The demo dataset could not be made: %1</source>
        <translation>Der Demo-Datensatz konnte nicht erzeugt werden: %1</translation>
    </message>
    <message>
        <source>Demo dataset cancelled</source>
        <translation>Demo-Datensatz abgebrochen</translation>
    </message>
    <message>
        <source>Scanning &lt;b&gt;%1&lt;/b&gt;…</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; wird durchsucht…</translation>
    </message>
    <message>
        <source>Scanning the dataset…</source>
        <translation>Datensatz wird durchsucht…</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n image(s))</source>
        <translation>
            <numerusform>%1 (%n Bild)</numerusform>
            <numerusform>%1 (%n Bilder)</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking every file…</source>
        <translation>Jede Datei wird geprüft…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; holds no images.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; enthält keine Bilder.</translation>
    </message>
    <message numerus="yes">
        <source>Dataset opened: %n image(s)</source>
        <translation>
            <numerusform>Datensatz geöffnet: %n Bild</numerusform>
            <numerusform>Datensatz geöffnet: %n Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n image(s)</source>
        <translation>
            <numerusform>%1
%n Bild</numerusform>
            <numerusform>%1
%n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>Demo dataset (synthetic phantoms)</source>
        <translation>Demo-Datensatz (synthetische Phantome)</translation>
    </message>
    <message>
        <source> · no val/ folder: %1 % of train held out by patient</source>
        <translation> · kein val/-Ordner: %1 % von train nach Patient zurückgehalten</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 split · %n image(s) · five random images per grade (seed %3)%4</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · Split %2 · %n Bild · fünf zufällige Bilder pro Grad (Seed %3)%4</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · Split %2 · %n Bilder · fünf zufällige Bilder pro Grad (Seed %3)%4</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking files %1 / %2</source>
        <translation>Dateien werden geprüft %1 / %2</translation>
    </message>
    <message>
        <source>No problems found: every file decodes, no duplicates or patients shared between splits.</source>
        <translation>Keine Probleme gefunden: Jede Datei lässt sich dekodieren, keine Duplikate und keine Patienten in mehreren Splits.</translation>
    </message>
    <message>
        <source>This folder cannot be opened as a dataset. %1</source>
        <translation>Dieser Ordner kann nicht als Datensatz geöffnet werden. %1</translation>
    </message>
    <message>
        <source>Dataset could not be opened</source>
        <translation>Datensatz konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>No recent datasets</source>
        <translation>Keine zuletzt geöffneten Datensätze</translation>
    </message>
    <message>
        <source>%1 (%2 split)</source>
        <translation>%1 (Split %2)</translation>
    </message>
    <message>
        <source>Dataset Report</source>
        <translation>Datensatzbericht</translation>
    </message>
</context>
<context>
    <name>kg::ui::EvaluateWorkspace</name>
    <message>
        <source>Evaluate</source>
        <translation>Evaluieren</translation>
    </message>
    <message>
        <source>Checkpoint…</source>
        <translation>Checkpoint…</translation>
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation>Checkpoint öffnen</translation>
    </message>
    <message>
        <source>KneeGrade checkpoints (*.kgckpt);;All files (*)</source>
        <translation>KneeGrade-Checkpoints (*.kgckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Split: </source>
        <translation>Split: </translation>
    </message>
    <message>
        <source>Report on the test split; use val while tuning, so the test set stays unseen</source>
        <translation>Bericht über den Test-Split; beim Abstimmen val verwenden, damit der Testsatz ungesehen bleibt</translation>
    </message>
    <message>
        <source>Flip TTA</source>
        <translation>Spiegel-TTA</translation>
    </message>
    <message>
        <source>Flip test-time augmentation: each image is graded twice, as it is and mirrored left to right, and the two answers are averaged. Slower (two passes), often a little steadier.</source>
        <translation>Spiegelungs-Augmentierung zur Testzeit: Jedes Bild wird zweimal graduiert, unverändert und links-rechts gespiegelt, und die beiden Antworten werden gemittelt. Langsamer (zwei Durchläufe), oft etwas stabiler.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Flip TTA&lt;/b&gt; (test-time augmentation) grades every image twice — once as it is and once mirrored left to right, as a left knee looks like a right one — and averages the two sets of probabilities. It costs twice the time and usually changes the metrics only slightly; a large change means the model leans on which side of the image things are.</source>
        <translation>&lt;b&gt;Spiegel-TTA&lt;/b&gt; (Augmentierung zur Testzeit) graduiert jedes Bild zweimal — einmal unverändert und einmal links-rechts gespiegelt, da ein linkes Knie wie ein rechtes aussieht — und mittelt die beiden Wahrscheinlichkeitssätze. Das kostet die doppelte Zeit und ändert die Metriken meist nur wenig; eine große Änderung bedeutet, dass sich das Modell darauf stützt, auf welcher Bildseite etwas liegt.</translation>
    </message>
    <message>
        <source>Evaluate the checkpoint on this split (Ctrl+E)</source>
        <translation>Den Checkpoint auf diesem Split evaluieren (Strg+E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Row %</source>
        <translation>Zeilen-%</translation>
    </message>
    <message>
        <source>Row %: show each row of the confusion matrix as percentages of the images of that true grade, instead of counts. The diagonal then reads as the share of each grade graded right (its recall).</source>
        <translation>Zeilen-%: jede Zeile der Konfusionsmatrix als Prozent der Bilder dieses wahren Grades statt als Anzahl zeigen. Die Diagonale ist dann der Anteil jedes Grades, der richtig graduiert wurde (seine Sensitivität).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Row %&lt;/b&gt; divides every cell of the confusion matrix by the number of images of its row&apos;s true grade. Each row then sums to 100 %: the diagonal cell says how many of that grade were graded right, the others where the rest went. Useful when grades have very different numbers of images.</source>
        <translation>&lt;b&gt;Zeilen-%&lt;/b&gt; teilt jede Zelle der Konfusionsmatrix durch die Anzahl der Bilder des wahren Grades ihrer Zeile. Jede Zeile ergibt dann 100 %: Die Diagonalzelle sagt, wie viele dieses Grades richtig graduiert wurden, die anderen, wohin der Rest ging. Nützlich, wenn die Grade sehr unterschiedlich viele Bilder haben.</translation>
    </message>
    <message>
        <source>Choose a checkpoint and a split, then Evaluate.</source>
        <translation>Wählen Sie einen Checkpoint und einen Split, dann Evaluieren.</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>The classification report (as scikit-learn prints it) appears here.</source>
        <translation>Der Klassifikationsbericht (wie scikit-learn ihn ausgibt) erscheint hier.</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Mistakes appear here after an evaluation.</source>
        <translation>Fehler erscheinen hier nach einer Evaluierung.</translation>
    </message>
    <message>
        <source>All Mistakes</source>
        <translation>Alle Fehler</translation>
    </message>
    <message>
        <source>Wrong predictions, most confident first</source>
        <translation>Falsche Vorhersagen, die sichersten zuerst</translation>
    </message>
    <message>
        <source>&lt;i&gt;no checkpoint&lt;/i&gt;</source>
        <translation>&lt;i&gt;kein Checkpoint&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Evaluation needs a dataset (Dataset workspace) and a checkpoint (train one, or Checkpoint…).</source>
        <translation>Die Evaluierung braucht einen Datensatz (Arbeitsbereich Datensatz) und einen Checkpoint (trainieren Sie einen, oder Checkpoint…).</translation>
    </message>
    <message>
        <source>The %1 split of this dataset is empty.</source>
        <translation>Der Split %1 dieses Datensatzes ist leer.</translation>
    </message>
    <message>
        <source>Evaluating %1 on the %2 split…</source>
        <translation>%1 wird auf dem Split %2 evaluiert…</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>Evaluierung läuft…</translation>
    </message>
    <message>
        <source>%v / %m images · %1 images/s · ETA %2</source>
        <translation>%v / %m Bilder · %1 Bilder/s · Restzeit %2</translation>
    </message>
    <message>
        <source>Evaluating %1 / %2</source>
        <translation>Evaluierung %1 / %2</translation>
    </message>
    <message>
        <source>Evaluation cancelled.</source>
        <translation>Evaluierung abgebrochen.</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>Evaluierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No evaluation.</source>
        <translation>Keine Evaluierung.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) on the &lt;b&gt;%3&lt;/b&gt; split: %n image(s) · accuracy &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 images/s on %7%8</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; (%2) auf dem Split &lt;b&gt;%3&lt;/b&gt;: %n Bild · Genauigkeit &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 Bilder/s auf %7%8</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; (%2) auf dem Split &lt;b&gt;%3&lt;/b&gt;: %n Bilder · Genauigkeit &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 Bilder/s auf %7%8</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · &lt;span style=&apos;color:#c0392b&apos;&gt;%n file(s) could not be read&lt;/span&gt;</source>
        <translation>
            <numerusform> · &lt;span style=&apos;color:#c0392b&apos;&gt;%n Datei war nicht lesbar&lt;/span&gt;</numerusform>
            <numerusform> · &lt;span style=&apos;color:#c0392b&apos;&gt;%n Dateien waren nicht lesbar&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Balanced accuracy</source>
        <translation>Balancierte Genauigkeit</translation>
    </message>
    <message>
        <source>Quadratic weighted kappa</source>
        <translation>Quadratisch gewichtetes Kappa</translation>
    </message>
    <message>
        <source>Mean absolute error</source>
        <translation>Mittlerer absoluter Fehler</translation>
    </message>
    <message>
        <source>%1 grades</source>
        <translation>%1 Grade</translation>
    </message>
    <message>
        <source>Macro ROC AUC</source>
        <translation>Makro-ROC-AUC</translation>
    </message>
    <message>
        <source>Calibration error (ECE)</source>
        <translation>Kalibrierungsfehler (ECE)</translation>
    </message>
    <message>
        <source>Loss (cross-entropy)</source>
        <translation>Verlust (Kreuzentropie)</translation>
    </message>
    <message>
        <source>Out of distribution</source>
        <translation>Außerhalb der Verteilung</translation>
    </message>
    <message>
        <source>%1 of %2 (%3)</source>
        <translation>%1 von %2 (%3)</translation>
    </message>
    <message>
        <source>no gate (kneegrade-cli calibrate)</source>
        <translation>kein Filter (kneegrade-cli calibrate)</translation>
    </message>
    <message>
        <source>sens %1 · spec %2</source>
        <translation>Sens. %1 · Spez. %2</translation>
    </message>
    <message>
        <source> · AUC %1</source>
        <translation> · AUC %1</translation>
    </message>
    <message numerus="yes">
        <source>%n mistake(s), most confident first. Double-click an image to enlarge it.</source>
        <translation>
            <numerusform>%n Fehler, die sichersten zuerst. Doppelklicken Sie ein Bild, um es zu vergrößern.</numerusform>
            <numerusform>%n Fehler, die sichersten zuerst. Doppelklicken Sie ein Bild, um es zu vergrößern.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n image(s), most confident first.</source>
        <translation>
            <numerusform>Wahr %1, vorhergesagt %2: %n Bild, die sichersten zuerst.</numerusform>
            <numerusform>Wahr %1, vorhergesagt %2: %n Bilder, die sichersten zuerst.</numerusform>
        </translation>
    </message>
    <message>
        <source> Showing the first %1.</source>
        <translation> Die ersten %1 werden gezeigt.</translation>
    </message>
    <message>
        <source>%1 → %2
%3</source>
        <translation>%1 → %2
%3</translation>
    </message>
    <message>
        <source>true %1, predicted %2 with %3</source>
        <translation>wahr %1, vorhergesagt %2 mit %3</translation>
    </message>
    <message>
        <source>%1
Out-of-distribution score %2%3</source>
        <translation>%1
Out-of-Distribution-Wert %2%3</translation>
    </message>
    <message>
        <source>: unlike the training images</source>
        <translation>: den Trainingsbildern unähnlich</translation>
    </message>
    <message>
        <source> · OOD %1</source>
        <translation> · OOD %1</translation>
    </message>
    <message>
        <source>Report as PDF…</source>
        <translation>Bericht als PDF…</translation>
    </message>
    <message>
        <source>The evaluation report: metrics, confusion matrix, curves and Grad-CAM samples</source>
        <translation>Der Evaluierungsbericht: Metriken, Konfusionsmatrix, Kurven und Grad-CAM-Beispiele</translation>
    </message>
    <message>
        <source>Export Report as PDF</source>
        <translation>Bericht als PDF exportieren</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Per-Image Results as CSV…</source>
        <translation>Ergebnisse pro Bild als CSV…</translation>
    </message>
    <message>
        <source>One row per image: path, true and predicted grade, confidence, the probability of each grade, out-of-distribution score</source>
        <translation>Eine Zeile pro Bild: Pfad, wahrer und vorhergesagter Grad, Konfidenz, die Wahrscheinlichkeit jedes Grades, Out-of-Distribution-Wert</translation>
    </message>
    <message>
        <source>Export Per-Image Results as CSV</source>
        <translation>Ergebnisse pro Bild als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Metrics as CSV…</source>
        <translation>Metriken als CSV…</translation>
    </message>
    <message>
        <source>The metrics table (per grade and overall), with the confusion matrix beside it</source>
        <translation>Die Metriktabelle (pro Grad und gesamt), mit der Konfusionsmatrix daneben</translation>
    </message>
    <message>
        <source>Export Metrics as CSV</source>
        <translation>Metriken als CSV exportieren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export the evaluation: PDF report, per-image results or metrics as CSV</source>
        <translation>Die Evaluierung exportieren: PDF-Bericht, Ergebnisse pro Bild oder Metriken als CSV</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n image(s) to %1</source>
        <translation>
            <numerusform>%n Bild in %1 gespeichert</numerusform>
            <numerusform>%n Bilder in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved %1 (and the confusion matrix beside it, %2)</source>
        <translation>%1 gespeichert (und daneben die Konfusionsmatrix, %2)</translation>
    </message>
    <message>
        <source>Writing the PDF report…</source>
        <translation>PDF-Bericht wird geschrieben…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>The PDF report could not be written: %1</source>
        <translation>Der PDF-Bericht konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>kg::ui::GettingStartedDialog</name>
    <message>
        <source>Getting Started with KneeGrade</source>
        <translation>Erste Schritte mit KneeGrade</translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;Getting started&lt;/h2&gt;&lt;p&gt;KneeGrade has four workspaces, one per step, on the bar at the left (Ctrl+1 … Ctrl+4). Go through them in order the first time: no step needs the command line.&lt;/p&gt;</source>
        <translation>&lt;h2 style=&apos;margin:0&apos;&gt;Erste Schritte&lt;/h2&gt;&lt;p&gt;KneeGrade hat vier Arbeitsbereiche, einen pro Schritt, in der Leiste links (Strg+1 … Strg+4). Gehen Sie sie beim ersten Mal der Reihe nach durch: Kein Schritt braucht die Kommandozeile.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>1 · Dataset</source>
        <translation>1 · Datensatz</translation>
    </message>
    <message>
        <source>Open a folder of knee radiographs laid out as &lt;i&gt;train/ val/ test/&lt;/i&gt; with one sub-folder per grade (File → Open Dataset Folder), or try the built-in demo (File → Open Demo Dataset). You see samples, how many images each grade has, and problems worth fixing before training (unreadable files, duplicates, patients in two splits).</source>
        <translation>Öffnen Sie einen Ordner mit Knie-Röntgenbildern, gegliedert in &lt;i&gt;train/ val/ test/&lt;/i&gt; mit je einem Unterordner pro Grad (Datei → Datensatzordner öffnen), oder probieren Sie die eingebaute Demo (Datei → Demo-Datensatz öffnen). Sie sehen Beispiele, wie viele Bilder jeder Grad hat, und Probleme, die vor dem Training behoben werden sollten (unlesbare Dateien, Duplikate, Patienten in zwei Splits).</translation>
    </message>
    <message>
        <source>2 · Train</source>
        <translation>2 · Trainieren</translation>
    </message>
    <message>
        <source>Pick a preset — &lt;i&gt;CPU quick look&lt;/i&gt; trains a small network in minutes — and press Train. The curves show accuracy and loss per epoch for the training images and for the validation images the network does not learn from. Each run is saved in its own folder; the best epoch goes to &lt;i&gt;best.kgckpt&lt;/i&gt;.</source>
        <translation>Wählen Sie eine Vorgabe — &lt;i&gt;CPU-Schnelltest&lt;/i&gt; trainiert ein kleines Netz in Minuten — und drücken Sie Trainieren. Die Kurven zeigen Genauigkeit und Verlust pro Epoche für die Trainingsbilder und für die Validierungsbilder, aus denen das Netz nicht lernt. Jeder Lauf wird in einem eigenen Ordner gespeichert; die beste Epoche landet in &lt;i&gt;best.kgckpt&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>3 · Evaluate</source>
        <translation>3 · Evaluieren</translation>
    </message>
    <message>
        <source>Measure a checkpoint on the test split: the confusion matrix (which grade was taken for which), accuracy, quadratic weighted kappa (how far off the wrong grades are), calibration. Export it as a PDF report or CSV.</source>
        <translation>Messen Sie einen Checkpoint auf dem Test-Split: die Konfusionsmatrix (welcher Grad für welchen gehalten wurde), Genauigkeit, quadratisch gewichtetes Kappa (wie weit die falschen Grade danebenliegen), Kalibrierung. Exportieren Sie das Ergebnis als PDF-Bericht oder CSV.</translation>
    </message>
    <message>
        <source>4 · Predict</source>
        <translation>4 · Vorhersagen</translation>
    </message>
    <message>
        <source>Drop a radiograph (PNG, JPEG, DICOM) to grade it: the grade, the probability of each grade and a Grad-CAM heatmap of where the network looked. On a full film each knee is found and graded in its own box. Images unlike the training images are flagged.</source>
        <translation>Legen Sie eine Röntgenaufnahme ab (PNG, JPEG, DICOM), um sie zu graduieren: der Grad, die Wahrscheinlichkeit jedes Grades und eine Grad-CAM-Heatmap, wohin das Netz geschaut hat. Auf einer ganzen Aufnahme wird jedes Knie gefunden und in einer eigenen Box graduiert. Bilder, die den Trainingsbildern nicht ähneln, werden markiert.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Help → Kellgren–Lawrence grades explains the five grades. Hover over an option for what it does, or press Shift+F1 and click it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Hilfe → Kellgren-Lawrence-Grade erklärt die fünf Grade. Fahren Sie mit der Maus über eine Option, um zu sehen, was sie bewirkt, oder drücken Sie Umschalt+F1 und klicken Sie darauf.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>kg::ui::ImageDetailsDialog</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Grade (label)</source>
        <translation>Grad (Label)</translation>
    </message>
    <message>
        <source>Decoding…</source>
        <translation>Wird dekodiert…</translation>
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation>Diese Datei kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 Pixel</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>colour (RGB)</source>
        <translation>Farbe (RGB)</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>Graustufen</translation>
    </message>
    <message>
        <source>%1-bit</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <source> (%1 bits stored)</source>
        <translation> (%1 Bit gespeichert)</translation>
    </message>
    <message>
        <source>, signed</source>
        <translation>, vorzeichenbehaftet</translation>
    </message>
    <message>
        <source>Bit depth</source>
        <translation>Bittiefe</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <source>Body part</source>
        <translation>Körperteil</translation>
    </message>
    <message>
        <source>Laterality</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Photometric</source>
        <translation>Photometrie</translation>
    </message>
    <message>
        <source> (inverted for display)</source>
        <translation> (für die Anzeige invertiert)</translation>
    </message>
    <message>
        <source>Transfer syntax</source>
        <translation>Transfersyntax</translation>
    </message>
    <message>
        <source> — lossy</source>
        <translation> — verlustbehaftet</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Frames</translation>
    </message>
    <message>
        <source>%1 (the first is shown)</source>
        <translation>%1 (der erste wird gezeigt)</translation>
    </message>
    <message>
        <source>Rescale</source>
        <translation>Umskalierung</translation>
    </message>
    <message>
        <source>Modality LUT</source>
        <translation>Modalitäts-LUT</translation>
    </message>
    <message>
        <source>slope %1, intercept %2</source>
        <translation>Steigung %1, Achsenabschnitt %2</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>identifiers are not read</source>
        <translation>Kennungen werden nicht gelesen</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>centre %1, width %2 (%3)</source>
        <translation>Zentrum %1, Breite %2 (%3)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>kg::ui::KlGradesDialog</name>
    <message>
        <source>Kellgren–Lawrence Grades</source>
        <translation>Kellgren-Lawrence-Grade</translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;Kellgren–Lawrence grades&lt;/h2&gt;&lt;p&gt;The Kellgren–Lawrence (KL) scale grades knee osteoarthritis on a standing radiograph from 0 to 4 by four signs: &lt;b&gt;osteophytes&lt;/b&gt; (bony spurs at the joint margins), &lt;b&gt;joint-space narrowing&lt;/b&gt; (the gap between femur and tibia, where the cartilage is, gets thinner), &lt;b&gt;subchondral sclerosis&lt;/b&gt; (denser, whiter bone under the cartilage) and &lt;b&gt;deformity&lt;/b&gt; of the bone ends. Grade 2 or more is usually taken as definite osteoarthritis.&lt;/p&gt;</source>
        <translation>&lt;h2 style=&apos;margin:0&apos;&gt;Kellgren-Lawrence-Grade&lt;/h2&gt;&lt;p&gt;Die Kellgren-Lawrence-Skala (KL) stuft die Gonarthrose auf einer Röntgenaufnahme im Stehen von 0 bis 4 anhand von vier Zeichen ein: &lt;b&gt;Osteophyten&lt;/b&gt; (knöcherne Ausziehungen an den Gelenkrändern), &lt;b&gt;Gelenkspaltverschmälerung&lt;/b&gt; (der Spalt zwischen Femur und Tibia, in dem der Knorpel liegt, wird schmaler), &lt;b&gt;subchondrale Sklerose&lt;/b&gt; (dichterer, hellerer Knochen unter dem Knorpel) und &lt;b&gt;Deformierung&lt;/b&gt; der Knochenenden. Ab Grad 2 gilt eine Arthrose meist als gesichert.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>No radiographic features of osteoarthritis: no osteophytes, normal joint space.</source>
        <translation>Keine radiologischen Zeichen einer Arthrose: keine Osteophyten, normaler Gelenkspalt.</translation>
    </message>
    <message>
        <source>Doubtful</source>
        <translation>Fraglich</translation>
    </message>
    <message>
        <source>Doubtful narrowing of the joint space and possible osteophytic lipping.</source>
        <translation>Fragliche Gelenkspaltverschmälerung und mögliche beginnende Osteophyten.</translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation>Gering</translation>
    </message>
    <message>
        <source>Definite osteophytes and possible narrowing of the joint space.</source>
        <translation>Eindeutige Osteophyten und mögliche Gelenkspaltverschmälerung.</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Mäßig</translation>
    </message>
    <message>
        <source>Moderate multiple osteophytes, definite narrowing of the joint space, some sclerosis and possible deformity of the bone ends.</source>
        <translation>Mäßige multiple Osteophyten, eindeutige Gelenkspaltverschmälerung, etwas Sklerose und mögliche Deformierung der Knochenenden.</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>Schwer</translation>
    </message>
    <message>
        <source>Large osteophytes, marked narrowing of the joint space, severe sclerosis and definite deformity of the bone ends.</source>
        <translation>Große Osteophyten, ausgeprägte Gelenkspaltverschmälerung, schwere Sklerose und eindeutige Deformierung der Knochenenden.</translation>
    </message>
    <message>
        <source>No image of this grade in the dataset</source>
        <translation>Kein Bild dieses Grades im Datensatz</translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>Kein Datensatz geöffnet</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The image cannot be read</source>
        <translation>Das Bild ist nicht lesbar</translation>
    </message>
    <message>
        <source>&lt;b&gt;KL%1 · %2&lt;/b&gt;&lt;br&gt;%3</source>
        <translation>&lt;b&gt;KL%1 · %2&lt;/b&gt;&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>&lt;p&gt;Examples: the first image of each grade in the open dataset, as labelled there%1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Beispiele: das erste Bild jedes Grades im geöffneten Datensatz, wie dort gelabelt%1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source> (the demo&apos;s images are synthetic phantoms, not real knees)</source>
        <translation> (die Bilder der Demo sind synthetische Phantome, keine echten Knie)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Open a dataset to see an example of each grade from it here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Öffnen Sie einen Datensatz, um hier aus ihm ein Beispiel jedes Grades zu sehen.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>kg::ui::MainWindow</name>
    <message>
        <source>KneeGrade</source>
        <translation>KneeGrade</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>Arbeitsbereiche</translation>
    </message>
    <message>
        <source>KneeGrade %1 · LibTorch %2 · %3</source>
        <translation>KneeGrade %1 · LibTorch %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>Training and inference run on %1 with %n CPU thread(s); BLAS: %2</source>
        <translation>
            <numerusform>Training und Inferenz laufen auf %1 mit %n CPU-Thread; BLAS: %2</numerusform>
            <numerusform>Training und Inferenz laufen auf %1 mit %n CPU-Threads; BLAS: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — KneeGrade</source>
        <translation>%1 — KneeGrade</translation>
    </message>
    <message>
        <source>Demo dataset</source>
        <translation>Demo-Datensatz</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 Panels</source>
        <translation>%1-Bereiche</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Dataset Folder…</source>
        <translation>Datensatzordner &amp;öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Demo Dataset</source>
        <translation>&amp;Demo-Datensatz öffnen</translation>
    </message>
    <message>
        <source>Recent &amp;Datasets</source>
        <translation>Zuletzt geöffnete Daten&amp;sätze</translation>
    </message>
    <message>
        <source>Open &amp;Checkpoint…</source>
        <translation>&amp;Checkpoint öffnen…</translation>
    </message>
    <message>
        <source>Recent C&amp;heckpoints</source>
        <translation>Zuletzt verwendete C&amp;heckpoints</translation>
    </message>
    <message>
        <source>Training &amp;Runs…</source>
        <translation>T&amp;rainingsläufe…</translation>
    </message>
    <message>
        <source>Open &amp;Image to Grade…</source>
        <translation>B&amp;ild zum Graduieren öffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>&amp;Erste Schritte</translation>
    </message>
    <message>
        <source>&amp;Kellgren–Lawrence Grades</source>
        <translation>Kellgren-Lawrence-&amp;Grade</translation>
    </message>
    <message>
        <source>&amp;About KneeGrade</source>
        <translation>Über &amp;KneeGrade</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation>Checkpoint öffnen</translation>
    </message>
    <message>
        <source>KneeGrade checkpoints (*.kgckpt);;All files (*)</source>
        <translation>KneeGrade-Checkpoints (*.kgckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The dataset open last time, %1, is no longer there: open another one (File → Open Dataset Folder) or the demo.</source>
        <translation>Der zuletzt geöffnete Datensatz, %1, ist nicht mehr vorhanden: Öffnen Sie einen anderen (Datei → Datensatzordner öffnen) oder die Demo.</translation>
    </message>
    <message>
        <source>The checkpoint used last time, %1, is no longer there: open another one (File → Open Checkpoint) or train a model.</source>
        <translation>Der zuletzt verwendete Checkpoint, %1, ist nicht mehr vorhanden: Öffnen Sie einen anderen (Datei → Checkpoint öffnen) oder trainieren Sie ein Modell.</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
</context>
<context>
    <name>kg::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>kg::ui::PredictResultPanel</name>
    <message>
        <source>&lt;b&gt;Probability per grade&lt;/b&gt;</source>
        <translation>&lt;b&gt;Wahrscheinlichkeit pro Grad&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the model saw&lt;/b&gt;</source>
        <translation>&lt;b&gt;Was das Modell sah&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training crop convention&lt;/b&gt;</source>
        <translation>&lt;b&gt;Zuschnitt wie im Training&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;No model yet: train one, or File ▸ Open Checkpoint.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Noch kein Modell: Trainieren Sie eines, oder Datei ▸ Checkpoint öffnen.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Model: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Modell: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Right: %1 Place a box like it: the joint line across the middle, as much femur above as tibia below.</source>
        <translation>Rechts: %1 Setzen Sie eine Box wie diese: der Gelenkspalt quer durch die Mitte, oben so viel Femur wie unten Tibia.</translation>
    </message>
    <message>
        <source>no box</source>
        <translation>keine Box</translation>
    </message>
    <message>
        <source>Grading…</source>
        <translation>Wird graduiert…</translation>
    </message>
    <message>
        <source>grading…</source>
        <translation>wird graduiert…</translation>
    </message>
    <message>
        <source>The whole image was graded.</source>
        <translation>Das ganze Bild wurde graduiert.</translation>
    </message>
    <message>
        <source>KL%1 · %2</source>
        <translation>KL%1 · %2</translation>
    </message>
    <message>
        <source>Confidence &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Uncertainty (normalised entropy) %2</source>
        <translation>Konfidenz &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Unsicherheit (normierte Entropie) %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;Out-of-distribution score %1 (1 or less: like the training images)</source>
        <translation>&lt;br&gt;Out-of-Distribution-Wert %1 (1 oder weniger: wie die Trainingsbilder)</translation>
    </message>
    <message>
        <source>⚠ Low confidence: the probabilities are spread over several grades. Treat this grade as a guess and look at the neighbouring grades too.</source>
        <translation>⚠ Geringe Konfidenz: Die Wahrscheinlichkeiten verteilen sich auf mehrere Grade. Betrachten Sie diesen Grad als Schätzung und beachten Sie auch die Nachbargrade.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Grad-CAM&lt;/b&gt; (turbo colours, red = strongest): where the evidence for KL%1 lies in the %2. It shows where the model looked, not why.</source>
        <translation>&lt;b&gt;Grad-CAM&lt;/b&gt; (Turbo-Farben, rot = am stärksten): wo die Evidenz für KL%1 in %2 liegt. Es zeigt, wohin das Modell geschaut hat, nicht warum.</translation>
    </message>
    <message>
        <source>image</source>
        <translation>dem Bild</translation>
    </message>
    <message>
        <source>box</source>
        <translation>der Box</translation>
    </message>
    <message>
        <source>not kept</source>
        <translation>nicht behalten</translation>
    </message>
</context>
<context>
    <name>kg::ui::PredictWorkspace</name>
    <message>
        <source>Radiographs (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)</source>
        <translation>Röntgenbilder (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Vorhersagen</translation>
    </message>
    <message>
        <source>Open Image…</source>
        <translation>Bild öffnen…</translation>
    </message>
    <message>
        <source>Grade one radiograph (PNG, JPEG, 16-bit TIFF/PNG or DICOM); you can also drop it here</source>
        <translation>Eine Röntgenaufnahme graduieren (PNG, JPEG, 16-Bit-TIFF/PNG oder DICOM); Sie können sie auch hier ablegen</translation>
    </message>
    <message>
        <source>Grade Folder…</source>
        <translation>Ordner graduieren…</translation>
    </message>
    <message>
        <source>Grade every image of a folder into a table</source>
        <translation>Jedes Bild eines Ordners graduieren, in eine Tabelle</translation>
    </message>
    <message>
        <source>Add Box</source>
        <translation>Box hinzufügen</translation>
    </message>
    <message>
        <source>Add a square box at the centre of the view and grade it (B); drag it onto a knee joint, drag a corner to resize it</source>
        <translation>Eine quadratische Box in der Mitte der Ansicht hinzufügen und graduieren (B); ziehen Sie sie auf ein Kniegelenk, ziehen Sie an einer Ecke, um die Größe zu ändern</translation>
    </message>
    <message>
        <source>Delete Box</source>
        <translation>Box löschen</translation>
    </message>
    <message>
        <source>Remove the selected box and its result (Delete)</source>
        <translation>Die ausgewählte Box und ihr Ergebnis entfernen (Entf)</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Show where the model looked in the selected box (G)</source>
        <translation>Zeigen, wohin das Modell in der ausgewählten Box geschaut hat (G)</translation>
    </message>
    <message>
        <source>Grad-CAM opacity</source>
        <translation>Grad-CAM-Deckkraft</translation>
    </message>
    <message>
        <source> Opacity </source>
        <translation> Deckkraft </translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Drop a knee X-ray here
(PNG, JPEG, 16-bit or DICOM)

or a folder to grade many at once</source>
        <translation>Knie-Röntgenbild hier ablegen
(PNG, JPEG, 16 Bit oder DICOM)

oder einen Ordner, um viele auf einmal zu graduieren</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Drop a folder, or use Grade Folder…, to grade many images.</source>
        <translation>Legen Sie einen Ordner ab oder nutzen Sie Ordner graduieren…, um viele Bilder zu graduieren.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Save the table as CSV</source>
        <translation>Die Tabelle als CSV speichern</translation>
    </message>
    <message>
        <source>Export Predictions</source>
        <translation>Vorhersagen exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>Choose a model first: train one in the Train workspace, or File ▸ Open Checkpoint.</source>
        <translation>Wählen Sie zuerst ein Modell: Trainieren Sie eines im Arbeitsbereich Trainieren, oder Datei ▸ Checkpoint öffnen.</translation>
    </message>
    <message>
        <source>Grading…</source>
        <translation>Wird graduiert…</translation>
    </message>
    <message>
        <source>Open Radiograph</source>
        <translation>Röntgenaufnahme öffnen</translation>
    </message>
    <message>
        <source>Grade a Folder</source>
        <translation>Einen Ordner graduieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation>Diese Datei kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>%1 cannot be graded: %2</source>
        <translation>%1 kann nicht graduiert werden: %2</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Dataset label: %2 (%3 split)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Label im Datensatz: %2 (Split %3)</translation>
    </message>
    <message>
        <source>The %1 box of %2 cannot be graded: %3</source>
        <translation>Die Box %1 von %2 kann nicht graduiert werden: %3</translation>
    </message>
    <message>
        <source>Graded %1: %2%3</source>
        <translation>%1 graduiert: %2%3</translation>
    </message>
    <message>
        <source> (out of distribution: the grade means nothing)</source>
        <translation> (außerhalb der Verteilung: der Grad ist bedeutungslos)</translation>
    </message>
    <message>
        <source>The model cannot be used: %1</source>
        <translation>Das Modell kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>grading…</source>
        <translation>wird graduiert…</translation>
    </message>
    <message>
        <source>out of distribution</source>
        <translation>außerhalb der Verteilung</translation>
    </message>
    <message>
        <source>Select a box to see its result.</source>
        <translation>Wählen Sie eine Box, um ihr Ergebnis zu sehen.</translation>
    </message>
    <message>
        <source>No box: Add Box grades a square you place on a knee joint.</source>
        <translation>Keine Box: Box hinzufügen graduiert ein Quadrat, das Sie auf ein Kniegelenk setzen.</translation>
    </message>
    <message>
        <source>%1 holds no images.</source>
        <translation>%1 enthält keine Bilder.</translation>
    </message>
    <message numerus="yes">
        <source>Grading %n image(s)…</source>
        <translation>
            <numerusform>%n Bild wird graduiert…</numerusform>
            <numerusform>%n Bilder werden graduiert…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Grading %n image(s) of %1…</source>
        <translation>
            <numerusform>%n Bild von %1 wird graduiert…</numerusform>
            <numerusform>%n Bilder von %1 werden graduiert…</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click a row of the Batch tab to show its image here.</source>
        <translation>Doppelklicken Sie eine Zeile im Reiter Stapel, um ihr Bild hier zu zeigen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Folder %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ordner %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Grading… %1 / %2</source>
        <translation>Graduierung… %1 / %2</translation>
    </message>
    <message>
        <source>Grading %1 / %2</source>
        <translation>Graduierung %1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) graded</source>
        <translation>
            <numerusform>%n Bild graduiert</numerusform>
            <numerusform>%n Bilder graduiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n could not be read</source>
        <translation>
            <numerusform>, %n war nicht lesbar</numerusform>
            <numerusform>, %n waren nicht lesbar</numerusform>
        </translation>
    </message>
    <message>
        <source> (knee joints graded in boxes: %1)</source>
        <translation> (Kniegelenke in Boxen graduiert: %1)</translation>
    </message>
    <message>
        <source>; out of distribution: %1 (their grades mean nothing)</source>
        <translation>; außerhalb der Verteilung: %1 (deren Grade sind bedeutungslos)</translation>
    </message>
    <message>
        <source>. Click a column to sort; double-click a row to see the image and its Grad-CAM.</source>
        <translation>. Klicken Sie auf eine Spalte zum Sortieren; doppelklicken Sie eine Zeile, um das Bild und sein Grad-CAM zu sehen.</translation>
    </message>
    <message>
        <source>%1: see the Batch tab; double-click a row to show its image here.</source>
        <translation>%1: siehe Reiter Stapel; doppelklicken Sie eine Zeile, um ihr Bild hier zu zeigen.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Export Report (PDF)…</source>
        <translation>Bericht exportieren (PDF)…</translation>
    </message>
    <message>
        <source>Save the shown radiograph&apos;s prediction report as PDF: its boxes as they are now, each box&apos;s side, grade, probabilities, out-of-distribution verdict and Grad-CAM, and the model&apos;s details</source>
        <translation>Den Vorhersagebericht der gezeigten Röntgenaufnahme als PDF speichern: ihre Boxen im aktuellen Zustand, Seite, Grad, Wahrscheinlichkeiten, Out-of-Distribution-Urteil und Grad-CAM jeder Box sowie die Angaben zum Modell</translation>
    </message>
    <message>
        <source>Export Prediction Report</source>
        <translation>Vorhersagebericht exportieren</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export Boxes as Annotations…</source>
        <translation>Boxen als Annotationen exportieren…</translation>
    </message>
    <message>
        <source>Add the shown radiograph&apos;s boxes, with their sides, to an annotations.json (its entry is replaced when the file already lists it): kneegrade-cli train-localiser --annotations FILE fine-tunes the knee localiser on them</source>
        <translation>Die Boxen der gezeigten Röntgenaufnahme mit ihren Seiten zu einer annotations.json hinzufügen (ihr Eintrag wird ersetzt, wenn die Datei sie schon enthält): kneegrade-cli train-localiser --annotations DATEI passt den Knie-Lokalisierer daran an</translation>
    </message>
    <message>
        <source>Export Boxes as Annotations</source>
        <translation>Boxen als Annotationen exportieren</translation>
    </message>
    <message>
        <source>Annotations (*.json)</source>
        <translation>Annotationen (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export the shown radiograph&apos;s report or boxes</source>
        <translation>Bericht oder Boxen der gezeigten Röntgenaufnahme exportieren</translation>
    </message>
    <message>
        <source>There is no graded radiograph to report: open or drop one first.</source>
        <translation>Es gibt keine graduierte Röntgenaufnahme für einen Bericht: Öffnen Sie zuerst eine oder legen Sie sie ab.</translation>
    </message>
    <message>
        <source>A box is still being graded: export the report when its grade is shown.</source>
        <translation>Eine Box wird noch graduiert: Exportieren Sie den Bericht, wenn ihr Grad angezeigt wird.</translation>
    </message>
    <message>
        <source>The report cannot be written: %1</source>
        <translation>Der Bericht kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Saved the prediction report %1</source>
        <translation>Vorhersagebericht %1 gespeichert</translation>
    </message>
    <message>
        <source>There are no boxes to export: open or drop a radiograph, and place boxes on its knee joints (Add Box).</source>
        <translation>Es gibt keine Boxen zum Exportieren: Öffnen Sie eine Röntgenaufnahme oder legen Sie sie ab und setzen Sie Boxen auf ihre Kniegelenke (Box hinzufügen).</translation>
    </message>
    <message>
        <source>The boxes cannot be exported: %1</source>
        <translation>Die Boxen können nicht exportiert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n box(es) of %1 to %2: kneegrade-cli train-localiser --annotations %2 fine-tunes the knee localiser on them</source>
        <translation>
            <numerusform>%n Box von %1 in %2 gespeichert: kneegrade-cli train-localiser --annotations %2 passt den Knie-Lokalisierer daran an</numerusform>
            <numerusform>%n Boxen von %1 in %2 gespeichert: kneegrade-cli train-localiser --annotations %2 passt den Knie-Lokalisierer daran an</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kg::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new language takes effect when KneeGrade is restarted.</source>
        <translation>Eine neue Sprache wird nach einem Neustart von KneeGrade wirksam.</translation>
    </message>
</context>
<context>
    <name>kg::ui::RankProcesses</name>
    <message>
        <source>rank %1 ended with status %2</source>
        <translation>Rang %1 endete mit Status %2</translation>
    </message>
</context>
<context>
    <name>kg::ui::ResearchBanner</name>
    <message>
        <source>For research use only — not for diagnostic use</source>
        <translation>Nur für Forschungszwecke — nicht zur Diagnose</translation>
    </message>
</context>
<context>
    <name>kg::ui::RunComparisonChart</name>
    <message>
        <source>Validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Select two or three runs in the table to compare their curves.</source>
        <translation>Wählen Sie zwei oder drei Läufe in der Tabelle, um ihre Kurven zu vergleichen.</translation>
    </message>
</context>
<context>
    <name>kg::ui::RunsBrowser</name>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>early stopped</source>
        <translation>früh gestoppt</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 — cannot be read</source>
        <translation>%1 — nicht lesbar</translation>
    </message>
    <message>
        <source>%1 epochs</source>
        <translation>%1 Epochen</translation>
    </message>
    <message>
        <source>best val %1</source>
        <translation>beste Val. %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Only runs of the open dataset</source>
        <translation>Nur Läufe des geöffneten Datensatzes</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Also list the runs in another folder (for example runs trained with kneegrade-cli)</source>
        <translation>Auch die Läufe in einem anderen Ordner auflisten (zum Beispiel mit kneegrade-cli trainierte Läufe)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Best val accuracy</source>
        <translation>Beste Val.-Genauigkeit</translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation>Bester Val.-Verlust</translation>
    </message>
    <message>
        <source>QWK</source>
        <translation>QWK</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Epochs finished / epochs planned</source>
        <translation>Abgeschlossene Epochen / geplante Epochen</translation>
    </message>
    <message>
        <source>Highest validation accuracy of any epoch</source>
        <translation>Höchste Validierungsgenauigkeit aller Epochen</translation>
    </message>
    <message>
        <source>Lowest validation loss: the epoch best.kgckpt holds</source>
        <translation>Niedrigster Validierungsverlust: die Epoche in best.kgckpt</translation>
    </message>
    <message>
        <source>Quadratic weighted kappa of the run&apos;s last evaluation in Evaluate (the test split&apos;s when there is one)</source>
        <translation>Quadratisch gewichtetes Kappa der letzten Evaluierung des Laufs in Evaluieren (die des Test-Splits, falls vorhanden)</translation>
    </message>
    <message>
        <source>Select two or three runs (Ctrl+click) to compare their curves; double-click opens one in Train</source>
        <translation>Wählen Sie zwei oder drei Läufe (Strg+Klick), um ihre Kurven zu vergleichen; ein Doppelklick öffnet einen in Trainieren</translation>
    </message>
    <message>
        <source>Open in Train</source>
        <translation>In Trainieren öffnen</translation>
    </message>
    <message>
        <source>Show this run&apos;s curves and options in the Train workspace</source>
        <translation>Kurven und Optionen dieses Laufs im Arbeitsbereich Trainieren zeigen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue a cancelled or interrupted run from its last checkpoint</source>
        <translation>Einen abgebrochenen oder unterbrochenen Lauf ab seinem letzten Checkpoint fortsetzen</translation>
    </message>
    <message>
        <source>Use Best Checkpoint</source>
        <translation>Besten Checkpoint verwenden</translation>
    </message>
    <message>
        <source>Evaluate and Predict with this run&apos;s best.kgckpt</source>
        <translation>Mit best.kgckpt dieses Laufs evaluieren und vorhersagen</translation>
    </message>
    <message>
        <source>Show Folder</source>
        <translation>Ordner zeigen</translation>
    </message>
    <message>
        <source>Only runs of %1</source>
        <translation>Nur Läufe von %1</translation>
    </message>
    <message>
        <source>Add a Runs Folder</source>
        <translation>Einen Ordner mit Läufen hinzufügen</translation>
    </message>
    <message>
        <source>Dataset: %1</source>
        <translation>Datensatz: %1</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>Resume continues it from epoch %1.</source>
        <translation>Fortsetzen setzt ihn ab Epoche %1 fort.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 · batch %2 · learning rate %3</source>
        <translation>%1 · Batch %2 · Lernrate %3</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
    <message>
        <source>On the %1 split</source>
        <translation>Auf dem Split %1</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n run(s)</source>
        <translation>
            <numerusform>%1 von %n Lauf</numerusform>
            <numerusform>%1 von %n Läufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n Lauf</numerusform>
            <numerusform>%n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs folders:
%1</source>
        <translation>Ordner mit Läufen:
%1</translation>
    </message>
    <message>
        <source> (%1, %2 epochs)</source>
        <translation> (%1, %2 Epochen)</translation>
    </message>
</context>
<context>
    <name>kg::ui::SampleGridWidget</name>
    <message>
        <source>Unreadable:
%1</source>
        <translation>Nicht lesbar:
%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>No images to show.</source>
        <translation>Keine Bilder anzuzeigen.</translation>
    </message>
    <message>
        <source>Click to enlarge</source>
        <translation>Zum Vergrößern klicken</translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainOptionsForm</name>
    <message>
        <source>Frozen backbone, train the head</source>
        <translation>Backbone eingefroren, Kopf trainieren</translation>
    </message>
    <message>
        <source>Two-phase: head, then the top stacks</source>
        <translation>Zweiphasig: Kopf, dann die oberen Stacks</translation>
    </message>
    <message>
        <source>Fine-tune everything</source>
        <translation>Alles feinabstimmen</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Vorgabe:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>%1: %2·%3·%4·%5 bottleneck blocks per stack</source>
        <translation>%1: %2·%3·%4·%5 Bottleneck-Blöcke pro Stack</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>Architektur:</translation>
    </message>
    <message>
        <source>none: train from scratch</source>
        <translation>keine: von Grund auf trainieren</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a Keras .h5 weights file</source>
        <translation>Eine Keras-Gewichtsdatei (.h5) wählen</translation>
    </message>
    <message>
        <source>ImageNet Weights</source>
        <translation>ImageNet-Gewichte</translation>
    </message>
    <message>
        <source>Keras weights (*.h5 *.weights.h5);;All files (*)</source>
        <translation>Keras-Gewichte (*.h5 *.weights.h5);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>ImageNet weights:</source>
        <translation>ImageNet-Gewichte:</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Adam learning rate. From scratch 1e-3 learns; 1e-4 suits ImageNet-initialised weights.</source>
        <translation>Adam-Lernrate. Von Grund auf lernt 1e-3; 1e-4 passt zu mit ImageNet initialisierten Gewichten.</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Image size:</source>
        <translation>Bildgröße:</translation>
    </message>
    <message>
        <source>None (plain accuracy)</source>
        <translation>Keine (reine Genauigkeit)</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>Klassengewichte</translation>
    </message>
    <message>
        <source>Balanced sampling</source>
        <translation>Balanciertes Sampling</translation>
    </message>
    <message>
        <source>KL grades are imbalanced (grade 4 is 3 % of the data): weights or balanced batches keep the rare grades from being ignored</source>
        <translation>KL-Grade sind unausgewogen (Grad 4 macht 3 % der Daten aus): Gewichte oder balancierte Batches verhindern, dass die seltenen Grade ignoriert werden</translation>
    </message>
    <message>
        <source>Class imbalance:</source>
        <translation>Klassenungleichgewicht:</translation>
    </message>
    <message>
        <source>Lower the learning rate on plateaus (÷5)</source>
        <translation>Lernrate auf Plateaus senken (÷5)</translation>
    </message>
    <message>
        <source>Stop early (no val-loss gain in 25 epochs)</source>
        <translation>Früh stoppen (keine Val.-Verlust-Verbesserung in 25 Epochen)</translation>
    </message>
    <message>
        <source>Keras ReduceLROnPlateau: ×0.2 after 10 epochs without a lower validation loss, down to 1e-5</source>
        <translation>Keras ReduceLROnPlateau: ×0,2 nach 10 Epochen ohne niedrigeren Validierungsverlust, bis hinab zu 1e-5</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Augmentierung</translation>
    </message>
    <message>
        <source>Augment training images</source>
        <translation>Trainingsbilder augmentieren</translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation>Horizontal spiegeln</translation>
    </message>
    <message>
        <source>Fraction of a full turn: 0.1 = ±36°</source>
        <translation>Bruchteil einer vollen Drehung: 0,1 = ±36°</translation>
    </message>
    <message>
        <source>RandomZoom factor: 0.2 = ±20 %</source>
        <translation>RandomZoom-Faktor: 0,2 = ±20 %</translation>
    </message>
    <message>
        <source>RandomTranslation factor of height and width</source>
        <translation>RandomTranslation-Faktor von Höhe und Breite</translation>
    </message>
    <message>
        <source>Rotation:</source>
        <translation>Rotation:</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <source>Translation:</source>
        <translation>Verschiebung:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA-GPU</translation>
    </message>
    <message>
        <source>No usable GPU on this computer</source>
        <translation>Keine nutzbare GPU auf diesem Computer</translation>
    </message>
    <message>
        <source>Automatic: %1</source>
        <translation>Automatisch: %1</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>bf16 mixed precision (GPU)</source>
        <translation>bf16-Mixed-Precision (GPU)</translation>
    </message>
    <message>
        <source>Half the activation memory, for larger batches. At batch 32 fp32 measured faster through the trainer on an H200.</source>
        <translation>Halber Aktivierungsspeicher, für größere Batches. Bei Batch 32 war fp32 im Trainer auf einer H200 messbar schneller.</translation>
    </message>
    <message>
        <source>Deterministic (GPU)</source>
        <translation>Deterministisch (GPU)</translation>
    </message>
    <message>
        <source>Bit-reproducible GPU runs and resumes, about 6 % slower. CPU runs always are.</source>
        <translation>Bitgenau reproduzierbare GPU-Läufe und Fortsetzungen, etwa 6 % langsamer. CPU-Läufe sind es immer.</translation>
    </message>
    <message>
        <source>Same seed, same data, same options: the same run</source>
        <translation>Gleicher Seed, gleiche Daten, gleiche Optionen: derselbe Lauf</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>a new folder per run</source>
        <translation>ein neuer Ordner pro Lauf</translation>
    </message>
    <message>
        <source>Checkpoints, history.csv, options.json and train.log are written here.
Default: %1</source>
        <translation>Checkpoints, history.csv, options.json und train.log werden hierhin geschrieben.
Standard: %1</translation>
    </message>
    <message>
        <source>Run folder:</source>
        <translation>Laufordner:</translation>
    </message>
    <message>
        <source>This preset expects ImageNet weights: choose the official Keras file resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5.</source>
        <translation>Diese Vorgabe erwartet ImageNet-Gewichte: Wählen Sie die offizielle Keras-Datei resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5.</translation>
    </message>
    <message>
        <source>A frozen backbone only helps with ImageNet weights. With random weights the head sees random features and accuracy stays at chance: choose the weights file or fine-tune everything.</source>
        <translation>Ein eingefrorenes Backbone hilft nur mit ImageNet-Gewichten. Mit zufälligen Gewichten sieht der Kopf zufällige Merkmale und die Genauigkeit bleibt auf Zufallsniveau: Wählen Sie die Gewichtsdatei oder stimmen Sie alles fein ab.</translation>
    </message>
    <message>
        <source>From scratch, 1e-4 barely moves in the first epochs; 1e-3 learns much sooner.</source>
        <translation>Von Grund auf bewegt sich 1e-4 in den ersten Epochen kaum; 1e-3 lernt viel früher.</translation>
    </message>
    <message>
        <source>Trains from random weights (fine for the demo with the CPU quick look).</source>
        <translation>Trainiert ab zufälligen Gewichten (für die Demo mit dem CPU-Schnelltest in Ordnung).</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;No such file.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c0392b&apos;&gt;Datei nicht vorhanden.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>Datei wird geprüft…</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#2e8b57&apos;&gt;✔ Official Keras file&lt;/span&gt; %1 (MD5 verified).</source>
        <translation>&lt;span style=&apos;color:#2e8b57&apos;&gt;✔ Offizielle Keras-Datei&lt;/span&gt; %1 (MD5 geprüft).</translation>
    </message>
    <message>
        <source> It holds %1 weights: choose that architecture.</source>
        <translation> Sie enthält %1-Gewichte: Wählen Sie diese Architektur.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;The file cannot be read.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c0392b&apos;&gt;Die Datei ist nicht lesbar.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c05a00&apos;&gt;Named like the official file, but its MD5 (%1) differs: an incomplete download?&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c05a00&apos;&gt;Benannt wie die offizielle Datei, aber ihre MD5 (%1) weicht ab: ein unvollständiger Download?&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Not an official Keras file (MD5 %1); it will be imported by layer name.</source>
        <translation>Keine offizielle Keras-Datei (MD5 %1); sie wird nach Schichtnamen importiert.</translation>
    </message>
    <message>
        <source>&lt;i&gt;No dataset yet: open one in the Dataset workspace, or try the demo.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Noch kein Datensatz: Öffnen Sie einen im Arbeitsbereich Datensatz oder probieren Sie die Demo.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Reading the dataset…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Datensatz wird gelesen…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Trains on &lt;b&gt;%1&lt;/b&gt; training images, validates on &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>Trainiert auf &lt;b&gt;%1&lt;/b&gt; Trainingsbildern, validiert auf &lt;b&gt;%2&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>&lt;i&gt;Timing a few training steps for an estimate…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Einige Trainingsschritte werden für eine Schätzung gemessen…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>Keine Schätzung: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 parameters.&lt;/b&gt; </source>
        <translation>&lt;b&gt;%1 Parameter.&lt;/b&gt; </translation>
    </message>
    <message>
        <source>the GPU</source>
        <translation>der GPU</translation>
    </message>
    <message>
        <source>this computer&apos;s CPU</source>
        <translation>der CPU dieses Computers</translation>
    </message>
    <message numerus="yes">
        <source>Estimated time: about &lt;b&gt;%1&lt;/b&gt; for %n epoch(s) (%2 per epoch).</source>
        <translation>
            <numerusform>Geschätzte Zeit: etwa &lt;b&gt;%1&lt;/b&gt; für %n Epoche (%2 pro Epoche).</numerusform>
            <numerusform>Geschätzte Zeit: etwa &lt;b&gt;%1&lt;/b&gt; für %n Epochen (%2 pro Epoche).</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a dataset for an estimated time per epoch.</source>
        <translation>Öffnen Sie einen Datensatz für eine geschätzte Zeit pro Epoche.</translation>
    </message>
    <message numerus="yes">
        <source>Based on %n batch(es) of this run so far.</source>
        <translation>
            <numerusform>Beruht auf bisher %n Batch dieses Laufs.</numerusform>
            <numerusform>Beruht auf bisher %n Batches dieses Laufs.</numerusform>
        </translation>
    </message>
    <message>
        <source>batch %1 of the planned %2, scaled</source>
        <translation>Batch %1 statt der geplanten %2, hochgerechnet</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>Batch %1</translation>
    </message>
    <message numerus="yes">
        <source>Based on %n training step(s) timed just now on %1 (%2, %3 × %3 px: %4 s a step); refined once the run starts.</source>
        <translation>
            <numerusform>Beruht auf %n soeben auf %1 gemessenen Trainingsschritt (%2, %3 × %3 px: %4 s pro Schritt); wird verfeinert, sobald der Lauf beginnt.</numerusform>
            <numerusform>Beruht auf %n soeben auf %1 gemessenen Trainingsschritten (%2, %3 × %3 px: %4 s pro Schritt); wird verfeinert, sobald der Lauf beginnt.</numerusform>
        </translation>
    </message>
    <message>
        <source>An estimate, not a limit: the range widens when there are few measurements or they disagree. The warm-up reads no images and validates nothing; a busy computer, a slow disk or a frozen backbone&apos;s feature cache can make the real run slower or faster. Once training runs, its own batches replace the warm-up.</source>
        <translation>Eine Schätzung, keine Grenze: Die Spanne wird breiter, wenn es wenige Messungen gibt oder sie voneinander abweichen. Das Aufwärmen liest keine Bilder und validiert nichts; ein ausgelasteter Computer, eine langsame Festplatte oder der Merkmals-Cache eines eingefrorenen Backbones können den echten Lauf langsamer oder schneller machen. Sobald das Training läuft, ersetzen seine eigenen Batches das Aufwärmen.</translation>
    </message>
    <message>
        <source>ResNetV2 tiny (tests)</source>
        <translation>ResNetV2 winzig (Tests)</translation>
    </message>
    <message>
        <source>ResNetV2 small (fast on a CPU)</source>
        <translation>ResNetV2 klein (schnell auf der CPU)</translation>
    </message>
    <message>
        <source>ResNet50V2</source>
        <translation>ResNet50V2</translation>
    </message>
    <message>
        <source>ResNet101V2</source>
        <translation>ResNet101V2</translation>
    </message>
    <message>
        <source>ResNet152V2 (the tutorial&apos;s)</source>
        <translation>ResNet152V2 (wie im Tutorial)</translation>
    </message>
    <message>
        <source>CPU quick look</source>
        <translation>CPU-Schnelltest</translation>
    </message>
    <message>
        <source>Small ResNetV2, 128 px, learning rate 1e-3, trained from scratch for 25 epochs with light augmentation: learns in about a minute per 500 images on a CPU, without ImageNet weights</source>
        <translation>Kleines ResNetV2, 128 px, Lernrate 1e-3, 25 Epochen von Grund auf trainiert mit leichter Augmentierung: lernt auf einer CPU in etwa einer Minute pro 500 Bilder, ohne ImageNet-Gewichte</translation>
    </message>
    <message>
        <source>GPU full fine-tune</source>
        <translation>GPU-Feinabstimmung (komplett)</translation>
    </message>
    <message>
        <source>ResNet152V2 at 224 px, learning rate 1e-4, batch 32, up to 100 epochs with class weights: everything fine-tuned from ImageNet weights, on a GPU</source>
        <translation>ResNet152V2 bei 224 px, Lernrate 1e-4, Batch 32, bis zu 100 Epochen mit Klassengewichten: alles ab ImageNet-Gewichten feinabgestimmt, auf einer GPU</translation>
    </message>
    <message>
        <source>Tutorial (Keras)</source>
        <translation>Tutorial (Keras)</translation>
    </message>
    <message>
        <source>Exactly the Keras tutorial: ResNet152V2, 224 px, batch 16, Adam 1e-4, up to 500 epochs, ReduceLROnPlateau and EarlyStopping — without its bugs</source>
        <translation>Genau das Keras-Tutorial: ResNet152V2, 224 px, Batch 16, Adam 1e-4, bis zu 500 Epochen, ReduceLROnPlateau und EarlyStopping — ohne seine Fehler</translation>
    </message>
    <message>
        <source>Trains on this many GPUs at once, one process each. Every process trains batch ÷ processes images of each step; the gradients are averaged, so the run trains like one process with the same batch. Pause is not available then.</source>
        <translation>Trainiert auf so vielen GPUs gleichzeitig, mit je einem Prozess. Jeder Prozess trainiert Batch ÷ Prozesse Bilder pro Schritt; die Gradienten werden gemittelt, also trainiert der Lauf wie ein Prozess mit derselben Batchgröße. Pausieren ist dann nicht möglich.</translation>
    </message>
    <message>
        <source>Processes:</source>
        <translation>Prozesse:</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>√(batch ÷ reference), for Adam</source>
        <translation>√(Batch ÷ Referenz), für Adam</translation>
    </message>
    <message>
        <source>batch ÷ reference, linear</source>
        <translation>Batch ÷ Referenz, linear</translation>
    </message>
    <message>
        <source>Scale with batch:</source>
        <translation>Mit Batch skalieren:</translation>
    </message>
    <message>
        <source>The learning rate above is the one for batch %1 (the tutorial&apos;s). Larger batches on a GPU average more images per step; scaling the rate keeps training comparable. This run starts at %2.</source>
        <translation>Die Lernrate oben gilt für Batchgröße %1 (die des Tutorials). Größere Batches auf einer GPU mitteln mehr Bilder pro Schritt; die skalierte Rate hält das Training vergleichbar. Dieser Lauf beginnt mit %2.</translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainWorkspace</name>
    <message>
        <source>Preparing: building the model and reading the data…</source>
        <translation>Vorbereitung: Modell wird aufgebaut und Daten werden gelesen…</translation>
    </message>
    <message>
        <source>Caching backbone features · batch %1 / %2</source>
        <translation>Backbone-Merkmale werden zwischengespeichert · Batch %1 / %2</translation>
    </message>
    <message>
        <source>Epoch %1 / %2 · training batch %3 / %4 · loss %5 · accuracy %6</source>
        <translation>Epoche %1 / %2 · Trainingsbatch %3 / %4 · Verlust %5 · Genauigkeit %6</translation>
    </message>
    <message>
        <source>Epoch %1 / %2 · validating batch %3 / %4</source>
        <translation>Epoche %1 / %2 · Validierungsbatch %3 / %4</translation>
    </message>
    <message>
        <source>Epoch %1 / %2 done</source>
        <translation>Epoche %1 / %2 fertig</translation>
    </message>
    <message>
        <source>Fitting the out-of-distribution gate · image %1 / %2</source>
        <translation>Out-of-Distribution-Filter wird angepasst · Bild %1 / %2</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Wird abgeschlossen…</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Start training with these options (Ctrl+Enter)</source>
        <translation>Training mit diesen Optionen starten (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause after the current batch; click again to continue</source>
        <translation>Nach dem aktuellen Batch pausieren; erneut klicken, um fortzufahren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop after the current batch; finished epochs stay saved and can be resumed</source>
        <translation>Nach dem aktuellen Batch stoppen; abgeschlossene Epochen bleiben gespeichert und können fortgesetzt werden</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>Fortsetzen…</translation>
    </message>
    <message>
        <source>Resume a Run</source>
        <translation>Einen Lauf fortsetzen</translation>
    </message>
    <message>
        <source>Continue an interrupted run from its last checkpoint</source>
        <translation>Einen unterbrochenen Lauf ab seinem letzten Checkpoint fortsetzen</translation>
    </message>
    <message>
        <source>Open Run…</source>
        <translation>Lauf öffnen…</translation>
    </message>
    <message>
        <source>Open a Run</source>
        <translation>Einen Lauf öffnen</translation>
    </message>
    <message>
        <source>Show the curves and options of a previous run</source>
        <translation>Die Kurven und Optionen eines früheren Laufs zeigen</translation>
    </message>
    <message>
        <source>Runs…</source>
        <translation>Läufe…</translation>
    </message>
    <message>
        <source>List this dataset&apos;s runs with their status and best accuracy, and compare their curves</source>
        <translation>Die Läufe dieses Datensatzes mit Status und bester Genauigkeit auflisten und ihre Kurven vergleichen</translation>
    </message>
    <message>
        <source>Evaluate Best Model</source>
        <translation>Bestes Modell evaluieren</translation>
    </message>
    <message>
        <source>Evaluate the best checkpoint of the last run on the test split</source>
        <translation>Den besten Checkpoint des letzten Laufs auf dem Test-Split evaluieren</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Epoch summaries, learning-rate changes and messages appear here.</source>
        <translation>Epochenzusammenfassungen, Lernratenänderungen und Meldungen erscheinen hier.</translation>
    </message>
    <message>
        <source>Training Options</source>
        <translation>Trainingsoptionen</translation>
    </message>
    <message>
        <source>Open a dataset first (Dataset workspace, or File ▸ Open Demo Dataset).</source>
        <translation>Öffnen Sie zuerst einen Datensatz (Arbeitsbereich Datensatz, oder Datei ▸ Demo-Datensatz öffnen).</translation>
    </message>
    <message numerus="yes">
        <source>Training %1 at %2 px, %3, %n epoch(s), batch %4, learning rate %5 → %6</source>
        <translation>
            <numerusform>Training von %1 bei %2 px, %3, %n Epoche, Batch %4, Lernrate %5 → %6</numerusform>
            <numerusform>Training von %1 bei %2 px, %3, %n Epochen, Batch %4, Lernrate %5 → %6</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 already holds a run; this run goes to %2 (Resume… continues the old one).</source>
        <translation>%1 enthält bereits einen Lauf; dieser Lauf kommt nach %2 (Fortsetzen… setzt den alten fort).</translation>
    </message>
    <message>
        <source>Warning: frozen backbone without ImageNet weights — expect chance accuracy.</source>
        <translation>Warnung: eingefrorenes Backbone ohne ImageNet-Gewichte — Genauigkeit auf Zufallsniveau zu erwarten.</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>%1 wird fortgesetzt</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Training: starting</source>
        <translation>Training: Start</translation>
    </message>
    <message>
        <source>ETA %1 · elapsed %2</source>
        <translation>Restzeit %1 · vergangen %2</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>etwa %1</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>Time left, estimated from this run&apos;s batches so far; not a limit</source>
        <translation>Restzeit, geschätzt aus den bisherigen Batches dieses Laufs; keine Grenze</translation>
    </message>
    <message>
        <source>%1 training images/s</source>
        <translation>%1 Trainingsbilder/s</translation>
    </message>
    <message>
        <source>Training: finishing</source>
        <translation>Training: Abschluss</translation>
    </message>
    <message>
        <source>Training: epoch %1 / %2</source>
        <translation>Training: Epoche %1 / %2</translation>
    </message>
    <message>
        <source>Epoch %1/%2 — loss %3, accuracy %4 · val_loss %5, val_accuracy %6 · lr %7 · %8</source>
        <translation>Epoche %1/%2 — Verlust %3, Genauigkeit %4 · val_loss %5, val_accuracy %6 · lr %7 · %8</translation>
    </message>
    <message numerus="yes">
        <source>Training finished: %n epoch(s).</source>
        <translation>
            <numerusform>Training beendet: %n Epoche.</numerusform>
            <numerusform>Training beendet: %n Epochen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped early after %n epoch(s): the validation loss stopped improving.</source>
        <translation>
            <numerusform>Nach %n Epoche früh gestoppt: Der Validierungsverlust verbesserte sich nicht mehr.</numerusform>
            <numerusform>Nach %n Epochen früh gestoppt: Der Validierungsverlust verbesserte sich nicht mehr.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n finished epoch(s). Resume… continues the run.</source>
        <translation>
            <numerusform>Nach %n abgeschlossenen Epoche abgebrochen. Fortsetzen… setzt den Lauf fort.</numerusform>
            <numerusform>Nach %n abgeschlossenen Epochen abgebrochen. Fortsetzen… setzt den Lauf fort.</numerusform>
        </translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>Training fehlgeschlagen.</translation>
    </message>
    <message>
        <source> Best epoch %1 (validation loss %2).</source>
        <translation> Beste Epoche %1 (Validierungsverlust %2).</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>Dauer %1</translation>
    </message>
    <message>
        <source>Best checkpoint: %1</source>
        <translation>Bester Checkpoint: %1</translation>
    </message>
    <message>
        <source>Training could not run.</source>
        <translation>Das Training konnte nicht laufen.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Paused — click Pause again to continue.</source>
        <translation>Pausiert — klicken Sie erneut auf Pause, um fortzufahren.</translation>
    </message>
    <message>
        <source>Continuing…</source>
        <translation>Wird fortgesetzt…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Continued</source>
        <translation>Fortgesetzt</translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation>Abbruch nach dem aktuellen Batch…</translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <translation>Abbruch angefordert</translation>
    </message>
    <message>
        <source>Training Is Running</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <source>Training is running. Stop it now?

Finished epochs stay saved in %1; Resume… continues from there.</source>
        <translation>Das Training läuft. Jetzt stoppen?

Abgeschlossene Epochen bleiben in %1 gespeichert; Fortsetzen… macht dort weiter.</translation>
    </message>
    <message numerus="yes">
        <source>Run %1: %n epoch(s).</source>
        <translation>
            <numerusform>Lauf %1: %n Epoche.</numerusform>
            <numerusform>Lauf %1: %n Epochen.</numerusform>
        </translation>
    </message>
    <message>
        <source>This run cannot be opened: %1</source>
        <translation>Dieser Lauf kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Training Runs — KneeGrade</source>
        <translation>Trainingsläufe — KneeGrade</translation>
    </message>
    <message>
        <source>Evaluate and Predict use %1</source>
        <translation>Evaluieren und Vorhersagen verwenden %1</translation>
    </message>
    <message>
        <source>the demo dataset</source>
        <translation>den Demo-Datensatz</translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainingCurvesWidget</name>
    <message>
        <source>&lt;b&gt;Validation-loss spikes&lt;/b&gt; (off the scale): on those epochs the model was confidently wrong on a few validation images. Common early on and with a small validation set; worry when they keep coming late in training or validation accuracy drops with them.</source>
        <translation>&lt;b&gt;Spitzen im Validierungsverlust&lt;/b&gt; (außerhalb der Skala): In diesen Epochen lag das Modell bei einigen Validierungsbildern zuversichtlich falsch. Häufig am Anfang und bei einem kleinen Validierungssatz; bedenklich, wenn sie spät im Training weiter auftreten oder die Validierungsgenauigkeit mit ihnen fällt.</translation>
    </message>
    <message>
        <source>Validation loss is the average penalty for wrong answers on images the model does not train on. A single very confident mistake makes it jump. A spike followed by a return to the trend is harmless; a rising trend means overfitting or a learning rate that is too high. best.kgckpt keeps the epoch with the lowest validation loss either way.</source>
        <translation>Der Validierungsverlust ist die durchschnittliche Strafe für falsche Antworten auf Bildern, mit denen das Modell nicht trainiert. Ein einziger sehr zuversichtlicher Fehler lässt ihn springen. Eine Spitze mit anschließender Rückkehr zum Trend ist harmlos; ein steigender Trend bedeutet Überanpassung oder eine zu hohe Lernrate. best.kgckpt behält in jedem Fall die Epoche mit dem niedrigsten Validierungsverlust.</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>training (running, per batch)</source>
        <translation>Training (laufend, pro Batch)</translation>
    </message>
    <message>
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>training (running)</source>
        <translation>Training (laufend)</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>peaks up to %1 off the scale ↑</source>
        <translation>Spitzen bis %1 außerhalb der Skala ↑</translation>
    </message>
    <message>
        <source>peaks up to %1
off the scale ↑</source>
        <translation>Spitzen bis %1
außerhalb der Skala ↑</translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainingWorker</name>
    <message>
        <source>Fitting the out-of-distribution gate…</source>
        <translation>Out-of-Distribution-Filter wird angepasst…</translation>
    </message>
    <message>
        <source>The out-of-distribution gate could not be fitted: %1. The model works, but cannot tell when an image is unlike its training images; kneegrade-cli calibrate fits the gate later.</source>
        <translation>Der Out-of-Distribution-Filter konnte nicht angepasst werden: %1. Das Modell funktioniert, erkennt aber nicht, wenn ein Bild seinen Trainingsbildern nicht ähnelt; kneegrade-cli calibrate passt den Filter später an.</translation>
    </message>
    <message>
        <source>Out-of-distribution gate fitted into %1: %2 training images, threshold at the %3th percentile of %4 validation images.</source>
        <translation>Out-of-Distribution-Filter in %1 angepasst: %2 Trainingsbilder, Schwelle beim %3. Perzentil von %4 Validierungsbildern.</translation>
    </message>
</context>
<context>
    <name>kg::ui::WelcomePage</name>
    <message>
        <source>&lt;span style=&apos;font-size:20pt; font-weight:600&apos;&gt;KneeGrade&lt;/span&gt;&lt;br&gt;Train, evaluate and explain a knee X-ray grader (Kellgren–Lawrence 0–4).</source>
        <translation>&lt;span style=&apos;font-size:20pt; font-weight:600&apos;&gt;KneeGrade&lt;/span&gt;&lt;br&gt;Ein Graduierungsmodell für Knie-Röntgenbilder trainieren, evaluieren und erklären (Kellgren-Lawrence 0–4).</translation>
    </message>
    <message>
        <source>Try the demo dataset</source>
        <translation>Demo-Datensatz ausprobieren</translation>
    </message>
    <message>
        <source>About 500 synthetic knee radiographs with the real dataset&apos;s grade balance. Made on this computer in a few seconds; no patient data.</source>
        <translation>Etwa 500 synthetische Knie-Röntgenbilder mit der Gradverteilung des echten Datensatzes. In wenigen Sekunden auf diesem Computer erzeugt; keine Patientendaten.</translation>
    </message>
    <message>
        <source>Open a dataset folder…</source>
        <translation>Einen Datensatzordner öffnen…</translation>
    </message>
    <message>
        <source>A folder with train/, val/ and test/, each holding one sub-folder per grade 0–4 (PNG, JPEG, 16-bit or DICOM). You can also drop it here.</source>
        <translation>Ein Ordner mit train/, val/ und test/, jeweils mit einem Unterordner pro Grad 0–4 (PNG, JPEG, 16 Bit oder DICOM). Sie können ihn auch hier ablegen.</translation>
    </message>
    <message numerus="yes">
        <source>KneeGrade %1 · LibTorch %2 · Qt %3&lt;br&gt;Trains on &lt;b&gt;%4&lt;/b&gt; · %n CPU thread(s) · BLAS: %5</source>
        <translation>
            <numerusform>KneeGrade %1 · LibTorch %2 · Qt %3&lt;br&gt;Trainiert auf &lt;b&gt;%4&lt;/b&gt; · %n CPU-Thread · BLAS: %5</numerusform>
            <numerusform>KneeGrade %1 · LibTorch %2 · Qt %3&lt;br&gt;Trainiert auf &lt;b&gt;%4&lt;/b&gt; · %n CPU-Threads · BLAS: %5</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent datasets&lt;/b&gt;</source>
        <translation>&lt;b&gt;Zuletzt geöffnete Datensätze&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>kg::ui::WindowLevelBar</name>
    <message>
        <source>Level</source>
        <translation>Lage</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the image&apos;s own window (the file&apos;s, for DICOM)</source>
        <translation>Zurück zum eigenen Fenster des Bildes (bei DICOM dem der Datei)</translation>
    </message>
    <message>
        <source>Window level (centre): brighter or darker</source>
        <translation>Fensterlage (Zentrum): heller oder dunkler</translation>
    </message>
    <message>
        <source>Window width: narrower means more contrast</source>
        <translation>Fensterbreite: schmaler heißt mehr Kontrast</translation>
    </message>
    <message>
        <source>L %1  W %2%3</source>
        <translation>L %1  B %2%3</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Train, evaluate and explain a knee X-ray grader. For research use only — not for diagnostic use.</source>
        <translation>Ein Graduierungsmodell für Knie-Röntgenbilder trainieren, evaluieren und erklären. Nur für Forschungszwecke — nicht zur Diagnose.</translation>
    </message>
    <message>
        <source>Open the built-in demo dataset.</source>
        <translation>Den eingebauten Demo-Datensatz öffnen.</translation>
    </message>
    <message>
        <source>Open a dataset folder.</source>
        <translation>Einen Datensatzordner öffnen.</translation>
    </message>
    <message>
        <source>Use a checkpoint in Evaluate and Predict.</source>
        <translation>Einen Checkpoint in Evaluieren und Vorhersagen verwenden.</translation>
    </message>
    <message>
        <source>Start in dataset, train, evaluate, predict, runs (the training runs browser) or about.</source>
        <translation>In dataset, train, evaluate, predict, runs (der Übersicht der Trainingsläufe) oder about starten.</translation>
    </message>
    <message>
        <source>Grade this radiograph.</source>
        <translation>Diese Röntgenaufnahme graduieren.</translation>
    </message>
    <message>
        <source>Start training once the dataset is read.</source>
        <translation>Das Training starten, sobald der Datensatz gelesen ist.</translation>
    </message>
    <message>
        <source>Epochs for --train.</source>
        <translation>Epochen für --train.</translation>
    </message>
    <message>
        <source>Folder for the training run.</source>
        <translation>Ordner für den Trainingslauf.</translation>
    </message>
    <message>
        <source>Evaluate the checkpoint once the dataset is read.</source>
        <translation>Den Checkpoint evaluieren, sobald der Datensatz gelesen ist.</translation>
    </message>
    <message>
        <source>Save the window as PNG once it settles, then quit.</source>
        <translation>Das Fenster als PNG speichern, sobald es fertig aufgebaut ist, dann beenden.</translation>
    </message>
    <message>
        <source>CPU threads (default: every core).</source>
        <translation>CPU-Threads (Standard: alle Kerne).</translation>
    </message>
    <message>
        <source>Radiographs to grade, a dataset folder or a checkpoint.</source>
        <translation>Zu graduierende Röntgenaufnahmen, ein Datensatzordner oder ein Checkpoint.</translation>
    </message>
</context>
</TS>
