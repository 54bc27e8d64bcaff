// web/platform/imgui_config.h — Dear ImGui's user config for the browser build (IMGUI_USER_CONFIG,
// set by cmake/ftblock_imgui.cmake for every unit that includes imgui.h there). The native build
// (Debian's libimgui.a, the headless tests) uses ImGui's defaults and never sees this file.
#pragma once

// Code points up to U+10FFFF inside ImGui (emoji, CJK Extension B): with 16-bit ImWchar, ImGui
// turns them into U+FFFD, and an edited field would lose them.
#define IMGUI_USE_WCHAR32

struct ImFont;
struct ImFontGlyph;

// The patched ImFont::FindGlyph and GetCharAdvance call this for a code point that has no glyph
// yet: fonts.cpp has the browser rasterise it into the atlas and returns it (never null: the
// font's fallback glyph when it cannot). Defined in web/platform/fonts.cpp.
const ImFontGlyph* ftblock_glyph_miss(const ImFont* font, unsigned int c);
