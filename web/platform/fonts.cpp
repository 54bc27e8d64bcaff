// The font atlas: DejaVu Sans (Latin) with Droid Sans Fallback (CJK) merged into it, both subset
// at build time by scripts/make_fonts.py. Each font's glyph ranges are read from its own cmap,
// so the atlas holds exactly the characters the build put into the files (the app's strings,
// the playbook, GB2312 level 1) and nothing has to be kept in sync by hand.
// Rasterised at kFontSize × devicePixelRatio and drawn at 1/dpr (io.FontGlobalScale), so one
// atlas texel is one device pixel: crisp on high-DPI screens. Kept tight (no horizontal
// oversampling, pixel-snapped advances, no power-of-two height): 3,900 CJK glyphs are most of it.
#include <imgui.h>

#include <cstdint>
#include <string>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

std::string g_latin, g_cjk;              // TTF bytes; the atlas keeps pointers into them
ImVector<ImWchar> g_latin_ranges, g_cjk_ranges;

std::uint32_t be16(const std::string& f, std::size_t at) {
    if (at + 2 > f.size()) return 0;
    return (std::uint32_t(std::uint8_t(f[at])) << 8) | std::uint8_t(f[at + 1]);
}
std::uint32_t be32(const std::string& f, std::size_t at) { return (be16(f, at) << 16) | be16(f, at + 2); }

// Offset of a table in a TrueType font, or 0.
std::size_t table(const std::string& font, std::uint32_t tag) {
    const std::uint32_t tables = be16(font, 4);
    for (std::uint32_t i = 0; i < tables; ++i) {
        const std::size_t rec = 12 + 16 * std::size_t(i);
        if (be32(font, rec) == tag) return be32(font, rec + 8);
    }
    return 0;
}

// (ascent - descent) / units per em: ImGui sizes a font by that height, so two fonts of the
// same "size" have different ems. Droid's is 1.31, DejaVu's 1.16: at the same size the Han
// characters would come out 11% smaller than the Latin text around them.
float line_per_em(const std::string& font) {
    const std::size_t head = table(font, 0x68656164), hhea = table(font, 0x68686561);  // 'head', 'hhea'
    const std::uint32_t upem = head ? be16(font, head + 18) : 0;
    if (!upem || !hhea) return 0;
    const auto ascent = static_cast<std::int16_t>(be16(font, hhea + 4));
    const auto descent = static_cast<std::int16_t>(be16(font, hhea + 6));
    return float(ascent - descent) / float(upem);
}

// The code points a TrueType font maps (cmap format 4 or 12), as ImGui glyph ranges (BMP only:
// ImWchar is 16-bit in this build).
ImVector<ImWchar> cmap_ranges(const std::string& font) {
    ImFontGlyphRangesBuilder builder;
    const std::size_t cmap = table(font, 0x636D6170);  // 'cmap'
    std::size_t best = 0;
    std::uint32_t best_format = 0;
    const std::uint32_t subtables = cmap ? be16(font, cmap + 2) : 0;
    for (std::uint32_t i = 0; i < subtables; ++i) {
        const std::size_t rec = cmap + 4 + 8 * std::size_t(i);
        const std::uint32_t platform = be16(font, rec), encoding = be16(font, rec + 2);
        const std::size_t sub = cmap + be32(font, rec + 4);
        const std::uint32_t format = be16(font, sub);
        const bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        if (unicode && (format == 12 || (format == 4 && best_format != 12))) {
            best = sub;
            best_format = format;
        }
    }
    if (best_format == 4) {
        const std::uint32_t segments = be16(font, best + 6) / 2;
        const std::size_t ends = best + 14, starts = ends + 2 * std::size_t(segments) + 2;
        for (std::uint32_t s = 0; s < segments; ++s) {
            const std::uint32_t end = be16(font, ends + 2 * s), start = be16(font, starts + 2 * s);
            for (std::uint32_t c = start; c <= end && c < 0xFFFF; ++c) builder.AddChar(static_cast<ImWchar>(c));
        }
    } else if (best_format == 12) {
        const std::uint32_t groups = be32(font, best + 12);
        for (std::uint32_t g = 0; g < groups; ++g) {
            const std::size_t rec = best + 16 + 12 * std::size_t(g);
            const std::uint32_t start = be32(font, rec), end = be32(font, rec + 4);
            for (std::uint32_t c = start; c <= end && c < 0xFFFF; ++c) builder.AddChar(static_cast<ImWchar>(c));
        }
    }
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    return ranges;
}

}  // namespace

void fonts_set_data(std::string latin, std::string cjk) {
    g_latin = std::move(latin);
    g_cjk = std::move(cjk);
    g_latin_ranges = cmap_ranges(g_latin);
    g_cjk_ranges = cmap_ranges(g_cjk);
}

bool fonts_build(float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas& atlas = *io.Fonts;
    atlas.Clear();
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // ours, reused when dpr changes
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    const float pixels = kFontSize * dpr;
    ImFont* font = nullptr;
    if (!g_latin.empty())
        font = atlas.AddFontFromMemoryTTF(g_latin.data(), static_cast<int>(g_latin.size()), pixels, &config,
                                          g_latin_ranges.Data);
    if (!font) font = atlas.AddFontDefault();  // never blank: ProggyClean for ASCII at least
    if (!g_cjk.empty()) {
        // The same em as the Latin font; ImGui places merged glyphs on the first font's
        // baseline, and the line height stays the Latin font's.
        const float latin = line_per_em(g_latin), cjk = line_per_em(g_cjk);
        const float scale = latin > 0 && cjk > 0 ? cjk / latin : 1.0f;
        config.MergeMode = true;
        atlas.AddFontFromMemoryTTF(g_cjk.data(), static_cast<int>(g_cjk.size()), pixels * scale, &config,
                                   g_cjk_ranges.Data);
    }
    io.FontGlobalScale = 1.0f / dpr;
    return atlas.Build();
}

}  // namespace ftblock::web::platform
