#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "mpicsim/topology/AsGraphMetadata.hpp"
#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

using NodeIndex = std::uint32_t;

// Immutable AS-level topology. Nodes are numbered densely in propagation order: by rank
// (an AS without customers has rank 0, any other AS one more than its highest-ranked
// customer), then by number of providers, then by ASN. Every provider of a node therefore
// has a higher index than the node. Adjacency is CSR, split by relationship, each list
// sorted by node index.
class AsGraph {
  public:
    // Throws TopologyError on a self-link, a pair linked twice, or a provider-customer
    // cycle (the message and TopologyError::cycle() name the ASes on one cycle).
    static AsGraph fromLinks(const std::vector<AsLink>& links, AsGraphMetadata metadata = {});

    std::size_t nodeCount() const { return asnByNode_.size(); }
    std::size_t linkCount() const { return providerCustomerLinkCount_ + peerLinkCount_; }
    std::size_t providerCustomerLinkCount() const { return providerCustomerLinkCount_; }
    std::size_t peerLinkCount() const { return peerLinkCount_; }

    Asn asnOf(NodeIndex node) const { return asnByNode_[node]; }
    std::optional<NodeIndex> nodeOf(Asn asn) const;
    bool contains(Asn asn) const { return nodeOf(asn).has_value(); }

    std::span<const NodeIndex> customers(NodeIndex node) const {
        return slice(customerOffsets_, customers_, node);
    }
    std::span<const NodeIndex> peers(NodeIndex node) const {
        return slice(peerOffsets_, peers_, node);
    }
    std::span<const NodeIndex> providers(NodeIndex node) const {
        return slice(providerOffsets_, providers_, node);
    }

    std::uint32_t rank(NodeIndex node) const { return rank_[node]; }
    std::uint32_t maxRank() const { return maxRank_; }
    // Nodes [rankBegin(r), rankBegin(r + 1)) have rank r.
    NodeIndex rankBegin(std::uint32_t rank) const { return rankBegins_[rank]; }

    // LinkSource of the link between two adjacent nodes (Bgp for serial-1 files).
    std::optional<LinkSource> linkSource(NodeIndex a, NodeIndex b) const;

    const AsGraphMetadata& metadata() const { return metadata_; }

  private:
    AsGraph() = default;

    static std::span<const NodeIndex> slice(const std::vector<std::uint32_t>& offsets,
                                            const std::vector<NodeIndex>& targets, NodeIndex node) {
        return {targets.data() + offsets[node], offsets[node + 1] - offsets[node]};
    }

    std::vector<Asn> asnByNode_;
    std::unordered_map<Asn, NodeIndex> nodeByAsn_;
    std::vector<std::uint32_t> customerOffsets_, peerOffsets_, providerOffsets_;
    std::vector<NodeIndex> customers_, peers_, providers_;
    std::vector<std::uint32_t> rank_;
    std::vector<NodeIndex> rankBegins_;
    std::uint32_t maxRank_ = 0;
    std::size_t providerCustomerLinkCount_ = 0;
    std::size_t peerLinkCount_ = 0;
    std::unordered_map<std::uint64_t, LinkSource> nonBgpLinkSources_;
    AsGraphMetadata metadata_;
};

}  // namespace mpicsim
