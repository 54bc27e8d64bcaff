// web/text_wrap.h — line breaks for the form's wrapped text, Chinese included. Dear ImGui 1.86
// breaks lines only at spaces, so a Chinese sentence (no spaces) moves to the next line whole
// and leaves the line before it ragged. Here a line may also break between two CJK characters —
// not before closing punctuation (，。、）」…) and not after opening punctuation (（「…) — and at
// spaces, greedily.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ftblock::web {

// [begin, end) byte ranges of `text` (UTF-8), one per line no wider than `width` (a line holds at
// least one character, however narrow the width). A '\n' always ends a line; a space where a
// line breaks is dropped. `advance` gives the width of one code point.
std::vector<std::pair<std::size_t, std::size_t>> wrap_lines(std::string_view text, float width,
                                                            const std::function<float(char32_t)>& advance);

// The same with the current ImGui font (inside a frame).
std::vector<std::pair<std::size_t, std::size_t>> wrap_lines(std::string_view text, float width);

// The first line of `text` that fits in `width`, with "…" when something was left out.
std::string ellipsized(const std::string& text, float width);

// ImGui::TextUnformatted of `text` wrapped at `width` pixels with the current font (0: to the
// end of the content region).
void text_wrapped(const std::string& text, float width = 0.0f);

}  // namespace ftblock::web
