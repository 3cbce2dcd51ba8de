#pragma once
// Fuzz build only: clang 14 cannot compile LibTorch's headers as C++20 against GCC 12's
// standard library (its constexpr std::vector destructor meets a forward-declared
// c10::IValue), so the one LibTorch source the fuzz targets need (reward/RewardModel.cpp,
// for the loop settings' model names) is compiled as C++17, and gets C++20's std::bit_cast
// from here.
#include <bit>

#if __cplusplus < 202002L
namespace std {
template <class To, class From> constexpr To bit_cast(const From& from) noexcept {
    return __builtin_bit_cast(To, from);
}
} // namespace std
#endif
