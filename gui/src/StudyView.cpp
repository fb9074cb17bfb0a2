#include "StudyView.hpp"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include "mpicsim/analysis/ChartFiles.hpp"
#include "mpicsim/analysis/StudyCharts.hpp"
#include "mpicsim/analysis/SummaryReader.hpp"
#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/mpic/ComplianceChecker.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/study/StudySession.hpp"
#include "mpicsim/topology/TopologyGenerator.hpp"

namespace mpicsim::gui {
namespace {

std::vector<QuorumPolicy> brPhases() {
    std::vector<QuorumPolicy> phases;
    for (const QuorumPolicy& row : QuorumPolicyTable::rows()) {
        if (row.name == "br") {
            phases.push_back(row);
        }
    }
    return phases;
}

}  // namespace

StudyView::StudyView(QWidget* parent) : QWidget(parent) {
    const PerspectiveCatalog& catalog = PerspectiveCatalogReader::builtIn();
    loadButton_ = new QPushButton("Load topology…");
    loadButton_->setToolTip("A CAIDA AS-relationship file (.txt or .bz2); read off the UI thread");
    topologyLabel_ = new QLabel("No topology loaded.");
    connect(loadButton_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, "CAIDA AS relationships", {},
                                                          "CAIDA files (*.txt *.bz2);;All (*)");
        if (!path.isEmpty()) {
            loadTopology(path);
        }
    });
    generateButton_ = new QPushButton("Synthetic Internet…");
    generateButton_->setToolTip(
        "An Internet-like topology made by mpicsim's generator (no CAIDA file needed)");
    connect(generateButton_, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const int ases = QInputDialog::getInt(this, "Synthetic Internet", "Number of ASes:", 78'643,
                                              10, 200'000, 1000, &ok);
        if (!ok) {
            return;
        }
        const int seed =
            QInputDialog::getInt(this, "Synthetic Internet", "Seed:", 2, 0, 1'000'000, 1, &ok);
        if (ok) {
            generateTopology(ases, static_cast<quint64>(seed));
        }
    });
    auto* openButton = new QPushButton("Open results…");
    openButton->setToolTip("A folder written by mpicsim run (reads its summary.json)");
    connect(openButton, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, "Results directory");
        if (!folder.isEmpty()) {
            openResults(folder);
        }
    });

    auto* presetBox = new QComboBox;
    presetBox->addItem("(build your own)");
    for (const std::string& name : CaConfigurationReader::presetNames()) {
        presetBox->addItem(QString::fromStdString(name));
    }
    presetBox->setToolTip("Start from a named CA deployment (topology_data/ca-presets.json)");
    connect(presetBox, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        if (name.startsWith("(")) {
            return;
        }
        const CaConfiguration preset = CaConfigurationReader::preset(
            name.toStdString(), PerspectiveCatalogReader::builtIn(), *parseIsoDate("2026-12-15"));
        QStringList remotes;
        for (const Perspective& remote : preset.remotes) {
            remotes << QString::fromStdString(remote.id);
        }
        if (preset.primary) {
            setPrimary(QString::fromStdString(preset.primary->id));
        }
        setRemotes(remotes);
    });
    primaryBox_ = new QComboBox;
    primaryBox_->setToolTip("The CA's primary network perspective");
    catalogList_ = new QListWidget;
    catalogList_->setToolTip("Tick the remote perspectives");
    for (const Perspective& perspective : catalog.perspectives()) {
        const QString id = QString::fromStdString(perspective.id);
        primaryBox_->addItem(id);
        auto* item =
            new QListWidgetItem(QString("%1 — %2 (%3, AS%4)")
                                    .arg(id, QString::fromStdString(perspective.city),
                                         QString::fromUtf8(toString(perspective.rir).data()))
                                    .arg(perspective.hostAsn));
        item->setData(Qt::UserRole, id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        catalogList_->addItem(item);
    }
    primaryBox_->setCurrentText("le:primary");
    filter_ = new QLineEdit;
    filter_->setPlaceholderText("Filter regions (e.g. aws, Frankfurt, APNIC)");
    connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int i = 0; i < catalogList_->count(); ++i) {
            QListWidgetItem* item = catalogList_->item(i);
            item->setHidden(!item->text().contains(text, Qt::CaseInsensitive));
        }
    });
    connect(catalogList_, &QListWidget::itemChanged, this, [this] { updateConfiguration(); });
    connect(primaryBox_, &QComboBox::currentIndexChanged, this, [this] { updateConfiguration(); });

    auto* mapChart = new QChart;
    mapChart->setTitle("Perspective catalog (longitude, latitude)");
    auto* all = new QScatterSeries;
    all->setName("regions");
    all->setMarkerSize(6);
    all->setColor(QColor(0xBB, 0xBB, 0xBB));
    all->setBorderColor(QColor(0xBB, 0xBB, 0xBB));
    for (const Perspective& perspective : catalog.perspectives()) {
        if (perspective.location) {
            all->append(perspective.location->longitude, perspective.location->latitude);
        }
    }
    selectedSeries_ = new QScatterSeries;
    selectedSeries_->setName("chosen");
    selectedSeries_->setMarkerSize(11);
    selectedSeries_->setColor(QColor(0xD5, 0x5E, 0x00));
    mapChart->addSeries(all);
    mapChart->addSeries(selectedSeries_);
    auto* x = new QValueAxis;
    x->setRange(-180, 180);
    x->setTickCount(7);
    x->setLabelFormat("%d");
    auto* y = new QValueAxis;
    y->setRange(-60, 80);
    y->setTickCount(5);
    y->setLabelFormat("%d");
    mapChart->addAxis(x, Qt::AlignBottom);
    mapChart->addAxis(y, Qt::AlignLeft);
    for (auto* series : {all, selectedSeries_}) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    mapChart->legend()->setAlignment(Qt::AlignBottom);
    map_ = new QChartView(mapChart);
    map_->setRenderHint(QPainter::Antialiasing);
    map_->setMinimumHeight(220);

    const auto phases = brPhases();
    phaseSlider_ = new QSlider(Qt::Horizontal);
    phaseSlider_->setRange(0, static_cast<int>(phases.size()) - 1);
    phaseSlider_->setValue(static_cast<int>(phases.size()) - 1);
    phaseSlider_->setTickPosition(QSlider::TicksBelow);
    phaseSlider_->setToolTip("The BR 3.2.2.9 phase-in date whose quorum rule applies");
    phaseLabel_ = new QLabel;
    connect(phaseSlider_, &QSlider::valueChanged, this,
            [this](int index) { setPhaseIndex(index); });
    complianceLabel_ = new QLabel;
    complianceLabel_->setWordWrap(true);
    complianceLabel_->setTextFormat(Qt::RichText);

    victimsBox_ = new QSpinBox;
    victimsBox_->setRange(1, 100000);
    victimsBox_->setValue(20);
    victimsBox_->setToolTip("Random victims (seeded)");
    adversariesBox_ = new QSpinBox;
    adversariesBox_->setRange(1, 100000);
    adversariesBox_->setValue(20);
    adversariesBox_->setToolTip("Random adversaries (seeded)");
    runButton_ = new QPushButton("Run study");
    runButton_->setShortcut(QKeySequence("Ctrl+R"));
    runButton_->setToolTip(
        "Equally-specific and sub-prefix hijacks for every victim × adversary "
        "pair (Ctrl+R)");
    cancelButton_ = new QPushButton("Cancel");
    cancelButton_->setEnabled(false);
    cancelButton_->setToolTip("Stop the study after the shard in progress");
    progress_ = new QProgressBar;
    progress_->setRange(0, 100);
    progress_->setValue(0);
    connect(runButton_, &QPushButton::clicked, this, [this] { startStudy(); });
    connect(cancelButton_, &QPushButton::clicked, this, [this] { cancelStudy(); });
    auto* exportButton = new QPushButton("Export chart…");
    exportButton->setShortcut(QKeySequence("Ctrl+E"));
    exportButton->setToolTip("Save the chart shown as PNG or SVG (Ctrl+E)");
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, "Export chart", "chart.png",
                                                          "PNG (*.png);;SVG (*.svg)");
        if (!path.isEmpty()) {
            exportCurrentChart(path);
        }
    });

    charts_ = new QTabWidget;
    charts_->setMinimumWidth(560);

    auto* left = new QVBoxLayout;
    auto* topologyRow = new QHBoxLayout;
    topologyRow->addWidget(loadButton_);
    topologyRow->addWidget(generateButton_);
    topologyRow->addWidget(openButton);
    left->addLayout(topologyRow);
    left->addWidget(topologyLabel_);
    auto* caBox = new QGroupBox("CA configuration");
    auto* caLayout = new QVBoxLayout(caBox);
    auto* presetRow = new QHBoxLayout;
    presetRow->addWidget(new QLabel("Preset"));
    presetRow->addWidget(presetBox, 1);
    caLayout->addLayout(presetRow);
    auto* primaryRow = new QHBoxLayout;
    primaryRow->addWidget(new QLabel("Primary"));
    primaryRow->addWidget(primaryBox_, 1);
    caLayout->addLayout(primaryRow);
    caLayout->addWidget(filter_);
    caLayout->addWidget(catalogList_, 1);
    caLayout->addWidget(map_, 1);
    left->addWidget(caBox, 1);
    auto* policyRow = new QHBoxLayout;
    policyRow->addWidget(new QLabel("BR phase"));
    policyRow->addWidget(phaseSlider_, 1);
    policyRow->addWidget(phaseLabel_);
    left->addLayout(policyRow);
    left->addWidget(complianceLabel_);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(new QLabel("Victims"));
    runRow->addWidget(victimsBox_);
    runRow->addWidget(new QLabel("Adversaries"));
    runRow->addWidget(adversariesBox_);
    runRow->addWidget(runButton_);
    runRow->addWidget(cancelButton_);
    left->addLayout(runRow);
    left->addWidget(progress_);
    auto* leftWidget = new QWidget;
    leftWidget->setLayout(left);
    leftWidget->setFixedWidth(520);
    auto* right = new QVBoxLayout;
    right->addWidget(charts_, 1);
    right->addWidget(exportButton, 0, Qt::AlignRight);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(leftWidget);
    layout->addLayout(right, 1);
    setPhaseIndex(phaseSlider_->value());
}

