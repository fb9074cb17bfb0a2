#include "StudyView.hpp"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <chrono>

#include "OptimizerPanel.hpp"
#include "mpicsim/analysis/ChartFiles.hpp"
#include "mpicsim/analysis/StudyCharts.hpp"
#include "mpicsim/analysis/SummaryReader.hpp"
#include "mpicsim/experiment/StudyCompliance.hpp"
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

std::chrono::year_month_day today() {
    return std::chrono::year_month_day{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

// The rule a configuration built by hand follows: the BR phase in force today.
QuorumPolicy brInForceToday() {
    if (auto policy = QuorumPolicyTable::lookup("br", today())) {
        return *policy;
    }
    return QuorumPolicyTable::phases("br").front();
}

const char* const kNoPrimary = "(no primary)";

QStringList idsOf(const std::vector<Perspective>& perspectives) {
    QStringList ids;
    for (const Perspective& perspective : perspectives) {
        ids << QString::fromStdString(perspective.id);
    }
    ids.sort();
    return ids;
}

// "success_by_configuration-subprefix" -> "Success · subprefix": short enough for a tab.
QString chartTitle(const std::string& stem) {
    const QString text = QString::fromStdString(stem);
    const qsizetype dash = text.indexOf('-');
    const QString kind = text.left(dash);
    const QString attack = dash < 0 ? QString() : text.mid(dash + 1);
    QString title = kind;
    if (kind == "success_by_configuration") {
        title = "Success";
    } else if (kind == "resilience_cdf") {
        title = "Resilience CDF";
    } else if (kind == "success_vs_quorum") {
        title = "Success vs remotes";
    } else if (kind == "success_vs_rov") {
        title = "Success vs ROV";
    }
    return attack.isEmpty() ? title : title + " \u00b7 " + attack;
}

QString percent(double share) {
    return QString::number(100 * share, 'f', 1) + "%";
}

}  // namespace

StudyView::StudyView(QWidget* parent) : QWidget(parent) {
    const PerspectiveCatalog& catalog = PerspectiveCatalogReader::builtIn();
    loadButton_ = new QPushButton("Load topology…");
    loadButton_->setToolTip("A CAIDA AS-relationship file (.txt or .bz2); read off the UI thread");
    topologyLabel_ = new QLabel("No topology loaded.");
    topologyLabel_->setWordWrap(true);
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

    presetBox_ = new QComboBox;
    presetBox_->addItem("(build your own)");
    for (const std::string& name : CaConfigurationReader::presetNames()) {
        presetBox_->addItem(QString::fromStdString(name));
    }
    presetBox_->setToolTip(
        "Start from a named CA deployment (topology_data/ca-presets.json), with its own rule");
    connect(presetBox_, &QComboBox::textActivated, this,
            [this](const QString& name) { choosePreset(name); });
    primaryBox_ = new QComboBox;
    primaryBox_->setToolTip("The CA's primary network perspective");
    catalogList_ = new QListWidget;
    catalogList_->setToolTip("Tick the remote perspectives");
    primaryBox_->addItem(kNoPrimary);
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
    optimizerSeries_ = new QScatterSeries;
    optimizerSeries_->setName("optimizer's best");
    optimizerSeries_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    optimizerSeries_->setMarkerSize(13);
    optimizerSeries_->setColor(QColor(0x00, 0x72, 0xB2));
    optimizerSeries_->setBorderColor(Qt::white);
    mapChart->addSeries(all);
    mapChart->addSeries(selectedSeries_);
    mapChart->addSeries(optimizerSeries_);
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
    for (auto* series : {all, selectedSeries_, optimizerSeries_}) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    mapChart->legend()->setAlignment(Qt::AlignBottom);
    map_ = new QChartView(mapChart);
    map_->setRenderHint(QPainter::Antialiasing);
    map_->setMinimumHeight(220);

    const auto phases = QuorumPolicyTable::phases("br");
    phaseSlider_ = new QSlider(Qt::Horizontal);
    phaseSlider_->setRange(0, static_cast<int>(phases.size()) - 1);
    phaseSlider_->setValue(static_cast<int>(phases.size()) - 1);
    phaseSlider_->setTickPosition(QSlider::TicksBelow);
    phaseSlider_->setToolTip(
        "The BR 3.2.2.9 phase whose quorum rule every configuration is held to (moving it "
        "applies it)");
    phaseLabel_ = new QLabel;
    connect(phaseSlider_, &QSlider::valueChanged, this,
            [this](int index) { setPhaseIndex(index); });
    overrideBox_ = new QCheckBox("Hold every configuration to one BR phase:");
    overrideBox_->setToolTip(
        "Unticked: each configuration runs under its own rule (a preset's, e.g. single for a "
        "single vantage point; the BR phase in force today for one built by hand)");
    connect(overrideBox_, &QCheckBox::toggled, this, [this] { updateConfiguration(); });

    comparison_ = new QListWidget;
    comparison_->setToolTip("The configurations a study runs side by side");
    comparison_->setMaximumHeight(90);
    auto* addButton = new QPushButton("Add to comparison");
    addButton->setToolTip("Run this configuration in the next study, beside the others listed");
    connect(addButton, &QPushButton::clicked, this, [this] { addToComparison(); });
    auto* clearButton = new QPushButton("Clear");
    connect(clearButton, &QPushButton::clicked, this, [this] { clearComparison(); });
    notesLabel_ = new QLabel;
    notesLabel_->setWordWrap(true);
    notesLabel_->setStyleSheet("color:#b04000");
    results_ = new QTableWidget(0, 8);
    results_->setHorizontalHeaderLabels({"Configuration", "Rule", "Attack", "Trials",
                                         "Attacker success", "95% interval", "Owner blocked",
                                         "Compliant"});
    results_->horizontalHeaderItem(7)->setToolTip(
        "Whether the configuration meets its rule's perspective requirements (ComplianceChecker); "
        "the reasons are in the cell's tooltip");
    results_->horizontalHeaderItem(6)->setToolTip(
        "Legitimate issuance blocked: the domain owner's own validation, attempted while the "
        "attack lasts, fails");
    results_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    results_->horizontalHeader()->setStretchLastSection(true);
    results_->verticalHeader()->setVisible(false);
    results_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    results_->setMaximumHeight(200);
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
    presetRow->addWidget(presetBox_, 1);
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
    policyRow->addWidget(overrideBox_);
    policyRow->addWidget(phaseSlider_, 1);
    policyRow->addWidget(phaseLabel_);
    left->addLayout(policyRow);
    left->addWidget(complianceLabel_);
    auto* compareRow = new QHBoxLayout;
    compareRow->addWidget(comparison_, 1);
    auto* compareButtons = new QVBoxLayout;
    compareButtons->addWidget(addButton);
    compareButtons->addWidget(clearButton);
    compareButtons->addStretch();
    compareRow->addLayout(compareButtons);
    left->addLayout(compareRow);
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
    auto* studyPage = new QWidget;
    auto* right = new QVBoxLayout(studyPage);
    right->setContentsMargins(0, 0, 0, 0);
    right->addWidget(charts_, 3);
    right->addWidget(notesLabel_);
    right->addWidget(results_, 1);
    right->addWidget(exportButton, 0, Qt::AlignRight);
    optimizer_ = new OptimizerPanel;
    connect(optimizer_, &OptimizerPanel::bestSetFound, this,
            [this](const std::vector<Perspective>& remotes, const std::optional<Perspective>&) {
                optimizerSeries_->clear();
                for (const Perspective& remote : remotes) {
                    if (remote.location) {
                        optimizerSeries_->append(remote.location->longitude,
                                                 remote.location->latitude);
                    }
                }
            });
    connect(optimizer_, &OptimizerPanel::failed, this, &StudyView::failed);
    pages_ = new QTabWidget;
    pages_->addTab(studyPage, "Study results");
    pages_->addTab(optimizer_, "Optimizer");
    auto* layout = new QHBoxLayout(this);
    // On a short screen the controls scroll instead of making the window taller.
    auto* leftScroll = new QScrollArea;
    leftScroll->setWidget(leftWidget);
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftScroll->setFixedWidth(520 + leftScroll->verticalScrollBar()->sizeHint().width());
    layout->addWidget(leftScroll);
    layout->addWidget(pages_, 1);
    policy_ = QuorumPolicyTable::phases("br").back();
    phaseLabel_->setText(QString::fromStdString(policy_.phase));
    updateConfiguration();
}

void StudyView::showOptimizer() {
    pages_->setCurrentWidget(optimizer_);
}

QList<QPointF> StudyView::optimizerMarkers() const {
    return optimizerSeries_->points();
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
                                        .arg(QFileInfo(path).fileName())
                                        .arg(graph_->nodeCount())
                                        .arg(graph_->linkCount()));
            topologyLabel_->setToolTip(path);
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
    primaryBox_->setCurrentText(id.isEmpty() ? QString(kNoPrimary) : id);
}

