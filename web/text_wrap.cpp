#include "text_wrap.h"

#include <algorithm>

#include <imgui.h>

namespace ftblock::web {

namespace {

char32_t decode(std::string_view s, std::size_t i, std::size_t& length) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + length > s.size()) length = 1;  // a cut sequence: one byte at a time
    switch (length) {
        case 2: return static_cast<char32_t>(((c & 0x1F) << 6) | (b(i + 1) & 0x3F));
        case 3: return static_cast<char32_t>(((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F));
        case 4:
            return static_cast<char32_t>(((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) |
                                         (b(i + 3) & 0x3F));
        default: return c;
    }
}

bool is_cjk(char32_t c) {  // ideographs, kana, CJK punctuation and full-width forms
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool is_closing(char32_t c) {  // never at the start of a line
    static const std::u32string_view closing = U"，。、；：！？）」』】》〉”’…%,.;:!?)]}";
    return closing.find(c) != std::u32string_view::npos;
}

bool is_opening(char32_t c) {  // never at the end of a line
    static const std::u32string_view opening = U"（「『【《〈“‘([{";
    return opening.find(c) != std::u32string_view::npos;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> wrap_lines(std::string_view text, float width,
                                                            const std::function<float(char32_t)>& advance) {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    std::size_t start = 0;          // of the current line
    float used = 0;                 // its width so far
    std::size_t cut = 0, next = 0;  // the last place it may end, and where the next line then starts
    float used_at_next = 0;         // the width from the line's start to `next`
    bool can_cut = false;
    bool wrapped = false;  // the current line began at a break of ours, not at '\n'
    char32_t prev = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length;
        const char32_t c = decode(text, i, length);
        if (c == '\n') {
            lines.emplace_back(start, i);
            start = i + 1;
            used = 0;
            can_cut = false;
            wrapped = false;
            prev = 0;
            i += length;
            continue;
        }
        const float w = advance(c);
        if (c == ' ') {
            if (i == start && wrapped) {  // a space at the start of a wrapped line is dropped
                start = i + length;
            } else if (used + w > width) {  // the line ends right here, without the space
                lines.emplace_back(start, i);
                start = i + length;
                used = 0;
                can_cut = false;
                wrapped = true;
            } else {  // the line may end before this space; the space is dropped then
                cut = i;
                next = i + length;
                used_at_next = used + w;
                can_cut = true;
                used += w;
            }
            prev = c;
            i += length;
            continue;
        }
        if (i > start && prev != ' ' && (is_cjk(prev) || is_cjk(c)) && !is_closing(c) && !is_opening(prev)) {
            cut = next = i;
            used_at_next = used;
            can_cut = true;
        }
        if (used + w > width && i > start) {
            if (can_cut && cut > start) {
                lines.emplace_back(start, cut);
                start = next;
                used -= used_at_next;
            } else {  // one word wider than the line: cut it here
                lines.emplace_back(start, i);
                start = i;
                used = 0;
            }
            can_cut = false;
            wrapped = true;
        }
        used += w;
        prev = c;
        i += length;
    }
    lines.emplace_back(start, text.size());
    return lines;
}

std::vector<std::pair<std::size_t, std::size_t>> wrap_lines(std::string_view text, float width) {
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    const auto advance = [&](char32_t c) {
        // Beyond ImWchar (16 bits natively) ImGui itself draws the fallback glyph.
        return c <= IM_UNICODE_CODEPOINT_MAX ? font->GetCharAdvance(static_cast<ImWchar>(c)) * scale
                                             : font->FallbackAdvanceX * scale;
    };
    return wrap_lines(text, width, advance);
}

std::string ellipsized(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    const char* const kEllipsis = "…";
    const auto lines = wrap_lines(text, std::max(1.0f, width - ImGui::CalcTextSize(kEllipsis).x));
    if (lines.empty()) return kEllipsis;
    return text.substr(lines[0].first, lines[0].second - lines[0].first) + kEllipsis;
}

void text_wrapped(const std::string& text, float width) {
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    for (const auto& [b, e] : wrap_lines(text, width)) ImGui::TextUnformatted(text.data() + b, text.data() + e);
}

}  // namespace ftblock::web
