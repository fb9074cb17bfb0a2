#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>

namespace mpicsim::cli {

// A study's progress on stderr: shards done, trials per second and ETA. On a terminal one line
// redrawn at most every 200 ms; elsewhere (Style::Lines, e.g. an MPI job's log) one line every
// 10 s, or nothing (Style::TerminalOnly, what a single-process run does off a terminal).
class ProgressBar {
  public:
    enum class Style { TerminalOnly, Lines };

    ProgressBar(std::ostream& err, std::uint64_t total, std::uint64_t done,
                Style style = Style::TerminalOnly);

    void update(std::uint64_t done, std::uint64_t trialsPerShard);
    void finish();

  private:
    std::ostream& err_;
    std::uint64_t total_;
    std::uint64_t start_;
    bool terminal_;
    bool enabled_;
    std::chrono::steady_clock::time_point began_;
    std::chrono::steady_clock::time_point lastDrawn_{};
};

}  // namespace mpicsim::cli
