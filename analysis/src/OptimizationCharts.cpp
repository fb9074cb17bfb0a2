#include "mpicsim/analysis/OptimizationCharts.hpp"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QLegend>
#include <QtCharts/QScatterSeries>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ChartParts.hpp"
#include "mpicsim/analysis/ChartFiles.hpp"
#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"

namespace mpicsim {
namespace {

struct SetRates {
    double success = 0;
    double successLow = 0;
    double successHigh = 0;
    double blocked = 0;
    long long units = 0;
};

SetRates ratesOf(const nlohmann::json& set, long long units) {
    SetRates rates;
    rates.success = set.at("attacker_success_rate").get<double>();
    rates.successLow = set.at("ci95").at(0).get<double>();
    rates.successHigh = set.at("ci95").at(1).get<double>();
    rates.blocked = set.at("legitimate_blocked_rate").get<double>();
    rates.units = units;
    return rates;
}

}  // namespace

QChart* OptimizationCharts::bestSets(const std::string& optimizeJson) {
    const nlohmann::json json = nlohmann::json::parse(optimizeJson);
    const long long units = json.at("constraints").at("units").get<long long>();
    std::vector<std::pair<QString, SetRates>> sets = {{"best", ratesOf(json.at("best"), units)}};
    for (std::size_t i = 0; i < json.at("runners_up").size(); ++i) {
        sets.push_back(
            {QString("runner-up %1").arg(i + 1), ratesOf(json.at("runners_up")[i], units)});
    }
    QChart* chart = ChartParts::newChart(
        "Best sets found: attacker success and blocked issuance (Wilson 95% intervals)");
    auto* series = new QBarSeries();
    constexpr double kGroupWidth = 0.7;
    series->setBarWidth(kGroupWidth);
    auto* success = new QBarSet("attacker success");
    auto* blocked = new QBarSet("blocked issuance during the attack");
    success->setBrush(ChartParts::colour(0));
    success->setBorderColor(ChartParts::colour(0));
    blocked->setBrush(QBrush(ChartParts::colour(0), Qt::BDiagPattern));
    blocked->setBorderColor(ChartParts::colour(0));
    auto* categories = new QBarCategoryAxis();
    double highest = 0;
    for (const auto& [name, rates] : sets) {
        success->append(100 * rates.success);
        blocked->append(100 * rates.blocked);
        categories->append(name);
        const auto blockedCount = std::llround(rates.blocked * static_cast<double>(units));
        highest = std::max({highest, 100 * rates.successHigh,
                            100 * ResultSummary::wilsonInterval(blockedCount, units).second});
    }
    series->append(success);
    series->append(blocked);
    chart->addSeries(series);
    chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);
    categories->setTitleText("set (members in optimize.json)");
    QValueAxis* values = ChartParts::shareAxis("share of attempts");
    ChartParts::fitPercentAxis(values, highest);
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);
    auto* positions = new QValueAxis();
    positions->setRange(-0.5, static_cast<double>(sets.size()) - 0.5);
    positions->setVisible(false);
    chart->addAxis(positions, Qt::AlignBottom);
    const double barWidth = kGroupWidth / 2;
    const double top = values->max();
    for (std::size_t i = 0; i < sets.size(); ++i) {
        const SetRates& rates = sets[i].second;
        const double atSuccess = static_cast<double>(i) - barWidth / 2;
        const double atBlocked = static_cast<double>(i) + barWidth / 2;
        const auto blockedCount = std::llround(rates.blocked * static_cast<double>(units));
        const auto [blockedLow, blockedHigh] = ResultSummary::wilsonInterval(blockedCount, units);
        ChartParts::addWhisker(chart, positions, values, atSuccess, 100 * rates.successLow,
                               100 * rates.successHigh, barWidth / 5, Qt::black);
        ChartParts::addWhisker(chart, positions, values, atBlocked, 100 * blockedLow,
                               100 * blockedHigh, barWidth / 5, Qt::black);
        ChartParts::addLabel(chart, positions, values, atSuccess,
                             100 * rates.successHigh + top * 0.01,
                             QString::number(100 * rates.success, 'f', 1) + "%");
        ChartParts::addLabel(chart, positions, values, atBlocked, 100 * blockedHigh + top * 0.01,
                             QString::number(100 * rates.blocked, 'f', 1) + "%");
    }
    const nlohmann::json& holdout = json.at("best").at("holdout_attacker_success_rate");
    if (holdout.is_number()) {
        auto* marker = new QScatterSeries();
        marker->setName("best set, attacker success on held-out units");
        marker->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
        marker->setMarkerSize(11);
        marker->setColor(ChartParts::colour(1));
        marker->setBorderColor(Qt::black);
        marker->append(-barWidth / 2, 100 * holdout.get<double>());
        chart->addSeries(marker);
        marker->attachAxis(positions);
        marker->attachAxis(values);
    }
    return chart;
}

