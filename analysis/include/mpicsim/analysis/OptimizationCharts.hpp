#pragma once

#include <QtCharts/QChart>
#include <filesystem>
#include <string>
#include <vector>

namespace mpicsim {

// The charts of `mpicsim optimize`, drawn from its files (optimize.json, evaluated-sets.csv):
// the best set and the runners-up, attacker success and blocked issuance side by side with
// Wilson whiskers and the best set's held-out rate; and every set evaluated, attacker success
// against blocked issuance, the best ringed.
class OptimizationCharts {
  public:
    static QChart* bestSets(const std::string& optimizeJson);
    static QChart* evaluatedSets(const std::string& optimizeJson, const std::string& evaluatedCsv);
    // Reads DIR/optimize.json and DIR/evaluated-sets.csv, writes DIR/plots/optimize_*.png and
    // .svg and returns the files; throws InputError naming a file that cannot be read.
    static std::vector<std::filesystem::path> writeAll(const std::filesystem::path& directory);
};

}  // namespace mpicsim
