#include "mpicsim/topology/TopologyGenerator.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "mpicsim/common/DeterministicRandom.hpp"
#include "mpicsim/topology/SyntheticHostProfile.hpp"
#include "mpicsim/topology/SyntheticOrganisations.hpp"

namespace mpicsim {
namespace {

std::uint64_t pairKey(std::uint32_t a, std::uint32_t b) {
    return (static_cast<std::uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
}

// Chance that an AS with six or more providers has one more: the 6+ tail is geometric.
constexpr double kProviderTailContinuation = 0.7;
// Peering appetites are log-normal, cut at this many standard deviations so that a single
// extreme draw does not decide the largest degree.
constexpr double kAppetiteClip = 3;
// The stream that places the hosts: separate from the one that builds the graph, so that the
// graph and the numbering of every other AS stay what they were before hosts were placed.
constexpr std::uint64_t kHostStream = 0x486f7374734153ull;
// How much more a cone mismatch weighs than a provider or peer mismatch when choosing a host's
// AS: the counts are then adjusted to the target, the cone is not.
constexpr double kConeMismatchWeight = 4;
// A host's cone short of its target is grown until it holds this share of the target.
constexpr double kConeFill = 0.95;

class Builder {
  public:
    Builder(std::size_t ases, std::uint64_t seed, const SyntheticTopologyShape& shape)
        : ases_(ases),
          shape_(shape),
          random_(seed),
          customers_(ases, 0),
          providerCount_(ases, 0),
          peerCount_(ases, 0) {}

    TopologyGenerator::Result build(std::uint64_t seed) {
        cliqueSize_ = std::min(shape_.cliqueSize, std::max<std::size_t>(2, ases_ / 3));
        buildHierarchy();
        buildPeering();
        if (ases_ >= SyntheticHostProfile::kMinAses) {
            placeHosts(seed);
        }
        return finish(seed);
    }

  private:
    std::size_t drawProviderCount() {
        const double r = random_.unit();
        double cumulative = 0;
        for (std::size_t k = 0; k + 1 < shape_.providerCountShares.size(); ++k) {
            cumulative += shape_.providerCountShares[k];
            if (r < cumulative) {
                return k;
            }
        }
        std::size_t k = shape_.providerCountShares.size() - 1;
        while (random_.unit() < kProviderTailContinuation) {
            ++k;
        }
        return k;
    }

    // Provider counts for the non-clique ASes in arrival order: drawn, sorted largest first,
    // and handed out by arrival position plus a random offset of up to providerCountSpread.
    std::vector<std::size_t> arrangeProviderCounts() {
        const std::size_t arrivals = ases_ - cliqueSize_;
        std::vector<std::size_t> counts(arrivals);
        for (std::size_t& count : counts) {
            count = drawProviderCount();
        }
        std::sort(counts.begin(), counts.end(), std::greater<>());
        std::vector<std::pair<double, std::size_t>> keyed(arrivals);
        for (std::size_t p = 0; p < arrivals; ++p) {
            keyed[p] = {static_cast<double>(p) / static_cast<double>(arrivals) +
                            shape_.providerCountSpread * random_.unit(),
                        p};
        }
        std::sort(keyed.begin(), keyed.end());
        std::vector<std::size_t> arranged(arrivals);
        for (std::size_t j = 0; j < arrivals; ++j) {
            arranged[keyed[j].second] = counts[j];
        }
        return arranged;
    }

    std::uint32_t drawProvider() {
        const double attachmentWeight =
            shape_.attachmentOffset * static_cast<double>(transit_.size());
        const double total = attachmentWeight + static_cast<double>(attachmentUrn_.size());
        const double kind = random_.unit();
        if (kind < shape_.localProviderShare) {
            const std::size_t window = std::min(shape_.localWindow, transit_.size());
            return transit_[transit_.size() - 1 - random_.below(window)];
        }
        if (kind < shape_.localProviderShare + shape_.uniformProviderShare ||
            random_.unit() * total < attachmentWeight) {
            return transit_[random_.below(transit_.size())];
        }
        return attachmentUrn_[random_.below(attachmentUrn_.size())];
    }

    void buildHierarchy() {
        for (std::uint32_t v = 0; v < cliqueSize_; ++v) {
            transit_.push_back(v);
            const auto headStart = static_cast<std::size_t>(shape_.tier1HeadStart / (v + 1.0));
            attachmentUrn_.insert(attachmentUrn_.end(), headStart, v);
        }
        const std::vector<std::size_t> providerCounts = arrangeProviderCounts();
        std::vector<std::uint32_t> chosen;
        for (auto v = static_cast<std::uint32_t>(cliqueSize_); v < ases_; ++v) {
            const std::size_t wanted = std::min(providerCounts[v - cliqueSize_], transit_.size());
            chosen.clear();
            for (std::size_t attempt = 0; chosen.size() < wanted && attempt < 20 * wanted + 20;
                 ++attempt) {
                const std::uint32_t provider = drawProvider();
                if (std::find(chosen.begin(), chosen.end(), provider) == chosen.end()) {
                    chosen.push_back(provider);
                }
            }
            for (const std::uint32_t provider : chosen) {
                ++customers_[provider];
                attachmentUrn_.push_back(provider);
                providerCustomer_.emplace_back(provider, v);
                linked_.insert(pairKey(provider, v));
            }
            providerCount_[v] = static_cast<std::uint32_t>(chosen.size());
            if (random_.unit() < shape_.transitShare) {
                transit_.push_back(v);
            }
        }
    }

    // Box-Muller, from two uniforms in (0, 1].
    double standardNormal() {
        const double u = 1.0 - random_.unit();
        const double w = random_.unit();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * 3.14159265358979323846 * w);
    }

    void buildPeering() {
        for (std::uint32_t a = 0; a < cliqueSize_; ++a) {
            for (std::uint32_t b = a + 1; b < cliqueSize_; ++b) {
                addPeering(a, b);
            }
        }
        std::vector<std::uint32_t> members;
        std::vector<double> cumulativeAppetite;
        double total = 0;
        for (std::uint32_t v = 0; v < ases_; ++v) {
            const bool peers = v < cliqueSize_ || providerCount_[v] == 0 ||
                               random_.unit() < (customers_[v] > 0 ? shape_.transitPeeringShare
                                                                   : shape_.stubPeeringShare);
            if (!peers) {
                continue;
            }
            // Tier-1 networks peer by size alone; everyone else has a log-normal appetite.
            const double z =
                v < cliqueSize_ ? 0.0 : std::clamp(standardNormal(), -kAppetiteClip, kAppetiteClip);
            const double appetite = std::exp(shape_.peeringSpread * z);
            total += appetite * std::pow(customers_[v] + 1.0, shape_.peeringSizeExponent);
            members.push_back(v);
            cumulativeAppetite.push_back(total);
        }
        if (members.size() < 2) {
            return;
        }
        auto draw = [&] {
            const double x = random_.unit() * total;
            const auto at =
                std::upper_bound(cumulativeAppetite.begin(), cumulativeAppetite.end(), x);
            return members[std::min<std::size_t>(
                static_cast<std::size_t>(at - cumulativeAppetite.begin()), members.size() - 1)];
        };
        const auto target = static_cast<std::size_t>(
            std::llround(shape_.peerLinksPerAs * static_cast<double>(ases_)));
        for (const std::uint32_t open : openPeers(members)) {
            for (const std::uint32_t v : members) {
                if (peering_.size() < target && random_.unit() < shape_.openPeerReach) {
                    addPeering(open, v);
                }
            }
        }
        for (std::size_t attempt = 0; peering_.size() < target && attempt < 30 * target;
             ++attempt) {
            addPeering(draw(), draw());
        }
        for (const std::uint32_t v : members) {
            for (std::size_t attempt = 0; peerCount_[v] == 0 && attempt < 1000; ++attempt) {
                addPeering(v, draw());
            }
        }
    }

    // The peering ASes outside the clique with the most customers (ties: earliest arrival).
    std::vector<std::uint32_t> openPeers(const std::vector<std::uint32_t>& members) const {
        std::vector<std::uint32_t> candidates;
        for (const std::uint32_t v : members) {
            if (v >= cliqueSize_) {
                candidates.push_back(v);
            }
        }
        const std::size_t count = std::min(shape_.openPeers, candidates.size());
        std::partial_sort(
            candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(count),
            candidates.end(), [&](std::uint32_t a, std::uint32_t b) {
                return customers_[a] != customers_[b] ? customers_[a] > customers_[b] : a < b;
            });
        candidates.resize(count);
        return candidates;
    }

    void addPeering(std::uint32_t a, std::uint32_t b) {
        if (a == b || !linked_.insert(pairKey(a, b)).second) {
            return;
        }
        peering_.emplace_back(a, b);
        ++peerCount_[a];
        ++peerCount_[b];
    }

    // Chooses for each host of SyntheticHostProfile::catalog() the AS whose customer cone,
    // provider count and peer degree lie closest to the host's targets (a tier-1 host among the
    // clique, any other outside it), then adds or removes provider and peer links of that AS
    // until its provider count and peer degree are the targets, and grows its cone when it is
    // short (growCone). A new provider lies outside the host's cone (no cycle) and outside the
    // cones of the other non-tier-1 hosts (their cones stay as chosen); a removed provider or
    // peer keeps another link.
    void placeHosts(std::uint64_t seed) {
        DeterministicRandom random(seed ^ kHostStream);
        customersOf_.assign(ases_, {});
        providersOf_.assign(ases_, {});
        for (const auto& [provider, customer] : providerCustomer_) {
            customersOf_[provider].push_back(customer);
            providersOf_[customer].push_back(provider);
        }
        coneStamp_.assign(ases_, 0);
        std::vector<std::uint32_t> cone(ases_, 1);
        for (std::uint32_t v = 0; v < ases_; ++v) {
            if (!customersOf_[v].empty()) {
                cone[v] = static_cast<std::uint32_t>(markCone(v).size());
            }
        }
        isHost_.assign(ases_, false);
        for (const SyntheticHostProfile& profile : SyntheticHostProfile::catalog()) {
            const std::uint32_t v = closestAs(profile, cone);
            isHost_[v] = true;
            hosts_.push_back({v, &profile});
        }
        for (const auto& [v, profile] : hosts_) {
            if (!profile->tier1) {
                adjustProviders(v, profile->providersAt(), random);
            }
        }
        for (const bool tier1 : {false, true}) {
            for (const auto& [v, profile] : hosts_) {
                if (profile->tier1 == tier1) {
                    growCone(v, profile->coneAt(ases_), cone);
                }
            }
        }
        for (const auto& [v, profile] : hosts_) {
            adjustPeers(v, profile->peersAt(ases_, cliqueSize_), random);
        }
    }

    // Gives v customers until its cone reaches at least kConeFill of the target without
    // passing it: ASes outside v's cone, outside the clique and not above v (no cycle),
    // taken in decreasing order of their cone (`cone`, as measured before; ties: earliest
    // arrival) when what they add still fits.
    void growCone(std::uint32_t v, std::size_t target, const std::vector<std::uint32_t>& cone) {
        std::vector<bool> inCone(ases_, false);
        std::size_t size = 0;
        for (const std::uint32_t member : markCone(v)) {
            inCone[member] = true;
            ++size;
        }
        if (static_cast<double>(size) >= kConeFill * static_cast<double>(target)) {
            return;
        }
        std::vector<bool> above(ases_, false);
        std::vector<std::uint32_t> climb = {v};
        while (!climb.empty()) {
            const std::uint32_t at = climb.back();
            climb.pop_back();
            for (const std::uint32_t provider : providersOf_[at]) {
                if (!above[provider]) {
                    above[provider] = true;
                    climb.push_back(provider);
                }
            }
        }
        std::vector<std::uint32_t> candidates;
        for (auto c = static_cast<std::uint32_t>(cliqueSize_); c < ases_; ++c) {
            if (!inCone[c] && !above[c] && !isHost_[c] && !linked_.contains(pairKey(v, c))) {
                candidates.push_back(c);
            }
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return cone[a] > cone[b]; });
        for (const std::uint32_t c : candidates) {
            if (static_cast<double>(size) >= kConeFill * static_cast<double>(target)) {
                break;
            }
            if (inCone[c]) {
                continue;
            }
            std::size_t added = 0;
            for (const std::uint32_t member : markCone(c)) {
                added += inCone[member] ? 0 : 1;
            }
            if (size + added > target) {
                continue;
            }
            for (const std::uint32_t member : coneMembers_) {
                inCone[member] = true;
            }
            size += added;
            linked_.insert(pairKey(v, c));
            providerCustomer_.emplace_back(v, c);
            customersOf_[v].push_back(c);
            providersOf_[c].push_back(v);
            ++customers_[v];
            ++providerCount_[c];
        }
    }

