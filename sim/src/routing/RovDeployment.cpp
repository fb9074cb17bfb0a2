#include "mpicsim/routing/RovDeployment.hpp"

#include <stdexcept>
#include <string>

namespace mpicsim {

RovDeployment RovDeployment::of(std::size_t nodeCount, std::span<const NodeIndex> adopters) {
    RovDeployment deployment(nodeCount);
    for (NodeIndex node : adopters) {
        if (node >= nodeCount) {
            throw std::invalid_argument("ROV adopter node " + std::to_string(node) +
                                        " is outside the graph");
        }
        if (deployment.adopts_[node] == 0) {
            deployment.adopts_[node] = 0xFF;
            ++deployment.adopterCount_;
        }
    }
    return deployment;
}

}  // namespace mpicsim