QChart* OptimizationCharts::evaluatedSets(const std::string& optimizeJson,
                                          const std::string& evaluatedCsv) {
    const nlohmann::json json = nlohmann::json::parse(optimizeJson);
    QChart* chart = ChartParts::newChart(
        "Every set evaluated: attacker success against blocked issuance (axes fitted to the "
        "feasible sets)");
    auto* feasible = new QScatterSeries();
    feasible->setName("sets that satisfy the constraints");
    feasible->setMarkerSize(6);
    feasible->setColor(ChartParts::colour(0));
    feasible->setBorderColor(ChartParts::colour(0));
    auto* infeasible = new QScatterSeries();
    infeasible->setName("sets that break a constraint");
    infeasible->setMarkerSize(5);
    infeasible->setColor(QColor(0xB0, 0xB0, 0xB0));
    infeasible->setBorderColor(QColor(0xB0, 0xB0, 0xB0));
    const double bestX = 100 * json.at("best").at("legitimate_blocked_rate").get<double>();
    const double bestY = 100 * json.at("best").at("attacker_success_rate").get<double>();
    double lowX = bestX;
    double highX = bestX;
    double lowY = bestY;
    double highY = bestY;
    std::istringstream lines(evaluatedCsv);
    std::string line;
    std::getline(lines, line);  // header
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        std::istringstream row(line);
        for (std::string field; std::getline(row, field, ',');) {
            fields.push_back(field);
        }
        if (fields.size() < 6) {
            continue;
        }
        const double success = 100 * std::stod(fields[2]);
        const double blocked = 100 * std::stod(fields[3]);
        (fields[5] == "true" ? feasible : infeasible)->append(blocked, success);
        if (fields[5] != "true") {
            continue;  // the axes are fitted to the sets that satisfy the constraints
        }
        lowX = std::min(lowX, blocked);
        highX = std::max(highX, blocked);
        lowY = std::min(lowY, success);
        highY = std::max(highY, success);
    }
    auto* best = new QScatterSeries();
    best->setName("best set");
    best->setMarkerSize(16);
    best->setColor(Qt::transparent);
    QPen ring(Qt::black);
    ring.setWidthF(2);
    best->setPen(ring);
    best->append(100 * json.at("best").at("legitimate_blocked_rate").get<double>(),
                 100 * json.at("best").at("attacker_success_rate").get<double>());
    auto fitted = [](double low, double high) {
        const double pad = std::max(1.0, (high - low) * 0.08);
        return std::pair{std::max(0.0, low - pad), std::min(100.0, high + pad)};
    };
    const auto [x0, x1] = fitted(lowX, highX);
    const auto [y0, y1] = fitted(lowY, highY);
    auto* x = ChartParts::shareAxis("blocked legitimate issuance during the attack");
    x->setRange(x0, x1);
    x->applyNiceNumbers();
    auto* y = ChartParts::shareAxis("attacker success rate");
    y->setRange(y0, y1);
    y->applyNiceNumbers();
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QScatterSeries* series : {infeasible, feasible, best}) {
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    return chart;
}

std::vector<std::filesystem::path> OptimizationCharts::writeAll(
    const std::filesystem::path& directory) {
    const std::string optimizeJson = InputFile::read(directory / "optimize.json");
    const std::string evaluatedCsv = InputFile::read(directory / "evaluated-sets.csv");
    ChartFiles::ensureApplication();
    const std::filesystem::path folder = directory / "plots";
    std::filesystem::create_directories(folder);
    std::vector<std::filesystem::path> written;
    std::vector<std::pair<std::string, std::unique_ptr<QChart>>> charts;
    try {
        charts.emplace_back("optimize_best_sets", bestSets(optimizeJson));
        charts.emplace_back("optimize_evaluated_sets", evaluatedSets(optimizeJson, evaluatedCsv));
    } catch (const nlohmann::json::exception& error) {
        throw InputError((directory / "optimize.json").string(), 0,
                         std::string("cannot be drawn: ") + error.what());
    }
    for (const auto& [stem, chart] : charts) {
        ChartFiles::writePng(*chart, folder / (stem + ".png"));
        ChartFiles::writeSvg(*chart, folder / (stem + ".svg"));
        written.push_back(folder / (stem + ".png"));
        written.push_back(folder / (stem + ".svg"));
    }
    return written;
}

}  // namespace mpicsim
