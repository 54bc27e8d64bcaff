// The form's glyphs come from the browser's own fonts (docs/fonts.md). Nothing is downloaded.
// The first time ImGui needs a code point's advance (the patched GetCharAdvance calls
// ftblock_advance_miss), the browser measures it (Canvas 2D measureText, in a CJK-aware font
// stack, emoji fonts first for emoji); the first time ImGui draws it (FindGlyph calls
// ftblock_glyph_miss), the browser rasterises it with fillText at the physical pixel size
// (kFontSize × devicePixelRatio) and it is packed into ImGui's atlas texture on a shelf. So every
// character the browser can show renders, with the browser's glyphs and advances (fractional:
// RenderText puts each glyph on a device pixel), and one that no installed font has is the
// browser's own box. Text that is measured but never shown takes no room in the atlas.
//
// The atlas: a JavaScript canvas holds its pixels (the CPU copy, never in the wasm heap), the
// WebGL texture receives the rows that changed once per frame, before it is drawn. Its width is
// fixed, its height doubles when it fills (the glyphs' V coordinates are rescaled, and the frame
// that grew it is drawn again), up to a square of 1024 (scale ≤ 1.25) or 2048 texels: then every
// glyph but the permanent ASCII set is dropped (advances stay: nothing moves) and the frame
// redrawn, at most once per frame — texture memory stays bounded (4 or 16 MB). ImGui's own atlas
// building (stb_truetype) is not used; the atlas is set up here, with the 2×2 white block ImGui
// draws shapes with. A devicePixelRatio change rebuilds it all at the new size before the next
// frame is drawn.
#include <emscripten/emscripten.h>
#include <GLES3/gl3.h>

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

// The em of the text in its 16-pixel line: DejaVu Sans's em in its (ascent + descent) line of
// 1.164 em — the size the form's text had with its TrueType fonts, whatever the browser's
// primary font is (its ascent and descent only place the baseline).
constexpr float kEmPerLine = 0.859f;
constexpr int kMargin = 1;            // texels around the ink box measureText reports (antialiasing)
constexpr int kGap = 1;               // empty texels between cells: no bleeding under linear filtering
constexpr int kFirstHeight = 256;     // atlas rows at start: the UI's glyphs fit without growing
constexpr int kMaxGlyphs = 16384;     // ImFont::Glyphs never reallocates (ImGui keeps pointers into it)
constexpr unsigned kBmp = 0x10000;    // code points below: ImFont's tables; above: a map
constexpr ImWchar kFallbackChar = 0x25A1;  // □: only when the atlas cannot take a glyph this frame
constexpr ImWchar kEllipsisChar = 0x2026;
constexpr float kTabSize = 4;         // spaces per tab, as ImGui's own atlas builds it (IM_TABSIZE)

struct Shelf {
    int y, height, x;  // a row of cells: its top, its height, where its free part starts
};

struct Atlas {
    ImFont* font = nullptr;
    float dpr = 1;
    float baseline = 0;                   // device pixels from the top of the line
    int width = 0, height = 0, max_height = 0;
    std::vector<Shelf> shelves;
    int used = 0;                         // rows taken by shelves
    std::vector<Shelf> base_shelves;      // after the permanent glyphs
    int base_used = 0, base_glyphs = 0;
    GLuint texture = 0;
    int dirty_top = INT_MAX, dirty_bottom = 0;  // rows drawn since the last upload
    struct Beyond {
        float advance = -1;               // < 0: not measured yet
        int glyph = -1;                   // index in font->Glyphs, or -1: not drawn (now)
    };
    std::unordered_map<unsigned, Beyond> beyond_bmp;  // code points above the BMP
    bool moved = false;                   // UVs changed during this frame: draw it again
    bool may_evict = true;                // once per drawn frame
};

Atlas g;
FontStats g_stats;
float g_out[8];  // JavaScript writes results here

