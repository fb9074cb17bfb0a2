#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// The ASNs of a list taken from the real world (ROV adopters, weights, sources) that a topology
// lacks. Measured lists always name some; they are left out, with one warning that counts them
// and names the first few (`--strict` makes that warning an error).
class AbsentAsns {
  public:
    static constexpr std::size_t kNamedInSummary = 5;

    AbsentAsns(std::string listName, std::vector<Asn> asns)
        : listName_(std::move(listName)), asns_(std::move(asns)) {}

    const std::string& listName() const { return listName_; }
    const std::vector<Asn>& asns() const { return asns_; }

    // "ROV setting list:5: 2 AS(es) not in the topology: AS64512 AS64513"
    std::string summary() const {
        std::string text =
            listName_ + ": " + std::to_string(asns_.size()) + " AS(es) not in the topology:";
        for (std::size_t i = 0; i < asns_.size() && i < kNamedInSummary; ++i) {
            text += " AS" + std::to_string(asns_[i]);
        }
        if (asns_.size() > kNamedInSummary) {
            text += " ...";
        }
        return text;
    }
    // The stderr line of a run that leaves them out.
    std::string warning() const { return "warning: " + summary() + " (left out)"; }

  private:
    std::string listName_;
    std::vector<Asn> asns_;
};

}  // namespace mpicsim
