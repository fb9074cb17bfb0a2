#include "ChartParts.hpp"

#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <algorithm>
#include <cmath>
#include <iterator>

namespace mpicsim {

QColor ChartParts::colour(std::size_t index) {
    static const QColor kPalette[] = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                                      QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7),
                                      QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                      QColor(0xF0, 0xE4, 0x42), QColor(0x00, 0x00, 0x00)};
    return kPalette[index % std::size(kPalette)];
}

Qt::PenStyle ChartParts::dashes(std::size_t index) {
    static const Qt::PenStyle kDashes[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine,
                                           Qt::DashDotLine, Qt::DashDotDotLine};
    return kDashes[index % std::size(kDashes)];
}

QChart* ChartParts::newChart(const QString& title) {
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

QValueAxis* ChartParts::shareAxis(const QString& title) {
    auto* axis = new QValueAxis();
    axis->setRange(0, 100);
    axis->setTitleText(title);
    axis->setLabelFormat("%.0f%%");
    axis->setTickCount(6);
    return axis;
}

void ChartParts::fitPercentAxis(QValueAxis* axis, double highest) {
    const double padded = highest * 1.12 + 3;
    const double step = padded > 50 ? 10 : 5;
    const double top = std::min(100.0, std::ceil(padded / step) * step);
    axis->setRange(0, top);
    axis->setTickCount(static_cast<int>(top / step) + 1);
}

void ChartParts::hideFromLegend(QChart* chart, QAbstractSeries* series) {
    for (QLegendMarker* marker : chart->legend()->markers(series)) {
        marker->setVisible(false);
    }
}

void ChartParts::addWhisker(QChart* chart, QValueAxis* x, QValueAxis* y, double at, double low,
                            double high, double cap, const QColor& colour) {
    auto* whisker = new QLineSeries();
    whisker->append(at - cap, low);
    whisker->append(at + cap, low);
    whisker->append(at, low);
    whisker->append(at, high);
    whisker->append(at - cap, high);
    whisker->append(at + cap, high);
    QPen pen(colour);
    pen.setWidthF(1.5);
    whisker->setPen(pen);
    chart->addSeries(whisker);
    whisker->attachAxis(x);
    whisker->attachAxis(y);
    hideFromLegend(chart, whisker);
}

void ChartParts::addLabel(QChart* chart, QValueAxis* x, QValueAxis* y, double atX, double atY,
                          const QString& label, const QColor& colour) {
    auto* series = new QLineSeries();
    series->append(atX, atY);
    series->setPen(Qt::NoPen);
    series->setPointLabelsFormat(label);
    series->setPointLabelsVisible(true);
    series->setPointLabelsClipping(false);
    series->setPointLabelsColor(colour);
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    hideFromLegend(chart, series);
}

}  // namespace mpicsim