// --- the browser side: one canvas per form, the atlas's pixels ---------------------------------

// Creates the canvas (width × height), fixes the font stacks at em pixels and returns, in out[0],
// the baseline: the primary font's ascent and descent centred in the line.
EM_JS(void, js_glyphs_init, (float line, float em, int width, int height, float* out), {
    // The loader's font stacks (shell/embed/05-fonts.js); the browser's default without it.
    var fonts = Module["ftblockFonts"] || { text: "sans-serif", emoji: "sans-serif" };
    var text = fonts.text, emoji = fonts.emoji;
    // Emoji_Presentation=Yes in Unicode (and the emoji blocks of plane 1): drawn with the emoji
    // fonts first, as browsers show them (a text font may have a black-and-white one).
    var emojiRanges = [0x231A, 0x231B, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3, 0x25FD, 0x25FE,
                       0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
                       0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4,
                       0x26EA, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD,
                       0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E,
                       0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797, 0x27B0, 0x27B0, 0x27BF, 0x27BF,
                       0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF,
                       0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F1E6, 0x1F1FF, 0x1F201, 0x1F201,
                       0x1F21A, 0x1F21A, 0x1F22F, 0x1F22F, 0x1F232, 0x1F23A, 0x1F250, 0x1F251,
                       0x1F300, 0x1F64F, 0x1F680, 0x1F6FF, 0x1F7E0, 0x1F7FF, 0x1F900, 0x1F9FF,
                       0x1FA70, 0x1FAFF];
    var isEmoji = function(cp) {
        if (cp < 0x231A || cp > 0x1FAFF) return false;
        for (var i = 0; i < emojiRanges.length; i += 2)
            if (cp >= emojiRanges[i] && cp <= emojiRanges[i + 1]) return true;
        return false;
    };
    var canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    var ctx = canvas.getContext("2d", { willReadFrequently: true });
    var g = {
        canvas: canvas, ctx: ctx, isEmoji: isEmoji, current: "",
        text: text, emoji: emoji, em: em, line: line,
        textFont: em + "px " + text, emojiFont: em + "px " + emoji
    };
    Module["ftblockGlyphs"] = g;
    ctx.font = g.current = g.textFont;
    ctx.fillStyle = "#fff";
    ctx.textBaseline = "alphabetic";
    ctx.fillRect(0, 0, 2, 2);  // ImGui's white texels (shapes, lines)
    var m = ctx.measureText("Hg");
    var ascent = m.fontBoundingBoxAscent, descent = m.fontBoundingBoxDescent;
    if (!(ascent > 0) || !(descent >= 0)) {  // an older browser: DejaVu Sans's proportions
        ascent = em * 0.928;
        descent = em * 0.236;
    }
    HEAPF32[out >> 2] = Math.round((line - ascent - descent) / 2 + ascent);
});

// The advance and ink box of one code point: out = [advance, left, right, ascent, descent, emoji]
// (the box in whole device pixels from the pen position, left and descent positive outwards).
EM_JS(void, js_glyph_measure, (unsigned cp, float* out), {
    var g = Module["ftblockGlyphs"];
    var emoji = g.isEmoji(cp);
    var font = emoji ? g.emojiFont : g.textFont;
    if (g.current !== font) g.ctx.font = g.current = font;
    var m = g.ctx.measureText(String.fromCodePoint(cp));
    var o = out >> 2;
    HEAPF32[o] = m.width;
    HEAPF32[o + 1] = Math.ceil(m.actualBoundingBoxLeft);
    HEAPF32[o + 2] = Math.ceil(m.actualBoundingBoxRight);
    HEAPF32[o + 3] = Math.ceil(m.actualBoundingBoxAscent);
    HEAPF32[o + 4] = Math.ceil(m.actualBoundingBoxDescent);
    HEAPF32[o + 5] = emoji ? 1 : 0;
});

