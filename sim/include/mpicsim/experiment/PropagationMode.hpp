#pragma once

namespace mpicsim {

// How a study propagates each trial: only where its perspectives need routes (Propagator::run
// with a PropagationScope), or over the whole graph (the oracle scoped runs are tested against;
// the results are the same).
enum class PropagationMode { Scoped, Full };

}  // namespace mpicsim
