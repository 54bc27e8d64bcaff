// memcpy and memchr for the validator module, replacing the C library's (whose memcpy is a weak
// alias, and whose memchr is alone in its object file, so the linker takes these instead).
// Why: Emscripten 3.1.6's memcpy calls out to JavaScript for every copy of 512 bytes or more and
// copies smaller ones with alignment checks and byte loops; its memchr scans four bytes at a time.
// Both are hot when records are read (string appends, line splitting): with these two the batch
// was ~6 % faster on the benchmark (bench/README.md). Compiled without LTO (a C library function
// must not live in LTO bitcode) and with bulk memory for memory.copy.
#include <cstddef>
#include <cstdint>

namespace {

using U64 = std::uint64_t __attribute__((aligned(1), may_alias));  // unaligned access is fine in wasm
using U32 = std::uint32_t __attribute__((aligned(1), may_alias));

}  // namespace

extern "C" {

void* memcpy(void* __restrict dest, const void* __restrict src, std::size_t n) {
    auto* d = static_cast<unsigned char*>(dest);
    const auto* s = static_cast<const unsigned char*>(src);
    if (n >= 512) return __builtin_memcpy(dest, src, n);  // memory.copy: no call out to JavaScript
    if (n >= 8) {                                         // eight bytes at a time, the last eight overlapping
        const std::uint64_t last = *reinterpret_cast<const U64*>(s + n - 8);
        for (std::size_t i = 0; i + 8 < n; i += 8)
            *reinterpret_cast<U64*>(d + i) = *reinterpret_cast<const U64*>(s + i);
        *reinterpret_cast<U64*>(d + n - 8) = last;
        return dest;
    }
    if (n >= 4) {
        const std::uint32_t first = *reinterpret_cast<const U32*>(s), last = *reinterpret_cast<const U32*>(s + n - 4);
        *reinterpret_cast<U32*>(d) = first;
        *reinterpret_cast<U32*>(d + n - 4) = last;
        return dest;
    }
    for (std::size_t i = 0; i < n; ++i) d[i] = s[i];
    return dest;
}

void* memchr(const void* src, int c, std::size_t n) {
    const auto* s = static_cast<const unsigned char*>(src);
    const auto b = static_cast<unsigned char>(c);
    for (; (reinterpret_cast<std::uintptr_t>(s) & 7) && n; ++s, --n)
        if (*s == b) return const_cast<unsigned char*>(s);
    const std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull, pattern = ones * b;
    for (; n >= 8; s += 8, n -= 8) {  // eight bytes at a time until one of them may match
        const std::uint64_t w = *reinterpret_cast<const std::uint64_t*>(s) ^ pattern;
        if ((w - ones) & ~w & highs) break;
    }
    for (; n; ++s, --n)
        if (*s == b) return const_cast<unsigned char*>(s);
    return nullptr;
}

}  // extern "C"
