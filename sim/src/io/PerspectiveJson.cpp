#include "PerspectiveJson.hpp"

#include "JsonFields.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim::detail {

std::vector<PerspectiveLink> parseNeighbours(const nlohmann::json& list, const std::string& pointer,
                                             const std::string& source) {
    if (!list.is_array()) {
        throw InputError(source, 0,
                         "at " + pointer +
                             ": expected an array of {\"asn\", \"role\"} objects, got " +
                             JsonFields::typeName(list));
    }
    std::vector<PerspectiveLink> neighbours;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonFields link(list[i], pointer + "/" + std::to_string(i), source);
        link.allowOnly({"asn", "role"});
        PerspectiveLink neighbour;
        neighbour.neighbour = static_cast<Asn>(link.requiredInteger("asn", 1, 4294967295LL));
        const std::string role = link.requiredString("role");
        if (role == "provider") {
            neighbour.role = PerspectiveLink::Role::Provider;
        } else if (role == "peer") {
            neighbour.role = PerspectiveLink::Role::Peer;
        } else if (role == "customer") {
            neighbour.role = PerspectiveLink::Role::Customer;
        } else {
            link.fail("role",
                      "expected \"provider\", \"peer\" or \"customer\", got \"" + role + "\"");
        }
        neighbours.push_back(neighbour);
    }
    return neighbours;
}

Perspective parsePerspective(const nlohmann::json& value, const std::string& pointer,
                             const std::string& source) {
    const JsonFields fields(value, pointer, source);
    fields.allowOnly({"id", "provider", "region", "city", "country", "latitude", "longitude", "rir",
                      "asn", "neighbours", "rov", "note"});
    Perspective perspective;
    perspective.hostAsn = static_cast<Asn>(fields.requiredInteger("asn", 1, 4294967295LL));
    perspective.id =
        fields.optionalString("id").value_or("AS" + std::to_string(perspective.hostAsn));
    perspective.provider = fields.optionalString("provider").value_or("");
    perspective.regionCode = fields.optionalString("region").value_or("");
    perspective.city = fields.optionalString("city").value_or("");
    perspective.country = fields.optionalString("country").value_or("");
    const std::string rirText = fields.requiredString("rir");
    const auto rir = rirFromString(rirText);
    if (!rir) {
        fields.fail("rir",
                    "expected ARIN, RIPE, APNIC, LACNIC or AFRINIC, got \"" + rirText + "\"");
    }
    perspective.rir = *rir;
    const auto latitude = fields.optionalNumber("latitude");
    const auto longitude = fields.optionalNumber("longitude");
    if (latitude.has_value() != longitude.has_value()) {
        fields.failHere("give both latitude and longitude, or neither");
    }
    if (latitude) {
        if (*latitude < -90 || *latitude > 90) {
            fields.fail("latitude",
                        "expected degrees from -90 to 90, got " + std::to_string(*latitude));
        }
        if (*longitude < -180 || *longitude > 180) {
            fields.fail("longitude",
                        "expected degrees from -180 to 180, got " + std::to_string(*longitude));
        }
        perspective.location = GeoPoint{*latitude, *longitude};
    }
    perspective.rovFiltering = fields.optionalBool("rov").value_or(false);
    if (fields.has("neighbours")) {
        perspective.neighbours =
            parseNeighbours(fields.at("neighbours"), fields.pointerTo("neighbours"), source);
    }
    return perspective;
}

}  // namespace mpicsim::detail
