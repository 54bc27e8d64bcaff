// Mouse and keyboard, from html5.h listeners on this form's own elements only: the canvas and
// the hidden textarea (ime.cpp) — never window or document for keys, so the form takes no key
// from the rest of the page (docs/toolchain.md#platform-layer: GLFW's emulation listens on window and eats Tab and
// Backspace everywhere) — and from the semantic mirror's text fields, whose keys the mirror
// hands over (ftblock_on_key; shell/embed/12-mirror.js). Keys of the mirror's other controls
// (buttons, pick-lists, radios, the drafts list) are the browser's, never ImGui's. Tab is never
// ImGui's either: the browser walks the mirror with it and leaves the form at both ends (no
// keyboard trap). Only during a mouse drag do move/up listeners sit on the document, so a drag
// that leaves the canvas still ends.
//
// Dear ImGui 1.86 samples key and button state once per frame: a press and release inside one
// frame would vanish. So events are queued and applied "trickled" (what 1.87+ does itself): per
// frame at most one key change, text only before it, and at most one change per mouse button,
// with the mouse position it happened at.
//
// Characters never come from key events: they come from the textarea's input/composition
// events (ime.cpp), the one path that also carries IME and pasted-by-OS text.
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <string>
#include <string_view>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

enum Mod : unsigned { kCtrl = 1, kShift = 2, kAlt = 4, kSuper = 8 };
constexpr int kModifierOnly = -1;  // Control/Shift/Alt/Meta pressed alone: only the mods change

struct Event {
    enum class Kind { MousePos, MouseButton, Wheel, Key, Text } kind;
    int code = 0;         // ImGui mouse button, or index into io.KeysDown (kModifierOnly)
    bool down = false;
    unsigned mods = 0;
    float x = 0, y = 0;   // position (CSS px) or wheel steps
    std::string text;
};

std::deque<Event> g_queue;
bool g_key_down[512] = {};   // keys forwarded as down and not yet up (auto-repeat is ImGui's)
int g_buttons_down = 0;      // DOM buttons pressed on the canvas: the drag listeners are on
bool g_mac = false;

// Key indices: the DOM's legacy keyCode numbers, which are stable for these keys.
constexpr int kTab = 9, kBackspace = 8, kEnter = 13, kEscape = 27, kSpace = 32, kPageUp = 33,
              kPageDown = 34, kEnd = 35, kHome = 36, kLeft = 37, kUp = 38, kRight = 39, kDown = 40,
              kInsert = 45, kDelete = 46;

EM_JS(int, js_is_mac, (), {
    var p = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "";
    return /mac|iphone|ipad|ipod/i.test(p) ? 1 : 0;
});

EM_JS(void, js_canvas_origin, (double* out), {
    var r = Module["canvas"].getBoundingClientRect();
    HEAPF64[out >> 3] = r.left;
    HEAPF64[(out >> 3) + 1] = r.top;
});

unsigned mods_of(EM_BOOL ctrl, EM_BOOL shift, EM_BOOL alt, EM_BOOL meta) {
    return (ctrl ? kCtrl : 0) | (shift ? kShift : 0) | (alt ? kAlt : 0) | (meta ? kSuper : 0);
}

int key_index(std::string_view key, std::string_view code) {
    static const struct { const char* name; int index; } named[] = {
        {"Tab", kTab}, {"Backspace", kBackspace}, {"Enter", kEnter}, {"Escape", kEscape}, {" ", kSpace},
        {"PageUp", kPageUp}, {"PageDown", kPageDown}, {"End", kEnd}, {"Home", kHome}, {"ArrowLeft", kLeft},
        {"ArrowUp", kUp}, {"ArrowRight", kRight}, {"ArrowDown", kDown}, {"Insert", kInsert}, {"Delete", kDelete},
        {"Control", kModifierOnly}, {"Shift", kModifierOnly}, {"Alt", kModifierOnly}, {"Meta", kModifierOnly}};
    for (const auto& n : named)
        if (key == n.name) return n.index;
    // Letters, for the Ctrl/Cmd shortcuts: the character on the key if it is a Latin letter,
    // else (another script's layout) the physical key.
    if (key.size() == 1 && ((key[0] >= 'a' && key[0] <= 'z') || (key[0] >= 'A' && key[0] <= 'Z')))
        return key[0] & ~0x20;
    if (code.size() == 4 && code.substr(0, 3) == "Key") return code[3];
    return -2;  // not a key ImGui uses
}

