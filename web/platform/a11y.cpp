// The semantic mirror's browser side (docs/accessibility.md): the tree App hands to
// Host::a11y_changed goes to the loader's ftblock.Mirror (shell/embed/12-mirror.js) once the
// frame is over, and what the user does to the mirror's controls comes back here and goes to
// App, then runs frames — at once, inside the event, so that a button's download or file dialog
// happens inside the user's gesture and a field is active before the first character typed into
// it arrives.
#include <emscripten/emscripten.h>

#include <string>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

std::string g_pending;  // the last tree handed over during a frame, not yet given to the mirror
bool g_has_pending = false;

EM_JS(void, js_a11y_update, (const char* json), {
    var m = Module["ftblockMirror"];
    if (m) m["update"](UTF8ToString(json));
});

EM_JS(void, js_a11y_connect, (), {
    var m = Module["ftblockMirror"];
    if (!m) return;
    var withString = function(s, f) {
        var n = lengthBytesUTF8(s) + 1;
        var p = _malloc(n);
        stringToUTF8(s, p, n);
        try { return f(p); } finally { _free(p); }
    };
    m["connect"]({
        "focus": function(id) { withString(id, _ftblock_a11y_focus); },
        "blur": function() { _ftblock_a11y_blur(); },
        "activate": function(id) { withString(id, _ftblock_a11y_activate); },
        "set": function(id, value) {
            withString(id, function(i) { withString(String(value), function(v) { _ftblock_a11y_set(i, v); }); });
        },
        "text": function(text) { withString(text, _ftblock_on_text); },
        "composition": function(on) { _ftblock_on_composition(on ? 1 : 0); },
        // A key for the form (textField: from a mirror text field); true: prevent the default.
        "key": function(e, textField) {
            var mods = (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0);
            return withString(e.key || "", function(k) {
                return withString(e.code || "", function(c) {
                    return _ftblock_on_key(e.type == "keydown" ? 1 : 0, k, c, e.keyCode | 0, mods, textField ? 1 : 0);
                });
            }) != 0;
        },
        "focusLost": function(elsewhere) { _ftblock_on_focus_lost(elsewhere ? 1 : 0); }
    });
});

EM_JS(void, js_a11y_disconnect, (), {
    var m = Module["ftblockMirror"];
    if (m) m["connect"](null);
});

}  // namespace

void a11y_init() { js_a11y_connect(); }

void a11y_shutdown() { js_a11y_disconnect(); }

void a11y_changed(const std::string& json) {
    // During a frame the mirror must not move the DOM focus (its events would come back into
    // the frame): it gets the tree when the frame is over.
    if (in_frame()) {
        g_pending = json;
        g_has_pending = true;
        return;
    }
    js_a11y_update(json.c_str());
}

void a11y_after_frame() {
    if (!g_has_pending) return;
    g_has_pending = false;
    std::string json;
    json.swap(g_pending);
    js_a11y_update(json.c_str());
}

}  // namespace ftblock::web::platform

using namespace ftblock::web::platform;

extern "C" {

EMSCRIPTEN_KEEPALIVE void ftblock_a11y_focus(const char* id) {
    if (!app()) return;
    app()->a11y_focus(id);
    run_frames_now(4);  // the field is active before the first character typed into it
}

EMSCRIPTEN_KEEPALIVE void ftblock_a11y_blur() {
    if (!app()) return;
    input_release_all();
    app()->a11y_blur();
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void ftblock_a11y_activate(const char* id) {
    if (!app()) return;
    app()->a11y_activate(id);
    run_frames_now(4);  // a download, a copy or the file dialog inside the user's gesture
}

EMSCRIPTEN_KEEPALIVE void ftblock_a11y_set(const char* id, const char* value) {
    if (!app()) return;
    app()->a11y_set(id, value);
    run_frames_now(4);
}

}  // extern "C"