// Draws one code point into the cell (x, y, w, h) of the canvas, pen at (x + penX, y + penY).
// Returns 1 when it came out in colour (an emoji): ImGui then draws it untinted.
EM_JS(int, js_glyph_draw, (unsigned cp, int x, int y, int w, int h, int penX, int penY, int emoji), {
    var g = Module["ftblockGlyphs"];
    var ctx = g.ctx;
    var font = emoji ? g.emojiFont : g.textFont;
    if (g.current !== font) ctx.font = g.current = font;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();  // a glyph that inks outside its box must not touch its neighbours
    ctx.clearRect(x, y, w, h);
    ctx.fillText(String.fromCodePoint(cp), x + penX, y + penY);
    ctx.restore();
    if (!emoji) return 0;
    var d = ctx.getImageData(x, y, w, h).data;
    for (var i = 0; i < d.length; i += 4)
        if (d[i + 3] > 128 && (d[i] < 224 || d[i + 1] < 224 || d[i + 2] < 224)) return 1;
    return 0;
});

// Copies rows [top, bottom) of the canvas into the texture (WebGL2: the canvas as the source,
// its sub-rectangle chosen by UNPACK_SKIP_ROWS).
EM_JS(void, js_glyphs_upload, (int texture, int top, int bottom), {
    var g = Module["ftblockGlyphs"];
    var gl = GLctx;
    gl.bindTexture(gl.TEXTURE_2D, GL.textures[texture]);
    gl.pixelStorei(gl.UNPACK_SKIP_ROWS, top);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, top, g.canvas.width, bottom - top, gl.RGBA, gl.UNSIGNED_BYTE, g.canvas);
    gl.pixelStorei(gl.UNPACK_SKIP_ROWS, 0);
});

// A taller canvas with the same pixels at the top.
EM_JS(void, js_glyphs_grow, (int height), {
    var g = Module["ftblockGlyphs"];
    var canvas = document.createElement("canvas");
    canvas.width = g.canvas.width;
    canvas.height = height;
    var ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(g.canvas, 0, 0);
    ctx.font = g.current = g.textFont;
    ctx.fillStyle = "#fff";
    ctx.textBaseline = "alphabetic";
    g.canvas = canvas;
    g.ctx = ctx;
});

EM_JS(void, js_glyphs_free, (), { Module["ftblockGlyphs"] = null; });

// The font stacks and the text size in CSS pixels, for the page's tests and figures.
EM_JS(char*, js_glyphs_describe, (), {
    var g = Module["ftblockGlyphs"];
    var s = JSON.stringify(g ? { family: g.text, emojiFamily: g.emoji, size: g.em / (g.line / 16) } : {});
    var n = lengthBytesUTF8(s) + 1;
    var p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});

// --- the atlas ---------------------------------------------------------------------------------

GLuint make_texture(int width, int height) {
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    return texture;
}

void mark_dirty(int top, int bottom) {
    g.dirty_top = std::min(g.dirty_top, top);
    g.dirty_bottom = std::max(g.dirty_bottom, bottom);
}

void upload() {
    if (g.dirty_top >= g.dirty_bottom || !g.texture) return;
    js_glyphs_upload(static_cast<int>(g.texture), g.dirty_top, std::min(g.dirty_bottom, g.height));
    g.dirty_top = INT_MAX;
    g.dirty_bottom = 0;
}

void set_uv_scale() {
    ImFontAtlas& atlas = *g.font->ContainerAtlas;
    atlas.TexWidth = g.width;
    atlas.TexHeight = g.height;
    atlas.TexUvScale = ImVec2(1.0f / static_cast<float>(g.width), 1.0f / static_cast<float>(g.height));
    atlas.TexUvWhitePixel = ImVec2(atlas.TexUvScale.x, atlas.TexUvScale.y);  // the middle of the 2×2 block
}