bool is_letter(int index) { return index >= 'A' && index <= 'Z'; }

bool is_navigation(int index) {
    switch (index) {
    case kEnter: case kEscape: case kSpace: case kPageUp: case kPageDown: case kEnd: case kHome: case kLeft:
    case kUp: case kRight: case kDown: return true;
    default: return false;
    }
}

// The drawing shows a list the mouse opened (a combo's, the calendar): the topmost open popup is
// not a modal (a confirmation's buttons are the mirror's, operated by the browser).
bool drawn_list_open() {
    const ImGuiContext& g = *GImGui;
    if (g.OpenPopupStack.empty()) return false;
    const ImGuiWindow* w = g.OpenPopupStack.back().Window;
    return w && !(w->Flags & ImGuiWindowFlags_Modal);
}

// preventDefault for this keydown? Copy/cut/paste shortcuts must reach the browser (the events
// carry the clipboard: clipboard.cpp); editing keys stay in the form while ImGui uses the
// keyboard; Enter would put a newline in the textarea, Space on the canvas would scroll the page.
bool should_prevent(int index, unsigned mods, bool from_textarea) {
    const bool captured = from_textarea || ImGui::GetIO().WantCaptureKeyboard;
    switch (index) {
    case 'C': case 'V': case 'X': return false;
    case kInsert: return !(mods & (kCtrl | kShift)) && captured;  // Ctrl/Shift+Insert: copy/paste
    case kDelete: return !(mods & kShift) && captured;            // Shift+Delete: cut
    case kEnter: return true;
    case kSpace: return !from_textarea;
    default: return is_letter(index) || captured;                 // Ctrl+A/Z/Y: not the page's
    }
}

void push(Event e) {
    // Consecutive moves collapse into the last one: fewer frames, same result.
    if (e.kind == Event::Kind::MousePos && !g_queue.empty() && g_queue.back().kind == Event::Kind::MousePos)
        g_queue.back() = std::move(e);
    else
        g_queue.push_back(std::move(e));
}

void push_pos(float x, float y) { push(Event{Event::Kind::MousePos, 0, false, 0, x, y, {}}); }

int imgui_button(unsigned short dom_button) {
    switch (dom_button) {
    case 0: return 0;   // left
    case 1: return 2;   // middle
    case 2: return 1;   // right
    default: return dom_button < 5 ? dom_button : -1;
    }
}

// A key of the canvas, the textarea or a mirror text field (from_text: one of the last two).
// Returns whether to prevent the browser's default.
bool on_key_event(bool down, std::string_view key, std::string_view code, int key_code, unsigned mods,
                  bool from_text) {
    // While the input method composes, keys are its own (keyCode 229 / "Process").
    if (ime_composing() || key_code == 229 || key == "Process" || key == "Unidentified" || key == "Dead")
        return false;
    const int index = key_index(key, code);
    // Tab is the browser's: it moves the focus through the mirror and out of the form.
    if (index == -2 || index == kTab) return false;
    if (index == kModifierOnly) {
        push(Event{Event::Kind::Key, kModifierOnly, down, mods, 0, 0, {}});
        // macOS sends no keyup for a letter released while Cmd is down: with Cmd, every
        // letter of a shortcut ends.
        if (!down && key == "Meta") {
            for (int letter = 'A'; letter <= 'Z'; ++letter) {
                if (!g_key_down[letter]) continue;
                g_key_down[letter] = false;
                push(Event{Event::Kind::Key, letter, false, mods, 0, 0, {}});
            }
        }
        request_frames();
        return false;
    }
    // Escape in a text field leaves it as a browser field would, keeping what was typed
    // (ImGui 1.86's InputText would revert the whole edit of the field on Escape).
    if (index == kEscape && down && ImGui::GetIO().WantTextInput) {
        ime_release_field();
        return true;
    }
    if (is_letter(index)) {
        // Ctrl+Alt is AltGr on Windows: a character (ą, €), not a shortcut.
        const bool shortcut = (mods & (kCtrl | kSuper)) != 0 && !(mods & kAlt);
        if (down && !shortcut) return false;  // typing: the character comes from the text field
        if (!down && !g_key_down[index]) return false;
    }
    if (down && g_key_down[index])  // the browser's auto-repeat: ImGui repeats held keys itself
        return should_prevent(index, mods, from_text);
    g_key_down[index] = down;
    push(Event{Event::Kind::Key, index, down, mods, 0, 0, {}});
    if (down && (index == kEnter || index == kSpace)) {
        run_frames_now(4);  // a button pressed from the keyboard acts inside the user's gesture
    } else {
        request_frames();
    }
    return down && should_prevent(index, mods, from_text);
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void* from_textarea) {
    return on_key_event(type == EMSCRIPTEN_EVENT_KEYDOWN, e->key, e->code, static_cast<int>(e->keyCode),
                        mods_of(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey), from_textarea != nullptr);
}

