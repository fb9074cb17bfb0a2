#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/mpic/Perspective.hpp"

namespace mpicsim {

// Every perspective a CA configuration can name, by id.
class PerspectiveCatalog {
  public:
    PerspectiveCatalog() = default;
    // Throws std::invalid_argument naming a duplicated id.
    explicit PerspectiveCatalog(std::vector<Perspective> perspectives);

    const std::vector<Perspective>& perspectives() const { return perspectives_; }
    const Perspective* find(std::string_view id) const;
    std::vector<std::string> ids() const;

  private:
    std::vector<Perspective> perspectives_;
};

}  // namespace mpicsim
