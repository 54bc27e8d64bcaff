// The block scans of simd_scan.h. UTF-8 is validated with the three-table lookup of Keiser and
// Lemire ("Validating UTF-8 in less than one instruction per byte", 2021): every pair of a byte
// and the byte before it is classified by three 16-entry tables (the high and low nibble of the
// first, the high nibble of the second) whose bits name the errors that pair can be part of; a bit
// set in all three is an error, except that a continuation byte two or three after a three- or
// four-byte lead is expected. Needs a byte shuffle (AVX2, SIMD128); the SSE2 level skips ASCII
// sixteen bytes at a time and checks each non-ASCII sequence itself.
#include "simd_scan.h"

#include <atomic>
#include <cstdint>

#include "utf8_scan.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FTBLOCK_X86 1
#endif
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define FTBLOCK_SIMD128 1
#endif

namespace ftblock {
namespace detail {

namespace {

#if defined(FTBLOCK_X86) || defined(FTBLOCK_SIMD128)
// The error classes (bits) of the lookup.
constexpr std::uint8_t kTooShort = 1 << 0;      // a lead or ASCII, then a lead or ASCII where a continuation was due
constexpr std::uint8_t kTooLong = 1 << 1;       // ASCII, then a continuation
constexpr std::uint8_t kOverlong3 = 1 << 2;     // E0 80..9F
constexpr std::uint8_t kTooLarge = 1 << 3;      // F4 90.., F5..FF
constexpr std::uint8_t kSurrogate = 1 << 4;     // ED A0..BF
constexpr std::uint8_t kOverlong2 = 1 << 5;     // C0, C1
constexpr std::uint8_t kTooLarge1000 = 1 << 6;  // F5..FF 80..8F
constexpr std::uint8_t kOverlong4 = 1 << 6;     // F0 80..8F (shares the bit: never both)
constexpr std::uint8_t kTwoConts = 1 << 7;      // a continuation after a continuation (fine after E0+ or F0+)
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

// By the high nibble of the first byte of the pair.
alignas(16) constexpr std::uint8_t kByte1High[16] = {
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,  // ASCII
    kTwoConts,
    kTwoConts,
    kTwoConts,
    kTwoConts,                                           // continuation
    kTooShort | kOverlong2,                              // C_
    kTooShort,                                           // D_
    kTooShort | kOverlong3 | kSurrogate,                 // E_
    kTooShort | kTooLarge | kTooLarge1000 | kOverlong4,  // F_
};
// By the low nibble of the first byte.
alignas(16) constexpr std::uint8_t kByte1Low[16] = {
    kCarry | kOverlong3 | kOverlong2 | kOverlong4,  // _0
    kCarry | kOverlong2,                            // _1
    kCarry,
    kCarry,
    kCarry | kTooLarge,  // _4
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000 | kSurrogate,  // _D
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
};
// By the high nibble of the second byte.
alignas(16) constexpr std::uint8_t kByte2High[16] = {
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,                                                                    // ASCII
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,  // 8_
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,                   // 9_
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                   // A_
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                   // B_
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,  // leads
};

// p, just after a validated block, backed up to the start of a sequence the block cut.
const unsigned char* boundary_before(const unsigned char* start, const unsigned char* p) {
    for (int k = 1; k <= 3 && p - k >= start; ++k) {
        const unsigned char c = p[-k];
        if (c < 0x80) return p;
        if (c >= 0xC0) {
            const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            return length > k ? p - k : p;
        }
    }
    return p;
}

inline unsigned lowest_bit(std::uint32_t mask) { return static_cast<unsigned>(__builtin_ctz(mask)); }

// The end of measure_text's blocks: when they stopped inside a sequence, back to its lead (counted
// already, so one code point less; the scalar loop counts it again).
const unsigned char* text_boundary(const unsigned char* start, const unsigned char* p, const unsigned char* end,
                                   std::size_t& code_points) {
    if (p >= end || (*p & 0xC0) != 0x80) return p;
    while (p > start && (*p & 0xC0) == 0x80) --p;
    --code_points;
    return p;
}

#endif  // FTBLOCK_X86 || FTBLOCK_SIMD128

// --- scalar (the exact loops of the callers do it all) -----------------------------------------

const unsigned char* run_scalar(const unsigned char* p, const unsigned char*) { return p; }
const unsigned char* text_scalar(const unsigned char* p, const unsigned char*, bool, std::size_t&) { return p; }

bool valid_scalar(const unsigned char* p, const unsigned char* end) {
    return is_valid_utf8_scalar(std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(end - p)));
}

#ifdef FTBLOCK_X86
// --- SSE2: ASCII sixteen bytes at a time, each other sequence checked here ---------------------

const unsigned char* run_sse2(const unsigned char* p, const unsigned char* end) {
    const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'), low = _mm_set1_epi8(0x1F);
    while (end - p >= 16) {
        const __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(in, quote), _mm_cmpeq_epi8(in, slash)),
                                             _mm_cmpeq_epi8(_mm_min_epu8(in, low), in));
        const auto stop = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(special, in)));
        if (!stop) {
            p += 16;
            continue;
        }
        p += lowest_bit(stop);
        if (*p < 0x80) return p;  // '"', '\\' or a control byte
        const std::size_t n = utf8_sequence(p, end);
        if (!n) return p;
        p += n;
    }
    return p;
}