// Doubles the atlas's height (heights are powers of two: the V rescaling stays exact). A new
// texture receives every used row; what this frame drew so far used the old V coordinates.
void grow() {
    const int height = g.height * 2;
    const float ratio = static_cast<float>(g.height) / static_cast<float>(height);
    for (ImFontGlyph& glyph : g.font->Glyphs) {
        glyph.V0 *= ratio;
        glyph.V1 *= ratio;
    }
    js_glyphs_grow(height);
    g.height = height;
    set_uv_scale();
    glDeleteTextures(1, &g.texture);
    g.texture = make_texture(g.width, g.height);
    g.font->ContainerAtlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(g.texture)));
    mark_dirty(0, g.used);
    g.moved = true;
    ++g_stats.grows;
}

// Forgets every glyph but the permanent ones; their cells are drawn over as new glyphs come.
bool evict() {
    if (!g.may_evict) return false;
    g.may_evict = false;
    ImFont& font = *g.font;
    for (int i = g.base_glyphs; i < font.Glyphs.Size; ++i) {  // advances stay: the layout does not move
        const unsigned c = font.Glyphs[i].Codepoint;
        if (c < kBmp) font.IndexLookup[static_cast<int>(c)] = static_cast<ImWchar>(-1);
    }
    font.Glyphs.resize(g.base_glyphs);
    for (auto& entry : g.beyond_bmp) entry.second.glyph = -1;
    g.shelves = g.base_shelves;
    g.used = g.base_used;
    g.moved = true;
    ++g_stats.evictions;
    return true;
}

// A cell of w × h texels (gap included): on the lowest-waste shelf with room, else on a new
// shelf, growing the atlas if needed. False when it is full.
bool place(int w, int h, int& x, int& y) {
    Shelf* best = nullptr;
    for (Shelf& s : g.shelves)
        if (s.height >= h && s.height <= h + h / 4 + 2 && s.x + w <= g.width && (!best || s.height < best->height))
            best = &s;
    if (!best) {
        if (g.used + h > g.max_height || w > g.width) return false;
        while (g.used + h > g.height) grow();
        g.shelves.push_back(Shelf{g.used, h, 0});
        g.used += h;
        best = &g.shelves.back();
    }
    x = best->x;
    y = best->y;
    best->x += w;
    return true;
}

struct Measured {
    float advance;                        // device pixels, fractional: the browser's own
    int left, right, ascent, descent;     // ink box from the pen (left, descent: positive outwards)
    bool emoji;                           // drawn with the emoji stack
};

Measured measure(unsigned c) {
    js_glyph_measure(c, g_out);
    ++g_stats.measured;
    return Measured{g_out[0], static_cast<int>(g_out[1]), static_cast<int>(g_out[2]),
                    static_cast<int>(g_out[3]), static_cast<int>(g_out[4]), g_out[5] != 0};
}

// The advance of c, measured by the browser the first time it is asked (measuring only: no
// room in the atlas). Kept for the atlas's lifetime, evictions included.
float advance_of(unsigned c) {
    ImFont& font = *g.font;
    if (c < kBmp) {
        float& advance = font.IndexAdvanceX[static_cast<int>(c)];
        if (advance < 0) {
            const double start = emscripten_get_now();
            advance = measure(c).advance;
            g_stats.rasterize_ms += emscripten_get_now() - start;
        }
        return advance;
    }
    Atlas::Beyond& entry = g.beyond_bmp[c];
    if (entry.advance < 0) {
        const double start = emscripten_get_now();
        entry.advance = measure(c).advance;
        g_stats.rasterize_ms += emscripten_get_now() - start;
    }
    return entry.advance;
}

