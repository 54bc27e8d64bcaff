// The canvas's size and sharpness. The canvas fills its container (CSS); a ResizeObserver on it
// reports the CSS size and, where the browser can, the exact device-pixel size, so the backing
// store is CSS size × devicePixelRatio to the pixel (crisp text on high-DPI screens). ImGui
// works in CSS pixels (DisplaySize) and renders at DisplayFramebufferScale = dpr. A change of
// dpr (browser zoom, moving the window to another screen) rebuilds the font atlas.
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <imgui.h>

#include <cmath>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

bool g_coarse_pointer = false;
Display g_current;           // what the backing store and ImGui use now
Display g_pending;           // what the page reported last
ImGuiMouseCursor g_cursor = ImGuiMouseCursor_Arrow;

// Reports the size now and on every change: ResizeObserver on the canvas (device-pixel box where
// supported), and a media query on the current dpr (zoom alone may not resize the CSS box).
EM_JS(void, js_display_observe, (), {
    var canvas = Module["canvas"];
    var report = function(cssW, cssH, boxW, boxH) {
        var dpr = window.devicePixelRatio || 1;
        var fbW = Math.round(cssW * dpr), fbH = Math.round(cssH * dpr);
        // The device-pixel box is exact where the browser snaps to pixels; an emulated dpr
        // (headless Chromium) reports CSS pixels there, so it is used only when it agrees.
        if (Math.abs(boxW - cssW * dpr) <= 1 && Math.abs(boxH - cssH * dpr) <= 1) { fbW = boxW; fbH = boxH; }
        _ftblock_on_resize(cssW, cssH, dpr, fbW, fbH);
    };
    var measure = function() {
        var r = canvas.getBoundingClientRect();
        report(r.width, r.height, 0, 0);
    };
    measure();
    if (typeof ResizeObserver == "function") {
        var ro = new ResizeObserver(function(entries) {
            var e = entries[entries.length - 1];
            var box = e.devicePixelContentBoxSize && e.devicePixelContentBoxSize[0];
            report(e.contentRect.width, e.contentRect.height,
                   box ? box.inlineSize : 0, box ? box.blockSize : 0);
        });
        try { ro.observe(canvas, { box: "device-pixel-content-box" }); } catch (err) { ro.observe(canvas); }
        Module["ftblockDisposers"].push(function() { ro.disconnect(); });
    } else {
        window.addEventListener("resize", measure);
        Module["ftblockDisposers"].push(function() { window.removeEventListener("resize", measure); });
    }
    var stopDpr = null;
    var watchDpr = function() {
        if (!window.matchMedia) return;
        var mq = window.matchMedia("(resolution: " + (window.devicePixelRatio || 1) + "dppx)");
        var onChange = function() { mq.removeEventListener("change", onChange); measure(); watchDpr(); };
        mq.addEventListener("change", onChange);
        stopDpr = function() { mq.removeEventListener("change", onChange); };
    };
    watchDpr();
    Module["ftblockDisposers"].push(function() { if (stopDpr) stopDpr(); });
});

// A touch screen: targets of 44 × 44 (docs/layout.md). Followed as it changes (a tablet's
// keyboard attached or taken away).
EM_JS(void, js_pointer_observe, (), {
    if (!window.matchMedia) return;
    var mq = window.matchMedia("(pointer: coarse)");
    var report = function() { _ftblock_on_pointer(mq.matches ? 1 : 0); };
    report();
    mq.addEventListener("change", report);
    Module["ftblockDisposers"].push(function() { mq.removeEventListener("change", report); });
});

// The part of the canvas the user can see when an on-screen keyboard shrinks the visual
// viewport: its height in CSS px from the canvas's top (0 when all of it can be seen).
EM_JS(void, js_visible_observe, (), {
    var vv = window.visualViewport;
    if (!vv) return;
    var canvas = Module["canvas"];
    var report = function() {
        var r = canvas.getBoundingClientRect();
        var bottom = vv.offsetTop + vv.height;  // the visual viewport's bottom, layout-viewport coordinates
        var visible = bottom - r.top;
        _ftblock_on_visible_height(visible >= r.height - 1 ? 0 : Math.max(1, visible));
    };
    vv.addEventListener("resize", report);
    vv.addEventListener("scroll", report);
    Module["ftblockDisposers"].push(function() {
        vv.removeEventListener("resize", report);
        vv.removeEventListener("scroll", report);
    });
});

EM_JS(void, js_set_cursor, (const char* css), {
    Module["canvas"].style.cursor = UTF8ToString(css);
});

const char* css_cursor(ImGuiMouseCursor cursor) {
    switch (cursor) {
    case ImGuiMouseCursor_None: return "none";
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_ResizeAll: return "move";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
    }
}

}  // namespace

void display_init() {
    ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    js_display_observe();
    js_pointer_observe();
    js_visible_observe();
    display_apply();
}

bool display_coarse_pointer() { return g_coarse_pointer; }

bool display_apply() {
    const Display& p = g_pending;
    if (p.fb_width == g_current.fb_width && p.fb_height == g_current.fb_height &&
        p.css_width == g_current.css_width && p.css_height == g_current.css_height && p.dpr == g_current.dpr)
        return false;
    const bool dpr_changed = p.dpr != g_current.dpr;
    if (p.fb_width != g_current.fb_width || p.fb_height != g_current.fb_height)
        emscripten_set_canvas_element_size(kCanvasTarget, p.fb_width, p.fb_height);  // clears it
    g_current = p;
    return dpr_changed;
}

const Display& display() { return g_current; }

void display_after_frame() {
    const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    if (cursor == g_cursor) return;
    g_cursor = cursor;
    js_set_cursor(css_cursor(cursor));
}

}  // namespace ftblock::web::platform

// The canvas changed size or the screen its pixel ratio. Drawn at once, inside the observer's
// callback (after layout, before paint): resizing the backing store clears it, and a frame
// drawn later would show one blank frame.
extern "C" EMSCRIPTEN_KEEPALIVE void ftblock_on_resize(double css_w, double css_h, double dpr, int fb_w, int fb_h) {
    using namespace ftblock::web::platform;
    Display d;
    d.dpr = dpr > 0 ? static_cast<float>(dpr) : 1.0f;
    d.css_width = static_cast<float>(css_w > 1 ? css_w : 1);
    d.css_height = static_cast<float>(css_h > 1 ? css_h : 1);
    d.fb_width = fb_w > 1 ? fb_w : 1;
    d.fb_height = fb_h > 1 ? fb_h : 1;
    g_pending = d;
    if (app()) run_frames_now(1);
}

extern "C" EMSCRIPTEN_KEEPALIVE void ftblock_on_pointer(int coarse) {
    using namespace ftblock::web::platform;
    g_coarse_pointer = coarse != 0;
    request_frames();
}

extern "C" EMSCRIPTEN_KEEPALIVE void ftblock_on_visible_height(double css_px) {
    using namespace ftblock::web::platform;
    if (ftblock::web::App* a = app()) a->set_visible_height(static_cast<float>(css_px));
    request_frames();
}