EM_BOOL on_document_mousemove(int, const EmscriptenMouseEvent* e, void*);
EM_BOOL on_document_mouseup(int, const EmscriptenMouseEvent* e, void*);

void set_drag_listeners(bool on) {
    emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_TRUE,
                                      on ? on_document_mousemove : nullptr);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_TRUE,
                                    on ? on_document_mouseup : nullptr);
}

void push_client_pos(const EmscriptenMouseEvent& e) {
    double origin[2];
    js_canvas_origin(origin);
    push_pos(static_cast<float>(e.clientX - origin[0]), static_cast<float>(e.clientY - origin[1]));
}

EM_BOOL on_mousedown(int, const EmscriptenMouseEvent* e, void*) {
    const int button = imgui_button(e->button);
    if (button < 0) return EM_FALSE;
    push_pos(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
    push(Event{Event::Kind::MouseButton, button, true, mods_of(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey), 0, 0, {}});
    if (g_buttons_down++ == 0) set_drag_listeners(true);
    // Run the click now, then put the focus where it belongs (the textarea if a text field took
    // it): moving focus later loses the first character typed after the click.
    run_frames_now(4);
    ime_focus_form();
    return EM_TRUE;  // the focus is placed above; no text selection drag on the page
}

EM_BOOL on_document_mouseup(int, const EmscriptenMouseEvent* e, void*) {
    const int button = imgui_button(e->button);
    if (button < 0) return EM_FALSE;
    push_client_pos(*e);
    push(Event{Event::Kind::MouseButton, button, false, mods_of(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey), 0, 0, {}});
    if (--g_buttons_down <= 0 || e->buttons == 0) {
        g_buttons_down = 0;
        set_drag_listeners(false);
    }
    run_frames_now(4);  // a button's action (download, copy, file dialog) inside the gesture
    ime_focus_form();   // a release can activate a field too (a problem line jumps to its field)
    return EM_FALSE;
}

EM_BOOL on_document_mousemove(int, const EmscriptenMouseEvent* e, void*) {
    push_client_pos(*e);
    request_frames();
    return EM_FALSE;
}

EM_BOOL on_canvas_mousemove(int, const EmscriptenMouseEvent* e, void*) {
    if (g_buttons_down > 0) return EM_FALSE;  // the document listener has it
    push_pos(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
    request_frames();
    return EM_FALSE;
}

EM_BOOL on_canvas_mouseleave(int, const EmscriptenMouseEvent*, void*) {
    if (g_buttons_down > 0) return EM_FALSE;
    push_pos(-FLT_MAX, -FLT_MAX);
    request_frames();
    return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    // ImGui scrolls 5 lines per wheel step; a notch is ~100 px or 3 lines in the browser.
    double per_step = 100.0;
    if (e->deltaMode == DOM_DELTA_LINE) per_step = 3.0;
    if (e->deltaMode == DOM_DELTA_PAGE) per_step = 1.0;
    push(Event{Event::Kind::Wheel, 0, false, 0, static_cast<float>(-e->deltaX / per_step),
               static_cast<float>(-e->deltaY / per_step), {}});
    request_frames();
    return EM_TRUE;  // the form scrolls, not the page under it
}

// Touch: one finger dragged over the form scrolls it like the wheel, following the finger (the
// canvas has touch-action: none, so the browser neither pans the page nor refreshes it). A tap
// is left alone: the browser turns it into the mouse events above.
constexpr double kTouchPixelsPerStep = 100.0;  // ImGui scrolls ~5 lines (~100 px) per wheel step
int g_touch_id = -1;
double g_touch_x = 0, g_touch_y = 0;

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL || e->numTouches != 1) {
        g_touch_id = -1;
        return EM_FALSE;
    }
    const EmscriptenTouchPoint& t = e->touches[0];
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
        g_touch_id = t.identifier;
        g_touch_x = static_cast<double>(t.targetX);
        g_touch_y = static_cast<double>(t.targetY);
        push_pos(static_cast<float>(t.targetX), static_cast<float>(t.targetY));  // what the drag scrolls
        request_frames();
        return EM_FALSE;  // a tap's mouse events must still come
    }
    if (type != EMSCRIPTEN_EVENT_TOUCHMOVE || t.identifier != g_touch_id) return EM_FALSE;
    const double dx = static_cast<double>(t.targetX) - g_touch_x;
    const double dy = static_cast<double>(t.targetY) - g_touch_y;
    g_touch_x = static_cast<double>(t.targetX);
    g_touch_y = static_cast<double>(t.targetY);
    push(Event{Event::Kind::Wheel, 0, false, 0, static_cast<float>(dx / kTouchPixelsPerStep),
               static_cast<float>(dy / kTouchPixelsPerStep), {}});
    request_frames();
    return EM_TRUE;
}

