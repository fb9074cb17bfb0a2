#include "ClassroomTopology.hpp"

#include <QFile>
#include <QTextStream>

#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim::gui {

std::unique_ptr<ClassroomTopology> ClassroomTopology::load(const QString& folder) {
    const QString topologyPath = folder + "/classroom-links.txt";
    const QString namesPath = folder + "/classroom-names.txt";
    auto topology = std::unique_ptr<ClassroomTopology>(
        new ClassroomTopology{CaidaReader::readFile(topologyPath.toStdString()), {}, {}, {}});
    QFile file(namesPath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        throw InputError(namesPath.toStdString(), 0, "cannot open");
    }
    QTextStream in(&file);
    int lineNumber = 0;
    while (!in.atEnd()) {
        const QString line = in.readLine();
        ++lineNumber;
        if (line.trimmed().isEmpty() || line.startsWith('#')) {
            continue;
        }
        const QStringList fields = line.split('|');
        bool ok = false;
        const Asn asn = fields.value(0).toUInt(&ok);
        if (fields.size() < 3 || fields.size() > 4 || !ok) {
            throw InputError(namesPath.toStdString(), static_cast<std::size_t>(lineNumber),
                             "expected ASN|name|role or ASN|name|role|RIR");
        }
        if (!topology->graph.nodeOf(asn)) {
            throw InputError(
                namesPath.toStdString(), static_cast<std::size_t>(lineNumber),
                "AS" + std::to_string(asn) + " is not in " + topologyPath.toStdString());
        }
        topology->names[asn] = fields[1];
        topology->roles[asn] = fields[2];
        if (fields.size() == 4 && !fields[3].trimmed().isEmpty()) {
            const auto rir = rirFromString(fields[3].trimmed().toStdString());
            if (!rir) {
                throw InputError(namesPath.toStdString(), static_cast<std::size_t>(lineNumber),
                                 "unknown RIR '" + fields[3].trimmed().toStdString() +
                                     "' (expected ARIN, RIPE, APNIC, LACNIC or AFRINIC)");
            }
            topology->rirs[asn] = *rir;
        }
    }
    return topology;
}

QString ClassroomTopology::label(Asn asn) const {
    const auto found = names.find(asn);
    return found == names.end() ? QString("AS%1").arg(asn) : found->second;
}

Rir ClassroomTopology::rirOf(Asn asn) const {
    const auto found = rirs.find(asn);
    return found == rirs.end() ? Rir::Arin : found->second;
}

}  // namespace mpicsim::gui
