// The judge's choice parser: any reply text gives 'a', 'b' or nothing, without crashing.

#include "FuzzSupport.h"
#include "judge/Choice.h"

using namespace rlthf;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto choice = judge::parseChoice(fuzz::bytes(data, size));
    fuzz::require(!choice || *choice == 'a' || *choice == 'b', "a choice other than a or b");
    return 0;
}
