#include "OptionChoices.hpp"

#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/mpic/Rir.hpp"
#include "mpicsim/mpic/ValidationMethod.hpp"
#include "mpicsim/routing/AttackType.hpp"

namespace mpicsim::cli {
namespace {

template <typename Values>
std::vector<std::string> namesOf(const Values& values) {
    std::vector<std::string> names;
    for (const auto value : values) {
        names.emplace_back(toString(value));
    }
    return names;
}

}  // namespace

std::vector<std::string> OptionChoices::attackTypes() {
    return namesOf(kAllAttackTypes);
}

std::vector<std::string> OptionChoices::validationMethods() {
    return namesOf(kAllValidationMethods);
}

std::vector<std::string> OptionChoices::policies() {
    return QuorumPolicyTable::nameList();
}

std::vector<std::string> OptionChoices::caPresets() {
    return CaConfigurationReader::presetNames();
}

std::vector<std::string> OptionChoices::rirs() {
    return namesOf(kAllRirs);
}

std::vector<std::string> OptionChoices::tieBreaks() {
    return {"lowest-asn", "random:SEED", "md5"};
}

std::string OptionChoices::joined(const std::vector<std::string>& names,
                                  std::string_view separator) {
    std::string text;
    for (const std::string& name : names) {
        if (!text.empty()) {
            text += separator;
        }
        text += name;
    }
    return text;
}

std::string OptionChoices::alternatives(const std::vector<std::string>& names) {
    if (names.size() < 2) {
        return joined(names, "");
    }
    const std::vector<std::string> allButLast(names.begin(), names.end() - 1);
    return joined(allButLast, ", ") + " or " + names.back();
}

}  // namespace mpicsim::cli