void set_mods(ImGuiIO& io, unsigned mods) {
    io.KeyCtrl = mods & kCtrl;
    io.KeyShift = mods & kShift;
    io.KeyAlt = mods & kAlt;
    io.KeySuper = mods & kSuper;
}

}  // namespace

void input_init() {
    ImGuiIO& io = ImGui::GetIO();
    g_mac = js_is_mac() != 0;
    io.ConfigMacOSXBehaviors = g_mac;
    io.KeyMap[ImGuiKey_Tab] = kTab;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
    io.KeyMap[ImGuiKey_RightArrow] = kRight;
    io.KeyMap[ImGuiKey_UpArrow] = kUp;
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_PageUp] = kPageUp;
    io.KeyMap[ImGuiKey_PageDown] = kPageDown;
    io.KeyMap[ImGuiKey_Home] = kHome;
    io.KeyMap[ImGuiKey_End] = kEnd;
    io.KeyMap[ImGuiKey_Insert] = kInsert;
    io.KeyMap[ImGuiKey_Delete] = kDelete;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    io.KeyMap[ImGuiKey_Space] = kSpace;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_KeyPadEnter] = kEnter;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
    io.KeyMap[ImGuiKey_A] = 'A';
    io.KeyMap[ImGuiKey_C] = 'C';
    io.KeyMap[ImGuiKey_V] = 'V';
    io.KeyMap[ImGuiKey_X] = 'X';
    io.KeyMap[ImGuiKey_Y] = 'Y';
    io.KeyMap[ImGuiKey_Z] = 'Z';

    for (const char* target : {kCanvasTarget, kImeTarget}) {
        void* from_textarea = target == kImeTarget ? reinterpret_cast<void*>(1) : nullptr;
        emscripten_set_keydown_callback(target, from_textarea, EM_FALSE, on_key);
        emscripten_set_keyup_callback(target, from_textarea, EM_FALSE, on_key);
    }
    emscripten_set_mousedown_callback(kCanvasTarget, nullptr, EM_FALSE, on_mousedown);
    emscripten_set_mousemove_callback(kCanvasTarget, nullptr, EM_FALSE, on_canvas_mousemove);
    emscripten_set_mouseleave_callback(kCanvasTarget, nullptr, EM_FALSE, on_canvas_mouseleave);
    emscripten_set_wheel_callback(kCanvasTarget, nullptr, EM_FALSE, on_wheel);
    emscripten_set_touchstart_callback(kCanvasTarget, nullptr, EM_FALSE, on_touch);
    emscripten_set_touchmove_callback(kCanvasTarget, nullptr, EM_FALSE, on_touch);
    emscripten_set_touchend_callback(kCanvasTarget, nullptr, EM_FALSE, on_touch);
    emscripten_set_touchcancel_callback(kCanvasTarget, nullptr, EM_FALSE, on_touch);
}