bool valid_sse2(const unsigned char* p, const unsigned char* end) {
    while (end - p >= 16) {
        const __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const auto high = static_cast<std::uint32_t>(_mm_movemask_epi8(in));
        if (!high) {
            p += 16;
            continue;
        }
        p += lowest_bit(high);
        const std::size_t n = utf8_sequence(p, end);
        if (!n) return false;
        p += n;
    }
    return valid_scalar(p, end);
}

// measure_text's plain bytes, sixteen at a time: the code points are the bytes that are not
// continuations (10xxxxxx, as signed bytes below -64).
const unsigned char* text_sse2(const unsigned char* p, const unsigned char* end, bool blank, std::size_t& code_points) {
    const __m128i below = _mm_set1_epi8(blank ? 0x20 : 0x1F), del = _mm_set1_epi8(0x7F),
                  c2 = _mm_set1_epi8(static_cast<char>(0xC2)), e1 = _mm_set1_epi8(static_cast<char>(0xE1)),
                  two = _mm_set1_epi8(2), cont = _mm_set1_epi8(-64);
    while (end - p >= 16) {
        const __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        __m128i odd = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(in, below), in), _mm_cmpeq_epi8(in, del)),
                                   _mm_cmpeq_epi8(in, c2));
        if (blank) {  // the leads E1..E3: in - E1 at most 2
            const __m128i from_e1 = _mm_sub_epi8(in, e1);
            odd = _mm_or_si128(odd, _mm_cmpeq_epi8(_mm_min_epu8(from_e1, two), from_e1));
        }
        const auto stop = static_cast<std::uint32_t>(_mm_movemask_epi8(odd));
        const auto conts = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpgt_epi8(cont, in)));
        const unsigned take = stop ? lowest_bit(stop) : 16;
        const std::uint32_t lanes = take == 16 ? 0xFFFFu : (1u << take) - 1;
        code_points += take - static_cast<unsigned>(__builtin_popcount(conts & lanes));
        p += take;
        if (stop) return p;
    }
    return p;
}

const char* csv_sse2(const char* p, const char* end, bool quoted) {
    const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n'),
                  comma = _mm_set1_epi8(quoted ? '"' : ',');
    while (end - p >= 16) {
        const __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(in, quote), _mm_cmpeq_epi8(in, comma)),
                                         _mm_or_si128(_mm_cmpeq_epi8(in, cr), _mm_cmpeq_epi8(in, lf)));
        const auto mask = static_cast<std::uint32_t>(_mm_movemask_epi8(hit));
        if (mask) return p + lowest_bit(mask);
        p += 16;
    }
    return p;
}

// --- AVX2: the lookup, thirty-two bytes at a time ----------------------------------------------

struct Avx2Tables {
    __m256i byte_1_high, byte_1_low, byte_2_high, nibble, third, fourth;
};

