#include "mpicsim/mpic/ComplianceChecker.hpp"

#include <bitset>
#include <cmath>

namespace mpicsim {
namespace {

std::string describe(const Perspective& perspective) {
    return perspective.city.empty() ? perspective.id
                                    : perspective.id + " (" + perspective.city + ")";
}

std::string kilometres(double distance) {
    return std::to_string(static_cast<long>(std::lround(distance))) + " km";
}

}  // namespace

std::vector<ComplianceViolation> ComplianceChecker::check(const CaConfiguration& ca,
                                                          const QuorumPolicy& policy) {
    std::vector<ComplianceViolation> violations;
    const std::string source = " (" + policy.label() + ")";
    // A pool validates each attempt from a cohort of cohortSize() remotes: the counts are judged
    // per attempt; distinctness over the whole pool, as any two of its remotes may meet.
    const int remotes = static_cast<int>(ca.cohortSize());
    const std::string configured =
        ca.remotesPerAttempt
            ? " (each attempt's, of a pool of " + std::to_string(ca.remotes.size()) + ")"
            : "";

    if (policy.primaryRequired && !ca.primary) {
        violations.push_back({"no-primary",
                              "the policy needs a primary network perspective, "
                              "and the configuration has none" +
                                  source});
    }
    if (remotes < policy.minimumRemotes) {
        violations.push_back({"too-few-remotes",
                              "the policy needs at least " + std::to_string(policy.minimumRemotes) +
                                  " remote perspectives; the configuration has " +
                                  std::to_string(remotes) + configured + source});
    }
    const int required = policy.requiredCorroborations(remotes);
    if (required > remotes) {
        violations.push_back({"quorum-impossible", "the quorum needs " + std::to_string(required) +
                                                       " corroborating remotes but only " +
                                                       std::to_string(remotes) + " are configured" +
                                                       configured + source});
    }
    std::bitset<8> rirs;
    for (const Perspective& remote : ca.remotes) {
        rirs.set(static_cast<std::size_t>(remote.rir));
    }
    const int requiredRirs = policy.requiredRirs(remotes);
    if (requiredRirs > 0 && static_cast<int>(rirs.count()) < requiredRirs) {
        violations.push_back({"rir-diversity-impossible",
                              "corroborating remotes must span " + std::to_string(requiredRirs) +
                                  " RIR service regions, but all remotes together span only " +
                                  std::to_string(rirs.count()) + source});
    }

    auto located = [&](const Perspective& perspective) {
        if (!perspective.location) {
            violations.push_back(
                {"location-unknown", describe(perspective) +
                                         " has no coordinates, so its distance to the other "
                                         "perspectives cannot be checked (BR 3.2.2.9: 500 km)"});
            return false;
        }
        return true;
    };
    std::vector<bool> hasLocation;
    for (const Perspective& remote : ca.remotes) {
        hasLocation.push_back(located(remote));
    }
    if (ca.primary) {
        const bool primaryLocated = located(*ca.primary);
        for (std::size_t i = 0; i < ca.remotes.size(); ++i) {
            const Perspective& remote = ca.remotes[i];
            if (remote.id == ca.primary->id) {
                violations.push_back({"remote-not-distinct-from-primary",
                                      describe(remote) + " is the primary perspective itself"});
                continue;
            }
            if (primaryLocated && hasLocation[i]) {
                const double distance = remote.location->distanceKmTo(*ca.primary->location);
                if (distance < kMinimumDistanceKm) {
                    violations.push_back(
                        {"remote-not-distinct-from-primary",
                         describe(remote) + " is " + kilometres(distance) + " from the primary " +
                             describe(*ca.primary) +
                             "; remote perspectives must be at least 500 km away (BR 3.2.2.9)"});
                }
            }
        }
    }
    for (std::size_t i = 0; i < ca.remotes.size(); ++i) {
        for (std::size_t j = i + 1; j < ca.remotes.size(); ++j) {
            if (!hasLocation[i] || !hasLocation[j]) {
                continue;
            }
            const double distance = ca.remotes[i].location->distanceKmTo(*ca.remotes[j].location);
            if (distance < kMinimumDistanceKm) {
                violations.push_back({"remotes-not-distinct",
                                      describe(ca.remotes[i]) + " and " + describe(ca.remotes[j]) +
                                          " are " + kilometres(distance) +
                                          " apart; perspectives are distinct only 500 km or more "
                                          "apart (BR 3.2.2.9)"});
            }
        }
    }
    return violations;
}

}  // namespace mpicsim
