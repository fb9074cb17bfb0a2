#include "mpicsim/experiment/RoaCoverage.hpp"

#include <algorithm>

#include "mpicsim/common/DeterministicRandom.hpp"

namespace mpicsim {

RoaCoverage RoaCoverage::resolve(const AsGraph& graph, const RoaSetting& setting,
                                 std::vector<AbsentAsns>& absent) {
    const std::size_t n = graph.nodeCount();
    RoaCoverage coverage(n, setting.kind == RoaSetting::Kind::All);
    switch (setting.kind) {
        case RoaSetting::Kind::All:
        case RoaSetting::Kind::None:
            break;
        case RoaSetting::Kind::Fraction:
            // Each victim's own seeded hash decides, so a larger fraction with the same seed
            // covers a superset (as RovSetting's random fraction does for adopters).
            for (NodeIndex v = 0; v < n; ++v) {
                coverage.covered_[v] =
                    DeterministicRandom::unitHash(setting.seed, graph.asnOf(v)) < setting.fraction
                        ? 1
                        : 0;
            }
            break;
        case RoaSetting::Kind::List: {
            std::vector<Asn> missing;
            for (Asn asn : setting.asns) {
                if (const auto node = graph.nodeOf(asn)) {
                    coverage.covered_[*node] = 1;
                } else {
                    missing.push_back(asn);
                }
            }
            if (!missing.empty()) {
                absent.emplace_back("ROA setting " + setting.label, std::move(missing));
            }
            break;
        }
    }
    return coverage;
}

std::size_t RoaCoverage::coveredCount() const {
    return static_cast<std::size_t>(std::count(covered_.begin(), covered_.end(), 1));
}

}  // namespace mpicsim