void input_apply(ImGuiIO& io) {
    bool key_changed = false;
    bool button_changed[5] = {};
    bool any_button_changed = false;
    while (!g_queue.empty()) {
        Event& e = g_queue.front();
        switch (e.kind) {
        case Event::Kind::Key:
            if (key_changed) return;
            set_mods(io, e.mods);
            if (e.code >= 0) io.KeysDown[e.code] = e.down;
            key_changed = true;
            break;
        case Event::Kind::Text:
            if (key_changed) return;  // text typed after a key belongs to the next frame
            io.AddInputCharactersUTF8(e.text.c_str());
            break;
        case Event::Kind::MousePos:
            if (any_button_changed) return;  // the click happened where the mouse was before
            io.MousePos = ImVec2(e.x, e.y);
            break;
        case Event::Kind::MouseButton:
            if (button_changed[e.code]) return;
            set_mods(io, e.mods);
            io.MouseDown[e.code] = e.down;
            button_changed[e.code] = any_button_changed = true;
            break;
        case Event::Kind::Wheel:
            io.MouseWheelH += e.x;
            io.MouseWheel += e.y;
            break;
        }
        g_queue.pop_front();
    }
}

bool input_pending() { return !g_queue.empty(); }

bool input_held() {
    const ImGuiIO& io = ImGui::GetIO();
    for (bool down : io.MouseDown)
        if (down) return true;
    for (bool down : g_key_down)
        if (down) return true;
    return false;
}

void input_queue_text(const char* utf8) {
    if (!utf8 || !*utf8) return;
    push(Event{Event::Kind::Text, 0, false, 0, 0, 0, utf8});
    request_frames();
}

void input_queue_shortcut(char letter) {
    const unsigned mods = g_mac ? kSuper : kCtrl;
    push(Event{Event::Kind::Key, letter, true, mods, 0, 0, {}});
    push(Event{Event::Kind::Key, letter, false, mods, 0, 0, {}});
    request_frames();
}

bool input_shortcut_queued(char letter) {
    for (const Event& e : g_queue)
        if (e.kind == Event::Kind::Key && e.code == letter && e.down && (e.mods & (kCtrl | kSuper))) return true;
    return false;
}

void input_release_all() {
    for (int i = 0; i < 512; ++i) {
        if (!g_key_down[i]) continue;
        g_key_down[i] = false;
        push(Event{Event::Kind::Key, i, false, 0, 0, 0, {}});
    }
    push(Event{Event::Kind::Key, kModifierOnly, false, 0, 0, 0, {}});
    request_frames();
}

}  // namespace ftblock::web::platform

// A key the semantic mirror (shell/embed/12-mirror.js) hands over: every key of its text fields,
// handled as the old textarea's keys are (text_field 1), and the keys of its other controls
// (text_field 0), which are the browser's unless the drawing has a list open that the mouse
// opened there (a pick-list's, the calendar): then the navigation keys are that list's, as they
// were when the canvas had the focus. mods: 1 Ctrl, 2 Shift, 4 Alt, 8 Meta. Returns 1: the form
// took the key (prevent the browser's default).
extern "C" EMSCRIPTEN_KEEPALIVE int ftblock_on_key(int down, const char* key, const char* code, int key_code,
                                                   int mods, int text_field) {
    using namespace ftblock::web::platform;
    if (!app()) return 0;
    if (!text_field) {
        const int index = key_index(key, code);
        if (!is_navigation(index) || (down ? !drawn_list_open() : !g_key_down[index])) return 0;
        on_key_event(down != 0, key, code, key_code, static_cast<unsigned>(mods), false);
        return down ? 1 : 0;
    }
    return on_key_event(down != 0, key, code, key_code, static_cast<unsigned>(mods), true) ? 1 : 0;
}
