#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mpicsim/mpic/Rir.hpp"
#include "mpicsim/routing/AttackType.hpp"
#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim::gui {

// Everything a classroom demonstration shows, by AS number: one step of a lesson. Saved and
// loaded as JSON by LessonFile, and kept by ClassroomView's undo history.
struct ClassroomSetup {
    // A rule the teacher makes up (policyName "custom"): n remotes need n - allowed
    // corroborations, spanning at least `minimumRirs` RIRs.
    struct CustomRule {
        int allowedNonCorroborations = 1;
        int minimumRirs = 0;
        bool primaryRequired = true;
        bool blocking = true;
        bool operator==(const CustomRule&) const = default;
    };

    std::optional<Asn> victim;
    std::optional<Asn> attacker;
    std::optional<Asn> primary;
    std::vector<Asn> remotes;       // in the order they were chosen
    std::map<Asn, Rir> remoteRirs;  // RIRs set by the user; others come from the topology
    std::vector<Asn> rovAdopters;
    AttackType attack = AttackType::EquallySpecific;
    std::string policyName = "br";
    std::string policyPhase = "2026-12-15";  // empty for unphased rules
    CustomRule customRule;                   // used when policyName is "custom"
    int phase = -1;                          // -1: not run; 0..3: the phase shown
    std::optional<Asn> explained;
    std::string caption;  // what the teacher says at this step (optional)
    // ASes dragged away from the automatic layout: their scene coordinates.
    std::map<Asn, std::pair<double, double>> positions;

    bool operator==(const ClassroomSetup&) const = default;
};

}  // namespace mpicsim::gui
