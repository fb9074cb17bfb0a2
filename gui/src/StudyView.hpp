#pragma once

#include <QStringList>
#include <QWidget>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include "mpicsim/analysis/Summary.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/mpic/CaConfiguration.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"
#include "mpicsim/topology/AsGraph.hpp"

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QScatterSeries;
class QSlider;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace mpicsim::gui {

class OptimizerPanel;

// Interactive studies: load a topology off the UI thread, build CA configurations from presets
// or the perspective catalog (checked live against the 500 km and RIR rules), compare several
// in one run, each under its own quorum rule unless the user applies one BR phase to all, on a
// worker thread with progress and Cancel, and see the same charts as `mpicsim plot` with a table
// of attacker success (95% interval) and blocked legitimate issuance.
class StudyView : public QWidget {
    Q_OBJECT

  public:
    explicit StudyView(QWidget* parent = nullptr);
    ~StudyView() override;

    // Starts loading on a worker thread; topologyLoaded or failed is emitted.
    void loadTopology(const QString& path);
    // The same, for the topology `mpicsim generate-topology --ases N --seed S` would write.
    void generateTopology(int ases, quint64 seed);
    bool topologyReady() const { return graph_ != nullptr; }
    void setRemotes(const QStringList& ids);
    void setPrimary(const QString& id);  // empty: no primary
    // Loads a preset of topology_data/ca-presets.json: its perspectives and its own rule.
    bool choosePreset(const QString& name);
    // Applies the BR phase (0 .. number of BR phases - 1) to every configuration of the study.
    void setPhaseIndex(int index);
    // Lets every configuration run under its own rule (a preset's, or the BR phase in force
    // today for one built by hand); the default.
    void useOwnPolicies();
    bool overridesPolicies() const;
    // Adds the configuration being edited to the comparison; a study runs every configuration of
    // the comparison side by side (the one being edited alone when the comparison is empty).
    void addToComparison();
    void clearComparison();
    QStringList comparedNames() const;
    void setSampleSizes(int victims, int adversaries);
    bool startStudy();  // false when no topology or no valid configuration
    void cancelStudy();
    bool running() const { return worker_.joinable() && !finished_; }
    bool openResults(const QString& folder);
    bool exportCurrentChart(const QString& path);

    QString complianceText() const;
    QString policyText() const;
    // The name the configuration being edited runs under: its preset's, "(edited)" after a change.
    QString configurationName() const;
    QString statusHint() const;
    // What the last study could not evaluate (e.g. a quorum impossible with zero remotes).
    QStringList skippedCombinations() const { return skipped_; }
    QTableWidget* resultsTable() { return results_; }
    // The notes under the charts: combinations not evaluated, results nobody is issued in.
    QString notesText() const;
    const Summary& summary() const { return summary_; }
    QTabWidget* charts() { return charts_; }
    QStringList recentFiles() const { return recent_; }
    // The optimizer (its own tab beside the study's results); its best set is drawn on the map.
    OptimizerPanel* optimizer() { return optimizer_; }
    void showOptimizer();
    // The points of the map's "optimizer's best" series (longitude, latitude).
    QList<QPointF> optimizerMarkers() const;

  signals:
    void topologyLoaded(int ases);
    void failed(const QString& message);
    void studyFinished(bool completed);
    void recentFilesChanged(const QStringList& files);

  private:
    CaConfiguration configuration() const;
    // The rule a configuration is checked and run under.
    QuorumPolicy effectivePolicy(const CaConfiguration& ca) const;
    void updateConfiguration();
    void showSummary();
    void showResultsTable();
    void joinWorker();
    void remember(const QString& path);
    // Builds a graph on a worker thread, then runs onLoaded on the UI thread (graph_ is set).
    void loadOffThread(const QString& what, std::function<AsGraph()> make,
                       std::function<void()> onLoaded);

    std::shared_ptr<const AsGraph> graph_;
    QString topologyPath_;
    std::optional<Scenario::SyntheticTopology> syntheticTopology_;
    Summary summary_;
    QuorumPolicy policy_;  // the BR phase of the slider
    std::optional<CaConfiguration> preset_;
    std::vector<CaConfiguration> compared_;
    QStringList skipped_;
    QStringList notes_;                              // what the last study could not evaluate
    std::map<std::string, QStringList> compliance_;  // per configuration of the last study
    QStringList recent_;

    std::thread worker_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> finished_{true};

    QPushButton* loadButton_ = nullptr;
    QPushButton* generateButton_ = nullptr;
    QLabel* topologyLabel_ = nullptr;
    QComboBox* primaryBox_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QListWidget* catalogList_ = nullptr;
    QChartView* map_ = nullptr;
    QScatterSeries* selectedSeries_ = nullptr;
    QScatterSeries* optimizerSeries_ = nullptr;  // the optimizer's best set
    QComboBox* presetBox_ = nullptr;
    QCheckBox* overrideBox_ = nullptr;
    QListWidget* comparison_ = nullptr;
    QTableWidget* results_ = nullptr;
    QLabel* notesLabel_ = nullptr;  // skipped combinations and results an empty bar hides
    QSlider* phaseSlider_ = nullptr;
    QLabel* phaseLabel_ = nullptr;
    QLabel* complianceLabel_ = nullptr;
    QSpinBox* victimsBox_ = nullptr;
    QSpinBox* adversariesBox_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QTabWidget* charts_ = nullptr;
    QTabWidget* pages_ = nullptr;  // the study's results, the optimizer
    OptimizerPanel* optimizer_ = nullptr;
};

}  // namespace mpicsim::gui
