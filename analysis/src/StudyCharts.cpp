#include "mpicsim/analysis/StudyCharts.hpp"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "ChartParts.hpp"
#include "mpicsim/analysis/ResultSummary.hpp"

namespace mpicsim {
namespace {

template <typename T>
void appendUnique(std::vector<T>& list, const T& value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) {
        list.push_back(value);
    }
}

std::vector<std::string> attacksOf(const Summary& summary) {
    std::vector<std::string> attacks;
    for (const SummaryGroup& group : summary.groups) {
        appendUnique(attacks, group.attack);
    }
    return attacks;
}

// The groups of one attack at one ROV setting (the first when empty; any with `anyRov`) and one
// ROA setting (the first when empty), at the summary's first prefix length, validation method
// and attempts.
std::vector<const SummaryGroup*> baseline(const Summary& summary, const std::string& attack,
                                          const std::string& rovSetting, bool anyRov,
                                          const std::string& roaSetting) {
    std::vector<const SummaryGroup*> groups;
    if (summary.groups.empty()) {
        return groups;
    }
    const std::string& rov = rovSetting.empty() ? summary.groups.front().rov : rovSetting;
    const SummaryGroup& first = summary.groups.front();
    const std::string& roa = roaSetting.empty() ? first.roa : roaSetting;
    for (const SummaryGroup& group : summary.groups) {
        if (group.attack == attack && (anyRov || group.rov == rov) &&
            group.prefixLength == first.prefixLength && group.roa == roa &&
            group.method == first.method && group.attempts == first.attempts) {
            groups.push_back(&group);
        }
    }
    return groups;
}

std::vector<std::string> rovSettingsOf(const Summary& summary) {
    std::vector<std::string> settings;
    for (const SummaryGroup& group : summary.groups) {
        appendUnique(settings, group.rov);
    }
    return settings;
}

std::vector<std::string> roaSettingsOf(const Summary& summary) {
    std::vector<std::string> settings;
    for (const SummaryGroup& group : summary.groups) {
        appendUnique(settings, group.roa);
    }
    return settings;
}

// ", ROA none" in a title when the summary sweeps ROA coverage, else nothing.
std::string roaInTitle(const Summary& summary, const std::vector<const SummaryGroup*>& groups) {
    return roaSettingsOf(summary).size() > 1 && !groups.empty() ? ", ROA " + groups.front()->roa
                                                                : std::string();
}

// A label as part of a file name: letters, digits, '.', '-' and '_' kept, anything else '_'.
std::string fileNamePart(const std::string& label) {
    std::string part = label;
    for (char& c : part) {
        const bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        c = kept ? c : '_';
    }
    return part;
}

// Wilson 95% interval of the blocked-issuance rate, from the rate and the trials.
std::pair<double, double> blockedInterval(const SummaryGroup& group) {
    const auto blocked =
        std::llround(group.legitimateBlockedRate * static_cast<double>(group.trials));
    return ResultSummary::wilsonInterval(blocked, group.trials);
}

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

// A series name: the configuration and the policy, leaving out whichever never varies.
std::string seriesName(const std::vector<const SummaryGroup*>& groups, const SummaryGroup& group) {
    bool oneCa = true;
    bool onePolicy = true;
    for (const SummaryGroup* other : groups) {
        oneCa = oneCa && other->ca == group.ca;
        onePolicy = onePolicy && other->policy == group.policy;
    }
    if (oneCa && !onePolicy) {
        return group.policy;
    }
    if (onePolicy && !oneCa) {
        return group.ca;
    }
    return group.ca + " \u00b7 " + group.policy;
}

}  // namespace

std::vector<StudyCharts::Chart> StudyCharts::available(const Summary& summary) {
    std::vector<Chart> charts;
    const std::vector<std::string> rovSettings = rovSettingsOf(summary);
    const std::vector<std::string> roaSettings = roaSettingsOf(summary);
    for (const std::string& roa : roaSettings) {
        const std::string roaSuffix = roaSettings.size() > 1 ? "-roa-" + fileNamePart(roa) : "";
        for (const std::string& attack : attacksOf(summary)) {
            for (const std::string& rov : rovSettings) {
                const std::string suffix =
                    attack + (rovSettings.size() > 1 ? "-rov-" + fileNamePart(rov) : "") +
                    roaSuffix;
                charts.push_back(
                    {"success_by_configuration-" + suffix, [&summary, attack, rov, roa] {
                         return successByConfiguration(summary, attack, rov, roa);
                     }});
                charts.push_back({"resilience_cdf-" + suffix, [&summary, attack, rov, roa] {
                                      return resilienceCdf(summary, attack, rov, roa);
                                  }});
            }
            if (rovSettings.size() >= 2) {
                charts.push_back({"success_vs_rov-" + attack + roaSuffix, [&summary, attack, roa] {
                                      return successVsRov(summary, attack, roa);
                                  }});
            }
        }
    }
    return charts;
}

