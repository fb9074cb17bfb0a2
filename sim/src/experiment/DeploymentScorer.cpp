#include "mpicsim/experiment/DeploymentScorer.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

#include "mpicsim/mpic/Corroboration.hpp"

namespace mpicsim {
namespace {

constexpr std::size_t kPrimaryClasses = 4;  // adversary, victim, nowhere, no primary
constexpr std::size_t kMaxRirCount = kAllRirs.size();
constexpr std::uint64_t kAll = ~std::uint64_t{0};

std::optional<Outcome> primaryOfClass(std::size_t primaryClass) {
    switch (primaryClass) {
        case 0:
            return Outcome::Attacker;
        case 1:
            return Outcome::Victim;
        case 2:
            return Outcome::Disconnected;
        default:
            return std::nullopt;
    }
}

// Bit-sliced unsigned counters: bit u of bits[b] is bit b of unit u's count.
struct SlicedCount {
    std::array<std::uint64_t, 8> bits{};
    int width = 0;

    void add(std::uint64_t ones) {
        for (int b = 0; b < width; ++b) {
            const std::uint64_t carry = bits[static_cast<std::size_t>(b)] & ones;
            bits[static_cast<std::size_t>(b)] ^= ones;
            ones = carry;
        }
    }
    // Units whose count is at least `threshold`.
    std::uint64_t atLeast(int threshold) const {
        if (threshold <= 0) {
            return kAll;
        }
        if (threshold >= (1 << width)) {
            return 0;
        }
        std::uint64_t greater = 0;
        std::uint64_t equal = kAll;
        for (int b = width - 1; b >= 0; --b) {
            const std::uint64_t bit = bits[static_cast<std::size_t>(b)];
            if (((threshold >> b) & 1) != 0) {
                equal &= bit;
            } else {
                greater |= equal & bit;
                equal &= ~bit;
            }
        }
        return greater | equal;
    }
};

// thermometer[d]: units where at least d of the planes' bits (complemented when `zeros`) are
// set, d = 0 .. Depth, built in registers.
template <std::size_t Depth>
void fillThermometer(const std::uint64_t* const* planes, std::size_t count, std::size_t word,
                     bool zeros, std::uint64_t* thermometer) {
    std::array<std::uint64_t, Depth + 1> atLeast{};
    atLeast[0] = kAll;
    const std::uint64_t flip = zeros ? kAll : 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t bits = planes[i][word] ^ flip;
        for (std::size_t d = Depth; d >= 1; --d) {
            atLeast[d] |= atLeast[d - 1] & bits;
        }
    }
    std::copy(atLeast.begin(), atLeast.end(), thermometer);
}

int widthFor(std::size_t maximum) {
    return std::max(1, static_cast<int>(std::bit_width(maximum)));
}

}  // namespace

struct DeploymentScorer::Members {
    const std::uint64_t* primaryAdversary = nullptr;
    const std::uint64_t* primaryVictim = nullptr;
    // The remotes' planes grouped by RIR (counts do not depend on the order): those of RIR r
    // are [rirStart[r], rirStart[r + 1]).
    std::array<const std::uint64_t*, kMaxRemotes> adversary{};
    std::array<const std::uint64_t*, kMaxRemotes> victim{};
    std::array<std::size_t, kMaxRirCount + 1> rirStart{};
    std::size_t remotes = 0;
    const SizeRule* rule = nullptr;
};

DeploymentScorer::DeploymentScorer(const OutcomeMatrix& matrix, QuorumPolicy policy,
                                   std::size_t maxRemotes)
    : matrix_(matrix), policy_(std::move(policy)) {
    if (maxRemotes > kMaxRemotes) {
        throw std::invalid_argument("deployment scorer: at most " + std::to_string(kMaxRemotes) +
                                    " remotes, asked for " + std::to_string(maxRemotes));
    }
    for (std::size_t k = 0; k <= maxRemotes; ++k) {
        rules_.push_back(ruleFor(static_cast<int>(k)));
    }
}