    // The ASes of v's customer cone, v included; they keep the newest stamp.
    const std::vector<std::uint32_t>& markCone(std::uint32_t v) {
        ++stamp_;
        coneMembers_.clear();
        coneMembers_.push_back(v);
        coneStamp_[v] = stamp_;
        for (std::size_t next = 0; next < coneMembers_.size(); ++next) {
            for (const std::uint32_t customer : customersOf_[coneMembers_[next]]) {
                if (coneStamp_[customer] != stamp_) {
                    coneStamp_[customer] = stamp_;
                    coneMembers_.push_back(customer);
                }
            }
        }
        return coneMembers_;
    }

    std::uint32_t closestAs(const SyntheticHostProfile& profile,
                            const std::vector<std::uint32_t>& cone) const {
        auto mismatch = [](double actual, double target) {
            return std::abs(std::log((actual + 1.0) / (target + 1.0)));
        };
        const auto targetCone = static_cast<double>(profile.coneAt(ases_));
        const auto targetProviders = static_cast<double>(profile.providersAt());
        const auto targetPeers = static_cast<double>(profile.peersAt(ases_, cliqueSize_));
        const std::uint32_t from = profile.tier1 ? 0 : static_cast<std::uint32_t>(cliqueSize_);
        const auto to = static_cast<std::uint32_t>(profile.tier1 ? cliqueSize_ : ases_);
        std::uint32_t best = from;
        double bestCost = std::numeric_limits<double>::infinity();
        for (std::uint32_t v = from; v < to; ++v) {
            if (isHost_[v] || (!profile.tier1 && providerCount_[v] == 0)) {
                continue;
            }
            const double cost = kConeMismatchWeight * mismatch(cone[v], targetCone) +
                                mismatch(providerCount_[v], targetProviders) +
                                mismatch(peerCount_[v], targetPeers);
            if (cost < bestCost) {
                bestCost = cost;
                best = v;
            }
        }
        return best;
    }

