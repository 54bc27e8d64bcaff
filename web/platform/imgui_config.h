// web/platform/imgui_config.h — Dear ImGui's user config for the browser build (IMGUI_USER_CONFIG,
// set by cmake/ftblock_imgui.cmake for every unit that includes imgui.h there). The native build
// (Debian's libimgui.a, the headless tests) uses ImGui's defaults and never sees this file.
#pragma once

// Code points up to U+10FFFF inside ImGui (emoji, CJK Extension B): with 16-bit ImWchar, ImGui
// turns them into U+FFFD, and an edited field would lose them.
#define IMGUI_USE_WCHAR32

struct ImFont;
struct ImFontGlyph;

// The patched ImFont calls these for a code point it has no glyph or advance for yet (defined in
// web/platform/fonts.cpp, cmake/ftblock_imgui.cmake lists the patches):
// FindGlyph: the browser draws it into the atlas; never null (the fallback glyph when it cannot).
const ImFontGlyph* ftblock_glyph_miss(const ImFont* font, unsigned int c);
// GetCharAdvance and its inlined copies: the browser measures it (no drawing).
float ftblock_advance_miss(const ImFont* font, unsigned int c);