StudyView::~StudyView() {
    stop_ = true;
    joinWorker();
}

void StudyView::joinWorker() {
    if (worker_.joinable()) {
        worker_.join();
    }
}

void StudyView::remember(const QString& path) {
    recent_.removeAll(path);
    recent_.prepend(path);
    while (recent_.size() > 8) {
        recent_.removeLast();
    }
    emit recentFilesChanged(recent_);
}

void StudyView::loadTopology(const QString& path) {
    loadOffThread(
        path, [path] { return CaidaReader::readFile(path.toStdString()); },
        [this, path] {
            topologyPath_ = path;
            syntheticTopology_.reset();
            topologyLabel_->setText(QString("%1: %2 ASes, %3 links")
                                        .arg(path)
                                        .arg(graph_->nodeCount())
                                        .arg(graph_->linkCount()));
            remember(path);
        });
}

void StudyView::generateTopology(int ases, quint64 seed) {
    const QString what = QString("synthetic Internet (%1 ASes, seed %2)").arg(ases).arg(seed);
    loadOffThread(
        what,
        [ases, seed] {
            return TopologyGenerator::generate(static_cast<std::size_t>(ases), seed).graph();
        },
        [this, what, ases, seed] {
            topologyPath_.clear();
            syntheticTopology_ = Scenario::SyntheticTopology{static_cast<std::size_t>(ases), seed};
            topologyLabel_->setText(
                QString("%1: %2 links (not measured data)").arg(what).arg(graph_->linkCount()));
        });
}

