#pragma once

#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>
#include <cstddef>

namespace mpicsim {

// The pieces every chart of mpicsim is made of, so that all look alike: the palette and dash
// patterns, the chart frame, percent axes, Wilson whiskers and text labels.
class ChartParts {
  public:
    // Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2002), black last.
    static QColor colour(std::size_t index);
    // Lines that coincide stay distinguishable by their dashes as well as their colours.
    static Qt::PenStyle dashes(std::size_t index);
    static QChart* newChart(const QString& title);
    // 0 to 100%, labelled "N%".
    static QValueAxis* shareAxis(const QString& title);
    // From 0 up to a round value that holds `highest` (percent) with room for labels, never
    // beyond 100%, ticked every 5 or 10 points.
    static void fitPercentAxis(QValueAxis* axis, double highest);
    static void hideFromLegend(QChart* chart, QAbstractSeries* series);
    // A vertical whisker from `low` to `high` at x, with caps `cap` wide on each side.
    static void addWhisker(QChart* chart, QValueAxis* x, QValueAxis* y, double at, double low,
                           double high, double cap, const QColor& colour);
    // A text at (x, y), drawn as the label of an invisible one-point series.
    static void addLabel(QChart* chart, QValueAxis* x, QValueAxis* y, double atX, double atY,
                         const QString& label, const QColor& colour = Qt::black);
};

}  // namespace mpicsim
