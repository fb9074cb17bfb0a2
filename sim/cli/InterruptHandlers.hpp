#pragma once

#include <atomic>

namespace mpicsim::cli {

// While it lives, SIGINT and SIGTERM set interrupted(): a study stops after a whole shard.
class InterruptHandlers {
  public:
    InterruptHandlers();
    ~InterruptHandlers();
    InterruptHandlers(const InterruptHandlers&) = delete;
    InterruptHandlers& operator=(const InterruptHandlers&) = delete;

    static const std::atomic<bool>& interrupted();
};

}  // namespace mpicsim::cli