void StudyView::loadOffThread(const QString& what, std::function<AsGraph()> make,
                              std::function<void()> onLoaded) {
    if (!finished_) {
        return;
    }
    joinWorker();
    finished_ = false;
    loadButton_->setEnabled(false);
    generateButton_->setEnabled(false);
    runButton_->setEnabled(false);
    topologyLabel_->setText("Loading " + what + " …");
    progress_->setRange(0, 0);  // busy
    worker_ = std::thread([this, make = std::move(make), onLoaded = std::move(onLoaded)] {
        std::shared_ptr<const AsGraph> graph;
        QString error;
        try {
            graph = std::make_shared<const AsGraph>(make());
        } catch (const std::exception& failure) {
            error = QString::fromStdString(failure.what());
        }
        QMetaObject::invokeMethod(this, [this, graph, error, onLoaded] {
            finished_ = true;
            loadButton_->setEnabled(true);
            generateButton_->setEnabled(true);
            runButton_->setEnabled(true);
            progress_->setRange(0, 100);
            progress_->setValue(0);
            if (!graph) {
                topologyLabel_->setText("No topology loaded.");
                emit failed(error);
                return;
            }
            graph_ = graph;
            onLoaded();
            emit topologyLoaded(static_cast<int>(graph->nodeCount()));
        });
    });
}