bool StudyView::choosePreset(const QString& name) {
    if (!CaConfigurationReader::isPreset(name.toStdString())) {
        preset_.reset();
        presetBox_->setCurrentIndex(0);
        updateConfiguration();
        return false;
    }
    CaConfiguration preset = CaConfigurationReader::preset(
        name.toStdString(), PerspectiveCatalogReader::builtIn(), today());
    QStringList remotes;
    for (const Perspective& remote : preset.remotes) {
        remotes << QString::fromStdString(remote.id);
    }
    preset_ = preset;
    presetBox_->setCurrentText(name);
    {
        QSignalBlocker blocker(primaryBox_);
        setPrimary(preset.primary ? QString::fromStdString(preset.primary->id) : QString());
    }
    setRemotes(remotes);
    return true;
}

void StudyView::useOwnPolicies() {
    overrideBox_->setChecked(false);
}

bool StudyView::overridesPolicies() const {
    return overrideBox_->isChecked();
}

QString StudyView::configurationName() const {
    return QString::fromStdString(configuration().name);
}

void StudyView::addToComparison() {
    CaConfiguration ca = configuration();
    std::string name = ca.name;
    for (int copy = 2;; ++copy) {
        const bool taken =
            std::any_of(compared_.begin(), compared_.end(),
                        [&](const CaConfiguration& other) { return other.name == name; });
        if (!taken) {
            break;
        }
        name = ca.name + " #" + std::to_string(copy);
    }
    ca.name = name;
    compared_.push_back(ca);
    comparison_->addItem(
        QString("%1 — %2 remotes, own rule %3")
            .arg(QString::fromStdString(ca.name))
            .arg(ca.remotes.size())
            .arg(QString::fromStdString(ca.policy ? ca.policy->label() : std::string("none"))));
}

