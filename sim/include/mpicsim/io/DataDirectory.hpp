#pragma once

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace mpicsim {

// Where users keep downloaded data: $MPICSIM_DATA, else $XDG_DATA_HOME/mpicsim, else
// ~/.local/share/mpicsim. CAIDA snapshots go into its caida/ folder (fetch-caida.sh stores them
// there); a snapshot lying in the data directory itself is found too.
class DataDirectory {
  public:
    struct Location {
        std::filesystem::path path;
        std::string setBy;  // "$MPICSIM_DATA", "$XDG_DATA_HOME" or "$HOME"
    };

    // A snapshot date that names no file; the message says where it looked and how to fetch it.
    class SnapshotNotFound : public std::runtime_error {
      public:
        using std::runtime_error::runtime_error;
    };

    // Throws SnapshotNotFound when none of the variables is set.
    static Location locate();
    // The CAIDA snapshot of `date` (CAIDA publishes on the first of each month): serial-2
    // before serial-1, compressed before plain. Throws SnapshotNotFound.
    static std::filesystem::path caidaSnapshot(std::chrono::year_month_day date);
};

}  // namespace mpicsim