QChart* StudyCharts::successByConfiguration(const Summary& summary, const std::string& attack,
                                            const std::string& rov, const std::string& roa) {
    const auto groups = baseline(summary, attack, rov, false, roa);
    std::vector<std::string> cas;
    std::vector<std::string> policies;
    for (const SummaryGroup* group : groups) {
        appendUnique(cas, group->ca);
        appendUnique(policies, group->policy);
    }
    // When every configuration is studied under one policy of its own (the "own" axis), the
    // policies are not a series: one pair of bars per configuration, centred.
    bool onePolicyEach = true;
    for (const std::string& ca : cas) {
        std::size_t count = 0;
        for (const SummaryGroup* group : groups) {
            count += group->ca == ca ? 1 : 0;
        }
        onePolicyEach = onePolicyEach && count == 1;
    }
    onePolicyEach = onePolicyEach && policies.size() > 1;
    const std::vector<std::string> seriesPolicies =
        onePolicyEach ? std::vector<std::string>{""} : policies;
    const std::string rovName = groups.empty() ? rov : groups.front()->rov;
    QChart* chart = ChartParts::newChart(
        text("Attacker success and blocked issuance, " + attack + " hijack, ROV " + rovName +
             roaInTitle(summary, groups) + " (Wilson 95% intervals)"));
    auto find = [&](const std::string& ca, const std::string& policy) -> const SummaryGroup* {
        for (const SummaryGroup* group : groups) {
            if (group->ca == ca && (onePolicyEach || group->policy == policy)) {
                return group;
            }
        }
        return nullptr;
    };
    double highest = 0;
    for (const SummaryGroup* group : groups) {
        highest = std::max({highest, 100 * group->ci95High, 100 * blockedInterval(*group).second});
    }
    QValueAxis* values = ChartParts::shareAxis("share of attempts");
    ChartParts::fitPercentAxis(values, highest);
    const double top = values->max();
    // Per policy two bars: attacker success (solid) and blocked issuance (hatched), side by side.
    struct Bar {
        std::size_t policy;
        bool blocked;
    };
    std::vector<Bar> bars;
    auto* series = new QBarSeries();
    constexpr double kGroupWidth = 0.8;
    series->setBarWidth(kGroupWidth);
    for (std::size_t p = 0; p < seriesPolicies.size(); ++p) {
        for (bool blocked : {false, true}) {
            const std::string measure = blocked ? "blocked issuance" : "attacker success";
            auto* set = new QBarSet(text(
                seriesPolicies[p].empty() ? measure : measure + " \u00b7 " + seriesPolicies[p]));
            const QColor colour = ChartParts::colour(p);
            set->setBorderColor(colour);
            set->setBrush(blocked ? QBrush(colour, Qt::BDiagPattern) : QBrush(colour));
            for (const std::string& ca : cas) {
                const SummaryGroup* group = find(ca, seriesPolicies[p]);
                const double value = group == nullptr
                                         ? 0
                                         : 100 * (blocked ? group->legitimateBlockedRate
                                                          : group->attackerSuccessRate);
                set->append(value);
            }
            series->append(set);
            bars.push_back({p, blocked});
        }
    }
    chart->addSeries(series);
    chart->legend()->setAlignment(Qt::AlignRight);  // room for long policy names
    auto* categories = new QBarCategoryAxis();
    for (const std::string& ca : cas) {
        categories->append(text(ca));
    }
    categories->setTitleText(onePolicyEach ? "CA configuration (each under its own policy)"
                                           : "CA configuration");
    chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);

    // Whiskers and value labels on a hidden axis aligned
    // with the categories (0, 1, ...).
    auto* positions = new QValueAxis();
    positions->setRange(-0.5, static_cast<double>(cas.size()) - 0.5);
    positions->setVisible(false);
    chart->addAxis(positions, Qt::AlignBottom);
    const double barWidth =
        kGroupWidth / static_cast<double>(std::max<std::size_t>(bars.size(), 1));
    for (std::size_t c = 0; c < cas.size(); ++c) {
        for (std::size_t b = 0; b < bars.size(); ++b) {
            const SummaryGroup* group = find(cas[c], seriesPolicies[bars[b].policy]);
            if (group == nullptr) {
                continue;
            }
            const double x = static_cast<double>(c) - kGroupWidth / 2 +
                             (static_cast<double>(b) + 0.5) * barWidth;
            const auto [low, high] = bars[b].blocked ? blockedInterval(*group)
                                                     : std::pair{group->ci95Low, group->ci95High};
            const double value =
                bars[b].blocked ? group->legitimateBlockedRate : group->attackerSuccessRate;
            ChartParts::addWhisker(chart, positions, values, x, 100 * low, 100 * high, barWidth / 5,
                                   Qt::black);
            // A 0% bar has no height: its label and a line
            // on the axis still show it.
            const QString label = QString::number(100 * value, 'f', 1) + "%";
            if (100 * high + top * 0.06 <= top) {
                ChartParts::addLabel(chart, positions, values, x, 100 * high + top * 0.01, label);
            } else {
                // No room above the plot area: the label goes inside the top of the bar.
                ChartParts::addLabel(chart, positions, values, x, 100 * value - top * 0.08, label,
                                     bars[b].blocked ? Qt::black : Qt::white);
            }
            if (value == 0) {
                ChartParts::addWhisker(chart, positions, values, x, 0, 0, barWidth / 2.2,
                                       ChartParts::colour(bars[b].policy));
            }
        }
    }
    return chart;
}

