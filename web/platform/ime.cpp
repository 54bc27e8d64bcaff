// Text comes in through the focused text field of the semantic mirror (shell/embed/12-mirror.js,
// docs/accessibility.md), a real <input>/<textarea> over the field's widget: it hands its keys,
// characters and compositions to input.cpp and the functions below. This unit keeps the DOM
// focus where ImGui's is (after a click: the mirror's control for what the form focused) and,
// as the fallback for an active ImGui text field that has no mirror control, the old hidden
// <textarea> (docs/toolchain.md#platform-layer: a canvas receives no text input and no IME). That one sits over the
// canvas at ImGui's caret (io.ImeSetInputScreenPosFn), invisible (opacity 0, not display:none, so
// it can hold the focus). What it receives — typed characters, text committed by the input method
// (compositionend), text inserted by the OS or a test (insertText) — goes to ImGui as characters
// and it is emptied again. While the input method composes, it becomes visible at the caret,
// showing the preedit.
#include <emscripten/emscripten.h>

#include <imgui.h>
#include <imgui_internal.h>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

bool g_composing = false;
bool g_deactivate = false;   // release the active field (Escape, or focus went elsewhere)
int g_caret_x = 0, g_caret_y = 0;
bool g_caret_moved = false;

void on_ime_pos(int x, int y) {
    g_caret_x = x;
    g_caret_y = y;
    g_caret_moved = true;
}

EM_JS(void, js_ime_create, (float font_px), {
    var canvas = Module["canvas"];
    var ta = document.createElement("textarea");
    ta.className = "ftblock-ime";
    ta.setAttribute("aria-hidden", "true");  // the mirror's fields are what assistive technology reads
    ta.setAttribute("autocomplete", "off");
    ta.setAttribute("autocorrect", "off");
    ta.setAttribute("autocapitalize", "off");
    ta.spellcheck = false;
    ta.tabIndex = -1;  // focused by the form itself, never by the page's Tab order
    // CSSOM, not a style attribute: allowed under a strict CSP (no "unsafe-inline").
    var hidden = { opacity: "0", width: "1px", background: "transparent", color: "transparent",
                   border: "0", boxShadow: "none" };
    var shown = { opacity: "1", background: "#ffffff", color: "#000000",
                  border: "1px solid #888888", boxShadow: "0 1px 4px rgba(0,0,0,0.3)" };
    Object.assign(ta.style, {
        position: "absolute", left: "0px", top: "0px", height: (font_px * 1.4) + "px",
        margin: "0", padding: "0 2px", resize: "none", overflow: "hidden", whiteSpace: "pre",
        fontSize: font_px + "px", lineHeight: (font_px * 1.4) + "px", fontFamily: "sans-serif",
        outline: "none", pointerEvents: "none", zIndex: "2", caretColor: "transparent"
    }, hidden);
    canvas.parentElement.appendChild(ta);
    specialHTMLTargets["!ftblock-ime"] = ta;
    Module["ftblockIme"] = ta;

    var composing = false;
    var send = function(text) {
        if (!text) return;
        var n = lengthBytesUTF8(text) + 1;
        var p = _malloc(n);
        stringToUTF8(text, p, n);
        _ftblock_on_text(p);
        _free(p);
    };
    var fit = function(text) {
        ta.style.width = Math.min(40, Math.max(1, (text || "").length + 1)) + "em";
    };
    ta.addEventListener("compositionstart", function() {
        composing = true;
        _ftblock_on_composition(1);
        Object.assign(ta.style, shown, { caretColor: "auto" });
        fit("");
    });
    ta.addEventListener("compositionupdate", function(e) { fit(e.data); });
    ta.addEventListener("compositionend", function(e) {
        composing = false;
        _ftblock_on_composition(0);
        ta.value = "";
        Object.assign(ta.style, hidden, { caretColor: "transparent" });
        send(e.data);
    });
    ta.addEventListener("input", function(e) {
        if (composing || e.isComposing) return;
        var type = e.inputType || "";
        if (type == "insertCompositionText" || type == "insertFromComposition") return;
        var text = ta.value;
        ta.value = "";
        send(text);
    });
    // Leaving the form (not moving between canvas, textarea and mirror): release held keys now;
    // if the focus went to something else on the page (not another window), release the field
    // too. (The mirror watches its own controls the same way.)
    var inForm = function(el) {
        var m = Module["ftblockMirror"];
        return !!el && (el === ta || el === canvas || (m && m["inside"](el)));
    };
    var onFocusOut = function(e) {
        if (inForm(e.relatedTarget)) return;
        _ftblock_on_focus_lost(0);
        setTimeout(function() {
            if (document.hasFocus() && !inForm(document.activeElement)) _ftblock_on_focus_lost(1);
        }, 0);
    };
    ta.addEventListener("focusout", onFocusOut);
    canvas.addEventListener("focusout", onFocusOut);
});

