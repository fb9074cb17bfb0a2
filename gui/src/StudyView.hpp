#pragma once

#include <QStringList>
#include <QWidget>
#include <atomic>
#include <functional>
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

namespace mpicsim::gui {

// Interactive studies: load a topology off the UI thread, build a CA configuration from the
// perspective catalog (checked live against the 500 km and RIR rules), pick a BR phase, run a
// study on a worker thread with progress and Cancel, and see the same charts as `mpicsim plot`.
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
    void setPrimary(const QString& id);
    void setPhaseIndex(int index);  // 0 .. number of BR phases - 1
    void setSampleSizes(int victims, int adversaries);
    bool startStudy();  // false when no topology or no valid configuration
    void cancelStudy();
    bool running() const { return worker_.joinable() && !finished_; }
    bool openResults(const QString& folder);
    bool exportCurrentChart(const QString& path);

    QString complianceText() const;
    QString policyText() const;
    const Summary& summary() const { return summary_; }
    QTabWidget* charts() { return charts_; }
    QStringList recentFiles() const { return recent_; }

  signals:
    void topologyLoaded(int ases);
    void failed(const QString& message);
    void studyFinished(bool completed);
    void recentFilesChanged(const QStringList& files);

  private:
    CaConfiguration configuration() const;
    void updateConfiguration();
    void showSummary();
    void joinWorker();
    void remember(const QString& path);
    // Builds a graph on a worker thread, then runs onLoaded on the UI thread (graph_ is set).
    void loadOffThread(const QString& what, std::function<AsGraph()> make,
                       std::function<void()> onLoaded);

    std::shared_ptr<const AsGraph> graph_;
    QString topologyPath_;
    std::optional<Scenario::SyntheticTopology> syntheticTopology_;
    Summary summary_;
    QuorumPolicy policy_;
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
    QSlider* phaseSlider_ = nullptr;
    QLabel* phaseLabel_ = nullptr;
    QLabel* complianceLabel_ = nullptr;
    QSpinBox* victimsBox_ = nullptr;
    QSpinBox* adversariesBox_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QTabWidget* charts_ = nullptr;
};

}  // namespace mpicsim::gui
