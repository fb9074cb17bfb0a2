#pragma once

#include <QtCharts/QChart>
#include <functional>
#include <string>
#include <vector>

#include "mpicsim/analysis/Summary.hpp"

namespace mpicsim {

// The charts of a study, built from its summary; the CLI's `mpicsim run`/`plot` and the GUI
// use the same builders. Charts are drawn per attack and ROV setting, at the summary's first
// prefix length; rates carry Wilson 95% whiskers.
class StudyCharts {
  public:
    struct Chart {
        std::string stem;                // file name without extension
        std::function<QChart*()> build;  // caller owns the chart
    };

    // Every chart the summary supports: per attack and ROV setting, attacker success and
    // blocked issuance by configuration, and the resilience CDF; per attack, success against ROV
    // adoption when there are two or more ROV settings; each per ROA setting when there are two
    // or more (stems end in -roa-LABEL). (Success against the quorum is the
    // quorum trade-off explorer's, `mpicsim quorum-sweep`.)
    static std::vector<Chart> available(const Summary& summary);

    // `rov` (`roa`) empty: the summary's first ROV (ROA) setting.
    static QChart* successByConfiguration(const Summary& summary, const std::string& attack,
                                          const std::string& rov = "", const std::string& roa = "");
    static QChart* resilienceCdf(const Summary& summary, const std::string& attack,
                                 const std::string& rov = "", const std::string& roa = "");
    static QChart* successVsRov(const Summary& summary, const std::string& attack,
                                const std::string& roa = "");
};

}  // namespace mpicsim
