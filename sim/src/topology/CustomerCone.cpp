#include "mpicsim/topology/CustomerCone.hpp"

namespace mpicsim {

std::vector<std::uint32_t> CustomerCone::sizes(const AsGraph& graph) {
    const std::size_t n = graph.nodeCount();
    std::vector<std::uint32_t> sizes(n, 1);
    std::vector<std::uint32_t> visitedBy(n, ~std::uint32_t{0});
    std::vector<NodeIndex> stack;
    for (NodeIndex root = graph.rankBegin(1); root < n; ++root) {
        std::uint32_t count = 0;
        stack.assign(1, root);
        visitedBy[root] = root;
        while (!stack.empty()) {
            const NodeIndex v = stack.back();
            stack.pop_back();
            ++count;
            for (NodeIndex customer : graph.customers(v)) {
                if (visitedBy[customer] != root) {
                    visitedBy[customer] = root;
                    stack.push_back(customer);
                }
            }
        }
        sizes[root] = count;
    }
    return sizes;
}

}  // namespace mpicsim
