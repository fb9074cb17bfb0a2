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
        new ClassroomTopology{CaidaReader::readFile(topologyPath.toStdString()), {}, {}});
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
        if (fields.size() != 3 || !ok) {
            throw InputError(namesPath.toStdString(), static_cast<std::size_t>(lineNumber),
                             "expected ASN|name|role");
        }
        topology->names[asn] = fields[1];
        topology->roles[asn] = fields[2];
    }
    return topology;
}

QString ClassroomTopology::label(Asn asn) const {
    const auto found = names.find(asn);
    return found == names.end() ? QString("AS%1").arg(asn) : found->second;
}

Rir ClassroomTopology::rirOf(Asn asn) const {
    // The four clouds stand for four regions; every other AS counts as ARIN.
    switch (asn) {
        case 23:
            return Rir::Ripe;
        case 24:
            return Rir::Apnic;
        case 26:
            return Rir::Lacnic;
        default:
            return Rir::Arin;
    }
}

}  // namespace mpicsim::gui
