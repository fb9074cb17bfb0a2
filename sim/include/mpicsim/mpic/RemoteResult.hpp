#pragma once

#include "mpicsim/mpic/Rir.hpp"
#include "mpicsim/routing/Outcome.hpp"

namespace mpicsim {

// Where one remote perspective's validation traffic ended up, and the RIR region it is in.
struct RemoteResult {
    Outcome outcome = Outcome::Disconnected;
    Rir rir = Rir::Arin;
};

}  // namespace mpicsim
