#include "ui/dialogs/AboutDialog.h"

#include "core/imaging/LibraryVersions.h"

#include "ui/utility/Format.h"
#include "ui/utility/Icons.h"
#include "ui/widgets/ResearchBanner.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>
#include <qcustomplot.h>

namespace kg::ui {

QList<QPair<QString, QString>> AboutDialog::versions(const RuntimeInfo& runtime)
{
    QList<QPair<QString, QString>> rows;
    rows << qMakePair(QStringLiteral("KneeGrade"), toQString(runtime.kneegradeVersion));
    rows << qMakePair(QStringLiteral("Qt"), QStringLiteral("%1 (built with %2)").arg(QString::fromLatin1(qVersion()),
                                                                                  QStringLiteral(QT_VERSION_STR)));
    rows << qMakePair(QStringLiteral("LibTorch"), toQString(runtime.torchVersion));
    const ImagingLibraries imaging = imagingLibraries();
    rows << qMakePair(QStringLiteral("OpenCV"), toQString(imaging.opencv));
    rows << qMakePair(QStringLiteral("GDCM"), toQString(imaging.gdcm));
    rows << qMakePair(QStringLiteral("DCMTK"), toQString(imaging.dcmtk));
    rows << qMakePair(QStringLiteral("QCustomPlot"), QStringLiteral(QCUSTOMPLOT_VERSION_STR));
    rows << qMakePair(QStringLiteral("nlohmann/json"), QStringLiteral("%1.%2.%3")
                                                            .arg(NLOHMANN_JSON_VERSION_MAJOR)
                                                            .arg(NLOHMANN_JSON_VERSION_MINOR)
                                                            .arg(NLOHMANN_JSON_VERSION_PATCH));
    rows << qMakePair(tr("Device"), toQString(runtime.deviceName));
    rows << qMakePair(tr("CUDA"), runtime.cudaAvailable ? tr("%n GPU(s)", nullptr, runtime.cudaDeviceCount) : tr("not available"));
    rows << qMakePair(tr("CPU threads"), QString::number(runtime.threads));
    rows << qMakePair(tr("BLAS"), toQString(runtime.blas));
    rows << qMakePair(tr("Channels-last convolutions"), runtime.channelsLast ? tr("yes") : tr("no"));
    rows << qMakePair(tr("System"), QSysInfo::prettyProductName() + QStringLiteral(" · ") + QSysInfo::currentCpuArchitecture());
    return rows;
}

std::vector<ThirdPartyLicence> AboutDialog::thirdPartyLicences()
{
    struct Entry {
        const char* component;
        const char* licence;
        const char* debianPackage;   // its /usr/share/doc/<package>/copyright holds the full text
        const char* upstream;        // where the licence is published otherwise
    };
    static const Entry entries[] = {
        {"Qt", "LGPL-3.0 (Qt Charts: GPL-3.0)", "libqt6core6", "https://doc.qt.io/qt-6/licensing.html"},
        {"LibTorch (PyTorch)", "BSD-3-Clause", "libtorch1.13", "https://github.com/pytorch/pytorch/blob/main/LICENSE"},
        {"OpenCV", "Apache-2.0", "libopencv-core406", "https://opencv.org/license/"},
        {"GDCM", "BSD-3-Clause", "libgdcm3.0", "https://gdcm.sourceforge.net/Copyright.html"},
        {"DCMTK", "BSD-3-Clause", "libdcmtk17", "https://github.com/DCMTK/dcmtk/blob/master/COPYRIGHT"},
        {"QCustomPlot", "GPL-3.0", "libqcustomplot2.1-qt6", "https://www.qcustomplot.com/"},
        {"HDF5", "BSD-style (HDF5 licence)", "libhdf5-103-1", "https://github.com/HDFGroup/hdf5/blob/develop/COPYING"},
        {"nlohmann/json", "MIT", "nlohmann-json3-dev", "https://github.com/nlohmann/json/blob/develop/LICENSE.MIT"},
        {"OpenSSL", "Apache-2.0", "libssl3", "https://www.openssl.org/source/license.html"},
        {"OpenBLAS", "BSD-3-Clause", "libopenblas0-pthread", "https://github.com/OpenMathLib/OpenBLAS/blob/develop/LICENSE"},
    };
    std::vector<ThirdPartyLicence> notices;
    for (const Entry& entry : entries) {
        const QString copyright = QStringLiteral("/usr/share/doc/%1/copyright").arg(QLatin1String(entry.debianPackage));
        notices.push_back({QString::fromUtf8(entry.component), QString::fromUtf8(entry.licence),
                           QFileInfo::exists(copyright) ? copyright : QString::fromLatin1(entry.upstream)});
    }
    return notices;
}

AboutDialog::AboutDialog(const RuntimeInfo& runtime, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About KneeGrade"));
    auto* layout = new QVBoxLayout(this);

    auto* header = new QHBoxLayout;
    auto* icon = new QLabel(this);
    icon->setPixmap(applicationIcon().pixmap(72, 72));
    header->addWidget(icon, 0, Qt::AlignTop);
    auto* title = new QLabel(this);
    title->setWordWrap(true);
    title->setTextFormat(Qt::RichText);
    title->setText(tr("<h2 style='margin:0'>KneeGrade %1</h2>"
                      "<p>Trains, evaluates and explains a ResNet152V2 classifier that grades knee "
                      "radiographs into Kellgren–Lawrence grades 0–4.</p>")
                       .arg(toQString(runtime.kneegradeVersion)));
    header->addWidget(title, 1);
    layout->addLayout(header);
    layout->addWidget(new ResearchBanner(this));

    auto* tabs = new QTabWidget(this);
    auto* table = new QTableWidget(this);
    const auto rows = versions(runtime);
    table->setRowCount(rows.size());
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Component"), tr("Version")});
    QString plain;
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
        plain += rows[i].first + QStringLiteral(": ") + rows[i].second + QLatin1Char('\n');
    }
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setObjectName(QStringLiteral("versionsTable"));
    tabs->addTab(table, tr("Versions and device"));

