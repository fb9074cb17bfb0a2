#pragma once

#include <cstddef>
#include <map>
#include <utility>

#include "mpicsim/topology/AsLink.hpp"
#include "mpicsim/topology/AsOrganisation.hpp"

namespace mpicsim {

// The AS-to-organisation table of one snapshot (CAIDA's as-org2info, or the one the synthetic
// generator draws): ASN -> organisation, country and registry. Ordered by ASN, so that every
// walk over it is deterministic.
class AsOrganisations {
  public:
    // A later entry for the same ASN replaces the earlier one.
    void set(Asn asn, AsOrganisation organisation) { entries_[asn] = std::move(organisation); }
    const AsOrganisation* find(Asn asn) const {
        const auto it = entries_.find(asn);
        return it == entries_.end() ? nullptr : &it->second;
    }
    const std::map<Asn, AsOrganisation>& entries() const { return entries_; }
    std::size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }

  private:
    std::map<Asn, AsOrganisation> entries_;
};

}  // namespace mpicsim