__attribute__((target("avx2"))) inline Avx2Tables avx2_tables() {
    return Avx2Tables{_mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(kByte1High))),
                      _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(kByte1Low))),
                      _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(kByte2High))),
                      _mm256_set1_epi8(0x0F),
                      _mm256_set1_epi8(0xE0 - 0x80),
                      _mm256_set1_epi8(0xF0 - 0x80)};
}

// Error lanes (bit per byte) of `in` after `prev`.
__attribute__((target("avx2"))) inline std::uint32_t avx2_errors(const Avx2Tables& t, __m256i in, __m256i prev) {
    const __m256i shifted = _mm256_permute2x128_si256(prev, in, 0x21);  // prev's high half, in's low half
    const __m256i prev1 = _mm256_alignr_epi8(in, shifted, 15);
    const __m256i prev2 = _mm256_alignr_epi8(in, shifted, 14);
    const __m256i prev3 = _mm256_alignr_epi8(in, shifted, 13);
    const __m256i b1h = _mm256_shuffle_epi8(t.byte_1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), t.nibble));
    const __m256i b1l = _mm256_shuffle_epi8(t.byte_1_low, _mm256_and_si256(prev1, t.nibble));
    const __m256i b2h = _mm256_shuffle_epi8(t.byte_2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), t.nibble));
    const __m256i special = _mm256_and_si256(_mm256_and_si256(b1h, b1l), b2h);
    const __m256i must23 = _mm256_or_si256(_mm256_subs_epu8(prev2, t.third), _mm256_subs_epu8(prev3, t.fourth));
    const __m256i must23_80 = _mm256_and_si256(must23, _mm256_set1_epi8(static_cast<char>(0x80)));
    const __m256i error = _mm256_xor_si256(must23_80, special);
    return ~static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(error, _mm256_setzero_si256())));
}

__attribute__((target("avx2"))) const unsigned char* run_avx2(const unsigned char* p, const unsigned char* end) {
    const unsigned char* const start = p;
    const Avx2Tables t = avx2_tables();
    const __m256i quote = _mm256_set1_epi8('"'), slash = _mm256_set1_epi8('\\'), low = _mm256_set1_epi8(0x1F);
    __m256i prev = _mm256_setzero_si256();  // before p: a boundary, as after ASCII
    bool prev_ascii = true;
    while (end - p >= 32) {
        const __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        const auto special = static_cast<std::uint32_t>(_mm256_movemask_epi8(
            _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(in, quote), _mm256_cmpeq_epi8(in, slash)),
                            _mm256_cmpeq_epi8(_mm256_min_epu8(in, low), in))));
        const auto high = static_cast<std::uint32_t>(_mm256_movemask_epi8(in));
        if (high || !prev_ascii) {
            std::uint32_t errors = avx2_errors(t, in, prev);
            if (special) {
                const unsigned at = lowest_bit(special);  // lanes after the string's end do not count
                errors &= at == 31 ? 0xFFFFFFFFu : (2u << at) - 1;
            }
            if (errors) return start;  // the exact loop finds it
        }
        if (special) return p + lowest_bit(special);
        prev = in;
        prev_ascii = !high;
        p += 32;
    }
    return prev_ascii ? p : boundary_before(start, p);
}

__attribute__((target("avx2"))) bool valid_avx2(const unsigned char* p, const unsigned char* end) {
    const unsigned char* const start = p;
    const Avx2Tables t = avx2_tables();
    __m256i prev = _mm256_setzero_si256();
    bool prev_ascii = true;
    while (end - p >= 32) {
        const __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        const auto high = static_cast<std::uint32_t>(_mm256_movemask_epi8(in));
        if ((high || !prev_ascii) && avx2_errors(t, in, prev)) return false;
        prev = in;
        prev_ascii = !high;
        p += 32;
    }
    return valid_scalar(prev_ascii ? p : boundary_before(start, p), end);
}