    void adjustProviders(std::uint32_t v, std::size_t target, DeterministicRandom& random) {
        const std::vector<std::uint32_t> providers = providersOf_[v];
        if (providers.size() > target) {
            // A provider that would be left without links stays.
            std::vector<std::uint32_t> droppable;
            for (const std::uint32_t p : providers) {
                if (providerCount_[p] > 0 || customers_[p] > 1 || peerCount_[p] > 0) {
                    droppable.push_back(p);
                }
            }
            shuffle(droppable, random);
            droppable.resize(std::min(droppable.size(), providers.size() - target));
            const std::vector<std::uint32_t>& dropped = droppable;
            for (const std::uint32_t provider : dropped) {
                linked_.erase(pairKey(provider, v));
                --customers_[provider];
                std::erase(customersOf_[provider], v);
                std::erase(providersOf_[v], provider);
            }
            std::erase_if(providerCustomer_, [&](const auto& link) {
                return link.second == v &&
                       std::find(dropped.begin(), dropped.end(), link.first) != dropped.end();
            });
            providerCount_[v] -= static_cast<std::uint32_t>(dropped.size());
            return;
        }
        std::vector<bool> excluded(ases_, false);
        for (const auto& [host, profile] : hosts_) {
            if (!profile->tier1 || host == v) {
                for (const std::uint32_t member : markCone(host)) {
                    excluded[member] = true;
                }
            }
        }
        // Preferential attachment, as when the hierarchy was built: weight customers + 1.
        std::vector<std::uint32_t> eligible;
        std::vector<double> cumulative;
        double total = 0;
        for (const std::uint32_t p : transit_) {
            if (!excluded[p] && !linked_.contains(pairKey(p, v))) {
                total += customers_[p] + 1.0;
                eligible.push_back(p);
                cumulative.push_back(total);
            }
        }
        while (providerCount_[v] < target && !eligible.empty()) {
            const auto at =
                std::upper_bound(cumulative.begin(), cumulative.end(), random.unit() * total) -
                cumulative.begin();
            const std::uint32_t p =
                eligible[std::min<std::size_t>(static_cast<std::size_t>(at), eligible.size() - 1)];
            if (!linked_.insert(pairKey(p, v)).second) {
                continue;
            }
            providerCustomer_.emplace_back(p, v);
            customersOf_[p].push_back(v);
            providersOf_[v].push_back(p);
            ++customers_[p];
            ++providerCount_[v];
        }
    }