DeploymentScorer::SizeRule DeploymentScorer::ruleFor(int remotes) const {
    // value[side][primary class][rirs][count]; classes no outcome can produce stay false.
    auto decideClass = [&](Outcome wanted, std::size_t primaryClass, int count, int rirs) {
        std::vector<RemoteResult> results(static_cast<std::size_t>(remotes));
        for (int i = 0; i < count; ++i) {
            results[static_cast<std::size_t>(i)] = {wanted,
                                                    kAllRirs[static_cast<std::size_t>(i % rirs)]};
        }
        const Verdict verdict =
            Corroboration::decide(policy_, primaryOfClass(primaryClass), results, false);
        return wanted == Outcome::Attacker ? verdict.issuedToAttacker
                                           : verdict.legitimateIssuanceBlocked;
    };
    auto realizable = [](int count, int rirs) {
        return (count == 0 && rirs == 0) || (count >= 1 && rirs >= 1 && rirs <= count);
    };
    // Consecutive RIR counts with the same count intervals share one term per interval.
    auto compile = [remotes](SideRule& side) {
        auto thresholdIndex = [&](int value) {
            const auto found = std::find(side.thresholds.begin(), side.thresholds.end(), value);
            if (found != side.thresholds.end()) {
                return static_cast<std::uint8_t>(found - side.thresholds.begin());
            }
            side.thresholds.push_back(value);
            return static_cast<std::uint8_t>(side.thresholds.size() - 1);
        };
        const std::size_t rirRows = side.usesRirs ? kMaxRirCount + 1 : 1;
        for (std::size_t p = 0; p < kPrimaryClasses; ++p) {
            for (std::size_t low = 0; low < rirRows;) {
                std::size_t high = low + 1;
                while (high < rirRows && side.counts[p][high] == side.counts[p][low]) {
                    ++high;
                }
                const std::size_t rirHigh = side.usesRirs ? high : kMaxRirCount + 1;
                if (!side.counts[p][low].empty()) {
                    for (const Interval& interval : side.counts[p][low]) {
                        side.terms[p].push_back(
                            {thresholdIndex(interval.low), thresholdIndex(interval.high + 1),
                             static_cast<std::uint8_t>(low), static_cast<std::uint8_t>(rirHigh)});
                    }
                }
                low = high;
            }
        }
        // The shallowest thermometer that answers every threshold between 1 and `remotes`
        // (0 is every unit, above `remotes` none): count >= t is ones[t], or not zeros[k - t + 1].
        std::size_t onesDepth = 0;
        std::size_t zerosDepth = 0;
        for (int threshold : side.thresholds) {
            if (threshold >= 1 && threshold <= remotes) {
                onesDepth = std::max(onesDepth, static_cast<std::size_t>(threshold));
                zerosDepth =
                    std::max(zerosDepth, static_cast<std::size_t>(remotes - threshold + 1));
            }
        }
        if (std::min(onesDepth, zerosDepth) <= kMaxThermometer) {
            side.counting =
                onesDepth <= zerosDepth ? SideRule::Counting::Ones : SideRule::Counting::Zeros;
            side.depth = std::min(onesDepth, zerosDepth);
        }
    };
    auto buildSide = [&](Outcome wanted) {
        std::array<std::array<std::vector<bool>, kMaxRirCount + 1>, kPrimaryClasses> value;
        bool usesRirs = false;
        for (std::size_t p = 0; p < kPrimaryClasses; ++p) {
            for (int r = 0; r <= static_cast<int>(kMaxRirCount); ++r) {
                auto& row = value[p][static_cast<std::size_t>(r)];
                row.assign(static_cast<std::size_t>(remotes) + 1, false);
                for (int c = 0; c <= remotes; ++c) {
                    if (realizable(c, r)) {
                        row[static_cast<std::size_t>(c)] = decideClass(wanted, p, c, r);
                    }
                }
            }
            for (int c = 1; c <= remotes; ++c) {
                for (int r = 2; r <= std::min(c, static_cast<int>(kMaxRirCount)); ++r) {
                    usesRirs = usesRirs ||
                               value[p][static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] !=
                                   value[p][1][static_cast<std::size_t>(c)];
                }
            }
        }
        SideRule side;
        side.usesRirs = usesRirs;
        for (std::size_t p = 0; p < kPrimaryClasses; ++p) {
            bool anyTrue = false;
            bool anyFalse = false;
            for (int r = 0; r <= static_cast<int>(kMaxRirCount); ++r) {
                for (int c = 0; c <= remotes; ++c) {
                    if (realizable(c, r)) {
                        const bool cell =
                            value[p][static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
                        anyTrue = anyTrue || cell;
                        anyFalse = anyFalse || !cell;
                    }
                }
            }
            if (anyTrue != anyFalse) {
                side.constant[p] = anyTrue;
            }
        }
        for (std::size_t p = 0; p < kPrimaryClasses; ++p) {
            if (usesRirs) {
                // No unit has fewer remotes than RIRs among them (nor RIRs without remotes):
                // such cells may hold anything, and copying a neighbouring row's makes rows
                // equal, so that they share terms and thresholds.
                auto& rows = value[p];
                rows[1][0] = rows[0][0];
                for (int c = 1; c <= remotes; ++c) {
                    rows[0][static_cast<std::size_t>(c)] = rows[1][static_cast<std::size_t>(c)];
                }
                for (std::size_t r = 2; r <= kMaxRirCount; ++r) {
                    for (std::size_t c = 0; c < r && c <= static_cast<std::size_t>(remotes); ++c) {
                        rows[r][c] = rows[r - 1][c];
                    }
                }
            }
            for (std::size_t r = 0; r <= (usesRirs ? kMaxRirCount : 0); ++r) {
                std::vector<bool> row = value[p][r];
                if (!usesRirs) {
                    // One row for every RIR count: the count alone decides.
                    for (int c = 1; c <= remotes; ++c) {
                        row[static_cast<std::size_t>(c)] = value[p][1][static_cast<std::size_t>(c)];
                    }
                }
                for (int c = 0; c <= remotes;) {
                    if (!row[static_cast<std::size_t>(c)]) {
                        ++c;
                        continue;
                    }
                    const int low = c;
                    while (c <= remotes && row[static_cast<std::size_t>(c)]) {
                        ++c;
                    }
                    side.counts[p][r].push_back({low, c - 1});
                }
            }
        }
        compile(side);
        return side;
    };
    return {buildSide(Outcome::Attacker), buildSide(Outcome::Victim)};
}

DeploymentScorer::Members DeploymentScorer::membersOf(const Deployment& deployment) const {
    if (deployment.remotes.size() >= rules_.size()) {
        throw std::invalid_argument(
            "deployment scorer: " + std::to_string(deployment.remotes.size()) +
            " remotes, prepared for at most " + std::to_string(rules_.size() - 1));
    }
    auto check = [&](std::size_t candidate) {
        if (candidate >= matrix_.candidateCount()) {
            throw std::invalid_argument("deployment scorer: candidate " +
                                        std::to_string(candidate) + " out of range");
        }
    };
    Members members;
    if (deployment.primary) {
        check(*deployment.primary);
        members.primaryAdversary =
            matrix_.plane(*deployment.primary, OutcomeMatrix::Plane::Adversary);
        members.primaryVictim = matrix_.plane(*deployment.primary, OutcomeMatrix::Plane::Victim);
    }
    std::array<std::size_t, kMaxRirCount + 1> placed{};
    for (std::size_t candidate : deployment.remotes) {
        check(candidate);
        ++placed[static_cast<std::size_t>(matrix_.candidates()[candidate].rir) + 1];
    }
    for (std::size_t r = 1; r <= kMaxRirCount; ++r) {
        placed[r] += placed[r - 1];
    }
    members.rirStart = placed;
    for (std::size_t candidate : deployment.remotes) {
        const std::size_t at =
            placed[static_cast<std::size_t>(matrix_.candidates()[candidate].rir)]++;
        members.adversary[at] = matrix_.plane(candidate, OutcomeMatrix::Plane::Adversary);
        members.victim[at] = matrix_.plane(candidate, OutcomeMatrix::Plane::Victim);
    }
    members.remotes = deployment.remotes.size();
    members.rule = &rules_[members.remotes];
    return members;
}

std::array<std::uint64_t, 4> DeploymentScorer::primaryMasks(const Members& members,
                                                            std::size_t word) const {
    if (members.primaryAdversary == nullptr) {
        return {0, 0, 0, kAll};
    }
    const std::uint64_t adversary = members.primaryAdversary[word];
    const std::uint64_t victim = members.primaryVictim[word];
    return {adversary, victim, ~(adversary | victim), 0};
}

std::uint64_t DeploymentScorer::sideWord(const Members& members, const SideRule& rule,
                                         OutcomeMatrix::Plane plane, std::size_t word,
                                         const std::array<std::uint64_t, 4>& primaryMasks) const {
    const auto& planes =
        plane == OutcomeMatrix::Plane::Adversary ? members.adversary : members.victim;
    bool counted = false;
    std::uint64_t always = 0;
    for (std::size_t p = 0; p < kPrimaryClasses; ++p) {
        if (primaryMasks[p] != 0) {
            counted = counted || !rule.constant[p];
            always |= rule.constant[p].value_or(false) ? primaryMasks[p] : 0;
        }
    }
    if (!counted) {
        return always;
    }
    std::array<std::uint64_t, 2 * (kMaxRemotes + 2)> atLeast;
    if (rule.counting == SideRule::Counting::Sliced) {
        SlicedCount count;
        count.width = widthFor(members.remotes);
        for (std::size_t i = 0; i < members.remotes; ++i) {
            count.add(planes[i][word]);
        }
        for (std::size_t t = 0; t < rule.thresholds.size(); ++t) {
            atLeast[t] = count.atLeast(rule.thresholds[t]);
        }
    } else {
        const bool zeros = rule.counting == SideRule::Counting::Zeros;
        std::array<std::uint64_t, kMaxThermometer + 1> thermometer{};
        switch (rule.depth) {
            case 0:
                break;
            case 1:
                fillThermometer<1>(planes.data(), members.remotes, word, zeros, thermometer.data());
                break;
            case 2:
                fillThermometer<2>(planes.data(), members.remotes, word, zeros, thermometer.data());
                break;
            case 3:
                fillThermometer<3>(planes.data(), members.remotes, word, zeros, thermometer.data());
                break;
            default:
                fillThermometer<kMaxThermometer>(planes.data(), members.remotes, word, zeros,
                                                 thermometer.data());
        }
        const int remotes = static_cast<int>(members.remotes);
        for (std::size_t t = 0; t < rule.thresholds.size(); ++t) {
            const int threshold = rule.thresholds[t];
            atLeast[t] = threshold <= 0        ? kAll
                         : threshold > remotes ? 0
                         : zeros ? ~thermometer[static_cast<std::size_t>(remotes - threshold + 1)]
                                 : thermometer[static_cast<std::size_t>(threshold)];
        }
    }

    // rirAtLeast[r]: units whose remotes span at least r RIRs, grown one RIR at a time (in
    // registers: written out, as the compiler vectorises a loop over r badly).
    std::array<std::uint64_t, kMaxRirCount + 2> rirAtLeast{kAll, 0, 0, 0, 0, 0, 0};
    if (rule.usesRirs) {
        std::uint64_t one = 0, two = 0, three = 0, four = 0, five = 0;
        for (std::size_t r = 0; r < kMaxRirCount; ++r) {
            std::uint64_t present = 0;
            for (std::size_t i = members.rirStart[r]; i < members.rirStart[r + 1]; ++i) {
                present |= planes[i][word];
            }
            five |= four & present;
            four |= three & present;
            three |= two & present;
            two |= one & present;
            one |= present;
        }
        rirAtLeast = {kAll, one, two, three, four, five, 0};
    }
    std::uint64_t result = always;
    for (std::size_t p = 0; p < kPrimaryClasses; ++p) {
        if (primaryMasks[p] == 0 || rule.constant[p]) {
            continue;
        }
        std::uint64_t inClass = 0;
        for (const SideRule::Term& term : rule.terms[p]) {
            inClass |= atLeast[term.low] & ~atLeast[term.high] & rirAtLeast[term.rirLow] &
                       ~rirAtLeast[term.rirHigh];
        }
        result |= primaryMasks[p] & inClass;
    }
    return result;
}

DeploymentScorer::Score DeploymentScorer::score(const Deployment& deployment,
                                                bool withBlocked) const {
    const Members members = membersOf(deployment);
    Score score;
    score.units = matrix_.unitCount();
    const std::size_t words = matrix_.wordsPerPlane();
    for (std::size_t w = 0; w < words; ++w) {
        const std::uint64_t valid = w + 1 == words ? matrix_.lastWordMask() : kAll;
        const auto masks = primaryMasks(members, w);
        score.issued += static_cast<std::uint64_t>(
            std::popcount(valid & sideWord(members, members.rule->issued,
                                           OutcomeMatrix::Plane::Adversary, w, masks)));
        if (withBlocked) {
            score.blocked += static_cast<std::uint64_t>(
                std::popcount(valid & sideWord(members, members.rule->blocked,
                                               OutcomeMatrix::Plane::Victim, w, masks)));
        }
    }
    return score;
}

void DeploymentScorer::verdictWords(const Deployment& deployment,
                                    std::vector<std::uint64_t>& issued,
                                    std::vector<std::uint64_t>* blocked) const {
    const Members members = membersOf(deployment);
    const std::size_t words = matrix_.wordsPerPlane();
    issued.assign(words, 0);
    if (blocked != nullptr) {
        blocked->assign(words, 0);
    }
    for (std::size_t w = 0; w < words; ++w) {
        const std::uint64_t valid = w + 1 == words ? matrix_.lastWordMask() : kAll;
        const auto masks = primaryMasks(members, w);
        issued[w] = valid & sideWord(members, members.rule->issued, OutcomeMatrix::Plane::Adversary,
                                     w, masks);
        if (blocked != nullptr) {
            (*blocked)[w] = valid & sideWord(members, members.rule->blocked,
                                             OutcomeMatrix::Plane::Victim, w, masks);
        }
    }
}

Verdict DeploymentScorer::decideUnit(const Deployment& deployment, std::size_t unit) const {
    std::optional<Outcome> primary;
    if (deployment.primary) {
        primary = matrix_.outcome(unit, *deployment.primary);
    }
    std::vector<RemoteResult> remotes;
    for (std::size_t candidate : deployment.remotes) {
        remotes.push_back({matrix_.outcome(unit, candidate), matrix_.candidates()[candidate].rir});
    }
    return Corroboration::decide(policy_, primary, remotes);
}

}  // namespace mpicsim
