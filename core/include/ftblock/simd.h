// ftblock/simd.h — which block scans the readers use (docs/record-format.md#speed): SSE2 or AVX2
// natively (AVX2 when the processor has it, chosen at run time), SIMD128 in a WebAssembly build
// compiled with -msimd128, else scalar loops. Every level gives the same results; a host may
// choose a lower level to compare speeds (the CLI's FTBLOCK_SIMD environment variable).
#pragma once

#include <string_view>

namespace ftblock {

enum class SimdLevel { Scalar, Sse2, Avx2, Simd128 };

SimdLevel simd_level();                        // what the scans use in this process
SimdLevel best_simd_level();                   // the most this build and processor can do
const char* simd_level_name(SimdLevel level);  // "scalar", "sse2", "avx2", "simd128"
bool parse_simd_level(std::string_view name, SimdLevel& out);
// From now on, for every thread: `level`, or the best one the build and processor can do when
// they cannot do `level`.
void set_simd_level(SimdLevel level);

}  // namespace ftblock
