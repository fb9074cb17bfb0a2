#include "mpicsim/io/QuorumSweepSpecReader.hpp"

#include "CaConfigurationJson.hpp"
#include "JsonFields.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {

QuorumSweepSpec QuorumSweepSpecReader::parse(std::string_view text, const std::string& source,
                                             const PerspectiveCatalog& catalog) {
    using detail::JsonFields;
    const nlohmann::json document = JsonFields::parse(text, source);
    const JsonFields root(document, "", source);
    if (!root.has("sweep")) {
        root.failHere("missing the 'sweep' block that `mpicsim quorum-sweep` reads");
    }
    const JsonFields block(root.at("sweep"), "/sweep", source);
    block.allowOnly({"primary", "remotes", "from", "br_dates"});
    QuorumSweepSpec spec;
    if (block.has("primary")) {
        spec.primary = detail::resolvePerspective(block.at("primary"), block.pointerTo("primary"),
                                                  source, catalog);
    }
    if (!block.has("remotes") || !block.at("remotes").is_array() ||
        block.at("remotes").size() < 2) {
        block.failHere(
            "expected 'remotes': an ordered array of at least 2 catalog ids or "
            "perspective objects");
    }
    const nlohmann::json& remotes = block.at("remotes");
    if (remotes.size() > 127) {
        block.fail("remotes", "at most 127 remotes, got " + std::to_string(remotes.size()));
    }
    for (std::size_t i = 0; i < remotes.size(); ++i) {
        spec.remotes.push_back(detail::resolvePerspective(
            remotes[i], block.pointerTo("remotes") + "/" + std::to_string(i), source, catalog));
        for (std::size_t j = 0; j < i; ++j) {
            if (spec.remotes[j].id == spec.remotes[i].id) {
                block.fail("remotes", "\"" + spec.remotes[i].id + "\" is listed twice");
            }
        }
    }
    spec.fromRemotes = static_cast<std::size_t>(
        block
            .optionalInteger("from", 1,
                             static_cast<std::int64_t>(std::min<std::size_t>(remotes.size(), 127)))
            .value_or(2));
    if (block.has("br_dates")) {
        const nlohmann::json& dates = block.at("br_dates");
        if (!dates.is_array() || dates.empty()) {
            block.fail("br_dates", "expected a non-empty array of dates YYYY-MM-DD");
        }
        for (std::size_t i = 0; i < dates.size(); ++i) {
            const std::string pointer = block.pointerTo("br_dates") + "/" + std::to_string(i);
            const auto date =
                dates[i].is_string() ? parseIsoDate(dates[i].get<std::string>()) : std::nullopt;
            const auto phase = date ? QuorumPolicyTable::lookup("br", *date) : std::nullopt;
            if (!phase) {
                throw InputError(source, 0,
                                 "at " + pointer +
                                     ": expected a date YYYY-MM-DD on which a BR phase is in "
                                     "force (from 2025-03-15), got " +
                                     JsonFields::shortDump(dates[i]));
            }
            spec.phases.push_back(*phase);
        }
    } else {
        for (const QuorumPolicy& row : QuorumPolicyTable::rows()) {
            if (row.name == "br") {
                spec.phases.push_back(row);
            }
        }
    }
    for (const QuorumPolicy& phase : spec.phases) {
        if (phase.primaryRequired && !spec.primary) {
            block.failHere("BR phase " + phase.phase +
                           " needs a primary perspective: give 'primary'");
        }
    }
    return spec;
}

QuorumSweepSpec QuorumSweepSpecReader::readFile(const std::filesystem::path& path,
                                                const PerspectiveCatalog& catalog) {
    return parse(InputFile::read(path), path.string(), catalog);
}

}  // namespace mpicsim
