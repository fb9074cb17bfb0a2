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
    std::map<Asn, Rir> rirs;  // the optional fourth column of the names file

    // Reads FOLDER/classroom-links.txt (CAIDA format) and FOLDER/classroom-names.txt
    // (ASN|name|role, optionally |RIR); throws InputError naming the file and line.
    static std::unique_ptr<ClassroomTopology> load(const QString& folder);
    QString label(Asn asn) const;
    // The RIR a remote perspective in this AS serves: the names file's, else ARIN.
    Rir rirOf(Asn asn) const;
};

}  // namespace mpicsim::gui
