#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "mpicsim/mpic/CaConfiguration.hpp"
#include "mpicsim/mpic/MeasuredAttachments.hpp"
#include "mpicsim/mpic/Perspective.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"
#include "mpicsim/mpic/RegionModel.hpp"
#include "mpicsim/mpic/RegionalAttachment.hpp"

namespace mpicsim {

// Applies a RegionModel to perspectives: the one place a cloud region's catalog entry becomes
// the perspective a study, `verdict` or the GUI places. A perspective is a cloud region when its
// id is in the catalog, it names no neighbours of its own, and its host AS hosts at least two
// catalog perspectives (a cloud with regions, not a single site such as le:primary); inline
// perspectives ("AS16509") and perspectives with their own neighbours are never changed.
class RegionPlacement {
  public:
    // `cloud-as`: every perspective unchanged.
    static RegionPlacement cloudAs();
    // `regional`: neighbours derived by RegionalAttachment (which refers to `graph`).
    static RegionPlacement regional(const AsGraph& graph, const AsOrganisations& organisations,
                                    const PerspectiveCatalog& catalog,
                                    RegionalAttachment::Options options);
    // Measured neighbour sets replace the model for the regions they list.
    static RegionPlacement measured(MeasuredAttachments attachments, std::string file);

    // The catalog's cloud regions, by id (the rule above).
    static std::set<std::string> cloudRegionIds(const PerspectiveCatalog& catalog);

    const RegionModel& model() const { return model_; }
    bool isCloudRegion(const Perspective& perspective) const;
    Perspective place(const Perspective& perspective) const;
    void place(CaConfiguration& ca) const;
    void place(std::vector<CaConfiguration>& cas) const;
    void place(std::vector<Perspective>& perspectives) const;

  private:
    RegionModel model_ = RegionModel::cloudAs();
    std::set<std::string> regionIds_;
    std::shared_ptr<const RegionalAttachment> derivation_;
    MeasuredAttachments measured_;
};

}  // namespace mpicsim
