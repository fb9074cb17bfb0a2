#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// A set of links that cannot form an AS graph; `cycle` lists the ASes of one
// provider-customer cycle, each the provider of the next, when that is the reason.
class TopologyError : public std::runtime_error {
  public:
    explicit TopologyError(const std::string& message, std::vector<Asn> cycle = {})
        : std::runtime_error(message), cycle_(std::move(cycle)) {}

    const std::vector<Asn>& cycle() const { return cycle_; }

  private:
    std::vector<Asn> cycle_;
};

}  // namespace mpicsim
