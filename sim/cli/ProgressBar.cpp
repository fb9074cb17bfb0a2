#include "ProgressBar.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace mpicsim::cli {

ProgressBar::ProgressBar(std::ostream& err, std::uint64_t total, std::uint64_t done, Style style)
    : err_(err),
      total_(total),
      start_(done),
      terminal_(::isatty(STDERR_FILENO) == 1),
      enabled_(terminal_ || style == Style::Lines),
      began_(std::chrono::steady_clock::now()),
      lastDrawn_(terminal_ ? std::chrono::steady_clock::time_point{} : began_) {}

void ProgressBar::update(std::uint64_t done, std::uint64_t trialsPerShard) {
    if (!enabled_) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const auto interval =
        terminal_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(10'000);
    if ((done < total_ || !terminal_) && now - lastDrawn_ < interval) {
        return;
    }
    lastDrawn_ = now;
    const double seconds = std::chrono::duration<double>(now - began_).count();
    const double rate = seconds > 0 ? static_cast<double>(done - start_) / seconds : 0;
    const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
    const int width = 30;
    const int filled = total_ == 0 ? width : static_cast<int>(width * done / total_);
    char line[160];
    std::snprintf(
        line, sizeof line, "%s[%s%s] %5.1f%%  %llu/%llu shards  %.0f trials/s  ETA %02d:%02d:%02d ",
        terminal_ ? "\r" : "", std::string(static_cast<std::size_t>(filled), '#').c_str(),
        std::string(static_cast<std::size_t>(width - filled), '.').c_str(),
        total_ == 0 ? 100.0 : 100.0 * static_cast<double>(done) / static_cast<double>(total_),
        static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
        rate * static_cast<double>(trialsPerShard), static_cast<int>(eta) / 3600,
        static_cast<int>(eta) / 60 % 60, static_cast<int>(eta) % 60);
    err_ << line << (terminal_ ? "" : "\n") << std::flush;
}

void ProgressBar::finish() {
    if (enabled_ && terminal_) {
        err_ << "\n";
    }
}

}  // namespace mpicsim::cli
