#include <doctest/doctest.h>

#include "../core/src/utf8_scan.h"
#include "ftblock/text.h"

using namespace ftblock;

TEST_CASE("UTF-8 validation rejects overlongs, surrogates, values past U+10FFFF and truncation") {
    CHECK(find_invalid_utf8("plain 受阻 😀") == std::string_view::npos);
    CHECK(find_invalid_utf8("ab\xC0\xAF") == 2);         // overlong '/'
    CHECK(find_invalid_utf8("\xED\xA0\x80") == 0);       // U+D800 encoded
    CHECK(find_invalid_utf8("x\xF4\x90\x80\x80") == 1);  // U+110000
    CHECK(find_invalid_utf8("\xE5\x8F") == 0);           // truncated
    CHECK(find_invalid_utf8("\xFF") == 0);
}

TEST_CASE("the fast UTF-8 check accepts exactly what the reference check accepts") {
    // Every 1- and 2-byte sequence, and every 3-byte one with a lead from E0 to EF.
    std::string s;
    for (int a = 0; a < 256; ++a) {
        for (int b = 0; b < 256; ++b) {
            s.assign({static_cast<char>(a), static_cast<char>(b)});
            REQUIRE(detail::is_valid_utf8(s) == (find_invalid_utf8(s) == std::string_view::npos));
            if (a >= 0xE0 && a <= 0xF4) {
                for (int c : {0x00, 0x80, 0xBF, 0xC0}) {
                    s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), '\x80'});
                    REQUIRE(detail::is_valid_utf8(s) == (find_invalid_utf8(s) == std::string_view::npos));
                }
            }
        }
    }
}

TEST_CASE("White_Space is the Unicode property: ideographic space yes, zero-width space no") {
    CHECK(is_blank(""));
    CHECK(is_blank(" \t\r\n\u3000\u00a0\u2028\u0085"));
    CHECK_FALSE(is_blank("\u200b"));
    CHECK_FALSE(is_blank(" x "));
    CHECK(trim_white_space("\u3000 Contoso Ltd \t") == "Contoso Ltd");
    CHECK(trim_white_space("   ") == "");
}

TEST_CASE("measuring text counts code points and finds the first control character and blankness") {
    detail::TextFacts f = detail::measure_text("abcdefghij客户团队😀");
    CHECK(f.code_points == 15);
    CHECK_FALSE(f.blank);
    CHECK(f.control_at == 0);
    detail::TextFacts c = detail::measure_text("abcdefgh\x7f");
    CHECK(c.control == 0x7F);
    CHECK(c.control_at == 9);
    detail::TextFacts c1 = detail::measure_text("受\u0085");
    CHECK(c1.control == 0x85);
    CHECK(c1.control_at == 2);
    detail::TextFacts b = detail::measure_text("        \u3000        ");
    CHECK(b.blank);
    CHECK(b.code_points == 17);
    CHECK(detail::measure_text("\t\r\n").control_at == 0);
}

TEST_CASE("case folding makes Latin, Greek and Cyrillic names compare without case") {
    CHECK(fold_case("CONTOSO Ltd") == "contoso ltd");
    CHECK(fold_case("ÅNGSTRÖM") == "ångström");
    CHECK(fold_case("ΑΘΗΝΑ") == "αθηνα");
    CHECK(fold_case("МОСКВА") == "москва");
    CHECK(fold_case("受阻") == "受阻");
}

TEST_CASE("languages are parsed from tags") {
    Lang l = Lang::En;
    CHECK(parse_lang("zh-CN", l));
    CHECK(l == Lang::ZhCN);
    CHECK(parse_lang("en", l));
    CHECK(l == Lang::En);
    CHECK_FALSE(parse_lang("fr", l));
}

TEST_CASE("trimming White_Space: the quick look at the last character agrees with decoding everything") {
    // The reference: decode from the start; any bad byte keeps the end as it is.
    auto reference = [](std::string_view s) {
        std::size_t begin = 0, pos = 0;
        char32_t cp;
        while (pos < s.size()) {
            std::size_t at = pos;
            if (!decode_utf8(s, pos, cp) || !is_white_space(cp)) {
                begin = at;
                break;
            }
            begin = pos;
        }
        std::size_t end = begin;
        pos = begin;
        while (pos < s.size()) {
            if (!decode_utf8(s, pos, cp)) return s.substr(begin);
            if (!is_white_space(cp)) end = pos;
        }
        return s.substr(begin, end - begin);
    };
    const char* const pieces[] = {" ",  "\t", "\u3000",   "\u00a0", "\u2028", "x",   "受阻",
                                  "。", "😀",  "\xE3\x80", "\x80",   "\xFF",   "\xC2"};
    std::uint32_t seed = 12345;
    for (int i = 0; i < 20000; ++i) {
        std::string s;
        const int n = static_cast<int>(seed % 7);
        for (int k = 0; k < n; ++k) {
            seed = seed * 1664525u + 1013904223u;
            s += pieces[(seed >> 8) % (sizeof pieces / sizeof *pieces)];
        }
        seed = seed * 1664525u + 1013904223u;
        REQUIRE(trim_white_space(s) == reference(s));
    }
}