void StudyView::clearComparison() {
    compared_.clear();
    comparison_->clear();
}

QStringList StudyView::comparedNames() const {
    QStringList names;
    for (const CaConfiguration& ca : compared_) {
        names << QString::fromStdString(ca.name);
    }
    return names;
}

QString StudyView::statusHint() const {
    if (!graph_) {
        return "Study: load a CAIDA file or build a synthetic Internet, choose a preset or "
               "perspectives, then Run study (Ctrl+R).";
    }
    return "Study: add configurations to the comparison to run them side by side; each runs "
           "under its own rule unless one BR phase is applied to all.";
}

void StudyView::setPhaseIndex(int index) {
    const auto phases = QuorumPolicyTable::phases("br");
    index = std::clamp(index, 0, static_cast<int>(phases.size()) - 1);
    if (phaseSlider_->value() != index) {
        QSignalBlocker blocker(phaseSlider_);
        phaseSlider_->setValue(index);
    }
    policy_ = phases[static_cast<std::size_t>(index)];
    phaseLabel_->setText(QString::fromStdString(policy_.phase));
    if (!overrideBox_->isChecked()) {
        overrideBox_->setChecked(true);  // updates the configuration
    } else {
        updateConfiguration();
    }
}

void StudyView::setSampleSizes(int victims, int adversaries) {
    victimsBox_->setValue(victims);
    adversariesBox_->setValue(adversaries);
}

