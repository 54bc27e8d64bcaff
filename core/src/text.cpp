// UTF-8 and Unicode helpers. Tables are small on purpose: White_Space is a fixed list of 25
// code points, and case folding covers the scripts customer names are written in (Latin,
// Greek, Cyrillic); CJK has no case.
#include "ftblock/text.h"

namespace ftblock {

bool parse_lang(std::string_view text, Lang& out) {
    std::string lower;
    for (char c : text) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower == "en" || lower.rfind("en-", 0) == 0 || lower.rfind("en_", 0) == 0) {
        out = Lang::En;
        return true;
    }
    if (lower == "zh" || lower == "zh-cn" || lower == "zh_cn" || lower == "zh-hans") {
        out = Lang::ZhCN;
        return true;
    }
    return false;
}

const char* lang_tag(Lang lang) { return lang == Lang::ZhCN ? "zh-CN" : "en"; }

bool decode_utf8(std::string_view s, std::size_t& pos, char32_t& cp) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    if (pos >= n) return false;
    unsigned char c = p[pos];
    if (c < 0x80) {
        cp = c;
        pos += 1;
        return true;
    }
    int len;
    char32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else
        return false;
    if (pos + static_cast<std::size_t>(len) > n) return false;
    for (int i = 1; i < len; ++i) {
        unsigned char cc = p[pos + static_cast<std::size_t>(i)];
        if ((cc & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    pos += static_cast<std::size_t>(len);
    return true;
}

std::size_t find_invalid_utf8(std::string_view s) {
    std::size_t pos = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    while (pos < s.size()) {
        if (p[pos] < 0x80) {
            ++pos;
            continue;
        }
        std::size_t start = pos;
        char32_t cp;
        if (!decode_utf8(s, pos, cp)) return start;
    }
    return std::string_view::npos;
}

std::size_t count_code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

void append_utf8(std::string& out, char32_t cp) {
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

bool is_white_space(char32_t cp) {
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

bool is_control_char(char32_t cp) {
    if (cp == 0x09 || cp == 0x0A || cp == 0x0D) return false;
    return cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F);
}

bool is_blank(std::string_view s) {
    std::size_t pos = 0;
    char32_t cp;
    while (pos < s.size()) {
        if (!decode_utf8(s, pos, cp) || !is_white_space(cp)) return false;
    }
    return true;
}

std::string_view trim_white_space(std::string_view s) {
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
    // Most text ends in a character that is not White_Space: then nothing is cut at the end (nor
    // when the text is not UTF-8), without decoding the rest.
    if (begin < s.size()) {
        std::size_t last = s.size() - 1;
        while (last > begin && (static_cast<unsigned char>(s[last]) & 0xC0) == 0x80 && s.size() - last < 4) --last;
        std::size_t at = last;
        char32_t tail = 0;
        if (decode_utf8(s, at, tail) && at == s.size() && !is_white_space(tail)) return s.substr(begin);
    }
    std::size_t end = begin;
    pos = begin;
    while (pos < s.size()) {
        if (!decode_utf8(s, pos, cp)) {
            end = s.size();
            break;
        }
        if (!is_white_space(cp)) end = pos;
    }
    return s.substr(begin, end - begin);
}

static char32_t fold_code_point(char32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;  // Latin-1
    if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 &&
        cp != 0x17F) {  // Latin Extended-A pairs
        bool even_upper = (cp < 0x138) || (cp > 0x149 && cp < 0x178);
        if (even_upper) return (cp % 2 == 0) ? cp + 1 : cp;
        if (cp == 0x178) return 0xFF;
        return (cp % 2 == 1) ? cp + 1 : cp;
    }
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;  // Greek
    if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                 // Cyrillic
    if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
    if (cp >= 0xFF21 && cp <= 0xFF3A) return cp + 32;  // fullwidth Latin
    return cp;
}

std::string fold_case(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    char32_t cp;
    while (pos < s.size()) {
        std::size_t at = pos;
        if (!decode_utf8(s, pos, cp)) {
            out += s[at];
            pos = at + 1;
            continue;
        }
        append_utf8(out, fold_code_point(cp));
    }
    return out;
}

}  // namespace ftblock