void StudyView::setRemotes(const QStringList& ids) {
    QSignalBlocker blocker(catalogList_);
    for (int i = 0; i < catalogList_->count(); ++i) {
        QListWidgetItem* item = catalogList_->item(i);
        item->setCheckState(ids.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                              : Qt::Unchecked);
    }
    updateConfiguration();
}

void StudyView::setPrimary(const QString& id) {
    primaryBox_->setCurrentText(id);
}

void StudyView::setPhaseIndex(int index) {
    const auto phases = brPhases();
    index = std::clamp(index, 0, static_cast<int>(phases.size()) - 1);
    if (phaseSlider_->value() != index) {
        phaseSlider_->setValue(index);
    }
    policy_ = phases[static_cast<std::size_t>(index)];
    phaseLabel_->setText(QString::fromStdString(policy_.phase));
    updateConfiguration();
}

void StudyView::setSampleSizes(int victims, int adversaries) {
    victimsBox_->setValue(victims);
    adversariesBox_->setValue(adversaries);
}

CaConfiguration StudyView::configuration() const {
    const PerspectiveCatalog& catalog = PerspectiveCatalogReader::builtIn();
    CaConfiguration ca;
    ca.name = "gui";
    if (const Perspective* primary = catalog.find(primaryBox_->currentText().toStdString())) {
        ca.primary = *primary;
    }
    for (int i = 0; i < catalogList_->count(); ++i) {
        const QListWidgetItem* item = catalogList_->item(i);
        if (item->checkState() == Qt::Checked) {
            ca.remotes.push_back(*catalog.find(item->data(Qt::UserRole).toString().toStdString()));
        }
    }
    return ca;
}

QString StudyView::policyText() const {
    return QString::fromStdString(policy_.label());
}

QString StudyView::complianceText() const {
    const CaConfiguration ca = configuration();
    const auto violations = ComplianceChecker::check(ca, policy_);
    if (violations.empty()) {
        return QString("Compliant with %1: %2 remotes, quorum %3.")
            .arg(policyText())
            .arg(ca.remotes.size())
            .arg(policy_.requiredCorroborations(static_cast<int>(ca.remotes.size())));
    }
    QStringList lines;
    for (const auto& violation : violations) {
        lines << QString::fromStdString(violation.message);
    }
    return "Not compliant with " + policyText() + ":\n• " + lines.join("\n• ");
}

void StudyView::updateConfiguration() {
    const CaConfiguration ca = configuration();
    selectedSeries_->clear();
    for (const Perspective& remote : ca.remotes) {
        if (remote.location) {
            selectedSeries_->append(remote.location->longitude, remote.location->latitude);
        }
    }
    const QString text = complianceText();
    const bool compliant = text.startsWith("Compliant");
    complianceLabel_->setText(
        QString("<span style='color:%1'>%2</span>")
            .arg(compliant ? "#007a4d" : "#b04000", text.toHtmlEscaped().replace("\n", "<br>")));
}