QChart* StudyCharts::resilienceCdf(const Summary& summary, const std::string& attack,
                                   const std::string& rov, const std::string& roa) {
    const auto groups = baseline(summary, attack, rov, false, roa);
    const std::string rovName = groups.empty() ? rov : groups.front()->rov;
    QChart* chart = ChartParts::newChart(text("Per-victim resilience, " + attack + " hijack, ROV " +
                                              rovName + roaInTitle(summary, groups) + " (CDF)"));
    QValueAxis* x = new QValueAxis();
    x->setRange(0, 1);
    x->setTickCount(11);
    x->setTitleText("resilience (share of adversaries that fail to obtain a certificate)");
    x->setLabelFormat("%.1f");
    QValueAxis* y = ChartParts::shareAxis("share of victims with resilience \u2264 x");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const SummaryGroup& group = *groups[i];
        auto* series = new QLineSeries();
        series->setName(text(seriesName(groups, group)));
        QPen pen(ChartParts::colour(i));
        pen.setWidthF(2.5);
        pen.setStyle(ChartParts::dashes(i));
        series->setPen(pen);
        double previousShare = 0;
        series->append(0, 0);
        for (const auto& [value, share] : group.resilienceCdf) {
            series->append(value, 100 * previousShare);  // a step: flat, then up
            series->append(value, 100 * share);
            previousShare = share;
        }
        series->append(1, 100 * previousShare);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    return chart;
}

QChart* StudyCharts::successVsRov(const Summary& summary, const std::string& attack,
                                  const std::string& roa) {
    const auto groups = baseline(summary, attack, "", true, roa);
    QChart* chart =
        ChartParts::newChart(text("Attacker success by ROV adoption, " + attack + " hijack" +
                                  roaInTitle(summary, groups) + " (Wilson 95% intervals)"));
    // ROV settings in order of adoption, one category each (shares span orders of magnitude).
    std::vector<std::pair<double, std::string>> settings;
    for (const SummaryGroup* group : groups) {
        appendUnique(settings, std::pair{group->rovFraction, group->rov});
    }
    std::sort(settings.begin(), settings.end());
    auto* x = new QCategoryAxis();
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (std::size_t i = 0; i < settings.size(); ++i) {
        // A random share is its own label; other settings keep their name beside the share.
        char share[32];
        std::snprintf(share, sizeof share, "%.3g%%", 100 * settings[i].first);
        const bool random = settings[i].second.starts_with("random:");
        x->append(text(random ? std::string(share) : settings[i].second + " (" + share + ")"),
                  static_cast<double>(i));
    }
    if (settings.size() > 6) {
        x->setLabelsAngle(-30);
    }
    x->setRange(-0.5, static_cast<double>(settings.size()) - 0.5);
    x->setTitleText("ROV setting (share of ASes performing ROV)");
    auto* positions = new QValueAxis();
    positions->setRange(-0.5, static_cast<double>(settings.size()) - 0.5);
    positions->setVisible(false);
    double highest = 0;
    for (const SummaryGroup* group : groups) {
        highest = std::max(highest, 100 * group->ci95High);
    }
    QValueAxis* y = ChartParts::shareAxis("attacker success rate");
    ChartParts::fitPercentAxis(y, highest);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(positions, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    std::vector<std::string> keys;
    for (const SummaryGroup* group : groups) {
        appendUnique(keys, seriesName(groups, *group));
    }
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const QColor colour = ChartParts::colour(k);
        auto* series = new QLineSeries();
        series->setName(text(keys[k]));
        QPen pen(colour);
        pen.setWidthF(2.5);
        pen.setStyle(ChartParts::dashes(k));
        series->setPen(pen);
        series->setPointsVisible(true);
        chart->addSeries(series);
        series->attachAxis(positions);
        series->attachAxis(y);
        for (std::size_t i = 0; i < settings.size(); ++i) {
            for (const SummaryGroup* group : groups) {
                if (seriesName(groups, *group) == keys[k] && group->rov == settings[i].second) {
                    const double at = static_cast<double>(i);
                    series->append(at, 100 * group->attackerSuccessRate);
                    ChartParts::addWhisker(chart, positions, y, at, 100 * group->ci95Low,
                                           100 * group->ci95High, 0.03, colour);
                }
            }
        }
    }
    return chart;
}

}  // namespace mpicsim