// follow: after a click, the focus goes where the form's is: the mirror's control for what the
// click focused, else the textarea while ImGui wants text, else the canvas. Otherwise (after
// each frame) only the fallback textarea and the canvas trade the focus; a mirror control keeps it.
EM_JS(void, js_ime_sync, (int want_text, int follow, int x, int y, int move), {
    var ta = Module["ftblockIme"];
    var canvas = Module["canvas"];
    var m = Module["ftblockMirror"];
    var active = document.activeElement;
    var mirrorText = m ? m["focusedTextControl"]() : null;  // the active field's mirror control
    var keep = { preventScroll: true };
    if (follow) {
        if (m && m["follow"]()) {
        } else if (want_text) {
            if (mirrorText) {
                if (active !== mirrorText) mirrorText.focus(keep);
            } else if (active !== ta) {
                ta.focus(keep);
            }
        } else if (active !== canvas) {
            canvas.focus(keep);
        }
    } else if (want_text && active === canvas) {
        (mirrorText || ta).focus(keep);
    } else if (want_text && active === ta && mirrorText) {
        mirrorText.focus(keep);
    } else if (!want_text && active === ta) {
        canvas.focus(keep);
    }
    if (move) {
        ta.style.left = (canvas.offsetLeft + x) + "px";
        ta.style.top = (canvas.offsetTop + y) + "px";
    }
});

bool wants_text() { return GImGui && GImGui->WantTextInputNextFrame == 1; }  // this frame's wish

}  // namespace

void ime_init(ImGuiIO& io) {
    js_ime_create(kFontSize);
    io.ImeSetInputScreenPosFn = on_ime_pos;
}

void ime_after_frame() {
    js_ime_sync(wants_text(), 0, g_caret_x, g_caret_y, g_caret_moved);
    g_caret_moved = false;
    if (g_deactivate) {
        g_deactivate = false;
        ImGui::ClearActiveID();  // between frames: the next frame draws the field inactive
        request_frames();
    }
}

void ime_focus_form() {
    js_ime_sync(wants_text(), 1, g_caret_x, g_caret_y, g_caret_moved);
    g_caret_moved = false;
}

bool ime_composing() { return g_composing; }

void ime_release_field() {
    g_deactivate = true;
    request_frames();
}

}  // namespace ftblock::web::platform

extern "C" EMSCRIPTEN_KEEPALIVE void ftblock_on_text(const char* utf8) {
    ftblock::web::platform::input_queue_text(utf8);
}

extern "C" EMSCRIPTEN_KEEPALIVE void ftblock_on_composition(int composing) {
    ftblock::web::platform::g_composing = composing != 0;
}

extern "C" EMSCRIPTEN_KEEPALIVE void ftblock_on_focus_lost(int focus_elsewhere_on_page) {
    using namespace ftblock::web::platform;
    input_release_all();
    if (focus_elsewhere_on_page) ime_release_field();
}
