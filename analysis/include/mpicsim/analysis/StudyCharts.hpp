#pragma once

#include <QtCharts/QChart>
#include <functional>
#include <string>
#include <vector>

#include "mpicsim/analysis/Summary.hpp"

namespace mpicsim {

// The charts of a study, built from its summary; the CLI's `mpicsim run`/`plot` and the GUI
// use the same builders. Each chart is drawn for one attack, at the summary's first ROV setting
// and prefix length unless the chart's axis is that setting.
class StudyCharts {
  public:
    struct Chart {
        std::string stem;                // file name without extension
        std::function<QChart*()> build;  // caller owns the chart
    };

    // Every chart the summary supports: success by configuration and the resilience CDF per
    // attack; success against the number of remotes when there are two or more remote counts;
    // success against ROV adoption when there are two or more ROV settings.
    static std::vector<Chart> available(const Summary& summary);

    static QChart* successByConfiguration(const Summary& summary, const std::string& attack);
    static QChart* resilienceCdf(const Summary& summary, const std::string& attack);
    static QChart* successVsQuorum(const Summary& summary, const std::string& attack);
    static QChart* successVsRov(const Summary& summary, const std::string& attack);
};

}  // namespace mpicsim
