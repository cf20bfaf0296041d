<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
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
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Doubtful</source>
        <translation>dudosa</translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation>mínima</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>moderada</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>grave</translation>
    </message>
    <message>
        <source>KL%1 %2</source>
        <translation>KL%1 %2</translation>
    </message>
    <message>
        <source>no radiographic features of osteoarthritis</source>
        <translation>sin signos radiográficos de artrosis</translation>
    </message>
    <message>
        <source>doubtful joint narrowing, possible osteophytic lipping</source>
        <translation>estrechamiento articular dudoso, posible osteofito incipiente</translation>
    </message>
    <message>
        <source>definite osteophytes, possible narrowing</source>
        <translation>osteofitos definidos, posible estrechamiento</translation>
    </message>
    <message>
        <source>multiple osteophytes, definite narrowing, mild sclerosis</source>
        <translation>osteofitos múltiples, estrechamiento definido, esclerosis leve</translation>
    </message>
    <message>
        <source>large osteophytes, marked narrowing, severe sclerosis</source>
        <translation>osteofitos grandes, estrechamiento marcado, esclerosis grave</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>sin etiqueta</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System default (%1)</source>
        <translation>Predeterminado del sistema (%1)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>could not be decoded</source>
        <translation>no se pudo decodificar</translation>
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
        <translation>El grado que indica su carpeta</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Región</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <source>True grade</source>
        <translation>Grado real</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confianza</translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation>Confianza baja</translation>
    </message>
    <message>
        <source>OOD score</source>
        <translation>Puntuación OOD</translation>
    </message>
    <message>
        <source>Out of distribution</source>
        <translation>Fuera de distribución</translation>
    </message>
    <message>
        <source>P(KL%1)</source>
        <translation>P(KL%1)</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>whole image</source>
        <translation>imagen completa</translation>
    </message>
    <message>
        <source>KL%1 %2</source>
        <translation>KL%1 %2</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>no check</source>
        <translation>sin comprobación</translation>
    </message>
    <message>
        <source>Right knee</source>
        <translation>Rodilla derecha</translation>
    </message>
    <message>
        <source>Left knee</source>
        <translation>Rodilla izquierda</translation>
    </message>
    <message>
        <source>Side unknown</source>
        <translation>Lado desconocido</translation>
    </message>
    <message>
        <source>cannot be graded</source>
        <translation>no se puede graduar</translation>
    </message>
    <message>
        <source>KL%1 %2 %3 %</source>
        <translation>KL%1 %2 %3 %</translation>
    </message>
    <message>
        <source>found automatically (localiser score %1)</source>
        <translation>encontrada automáticamente (puntuación del localizador %1)</translation>
    </message>
    <message>
        <source>placed by hand</source>
        <translation>colocada a mano</translation>
    </message>
    <message>
        <source>the whole image</source>
        <translation>la imagen completa</translation>
    </message>
    <message>
        <source>
Box %1, %2 · %3 × %3 px, %4</source>
        <translation>
Recuadro %1, %2 · %3 × %3 px, %4</translation>
    </message>
    <message>
        <source>This image does not resemble the images the model was trained on (out-of-distribution score %1; above 1 is unlike them). The grade means nothing.</source>
        <translation>Esta imagen no se parece a las imágenes con las que se entrenó el modelo (puntuación fuera de distribución %1; por encima de 1 es distinta). El grado no significa nada.</translation>
    </message>
    <message>
        <source>This model has no out-of-distribution check, so it cannot tell when an image is unlike its training images: run kneegrade-cli calibrate on it, or train it again.</source>
        <translation>Este modelo no tiene comprobación fuera de distribución, así que no sabe cuándo una imagen es distinta de sus imágenes de entrenamiento: ejecute kneegrade-cli calibrate sobre él o vuelva a entrenarlo.</translation>
    </message>
    <message>
        <source>the model does not record its training data</source>
        <translation>el modelo no registra sus datos de entrenamiento</translation>
    </message>
    <message>
        <source>its training data (%1) is not on this computer</source>
        <translation>sus datos de entrenamiento (%1) no están en este equipo</translation>
    </message>
    <message>
        <source>The first training image of %1 (%2).</source>
        <translation>La primera imagen de entrenamiento de %1 (%2).</translation>
    </message>
    <message>
        <source>no image of %1/train can be read</source>
        <translation>no se puede leer ninguna imagen de %1/train</translation>
    </message>
    <message>
        <source>no model is chosen yet</source>
        <translation>aún no se ha elegido un modelo</translation>
    </message>
    <message>
        <source>the model file cannot be read</source>
        <translation>no se puede leer el archivo del modelo</translation>
    </message>
    <message>
        <source>A rendered phantom (KL2), since %1.</source>
        <translation>Un fantoma renderizado (KL2), porque %1.</translation>
    </message>
</context>
<context>
    <name>kg::ui::AboutDialog</name>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message numerus="yes">
        <source>%n GPU(s)</source>
        <translation>
            <numerusform>%n GPU</numerusform>
            <numerusform>%n GPU</numerusform>
        </translation>
    </message>
    <message>
        <source>not available</source>
        <translation>no disponible</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>Hilos de CPU</translation>
    </message>
    <message>
        <source>BLAS</source>
        <translation>BLAS</translation>
    </message>
    <message>
        <source>Channels-last convolutions</source>
        <translation>Convoluciones channels-last</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>About KneeGrade</source>
        <translation>Acerca de KneeGrade</translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;KneeGrade %1&lt;/h2&gt;&lt;p&gt;Trains, evaluates and explains a ResNet152V2 classifier that grades knee radiographs into Kellgren–Lawrence grades 0–4.&lt;/p&gt;</source>
        <translation>&lt;h2 style=&apos;margin:0&apos;&gt;KneeGrade %1&lt;/h2&gt;&lt;p&gt;Entrena, evalúa y explica un clasificador ResNet152V2 que gradúa radiografías de rodilla en los grados 0–4 de Kellgren-Lawrence.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Versions and device</source>
        <translation>Versiones y dispositivo</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;KneeGrade&lt;/b&gt; is research software for training and evaluating knee-radiograph graders. It is not a medical device and must not be used for diagnosis.&lt;/p&gt;&lt;p&gt;KneeGrade is free software: you can redistribute and modify it under the terms of the GNU General Public License, version 3 or (at your option) any later version. It comes with no warranty. The desktop application links Qt Charts and QCustomPlot, which are GPL-3.0 themselves.&lt;/p&gt;&lt;h4&gt;Third-party software&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Qt&lt;/b&gt; — LGPL-3.0 (Qt Charts: GPL-3.0). The Qt Company Ltd and contributors.&lt;/li&gt;&lt;li&gt;&lt;b&gt;LibTorch&lt;/b&gt; (PyTorch) — BSD-3-Clause. Meta Platforms, Inc. and contributors.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenCV&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;GDCM&lt;/b&gt; (Grassroots DICOM) — BSD-3-Clause.&lt;/li&gt;&lt;li&gt;&lt;b&gt;HDF5&lt;/b&gt; — BSD-style licence, The HDF Group.&lt;/li&gt;&lt;li&gt;&lt;b&gt;QCustomPlot&lt;/b&gt; — GPL-3.0, Emanuel Eichhammer.&lt;/li&gt;&lt;li&gt;&lt;b&gt;nlohmann/json&lt;/b&gt; — MIT, Niels Lohmann.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenSSL&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenBLAS&lt;/b&gt; — BSD-3-Clause.&lt;/li&gt;&lt;/ul&gt;&lt;h4&gt;Models and data&lt;/h4&gt;&lt;p&gt;The ResNetV2 architecture follows Keras Applications (Apache-2.0). ImageNet weights are not shipped: users bring the official Keras files, which carry their own terms. The built-in demo dataset is synthetic (rendered phantoms) and contains no patient data. The knee osteoarthritis dataset it imitates (Chen 2018, Mendeley Data, doi 10.17632/56rmx5bjcr.1) derives from the Osteoarthritis Initiative and is licensed separately.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;KneeGrade&lt;/b&gt; es software de investigación para entrenar y evaluar clasificadores de radiografías de rodilla. No es un producto sanitario y no debe usarse para el diagnóstico.&lt;/p&gt;&lt;p&gt;KneeGrade es software libre: puede redistribuirlo y modificarlo según los términos de la Licencia Pública General de GNU, versión 3 o (a su elección) cualquier versión posterior. Se ofrece sin ninguna garantía. La aplicación de escritorio enlaza Qt Charts y QCustomPlot, que a su vez son GPL-3.0.&lt;/p&gt;&lt;h4&gt;Software de terceros&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Qt&lt;/b&gt; — LGPL-3.0 (Qt Charts: GPL-3.0). The Qt Company Ltd y colaboradores.&lt;/li&gt;&lt;li&gt;&lt;b&gt;LibTorch&lt;/b&gt; (PyTorch) — BSD-3-Clause. Meta Platforms, Inc. y colaboradores.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenCV&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;GDCM&lt;/b&gt; (Grassroots DICOM) — BSD-3-Clause.&lt;/li&gt;&lt;li&gt;&lt;b&gt;HDF5&lt;/b&gt; — licencia de tipo BSD, The HDF Group.&lt;/li&gt;&lt;li&gt;&lt;b&gt;QCustomPlot&lt;/b&gt; — GPL-3.0, Emanuel Eichhammer.&lt;/li&gt;&lt;li&gt;&lt;b&gt;nlohmann/json&lt;/b&gt; — MIT, Niels Lohmann.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenSSL&lt;/b&gt; — Apache-2.0.&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenBLAS&lt;/b&gt; — BSD-3-Clause.&lt;/li&gt;&lt;/ul&gt;&lt;h4&gt;Modelos y datos&lt;/h4&gt;&lt;p&gt;La arquitectura ResNetV2 sigue Keras Applications (Apache-2.0). Los pesos de ImageNet no se distribuyen: los usuarios aportan los archivos oficiales de Keras, que tienen sus propios términos. El conjunto de datos de demostración integrado es sintético (fantomas renderizados) y no contiene datos de pacientes. El conjunto de datos de artrosis de rodilla que imita (Chen 2018, Mendeley Data, doi 10.17632/56rmx5bjcr.1) procede de la Osteoarthritis Initiative y tiene una licencia aparte.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licencias</translation>
    </message>
    <message>
        <source>Copy versions</source>
        <translation>Copiar versiones</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <source>Full text</source>
        <translation>Texto completo</translation>
    </message>
    <message>
        <source>Third-party licences</source>
        <translation>Licencias de terceros</translation>
    </message>
</context>
<context>
    <name>kg::ui::ClassBalanceChart</name>
    <message>
        <source>Share of each split per grade</source>
        <translation>Proporción de cada partición por grado</translation>
    </message>
    <message>
        <source>total</source>
        <translation>total</translation>
    </message>
</context>
<context>
    <name>kg::ui::ConfusionMatrixWidget</name>
    <message>
        <source>Predicted grade</source>
        <translation>Grado predicho</translation>
    </message>
    <message>
        <source>True grade</source>
        <translation>Grado real</translation>
    </message>
    <message>
        <source>Evaluate a checkpoint to see its confusion matrix.</source>
        <translation>Evalúe un checkpoint para ver su matriz de confusión.</translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n image(s) — click to list them</source>
        <translation>
            <numerusform>Real %1, predicho %2: %n imagen — haga clic para listarla</numerusform>
            <numerusform>Real %1, predicho %2: %n imágenes — haga clic para listarlas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2
