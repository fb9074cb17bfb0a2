#include "mpicsim/io/DataDirectory.hpp"

#include <cstdio>
#include <cstdlib>

#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {
namespace {

const char* nonEmptyVariable(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

std::string compactDate(std::chrono::year_month_day date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d%02u%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

}  // namespace

DataDirectory::Location DataDirectory::locate() {
    if (const char* data = nonEmptyVariable("MPICSIM_DATA")) {
        return {data, "$MPICSIM_DATA"};
    }
    if (const char* xdg = nonEmptyVariable("XDG_DATA_HOME")) {
        return {std::filesystem::path(xdg) / "mpicsim", "$XDG_DATA_HOME"};
    }
    if (const char* home = nonEmptyVariable("HOME")) {
        return {std::filesystem::path(home) / ".local" / "share" / "mpicsim", "$HOME"};
    }
    throw SnapshotNotFound(
        "no data directory: set MPICSIM_DATA (or XDG_DATA_HOME or HOME) to the folder that "
        "holds your CAIDA snapshots");
}

std::filesystem::path DataDirectory::caidaSnapshot(std::chrono::year_month_day date) {
    const std::string iso = formatIsoDate(date);
    if (date.day() != std::chrono::day{1}) {
        const std::chrono::year_month_day first{date.year(), date.month(), std::chrono::day{1}};
        throw SnapshotNotFound("CAIDA publishes a snapshot on the first day of each month; " + iso +
                               " is not one (did you mean " + formatIsoDate(first) + "?)");
    }
    const Location data = locate();
    const std::string compact = compactDate(date);
    const std::filesystem::path caidaFolder = data.path / "caida";
    const std::string fetch =
        "topology_data/fetch-caida.sh " + compact + " --dir " + caidaFolder.string();
    std::error_code error;
    if (!std::filesystem::is_directory(data.path, error)) {
        throw SnapshotNotFound("no CAIDA snapshot of " + iso + ": the data directory " +
                               data.path.string() + " (from " + data.setBy +
                               ") does not exist; fetch the snapshot with: " + fetch);
    }
    for (const std::filesystem::path& folder : {caidaFolder, data.path}) {
        for (const char* suffix :
             {".as-rel2.txt.bz2", ".as-rel2.txt", ".as-rel.txt.bz2", ".as-rel.txt"}) {
            const std::filesystem::path candidate = folder / (compact + suffix);
            if (std::filesystem::is_regular_file(candidate, error)) {
                return candidate;
            }
        }
    }
    throw SnapshotNotFound("no CAIDA snapshot of " + iso + " in " + caidaFolder.string() + " or " +
                           data.path.string() + " (the data directory, from " + data.setBy +
                           "; looked for " + compact + ".as-rel2.txt.bz2 and " + compact +
                           ".as-rel.txt.bz2, plain or compressed); fetch it with: " + fetch);
}

}  // namespace mpicsim
