#pragma once

namespace mpicsim::test {

// The number of calls to the global operator new so far in this process. Linking this counter
// replaces the global operator new and delete (see AllocationCounter.cpp).
long allocationsSoFar();

}  // namespace mpicsim::test
