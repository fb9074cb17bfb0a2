#include "mpicsim/topology/TopologyGenerator.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "mpicsim/common/DeterministicRandom.hpp"

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

    TopologyGenerator::Result finish(std::uint64_t seed) {
        std::vector<Asn> asnOf(ases_);
        for (std::size_t i = 0; i < ases_; ++i) {
            asnOf[i] = TopologyGenerator::publicAsn(i);
        }
        for (std::size_t i = ases_; i > 1; --i) {
            std::swap(asnOf[i - 1], asnOf[random_.below(i)]);
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
