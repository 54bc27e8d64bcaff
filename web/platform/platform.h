// web/platform/platform.h — the browser around the form: what the platform units tell each other.
// One concern per unit (CONTRIBUTING.md#repository-layout): frame_loop (when to draw), webgl (the context), display
// (size, devicePixelRatio, cursor), input (mouse and keys, trickled into ImGui), ime (where the
// DOM focus goes; the fallback textarea that brings in text), a11y (the semantic mirror),
// clipboard, fonts, storage (localStorage), store (IndexedDB), files, host (App's Host), js_api
// (the page's handle). Everything here runs on the page's main
// thread, one form per wasm instance (MODULARIZE: several forms on a page are several instances,
// each with these globals).
// Only web/platform/ may include this; the form (web/*.cpp) knows only app.h's Host.
#pragma once

#include <cstdint>
#include <string>

#include <imgui.h>

#include "app.h"

namespace ftblock::web::platform {

// The DOM elements of this instance, as html5.h event targets (registered in specialHTMLTargets
// by js_api's start, so no element id has to be unique on the page).
inline constexpr const char* kCanvasTarget = "!ftblock-canvas";
inline constexpr const char* kImeTarget = "!ftblock-ime";

inline constexpr float kFontSize = 16.0f;  // CSS pixels; the atlas is rasterised at this × dpr

// frame_loop.cpp
// The part of start() that needs neither the language nor the drafts (the GL context, ImGui, the
// glyph atlas, the built-in playbook): the loader runs it while the drafts store opens.
bool prepare();                             // false: no WebGL2
bool start(Lang lang, AppOptions options);  // false: no WebGL2 (prepares first if needed)
void stop();                                // destroy(): save, stop drawing, free ImGui and GL
App* app();                                 // null before start
void request_frames();                      // something happened: draw a few frames, then idle
void run_frames_now(int max_frames);        // inside an event handler: drain queued input now
bool in_frame();                            // true while NewFrame..Render runs (no reentry)
int frames_rendered();                      // frames actually drawn (the idle figure)
std::string frame_times_json();             // [{ms, glyphs}, …]: each frame since the last call (then cleared)

// webgl.cpp
bool webgl_create();                        // WebGL2 on the canvas, current; false if unavailable
bool webgl_lost();                          // context lost: draw nothing until restored
void webgl_destroy();

// display.cpp
struct Display {
    int fb_width = 0, fb_height = 0;        // the canvas's backing store, device pixels
    float css_width = 0, css_height = 0;    // = ImGui's DisplaySize
    float dpr = 1.0f;
};
void display_init();                        // reads the size now, then follows ResizeObserver / dpr
bool display_apply();                       // resize the backing store if needed; true: dpr changed
const Display& display();
void display_after_frame();                 // the mouse cursor ImGui asked for
bool display_coarse_pointer();              // (pointer: coarse): a touch screen

// input.cpp
void input_init();                          // html5.h listeners on the canvas and the textarea
void input_apply(ImGuiIO& io);              // one state change per key/button per frame
bool input_pending();                       // queued events left for later frames
bool input_held();                          // a key or button is down (repeat, drag)
void input_queue_text(const char* utf8);    // committed text from the IME bridge
void input_queue_shortcut(char letter);     // e.g. 'V' for a paste from the context menu
bool input_shortcut_queued(char letter);    // the queued keys already hold Ctrl/Cmd+letter
void input_release_all();                   // focus left the form: nothing stays held

// a11y.cpp (the semantic mirror's browser side: shell/embed/12-mirror.js, docs/accessibility.md)
void a11y_init();                           // connect the loader's mirror to the ftblock_a11y_* functions
void a11y_shutdown();                       // disconnect it (destroy)
void a11y_changed(const std::string& json); // Host::a11y_changed: to the mirror (after the frame, if in one)
void a11y_after_frame();                    // hand over the tree a frame produced

// ime.cpp
void ime_init(ImGuiIO& io);                 // the fallback <textarea>, composition events
void ime_after_frame();                     // focus it while ImGui wants text; follow the caret
void ime_focus_form();                      // after a click: the textarea if a field took it, else the canvas
bool ime_composing();                       // keys belong to the input method now
void ime_release_field();                   // leave the active text field, keeping its text

// clipboard.cpp
void clipboard_init(ImGuiIO& io);           // copy/cut/paste events of the form's elements
void clipboard_copy_text(const std::string& text);  // Host::copy_text

// fonts.cpp (glyphs rasterised by the browser on demand; docs/fonts.md)
struct FontStats {
    int builds = 0;                         // atlases built (start, then each dpr change)
    double build_ms = 0;                    // the last build: texture, ASCII and the fallback glyph
    int glyphs = 0;                         // in the atlas now
    int measured = 0;                       // measureText calls (advances, and before each drawing)
    int rasterized = 0;                     // glyphs drawn by the browser so far
    double rasterize_ms = 0;                // time spent measuring and drawing
    int grows = 0, evictions = 0;           // the atlas doubled its height / dropped its glyphs
    int atlas_width = 0, atlas_height = 0, atlas_max_height = 0;
};
bool fonts_build(float dpr);                // a new atlas for this dpr (ImGui context and GL current)
void fonts_device_objects();                // the backend's GL objects and our texture (after Init)
void fonts_frame_begin(bool first_pass);    // before NewFrame
bool fonts_frame_moved();                   // after Render: the atlas moved; draw the frame again
void fonts_before_render();                 // new glyphs into the texture
void fonts_shutdown();
const FontStats& fonts_stats();
std::string fonts_describe();               // JSON: the font stacks and the text size in CSS px

// storage.cpp
bool storage_available();
bool storage_get(const std::string& key, std::string& value);
bool storage_set(const std::string& key, const std::string& value);
void storage_remove(const std::string& key);
void storage_init();                        // save_now when the page is hidden or left

// store.cpp (the drafts store: IndexedDB, opened by the loader; docs/storage.md)
StoreState store_open(StoreContents& contents);              // Host::store_open
void store_write(std::uint64_t batch_id, const StoreBatch& batch);  // done: App::store_done, in order
std::string storage_persistence();          // "persistent", "best-effort" or "" (not known yet)
double storage_free_bytes();                // quota − usage as last estimated; < 0 unknown

// files.cpp
void files_download(const std::string& file_name, const std::string& mime, const std::string& bytes);
void files_open_import_dialog();

// host.cpp
Host& browser_host();

// js_api.cpp
void js_emit(const char* event, const char* detail_json);  // a DOM event on the form's container

}  // namespace ftblock::web::platform
