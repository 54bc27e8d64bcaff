// ftblock/text.h — UTF-8 and Unicode helpers the core needs (validation, code point counts,
// White_Space, simple case folding). Pure functions over bytes; no locale, no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ftblock {

enum class Lang { En, ZhCN };  // the two UI/message languages

struct Localized {  // one text in both languages
    std::string en;
    std::string zh;
    const std::string& in(Lang lang) const { return lang == Lang::ZhCN ? zh : en; }
};

bool parse_lang(std::string_view text, Lang& out);  // "en" / "zh-CN" (case-insensitive, "zh" too)
const char* lang_tag(Lang lang);                    // "en" / "zh-CN"

// Length of the first invalid UTF-8 sequence's start in `s`, or npos when all of `s` is valid.
// Rejects overlong forms, surrogates (U+D800–DFFF) and code points above U+10FFFF.
std::size_t find_invalid_utf8(std::string_view s);
std::size_t count_code_points(std::string_view valid_utf8);            // assumes valid UTF-8
bool decode_utf8(std::string_view s, std::size_t& pos, char32_t& cp);  // one code point; false on bad input
void append_utf8(std::string& out, char32_t cp);

bool is_white_space(char32_t cp);            // Unicode White_Space property
bool is_control_char(char32_t cp);           // C0 but TAB/LF/CR, DEL, C1 (docs/record-format.md#values)
bool is_blank(std::string_view valid_utf8);  // empty or only White_Space
std::string_view trim_white_space(std::string_view valid_utf8);
std::string fold_case(std::string_view valid_utf8);  // simple case folding (Latin, Greek, Cyrillic)

}  // namespace ftblock
