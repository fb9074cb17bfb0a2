#include "OptimizerPanel.hpp"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <chrono>
#include <set>

#include "mpicsim/analysis/OptimizationCharts.hpp"
#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/common/Cancelled.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/OptimizationSpecReader.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/study/OptimizationSession.hpp"

namespace mpicsim::gui {
namespace {

std::chrono::year_month_day today() {
    return std::chrono::year_month_day{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

QString percent(double rate) {
    return QString::number(100 * rate, 'f', 1) + "%";
}

}  // namespace

struct OptimizerPanel::Outcome {
    struct Row {
        QString label;
        QString remotes;
        double success = 0;
        double low = 0;
        double high = 0;
        double blocked = 0;
        std::optional<double> holdout;  // the best set only
    };
    std::string reportJson;
    std::string evaluatedCsv;
    std::vector<Row> rows;
    QStringList ids;
    std::vector<Perspective> bestRemotes;
    std::optional<Perspective> bestPrimary;
    QString summary;
};

OptimizerPanel::OptimizerPanel(QWidget* parent) : QWidget(parent) {
    openButton_ = new QPushButton("Open scenario…");
    openButton_->setToolTip(
        "A scenario file: its topology, victims, adversaries and attacks are the units; its "
        "optimize block, if any, gives the candidates and defaults");
    connect(openButton_, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, "Open scenario", QString(), "Scenarios (*.json)");
        if (!path.isEmpty()) {
            openScenario(path);
        }
    });
    scenarioLabel_ = new QLabel("No scenario");
    scenarioLabel_->setWordWrap(true);

    candidatesBox_ = new QComboBox;
    candidatesBox_->addItem("The scenario's optimize block");
    candidatesBox_->addItem("Catalog regions");
    providerBox_ = new QComboBox;
    rirBox_ = new QComboBox;
    std::set<std::string> providers;
    for (const Perspective& perspective : PerspectiveCatalogReader::builtIn().perspectives()) {
        if (!perspective.provider.empty()) {
            providers.insert(perspective.provider);
        }
    }
    providerBox_->addItem("any provider", QString());
    for (const std::string& provider : providers) {
        providerBox_->addItem(QString::fromStdString(provider), QString::fromStdString(provider));
    }
    rirBox_->addItem("any RIR", QString());
    for (Rir rir : kAllRirs) {
        const QString name = QString::fromUtf8(toString(rir).data());
        rirBox_->addItem(name, name);
    }
    auto updateFilter = [this] {
        const bool catalog = candidatesBox_->currentIndex() == 1;
        providerBox_->setEnabled(catalog);
        rirBox_->setEnabled(catalog);
    };
    connect(candidatesBox_, &QComboBox::currentIndexChanged, this, updateFilter);

