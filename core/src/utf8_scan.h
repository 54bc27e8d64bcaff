// Private: the hot UTF-8 loops shared by the readers and the validator — table-driven
// validation with an eight-bytes-at-a-time ASCII fast path, and one pass that measures a valid
// string (code points, first control character, blankness). Same acceptance as
// find_invalid_utf8() in text.cpp, which stays the simple reference the tests compare against.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "ftblock/text.h"
#include "simd_scan.h"

namespace ftblock::detail {

constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

inline std::uint64_t load8(const void* p) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
}

// Per lead byte (Unicode table 3-7): the sequence length and the range of the second byte,
// which rules out overlongs, surrogates and code points past U+10FFFF.
struct Utf8Lead {
    std::uint8_t length = 0;  // 0: never starts a sequence
    std::uint8_t low = 0x80, high = 0xBF;
};

constexpr std::array<Utf8Lead, 256> make_utf8_leads() {
    std::array<Utf8Lead, 256> table{};
    for (int c = 0; c < 0x80; ++c) table[static_cast<std::size_t>(c)] = {1, 0, 0};
    for (int c = 0xC2; c <= 0xDF; ++c) table[static_cast<std::size_t>(c)] = {2, 0x80, 0xBF};
    for (int c = 0xE0; c <= 0xEF; ++c) table[static_cast<std::size_t>(c)] = {3, 0x80, 0xBF};
    for (int c = 0xF0; c <= 0xF4; ++c) table[static_cast<std::size_t>(c)] = {4, 0x80, 0xBF};
    table[0xE0].low = 0xA0;
    table[0xED].high = 0x9F;
    table[0xF0].low = 0x90;
    table[0xF4].high = 0x8F;
    return table;
}
inline constexpr std::array<Utf8Lead, 256> kUtf8Leads = make_utf8_leads();

// Length of the valid sequence starting at p (a byte >= 0x80), or 0 when it is not valid.
inline std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
    const Utf8Lead& lead = kUtf8Leads[*p];
    if (lead.length < 2 || end - p < lead.length) return 0;
    if (p[1] < lead.low || p[1] > lead.high) return 0;
    if (lead.length >= 3 && (p[2] & 0xC0) != 0x80) return 0;
    if (lead.length == 4 && (p[3] & 0xC0) != 0x80) return 0;
    return lead.length;
}

// The scalar reference of is_valid_utf8 (and its tail after the blocks).
inline bool is_valid_utf8_scalar(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = p + text.size();
    while (p < end) {
        if (*p < 0x80) {
            while (end - p >= 8 && !(load8(p) & kHighBits)) p += 8;
            while (p < end && *p < 0x80) ++p;
            continue;
        }
        std::size_t n = utf8_sequence(p, end);
        if (!n) return false;
        p += n;
    }
    return true;
}

inline bool is_valid_utf8(std::string_view text) {
    if (text.size() < 32) return is_valid_utf8_scalar(text);
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    return utf8_valid(p, p + text.size());  // blocks (simd_scan.h)
}

struct TextFacts {
    std::size_t code_points = 0;
    char32_t control = 0;        // the first control character (docs/record-format.md#values), if any
    std::size_t control_at = 0;  // its 1-based position in code points; 0 when none
    bool blank = true;           // only White_Space (or empty)
};

// One pass over a valid UTF-8 string. Only a few lead bytes can start a control character
// (C2: U+0080–009F) or White_Space (C2, E1, E2, E3); every other sequence — most Chinese text —
// is just counted.
inline TextFacts measure_text(std::string_view text) {
    TextFacts facts;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = p + text.size();
    while (p < end) {
        if (end - p >= 16) {  // blocks of bytes that need no look (simd_scan.h)
            const auto* q = text_plain_run(p, end, facts.blank, facts.code_points);
            if (q != p) {
                facts.blank = false;
                p = q;
                if (p >= end) break;
            }
        }
        unsigned char c = *p;
        if (c > 0x20 && c < 0x7F) {  // printable ASCII, not a space: then try eight at a time
            facts.blank = false;
            ++facts.code_points;
            ++p;
            // Eight ASCII bytes from 0x20 to 0x7E: none below 0x20, none is 0x7F, none has the
            // high bit (English text with its spaces stays on this path).
            while (end - p >= 8) {
                const std::uint64_t w = load8(p);
                const std::uint64_t del = w ^ 0x7F7F7F7F7F7F7F7Full;
                const std::uint64_t odd =
                    ((w - 0x2020202020202020ull) & ~w) | ((del - 0x0101010101010101ull) & ~del) | w;
                if (odd & kHighBits) break;
                facts.code_points += 8;
                p += 8;
            }
            continue;
        }
        std::size_t n = c < 0x80 ? 1 : kUtf8Leads[c].length;
        if (n == 0 || end - p < static_cast<std::ptrdiff_t>(n)) n = 1;  // not expected: input is valid
        ++facts.code_points;
        if (n == 4 || (n == 3 && c >= 0xE4) || (n == 2 && c != 0xC2)) {
            facts.blank = false;
            p += n;
            continue;
        }
        char32_t cp;
        switch (n) {
            case 1: cp = c; break;
            case 2: cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu); break;
            default: cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        }
        if (!facts.control_at && is_control_char(cp)) {
            facts.control = cp;
            facts.control_at = facts.code_points;
        }
        if (facts.blank && !is_white_space(cp)) facts.blank = false;
        p += n;
    }
    return facts;
}

}  // namespace ftblock::detail