__attribute__((target("avx2"))) const unsigned char* text_avx2(const unsigned char* p, const unsigned char* end,
                                                               bool blank, std::size_t& code_points) {
    const __m256i below = _mm256_set1_epi8(blank ? 0x20 : 0x1F), del = _mm256_set1_epi8(0x7F),
                  c2 = _mm256_set1_epi8(static_cast<char>(0xC2)), e1 = _mm256_set1_epi8(static_cast<char>(0xE1)),
                  two = _mm256_set1_epi8(2), cont = _mm256_set1_epi8(-64);
    while (end - p >= 32) {
        const __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        __m256i odd = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(in, below), in), _mm256_cmpeq_epi8(in, del)),
            _mm256_cmpeq_epi8(in, c2));
        if (blank) {
            const __m256i from_e1 = _mm256_sub_epi8(in, e1);
            odd = _mm256_or_si256(odd, _mm256_cmpeq_epi8(_mm256_min_epu8(from_e1, two), from_e1));
        }
        const auto stop = static_cast<std::uint32_t>(_mm256_movemask_epi8(odd));
        const auto conts = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(cont, in)));
        const unsigned take = stop ? lowest_bit(stop) : 32;
        const std::uint32_t lanes = take == 32 ? 0xFFFFFFFFu : (1u << take) - 1;
        code_points += take - static_cast<unsigned>(__builtin_popcount(conts & lanes));
        p += take;
        if (stop) return p;
    }
    return text_sse2(p, end, blank, code_points);
}

__attribute__((target("avx2"))) const char* csv_avx2(const char* p, const char* end, bool quoted) {
    const __m256i quote = _mm256_set1_epi8('"'), cr = _mm256_set1_epi8('\r'), lf = _mm256_set1_epi8('\n'),
                  comma = _mm256_set1_epi8(quoted ? '"' : ',');
    while (end - p >= 32) {
        const __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        const __m256i hit = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(in, quote), _mm256_cmpeq_epi8(in, comma)),
                                            _mm256_or_si256(_mm256_cmpeq_epi8(in, cr), _mm256_cmpeq_epi8(in, lf)));
        const auto mask = static_cast<std::uint32_t>(_mm256_movemask_epi8(hit));
        if (mask) return p + lowest_bit(mask);
        p += 32;
    }
    return csv_sse2(p, end, quoted);
}
#endif  // FTBLOCK_X86

#ifdef FTBLOCK_SIMD128
// --- WebAssembly SIMD128: the lookup, sixteen bytes at a time ----------------------------------

inline std::uint32_t simd128_errors(v128_t in, v128_t prev) {
    const v128_t b1h_table = wasm_v128_load(kByte1High), b1l_table = wasm_v128_load(kByte1Low),
                 b2h_table = wasm_v128_load(kByte2High);
    const v128_t prev1 = wasm_i8x16_shuffle(prev, in, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
    const v128_t prev2 = wasm_i8x16_shuffle(prev, in, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
    const v128_t prev3 = wasm_i8x16_shuffle(prev, in, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28);
    const v128_t nibble = wasm_u8x16_splat(0x0F);
    const v128_t b1h = wasm_i8x16_swizzle(b1h_table, wasm_u8x16_shr(prev1, 4));
    const v128_t b1l = wasm_i8x16_swizzle(b1l_table, wasm_v128_and(prev1, nibble));
    const v128_t b2h = wasm_i8x16_swizzle(b2h_table, wasm_u8x16_shr(in, 4));
    const v128_t special = wasm_v128_and(wasm_v128_and(b1h, b1l), b2h);
    const v128_t must23 = wasm_v128_or(wasm_u8x16_sub_sat(prev2, wasm_u8x16_splat(0xE0 - 0x80)),
                                       wasm_u8x16_sub_sat(prev3, wasm_u8x16_splat(0xF0 - 0x80)));
    const v128_t error = wasm_v128_xor(wasm_v128_and(must23, wasm_u8x16_splat(0x80)), special);
    return ~static_cast<std::uint32_t>(wasm_i8x16_bitmask(wasm_i8x16_eq(error, wasm_i8x16_splat(0)))) & 0xFFFFu;
}

const unsigned char* run_simd128(const unsigned char* p, const unsigned char* end) {
    const unsigned char* const start = p;
    const v128_t quote = wasm_i8x16_splat('"'), slash = wasm_i8x16_splat('\\'), space = wasm_u8x16_splat(0x20);
    v128_t prev = wasm_i8x16_splat(0);
    bool prev_ascii = true;
    while (end - p >= 16) {
        const v128_t in = wasm_v128_load(p);
        const auto special = static_cast<std::uint32_t>(wasm_i8x16_bitmask(
            wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(in, quote), wasm_i8x16_eq(in, slash)), wasm_u8x16_lt(in, space))));
        const auto high = static_cast<std::uint32_t>(wasm_i8x16_bitmask(in));
        if (high || !prev_ascii) {
            std::uint32_t errors = simd128_errors(in, prev);
            if (special) errors &= (2u << lowest_bit(special)) - 1;
            if (errors) return start;
        }
        if (special) return p + lowest_bit(special);
        prev = in;
        prev_ascii = !high;
        p += 16;
    }
    return prev_ascii ? p : boundary_before(start, p);
}

