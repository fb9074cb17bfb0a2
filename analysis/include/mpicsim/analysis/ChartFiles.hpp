#pragma once

#include <QtCharts/QChart>
#include <filesystem>
#include <vector>

#include "mpicsim/analysis/Summary.hpp"

namespace mpicsim {

// Writes charts as PNG and SVG without a display. A QApplication is created on first use when
// none exists, on the "offscreen" platform unless a display is available.
class ChartFiles {
  public:
    static constexpr int kWidth = 1000;
    static constexpr int kHeight = 600;

    static void ensureApplication();
    static void writePng(QChart& chart, const std::filesystem::path& path);
    static void writeSvg(QChart& chart, const std::filesystem::path& path);
    // Every chart of StudyCharts::available(), as STEM.png and STEM.svg; returns the files.
    static std::vector<std::filesystem::path> writeAll(const Summary& summary,
                                                       const std::filesystem::path& folder);
};

}  // namespace mpicsim