CaConfiguration StudyView::configuration() const {
    const PerspectiveCatalog& catalog = PerspectiveCatalogReader::builtIn();
    CaConfiguration ca;
    if (const Perspective* primary = catalog.find(primaryBox_->currentText().toStdString())) {
        ca.primary = *primary;
    }
    for (int i = 0; i < catalogList_->count(); ++i) {
        const QListWidgetItem* item = catalogList_->item(i);
        if (item->checkState() == Qt::Checked) {
            ca.remotes.push_back(*catalog.find(item->data(Qt::UserRole).toString().toStdString()));
        }
    }
    if (preset_) {
        const bool samePrimary = (ca.primary.has_value() == preset_->primary.has_value()) &&
                                 (!ca.primary || ca.primary->id == preset_->primary->id);
        const bool unchanged = samePrimary && idsOf(ca.remotes) == idsOf(preset_->remotes);
        ca.name = preset_->name + (unchanged ? "" : " (edited)");
        ca.description = preset_->description;
        ca.policy = preset_->policy;
    } else {
        ca.name = "own configuration";
        ca.policy = brInForceToday();
    }
    return ca;
}

QuorumPolicy StudyView::effectivePolicy(const CaConfiguration& ca) const {
    if (overridesPolicies() || !ca.policy) {
        return policy_;
    }
    return *ca.policy;
}

QString StudyView::policyText() const {
    const CaConfiguration ca = configuration();
    const QString label = QString::fromStdString(effectivePolicy(ca).label());
    return overridesPolicies() ? label : "its own rule, " + label;
}

