// The system clipboard, through the page's copy / cut / paste events on the form's elements (the
// canvas, the fallback textarea, the semantic mirror's text fields):
// they carry the clipboard without any permission (navigator.clipboard.readText would ask).
//   paste:     the event's text becomes what io.GetClipboardTextFn returns, then the queued
//              Ctrl/Cmd+V runs in a frame at once (ImGui pastes in that frame).
//   copy, cut: the queued Ctrl/Cmd+C/X runs in a frame at once; what ImGui handed to
//              io.SetClipboardTextFn goes into the event.
// Host::copy_text (the form's "copy JSON" button) fires a copy event itself (execCommand),
// falling back to navigator.clipboard.writeText.
#include <emscripten/emscripten.h>

#include <imgui.h>

#include <cstdlib>
#include <string>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

std::string g_paste_text;     // what ImGui pastes: the last paste event's text
std::string g_copied_text;    // what ImGui copied in the current copy/cut event
bool g_in_copy_event = false;
bool g_copied = false;

const char* get_clipboard_text(void*) { return g_paste_text.c_str(); }

EM_JS(void, js_clipboard_write_async, (const char* text), {
    var s = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(s).catch(function() {});
});

void set_clipboard_text(void*, const char* text) {
    g_copied_text = text ? text : "";
    g_copied = true;
    g_paste_text = g_copied_text;  // a copy inside the form pastes back even before the OS has it
    // Copied outside a copy event (e.g. a shortcut whose event the browser did not fire):
    // the asynchronous API is the only way left.
    if (!g_in_copy_event) js_clipboard_write_async(g_copied_text.c_str());
}

EM_JS(void, js_clipboard_listen, (), {
    var canvas = Module["canvas"];
    var ta = Module["ftblockIme"];
    var onPaste = function(e) {
        var text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
        e.preventDefault();  // ImGui inserts it; the textarea must stay empty
        var n = lengthBytesUTF8(text) + 1;
        var p = _malloc(n);
        stringToUTF8(text, p, n);
        _ftblock_on_paste(p);
        _free(p);
    };
    var onCopy = function(e) {
        if (Module["ftblockPendingCopy"] != null) return;  // Host::copy_text's own event
        var p = _ftblock_on_copy(e.type == "cut" ? 1 : 0);
        if (!p || !e.clipboardData) return;  // nothing selected in the form: the browser's default
        e.clipboardData.setData("text/plain", UTF8ToString(p));
        e.preventDefault();
    };
    [canvas, ta].forEach(function(el) {
        el.addEventListener("paste", onPaste);
        el.addEventListener("copy", onCopy);
        el.addEventListener("cut", onCopy);
    });
    // The mirror's text fields (shell/embed/12-mirror.js) bring the clipboard to the active field
    // as the textarea does; its other controls leave the events to the browser.
    var m = Module["ftblockMirror"];
    if (m) {
        var ofText = function(f) { return function(e) { if (m["isText"](e.target)) f(e); }; };
        m["root"].addEventListener("paste", ofText(onPaste));
        m["root"].addEventListener("copy", ofText(onCopy));
        m["root"].addEventListener("cut", ofText(onCopy));
    }
});

// Copies text to the system clipboard from inside a user gesture: a one-shot copy listener
// puts the text into the event that execCommand('copy') fires.
EM_JS(void, js_clipboard_copy_text, (const char* text), {
    var s = UTF8ToString(text);
    var done = false;
    var onCopy = function(e) {
        e.clipboardData.setData("text/plain", s);
        e.preventDefault();
        e.stopImmediatePropagation();
        done = true;
    };
    Module["ftblockPendingCopy"] = s;
    document.addEventListener("copy", onCopy, true);
    try { document.execCommand("copy"); } catch (err) {}
    document.removeEventListener("copy", onCopy, true);
    Module["ftblockPendingCopy"] = null;
    if (!done && navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(s).catch(function() {});
    }
});

}  // namespace

void clipboard_init(ImGuiIO& io) {
    io.GetClipboardTextFn = get_clipboard_text;
    io.SetClipboardTextFn = set_clipboard_text;
    js_clipboard_listen();
}

void clipboard_copy_text(const std::string& text) { js_clipboard_copy_text(text.c_str()); }

}  // namespace ftblock::web::platform

extern "C" EMSCRIPTEN_KEEPALIVE void ftblock_on_paste(const char* utf8) {
    using namespace ftblock::web::platform;
    g_paste_text = utf8 ? utf8 : "";
    if (!input_shortcut_queued('V')) input_queue_shortcut('V');  // e.g. the browser's Edit menu
    run_frames_now(8);
}

// Returns what ImGui copied (valid until the next call), or null if it copied nothing.
extern "C" EMSCRIPTEN_KEEPALIVE const char* ftblock_on_copy(int cut) {
    using namespace ftblock::web::platform;
    const char letter = cut ? 'X' : 'C';
    if (!input_shortcut_queued(letter)) input_queue_shortcut(letter);
    g_copied = false;
    g_in_copy_event = true;
    run_frames_now(8);
    g_in_copy_event = false;
    return g_copied ? g_copied_text.c_str() : nullptr;
}
