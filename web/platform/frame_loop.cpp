// When the form draws. An idle form draws nothing (docs/toolchain.md#platform-layer, issue 3 item 5): there is no
// permanent requestAnimationFrame loop; every DOM event that can change what ImGui shows asks
// for a few frames (ImGui settles hover state, window sizes and io.Want* one frame late), and
// frames continue only while input is queued (trickled one change per frame), a key or button
// is held, or App::animating(). Nothing else wakes the loop, so anything time-based must ask.
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <ftblock/playbook.h>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

constexpr int kSettleFrames = 3;        // frames after the last event before going idle
constexpr double kMinDelta = 1e-4;      // headless Chromium repeats timestamps; ImGui asserts > 0
constexpr double kMaxDelta = 1.0;       // after idle; more than double-click time, so two clicks
                                        // seconds apart never count as one double-click

std::unique_ptr<App> g_app;
int g_frames_wanted = 0;
bool g_scheduled = false;
bool g_prepared = false;  // prepare() ran: the GL context, ImGui and the glyph atlas exist
bool g_in_frame = false;
int g_frames_rendered = 0;
double g_last_time = 0;
constexpr std::size_t kMaxFrameTimes = 10000;
struct FrameTime {
    double ms;
    int glyphs;  // drawn by the browser into the atlas during the frame (new characters)
};
std::vector<FrameTime> g_frame_times;  // each frame drawn, until frame_times_json takes them

bool wants_more() {
    return g_frames_wanted > 0 || input_pending() || input_held() || (g_app && g_app->animating());
}

void render_frame() {
    if (!g_app || g_in_frame || webgl_lost()) return;
    g_in_frame = true;
    const double started = emscripten_get_now();
    const int glyphs_before = fonts_stats().rasterized;
    ImGuiIO& io = ImGui::GetIO();
    if (display_apply()) fonts_build(display().dpr);  // the new size's glyphs come with this frame
    const Display& d = display();
    io.DisplaySize = ImVec2(d.css_width, d.css_height);
    // Exactly backing / CSS size (not dpr itself): the device-pixel box may round differently.
    io.DisplayFramebufferScale = ImVec2(d.fb_width / d.css_width, d.fb_height / d.css_height);

    io.DeltaTime = static_cast<float>(std::clamp((started - g_last_time) / 1000.0, kMinDelta, kMaxDelta));
    g_last_time = started;

    input_apply(io);
    // A frame during which the glyph atlas grew or dropped its glyphs drew with texture
    // coordinates that no longer hold: it is built again (its input is already applied, so the
    // second pass is an ordinary next frame) before anything is shown.
    for (int pass = 0; pass < 2; ++pass) {
        if (pass > 0) io.DeltaTime = static_cast<float>(kMinDelta);
        fonts_frame_begin(pass == 0);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
        g_app->frame();
        ImGui::Render();
        if (!fonts_frame_moved()) break;
    }
    fonts_before_render();

    glViewport(0, 0, d.fb_width, d.fb_height);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++g_frames_rendered;
    if (g_frames_wanted > 0) --g_frames_wanted;
    g_in_frame = false;
    if (g_frame_times.size() < kMaxFrameTimes)
        g_frame_times.push_back(FrameTime{emscripten_get_now() - started, fonts_stats().rasterized - glyphs_before});

    display_after_frame();
    a11y_after_frame();  // the mirror first: the focus may follow the form's into it
    ime_after_frame();
}

void schedule();

EM_BOOL on_animation_frame(double, void*) {
    g_scheduled = false;
    render_frame();
    if (g_app && wants_more()) schedule();
    return EM_FALSE;
}

void schedule() {
    if (g_scheduled) return;
    g_scheduled = true;
    emscripten_request_animation_frame(on_animation_frame, nullptr);
}

}  // namespace

bool prepare() {
    if (g_prepared) return true;
    if (!webgl_create()) return false;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;                 // drafts live in Host storage, not imgui.ini
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = false;    // a blinking caret would need frames forever
    io.BackendPlatformName = "ftblock_web_html5";

    display_init();
    ImGui_ImplOpenGL3_Init("#version 300 es");
    fonts_build(display().dpr);
    fonts_device_objects();
    builtin_playbook();  // parsed now rather than in App's constructor
    g_prepared = true;
    return true;
}

bool start(Lang lang, AppOptions options) {
    if (g_app) return true;
    if (!prepare()) return false;

    ImGuiIO& io = ImGui::GetIO();
    ime_init(io);        // creates the textarea that input_init and clipboard_init listen on
    input_init();
    clipboard_init(io);
    storage_init();
    a11y_init();

    g_app = std::make_unique<App>(browser_host(), lang, std::move(options));
    g_last_time = emscripten_get_now();
    g_frames_wanted = kSettleFrames;
    render_frame();  // the first frame now, so the page shows the form when start returns
    schedule();
    return true;
}

void stop() {
    if (g_in_frame) return;
    if (g_app) {
        g_app->save_now();
        g_app.reset();  // a pending animation frame finds no app, draws nothing, asks for no more
        g_frames_wanted = 0;
    }
    if (!g_prepared) return;
    g_prepared = false;
    emscripten_html5_remove_all_event_listeners();
    a11y_shutdown();
    fonts_shutdown();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext();
    webgl_destroy();
}

App* app() { return g_app.get(); }

void request_frames() {
    g_frames_wanted = std::max(g_frames_wanted, kSettleFrames);
    if (g_app) schedule();
}

void run_frames_now(int max_frames) {
    if (g_in_frame) return;  // an event raised by our own frame (focus(), click()): later
    for (int i = 0; i < max_frames; ++i) {
        render_frame();
        if (!input_pending() && !(g_app && g_app->settling())) break;
    }
    request_frames();
}

bool in_frame() { return g_in_frame; }
int frames_rendered() { return g_frames_rendered; }

std::string frame_times_json() {
    std::string json = "[";
    char item[64];
    for (std::size_t i = 0; i < g_frame_times.size(); ++i) {
        std::snprintf(item, sizeof item, "%s{\"ms\":%.2f,\"glyphs\":%d}", i ? "," : "", g_frame_times[i].ms,
                      g_frame_times[i].glyphs);
        json += item;
    }
    g_frame_times.clear();
    return json + "]";
}

}  // namespace ftblock::web::platform