QString StudyView::complianceText() const {
    const CaConfiguration ca = configuration();
    const QuorumPolicy policy = effectivePolicy(ca);
    const auto violations = ComplianceChecker::check(ca, policy);
    if (violations.empty()) {
        return QString("Compliant with %1: %2 remotes, quorum %3.")
            .arg(policyText())
            .arg(ca.remotes.size())
            .arg(policy.requiredCorroborations(static_cast<int>(ca.remotes.size())));
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
    complianceLabel_->setText(QString("<b>%1</b><br><span style='color:%2'>%3</span>")
                                  .arg(QString::fromStdString(ca.name).toHtmlEscaped(),
                                       compliant ? "#007a4d" : "#b04000",
                                       text.toHtmlEscaped().replace("\n", "<br>")));
}

bool StudyView::startStudy() {
    if (!graph_ || !finished_) {
        emit failed(graph_ ? "A task is already running." : "Load a topology first.");
        return false;
    }
    std::vector<CaConfiguration> cas = compared_;
    if (cas.empty()) {
        cas.push_back(configuration());
    }
    joinWorker();
    auto scenario = std::make_shared<Scenario>();
    scenario->name = "gui-study";
    scenario->topologyPath = topologyPath_.toStdString();
    scenario->syntheticTopology = syntheticTopology_;
    scenario->seed = 1;
    scenario->attacks = {AttackType::EquallySpecific, AttackType::Subprefix};
    scenario->prefixLengths = {22};
    scenario->cas = cas;
    compliance_.clear();
    for (const CaConfiguration& ca : cas) {
        QStringList problems;
        for (const ComplianceViolation& violation :
             ComplianceChecker::check(ca, effectivePolicy(ca))) {
            problems << QString::fromStdString(violation.message);
        }
        compliance_[ca.name] = problems;
    }
    if (overridesPolicies()) {
        scenario->policies = {{policy_, policy_.label()}};
    } else {
        scenario->policies = {{std::nullopt, "own"}};
    }
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
        QStringList skipped;
        QStringList placement;
        try {
            StudySession session(*scenario, graph, 16);
            for (const std::string& note : session.runner().skipped()) {
                skipped << QString::fromStdString(note);
            }
            placement << QString::fromStdString("Region model: " + session.regionModel());
            for (const std::string& note : session.placementNotes()) {
                placement << QString::fromStdString(note);
            }
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
        QMetaObject::invokeMethod(this, [this, completed, summary, error, skipped, placement] {
            finished_ = true;
            skipped_ = skipped;
            notes_ = skipped.isEmpty() ? QStringList()
                                       : QStringList{"Not evaluated: " + skipped.join("; ")};
            notes_ << placement;
            notesLabel_->setText(notes_.join("\n"));
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
    compliance_.clear();  // a results folder records no configurations
    notes_.clear();
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
        const int index = charts_->addTab(view, chartTitle(chart.stem));
        charts_->setTabToolTip(index, QString::fromStdString(chart.stem));
    }
    showResultsTable();
}

QString StudyView::notesText() const {
    return notesLabel_->text();
}

void StudyView::showResultsTable() {
    results_->setRowCount(0);
    QStringList notes = notes_;
    // Each pair that is not compliant, once (the words `mpicsim run` warns with).
    for (const SummaryGroup& group : summary_.groups) {
        const QString warning = QString::fromStdString(
            StudyCompliance::warning(group.ca, group.policy, group.violations));
        if (!group.compliant && !notes.contains(warning)) {
            notes << warning;
        }
    }
    for (const SummaryGroup& group : summary_.groups) {
        // An empty bar would read as "safe": say when nobody, the owner included, is issued.
        if (group.trials > 0 && group.attackerSuccesses == 0 && group.legitimateBlockedRate >= 1) {
            notes << QString(
                         "%1 under %2, %3: no certificate is issued to anyone, the domain's "
                         "owner included (0% success, owner blocked in every attempt).")
                         .arg(QString::fromStdString(group.ca),
                              QString::fromStdString(group.policy),
                              QString::fromStdString(group.attack));
        }
        if (group.placementTrials > 0) {
            notes << QString(
                         "%1 under %2, %3: in %4 of %5 trials a perspective sits in (routes as) "
                         "the victim's or the adversary's AS; those results rest on placement.")
                         .arg(QString::fromStdString(group.ca),
                              QString::fromStdString(group.policy),
                              QString::fromStdString(group.attack))
                         .arg(group.placementTrials)
                         .arg(group.trials);
        }
    }
    notesLabel_->setText(notes.join("\n"));
    for (const SummaryGroup& group : summary_.groups) {
        const int row = results_->rowCount();
        results_->insertRow(row);
        // A study sweeping the validation method or the attempts says which row is which.
        QString attack = QString::fromStdString(group.attack);
        if (group.method != "http-01" || group.attempts != 1) {
            attack += QString(" · %1 · %2 attempt%3")
                          .arg(QString::fromStdString(group.method))
                          .arg(group.attempts)
                          .arg(group.attempts == 1 ? "" : "s");
        }
        const QStringList cells = {QString::fromStdString(group.ca),
                                   QString::fromStdString(group.policy),
                                   attack,
                                   QString::number(group.trials),
                                   percent(group.attackerSuccessRate),
                                   percent(group.ci95Low) + " – " + percent(group.ci95High),
                                   percent(group.legitimateBlockedRate)};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (column >= 3) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            results_->setItem(row, column, item);
        }
        const auto checked = compliance_.find(group.ca);
        if (checked != compliance_.end()) {
            auto* item = new QTableWidgetItem(checked->second.isEmpty() ? "yes" : "no");
            item->setToolTip(checked->second.isEmpty() ? "Meets its rule's perspective rules"
                                                       : "• " + checked->second.join("\n• "));
            item->setForeground(checked->second.isEmpty() ? QColor(0x00, 0x7a, 0x4d)
                                                          : QColor(0xb0, 0x40, 0x00));
            results_->setItem(row, 7, item);
        }
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
