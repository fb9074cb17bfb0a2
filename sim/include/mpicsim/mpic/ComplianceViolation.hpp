#pragma once

#include <string>

namespace mpicsim {

struct ComplianceViolation {
    std::string rule;     // short identifier, e.g. "too-few-remotes"
    std::string message;  // one sentence naming the perspectives and the rule's source
};

}  // namespace mpicsim