    void adjustPeers(std::uint32_t v, std::size_t target, DeterministicRandom& random) {
        auto keepsAnotherLink = [&](std::uint32_t p) {
            return providerCount_[p] > 0 || customers_[p] > 0 || peerCount_[p] > 1;
        };
        if (peerCount_[v] > target) {
            std::vector<std::uint32_t> removable;
            for (const auto& [a, b] : peering_) {
                const std::uint32_t other = a == v ? b : b == v ? a : v;
                const bool cliqueLink = v < cliqueSize_ && other < cliqueSize_;
                if (other != v && !cliqueLink && !isHost_[other] && keepsAnotherLink(other)) {
                    removable.push_back(other);
                }
            }
            shuffle(removable, random);
            removable.resize(std::min(removable.size(), peerCount_[v] - target));
            std::unordered_set<std::uint64_t> dropped;
            for (const std::uint32_t other : removable) {
                dropped.insert(pairKey(v, other));
                linked_.erase(pairKey(v, other));
                --peerCount_[other];
            }
            std::erase_if(peering_, [&](const auto& link) {
                return dropped.contains(pairKey(link.first, link.second));
            });
            peerCount_[v] -= static_cast<std::uint32_t>(removable.size());
            return;
        }
        std::vector<std::uint32_t> candidates;
        for (auto p = static_cast<std::uint32_t>(cliqueSize_); p < ases_; ++p) {
            if (peerCount_[p] > 0 && !isHost_[p] && !linked_.contains(pairKey(p, v))) {
                candidates.push_back(p);
            }
        }
        shuffle(candidates, random);
        for (std::size_t i = 0; peerCount_[v] < target && i < candidates.size(); ++i) {
            addPeering(v, candidates[i]);
        }
    }

