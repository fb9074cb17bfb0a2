#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim::test {

// Small hand-written topologies: provider-customer pairs and peer pairs by ASN.
class GraphBuilder {
  public:
    GraphBuilder& providerOf(Asn provider, Asn customer) {
        links_.push_back({provider, customer, LinkType::ProviderToCustomer, LinkSource::Bgp});
        return *this;
    }
    GraphBuilder& peers(Asn a, Asn b) {
        links_.push_back({a, b, LinkType::PeerToPeer, LinkSource::Bgp});
        return *this;
    }
    AsGraph build() const { return AsGraph::fromLinks(links_); }
    const std::vector<AsLink>& links() const { return links_; }

  private:
    std::vector<AsLink> links_;
};

}  // namespace mpicsim::test
