#include "mpicsim/topology/SyntheticTopologyShape.hpp"

#include <algorithm>
#include <cmath>

namespace mpicsim {
namespace {

constexpr double kAses2016 = 55'809;
constexpr double kAses2025 = 78'643;

double between(double from, double to, double t) {
    return from + (to - from) * t;
}

}  // namespace

// Provider-count shares and clique sizes are read off the snapshots (CAIDA 2016-11-01
// serial-1, 2025-09-01 serial-2); the rest is fitted so that TopologyStats of a generated
// graph lands within 15% of the snapshot's (tests/TopologyGeneratorCalibrationTest.cpp).
SyntheticTopologyShape SyntheticTopologyShape::anchor2016() {
    SyntheticTopologyShape shape;
    shape.cliqueSize = 17;
    shape.providerCountShares = {0.005, 0.404, 0.397, 0.111, 0.043, 0.018, 0.022};
    shape.providerCountSpread = 0.05;
    shape.transitShare = 0.18;
    shape.uniformProviderShare = 0.2;
    shape.localProviderShare = 0.045;
    shape.localWindow = 15;
    shape.attachmentOffset = 1.0;
    shape.tier1HeadStart = 50;
    shape.peerLinksPerAs = 128'585.0 / kAses2016;
    shape.transitPeeringShare = 0.48;
    shape.stubPeeringShare = 0.091;
    shape.peeringSpread = 0.7;
    shape.peeringSizeExponent = 1.2;
    shape.openPeers = 3;
    shape.openPeerReach = 0.27;
    return shape;
}

SyntheticTopologyShape SyntheticTopologyShape::anchor2025() {
    SyntheticTopologyShape shape;
    shape.cliqueSize = 19;
    shape.providerCountShares = {0.006, 0.424, 0.350, 0.121, 0.049, 0.021, 0.029};
    shape.providerCountSpread = 0.05;
    shape.transitShare = 0.18;
    shape.uniformProviderShare = 0.3;
    shape.localProviderShare = 0.09;
    shape.localWindow = 20;
    shape.attachmentOffset = 1.0;
    shape.tier1HeadStart = 50;
    shape.peerLinksPerAs = 409'530.0 / kAses2025;
    shape.transitPeeringShare = 0.585;
    shape.stubPeeringShare = 0.136;
    shape.peeringSpread = 1.75;
    shape.peeringSizeExponent = 1.0;
    shape.openPeers = 1;
    shape.openPeerReach = 0.5;
    return shape;
}

SyntheticTopologyShape SyntheticTopologyShape::forAsCount(std::size_t ases) {
    const double t = std::clamp(
        (std::log(static_cast<double>(std::max<std::size_t>(ases, 1))) - std::log(kAses2016)) /
            (std::log(kAses2025) - std::log(kAses2016)),
        0.0, 1.0);
    const SyntheticTopologyShape from = anchor2016();
    const SyntheticTopologyShape to = anchor2025();
    SyntheticTopologyShape shape;
    shape.cliqueSize = static_cast<std::size_t>(std::lround(
        between(static_cast<double>(from.cliqueSize), static_cast<double>(to.cliqueSize), t)));
    for (std::size_t i = 0; i < shape.providerCountShares.size(); ++i) {
        shape.providerCountShares[i] =
            between(from.providerCountShares[i], to.providerCountShares[i], t);
    }
    shape.providerCountSpread = between(from.providerCountSpread, to.providerCountSpread, t);
    shape.transitShare = between(from.transitShare, to.transitShare, t);
    shape.uniformProviderShare = between(from.uniformProviderShare, to.uniformProviderShare, t);
    shape.localProviderShare = between(from.localProviderShare, to.localProviderShare, t);
    shape.localWindow = static_cast<std::size_t>(std::lround(
        between(static_cast<double>(from.localWindow), static_cast<double>(to.localWindow), t)));
    shape.tier1HeadStart = between(from.tier1HeadStart, to.tier1HeadStart, t);
    shape.attachmentOffset = between(from.attachmentOffset, to.attachmentOffset, t);
    shape.peerLinksPerAs = between(from.peerLinksPerAs, to.peerLinksPerAs, t);
    shape.transitPeeringShare = between(from.transitPeeringShare, to.transitPeeringShare, t);
    shape.stubPeeringShare = between(from.stubPeeringShare, to.stubPeeringShare, t);
    shape.peeringSpread = between(from.peeringSpread, to.peeringSpread, t);
    shape.openPeers = static_cast<std::size_t>(std::lround(
        between(static_cast<double>(from.openPeers), static_cast<double>(to.openPeers), t)));
    shape.openPeerReach = between(from.openPeerReach, to.openPeerReach, t);
    shape.peeringSizeExponent = between(from.peeringSizeExponent, to.peeringSizeExponent, t);
    return shape;
}

}  // namespace mpicsim