%n image(s), %3 % of the true grade</source>
        <translation>
            <numerusform>Real %1, predicho %2
%n imagen, %3 % del grado real</numerusform>
            <numerusform>Real %1, predicho %2
%n imágenes, %3 % del grado real</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kg::ui::DatasetWorkspace</name>
    <message>
        <source>Dataset</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>Abrir carpeta…</translation>
    </message>
    <message>
        <source>Open a dataset folder (train/, val/, test/ with one folder per grade)</source>
        <translation>Abrir una carpeta de datos (train/, val/, test/ con una carpeta por grado)</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Recientes</translation>
    </message>
    <message>
        <source>Demo Dataset</source>
        <translation>Datos de demostración</translation>
    </message>
    <message>
        <source>Open the built-in synthetic knee phantoms (made once, then cached)</source>
        <translation>Abrir los fantomas sintéticos de rodilla integrados (se crean una vez y se guardan en caché)</translation>
    </message>
    <message>
        <source>Split: </source>
        <translation>Partición: </translation>
    </message>
    <message>
        <source>Which split the sample grid draws from</source>
        <translation>De qué partición toma la cuadrícula de muestras</translation>
    </message>
    <message>
        <source>Reshuffle</source>
        <translation>Volver a mezclar</translation>
    </message>
    <message>
        <source>Draw five other images per grade (Ctrl+R)</source>
        <translation>Tomar otras cinco imágenes por grado (Ctrl+R)</translation>
    </message>
    <message>
        <source>Class Balance</source>
        <translation>Equilibrio de clases</translation>
    </message>
    <message>
        <source>Data Problems</source>
        <translation>Problemas de los datos</translation>
    </message>
    <message>
        <source>Checking every file… %v / %m</source>
        <translation>Comprobando cada archivo… %v / %m</translation>
    </message>
    <message>
        <source>Full Report…</source>
        <translation>Informe completo…</translation>
    </message>
    <message>
        <source>Open Dataset Folder</source>
        <translation>Abrir carpeta de datos</translation>
    </message>
    <message>
        <source>Making the demo dataset…</source>
        <translation>Creando los datos de demostración…</translation>
    </message>
    <message>
        <source>Making the demo dataset: synthetic knee radiographs, once, on this computer…</source>
        <translation>Creando los datos de demostración: radiografías de rodilla sintéticas, una sola vez, en este equipo…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Demo dataset %1 / %2</source>
        <translation>Datos de demostración %1 / %2</translation>
    </message>
    <message>
        <source>Demo dataset ready</source>
        <translation>Datos de demostración listos</translation>
    </message>
    <message>
        <source>The demo dataset could not be made: %1</source>
        <translation>No se pudieron crear los datos de demostración: %1</translation>
    </message>
    <message>
        <source>Demo dataset cancelled</source>
        <translation>Datos de demostración cancelados</translation>
    </message>
    <message>
        <source>Scanning &lt;b&gt;%1&lt;/b&gt;…</source>
        <translation>Examinando &lt;b&gt;%1&lt;/b&gt;…</translation>
    </message>
    <message>
        <source>Scanning the dataset…</source>
        <translation>Examinando el conjunto de datos…</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n image(s))</source>
        <translation>
            <numerusform>%1 (%n imagen)</numerusform>
            <numerusform>%1 (%n imágenes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking every file…</source>
        <translation>Comprobando cada archivo…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; holds no images.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; no contiene imágenes.</translation>
    </message>
    <message numerus="yes">
        <source>Dataset opened: %n image(s)</source>
        <translation>
            <numerusform>Conjunto de datos abierto: %n imagen</numerusform>
            <numerusform>Conjunto de datos abierto: %n imágenes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n image(s)</source>
        <translation>
            <numerusform>%1
%n imagen</numerusform>
            <numerusform>%1
%n imágenes</numerusform>
        </translation>
    </message>
    <message>
        <source>Demo dataset (synthetic phantoms)</source>
        <translation>Datos de demostración (fantomas sintéticos)</translation>
    </message>
    <message>
        <source> · no val/ folder: %1 % of train held out by patient</source>
        <translation> · sin carpeta val/: se reserva el %1 % de train por paciente</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 split · %n image(s) · five random images per grade (seed %3)%4</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · partición %2 · %n imagen · cinco imágenes aleatorias por grado (semilla %3)%4</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; · partición %2 · %n imágenes · cinco imágenes aleatorias por grado (semilla %3)%4</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking files %1 / %2</source>
        <translation>Comprobando archivos %1 / %2</translation>
    </message>
    <message>
        <source>No problems found: every file decodes, no duplicates or patients shared between splits.</source>
        <translation>No se encontraron problemas: todos los archivos se decodifican, sin duplicados ni pacientes compartidos entre particiones.</translation>
    </message>
    <message>
        <source>This folder cannot be opened as a dataset. %1</source>
        <translation>Esta carpeta no se puede abrir como conjunto de datos. %1</translation>
    </message>
    <message>
        <source>Dataset could not be opened</source>
        <translation>No se pudo abrir el conjunto de datos</translation>
    </message>
    <message>
        <source>No recent datasets</source>
        <translation>No hay conjuntos de datos recientes</translation>
    </message>
    <message>
        <source>%1 (%2 split)</source>
        <translation>%1 (partición %2)</translation>
    </message>
    <message>
        <source>Dataset Report</source>
        <translation>Informe del conjunto de datos</translation>
    </message>
</context>
<context>
    <name>kg::ui::EvaluateWorkspace</name>
    <message>
        <source>Evaluate</source>
        <translation>Evaluar</translation>
    </message>
    <message>
        <source>Checkpoint…</source>
        <translation>Checkpoint…</translation>
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation>Abrir checkpoint</translation>
    </message>
    <message>
        <source>KneeGrade checkpoints (*.kgckpt);;All files (*)</source>
        <translation>Checkpoints de KneeGrade (*.kgckpt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Split: </source>
        <translation>Partición: </translation>
    </message>
    <message>
        <source>Report on the test split; use val while tuning, so the test set stays unseen</source>
        <translation>Informe sobre la partición test; use val mientras ajusta, para que el conjunto de prueba siga sin verse</translation>
    </message>
    <message>
        <source>Flip TTA</source>
        <translation>TTA con volteo</translation>
    </message>
    <message>
        <source>Flip test-time augmentation: each image is graded twice, as it is and mirrored left to right, and the two answers are averaged. Slower (two passes), often a little steadier.</source>
        <translation>Aumento en tiempo de prueba por volteo: cada imagen se gradúa dos veces, tal cual y reflejada de izquierda a derecha, y se promedian las dos respuestas. Más lento (dos pasadas), a menudo algo más estable.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Flip TTA&lt;/b&gt; (test-time augmentation) grades every image twice — once as it is and once mirrored left to right, as a left knee looks like a right one — and averages the two sets of probabilities. It costs twice the time and usually changes the metrics only slightly; a large change means the model leans on which side of the image things are.</source>
        <translation>&lt;b&gt;TTA con volteo&lt;/b&gt; (aumento en tiempo de prueba) gradúa cada imagen dos veces — una tal cual y otra reflejada de izquierda a derecha, ya que una rodilla izquierda se parece a una derecha — y promedia los dos conjuntos de probabilidades. Cuesta el doble de tiempo y suele cambiar las métricas solo un poco; un cambio grande significa que el modelo depende de en qué lado de la imagen están las cosas.</translation>
    </message>
    <message>
        <source>Evaluate the checkpoint on this split (Ctrl+E)</source>
        <translation>Evaluar el checkpoint en esta partición (Ctrl+E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Row %</source>
        <translation>% por fila</translation>
    </message>
    <message>
        <source>Row %: show each row of the confusion matrix as percentages of the images of that true grade, instead of counts. The diagonal then reads as the share of each grade graded right (its recall).</source>
        <translation>% por fila: mostrar cada fila de la matriz de confusión como porcentajes de las imágenes de ese grado real, en lugar de recuentos. La diagonal indica entonces la proporción de cada grado graduada correctamente (su sensibilidad).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Row %&lt;/b&gt; divides every cell of the confusion matrix by the number of images of its row&apos;s true grade. Each row then sums to 100 %: the diagonal cell says how many of that grade were graded right, the others where the rest went. Useful when grades have very different numbers of images.</source>
        <translation>&lt;b&gt;% por fila&lt;/b&gt; divide cada celda de la matriz de confusión entre el número de imágenes del grado real de su fila. Cada fila suma entonces 100 %: la celda diagonal indica cuántas de ese grado se graduaron bien, las demás adónde fue el resto. Útil cuando los grados tienen números de imágenes muy distintos.</translation>
    </message>
    <message>
        <source>Choose a checkpoint and a split, then Evaluate.</source>
        <translation>Elija un checkpoint y una partición y luego Evaluar.</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrica</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>The classification report (as scikit-learn prints it) appears here.</source>
        <translation>El informe de clasificación (tal como lo imprime scikit-learn) aparece aquí.</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Imágenes</translation>
    </message>
    <message>
        <source>Mistakes appear here after an evaluation.</source>
        <translation>Los errores aparecen aquí tras una evaluación.</translation>
    </message>
    <message>
        <source>All Mistakes</source>
        <translation>Todos los errores</translation>
    </message>
    <message>
        <source>Wrong predictions, most confident first</source>
        <translation>Predicciones erróneas, las más seguras primero</translation>
    </message>
    <message>
        <source>&lt;i&gt;no checkpoint&lt;/i&gt;</source>
        <translation>&lt;i&gt;sin checkpoint&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Evaluation needs a dataset (Dataset workspace) and a checkpoint (train one, or Checkpoint…).</source>
        <translation>La evaluación necesita un conjunto de datos (espacio Conjunto de datos) y un checkpoint (entrene uno, o Checkpoint…).</translation>
    </message>
    <message>
        <source>The %1 split of this dataset is empty.</source>
        <translation>La partición %1 de este conjunto de datos está vacía.</translation>
    </message>
    <message>
        <source>Evaluating %1 on the %2 split…</source>
        <translation>Evaluando %1 en la partición %2…</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>Evaluando…</translation>
    </message>
    <message>
        <source>%v / %m images · %1 images/s · ETA %2</source>
        <translation>%v / %m imágenes · %1 imágenes/s · tiempo restante %2</translation>
    </message>
    <message>
        <source>Evaluating %1 / %2</source>
        <translation>Evaluando %1 / %2</translation>
    </message>
    <message>
        <source>Evaluation cancelled.</source>
        <translation>Evaluación cancelada.</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>La evaluación falló: %1</translation>
    </message>
    <message>
        <source>No evaluation.</source>
        <translation>Sin evaluación.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) on the &lt;b&gt;%3&lt;/b&gt; split: %n image(s) · accuracy &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 images/s on %7%8</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; (%2) en la partición &lt;b&gt;%3&lt;/b&gt;: %n imagen · exactitud &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 imágenes/s en %7%8</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; (%2) en la partición &lt;b&gt;%3&lt;/b&gt;: %n imágenes · exactitud &lt;b&gt;%4&lt;/b&gt; · QWK &lt;b&gt;%5&lt;/b&gt; · %6 imágenes/s en %7%8</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · &lt;span style=&apos;color:#c0392b&apos;&gt;%n file(s) could not be read&lt;/span&gt;</source>
        <translation>
            <numerusform> · &lt;span style=&apos;color:#c0392b&apos;&gt;no se pudo leer %n archivo&lt;/span&gt;</numerusform>
            <numerusform> · &lt;span style=&apos;color:#c0392b&apos;&gt;no se pudieron leer %n archivos&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Exactitud</translation>
    </message>
    <message>
        <source>Balanced accuracy</source>
        <translation>Exactitud equilibrada</translation>
    </message>
    <message>
        <source>Quadratic weighted kappa</source>
        <translation>Kappa con ponderación cuadrática</translation>
    </message>
    <message>
        <source>Mean absolute error</source>
        <translation>Error absoluto medio</translation>
    </message>
    <message>
        <source>%1 grades</source>
        <translation>%1 grados</translation>
    </message>
    <message>
        <source>Macro ROC AUC</source>
        <translation>ROC AUC macro</translation>
    </message>
    <message>
        <source>Calibration error (ECE)</source>
        <translation>Error de calibración (ECE)</translation>
    </message>
    <message>
        <source>Loss (cross-entropy)</source>
        <translation>Pérdida (entropía cruzada)</translation>
    </message>
    <message>
        <source>Out of distribution</source>
        <translation>Fuera de distribución</translation>
    </message>
    <message>
        <source>%1 of %2 (%3)</source>
        <translation>%1 de %2 (%3)</translation>
    </message>
    <message>
        <source>no gate (kneegrade-cli calibrate)</source>
        <translation>sin filtro (kneegrade-cli calibrate)</translation>
    </message>
    <message>
        <source>sens %1 · spec %2</source>
        <translation>sens. %1 · espec. %2</translation>
    </message>
    <message>
        <source> · AUC %1</source>
        <translation> · AUC %1</translation>
    </message>
    <message numerus="yes">
        <source>%n mistake(s), most confident first. Double-click an image to enlarge it.</source>
        <translation>
            <numerusform>%n error, los más seguros primero. Haga doble clic en una imagen para ampliarla.</numerusform>
            <numerusform>%n errores, los más seguros primero. Haga doble clic en una imagen para ampliarla.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>True %1, predicted %2: %n image(s), most confident first.</source>
        <translation>
            <numerusform>Real %1, predicho %2: %n imagen, las más seguras primero.</numerusform>
            <numerusform>Real %1, predicho %2: %n imágenes, las más seguras primero.</numerusform>
        </translation>
    </message>
    <message>
        <source> Showing the first %1.</source>
        <translation> Se muestran las primeras %1.</translation>
    </message>
    <message>
        <source>%1 → %2
%3</source>
        <translation>%1 → %2
%3</translation>
    </message>
    <message>
        <source>true %1, predicted %2 with %3</source>
        <translation>real %1, predicho %2 con %3</translation>
    </message>
    <message>
        <source>%1
Out-of-distribution score %2%3</source>
        <translation>%1
Puntuación fuera de distribución %2%3</translation>
    </message>
    <message>
        <source>: unlike the training images</source>
        <translation>: distinta de las imágenes de entrenamiento</translation>
    </message>
    <message>
        <source> · OOD %1</source>
        <translation> · OOD %1</translation>
    </message>
    <message>
        <source>Report as PDF…</source>
        <translation>Informe en PDF…</translation>
    </message>
    <message>
        <source>The evaluation report: metrics, confusion matrix, curves and Grad-CAM samples</source>
        <translation>El informe de evaluación: métricas, matriz de confusión, curvas y ejemplos de Grad-CAM</translation>
    </message>
    <message>
        <source>Export Report as PDF</source>
        <translation>Exportar informe en PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Per-Image Results as CSV…</source>
        <translation>Resultados por imagen en CSV…</translation>
    </message>
    <message>
        <source>One row per image: path, true and predicted grade, confidence, the probability of each grade, out-of-distribution score</source>
        <translation>Una fila por imagen: ruta, grado real y predicho, confianza, la probabilidad de cada grado, puntuación fuera de distribución</translation>
    </message>
    <message>
        <source>Export Per-Image Results as CSV</source>
        <translation>Exportar resultados por imagen en CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Metrics as CSV…</source>
        <translation>Métricas en CSV…</translation>
    </message>
    <message>
        <source>The metrics table (per grade and overall), with the confusion matrix beside it</source>
        <translation>La tabla de métricas (por grado y global), con la matriz de confusión al lado</translation>
    </message>
    <message>
        <source>Export Metrics as CSV</source>
        <translation>Exportar métricas en CSV</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Export the evaluation: PDF report, per-image results or metrics as CSV</source>
        <translation>Exportar la evaluación: informe PDF, resultados por imagen o métricas en CSV</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n image(s) to %1</source>
        <translation>
            <numerusform>Se guardó %n imagen en %1</numerusform>
            <numerusform>Se guardaron %n imágenes en %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved %1 (and the confusion matrix beside it, %2)</source>
        <translation>Se guardó %1 (y al lado la matriz de confusión, %2)</translation>
    </message>
    <message>
        <source>Writing the PDF report…</source>
        <translation>Escribiendo el informe PDF…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Se guardó %1</translation>
    </message>
    <message>
        <source>The PDF report could not be written: %1</source>
        <translation>No se pudo escribir el informe PDF: %1</translation>
    </message>
</context>
<context>
    <name>kg::ui::GettingStartedDialog</name>
    <message>
        <source>Getting Started with KneeGrade</source>
        <translation>Primeros pasos con KneeGrade</translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;Getting started&lt;/h2&gt;&lt;p&gt;KneeGrade has four workspaces, one per step, on the bar at the left (Ctrl+1 … Ctrl+4). Go through them in order the first time: no step needs the command line.&lt;/p&gt;</source>
        <translation>&lt;h2 style=&apos;margin:0&apos;&gt;Primeros pasos&lt;/h2&gt;&lt;p&gt;KneeGrade tiene cuatro espacios de trabajo, uno por paso, en la barra de la izquierda (Ctrl+1 … Ctrl+4). Recórralos en orden la primera vez: ningún paso necesita la línea de órdenes.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>1 · Dataset</source>
        <translation>1 · Conjunto de datos</translation>
    </message>
    <message>
        <source>Open a folder of knee radiographs laid out as &lt;i&gt;train/ val/ test/&lt;/i&gt; with one sub-folder per grade (File → Open Dataset Folder), or try the built-in demo (File → Open Demo Dataset). You see samples, how many images each grade has, and problems worth fixing before training (unreadable files, duplicates, patients in two splits).</source>
        <translation>Abra una carpeta de radiografías de rodilla organizada como &lt;i&gt;train/ val/ test/&lt;/i&gt; con una subcarpeta por grado (Archivo → Abrir carpeta de datos), o pruebe la demostración integrada (Archivo → Abrir datos de demostración). Verá muestras, cuántas imágenes tiene cada grado y los problemas que conviene corregir antes de entrenar (archivos ilegibles, duplicados, pacientes en dos particiones).</translation>
    </message>
    <message>
        <source>2 · Train</source>
        <translation>2 · Entrenar</translation>
    </message>
    <message>
        <source>Pick a preset — &lt;i&gt;CPU quick look&lt;/i&gt; trains a small network in minutes — and press Train. The curves show accuracy and loss per epoch for the training images and for the validation images the network does not learn from. Each run is saved in its own folder; the best epoch goes to &lt;i&gt;best.kgckpt&lt;/i&gt;.</source>
        <translation>Elija un preajuste — &lt;i&gt;Vistazo rápido en CPU&lt;/i&gt; entrena una red pequeña en minutos — y pulse Entrenar. Las curvas muestran la exactitud y la pérdida por época para las imágenes de entrenamiento y para las de validación, de las que la red no aprende. Cada ejecución se guarda en su propia carpeta; la mejor época va a &lt;i&gt;best.kgckpt&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>3 · Evaluate</source>
        <translation>3 · Evaluar</translation>
    </message>
    <message>
        <source>Measure a checkpoint on the test split: the confusion matrix (which grade was taken for which), accuracy, quadratic weighted kappa (how far off the wrong grades are), calibration. Export it as a PDF report or CSV.</source>
        <translation>Mida un checkpoint en la partición test: la matriz de confusión (qué grado se tomó por cuál), la exactitud, el kappa con ponderación cuadrática (cuánto se alejan los grados erróneos), la calibración. Expórtelo como informe PDF o CSV.</translation>
    </message>
    <message>
        <source>4 · Predict</source>
        <translation>4 · Predecir</translation>
    </message>
    <message>
        <source>Drop a radiograph (PNG, JPEG, DICOM) to grade it: the grade, the probability of each grade and a Grad-CAM heatmap of where the network looked. On a full film each knee is found and graded in its own box. Images unlike the training images are flagged.</source>
        <translation>Suelte una radiografía (PNG, JPEG, DICOM) para graduarla: el grado, la probabilidad de cada grado y un mapa de calor Grad-CAM de dónde miró la red. En una placa completa se localiza cada rodilla y se gradúa en su propio recuadro. Las imágenes distintas de las de entrenamiento se señalan.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Help → Kellgren–Lawrence grades explains the five grades. Hover over an option for what it does, or press Shift+F1 and click it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ayuda → Grados de Kellgren-Lawrence explica los cinco grados. Pase el ratón sobre una opción para ver qué hace, o pulse Mayús+F1 y haga clic en ella.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>kg::ui::ImageDetailsDialog</name>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Grade (label)</source>
        <translation>Grado (etiqueta)</translation>
    </message>
    <message>
        <source>Decoding…</source>
        <translation>Decodificando…</translation>
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation>Este archivo no se puede mostrar.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 píxeles</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <source>colour (RGB)</source>
        <translation>color (RGB)</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>escala de grises</translation>
    </message>
    <message>
        <source>%1-bit</source>
        <translation>%1 bits</translation>
    </message>
    <message>
        <source> (%1 bits stored)</source>
        <translation> (%1 bits almacenados)</translation>
    </message>
    <message>
        <source>, signed</source>
        <translation>, con signo</translation>
    </message>
    <message>
        <source>Bit depth</source>
        <translation>Profundidad de bits</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalidad</translation>
    </message>
    <message>
        <source>Body part</source>
        <translation>Parte del cuerpo</translation>
    </message>
    <message>
        <source>Laterality</source>
        <translation>Lateralidad</translation>
    </message>
    <message>
        <source>Photometric</source>
        <translation>Fotometría</translation>
    </message>
    <message>
        <source> (inverted for display)</source>
        <translation> (invertida para mostrarla)</translation>
    </message>
    <message>
        <source>Transfer syntax</source>
        <translation>Sintaxis de transferencia</translation>
    </message>
    <message>
        <source> — lossy</source>
        <translation> — con pérdida</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Fotogramas</translation>
    </message>
    <message>
        <source>%1 (the first is shown)</source>
        <translation>%1 (se muestra el primero)</translation>
    </message>
    <message>
        <source>Rescale</source>
        <translation>Reescalado</translation>
    </message>
    <message>
        <source>Modality LUT</source>
        <translation>LUT de modalidad</translation>
    </message>
    <message>
        <source>slope %1, intercept %2</source>
        <translation>pendiente %1, intersección %2</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>identifiers are not read</source>
        <translation>no se leen los identificadores</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>centre %1, width %2 (%3)</source>
        <translation>centro %1, anchura %2 (%3)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>kg::ui::KlGradesDialog</name>
    <message>
        <source>Kellgren–Lawrence Grades</source>
        <translation>Grados de Kellgren-Lawrence</translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;Kellgren–Lawrence grades&lt;/h2&gt;&lt;p&gt;The Kellgren–Lawrence (KL) scale grades knee osteoarthritis on a standing radiograph from 0 to 4 by four signs: &lt;b&gt;osteophytes&lt;/b&gt; (bony spurs at the joint margins), &lt;b&gt;joint-space narrowing&lt;/b&gt; (the gap between femur and tibia, where the cartilage is, gets thinner), &lt;b&gt;subchondral sclerosis&lt;/b&gt; (denser, whiter bone under the cartilage) and &lt;b&gt;deformity&lt;/b&gt; of the bone ends. Grade 2 or more is usually taken as definite osteoarthritis.&lt;/p&gt;</source>
        <translation>&lt;h2 style=&apos;margin:0&apos;&gt;Grados de Kellgren-Lawrence&lt;/h2&gt;&lt;p&gt;La escala de Kellgren-Lawrence (KL) gradúa la artrosis de rodilla en una radiografía en bipedestación de 0 a 4 según cuatro signos: &lt;b&gt;osteofitos&lt;/b&gt; (espolones óseos en los márgenes articulares), &lt;b&gt;estrechamiento del espacio articular&lt;/b&gt; (el espacio entre fémur y tibia, donde está el cartílago, se reduce), &lt;b&gt;esclerosis subcondral&lt;/b&gt; (hueso más denso y blanco bajo el cartílago) y &lt;b&gt;deformidad&lt;/b&gt; de los extremos óseos. Un grado 2 o superior suele considerarse artrosis definida.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>No radiographic features of osteoarthritis: no osteophytes, normal joint space.</source>
        <translation>Sin signos radiográficos de artrosis: sin osteofitos, espacio articular normal.</translation>
    </message>
    <message>
        <source>Doubtful</source>
        <translation>Dudosa</translation>
    </message>
    <message>
        <source>Doubtful narrowing of the joint space and possible osteophytic lipping.</source>
        <translation>Estrechamiento dudoso del espacio articular y posible osteofito incipiente (labio osteofítico).</translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation>Mínima</translation>
    </message>
    <message>
        <source>Definite osteophytes and possible narrowing of the joint space.</source>
        <translation>Osteofitos definidos y posible estrechamiento del espacio articular.</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Moderada</translation>
    </message>
    <message>
        <source>Moderate multiple osteophytes, definite narrowing of the joint space, some sclerosis and possible deformity of the bone ends.</source>
        <translation>Osteofitos múltiples moderados, estrechamiento definido del espacio articular, algo de esclerosis y posible deformidad de los extremos óseos.</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>Grave</translation>
    </message>
    <message>
        <source>Large osteophytes, marked narrowing of the joint space, severe sclerosis and definite deformity of the bone ends.</source>
        <translation>Osteofitos grandes, estrechamiento marcado del espacio articular, esclerosis grave y deformidad definida de los extremos óseos.</translation>
    </message>
    <message>
        <source>No image of this grade in the dataset</source>
        <translation>No hay ninguna imagen de este grado en el conjunto de datos</translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>No hay ningún conjunto de datos abierto</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>The image cannot be read</source>
        <translation>No se puede leer la imagen</translation>
    </message>
    <message>
        <source>&lt;b&gt;KL%1 · %2&lt;/b&gt;&lt;br&gt;%3</source>
        <translation>&lt;b&gt;KL%1 · %2&lt;/b&gt;&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>&lt;p&gt;Examples: the first image of each grade in the open dataset, as labelled there%1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ejemplos: la primera imagen de cada grado en el conjunto de datos abierto, tal como está etiquetada allí%1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source> (the demo&apos;s images are synthetic phantoms, not real knees)</source>
        <translation> (las imágenes de la demostración son fantomas sintéticos, no rodillas reales)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Open a dataset to see an example of each grade from it here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Abra un conjunto de datos para ver aquí un ejemplo de cada grado.&lt;/p&gt;</translation>
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
        <translation>Espacios de trabajo</translation>
    </message>
    <message>
        <source>KneeGrade %1 · LibTorch %2 · %3</source>
        <translation>KneeGrade %1 · LibTorch %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>Training and inference run on %1 with %n CPU thread(s); BLAS: %2</source>
        <translation>
            <numerusform>El entrenamiento y la inferencia se ejecutan en %1 con %n hilo de CPU; BLAS: %2</numerusform>
            <numerusform>El entrenamiento y la inferencia se ejecutan en %1 con %n hilos de CPU; BLAS: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — KneeGrade</source>
        <translation>%1 — KneeGrade</translation>
    </message>
    <message>
        <source>Demo dataset</source>
        <translation>Datos de demostración</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 Panels</source>
        <translation>Paneles de %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Open Dataset Folder…</source>
        <translation>Abrir carpeta de &amp;datos…</translation>
    </message>
    <message>
        <source>Open &amp;Demo Dataset</source>
        <translation>Abrir datos de de&amp;mostración</translation>
    </message>
    <message>
        <source>Recent &amp;Datasets</source>
        <translation>Conjuntos de datos &amp;recientes</translation>
    </message>
    <message>
        <source>Open &amp;Checkpoint…</source>
        <translation>Abrir &amp;checkpoint…</translation>
    </message>
    <message>
        <source>Recent C&amp;heckpoints</source>
        <translation>C&amp;heckpoints recientes</translation>
    </message>
    <message>
        <source>Training &amp;Runs…</source>
        <translation>&amp;Ejecuciones de entrenamiento…</translation>
    </message>
    <message>
        <source>Open &amp;Image to Grade…</source>
        <translation>Abrir &amp;imagen para graduar…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Pantalla completa</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>&amp;Primeros pasos</translation>
    </message>
    <message>
        <source>&amp;Kellgren–Lawrence Grades</source>
        <translation>&amp;Grados de Kellgren-Lawrence</translation>
    </message>
    <message>
        <source>&amp;About KneeGrade</source>
        <translation>&amp;Acerca de KneeGrade</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>Open Checkpoint</source>
        <translation>Abrir checkpoint</translation>
    </message>
    <message>
        <source>KneeGrade checkpoints (*.kgckpt);;All files (*)</source>
        <translation>Checkpoints de KneeGrade (*.kgckpt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The dataset open last time, %1, is no longer there: open another one (File → Open Dataset Folder) or the demo.</source>
        <translation>El conjunto de datos abierto la última vez, %1, ya no está: abra otro (Archivo → Abrir carpeta de datos) o la demostración.</translation>
    </message>
    <message>
        <source>The checkpoint used last time, %1, is no longer there: open another one (File → Open Checkpoint) or train a model.</source>
        <translation>El checkpoint usado la última vez, %1, ya no está: abra otro (Archivo → Abrir checkpoint) o entrene un modelo.</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
</context>
<context>
    <name>kg::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>kg::ui::PredictResultPanel</name>
    <message>
        <source>&lt;b&gt;Probability per grade&lt;/b&gt;</source>
        <translation>&lt;b&gt;Probabilidad por grado&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the model saw&lt;/b&gt;</source>
        <translation>&lt;b&gt;Lo que vio el modelo&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training crop convention&lt;/b&gt;</source>
        <translation>&lt;b&gt;Recorte como en el entrenamiento&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;No model yet: train one, or File ▸ Open Checkpoint.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Aún no hay modelo: entrene uno, o Archivo ▸ Abrir checkpoint.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Model: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Modelo: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Right: %1 Place a box like it: the joint line across the middle, as much femur above as tibia below.</source>
        <translation>Derecha: %1 Coloque un recuadro como este: la interlínea articular en el centro, tanto fémur arriba como tibia abajo.</translation>
    </message>
    <message>
        <source>no box</source>
        <translation>sin recuadro</translation>
    </message>
    <message>
        <source>Grading…</source>
        <translation>Graduando…</translation>
    </message>
    <message>
        <source>grading…</source>
        <translation>graduando…</translation>
    </message>
    <message>
        <source>The whole image was graded.</source>
        <translation>Se graduó la imagen completa.</translation>
    </message>
    <message>
        <source>KL%1 · %2</source>
        <translation>KL%1 · %2</translation>
    </message>
    <message>
        <source>Confidence &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Uncertainty (normalised entropy) %2</source>
        <translation>Confianza &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Incertidumbre (entropía normalizada) %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;Out-of-distribution score %1 (1 or less: like the training images)</source>
        <translation>&lt;br&gt;Puntuación fuera de distribución %1 (1 o menos: como las imágenes de entrenamiento)</translation>
    </message>
    <message>
        <source>⚠ Low confidence: the probabilities are spread over several grades. Treat this grade as a guess and look at the neighbouring grades too.</source>
        <translation>⚠ Confianza baja: las probabilidades se reparten entre varios grados. Tome este grado como una estimación y mire también los grados vecinos.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Grad-CAM&lt;/b&gt; (turbo colours, red = strongest): where the evidence for KL%1 lies in the %2. It shows where the model looked, not why.</source>
        <translation>&lt;b&gt;Grad-CAM&lt;/b&gt; (colores turbo, rojo = más intenso): dónde está la evidencia de KL%1 en %2. Muestra dónde miró el modelo, no por qué.</translation>
    </message>
    <message>
        <source>image</source>
        <translation>la imagen</translation>
    </message>
    <message>
        <source>box</source>
        <translation>el recuadro</translation>
    </message>
    <message>
        <source>not kept</source>
        <translation>no conservado</translation>
    </message>
</context>
<context>
    <name>kg::ui::PredictWorkspace</name>
    <message>
        <source>Radiographs (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;All files (*)</source>
        <translation>Radiografías (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm *.dicom);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Predicción</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>Predecir</translation>
    </message>
    <message>
        <source>Open Image…</source>
        <translation>Abrir imagen…</translation>
    </message>
    <message>
        <source>Grade one radiograph (PNG, JPEG, 16-bit TIFF/PNG or DICOM); you can also drop it here</source>
        <translation>Graduar una radiografía (PNG, JPEG, TIFF/PNG de 16 bits o DICOM); también puede soltarla aquí</translation>
    </message>
    <message>
        <source>Grade Folder…</source>
        <translation>Graduar carpeta…</translation>
    </message>
    <message>
        <source>Grade every image of a folder into a table</source>
        <translation>Graduar todas las imágenes de una carpeta en una tabla</translation>
    </message>
    <message>
        <source>Add Box</source>
        <translation>Añadir recuadro</translation>
    </message>
    <message>
        <source>Add a square box at the centre of the view and grade it (B); drag it onto a knee joint, drag a corner to resize it</source>
        <translation>Añadir un recuadro cuadrado en el centro de la vista y graduarlo (B); arrástrelo sobre una articulación de rodilla, arrastre una esquina para cambiar su tamaño</translation>
    </message>
    <message>
        <source>Delete Box</source>
        <translation>Eliminar recuadro</translation>
    </message>
    <message>
        <source>Remove the selected box and its result (Delete)</source>
        <translation>Quitar el recuadro seleccionado y su resultado (Supr)</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Show where the model looked in the selected box (G)</source>
        <translation>Mostrar dónde miró el modelo en el recuadro seleccionado (G)</translation>
    </message>
    <message>
        <source>Grad-CAM opacity</source>
        <translation>Opacidad de Grad-CAM</translation>
    </message>
    <message>
        <source> Opacity </source>
        <translation> Opacidad </translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Acercar</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Drop a knee X-ray here
(PNG, JPEG, 16-bit or DICOM)

or a folder to grade many at once</source>
        <translation>Suelte aquí una radiografía de rodilla
(PNG, JPEG, 16 bits o DICOM)

o una carpeta para graduar muchas a la vez</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <source>Drop a folder, or use Grade Folder…, to grade many images.</source>
        <translation>Suelte una carpeta, o use Graduar carpeta…, para graduar muchas imágenes.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Save the table as CSV</source>
        <translation>Guardar la tabla como CSV</translation>
    </message>
    <message>
        <source>Export Predictions</source>
        <translation>Exportar predicciones</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Choose a model first: train one in the Train workspace, or File ▸ Open Checkpoint.</source>
        <translation>Elija primero un modelo: entrene uno en el espacio Entrenar, o Archivo ▸ Abrir checkpoint.</translation>
    </message>
    <message>
        <source>Grading…</source>
        <translation>Graduando…</translation>
    </message>
    <message>
        <source>Open Radiograph</source>
        <translation>Abrir radiografía</translation>
    </message>
    <message>
        <source>Grade a Folder</source>
        <translation>Graduar una carpeta</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation>Este archivo no se puede mostrar.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 cannot be graded: %2</source>
        <translation>No se puede graduar %1: %2</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Dataset label: %2 (%3 split)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Etiqueta en los datos: %2 (partición %3)</translation>
    </message>
    <message>
        <source>The %1 box of %2 cannot be graded: %3</source>
        <translation>No se puede graduar el recuadro %1 de %2: %3</translation>
    </message>
    <message>
        <source>Graded %1: %2%3</source>
        <translation>Graduada %1: %2%3</translation>
    </message>
    <message>
        <source> (out of distribution: the grade means nothing)</source>
        <translation> (fuera de distribución: el grado no significa nada)</translation>
    </message>
    <message>
        <source>The model cannot be used: %1</source>
        <translation>No se puede usar el modelo: %1</translation>
    </message>
    <message>
        <source>grading…</source>
        <translation>graduando…</translation>
    </message>
    <message>
        <source>out of distribution</source>
        <translation>fuera de distribución</translation>
    </message>
    <message>
        <source>Select a box to see its result.</source>
        <translation>Seleccione un recuadro para ver su resultado.</translation>
    </message>
    <message>
        <source>No box: Add Box grades a square you place on a knee joint.</source>
        <translation>Sin recuadro: Añadir recuadro gradúa un cuadrado que usted coloca sobre una articulación de rodilla.</translation>
    </message>
    <message>
        <source>%1 holds no images.</source>
        <translation>%1 no contiene imágenes.</translation>
    </message>
    <message numerus="yes">
        <source>Grading %n image(s)…</source>
        <translation>
            <numerusform>Graduando %n imagen…</numerusform>
            <numerusform>Graduando %n imágenes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Grading %n image(s) of %1…</source>
        <translation>
            <numerusform>Graduando %n imagen de %1…</numerusform>
            <numerusform>Graduando %n imágenes de %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click a row of the Batch tab to show its image here.</source>
        <translation>Haga doble clic en una fila de la pestaña Lote para mostrar aquí su imagen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Folder %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Carpeta %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Grading… %1 / %2</source>
        <translation>Graduando… %1 / %2</translation>
    </message>
    <message>
        <source>Grading %1 / %2</source>
        <translation>Graduando %1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) graded</source>
        <translation>
            <numerusform>%n imagen graduada</numerusform>
            <numerusform>%n imágenes graduadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n could not be read</source>
        <translation>
            <numerusform>, %n no se pudo leer</numerusform>
            <numerusform>, %n no se pudieron leer</numerusform>
        </translation>
    </message>
    <message>
        <source> (knee joints graded in boxes: %1)</source>
        <translation> (articulaciones de rodilla graduadas en recuadros: %1)</translation>
    </message>
    <message>
        <source>; out of distribution: %1 (their grades mean nothing)</source>
        <translation>; fuera de distribución: %1 (sus grados no significan nada)</translation>
    </message>
    <message>
        <source>. Click a column to sort; double-click a row to see the image and its Grad-CAM.</source>
        <translation>. Haga clic en una columna para ordenar; doble clic en una fila para ver la imagen y su Grad-CAM.</translation>
    </message>
    <message>
        <source>%1: see the Batch tab; double-click a row to show its image here.</source>
        <translation>%1: vea la pestaña Lote; haga doble clic en una fila para mostrar aquí su imagen.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Se guardó %1</translation>
    </message>
    <message>
        <source>Export Report (PDF)…</source>
        <translation>Exportar informe (PDF)…</translation>
    </message>
    <message>
        <source>Save the shown radiograph&apos;s prediction report as PDF: its boxes as they are now, each box&apos;s side, grade, probabilities, out-of-distribution verdict and Grad-CAM, and the model&apos;s details</source>
        <translation>Guardar en PDF el informe de predicción de la radiografía mostrada: sus recuadros tal como están, y de cada uno el lado, el grado, las probabilidades, el veredicto fuera de distribución y el Grad-CAM, además de los datos del modelo</translation>
    </message>
    <message>
        <source>Export Prediction Report</source>
        <translation>Exportar informe de predicción</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export Boxes as Annotations…</source>
        <translation>Exportar recuadros como anotaciones…</translation>
    </message>
    <message>
        <source>Add the shown radiograph&apos;s boxes, with their sides, to an annotations.json (its entry is replaced when the file already lists it): kneegrade-cli train-localiser --annotations FILE fine-tunes the knee localiser on them</source>
        <translation>Añadir los recuadros de la radiografía mostrada, con sus lados, a un annotations.json (su entrada se sustituye si el archivo ya la contiene): kneegrade-cli train-localiser --annotations ARCHIVO ajusta el localizador de rodillas con ellos</translation>
    </message>
    <message>
        <source>Export Boxes as Annotations</source>
        <translation>Exportar recuadros como anotaciones</translation>
    </message>
    <message>
        <source>Annotations (*.json)</source>
        <translation>Anotaciones (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Export the shown radiograph&apos;s report or boxes</source>
        <translation>Exportar el informe o los recuadros de la radiografía mostrada</translation>
    </message>
    <message>
        <source>There is no graded radiograph to report: open or drop one first.</source>
        <translation>No hay ninguna radiografía graduada para el informe: abra o suelte una primero.</translation>
    </message>
    <message>
        <source>A box is still being graded: export the report when its grade is shown.</source>
        <translation>Aún se está graduando un recuadro: exporte el informe cuando se muestre su grado.</translation>
    </message>
    <message>
        <source>The report cannot be written: %1</source>
        <translation>No se puede escribir el informe: %1</translation>
    </message>
    <message>
        <source>Saved the prediction report %1</source>
        <translation>Se guardó el informe de predicción %1</translation>
    </message>
    <message>
        <source>There are no boxes to export: open or drop a radiograph, and place boxes on its knee joints (Add Box).</source>
        <translation>No hay recuadros que exportar: abra o suelte una radiografía y coloque recuadros sobre sus articulaciones de rodilla (Añadir recuadro).</translation>
    </message>
    <message>
        <source>The boxes cannot be exported: %1</source>
        <translation>No se pueden exportar los recuadros: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n box(es) of %1 to %2: kneegrade-cli train-localiser --annotations %2 fine-tunes the knee localiser on them</source>
        <translation>
            <numerusform>Se guardó %n recuadro de %1 en %2: kneegrade-cli train-localiser --annotations %2 ajusta el localizador de rodillas con él</numerusform>
            <numerusform>Se guardaron %n recuadros de %1 en %2: kneegrade-cli train-localiser --annotations %2 ajusta el localizador de rodillas con ellos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kg::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>A new language takes effect when KneeGrade is restarted.</source>
        <translation>El nuevo idioma se aplica al reiniciar KneeGrade.</translation>
    </message>
</context>
<context>
    <name>kg::ui::RankProcesses</name>
    <message>
        <source>rank %1 ended with status %2</source>
        <translation>el rango %1 terminó con el estado %2</translation>
    </message>
</context>
<context>
    <name>kg::ui::ResearchBanner</name>
    <message>
        <source>For research use only — not for diagnostic use</source>
        <translation>Solo para investigación — no apto para uso diagnóstico</translation>
    </message>
</context>
<context>
    <name>kg::ui::RunComparisonChart</name>
    <message>
        <source>Validation accuracy</source>
        <translation>Exactitud de validación</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Pérdida de validación</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <source>Select two or three runs in the table to compare their curves.</source>
        <translation>Seleccione dos o tres ejecuciones en la tabla para comparar sus curvas.</translation>
    </message>
</context>
<context>
    <name>kg::ui::RunsBrowser</name>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completada</translation>
    </message>
    <message>
        <source>early stopped</source>
        <translation>detenida antes</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrumpida</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>%1 — cannot be read</source>
        <translation>%1 — no se puede leer</translation>
    </message>
    <message>
        <source>%1 epochs</source>
        <translation>%1 épocas</translation>
    </message>
    <message>
        <source>best val %1</source>
        <translation>mejor val. %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Only runs of the open dataset</source>
        <translation>Solo ejecuciones del conjunto de datos abierto</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>Añadir carpeta…</translation>
    </message>
    <message>
        <source>Also list the runs in another folder (for example runs trained with kneegrade-cli)</source>
        <translation>Listar también las ejecuciones de otra carpeta (por ejemplo, ejecuciones entrenadas con kneegrade-cli)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Arquitectura</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Preajuste</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>Best val accuracy</source>
        <translation>Mejor exactitud val.</translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation>Mejor pérdida val.</translation>
    </message>
    <message>
        <source>QWK</source>
        <translation>QWK</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Epochs finished / epochs planned</source>
        <translation>Épocas terminadas / épocas previstas</translation>
    </message>
    <message>
        <source>Highest validation accuracy of any epoch</source>
        <translation>Mayor exactitud de validación de todas las épocas</translation>
    </message>
    <message>
        <source>Lowest validation loss: the epoch best.kgckpt holds</source>
        <translation>Menor pérdida de validación: la época que guarda best.kgckpt</translation>
    </message>
    <message>
        <source>Quadratic weighted kappa of the run&apos;s last evaluation in Evaluate (the test split&apos;s when there is one)</source>
        <translation>Kappa con ponderación cuadrática de la última evaluación de la ejecución en Evaluar (la de la partición test si la hay)</translation>
    </message>
    <message>
        <source>Select two or three runs (Ctrl+click) to compare their curves; double-click opens one in Train</source>
        <translation>Seleccione dos o tres ejecuciones (Ctrl+clic) para comparar sus curvas; un doble clic abre una en Entrenar</translation>
    </message>
    <message>
        <source>Open in Train</source>
        <translation>Abrir en Entrenar</translation>
    </message>
    <message>
        <source>Show this run&apos;s curves and options in the Train workspace</source>
        <translation>Mostrar las curvas y opciones de esta ejecución en el espacio Entrenar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Continue a cancelled or interrupted run from its last checkpoint</source>
        <translation>Continuar una ejecución cancelada o interrumpida desde su último checkpoint</translation>
    </message>
    <message>
        <source>Use Best Checkpoint</source>
        <translation>Usar el mejor checkpoint</translation>
    </message>
    <message>
        <source>Evaluate and Predict with this run&apos;s best.kgckpt</source>
        <translation>Evaluar y predecir con el best.kgckpt de esta ejecución</translation>
    </message>
    <message>
        <source>Show Folder</source>
        <translation>Mostrar carpeta</translation>
    </message>
    <message>
        <source>Only runs of %1</source>
        <translation>Solo ejecuciones de %1</translation>
    </message>
    <message>
        <source>Add a Runs Folder</source>
        <translation>Añadir una carpeta de ejecuciones</translation>
    </message>
    <message>
        <source>Dataset: %1</source>
        <translation>Conjunto de datos: %1</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problema: %1</translation>
    </message>
    <message>
        <source>Resume continues it from epoch %1.</source>
        <translation>Reanudar la continúa desde la época %1.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 · batch %2 · learning rate %3</source>
        <translation>%1 · lote %2 · tasa de aprendizaje %3</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>Época %1</translation>
    </message>
    <message>
        <source>On the %1 split</source>
        <translation>En la partición %1</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n run(s)</source>
        <translation>
            <numerusform>%1 de %n ejecución</numerusform>
            <numerusform>%1 de %n ejecuciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n ejecución</numerusform>
            <numerusform>%n ejecuciones</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs folders:
%1</source>
        <translation>Carpetas de ejecuciones:
%1</translation>
    </message>
    <message>
        <source> (%1, %2 epochs)</source>
        <translation> (%1, %2 épocas)</translation>
    </message>
</context>
<context>
    <name>kg::ui::SampleGridWidget</name>
    <message>
        <source>Unreadable:
%1</source>
        <translation>Ilegibles:
%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>No images to show.</source>
        <translation>No hay imágenes que mostrar.</translation>
    </message>
    <message>
        <source>Click to enlarge</source>
        <translation>Haga clic para ampliar</translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainOptionsForm</name>
    <message>
        <source>Frozen backbone, train the head</source>
        <translation>Backbone congelado, entrenar la cabeza</translation>
    </message>
    <message>
        <source>Two-phase: head, then the top stacks</source>
        <translation>Dos fases: la cabeza, luego los bloques superiores</translation>
    </message>
    <message>
        <source>Fine-tune everything</source>
        <translation>Ajustar todo (fine-tuning)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Preajuste:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>%1: %2·%3·%4·%5 bottleneck blocks per stack</source>
        <translation>%1: %2·%3·%4·%5 bloques bottleneck por pila</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>Arquitectura:</translation>
    </message>
    <message>
        <source>none: train from scratch</source>
        <translation>ninguno: entrenar desde cero</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a Keras .h5 weights file</source>
        <translation>Elegir un archivo de pesos .h5 de Keras</translation>
    </message>
    <message>
        <source>ImageNet Weights</source>
        <translation>Pesos de ImageNet</translation>
    </message>
    <message>
        <source>Keras weights (*.h5 *.weights.h5);;All files (*)</source>
        <translation>Pesos de Keras (*.h5 *.weights.h5);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>ImageNet weights:</source>
        <translation>Pesos de ImageNet:</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modo:</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Épocas:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Tamaño de lote:</translation>
    </message>
    <message>
        <source>Adam learning rate. From scratch 1e-3 learns; 1e-4 suits ImageNet-initialised weights.</source>
        <translation>Tasa de aprendizaje de Adam. Desde cero aprende con 1e-3; 1e-4 conviene a pesos inicializados con ImageNet.</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Tasa de aprendizaje:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Image size:</source>
        <translation>Tamaño de imagen:</translation>
    </message>
    <message>
        <source>None (plain accuracy)</source>
        <translation>Ninguno (exactitud simple)</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>Pesos de clase</translation>
    </message>
    <message>
        <source>Balanced sampling</source>
        <translation>Muestreo equilibrado</translation>
    </message>
    <message>
        <source>KL grades are imbalanced (grade 4 is 3 % of the data): weights or balanced batches keep the rare grades from being ignored</source>
        <translation>Los grados KL están desequilibrados (el grado 4 es el 3 % de los datos): los pesos o los lotes equilibrados evitan que se ignoren los grados poco frecuentes</translation>
    </message>
    <message>
        <source>Class imbalance:</source>
        <translation>Desequilibrio de clases:</translation>
    </message>
    <message>
        <source>Lower the learning rate on plateaus (÷5)</source>
        <translation>Reducir la tasa de aprendizaje en las mesetas (÷5)</translation>
    </message>
    <message>
        <source>Stop early (no val-loss gain in 25 epochs)</source>
        <translation>Detener antes (sin mejora de la pérdida val. en 25 épocas)</translation>
    </message>
    <message>
        <source>Keras ReduceLROnPlateau: ×0.2 after 10 epochs without a lower validation loss, down to 1e-5</source>
        <translation>Keras ReduceLROnPlateau: ×0,2 tras 10 épocas sin una pérdida de validación menor, hasta 1e-5</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Aumento de datos</translation>
    </message>
    <message>
        <source>Augment training images</source>
        <translation>Aumentar las imágenes de entrenamiento</translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation>Volteo horizontal</translation>
    </message>
    <message>
        <source>Fraction of a full turn: 0.1 = ±36°</source>
        <translation>Fracción de una vuelta completa: 0,1 = ±36°</translation>
    </message>
    <message>
        <source>RandomZoom factor: 0.2 = ±20 %</source>
        <translation>Factor de RandomZoom: 0,2 = ±20 %</translation>
    </message>
    <message>
        <source>RandomTranslation factor of height and width</source>
        <translation>Factor de RandomTranslation de la altura y la anchura</translation>
    </message>
    <message>
        <source>Rotation:</source>
        <translation>Rotación:</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <source>Translation:</source>
        <translation>Traslación:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>GPU CUDA</translation>
    </message>
    <message>
        <source>No usable GPU on this computer</source>
        <translation>No hay ninguna GPU utilizable en este equipo</translation>
    </message>
    <message>
        <source>Automatic: %1</source>
        <translation>Automático: %1</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Dispositivo:</translation>
    </message>
    <message>
        <source>bf16 mixed precision (GPU)</source>
        <translation>Precisión mixta bf16 (GPU)</translation>
    </message>
    <message>
        <source>Half the activation memory, for larger batches. At batch 32 fp32 measured faster through the trainer on an H200.</source>
        <translation>La mitad de memoria de activaciones, para lotes más grandes. Con lote 32, fp32 resultó más rápido en el entrenador en una H200.</translation>
    </message>
    <message>
        <source>Deterministic (GPU)</source>
        <translation>Determinista (GPU)</translation>
    </message>
    <message>
        <source>Bit-reproducible GPU runs and resumes, about 6 % slower. CPU runs always are.</source>
        <translation>Ejecuciones y reanudaciones en GPU reproducibles bit a bit, un 6 % más lentas aproximadamente. Las ejecuciones en CPU siempre lo son.</translation>
    </message>
    <message>
        <source>Same seed, same data, same options: the same run</source>
        <translation>Misma semilla, mismos datos, mismas opciones: la misma ejecución</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Semilla:</translation>
    </message>
    <message>
        <source>a new folder per run</source>
        <translation>una carpeta nueva por ejecución</translation>
    </message>
    <message>
        <source>Checkpoints, history.csv, options.json and train.log are written here.
Default: %1</source>
        <translation>Los checkpoints, history.csv, options.json y train.log se escriben aquí.
Predeterminado: %1</translation>
    </message>
    <message>
        <source>Run folder:</source>
        <translation>Carpeta de ejecución:</translation>
    </message>
    <message>
        <source>This preset expects ImageNet weights: choose the official Keras file resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5.</source>
        <translation>Este preajuste espera pesos de ImageNet: elija el archivo oficial de Keras resnet152v2_weights_tf_dim_ordering_tf_kernels_notop.h5.</translation>
    </message>
    <message>
        <source>A frozen backbone only helps with ImageNet weights. With random weights the head sees random features and accuracy stays at chance: choose the weights file or fine-tune everything.</source>
        <translation>Un backbone congelado solo ayuda con pesos de ImageNet. Con pesos aleatorios la cabeza ve características aleatorias y la exactitud se queda en el azar: elija el archivo de pesos o ajuste todo.</translation>
    </message>
    <message>
        <source>From scratch, 1e-4 barely moves in the first epochs; 1e-3 learns much sooner.</source>
        <translation>Desde cero, 1e-4 apenas avanza en las primeras épocas; 1e-3 aprende mucho antes.</translation>
    </message>
    <message>
        <source>Trains from random weights (fine for the demo with the CPU quick look).</source>
        <translation>Entrena desde pesos aleatorios (suficiente para la demostración con el vistazo rápido en CPU).</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;No such file.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c0392b&apos;&gt;El archivo no existe.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>Comprobando el archivo…</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#2e8b57&apos;&gt;✔ Official Keras file&lt;/span&gt; %1 (MD5 verified).</source>
        <translation>&lt;span style=&apos;color:#2e8b57&apos;&gt;✔ Archivo oficial de Keras&lt;/span&gt; %1 (MD5 verificado).</translation>
    </message>
    <message>
        <source> It holds %1 weights: choose that architecture.</source>
        <translation> Contiene pesos de %1: elija esa arquitectura.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;The file cannot be read.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c0392b&apos;&gt;No se puede leer el archivo.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c05a00&apos;&gt;Named like the official file, but its MD5 (%1) differs: an incomplete download?&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c05a00&apos;&gt;Se llama como el archivo oficial, pero su MD5 (%1) es distinto: ¿una descarga incompleta?&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Not an official Keras file (MD5 %1); it will be imported by layer name.</source>
        <translation>No es un archivo oficial de Keras (MD5 %1); se importará por nombre de capa.</translation>
    </message>
    <message>
        <source>&lt;i&gt;No dataset yet: open one in the Dataset workspace, or try the demo.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Aún no hay conjunto de datos: abra uno en el espacio Conjunto de datos, o pruebe la demostración.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Reading the dataset…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Leyendo el conjunto de datos…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Trains on &lt;b&gt;%1&lt;/b&gt; training images, validates on &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>Entrena con &lt;b&gt;%1&lt;/b&gt; imágenes de entrenamiento y valida con &lt;b&gt;%2&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>&lt;i&gt;Timing a few training steps for an estimate…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Cronometrando unos pasos de entrenamiento para una estimación…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>Sin estimación: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 parameters.&lt;/b&gt; </source>
        <translation>&lt;b&gt;%1 parámetros.&lt;/b&gt; </translation>
    </message>
    <message>
        <source>the GPU</source>
        <translation>la GPU</translation>
    </message>
    <message>
        <source>this computer&apos;s CPU</source>
        <translation>la CPU de este equipo</translation>
    </message>
    <message numerus="yes">
        <source>Estimated time: about &lt;b&gt;%1&lt;/b&gt; for %n epoch(s) (%2 per epoch).</source>
        <translation>
            <numerusform>Tiempo estimado: unos &lt;b&gt;%1&lt;/b&gt; para %n época (%2 por época).</numerusform>
            <numerusform>Tiempo estimado: unos &lt;b&gt;%1&lt;/b&gt; para %n épocas (%2 por época).</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a dataset for an estimated time per epoch.</source>
        <translation>Abra un conjunto de datos para obtener un tiempo estimado por época.</translation>
    </message>
    <message numerus="yes">
        <source>Based on %n batch(es) of this run so far.</source>
        <translation>
            <numerusform>Basado en %n lote de esta ejecución hasta ahora.</numerusform>
            <numerusform>Basado en %n lotes de esta ejecución hasta ahora.</numerusform>
        </translation>
    </message>
    <message>
        <source>batch %1 of the planned %2, scaled</source>
        <translation>lote %1 en lugar del previsto %2, escalado</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>lote %1</translation>
    </message>
    <message numerus="yes">
        <source>Based on %n training step(s) timed just now on %1 (%2, %3 × %3 px: %4 s a step); refined once the run starts.</source>
        <translation>
            <numerusform>Basado en %n paso de entrenamiento cronometrado ahora mismo en %1 (%2, %3 × %3 px: %4 s por paso); se afinará cuando empiece la ejecución.</numerusform>
            <numerusform>Basado en %n pasos de entrenamiento cronometrados ahora mismo en %1 (%2, %3 × %3 px: %4 s por paso); se afinará cuando empiece la ejecución.</numerusform>
        </translation>
    </message>
    <message>
        <source>An estimate, not a limit: the range widens when there are few measurements or they disagree. The warm-up reads no images and validates nothing; a busy computer, a slow disk or a frozen backbone&apos;s feature cache can make the real run slower or faster. Once training runs, its own batches replace the warm-up.</source>
        <translation>Una estimación, no un límite: el intervalo se amplía cuando hay pocas mediciones o no concuerdan. El calentamiento no lee imágenes ni valida nada; un equipo ocupado, un disco lento o la caché de características de un backbone congelado pueden hacer la ejecución real más lenta o más rápida. En cuanto el entrenamiento avanza, sus propios lotes sustituyen al calentamiento.</translation>
    </message>
    <message>
        <source>ResNetV2 tiny (tests)</source>
        <translation>ResNetV2 diminuta (pruebas)</translation>
    </message>
    <message>
        <source>ResNetV2 small (fast on a CPU)</source>
        <translation>ResNetV2 pequeña (rápida en CPU)</translation>
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
        <translation>ResNet152V2 (la del tutorial)</translation>
    </message>
    <message>
        <source>CPU quick look</source>
        <translation>Vistazo rápido en CPU</translation>
    </message>
    <message>
        <source>Small ResNetV2, 128 px, learning rate 1e-3, trained from scratch for 25 epochs with light augmentation: learns in about a minute per 500 images on a CPU, without ImageNet weights</source>
        <translation>ResNetV2 pequeña, 128 px, tasa de aprendizaje 1e-3, entrenada desde cero durante 25 épocas con un aumento de datos ligero: aprende en un minuto aproximadamente por cada 500 imágenes en una CPU, sin pesos de ImageNet</translation>
    </message>
    <message>
        <source>GPU full fine-tune</source>
        <translation>Ajuste completo en GPU</translation>
    </message>
    <message>
        <source>ResNet152V2 at 224 px, learning rate 1e-4, batch 32, up to 100 epochs with class weights: everything fine-tuned from ImageNet weights, on a GPU</source>
        <translation>ResNet152V2 a 224 px, tasa de aprendizaje 1e-4, lote 32, hasta 100 épocas con pesos de clase: todo ajustado a partir de los pesos de ImageNet, en una GPU</translation>
    </message>
    <message>
        <source>Tutorial (Keras)</source>
        <translation>Tutorial (Keras)</translation>
    </message>
    <message>
        <source>Exactly the Keras tutorial: ResNet152V2, 224 px, batch 16, Adam 1e-4, up to 500 epochs, ReduceLROnPlateau and EarlyStopping — without its bugs</source>
        <translation>Exactamente el tutorial de Keras: ResNet152V2, 224 px, lote 16, Adam 1e-4, hasta 500 épocas, ReduceLROnPlateau y EarlyStopping — sin sus errores</translation>
    </message>
    <message>
        <source>Trains on this many GPUs at once, one process each. Every process trains batch ÷ processes images of each step; the gradients are averaged, so the run trains like one process with the same batch. Pause is not available then.</source>
        <translation>Entrena en este número de GPU a la vez, con un proceso en cada una. Cada proceso entrena lote ÷ procesos imágenes de cada paso; los gradientes se promedian, de modo que la ejecución entrena como un solo proceso con el mismo lote. Entonces no se puede pausar.</translation>
    </message>
    <message>
        <source>Processes:</source>
        <translation>Procesos:</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>√(batch ÷ reference), for Adam</source>
        <translation>√(lote ÷ referencia), para Adam</translation>
    </message>
    <message>
        <source>batch ÷ reference, linear</source>
        <translation>lote ÷ referencia, lineal</translation>
    </message>
    <message>
        <source>Scale with batch:</source>
        <translation>Escalar con el lote:</translation>
    </message>
    <message>
        <source>The learning rate above is the one for batch %1 (the tutorial&apos;s). Larger batches on a GPU average more images per step; scaling the rate keeps training comparable. This run starts at %2.</source>
        <translation>La tasa de aprendizaje de arriba es la del lote de %1 (la del tutorial). Los lotes mayores en una GPU promedian más imágenes por paso; escalar la tasa mantiene el entrenamiento comparable. Esta ejecución empieza con %2.</translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainWorkspace</name>
    <message>
        <source>Preparing: building the model and reading the data…</source>
        <translation>Preparando: construyendo el modelo y leyendo los datos…</translation>
    </message>
    <message>
        <source>Caching backbone features · batch %1 / %2</source>
        <translation>Guardando en caché las características del backbone · lote %1 / %2</translation>
    </message>
    <message>
        <source>Epoch %1 / %2 · training batch %3 / %4 · loss %5 · accuracy %6</source>
        <translation>Época %1 / %2 · lote de entrenamiento %3 / %4 · pérdida %5 · exactitud %6</translation>
    </message>
    <message>
        <source>Epoch %1 / %2 · validating batch %3 / %4</source>
        <translation>Época %1 / %2 · validando lote %3 / %4</translation>
    </message>
    <message>
        <source>Epoch %1 / %2 done</source>
        <translation>Época %1 / %2 terminada</translation>
    </message>
    <message>
        <source>Fitting the out-of-distribution gate · image %1 / %2</source>
        <translation>Ajustando el filtro fuera de distribución · imagen %1 / %2</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Terminando…</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entrenar</translation>
    </message>
    <message>
        <source>Start training with these options (Ctrl+Enter)</source>
        <translation>Iniciar el entrenamiento con estas opciones (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Pause after the current batch; click again to continue</source>
        <translation>Pausar tras el lote actual; haga clic de nuevo para continuar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop after the current batch; finished epochs stay saved and can be resumed</source>
        <translation>Detener tras el lote actual; las épocas terminadas quedan guardadas y se pueden reanudar</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>Reanudar…</translation>
    </message>
    <message>
        <source>Resume a Run</source>
        <translation>Reanudar una ejecución</translation>
    </message>
    <message>
        <source>Continue an interrupted run from its last checkpoint</source>
        <translation>Continuar una ejecución interrumpida desde su último checkpoint</translation>
    </message>
    <message>
        <source>Open Run…</source>
        <translation>Abrir ejecución…</translation>
    </message>
    <message>
        <source>Open a Run</source>
        <translation>Abrir una ejecución</translation>
    </message>
    <message>
        <source>Show the curves and options of a previous run</source>
        <translation>Mostrar las curvas y opciones de una ejecución anterior</translation>
    </message>
    <message>
        <source>Runs…</source>
        <translation>Ejecuciones…</translation>
    </message>
    <message>
        <source>List this dataset&apos;s runs with their status and best accuracy, and compare their curves</source>
        <translation>Listar las ejecuciones de este conjunto de datos con su estado y mejor exactitud, y comparar sus curvas</translation>
    </message>
    <message>
        <source>Evaluate Best Model</source>
        <translation>Evaluar el mejor modelo</translation>
    </message>
    <message>
        <source>Evaluate the best checkpoint of the last run on the test split</source>
        <translation>Evaluar el mejor checkpoint de la última ejecución en la partición test</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Listo.</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Epoch summaries, learning-rate changes and messages appear here.</source>
        <translation>Aquí aparecen los resúmenes de época, los cambios de tasa de aprendizaje y los mensajes.</translation>
    </message>
    <message>
        <source>Training Options</source>
        <translation>Opciones de entrenamiento</translation>
    </message>
    <message>
        <source>Open a dataset first (Dataset workspace, or File ▸ Open Demo Dataset).</source>
        <translation>Abra primero un conjunto de datos (espacio Conjunto de datos, o Archivo ▸ Abrir datos de demostración).</translation>
    </message>
    <message numerus="yes">
        <source>Training %1 at %2 px, %3, %n epoch(s), batch %4, learning rate %5 → %6</source>
        <translation>
            <numerusform>Entrenando %1 a %2 px, %3, %n época, lote %4, tasa de aprendizaje %5 → %6</numerusform>
            <numerusform>Entrenando %1 a %2 px, %3, %n épocas, lote %4, tasa de aprendizaje %5 → %6</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 already holds a run; this run goes to %2 (Resume… continues the old one).</source>
        <translation>%1 ya contiene una ejecución; esta va a %2 (Reanudar… continúa la anterior).</translation>
    </message>
    <message>
        <source>Warning: frozen backbone without ImageNet weights — expect chance accuracy.</source>
        <translation>Aviso: backbone congelado sin pesos de ImageNet — espere una exactitud de azar.</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>Reanudando %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Aviso: %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Training: starting</source>
        <translation>Entrenamiento: iniciando</translation>
    </message>
    <message>
        <source>ETA %1 · elapsed %2</source>
        <translation>Restante %1 · transcurrido %2</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>unos %1</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>Time left, estimated from this run&apos;s batches so far; not a limit</source>
        <translation>Tiempo restante, estimado con los lotes de esta ejecución hasta ahora; no es un límite</translation>
    </message>
    <message>
        <source>%1 training images/s</source>
        <translation>%1 imágenes de entrenamiento/s</translation>
    </message>
    <message>
        <source>Training: finishing</source>
        <translation>Entrenamiento: terminando</translation>
    </message>
    <message>
        <source>Training: epoch %1 / %2</source>
        <translation>Entrenamiento: época %1 / %2</translation>
    </message>
    <message>
        <source>Epoch %1/%2 — loss %3, accuracy %4 · val_loss %5, val_accuracy %6 · lr %7 · %8</source>
        <translation>Época %1/%2 — pérdida %3, exactitud %4 · val_loss %5, val_accuracy %6 · lr %7 · %8</translation>
    </message>
    <message numerus="yes">
        <source>Training finished: %n epoch(s).</source>
        <translation>
            <numerusform>Entrenamiento terminado: %n época.</numerusform>
            <numerusform>Entrenamiento terminado: %n épocas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped early after %n epoch(s): the validation loss stopped improving.</source>
        <translation>
            <numerusform>Detenido antes tras %n época: la pérdida de validación dejó de mejorar.</numerusform>
            <numerusform>Detenido antes tras %n épocas: la pérdida de validación dejó de mejorar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n finished epoch(s). Resume… continues the run.</source>
        <translation>
            <numerusform>Cancelado tras %n época terminada. Reanudar… continúa la ejecución.</numerusform>
            <numerusform>Cancelado tras %n épocas terminadas. Reanudar… continúa la ejecución.</numerusform>
        </translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>El entrenamiento falló.</translation>
    </message>
    <message>
        <source> Best epoch %1 (validation loss %2).</source>
        <translation> Mejor época %1 (pérdida de validación %2).</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>duró %1</translation>
    </message>
    <message>
        <source>Best checkpoint: %1</source>
        <translation>Mejor checkpoint: %1</translation>
    </message>
    <message>
        <source>Training could not run.</source>
        <translation>No se pudo ejecutar el entrenamiento.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>Paused — click Pause again to continue.</source>
        <translation>En pausa — haga clic de nuevo en Pausa para continuar.</translation>
    </message>
    <message>
        <source>Continuing…</source>
        <translation>Continuando…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Continued</source>
        <translation>Continuado</translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation>Cancelando tras el lote actual…</translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <translation>Cancelación solicitada</translation>
    </message>
    <message>
        <source>Training Is Running</source>
        <translation>Entrenamiento en curso</translation>
    </message>
    <message>
        <source>Training is running. Stop it now?

Finished epochs stay saved in %1; Resume… continues from there.</source>
        <translation>El entrenamiento está en curso. ¿Detenerlo ahora?

Las épocas terminadas quedan guardadas en %1; Reanudar… continúa desde ahí.</translation>
    </message>
    <message numerus="yes">
        <source>Run %1: %n epoch(s).</source>
        <translation>
            <numerusform>Ejecución %1: %n época.</numerusform>
            <numerusform>Ejecución %1: %n épocas.</numerusform>
        </translation>
    </message>
    <message>
        <source>This run cannot be opened: %1</source>
        <translation>No se puede abrir esta ejecución: %1</translation>
    </message>
    <message>
        <source>Training Runs — KneeGrade</source>
        <translation>Ejecuciones de entrenamiento — KneeGrade</translation>
    </message>
    <message>
        <source>Evaluate and Predict use %1</source>
        <translation>Evaluar y Predecir usan %1</translation>
    </message>
    <message>
        <source>the demo dataset</source>
        <translation>los datos de demostración</translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainingCurvesWidget</name>
    <message>
        <source>&lt;b&gt;Validation-loss spikes&lt;/b&gt; (off the scale): on those epochs the model was confidently wrong on a few validation images. Common early on and with a small validation set; worry when they keep coming late in training or validation accuracy drops with them.</source>
        <translation>&lt;b&gt;Picos de pérdida de validación&lt;/b&gt; (fuera de escala): en esas épocas el modelo se equivocó con seguridad en algunas imágenes de validación. Es habitual al principio y con un conjunto de validación pequeño; preocúpese si siguen apareciendo al final del entrenamiento o si la exactitud de validación cae con ellos.</translation>
    </message>
    <message>
        <source>Validation loss is the average penalty for wrong answers on images the model does not train on. A single very confident mistake makes it jump. A spike followed by a return to the trend is harmless; a rising trend means overfitting or a learning rate that is too high. best.kgckpt keeps the epoch with the lowest validation loss either way.</source>
        <translation>La pérdida de validación es la penalización media por respuestas erróneas en imágenes con las que el modelo no entrena. Un solo error muy seguro la hace saltar. Un pico seguido de una vuelta a la tendencia es inofensivo; una tendencia ascendente indica sobreajuste o una tasa de aprendizaje demasiado alta. best.kgckpt conserva en cualquier caso la época con la menor pérdida de validación.</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Exactitud</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <source>training (running, per batch)</source>
        <translation>entrenamiento (en curso, por lote)</translation>
    </message>
    <message>
        <source>training</source>
        <translation>entrenamiento</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validación</translation>
    </message>
    <message>
        <source>training (running)</source>
        <translation>entrenamiento (en curso)</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>tasa de aprendizaje</translation>
    </message>
    <message>
        <source>peaks up to %1 off the scale ↑</source>
        <translation>picos de hasta %1 fuera de escala ↑</translation>
    </message>
    <message>
        <source>peaks up to %1
off the scale ↑</source>
        <translation>picos de hasta %1
fuera de escala ↑</translation>
    </message>
</context>
<context>
    <name>kg::ui::TrainingWorker</name>
    <message>
        <source>Fitting the out-of-distribution gate…</source>
        <translation>Ajustando el filtro fuera de distribución…</translation>
    </message>
    <message>
        <source>The out-of-distribution gate could not be fitted: %1. The model works, but cannot tell when an image is unlike its training images; kneegrade-cli calibrate fits the gate later.</source>
        <translation>No se pudo ajustar el filtro fuera de distribución: %1. El modelo funciona, pero no sabe cuándo una imagen es distinta de sus imágenes de entrenamiento; kneegrade-cli calibrate ajusta el filtro más tarde.</translation>
    </message>
    <message>
        <source>Out-of-distribution gate fitted into %1: %2 training images, threshold at the %3th percentile of %4 validation images.</source>
        <translation>Filtro fuera de distribución ajustado en %1: %2 imágenes de entrenamiento, umbral en el percentil %3 de %4 imágenes de validación.</translation>
    </message>
</context>
<context>
    <name>kg::ui::WelcomePage</name>
    <message>
        <source>&lt;span style=&apos;font-size:20pt; font-weight:600&apos;&gt;KneeGrade&lt;/span&gt;&lt;br&gt;Train, evaluate and explain a knee X-ray grader (Kellgren–Lawrence 0–4).</source>
        <translation>&lt;span style=&apos;font-size:20pt; font-weight:600&apos;&gt;KneeGrade&lt;/span&gt;&lt;br&gt;Entrene, evalúe y explique un clasificador de radiografías de rodilla (Kellgren-Lawrence 0–4).</translation>
    </message>
    <message>
        <source>Try the demo dataset</source>
        <translation>Probar los datos de demostración</translation>
    </message>
    <message>
        <source>About 500 synthetic knee radiographs with the real dataset&apos;s grade balance. Made on this computer in a few seconds; no patient data.</source>
        <translation>Unas 500 radiografías de rodilla sintéticas con la distribución de grados del conjunto real. Se crean en este equipo en pocos segundos; sin datos de pacientes.</translation>
    </message>
    <message>
        <source>Open a dataset folder…</source>
        <translation>Abrir una carpeta de datos…</translation>
    </message>
    <message>
        <source>A folder with train/, val/ and test/, each holding one sub-folder per grade 0–4 (PNG, JPEG, 16-bit or DICOM). You can also drop it here.</source>
        <translation>Una carpeta con train/, val/ y test/, cada una con una subcarpeta por grado 0–4 (PNG, JPEG, 16 bits o DICOM). También puede soltarla aquí.</translation>
    </message>
    <message numerus="yes">
        <source>KneeGrade %1 · LibTorch %2 · Qt %3&lt;br&gt;Trains on &lt;b&gt;%4&lt;/b&gt; · %n CPU thread(s) · BLAS: %5</source>
        <translation>
            <numerusform>KneeGrade %1 · LibTorch %2 · Qt %3&lt;br&gt;Entrena en &lt;b&gt;%4&lt;/b&gt; · %n hilo de CPU · BLAS: %5</numerusform>
            <numerusform>KneeGrade %1 · LibTorch %2 · Qt %3&lt;br&gt;Entrena en &lt;b&gt;%4&lt;/b&gt; · %n hilos de CPU · BLAS: %5</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent datasets&lt;/b&gt;</source>
        <translation>&lt;b&gt;Conjuntos de datos recientes&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>kg::ui::WindowLevelBar</name>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Anchura</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <source>Back to the image&apos;s own window (the file&apos;s, for DICOM)</source>
        <translation>Volver a la ventana propia de la imagen (la del archivo, en DICOM)</translation>
    </message>
    <message>
        <source>Window level (centre): brighter or darker</source>
        <translation>Nivel de ventana (centro): más claro o más oscuro</translation>
    </message>
    <message>
        <source>Window width: narrower means more contrast</source>
        <translation>Anchura de ventana: más estrecha significa más contraste</translation>
    </message>
    <message>
        <source>L %1  W %2%3</source>
        <translation>N %1  A %2%3</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Train, evaluate and explain a knee X-ray grader. For research use only — not for diagnostic use.</source>
        <translation>Entrene, evalúe y explique un clasificador de radiografías de rodilla. Solo para investigación — no apto para uso diagnóstico.</translation>
    </message>
    <message>
        <source>Open the built-in demo dataset.</source>
        <translation>Abrir los datos de demostración integrados.</translation>
    </message>
    <message>
        <source>Open a dataset folder.</source>
        <translation>Abrir una carpeta de datos.</translation>
    </message>
    <message>
        <source>Use a checkpoint in Evaluate and Predict.</source>
        <translation>Usar un checkpoint en Evaluar y Predecir.</translation>
    </message>
    <message>
        <source>Start in dataset, train, evaluate, predict, runs (the training runs browser) or about.</source>
        <translation>Empezar en dataset, train, evaluate, predict, runs (el explorador de ejecuciones de entrenamiento) o about.</translation>
    </message>
    <message>
        <source>Grade this radiograph.</source>
        <translation>Graduar esta radiografía.</translation>
    </message>
    <message>
        <source>Start training once the dataset is read.</source>
        <translation>Iniciar el entrenamiento en cuanto se lea el conjunto de datos.</translation>
    </message>
    <message>
        <source>Epochs for --train.</source>
        <translation>Épocas para --train.</translation>
    </message>
    <message>
        <source>Folder for the training run.</source>
        <translation>Carpeta para la ejecución de entrenamiento.</translation>
    </message>
    <message>
        <source>Evaluate the checkpoint once the dataset is read.</source>
        <translation>Evaluar el checkpoint en cuanto se lea el conjunto de datos.</translation>
    </message>
    <message>
        <source>Save the window as PNG once it settles, then quit.</source>
        <translation>Guardar la ventana como PNG cuando se estabilice y salir.</translation>
    </message>
    <message>
        <source>CPU threads (default: every core).</source>
        <translation>Hilos de CPU (predeterminado: todos los núcleos).</translation>
    </message>
    <message>
        <source>Radiographs to grade, a dataset folder or a checkpoint.</source>
        <translation>Radiografías que graduar, una carpeta de datos o un checkpoint.</translation>
    </message>
</context>
</TS>
