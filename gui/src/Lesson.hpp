#pragma once

#include <string>
#include <vector>

#include "ClassroomSetup.hpp"

namespace mpicsim::gui {

// A classroom lesson: the topology folder it was prepared on (empty: the built-in one) and the
// steps a teacher walks through, each a full ClassroomSetup.
struct Lesson {
    std::string topologyFolder;
    std::vector<ClassroomSetup> steps;
};

}  // namespace mpicsim::gui
