#pragma once

#include <cstdint>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// The Propagator's scratch buffers, kept apart from the routes a trial produces. Reusing one
// workspace (one per thread) across trials means no allocation per trial; between trials
// every entry of the key buffers is RouteKey::kNone again.
class PropagationWorkspace {
  private:
    friend class Propagator;

    std::vector<std::uint64_t> terminalOverlay_;    // the victim as a terminal AS
    std::vector<std::uint64_t> upwardKeys_;         // routes after the customer and peer phases
    std::vector<NodeIndex> touched_;                // nodes whose upwardKeys_ entry was set
    std::vector<std::vector<NodeIndex>> frontier_;  // by rank: nodes awaiting the upward sweep
    std::vector<NodeIndex> customerRouted_;         // nodes holding own or customer routes
    std::vector<NodeIndex> ancestors_;              // the victim's ancestors, descending
    std::vector<std::uint8_t> isAncestor_;          // membership of ancestors_ (0 between runs)

    // Over a scope's closure, by slot: the best own, customer or peer route, the final route,
    // and (for the scope and Propagator last used) each node's ROV mask and tie rank.
    std::vector<std::uint64_t> slotBest_;
    std::vector<std::uint64_t> slotKeys_;
    std::uint64_t slotTablesScope_ = 0;  // ids of the scope and Propagator (0: none yet)
    std::uint64_t slotTablesPropagator_ = 0;
    std::vector<std::uint8_t> slotAdopterMasks_;
    std::vector<std::uint32_t> slotTieRanks_;
    bool slotAnyAdopter_ = false;
};

}  // namespace mpicsim