bool StudyView::startStudy() {
    if (!graph_ || !finished_) {
        emit failed(graph_ ? "A task is already running." : "Load a topology first.");
        return false;
    }
    const CaConfiguration ca = configuration();
    if (!ca.primary) {
        emit failed("Choose a primary perspective.");
        return false;
    }
    joinWorker();
    auto scenario = std::make_shared<Scenario>();
    scenario->name = "gui-study";
    scenario->topologyPath = topologyPath_.toStdString();
    scenario->syntheticTopology = syntheticTopology_;
    scenario->seed = 1;
    scenario->attacks = {AttackType::EquallySpecific, AttackType::Subprefix};
    scenario->prefixLengths = {22};
    scenario->cas = {ca};
    scenario->policies = {{policy_, "br@" + policy_.phase}};
    scenario->rovSettings = {RovSetting{}};
    scenario->rovSettings[0].label = "none";
    scenario->victims.kind = AsSelection::Kind::Sample;
    scenario->victims.sampleSize = static_cast<std::size_t>(victimsBox_->value());
    scenario->adversaries.kind = AsSelection::Kind::Sample;
    scenario->adversaries.sampleSize = static_cast<std::size_t>(adversariesBox_->value());

    stop_ = false;
    finished_ = false;
    runButton_->setEnabled(false);
    loadButton_->setEnabled(false);
    generateButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    progress_->setRange(0, 100);
    progress_->setValue(0);
    worker_ = std::thread([this, scenario, graph = graph_] {
        QString error;
        bool completed = false;
        Summary summary;
        try {
            StudySession session(*scenario, graph, 16);
            const std::uint64_t total = session.plan().shardCount();
            completed = session.run(
                std::max(1u, std::thread::hardware_concurrency()),
                [&](std::uint64_t done) {
                    const int percent =
                        static_cast<int>(100 * done / std::max<std::uint64_t>(total, 1));
                    QMetaObject::invokeMethod(this,
                                              [this, percent] { progress_->setValue(percent); });
                },
                &stop_);
            if (completed) {
                summary = session.summary();
            }
        } catch (const std::exception& failure) {
            error = QString::fromStdString(failure.what());
        }
        QMetaObject::invokeMethod(this, [this, completed, summary, error] {
            finished_ = true;
            runButton_->setEnabled(true);
            loadButton_->setEnabled(true);
            generateButton_->setEnabled(true);
            cancelButton_->setEnabled(false);
            if (!error.isEmpty()) {
                emit failed(error);
            } else if (completed) {
                summary_ = summary;
                showSummary();
            }
            emit studyFinished(completed);
        });
    });
    return true;
}

void StudyView::cancelStudy() {
    stop_ = true;
}

bool StudyView::openResults(const QString& folder) {
    try {
        summary_ = SummaryReader::readFile(folder.toStdString() + "/summary.json");
    } catch (const InputError& error) {
        emit failed(QString::fromStdString(error.what()));
        return false;
    }
    remember(folder);
    showSummary();
    return true;
}

void StudyView::showSummary() {
    while (charts_->count() > 0) {
        QWidget* page = charts_->widget(0);
        charts_->removeTab(0);
        delete page;
    }
    for (const StudyCharts::Chart& chart : StudyCharts::available(summary_)) {
        auto* view = new QChartView(chart.build());
        view->setRenderHint(QPainter::Antialiasing);
        view->setProperty("stem", QString::fromStdString(chart.stem));
        QString title = QString::fromStdString(chart.stem);
        charts_->addTab(view, title.replace('_', ' '));
    }
}

bool StudyView::exportCurrentChart(const QString& path) {
    auto* view = qobject_cast<QChartView*>(charts_->currentWidget());
    if (view == nullptr) {
        emit failed("No chart to export.");
        return false;
    }
    // Render a fresh copy so that the view on screen keeps its chart.
    for (const StudyCharts::Chart& chart : StudyCharts::available(summary_)) {
        if (QString::fromStdString(chart.stem) == view->property("stem").toString()) {
            std::unique_ptr<QChart> copy(chart.build());
            try {
                if (path.endsWith(".svg", Qt::CaseInsensitive)) {
                    ChartFiles::writeSvg(*copy, path.toStdString());
                } else {
                    ChartFiles::writePng(*copy, path.toStdString());
                }
            } catch (const InputError& error) {
                emit failed(QString::fromStdString(error.what()));
                return false;
            }
            return true;
        }
    }
    return false;
}

}  // namespace mpicsim::gui
