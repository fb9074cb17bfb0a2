#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace mpicsim::test {

// The project's ../shared directory (override with MPICSIM_SHARED).
inline std::filesystem::path sharedDirectory() {
    if (const char* overridden = std::getenv("MPICSIM_SHARED")) {
        return overridden;
    }
    return MPICSIM_SHARED_DIR;
}

inline bool runningUnderCi() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string(ci) == "true";
}

inline std::filesystem::path sharedTopology(const std::string& fileName) {
    return sharedDirectory() / "topology_data" / fileName;
}

}  // namespace mpicsim::test

// Skips the test when a ../shared file is missing, except under CI=true, where it fails.
#define MPICSIM_REQUIRE_SHARED_FILE(path)                                              \
    do {                                                                               \
        if (!std::filesystem::exists(path)) {                                          \
            if (::mpicsim::test::runningUnderCi()) {                                   \
                FAIL() << "required shared file is missing under CI=true: " << (path); \
            }                                                                          \
            GTEST_SKIP() << "shared file not found: " << (path);                       \
        }                                                                              \
    } while (false)