bool valid_simd128(const unsigned char* p, const unsigned char* end) {
    const unsigned char* const start = p;
    v128_t prev = wasm_i8x16_splat(0);
    bool prev_ascii = true;
    while (end - p >= 16) {
        const v128_t in = wasm_v128_load(p);
        const auto high = static_cast<std::uint32_t>(wasm_i8x16_bitmask(in));
        if ((high || !prev_ascii) && simd128_errors(in, prev)) return false;
        prev = in;
        prev_ascii = !high;
        p += 16;
    }
    return valid_scalar(prev_ascii ? p : boundary_before(start, p), end);
}

const unsigned char* text_simd128(const unsigned char* p, const unsigned char* end, bool blank,
                                  std::size_t& code_points) {
    const v128_t below = wasm_u8x16_splat(blank ? 0x21 : 0x20), del = wasm_u8x16_splat(0x7F),
                 c2 = wasm_u8x16_splat(0xC2), e1 = wasm_u8x16_splat(0xE1), three = wasm_u8x16_splat(blank ? 3 : 0),
                 cont = wasm_i8x16_splat(-64);
    while (end - p >= 16) {
        const v128_t in = wasm_v128_load(p);
        const v128_t odd =
            wasm_v128_or(wasm_v128_or(wasm_u8x16_lt(in, below), wasm_i8x16_eq(in, del)),
                         wasm_v128_or(wasm_i8x16_eq(in, c2), wasm_u8x16_lt(wasm_i8x16_sub(in, e1), three)));
        const auto stop = static_cast<std::uint32_t>(wasm_i8x16_bitmask(odd));
        const auto conts = static_cast<std::uint32_t>(wasm_i8x16_bitmask(wasm_i8x16_lt(in, cont)));
        const unsigned take = stop ? lowest_bit(stop) : 16;
        const std::uint32_t lanes = take == 16 ? 0xFFFFu : (1u << take) - 1;
        code_points += take - static_cast<unsigned>(__builtin_popcount(conts & lanes));
        p += take;
        if (stop) return p;
    }
    return p;
}

const char* csv_simd128(const char* p, const char* end, bool quoted) {
    const v128_t quote = wasm_i8x16_splat('"'), cr = wasm_i8x16_splat('\r'), lf = wasm_i8x16_splat('\n'),
                 comma = wasm_i8x16_splat(quoted ? '"' : ',');
    while (end - p >= 16) {
        const v128_t in = wasm_v128_load(p);
        const v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(in, quote), wasm_i8x16_eq(in, comma)),
                                        wasm_v128_or(wasm_i8x16_eq(in, cr), wasm_i8x16_eq(in, lf)));
        const auto mask = static_cast<std::uint32_t>(wasm_i8x16_bitmask(hit));
        if (mask) return p + lowest_bit(mask);
        p += 16;
    }
    return p;
}
#endif  // FTBLOCK_SIMD128

SimdLevel detect() {
#if defined(FTBLOCK_SIMD128)
    return SimdLevel::Simd128;
#elif defined(FTBLOCK_X86)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? SimdLevel::Avx2 : SimdLevel::Sse2;
#else
    return SimdLevel::Scalar;
#endif
}

