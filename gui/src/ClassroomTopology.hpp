#pragma once

#include <QString>
#include <map>
#include <memory>

#include "mpicsim/mpic/Rir.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim::gui {

// The classroom topology (topology_data/classroom/) with its AS names and roles.
struct ClassroomTopology {
    AsGraph graph;
    std::map<Asn, QString> names;
    std::map<Asn, QString> roles;

    // Reads FOLDER/classroom-links.txt and FOLDER/classroom-names.txt; throws InputError.
    static std::unique_ptr<ClassroomTopology> load(const QString& folder);
    QString label(Asn asn) const;
    // The RIR a remote perspective in this AS is taken to serve (documented in gui/README.md).
    Rir rirOf(Asn asn) const;
};

}  // namespace mpicsim::gui
