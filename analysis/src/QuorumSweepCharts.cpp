#include "mpicsim/analysis/QuorumSweepCharts.hpp"

#include <QtCharts/QCategoryAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <cmath>
#include <memory>

#include "ChartParts.hpp"
#include "mpicsim/analysis/ChartFiles.hpp"

namespace mpicsim {
namespace {

// Viridis at five stops, interpolated: perceptually uniform and readable in grey.
QColor viridis(double value) {
    static const QColor kStops[] = {QColor(0x44, 0x01, 0x54), QColor(0x3B, 0x52, 0x8B),
                                    QColor(0x21, 0x90, 0x8C), QColor(0x5D, 0xC8, 0x63),
                                    QColor(0xFD, 0xE7, 0x25)};
    const double position = std::clamp(value, 0.0, 1.0) * 4;
    const int low = std::min(3, static_cast<int>(position));
    const double t = position - low;
    const QColor& a = kStops[low];
    const QColor& b = kStops[low + 1];
    return QColor::fromRgbF(static_cast<float>(a.redF() + t * (b.redF() - a.redF())),
                            static_cast<float>(a.greenF() + t * (b.greenF() - a.greenF())),
                            static_cast<float>(a.blueF() + t * (b.blueF() - a.blueF())));
}

std::vector<std::string> phasesOf(const std::vector<QuorumSweep::Row>& rows) {
    std::vector<std::string> phases;
    for (const auto& row : rows) {
        if (std::find(phases.begin(), phases.end(), row.phase) == phases.end()) {
            phases.push_back(row.phase);
        }
    }
    return phases;
}

std::vector<const QuorumSweep::Row*> rowsOf(const std::vector<QuorumSweep::Row>& rows,
                                            const std::string& phase) {
    std::vector<const QuorumSweep::Row*> selected;
    for (const auto& row : rows) {
        if (row.phase == phase) {
            selected.push_back(&row);
        }
    }
    return selected;
}

// An axis with one label per integer from `low` to `high`, cells centred on them.
QCategoryAxis* integerAxis(int low, int high, const QString& title) {
    auto* axis = new QCategoryAxis();
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (int value = low; value <= high; ++value) {
        axis->append(QString::number(value), value);
    }
    axis->setRange(low - 0.5, high + 0.5);
    axis->setTitleText(title);
    axis->setGridLineVisible(false);
    return axis;
}

QValueAxis* percentAxis(double low, double high, const QString& title) {
    auto* axis = new QValueAxis();
    axis->setRange(low, high);
    axis->setTitleText(title);
    axis->setLabelFormat("%.0f%%");
    axis->applyNiceNumbers();
    return axis;
}

// A fitted percent range around [low, high] (in percent), padded, within 0..100.
std::pair<double, double> fitted(double low, double high) {
    const double pad = std::max(2.0, (high - low) * 0.08);
    return {std::max(0.0, low - pad), std::min(100.0, high + pad)};
}

}  // namespace

std::vector<StudyCharts::Chart> QuorumSweepCharts::available(
    const std::vector<QuorumSweep::Row>& rows) {
    std::vector<StudyCharts::Chart> charts;
    for (const std::string& phase : phasesOf(rows)) {
        charts.push_back({"quorum_heatmap_success-br-" + phase,
                          [&rows, phase] { return heatmap(rows, phase, Rate::AttackerSuccess); }});
        charts.push_back({"quorum_heatmap_blocked-br-" + phase, [&rows, phase] {
                              return heatmap(rows, phase, Rate::LegitimateBlocked);
                          }});
        charts.push_back(
            {"quorum_tradeoff-br-" + phase, [&rows, phase] { return tradeOff(rows, phase); }});
    }
    return charts;
}

QChart* QuorumSweepCharts::heatmap(const std::vector<QuorumSweep::Row>& rows,
                                   const std::string& phase, Rate rate) {
    const auto selected = rowsOf(rows, phase);
    const bool success = rate == Rate::AttackerSuccess;
    // The colour scale is fitted to the phase's values, and the title says where it runs.
    double lowest = 1;
    double highest = 0;
    for (const auto* row : selected) {
        const double value = success ? row->attackerSuccessRate : row->legitimateBlockedRate;
        lowest = std::min(lowest, value);
        highest = std::max(highest, value);
    }
    if (highest - lowest < 1e-9) {
        lowest = std::max(0.0, lowest - 0.005);
        highest = std::min(1.0, highest + 0.005);
    }
    QChart* chart = ChartParts::newChart(
        QString("%1, BR phase %2 (colour: %3% dark to %4% yellow)")
            .arg(success ? "Attacker success rate" : "Blocked legitimate issuance")
            .arg(QString::fromStdString(phase))
            .arg(100 * lowest, 0, 'f', 1)
            .arg(100 * highest, 0, 'f', 1));
    chart->legend()->setVisible(false);
    int lowN = 1000;
    int highN = 0;
    int highAllowed = 0;
    for (const auto* row : selected) {
        lowN = std::min(lowN, row->remotes);
        highN = std::max(highN, row->remotes);
        highAllowed = std::max(highAllowed, row->allowed);
    }
    if (selected.empty()) {
        lowN = highN = 2;
    }
    auto* x = integerAxis(lowN, highN, "remote perspectives (the first n of the ordered list)");
    auto* y = integerAxis(0, highAllowed, "allowed non-corroborations");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    // Square cells as large as the plot area allows (the chart is drawn at ChartFiles' size).
    const double cellWidth = (ChartFiles::kWidth - 150.0) / (highN - lowN + 1);
    const double cellHeight = (ChartFiles::kHeight - 170.0) / (highAllowed + 1);
    const double cell = std::max(8.0, std::min(cellWidth, cellHeight) - 3);
    for (const auto* row : selected) {
        const double value = success ? row->attackerSuccessRate : row->legitimateBlockedRate;
        auto* series = new QScatterSeries();
        series->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
        series->setMarkerSize(cell);
        const QColor fill = viridis((value - lowest) / (highest - lowest));
        series->setColor(fill);
        series->setBorderColor(fill);
        series->append(row->remotes, row->allowed);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        // The value, written on the cell by a one-point line series's label (scatter series
        // draw theirs above the marker, outside the cell).
        auto* label = new QLineSeries();
        label->append(row->remotes, row->allowed - 0.18);
        label->setPen(Qt::NoPen);
        label->setPointLabelsFormat(QString::number(100 * value, 'f', 1) + "%");
        label->setPointLabelsVisible(cell >= 30);
        label->setPointLabelsClipping(false);
        label->setPointLabelsColor(fill.lightnessF() > 0.5 ? Qt::black : Qt::white);
        chart->addSeries(label);
        label->attachAxis(x);
        label->attachAxis(y);
    }
    return chart;
}

QChart* QuorumSweepCharts::tradeOff(const std::vector<QuorumSweep::Row>& rows,
                                    const std::string& phase) {
    const auto selected = rowsOf(rows, phase);
    QChart* chart = ChartParts::newChart(
        QString("Security against availability, BR phase %1").arg(QString::fromStdString(phase)));
    double lowX = 100;
    double highX = 0;
    double lowY = 100;
    double highY = 0;
    for (const auto* row : selected) {
        lowX = std::min(lowX, 100 * row->blockedLow);
        highX = std::max(highX, 100 * row->blockedHigh);
        lowY = std::min(lowY, 100 * row->successLow);
        highY = std::max(highY, 100 * row->successHigh);
    }
    const auto [x0, x1] = fitted(lowX, highX);
    const auto [y0, y1] = fitted(lowY, highY);
    auto* x = percentAxis(x0, x1, "blocked legitimate issuance during the attack");
    auto* y = percentAxis(y0, y1, "attacker success rate");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    std::vector<int> deployments;
    for (const auto* row : selected) {
        if (std::find(deployments.begin(), deployments.end(), row->remotes) == deployments.end()) {
            deployments.push_back(row->remotes);
        }
    }
    for (std::size_t d = 0; d < deployments.size(); ++d) {
        const QColor colour = ChartParts::colour(d);
        // One deployment (n remotes): its rules, from 0 allowed failures up, joined.
        auto* line = new QLineSeries();
        line->setName(QString("n = %1").arg(deployments[d]));
        QPen pen(colour);
        pen.setWidthF(2);
        pen.setStyle(ChartParts::dashes(d));
        line->setPen(pen);
        line->setPointsVisible(true);
        std::vector<QLineSeries*> whiskers;
        for (const auto* row : selected) {
            if (row->remotes != deployments[d]) {
                continue;
            }
            line->append(100 * row->legitimateBlockedRate, 100 * row->attackerSuccessRate);
            auto* vertical = new QLineSeries();
            vertical->append(100 * row->legitimateBlockedRate, 100 * row->successLow);
            vertical->append(100 * row->legitimateBlockedRate, 100 * row->successHigh);
            auto* horizontal = new QLineSeries();
            horizontal->append(100 * row->blockedLow, 100 * row->attackerSuccessRate);
            horizontal->append(100 * row->blockedHigh, 100 * row->attackerSuccessRate);
            whiskers.push_back(vertical);
            whiskers.push_back(horizontal);
        }
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
        for (QLineSeries* whisker : whiskers) {
            QPen thin(colour);
            thin.setWidthF(1);
            whisker->setPen(thin);
            chart->addSeries(whisker);
            whisker->attachAxis(x);
            whisker->attachAxis(y);
            ChartParts::hideFromLegend(chart, whisker);
        }
    }
    auto* front = new QScatterSeries();
    front->setName("Pareto front");
    front->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    front->setMarkerSize(16);
    front->setColor(Qt::transparent);
    QPen ring(Qt::black);
    ring.setWidthF(2);
    front->setPen(ring);
    for (const auto* row : selected) {
        if (row->pareto) {
            front->append(100 * row->legitimateBlockedRate, 100 * row->attackerSuccessRate);
        }
    }
    chart->addSeries(front);
    front->attachAxis(x);
    front->attachAxis(y);
    return chart;
}

std::vector<std::filesystem::path> QuorumSweepCharts::writeAll(
    const std::vector<QuorumSweep::Row>& rows, const std::filesystem::path& folder) {
    ChartFiles::ensureApplication();
    std::filesystem::create_directories(folder);
    std::vector<std::filesystem::path> written;
    for (const StudyCharts::Chart& entry : available(rows)) {
        const std::unique_ptr<QChart> chart(entry.build());
        const auto png = folder / (entry.stem + ".png");
        const auto svg = folder / (entry.stem + ".svg");
        ChartFiles::writePng(*chart, png);
        ChartFiles::writeSvg(*chart, svg);
        written.push_back(png);
        written.push_back(svg);
    }
    return written;
}

}  // namespace mpicsim
