// The libFuzzer entry point of fuzz_<reader>; MPICSIM_FUZZED_READER names the reader.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ReaderFuzzing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mpicsim::test::ReaderFuzzing::feed(MPICSIM_FUZZED_READER,
                                       std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
