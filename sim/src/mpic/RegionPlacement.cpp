#include "mpicsim/mpic/RegionPlacement.hpp"

#include <map>

namespace mpicsim {

RegionPlacement RegionPlacement::cloudAs() {
    return {};
}

std::set<std::string> RegionPlacement::cloudRegionIds(const PerspectiveCatalog& catalog) {
    std::map<Asn, int> perspectivesByHost;
    for (const Perspective& perspective : catalog.perspectives()) {
        ++perspectivesByHost[perspective.hostAsn];
    }
    std::set<std::string> ids;
    for (const Perspective& perspective : catalog.perspectives()) {
        if (perspectivesByHost[perspective.hostAsn] >= 2 && perspective.neighbours.empty()) {
            ids.insert(perspective.id);
        }
    }
    return ids;
}

RegionPlacement RegionPlacement::regional(const AsGraph& graph,
                                          const AsOrganisations& organisations,
                                          const PerspectiveCatalog& catalog,
                                          RegionalAttachment::Options options) {
    RegionPlacement placement;
    placement.model_ = RegionModel::regional(options.backbone);
    placement.regionIds_ = cloudRegionIds(catalog);
    placement.derivation_ =
        std::make_shared<const RegionalAttachment>(graph, organisations, options);
    return placement;
}

RegionPlacement RegionPlacement::measured(MeasuredAttachments attachments, std::string file) {
    RegionPlacement placement;
    placement.model_ = RegionModel::measured(std::move(file));
    for (const auto& entry : attachments.neighboursById) {
        placement.regionIds_.insert(entry.first);
    }
    placement.measured_ = std::move(attachments);
    return placement;
}

bool RegionPlacement::isCloudRegion(const Perspective& perspective) const {
    return perspective.neighbours.empty() && regionIds_.contains(perspective.id);
}

Perspective RegionPlacement::place(const Perspective& perspective) const {
    if (!isCloudRegion(perspective)) {
        return perspective;
    }
    Perspective placed = perspective;
    if (derivation_) {
        if (!derivation_->contains(perspective.hostAsn)) {
            return perspective;  // PlacedPerspective reports the absent host AS
        }
        placed.neighbours =
            derivation_->neighbours(perspective.hostAsn, perspective.rir, perspective.country);
    } else {
        placed.neighbours = measured_.neighboursById.at(perspective.id);
    }
    return placed;
}

void RegionPlacement::place(CaConfiguration& ca) const {
    if (ca.primary) {
        ca.primary = place(*ca.primary);
    }
    place(ca.remotes);
}

void RegionPlacement::place(std::vector<CaConfiguration>& cas) const {
    for (CaConfiguration& ca : cas) {
        place(ca);
    }
}

void RegionPlacement::place(std::vector<Perspective>& perspectives) const {
    for (Perspective& perspective : perspectives) {
        perspective = place(perspective);
    }
}

}  // namespace mpicsim