    auto* licences = new QTextBrowser(this);
    licences->setOpenExternalLinks(true);
    licences->setHtml(tr(
        "<p><b>KneeGrade</b> is research software for training and evaluating knee-radiograph graders. "
        "It is not a medical device and must not be used for diagnosis.</p>"
        "<p>KneeGrade is free software: you can redistribute and modify it under the terms of the GNU General "
        "Public License, version 3 or (at your option) any later version. It comes with no warranty. The desktop "
        "application links Qt Charts and QCustomPlot, which are GPL-3.0 themselves.</p>"
        "<h4>Third-party software</h4><ul>"
        "<li><b>Qt</b> — LGPL-3.0 (Qt Charts: GPL-3.0). The Qt Company Ltd and contributors.</li>"
        "<li><b>LibTorch</b> (PyTorch) — BSD-3-Clause. Meta Platforms, Inc. and contributors.</li>"
        "<li><b>OpenCV</b> — Apache-2.0.</li>"
        "<li><b>GDCM</b> (Grassroots DICOM) — BSD-3-Clause.</li>"
        "<li><b>HDF5</b> — BSD-style licence, The HDF Group.</li>"
        "<li><b>QCustomPlot</b> — GPL-3.0, Emanuel Eichhammer.</li>"
        "<li><b>nlohmann/json</b> — MIT, Niels Lohmann.</li>"
        "<li><b>OpenSSL</b> — Apache-2.0.</li>"
        "<li><b>OpenBLAS</b> — BSD-3-Clause.</li>"
        "</ul>"
        "<h4>Models and data</h4>"
        "<p>The ResNetV2 architecture follows Keras Applications (Apache-2.0). ImageNet weights are not "
        "shipped: users bring the official Keras files, which carry their own terms. The built-in demo "
        "dataset is synthetic (rendered phantoms) and contains no patient data. The knee osteoarthritis "
        "dataset it imitates (Chen 2018, Mendeley Data, doi 10.17632/56rmx5bjcr.1) derives from the "
        "Osteoarthritis Initiative and is licensed separately.</p>"));
    tabs->addTab(licences, tr("Licences"));

    // Third-party licences: name, licence, and where the full text is — the Debian package's
    // copyright file when it is on this system, the project's licence page otherwise.
    const auto notices = thirdPartyLicences();
    auto* thirdParty = new QTableWidget(int(notices.size()), 3, this);
    thirdParty->setObjectName(QStringLiteral("licencesTable"));
    thirdParty->setHorizontalHeaderLabels({tr("Component"), tr("Licence"), tr("Full text")});
    for (int i = 0; i < int(notices.size()); ++i) {
        const ThirdPartyLicence& notice = notices[size_t(i)];
        thirdParty->setItem(i, 0, new QTableWidgetItem(notice.component));
        thirdParty->setItem(i, 1, new QTableWidgetItem(notice.licence));
        auto* where = new QTableWidgetItem(notice.fullText);
        where->setToolTip(notice.fullText);
        thirdParty->setItem(i, 2, where);
    }
    thirdParty->verticalHeader()->hide();
    thirdParty->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    thirdParty->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    thirdParty->horizontalHeader()->setStretchLastSection(true);
    thirdParty->setEditTriggers(QAbstractItemView::NoEditTriggers);
    thirdParty->setWordWrap(false);
    connect(thirdParty, &QTableWidget::cellDoubleClicked, this, [thirdParty](int row, int) {
        const QString where = thirdParty->item(row, 2)->text();
        QDesktopServices::openUrl(where.startsWith(QLatin1Char('/')) ? QUrl::fromLocalFile(where) : QUrl(where));
    });
    tabs->addTab(thirdParty, tr("Third-party licences"));
    layout->addWidget(tabs, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("Copy versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [plain] { QApplication::clipboard()->setText(plain); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 610);
}

} // namespace kg::ui
