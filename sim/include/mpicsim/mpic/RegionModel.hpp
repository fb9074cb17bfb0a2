#pragma once

#include <cstdint>
#include <string>

namespace mpicsim {

// How cloud-region perspectives attach to the topology (topology_data/README.md, "Region
// models"): `cloud-as` routes every region as its cloud's AS; `regional` gives each region its
// own node attached to neighbours derived by RegionalAttachment (with `backbone`, also to the
// cloud's AS); `measured` takes per-region neighbour sets from a file.
struct RegionModel {
    enum class Kind : std::uint8_t { CloudAs, Regional, Measured };

    Kind kind = Kind::Regional;
    bool backbone = false;     // Regional only
    std::string measuredFile;  // Measured only: the attachment file, as resolved

    static RegionModel cloudAs() { return {Kind::CloudAs, false, {}}; }
    static RegionModel regional(bool backbone) { return {Kind::Regional, backbone, {}}; }
    static RegionModel measured(std::string file) {
        return {Kind::Measured, false, std::move(file)};
    }

    // "cloud-as", "regional", "regional+backbone" or "file:PATH".
    std::string label() const {
        switch (kind) {
            case Kind::CloudAs:
                return "cloud-as";
            case Kind::Regional:
                return backbone ? "regional+backbone" : "regional";
            case Kind::Measured:
                return "file:" + measuredFile;
        }
        return "cloud-as";
    }
    bool operator==(const RegionModel&) const = default;
};

}  // namespace mpicsim
