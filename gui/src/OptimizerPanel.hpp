#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include "mpicsim/experiment/OptimizationSpec.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/mpic/Perspective.hpp"

class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace mpicsim::gui {

// The placement optimizer of `mpicsim optimize` in the study view: a scenario file gives the
// units (its topology, victims, adversaries, attacks) and, if it has one, its `optimize` block;
// the panel lets one choose the candidates (the block's, or the catalog filtered by provider and
// RIR), k, the objective, the quorum rule and the constraints (BR compliance on a date, a
// per-provider cap), runs OptimizationSession (matrix, search, held-out units) on a worker thread
// with progress and Cancel, and shows the trade-off charts `mpicsim optimize` plots and a table
// of the best set and the runners-up.
class OptimizerPanel : public QWidget {
    Q_OBJECT

  public:
    explicit OptimizerPanel(QWidget* parent = nullptr);
    ~OptimizerPanel() override;

    // Reads the scenario (and its optimize block, if any) and fills the controls from it; false
    // (and failed emitted) when the file is refused.
    bool openScenario(const QString& path);
    // The candidates: the optimize block's, or the catalog's regions of one provider and RIR
    // (empty: any).
    void useBlockCandidates();
    void useCatalogCandidates(const QString& provider, const QString& rir);
    void setRemotes(int k);
    void setThreads(int threads);
    bool start();  // false when no scenario is open or the controls give no valid spec
    void cancel();
    bool running() const { return worker_.joinable() && !finished_; }

    // The spec the controls describe (the scenario's block with the choices applied).
    std::optional<OptimizationSpec> spec() const;
    // After a completed run: the best set's remotes (catalog or inline perspectives), and the
    // ids of the best set and the runners-up, best first.
    const std::vector<Perspective>& bestRemotes() const { return bestRemotes_; }
    QStringList bestIds() const { return bestIds_; }
    QTableWidget* setsTable() { return table_; }
    QTabWidget* charts() { return charts_; }
    QString statusText() const;

  signals:
    void finished(bool completed);
    void failed(const QString& message);
    // After a completed run, for the map: the best set's remotes (and primary, if any).
    void bestSetFound(const std::vector<mpicsim::Perspective>& remotes,
                      const std::optional<mpicsim::Perspective>& primary);

  private:
    struct Outcome;  // what a finished run hands to the UI thread

    void fillCandidateControls();
    void showOutcome(const Outcome& outcome);
    void setIdle(const QString& status);
    void joinWorker();

    QString scenarioPath_;
    std::optional<Scenario> scenario_;
    std::optional<OptimizationSpec> blockSpec_;  // the scenario's optimize block
    std::vector<Perspective> bestRemotes_;
    QStringList bestIds_;

    std::thread worker_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> finished_{true};

    QPushButton* openButton_ = nullptr;
    QLabel* scenarioLabel_ = nullptr;
    QComboBox* candidatesBox_ = nullptr;
    QComboBox* providerBox_ = nullptr;
    QComboBox* rirBox_ = nullptr;
    QSpinBox* remotesBox_ = nullptr;
    QComboBox* objectiveBox_ = nullptr;
    QComboBox* policyBox_ = nullptr;
    QComboBox* complianceBox_ = nullptr;
    QSpinBox* providerCapBox_ = nullptr;
    QSpinBox* threadsBox_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* statusLabel_ = nullptr;
    QTabWidget* charts_ = nullptr;
    QTableWidget* table_ = nullptr;
};

}  // namespace mpicsim::gui
