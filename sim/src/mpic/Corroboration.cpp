#include "mpicsim/mpic/Corroboration.hpp"

#include <bitset>

namespace mpicsim {
namespace {

using Tally = Corroboration::Tally;

Tally tally(std::span<const RemoteResult> remotes, Outcome wanted) {
    Tally result;
    std::bitset<8> seen;
    for (const RemoteResult& remote : remotes) {
        if (remote.outcome == wanted) {
            ++result.count;
            seen.set(static_cast<std::size_t>(remote.rir));
        }
    }
    result.rirs = static_cast<int>(seen.count());
    return result;
}

}  // namespace

std::string Corroboration::countOf(int count, std::string_view noun) {
    return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

Verdict Corroboration::decide(const QuorumPolicy& policy, std::optional<Outcome> primary,
                              int remotes, Tally attacker, Tally victim) {
    Verdict verdict;
    verdict.remotes = remotes;
    verdict.primaryUsed = policy.primaryRequired;
    verdict.blocking = policy.blocking;
    verdict.required = policy.requiredCorroborations(verdict.remotes);
    verdict.requiredRirs = policy.requiredRirs(verdict.remotes);
    verdict.corroborating = attacker.count;
    verdict.corroboratingRirs = attacker.rirs;
    verdict.reachingVictim = victim.count;
    verdict.reachingVictimRirs = victim.rirs;
    verdict.primaryReachesAttacker = primary == Outcome::Attacker;
    verdict.primaryReachesVictim = primary == Outcome::Victim;

    const bool primaryForAttacker = !policy.primaryRequired || verdict.primaryReachesAttacker;
    const bool attackerQuorum =
        attacker.count >= verdict.required && attacker.rirs >= verdict.requiredRirs;
    verdict.issuedToAttacker = primaryForAttacker && (attackerQuorum || !policy.blocking);

    const bool primaryForOwner = !policy.primaryRequired || verdict.primaryReachesVictim;
    const bool ownerQuorum =
        victim.count >= verdict.required && victim.rirs >= verdict.requiredRirs;
    verdict.legitimateIssuanceBlocked = !(primaryForOwner && (ownerQuorum || !policy.blocking));
    return verdict;
}

Verdict Corroboration::decide(const QuorumPolicy& policy, std::optional<Outcome> primary,
                              std::span<const RemoteResult> remotes, bool withReason) {
    const Tally attacker = tally(remotes, Outcome::Attacker);
    const Tally victim = tally(remotes, Outcome::Victim);
    Verdict verdict = decide(policy, primary, static_cast<int>(remotes.size()), attacker, victim);
    if (!withReason) {
        return verdict;
    }
    const bool attackerQuorum =
        attacker.count >= verdict.required && attacker.rirs >= verdict.requiredRirs;
    // "3 of 5 remote perspectives reached the attacker (4 required), spanning 2 RIRs (2
    // required)": each count is followed by what the policy requires of it.
    const std::string quorum =
        std::to_string(attacker.count) + " of " + countOf(verdict.remotes, "remote perspective") +
        " reached the attacker (" + std::to_string(verdict.required) + " required)";
    const std::string rirs = verdict.requiredRirs > 0
                                 ? ", spanning " + countOf(attacker.rirs, "RIR") + " (" +
                                       std::to_string(verdict.requiredRirs) + " required)"
                                 : "";
    if (policy.primaryRequired && !verdict.primaryReachesAttacker) {
        verdict.reason = std::string("The primary perspective's validation reached ") +
                         (verdict.primaryReachesVictim ? "the victim" : "nobody") +
                         ", so the attacker's request fails there: certificate REFUSED.";
    } else if (verdict.issuedToAttacker && attackerQuorum) {
        verdict.reason = (policy.primaryRequired ? "The primary and " : "") + quorum + rirs +
                         ": certificate ISSUED to the attacker.";
    } else if (verdict.issuedToAttacker) {
        verdict.reason = "The primary reached the attacker and " + quorum + rirs +
                         "; the quorum fails, but this policy does not block issuance: "
                         "certificate ISSUED to the attacker.";
    } else if (attacker.count < verdict.required) {
        verdict.reason = "Only " + quorum + rirs + ": certificate REFUSED.";
    } else {
        verdict.reason = quorum + rirs + ", too few RIRs among them: certificate REFUSED.";
    }
    return verdict;
}

}  // namespace mpicsim
