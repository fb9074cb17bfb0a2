#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "mpicsim/mpic/QuorumPolicy.hpp"
#include "mpicsim/mpic/RemoteResult.hpp"
#include "mpicsim/mpic/Verdict.hpp"

namespace mpicsim {

// The MPIC decision of TLS BR 3.2.2.9: the attacker obtains a certificate when the primary's
// validation reaches the attacker (if the policy has a primary) and enough remotes corroborate
// it, spanning enough RIRs; a non-blocking phase issues on the primary alone. A remote
// corroborates when its traffic reaches the attacker; one that reaches the victim or nothing
// does not. The owner's issuance is blocked when the primary does not reach the victim or, where
// the policy blocks, too few remotes reach the victim or they span too few RIRs.
class Corroboration {
  public:
    // The remotes whose validation ended at one place: how many, and how many RIRs they span.
    struct Tally {
        int count = 0;
        int rirs = 0;
    };

    // `withReason` false skips the sentence (studies decide millions of attempts).
    static Verdict decide(const QuorumPolicy& policy, std::optional<Outcome> primary,
                          std::span<const RemoteResult> remotes, bool withReason = true);
    // The same decision (without reason) from the tallies of the `remotes` remote perspectives
    // that reached the attacker and the victim: all that decide() reads of them. Studies count
    // them once per configuration on outcome bits and decide every policy from the counts.
    static Verdict decide(const QuorumPolicy& policy, std::optional<Outcome> primary, int remotes,
                          Tally attacker, Tally victim);

    // "1 RIR", "3 RIRs": a count and its noun, as every verdict sentence words it.
    static std::string countOf(int count, std::string_view noun);
};

}  // namespace mpicsim
