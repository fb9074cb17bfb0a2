#pragma once

#include <QtCharts/QChart>
#include <filesystem>
#include <string>
#include <vector>

#include "mpicsim/analysis/QuorumSweep.hpp"
#include "mpicsim/analysis/StudyCharts.hpp"

namespace mpicsim {

// The quorum trade-off explorer's charts, per BR phase: heatmaps over (remote perspectives ×
// allowed non-corroborations) of the attacker's success rate and of the blocked-issuance rate,
// and attacker success against blocked issuance, one point per rule with both Wilson intervals,
// the rules of one deployment (same n) joined, the Pareto front ringed. Lines never join
// different deployments.
class QuorumSweepCharts {
  public:
    enum class Rate { AttackerSuccess, LegitimateBlocked };

    static std::vector<StudyCharts::Chart> available(const std::vector<QuorumSweep::Row>& rows);
    static QChart* heatmap(const std::vector<QuorumSweep::Row>& rows, const std::string& phase,
                           Rate rate);
    static QChart* tradeOff(const std::vector<QuorumSweep::Row>& rows, const std::string& phase);
    // Every chart as STEM.png and STEM.svg in `folder`; returns the files.
    static std::vector<std::filesystem::path> writeAll(const std::vector<QuorumSweep::Row>& rows,
                                                       const std::filesystem::path& folder);
};

}  // namespace mpicsim