    static void shuffle(std::vector<std::uint32_t>& values, DeterministicRandom& random) {
        for (std::size_t i = values.size(); i > 1; --i) {
            std::swap(values[i - 1], values[random.below(i)]);
        }
    }

    TopologyGenerator::Result finish(std::uint64_t seed) {
        std::vector<Asn> asnOf(ases_);
        for (std::size_t i = 0; i < ases_; ++i) {
            asnOf[i] = TopologyGenerator::publicAsn(i);
        }
        for (std::size_t i = ases_; i > 1; --i) {
            std::swap(asnOf[i - 1], asnOf[random_.below(i)]);
        }
        for (const auto& [v, profile] : hosts_) {
            const auto holder = std::find(asnOf.begin(), asnOf.end(), profile->asn);
            if (holder != asnOf.end()) {
                *holder = asnOf[v];
            }
            asnOf[v] = profile->asn;
        }
        TopologyGenerator::Result result;
        result.links.reserve(providerCustomer_.size() + peering_.size());
        for (const auto& [provider, customer] : providerCustomer_) {
            result.links.push_back(
                {asnOf[provider], asnOf[customer], LinkType::ProviderToCustomer, LinkSource::Bgp});
        }
        for (const auto& [a, b] : peering_) {
            result.links.push_back({std::min(asnOf[a], asnOf[b]), std::max(asnOf[a], asnOf[b]),
                                    LinkType::PeerToPeer, LinkSource::Bgp});
        }
        std::sort(result.links.begin(), result.links.end(), [](const AsLink& x, const AsLink& y) {
            return std::pair(x.first, x.second) < std::pair(y.first, y.second);
        });
        for (std::size_t v = 0; v < cliqueSize_; ++v) {
            result.metadata.inputClique.push_back(asnOf[v]);
        }
        std::sort(result.metadata.inputClique.begin(), result.metadata.inputClique.end());
        result.metadata.caidaSerial = 2;
        result.metadata.sourceName =
            "synthetic (ases " + std::to_string(ases_) + ", seed " + std::to_string(seed) + ")";
        std::sort(asnOf.begin(), asnOf.end());
        result.organisations = SyntheticOrganisations::draw(asnOf, result.links, seed);
        return result;
    }