// Has the browser draw c into the atlas and registers its glyph: its index in font->Glyphs, or
// -1 when the atlas cannot take it this frame.
int draw_glyph(unsigned c) {
    ImFont& font = *g.font;
    if (font.Glyphs.Size >= kMaxGlyphs && !evict()) return -1;
    const double start = emscripten_get_now();
    const Measured m = measure(c);
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0, u0 = 0, v0 = 0, u1 = 0, v1 = 0;
    bool colored = false;
    if (m.left + m.right > 0 && m.ascent + m.descent > 0) {  // ink: a cell in the atlas
        const int w = m.left + m.right + 2 * kMargin, h = m.ascent + m.descent + 2 * kMargin;
        int x, y;
        if (!place(w + kGap, h + kGap, x, y) && (!evict() || !place(w + kGap, h + kGap, x, y))) {
            g_stats.rasterize_ms += emscripten_get_now() - start;
            return -1;
        }
        colored = js_glyph_draw(c, x, y, w, h, kMargin + m.left, kMargin + m.ascent, m.emoji ? 1 : 0) != 0;
        mark_dirty(y, y + h);
        x0 = static_cast<float>(-m.left - kMargin);
        x1 = x0 + static_cast<float>(w);
        y0 = g.baseline - static_cast<float>(m.ascent + kMargin);
        y1 = y0 + static_cast<float>(h);
        const ImVec2 scale = font.ContainerAtlas->TexUvScale;
        u0 = static_cast<float>(x) * scale.x;
        v0 = static_cast<float>(y) * scale.y;
        u1 = static_cast<float>(x + w) * scale.x;
        v1 = static_cast<float>(y + h) * scale.y;
    }
    font.AddGlyph(nullptr, static_cast<ImWchar>(c), x0, y0, x1, y1, u0, v0, u1, v1, m.advance);
    font.Glyphs.back().Colored = colored ? 1 : 0;
    const int index = font.Glyphs.Size - 1;
    if (c < kBmp) {
        font.IndexLookup[static_cast<int>(c)] = static_cast<ImWchar>(index);
        font.IndexAdvanceX[static_cast<int>(c)] = m.advance;
    } else {
        Atlas::Beyond& entry = g.beyond_bmp[c];
        entry.advance = m.advance;
        entry.glyph = index;
    }
    ++g_stats.rasterized;
    g_stats.rasterize_ms += emscripten_get_now() - start;
    return index;
}

// ImGui's backend makes its shader and buffers and, from the atlas's pixels, a font texture we
// do not want (ours is made above): it gets a one-texel atlas for that moment, then loses it.
void create_backend_objects() {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    static unsigned int white = 0xFFFFFFFFu;
    const int width = atlas.TexWidth, height = atlas.TexHeight;
    const ImTextureID texture = atlas.TexID;
    atlas.TexWidth = atlas.TexHeight = 1;
    atlas.TexPixelsRGBA32 = &white;
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    atlas.TexPixelsRGBA32 = nullptr;
    atlas.TexWidth = width;
    atlas.TexHeight = height;
    atlas.SetTexID(texture);
}

}  // namespace

