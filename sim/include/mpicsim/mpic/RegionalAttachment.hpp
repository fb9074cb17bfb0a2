#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/mpic/PerspectiveLink.hpp"
#include "mpicsim/mpic/Rir.hpp"
#include "mpicsim/topology/AsGraph.hpp"
#include "mpicsim/topology/AsOrganisations.hpp"

namespace mpicsim {

// Derives the neighbours of one cloud region from the topology and the AS-to-organisation
// table, so that regions of one cloud are distinct routing points. The rule (README.md,
// "Cloud regions as routing points"):
//  1. Candidates: the cloud AS's links in the graph, each kept with its role (a provider of the
//     cloud is a provider of the region, and so on). Links seen only at route servers (`mlp`)
//     are left out unless Options::includeMlpOnlyLinks.
//  2. Global: a candidate provider or peer in the graph's input clique (CAIDA's "# input
//     clique:"; a graph without one uses the `globalByCone` largest customer cones instead)
//     is kept by every region.
//  3. Located: every other candidate whose registry (as-org2info `source`; national registries
//     count as APNIC) is the region's RIR. When at least `countryMinimum` of them are
//     registered in the region's country, only those are kept. Of these, the `locatedLimit`
//     with the largest customer cones (then the lower ASN) are kept.
//  4. Transit: a region left with no provider and no global peer gets every provider of the
//     cloud, and the cloud AS itself as provider when the cloud has none.
//  5. Backbone (Options::backbone): the cloud AS is added as a provider, so the region also
//     reaches every route of the rest of its cloud, with one more hop.
// The result is sorted by ASN: the same inputs give the same neighbours.
class RegionalAttachment {
  public:
    struct Options {
        bool includeMlpOnlyLinks = false;
        bool backbone = false;
        std::size_t countryMinimum = 24;
        std::size_t locatedLimit = 24;
        std::size_t globalByCone = 20;
    };

    // Refers to `graph`, which must outlive this object; copies what it needs of the table.
    RegionalAttachment(const AsGraph& graph, const AsOrganisations& organisations, Options options);

    // Throws std::invalid_argument when the cloud's AS is not in the graph.
    std::vector<PerspectiveLink> neighbours(Asn cloudAsn, Rir rir, std::string_view country) const;
    bool contains(Asn cloudAsn) const { return graph_.contains(cloudAsn); }
    // Whether a neighbour counts as global under rule 2.
    bool isGlobal(NodeIndex node) const;
    const Options& options() const { return options_; }

    // ARIN, RIPE (or RIPENCC), APNIC, LACNIC, AFRINIC, and the national registries of the APNIC
    // region (JPNIC, KRNIC, TWNIC, CNNIC, IDNIC, VNNIC, IRINN); a list such as "APNIC,RIPE"
    // counts as its first entry. Anything else locates nothing.
    static std::optional<Rir> rirOfRegistry(std::string_view source);

  private:
    struct Location {
        std::optional<Rir> rir;
        std::string country;
    };

    const AsGraph& graph_;
    Options options_;
    std::vector<Location> locationByNode_;
    std::vector<std::uint32_t> coneSizes_;
    std::vector<bool> global_;
};

}  // namespace mpicsim
