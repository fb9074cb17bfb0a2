#include "mpicsim/mpic/PerspectiveCatalog.hpp"

#include <stdexcept>

namespace mpicsim {

PerspectiveCatalog::PerspectiveCatalog(std::vector<Perspective> perspectives)
    : perspectives_(std::move(perspectives)) {
    for (std::size_t i = 0; i < perspectives_.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (perspectives_[i].id == perspectives_[j].id) {
                throw std::invalid_argument("perspective id '" + perspectives_[i].id +
                                            "' appears twice");
            }
        }
    }
}

const Perspective* PerspectiveCatalog::find(std::string_view id) const {
    for (const Perspective& perspective : perspectives_) {
        if (perspective.id == id) {
            return &perspective;
        }
    }
    return nullptr;
}

std::vector<std::string> PerspectiveCatalog::ids() const {
    std::vector<std::string> ids;
    ids.reserve(perspectives_.size());
    for (const Perspective& perspective : perspectives_) {
        ids.push_back(perspective.id);
    }
    return ids;
}

}  // namespace mpicsim