bool fonts_build(float dpr) {
    const double start = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas& atlas = *io.Fonts;
    if (g.texture) glDeleteTextures(1, &g.texture);
    atlas.Clear();
    atlas.Flags = ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoBakedLines;
    g = Atlas{};
    g.dpr = dpr;
    g.width = dpr <= 1.25f ? 1024 : 2048;
    g.max_height = g.width;
    g.height = kFirstHeight;
    const float line = kFontSize * dpr;
    js_glyphs_init(line, line * kEmPerLine, g.width, g.height, g_out);
    g.baseline = g_out[0];

    ImFont* font = IM_NEW(ImFont);
    atlas.Fonts.push_back(font);
    g.font = font;
    font->FontSize = line;
    font->Ascent = g.baseline;
    font->Descent = g.baseline - line;
    font->ContainerAtlas = &atlas;
    font->Glyphs.reserve(kMaxGlyphs);
    font->IndexAdvanceX.resize(static_cast<int>(kBmp), -1.0f);
    font->IndexLookup.resize(static_cast<int>(kBmp), static_cast<ImWchar>(-1));
    set_uv_scale();
    atlas.TexReady = true;
    g.texture = make_texture(g.width, g.height);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(g.texture)));

    int x, y;
    place(2 + kGap, 2 + kGap, x, y);  // the white block at (0, 0)
    mark_dirty(0, 2);
    // The permanent glyphs: never evicted, so ImGui's pointers to the fallback stay valid.
    draw_glyph(' ');
    const int fallback = draw_glyph(kFallbackChar);
    draw_glyph(kEllipsisChar);
    for (unsigned c = 0x21; c < 0x7F; ++c) draw_glyph(c);
    const ImFontGlyph space = font->Glyphs[0];
    font->AddGlyph(nullptr, '\t', 0, 0, 0, 0, 0, 0, 0, 0, space.AdvanceX * kTabSize);
    font->IndexLookup['\t'] = static_cast<ImWchar>(font->Glyphs.Size - 1);
    font->IndexAdvanceX['\t'] = font->Glyphs.back().AdvanceX;
    font->FallbackChar = kFallbackChar;
    font->FallbackGlyph = &font->Glyphs[fallback];
    font->FallbackAdvanceX = font->FallbackGlyph->AdvanceX;
    font->EllipsisChar = kEllipsisChar;
    font->DotChar = '.';
    g.base_glyphs = font->Glyphs.Size;
    g.base_shelves = g.shelves;
    g.base_used = g.used;
    upload();

    io.FontGlobalScale = 1.0f / dpr;  // ImGui units stay CSS pixels
    g_stats.build_ms = emscripten_get_now() - start;
    ++g_stats.builds;
    return true;
}

void fonts_device_objects() {
    if (!g.font) return;
    create_backend_objects();
    if (g.texture) glDeleteTextures(1, &g.texture);  // after a lost context: a stale name
    g.texture = make_texture(g.width, g.height);
    g.font->ContainerAtlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(g.texture)));
    mark_dirty(0, g.used);
    upload();
}

void fonts_frame_begin(bool first_pass) {
    g.moved = false;
    if (first_pass) g.may_evict = true;
}

bool fonts_frame_moved() { return g.moved; }

void fonts_before_render() { upload(); }

void fonts_shutdown() {
    if (g.texture) glDeleteTextures(1, &g.texture);
    g = Atlas{};
    js_glyphs_free();
}

const FontStats& fonts_stats() {
    g_stats.glyphs = g.font ? g.font->Glyphs.Size : 0;
    g_stats.atlas_width = g.width;
    g_stats.atlas_height = g.height;
    g_stats.atlas_max_height = g.max_height;
    return g_stats;
}

std::string fonts_describe() {
    char* json = js_glyphs_describe();
    std::string s = json;
    free(json);
    return s;
}

}  // namespace ftblock::web::platform

// The hooks of the patched ImGui (imgui_config.h). Another font (ImGui's password font) keeps
// ImGui's own behaviour: the fallback glyph.
const ImFontGlyph* ftblock_glyph_miss(const ImFont* font, unsigned int c) {
    using namespace ftblock::web::platform;
    if (font != g.font || !g.font || c > IM_UNICODE_CODEPOINT_MAX) return font->FallbackGlyph;
    if (c < kBmp) {
        const ImWchar i = font->IndexLookup.Data[c];
        if (i != static_cast<ImWchar>(-1)) return &font->Glyphs.Data[i];
    } else if (const auto it = g.beyond_bmp.find(c); it != g.beyond_bmp.end() && it->second.glyph >= 0) {
        return &font->Glyphs.Data[it->second.glyph];
    }
    const int index = draw_glyph(c);
    return index >= 0 ? &font->Glyphs.Data[index] : font->FallbackGlyph;
}

float ftblock_advance_miss(const ImFont* font, unsigned int c) {
    using namespace ftblock::web::platform;
    if (font != g.font || !g.font || c > IM_UNICODE_CODEPOINT_MAX) return font->FallbackAdvanceX;
    return advance_of(c);
}