    remotesBox_ = new QSpinBox;
    remotesBox_->setRange(1, static_cast<int>(DeploymentScorer::kMaxRemotes));
    remotesBox_->setValue(5);
    objectiveBox_ = new QComboBox;
    for (auto objective : {OptimizationSpec::Objective::AttackerSuccess,
                           OptimizationSpec::Objective::WeightedAttackerSuccess,
                           OptimizationSpec::Objective::MedianResilience}) {
        objectiveBox_->addItem(toString(objective), static_cast<int>(objective));
    }
    policyBox_ = new QComboBox;
    policyBox_->setToolTip("The quorum rule the sets are scored under");
    complianceBox_ = new QComboBox;
    complianceBox_->setToolTip(
        "Keep only sets a CA could deploy under the BR rules of this date (500 km apart, the "
        "RIR rule: what `mpicsim check-ca` checks)");
    providerCapBox_ = new QSpinBox;
    providerCapBox_->setRange(0, 50);
    providerCapBox_->setSpecialValueText("no cap");
    providerCapBox_->setToolTip("At most this many remotes of one cloud provider");
    threadsBox_ = new QSpinBox;
    threadsBox_->setRange(1, std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
    threadsBox_->setValue(threadsBox_->maximum());
    threadsBox_->setToolTip("The results do not depend on it");

    runButton_ = new QPushButton("Optimize");
    runButton_->setToolTip(
        "Build the outcome matrix (one propagation per unit), score the sets, then the best on "
        "held-out units");
    cancelButton_ = new QPushButton("Cancel");
    cancelButton_->setEnabled(false);
    connect(runButton_, &QPushButton::clicked, this, [this] { start(); });
    connect(cancelButton_, &QPushButton::clicked, this, [this] { cancel(); });
    progress_ = new QProgressBar;
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setFormat("");
    statusLabel_ = new QLabel;
    statusLabel_->setWordWrap(true);

    charts_ = new QTabWidget;
    table_ = new QTableWidget(0, 6);
    table_->setHorizontalHeaderLabels(
        {"Set", "Remotes", "Attacker success", "95% interval", "Owner blocked", "Held out"});
    table_->horizontalHeaderItem(4)->setToolTip(
        "Legitimate issuance blocked: the owner's own validation, attempted while the attack "
        "lasts, fails");
    table_->horizontalHeaderItem(5)->setToolTip(
        "The best set's attacker success on fresh victims and adversaries (n/a when the "
        "scenario samples neither: nothing fresh to hold out)");
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* form = new QFormLayout;
    auto* scenarioRow = new QHBoxLayout;
    scenarioRow->addWidget(openButton_);
    scenarioRow->addWidget(scenarioLabel_, 1);
    form->addRow("Units", scenarioRow);
    auto* candidateRow = new QHBoxLayout;
    candidateRow->addWidget(candidatesBox_, 1);
    candidateRow->addWidget(providerBox_);
    candidateRow->addWidget(rirBox_);
    form->addRow("Candidates", candidateRow);
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(new QLabel("k remotes"));
    searchRow->addWidget(remotesBox_);
    searchRow->addWidget(new QLabel("minimise"));
    searchRow->addWidget(objectiveBox_, 1);
    form->addRow("Search", searchRow);
    form->addRow("Quorum rule", policyBox_);
    auto* constraintRow = new QHBoxLayout;
    constraintRow->addWidget(complianceBox_, 1);
    constraintRow->addWidget(new QLabel("per provider"));
    constraintRow->addWidget(providerCapBox_);
    form->addRow("Constraints", constraintRow);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(new QLabel("Threads"));
    runRow->addWidget(threadsBox_);
    runRow->addWidget(runButton_);
    runRow->addWidget(cancelButton_);
    runRow->addWidget(progress_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(runRow);
    layout->addWidget(statusLabel_);
    table_->setMinimumHeight(120);
    table_->setMaximumHeight(230);
    layout->addWidget(charts_, 1);
    layout->addWidget(table_);
    fillCandidateControls();
    updateFilter();
}

OptimizerPanel::~OptimizerPanel() {
    stop_ = true;
    joinWorker();
}

void OptimizerPanel::joinWorker() {
    if (worker_.joinable()) {
        worker_.join();
    }
}

bool OptimizerPanel::openScenario(const QString& path) {
    if (running()) {
        return false;
    }
    try {
        const PerspectiveCatalog& catalog = PerspectiveCatalogReader::builtIn();
        Scenario scenario = ScenarioReader::readFile(path.toStdString(), catalog, today());
        std::optional<OptimizationSpec> block;
        const auto& blocks = scenario.otherCommandBlocks;
        if (std::find(blocks.begin(), blocks.end(), "optimize") != blocks.end()) {
            block =
                OptimizationSpecReader::readFile(path.toStdString(), scenario, catalog, today());
        }
        scenario_ = std::move(scenario);
        blockSpec_ = std::move(block);
    } catch (const std::exception& error) {
        emit failed(QString::fromStdString(error.what()));
        return false;
    }
    scenarioPath_ = path;
    scenarioLabel_->setText(QFileInfo(path).fileName() +
                            (blockSpec_ ? "" : " (no optimize block: choose catalog regions)"));
    scenarioLabel_->setToolTip(path);
    fillCandidateControls();
    return true;
}

void OptimizerPanel::fillCandidateControls() {
    const OptimizationSpec defaults = blockSpec_.value_or(OptimizationSpec{});
    candidatesBox_->setCurrentIndex(blockSpec_ ? 0 : 1);
    if (blockSpec_) {
        remotesBox_->setValue(static_cast<int>(defaults.remotes));
        objectiveBox_->setCurrentIndex(static_cast<int>(defaults.objective));
        providerCapBox_->setValue(static_cast<int>(defaults.maxPerProvider.value_or(0)));
    }
    policyBox_->clear();
    if (blockSpec_) {
        policyBox_->addItem("The block's: " + QString::fromStdString(defaults.policy.label()), -1);
    }
    const auto phases = QuorumPolicyTable::phases("br");
    for (std::size_t i = 0; i < phases.size(); ++i) {
        policyBox_->addItem(QString::fromStdString(phases[i].label()), static_cast<int>(i));
    }
    if (!blockSpec_) {
        policyBox_->setCurrentIndex(policyBox_->count() - 1);
    }
    complianceBox_->clear();
    complianceBox_->addItem("No BR compliance constraint", QString());
    int chosen = 0;
    for (const QuorumPolicy& phase : phases) {
        if (phase.effectiveFrom) {
            const QString date = QString::fromStdString(formatIsoDate(*phase.effectiveFrom));
            complianceBox_->addItem("BR compliant on " + date, date);
            if (defaults.brDate && *defaults.brDate == *phase.effectiveFrom) {
                chosen = complianceBox_->count() - 1;
            }
        }
    }
    if (defaults.brDate && chosen == 0) {
        const QString date = QString::fromStdString(formatIsoDate(*defaults.brDate));
        complianceBox_->addItem("BR compliant on " + date, date);
        chosen = complianceBox_->count() - 1;
    }
    complianceBox_->setCurrentIndex(chosen);
}

void OptimizerPanel::useBlockCandidates() {
    candidatesBox_->setCurrentIndex(0);
}

void OptimizerPanel::useCatalogCandidates(const QString& provider, const QString& rir) {
    candidatesBox_->setCurrentIndex(1);
    providerBox_->setCurrentIndex(std::max(0, providerBox_->findData(provider)));
    rirBox_->setCurrentIndex(std::max(0, rirBox_->findData(rir)));
}

void OptimizerPanel::setRemotes(int k) {
    remotesBox_->setValue(k);
}

void OptimizerPanel::setThreads(int threads) {
    threadsBox_->setValue(threads);
}

QString OptimizerPanel::statusText() const {
    return statusLabel_->text();
}

std::optional<OptimizationSpec> OptimizerPanel::spec() const {
    if (!scenario_) {
        return std::nullopt;
    }
    OptimizationSpec spec = blockSpec_.value_or(OptimizationSpec{});
    if (!blockSpec_ || candidatesBox_->currentIndex() == 1) {
        // Catalog regions; the block's required and excluded ids name its own candidates.
        spec.candidates.clear();
        spec.required.clear();
        spec.excluded.clear();
        const std::string provider = providerBox_->currentData().toString().toStdString();
        const std::string rir = rirBox_->currentData().toString().toStdString();
        for (const Perspective& perspective : PerspectiveCatalogReader::builtIn().perspectives()) {
            const bool primary = std::any_of(
                spec.primaryChoices.begin(), spec.primaryChoices.end(),
                [&](const auto& choice) { return choice.perspective.id == perspective.id; });
            if (!primary && !perspective.provider.empty() &&
                (provider.empty() || perspective.provider == provider) &&
                (rir.empty() || toString(perspective.rir) == rir)) {
                spec.candidates.push_back({perspective, true});
            }
        }
    }
    spec.remotes = static_cast<std::size_t>(remotesBox_->value());
    spec.objective = static_cast<OptimizationSpec::Objective>(objectiveBox_->currentData().toInt());
    const int policy = policyBox_->currentData().toInt();
    if (policy >= 0) {
        spec.policy = QuorumPolicyTable::phases("br")[static_cast<std::size_t>(policy)];
    }
    spec.brDate.reset();
    if (const QString date = complianceBox_->currentData().toString(); !date.isEmpty()) {
        spec.brDate = *parseIsoDate(date.toStdString());
    }
    spec.maxPerProvider.reset();
    if (providerCapBox_->value() > 0) {
        spec.maxPerProvider = static_cast<std::size_t>(providerCapBox_->value());
    }
    return spec;
}

void OptimizerPanel::setIdle(const QString& status) {
    runButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    openButton_->setEnabled(true);
    statusLabel_->setText(status);
}

bool OptimizerPanel::start() {
    if (running()) {
        return false;
    }
    const std::optional<OptimizationSpec> chosen = spec();
    if (!chosen) {
        statusLabel_->setText("Open a scenario first: it gives the units.");
        return false;
    }
    if (chosen->remotes > chosen->candidates.size()) {
        statusLabel_->setText(QString("%1 remotes asked for, but only %2 candidates")
                                  .arg(chosen->remotes)
                                  .arg(chosen->candidates.size()));
        return false;
    }
    joinWorker();
    stop_ = false;
    finished_ = false;
    runButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    openButton_->setEnabled(false);
    statusLabel_->setText("Loading the topology…");
    progress_->setRange(0, 0);
    progress_->setFormat("");
    const std::size_t threads = static_cast<std::size_t>(threadsBox_->value());
    const Scenario scenario = *scenario_;
    const std::string source = scenarioPath_.toStdString();
    // The worker reports through queued calls; `this` outlives it (the destructor joins).
    auto report = [this](const QString& format, std::uint64_t done, std::uint64_t total) {
        QMetaObject::invokeMethod(
            this,
            [this, format, done, total] {
                progress_->setRange(0, static_cast<int>(std::min<std::uint64_t>(total, INT32_MAX)));
                progress_->setValue(static_cast<int>(std::min(done, total)));
                progress_->setFormat(format);
            },
            Qt::QueuedConnection);
    };
    worker_ = std::thread([this, scenario, spec = *chosen, source, threads, report] {
        std::optional<Outcome> outcome;
        QString error;
        bool cancelled = false;
        try {
            OptimizationSession session(scenario, spec, source);
            if (stop_) {
                throw Cancelled();
            }
            const std::uint64_t units = session.unitCount();
            session.buildMatrix(
                threads, [&](std::uint64_t done) { report("Matrix: %v of %m units", done, units); },
                &stop_);
            const std::uint64_t sets = session.exactSetCount().value_or(0);
            const auto& result = session.optimize(
                threads,
                [&](std::uint64_t done) {
                    report(sets > 0 ? "Search: %v of %m sets scored"
                                    : QString("Search (greedy + swaps): %1 sets scored").arg(done),
                           done, sets);
                },
                &stop_);
            const std::uint64_t holdoutUnits = session.holdoutUnitCount();
            const auto& holdout = session.scoreHoldout(
                threads,
                [&](std::uint64_t done) {
                    report("Held-out matrix: %v of %m units", done, holdoutUnits);
                },
                &stop_);
            Outcome done;
            done.reportJson = session.reportJson();
            done.evaluatedCsv = session.evaluatedCsv();
            const OutcomeMatrix& matrix = session.matrix();
            const auto perspectives = PlacementOptimizer::matrixPerspectives(session.spec());
            auto rowOf = [&](const PlacementOptimizer::Evaluation& evaluation, QString label) {
                Outcome::Row row;
                row.label = std::move(label);
                QStringList ids;
                for (std::size_t remote : evaluation.deployment.remotes) {
                    ids << QString::fromStdString(matrix.candidates()[remote].id);
                }
                row.remotes = ids.join(", ");
                const auto& score = evaluation.score;
                const double scored = static_cast<double>(std::max<std::uint64_t>(score.units, 1));
                row.success = static_cast<double>(score.issued) / scored;
                row.blocked = static_cast<double>(score.blocked) / scored;
                std::tie(row.low, row.high) = ResultSummary::wilsonInterval(
                    static_cast<long long>(score.issued), static_cast<long long>(score.units));
                return row;
            };
            done.rows.push_back(rowOf(result.best, "best"));
            done.rows.back().holdout = holdout.attackerSuccessRate;
            for (std::size_t i = 0; i < result.runnersUp.size(); ++i) {
                done.rows.push_back(rowOf(result.runnersUp[i], QString("#%1").arg(i + 2)));
            }
            for (std::size_t remote : result.best.deployment.remotes) {
                done.bestRemotes.push_back(perspectives[remote]);
                done.ids << QString::fromStdString(perspectives[remote].id);
            }
            if (result.best.deployment.primary) {
                done.bestPrimary = perspectives[*result.best.deployment.primary];
            }
            done.summary =
                QString(
                    "%1 units × %2 candidates; %3 sets scored (%4). Best: %5; attacker "
                    "success %6, held out %7.")
                    .arg(matrix.unitCount())
                    .arg(matrix.candidateCount())
                    .arg(result.evaluated.size())
                    .arg(result.exact ? "exact search" : "greedy + swaps")
                    .arg(done.rows.front().remotes)
                    .arg(percent(done.rows.front().success))
                    .arg(holdout.attackerSuccessRate
                             ? percent(*holdout.attackerSuccessRate)
                             : QString("n/a (") + QString::fromStdString(holdout.note) + ")");
            outcome = std::move(done);
        } catch (const Cancelled&) {
            cancelled = true;
        } catch (const std::exception& failure) {
            error = QString::fromStdString(failure.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, outcome = std::move(outcome), error, cancelled] {
                finished_ = true;
                progress_->setRange(0, 1);
                progress_->setValue(outcome ? 1 : 0);
                progress_->setFormat(outcome ? "Done" : cancelled ? "Cancelled" : "Failed");
                if (outcome) {
                    showOutcome(*outcome);
                    setIdle(outcome->summary);
                } else if (cancelled) {
                    setIdle("Cancelled; nothing changed.");
                } else {
                    setIdle("Failed: " + error);
                    emit failed(error);
                }
                emit finished(outcome.has_value());
            },
            Qt::QueuedConnection);
    });
    return true;
}

void OptimizerPanel::cancel() {
    if (running()) {
        stop_ = true;
        cancelButton_->setEnabled(false);
        statusLabel_->setText("Cancelling…");
    }
}

void OptimizerPanel::showOutcome(const Outcome& outcome) {
    bestRemotes_ = outcome.bestRemotes;
    bestIds_ = outcome.ids;
    while (charts_->count() > 0) {
        QWidget* page = charts_->widget(0);
        charts_->removeTab(0);
        page->deleteLater();
    }
    // The charts `mpicsim optimize` plots, drawn from the same report text.
    auto addChart = [this](QChart* chart, const QString& title) {
        auto* view = new QChartView(chart);
        view->setRenderHint(QPainter::Antialiasing);
        charts_->addTab(view, title);
    };
    addChart(OptimizationCharts::evaluatedSets(outcome.reportJson, outcome.evaluatedCsv),
             "Trade-off: every set");
    addChart(OptimizationCharts::bestSets(outcome.reportJson), "Best and runners-up");
    table_->setRowCount(static_cast<int>(outcome.rows.size()));
    for (int r = 0; r < static_cast<int>(outcome.rows.size()); ++r) {
        const Outcome::Row& row = outcome.rows[static_cast<std::size_t>(r)];
        const QStringList cells = {
            row.label,
            row.remotes,
            percent(row.success),
            percent(row.low) + " – " + percent(row.high),
            percent(row.blocked),
            r == 0 ? (row.holdout ? percent(*row.holdout) : QString("n/a")) : QString()};
        for (int c = 0; c < cells.size(); ++c) {
            table_->setItem(r, c, new QTableWidgetItem(cells[c]));
        }
    }
    emit bestSetFound(outcome.bestRemotes, outcome.bestPrimary);
}

}  // namespace mpicsim::gui
