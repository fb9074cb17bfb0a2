#pragma once

#include <string>
#include <vector>

#include "mpicsim/experiment/OutcomeMatrix.hpp"
#include "mpicsim/experiment/QuorumSweepSpec.hpp"

namespace mpicsim {

// The quorum trade-off explorer: for each BR phase, each deployment of the family (the primary
// and the first n remotes) and each allowed number of non-corroborations, the attacker's success
// rate and the rate at which the owner's issuance is blocked, with Wilson 95% intervals, scored
// from the outcome matrix; the rules on each phase's Pareto front (no other rule of the phase is
// at least as good on both rates and better on one) are marked.
class QuorumSweep {
  public:
    struct Row {
        std::string phase;  // the BR phase's effective date
        int remotes = 0;
        int allowed = 0;
        int required = 0;
        std::uint64_t units = 0;
        std::uint64_t attackerSuccesses = 0;
        std::uint64_t legitimateBlocked = 0;
        double attackerSuccessRate = 0;
        double successLow = 0;
        double successHigh = 0;
        double legitimateBlockedRate = 0;
        double blockedLow = 0;
        double blockedHigh = 0;
        bool pareto = false;
    };

    // The matrix's candidates: the remotes in order, then the primary when there is one.
    static std::vector<OutcomeMatrix::Candidate> matrixCandidates(const QuorumSweepSpec& spec);
    static std::vector<Perspective> matrixPerspectives(const QuorumSweepSpec& spec);

    static std::vector<Row> compute(const OutcomeMatrix& matrix, const QuorumSweepSpec& spec);
    // quorum-sweep.csv: phase,remotes,allowed_non_corroborations,required,units,
    // attacker_successes,attacker_success_rate,ci95_low,ci95_high,legitimate_blocked,
    // legitimate_blocked_rate,blocked_ci95_low,blocked_ci95_high,pareto
    static std::string toCsv(const std::vector<Row>& rows);
    // quorum-sweep.json: {"remotes": [ids in order], "primary": id or null, "rows": [...]}
    static std::string toJson(const std::vector<Row>& rows, const QuorumSweepSpec& spec);
    // Reads quorum-sweep.json back (for plotting); throws InputError naming the file.
    static std::vector<Row> fromJson(const std::string& text, const std::string& source);
};

}  // namespace mpicsim
