// The WebGL2 context on this form's canvas (not GLFW's emulation: docs/toolchain.md#platform-layer), and what to do
// when the browser takes it away (GPU reset, too many contexts on the page): stop drawing, and
// rebuild ImGui's GL objects when it comes back.
#include <emscripten/html5.h>

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

EMSCRIPTEN_WEBGL_CONTEXT_HANDLE g_context = 0;
bool g_lost = false;

EM_BOOL on_context_lost(int, const void*, void*) {
    g_lost = true;
    return EM_TRUE;  // preventDefault: tells the browser we want it restored
}

EM_BOOL on_context_restored(int, const void*, void*) {
    g_lost = false;
    emscripten_webgl_make_context_current(g_context);
    if (ImGui::GetCurrentContext()) {
        // The old GL names are gone with the context: forget them, create new ones (the
        // glyphs' pixels survive in their canvas and go into a new texture).
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplOpenGL3_Init("#version 300 es");
        fonts_device_objects();
    }
    request_frames();
    return EM_TRUE;
}

}  // namespace

bool webgl_create() {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;                    // the form paints its own background
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    attrs.antialias = EM_FALSE;                // ImGui antialiases its own shapes
    attrs.premultipliedAlpha = EM_TRUE;
    attrs.preserveDrawingBuffer = EM_FALSE;    // idle = no frames; the page keeps the last one shown
    attrs.failIfMajorPerformanceCaveat = EM_FALSE;  // software rendering (SwiftShader) is fine
    attrs.enableExtensionsByDefault = EM_FALSE;
    g_context = emscripten_webgl_create_context(kCanvasTarget, &attrs);
    if (g_context <= 0) return false;
    emscripten_webgl_make_context_current(g_context);
    emscripten_set_webglcontextlost_callback(kCanvasTarget, nullptr, EM_FALSE, on_context_lost);
    emscripten_set_webglcontextrestored_callback(kCanvasTarget, nullptr, EM_FALSE, on_context_restored);
    return true;
}

bool webgl_lost() { return g_lost; }

void webgl_destroy() {
    if (g_context <= 0) return;
    emscripten_webgl_destroy_context(g_context);
    g_context = 0;
}

}  // namespace ftblock::web::platform
