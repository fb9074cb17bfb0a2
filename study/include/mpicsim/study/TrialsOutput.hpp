#pragma once

#include <optional>
#include <string_view>

namespace mpicsim {

// What a study's output folder keeps of every trial: nothing (the summary is checkpointed
// instead), trials.csv, or trials.csv.gz (one gzip member per shard).
enum class TrialsOutput { None, Csv, CsvGz };

constexpr std::string_view toString(TrialsOutput output) {
    switch (output) {
        case TrialsOutput::None:
            return "none";
        case TrialsOutput::Csv:
            return "csv";
        case TrialsOutput::CsvGz:
            return "csv.gz";
    }
    return "csv";
}

constexpr std::optional<TrialsOutput> trialsOutputFromString(std::string_view name) {
    for (TrialsOutput output : {TrialsOutput::None, TrialsOutput::Csv, TrialsOutput::CsvGz}) {
        if (toString(output) == name) {
            return output;
        }
    }
    return std::nullopt;
}

}  // namespace mpicsim
