// Private: the block-at-a-time scans of the readers (docs/record-format.md#speed). Natively
// SSE2 (every x86-64) or AVX2 (chosen at run time when the processor has it); in WebAssembly
// SIMD128 when the module is compiled with -msimd128; else the scalar loops alone. Each scan
// is an accelerator in front of an exact scalar loop: it only says how far the bytes are
// certainly plain, and the scalar loop goes on from there and decides every error, so every
// level reports the same errors at the same places (tests/test_simd_scan.cpp compares them).
#pragma once

#include <cstddef>

#include "ftblock/simd.h"

namespace ftblock::detail {

// From p, at a code point boundary inside a JSON string: the end of its plain run, that is a
// position q >= p at a code point boundary such that [p, q) is valid UTF-8 holding no '"', no
// '\\' and no byte below 0x20. q is at the first such byte when a block finds one; it may stop
// earlier (near `end`, before a sequence a block cuts, before invalid bytes: then at p).
const unsigned char* string_plain_run(const unsigned char* p, const unsigned char* end);

// From p, at a code point boundary of valid UTF-8: a boundary q >= p such that [p, q) holds no
// byte measure_text must look at itself — no control byte (below 0x20, 0x7F, a C2 lead: U+0080 to
// U+009F) and, while `blank` (no other character seen yet), no space and no lead of a
// multi-byte White_Space (C2, E1, E2, E3); adds the code points of [p, q) to code_points.
const unsigned char* text_plain_run(const unsigned char* p, const unsigned char* end, bool blank,
                                    std::size_t& code_points);

// The first byte of [p, end) that ends a CSV cell's run: '"', '\r', '\n', and ',' outside quotes;
// end when none. Blocks as far as they go, the rest byte by byte.
const char* csv_stop(const char* p, const char* end, bool quoted);

// Whether [p, end) is valid UTF-8 (the same answer as find_invalid_utf8 in text.cpp).
bool utf8_valid(const unsigned char* p, const unsigned char* end);

}  // namespace ftblock::detail