    std::size_t ases_;
    const SyntheticTopologyShape& shape_;
    DeterministicRandom random_;
    std::size_t cliqueSize_ = 0;
    std::vector<std::uint32_t> customers_;
    std::vector<std::uint32_t> providerCount_;
    std::vector<std::uint32_t> peerCount_;
    std::vector<std::uint32_t> transit_;
    std::vector<std::uint32_t> attachmentUrn_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> providerCustomer_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> peering_;
    std::unordered_set<std::uint64_t> linked_;
    std::vector<std::vector<std::uint32_t>> customersOf_;
    std::vector<std::vector<std::uint32_t>> providersOf_;
    std::vector<std::uint32_t> coneStamp_;
    std::uint32_t stamp_ = 0;
    std::vector<std::uint32_t> coneMembers_;
    std::vector<bool> isHost_;
    std::vector<std::pair<std::uint32_t, const SyntheticHostProfile*>> hosts_;
};

}  // namespace

TopologyGenerator::Result TopologyGenerator::generate(std::size_t ases, std::uint64_t seed) {
    return generate(ases, seed, SyntheticTopologyShape::forAsCount(ases));
}

TopologyGenerator::Result TopologyGenerator::generate(std::size_t ases, std::uint64_t seed,
                                                      const SyntheticTopologyShape& shape) {
    if (ases < kMinAses || ases > kMaxAses) {
        throw std::invalid_argument("a synthetic topology has from " + std::to_string(kMinAses) +
                                    " to " + std::to_string(kMaxAses) + " ASes, not " +
                                    std::to_string(ases));
    }
    return Builder(ases, seed, shape).build(seed);
}

std::uint32_t TopologyGenerator::publicAsn(std::size_t i) {
    // Public blocks in order: 1-23455, 23457-64495, then from 131072 (RFC 6996, 5398, 7300).
    constexpr std::size_t kFirstBlock = 23'455;
    constexpr std::size_t kSecondBlock = 64'495 - 23'457 + 1;
    if (i < kFirstBlock) {
        return static_cast<std::uint32_t>(1 + i);
    }
    if (i < kFirstBlock + kSecondBlock) {
        return static_cast<std::uint32_t>(23'457 + (i - kFirstBlock));
    }
    return static_cast<std::uint32_t>(131'072 + (i - kFirstBlock - kSecondBlock));
}

}  // namespace mpicsim
