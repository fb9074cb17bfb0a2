#include "InterruptHandlers.hpp"

#include <csignal>

namespace mpicsim::cli {
namespace {

std::atomic<bool> interruptedFlag{false};

extern "C" void onInterrupt(int) {
    interruptedFlag.store(true);
}

}  // namespace

InterruptHandlers::InterruptHandlers() {
    interruptedFlag.store(false);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

InterruptHandlers::~InterruptHandlers() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

const std::atomic<bool>& InterruptHandlers::interrupted() {
    return interruptedFlag;
}

}  // namespace mpicsim::cli