std::atomic<int>& level_slot() {
    static std::atomic<int> level{static_cast<int>(detect())};
    return level;
}

bool can_do(SimdLevel level) {
    const SimdLevel best = best_simd_level();
    switch (level) {
        case SimdLevel::Scalar: return true;
        case SimdLevel::Sse2: return best == SimdLevel::Sse2 || best == SimdLevel::Avx2;
        case SimdLevel::Avx2: return best == SimdLevel::Avx2;
        case SimdLevel::Simd128: return best == SimdLevel::Simd128;
    }
    return false;
}

}  // namespace

const unsigned char* string_plain_run(const unsigned char* p, const unsigned char* end) {
    switch (simd_level()) {
#ifdef FTBLOCK_X86
        case SimdLevel::Avx2: return run_avx2(p, end);
        case SimdLevel::Sse2: return run_sse2(p, end);
#endif
#ifdef FTBLOCK_SIMD128
        case SimdLevel::Simd128: return run_simd128(p, end);
#endif
        default: return run_scalar(p, end);
    }
}

const unsigned char* text_plain_run(const unsigned char* p, const unsigned char* end, bool blank,
                                    std::size_t& code_points) {
    const unsigned char* q = p;
    switch (simd_level()) {
#ifdef FTBLOCK_X86
        case SimdLevel::Avx2: q = text_avx2(p, end, blank, code_points); break;
        case SimdLevel::Sse2: q = text_sse2(p, end, blank, code_points); break;
#endif
#ifdef FTBLOCK_SIMD128
        case SimdLevel::Simd128: q = text_simd128(p, end, blank, code_points); break;
#endif
        default: return text_scalar(p, end, blank, code_points);
    }
#if defined(FTBLOCK_X86) || defined(FTBLOCK_SIMD128)
    return text_boundary(p, q, end, code_points);
#else
    return q;
#endif
}

const char* csv_stop(const char* p, const char* end, bool quoted) {
    switch (simd_level()) {
#ifdef FTBLOCK_X86
        case SimdLevel::Avx2: p = csv_avx2(p, end, quoted); break;
        case SimdLevel::Sse2: p = csv_sse2(p, end, quoted); break;
#endif
#ifdef FTBLOCK_SIMD128
        case SimdLevel::Simd128: p = csv_simd128(p, end, quoted); break;
#endif
        default: break;
    }
    while (p < end && *p != '"' && *p != '\r' && *p != '\n' && (quoted || *p != ',')) ++p;
    return p;
}

bool utf8_valid(const unsigned char* p, const unsigned char* end) {
    switch (simd_level()) {
#ifdef FTBLOCK_X86
        case SimdLevel::Avx2: return valid_avx2(p, end);
        case SimdLevel::Sse2: return valid_sse2(p, end);
#endif
#ifdef FTBLOCK_SIMD128
        case SimdLevel::Simd128: return valid_simd128(p, end);
#endif
        default: return valid_scalar(p, end);
    }
}

}  // namespace detail

SimdLevel best_simd_level() {
    static const SimdLevel best = detail::detect();
    return best;
}

SimdLevel simd_level() { return static_cast<SimdLevel>(detail::level_slot().load(std::memory_order_relaxed)); }

void set_simd_level(SimdLevel level) {
    detail::level_slot().store(static_cast<int>(detail::can_do(level) ? level : best_simd_level()),
                               std::memory_order_relaxed);
}

const char* simd_level_name(SimdLevel level) {
    switch (level) {
        case SimdLevel::Scalar: return "scalar";
        case SimdLevel::Sse2: return "sse2";
        case SimdLevel::Avx2: return "avx2";
        case SimdLevel::Simd128: return "simd128";
    }
    return "?";
}

bool parse_simd_level(std::string_view name, SimdLevel& out) {
    for (SimdLevel level : {SimdLevel::Scalar, SimdLevel::Sse2, SimdLevel::Avx2, SimdLevel::Simd128})
        if (name == simd_level_name(level)) {
            out = level;
            return true;
        }
    return false;
}

}  // namespace ftblock
