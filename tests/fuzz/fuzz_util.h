// Helpers shared by the fuzz targets (tests/fuzz/README.md): a failed property prints what
// differs and aborts (libFuzzer keeps the input), a small PRNG that cuts an input into random
// chunks, and UTF-8 helpers written independently of the core's so they can judge it.
// Test code only: builds with clang's libFuzzer and, for replaying inputs, with g++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace ftblock::fuzz {

// splitmix64: chunk sizes and escape choices derived from a few input bytes, so the rest of
// the input stays one contiguous file.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }  // [0, n)
    bool one_in(std::size_t n) { return below(n) == 0; }

private:
    std::uint64_t state_;
};

// Feeds `text` to feed() in chunks of 1..max_chunk bytes (and, when asked, empty feeds between
// them, which the WebAssembly batch API can send); after(chunk) runs after each feed.
template <typename Feed, typename After>
void feed_in_chunks(std::string_view text, Rng& rng, std::size_t max_chunk, bool empty_feeds, Feed&& feed,
                    After&& after) {
    std::size_t at = 0;
    while (at < text.size()) {
        if (empty_feeds && rng.one_in(4)) {
            feed(std::string_view());
            after();
        }
        std::size_t n = 1 + rng.below(max_chunk);
        if (n > text.size() - at) n = text.size() - at;
        feed(text.substr(at, n));
        after();
        at += n;
    }
}

// The largest chunk for a run, from a selector byte: mostly tiny, sometimes block-sized.
inline std::size_t max_chunk_for(unsigned selector) {
    static const std::size_t kSizes[] = {1, 2, 3, 4, 7, 16, 64, 509, 4096};
    return kSizes[selector % (sizeof kSizes / sizeof kSizes[0])];
}

// Strict UTF-8 (RFC 3629): one code point at `pos`, or false (no overlongs, surrogates or
// values past U+10FFFF). Kept apart from the core's decoder on purpose: this one is the judge.
inline bool next_code_point(std::string_view s, std::size_t& pos, char32_t& cp) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char c = byte(pos);
    std::size_t n;
    char32_t min;
    if (c < 0x80) {
        cp = c;
        ++pos;
        return true;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return false;
    }
    if (s.size() - pos < n) return false;
    for (std::size_t i = 1; i < n; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (byte(pos + i) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    pos += n;
    return true;
}

inline void put_code_point(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Arbitrary bytes made valid UTF-8: each byte that does not start a valid sequence becomes
// U+FFFD, so fuzzed text keeps its shape (and its Chinese, emoji, controls).
inline std::string valid_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        std::size_t at = pos;
        char32_t cp;
        if (next_code_point(bytes, pos, cp)) {
            out.append(bytes.substr(at, pos - at));
        } else {
            out += "\xEF\xBF\xBD";
            pos = at + 1;
        }
    }
    return out;
}

// Shows a value in a failure message: printable text as is, control and invalid bytes escaped, long
// values cut in the middle so both ends stay visible.
inline std::string shown(std::string_view s) {
    constexpr std::size_t kMax = 2000;
    std::string out;
    auto add = [&](std::string_view part) {
        for (std::size_t pos = 0; pos < part.size();) {
            const std::size_t at = pos;
            const unsigned char c = static_cast<unsigned char>(part[pos]);
            char32_t cp;
            if (c >= 0x80 && next_code_point(part, pos, cp)) {
                out.append(part.substr(at, pos - at));  // Chinese stays readable
                continue;
            }
            pos = at + 1;
            if (c == '\\') {
                out += "\\\\";
            } else if (c == '\n') {
                out += "\\n\n";  // keep multi-line reports readable
            } else if (c >= 0x20 && c < 0x7F) {
                out += static_cast<char>(c);
            } else {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02X", c);
                out += buf;
            }
        }
    };
    if (s.size() <= kMax) {
        add(s);
    } else {
        add(s.substr(0, kMax / 2));
        out += "\n[... " + std::to_string(s.size() - kMax) + " bytes ...]\n";
        add(s.substr(s.size() - kMax / 2));
    }
    return out;
}

[[noreturn]] inline void fail(const char* file, int line, const char* what, std::string_view a = {},
                              std::string_view b = {}) {
    std::fprintf(stderr, "\n==== fuzz property violated (%s:%d): %s\n", file, line, what);
    if (!a.empty()) std::fprintf(stderr, "---- first:\n%s\n", shown(a).c_str());
    if (!b.empty()) std::fprintf(stderr, "---- second:\n%s\n", shown(b).c_str());
    std::fflush(stderr);
    std::abort();  // libFuzzer saves the input as crash-<sha1>
}

}  // namespace ftblock::fuzz

// FUZZ_CHECK(condition): the property holds, or the target aborts naming it.
#define FUZZ_CHECK(cond)                                               \
    do {                                                               \
        if (!(cond)) ::ftblock::fuzz::fail(__FILE__, __LINE__, #cond); \
    } while (0)
// FUZZ_FAIL(what, a, b): aborts showing the two values that should have agreed.
#define FUZZ_FAIL(what, a, b) ::ftblock::fuzz::fail(__FILE__, __LINE__, what, a, b)
#define FUZZ_CHECK_EQ(a, b, what)                 \
    do {                                          \
        if (!((a) == (b))) FUZZ_FAIL(what, a, b); \
    } while (0)
