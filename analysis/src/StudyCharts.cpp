#include "mpicsim/analysis/StudyCharts.hpp"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <map>
#include <set>

namespace mpicsim {
namespace {

// Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2002), black last.
const QColor kPalette[] = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                           QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7),
                           QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                           QColor(0xF0, 0xE4, 0x42), QColor(0x00, 0x00, 0x00)};

QColor colour(std::size_t index) {
    return kPalette[index % std::size(kPalette)];
}

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

// The groups of one attack at the first ROV setting and prefix length of the summary.
std::vector<const SummaryGroup*> baseline(const Summary& summary, const std::string& attack,
                                          bool anyRov = false) {
    std::vector<const SummaryGroup*> groups;
    if (summary.groups.empty()) {
        return groups;
    }
    const std::string& rov = summary.groups.front().rov;
    const int prefix = summary.groups.front().prefixLength;
    for (const SummaryGroup& group : summary.groups) {
        if (group.attack == attack && (anyRov || group.rov == rov) &&
            group.prefixLength == prefix) {
            groups.push_back(&group);
        }
    }
    return groups;
}

QChart* newChart(const QString& title) {
    auto* chart = new QChart();
    chart->setTitle(title);
    QFont titleFont = chart->titleFont();
    titleFont.setPointSize(13);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setVisible(true);
    chart->setBackgroundBrush(Qt::white);
    chart->setAnimationOptions(QChart::NoAnimation);
    return chart;
}

QValueAxis* shareAxis(const QString& title) {
    auto* axis = new QValueAxis();
    axis->setRange(0, 100);
    axis->setTitleText(title);
    axis->setLabelFormat("%.0f%%");
    axis->setTickCount(6);
    return axis;
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
    std::set<int> remoteCounts;
    std::set<std::string> rovSettings;
    for (const SummaryGroup& group : summary.groups) {
        remoteCounts.insert(group.remotes);
        rovSettings.insert(group.rov);
    }
    for (const std::string& attack : attacksOf(summary)) {
        charts.push_back({"success_by_configuration-" + attack,
                          [&summary, attack] { return successByConfiguration(summary, attack); }});
        charts.push_back({"resilience_cdf-" + attack,
                          [&summary, attack] { return resilienceCdf(summary, attack); }});
        if (remoteCounts.size() >= 2) {
            charts.push_back({"success_vs_quorum-" + attack,
                              [&summary, attack] { return successVsQuorum(summary, attack); }});
        }
        if (rovSettings.size() >= 2) {
            charts.push_back({"success_vs_rov-" + attack,
                              [&summary, attack] { return successVsRov(summary, attack); }});
        }
    }
    return charts;
}

QChart* StudyCharts::successByConfiguration(const Summary& summary, const std::string& attack) {
    const auto groups = baseline(summary, attack);
    std::vector<std::string> cas;
    std::vector<std::string> policies;
    for (const SummaryGroup* group : groups) {
        appendUnique(cas, group->ca);
        appendUnique(policies, group->policy);
    }
    QChart* chart = newChart(text("Attacker success rate, " + attack + " hijack"));
    auto* series = new QBarSeries();
    for (std::size_t p = 0; p < policies.size(); ++p) {
        auto* set = new QBarSet(text(policies[p]));
        set->setColor(colour(p));
        set->setBorderColor(colour(p));
        for (const std::string& ca : cas) {
            double value = 0;
            for (const SummaryGroup* group : groups) {
                if (group->ca == ca && group->policy == policies[p]) {
                    value = 100 * group->attackerSuccessRate;
                }
            }
            set->append(value);
        }
        series->append(set);
    }
    chart->addSeries(series);
    auto* categories = new QBarCategoryAxis();
    for (const std::string& ca : cas) {
        categories->append(text(ca));
    }
    categories->setTitleText("CA configuration");
    chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);
    QValueAxis* values = shareAxis("attacker success rate");
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);
    return chart;
}

QChart* StudyCharts::resilienceCdf(const Summary& summary, const std::string& attack) {
    QChart* chart = newChart(text("Per-victim resilience, " + attack + " hijack (CDF)"));
    const auto groups = baseline(summary, attack);
    QValueAxis* x = new QValueAxis();
    x->setRange(0, 1);
    x->setTickCount(11);
    x->setTitleText("resilience (share of adversaries that fail to obtain a certificate)");
    x->setLabelFormat("%.1f");
    QValueAxis* y = shareAxis("share of victims with resilience \u2264 x");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const SummaryGroup& group = *groups[i];
        auto* series = new QLineSeries();
        series->setName(text(seriesName(groups, group)));
        QPen pen(colour(i));
        pen.setWidthF(2.5);
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

QChart* StudyCharts::successVsQuorum(const Summary& summary, const std::string& attack) {
    QChart* chart = newChart(text("Attacker success by quorum, " + attack + " hijack"));
    std::map<int, std::map<int, double>> byAllowed;  // allowed -> remotes -> rate
    int minRemotes = 1000;
    int maxRemotes = 0;
    for (const SummaryGroup* group : baseline(summary, attack)) {
        byAllowed[group->allowedNonCorroborations][group->remotes] =
            100 * group->attackerSuccessRate;
        minRemotes = std::min(minRemotes, group->remotes);
        maxRemotes = std::max(maxRemotes, group->remotes);
    }
    QValueAxis* x = new QValueAxis();
    x->setRange(minRemotes, maxRemotes);
    x->setTickCount(std::max(2, maxRemotes - minRemotes + 1));
    x->setLabelFormat("%d");
    x->setTitleText("remote perspectives");
    QValueAxis* y = shareAxis("attacker success rate");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    std::size_t index = 0;
    for (const auto& [allowed, points] : byAllowed) {
        auto* series = new QLineSeries();
        series->setName(
            QString("%1 allowed non-corroboration%2").arg(allowed).arg(allowed == 1 ? "" : "s"));
        QPen pen(colour(index++));
        pen.setWidthF(2.5);
        series->setPen(pen);
        series->setPointsVisible(true);
        for (const auto& [remotes, rate] : points) {
            series->append(remotes, rate);
        }
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    return chart;
}

QChart* StudyCharts::successVsRov(const Summary& summary, const std::string& attack) {
    QChart* chart = newChart(text("Attacker success by ROV adoption, " + attack + " hijack"));
    std::vector<std::string> keys;
    std::map<std::string, std::map<double, double>> lines;
    const auto groups = baseline(summary, attack, true);
    for (const SummaryGroup* group : groups) {
        const std::string key = seriesName(groups, *group);
        appendUnique(keys, key);
        lines[key][100 * group->rovFraction] = 100 * group->attackerSuccessRate;
    }
    QValueAxis* x = shareAxis("ASes performing ROV");
    x->setTickCount(11);
    QValueAxis* y = shareAxis("attacker success rate");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        auto* series = new QLineSeries();
        series->setName(text(keys[i]));
        QPen pen(colour(i));
        pen.setWidthF(2.5);
        series->setPen(pen);
        series->setPointsVisible(true);
        for (const auto& [fraction, rate] : lines[keys[i]]) {
            series->append(fraction, rate);
        }
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    return chart;
}

}  // namespace mpicsim
