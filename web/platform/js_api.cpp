// The module's JavaScript face: Module.ftblock, which the page's loader (shell/embed/10-mount.js)
// wraps into the handle ftblock.mount returns (docs/embedding.md). Strings cross as UTF-8;
// JSON comes from App and is handed over as text. Events (language, change, submit) go to
// Module.onFtblockEvent, which the loader turns into DOM events on the form's container.
#include <emscripten/emscripten.h>

#include <cstdio>
#include <string>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

EM_JS(void, js_api_install, (), {
    var str = function(p) { return p ? UTF8ToString(p) : null; };
    var withString = function(s, f) {
        var n = lengthBytesUTF8(s) + 1;
        var p = _malloc(n);
        stringToUTF8(s, p, n);
        try { return f(p); } finally { _free(p); }
    };
    Module["ftblockDisposers"] = [];  // listeners outside the form's own elements, removed by destroy
    Module["ftblock"] = {
        // canvas: the form's <canvas> (already in the page, inside its container);
        // lang: "en" or "zh-CN"; options: { drafts, storageKey,
        // readOnly, submitLabel } (docs/embedding.md) and, in drafts mode, store: the drafts store
        // the loader opened (ftblock.openDraftStore; without it the form keeps its drafts in
        // localStorage). Draws the first frame before it returns. Returns "" or the reason the
        // form cannot run.
        // canvas: as for start. Creates what the first frame needs that depends on neither the
        // language nor the drafts (the GL context, the glyph atlas, the playbook), so that start()
        // has less to do; start() does it itself when this was not called. Returns "" or the
        // reason the form cannot run.
        "prepare": function(canvas) {
            specialHTMLTargets["!ftblock-canvas"] = canvas;
            return _ftblock_prepare() ? "" : "WebGL 2 is not available";
        },
        "start": function(canvas, lang, options) {
            options = options || {};
            specialHTMLTargets["!ftblock-canvas"] = canvas;
            Module["ftblockStore"] = options.drafts && options.store ? options.store : null;
            // drafts mode, the store still opening: storeOpened(store) follows
            Module["ftblockStorePending"] = !!(options.drafts && !options.store && options.storePending);
            var status = withString(lang, function(p) {
                return withString(String(options.storageKey || ""), function(key) {
                    return withString(String(options.submitLabel || ""), function(label) {
                        return _ftblock_start(p, options.drafts ? 1 : 0, key, options.readOnly ? 1 : 0, label);
                    });
                });
            });
            return status == 0 ? "" : status == 1 ? "WebGL 2 is not available" : "unknown language " + lang;
        },
        // The drafts store start() was told is still opening (options.storePending), now open or
        // failed (ftblock.openDraftStore's result): the form takes its drafts.
        "storeOpened": function(store) {
            if (!Module["ftblockStorePending"]) { if (store) store.close(); return; }
            Module["ftblockStorePending"] = false;
            Module["ftblockStore"] = store || null;
            _ftblock_store_opened();
        },
        // JSON text of one record / of an array of records → "" or why it was refused.
        "setRecord": function(json) { return str(withString(json, _ftblock_set_record)); },
        "setPrevious": function(json) { return str(withString(json, _ftblock_set_previous)); },
        "setReadOnly": function(flag) { _ftblock_set_read_only(flag ? 1 : 0); },
        "readOnly": function() { return _ftblock_read_only() != 0; },
        "currentValid": function() { return _ftblock_current_valid() != 0; },
        // Saves, stops drawing, frees ImGui and the GL context, removes every listener and the
        // elements the module added (the loader removes the canvas).
        "destroy": function() {
            _ftblock_stop();
            if (Module["ftblockStore"]) Module["ftblockStore"].close();  // writes given still complete
            Module["ftblockStore"] = null;
            Module["ftblockStorePending"] = false;
            Module["ftblockDisposers"].forEach(function(f) { try { f(); } catch (err) {} });
            Module["ftblockDisposers"] = [];
            ["ftblockIme", "ftblockImportInput"].forEach(function(k) {
                var el = Module[k];
                if (el && el.parentNode) el.parentNode.removeChild(el);
                Module[k] = null;
            });
            delete specialHTMLTargets["!ftblock-canvas"];
            delete specialHTMLTargets["!ftblock-ime"];
        },
        "draftsJson": function() { return str(_ftblock_drafts_json()); },
        "currentJson": function() { return str(_ftblock_current_json()); },
        "diagnosticsJson": function() { return str(_ftblock_diagnostics_json()); },
        "itemRectsJson": function() { return str(_ftblock_item_rects_json()); },
        "language": function() { return str(_ftblock_language()); },
        "setLanguage": function(tag) { return withString(String(tag), _ftblock_set_language) != 0; },
        "framesRendered": function() { return _ftblock_frames_rendered(); },
        // The glyph atlas (docs/fonts.md) and the time of each frame drawn since the last call.
        "fontStats": function() { return JSON.parse(str(_ftblock_font_stats_json())); },
        "frameTimes": function() { return JSON.parse(str(_ftblock_frame_times_json())); }
    };
});

EM_JS(void, js_emit_event, (const char* name, const char* detail_json), {
    var f = Module["onFtblockEvent"];
    if (typeof f == "function") f(UTF8ToString(name), JSON.parse(UTF8ToString(detail_json)));
});

std::string g_out;  // the last string handed to JavaScript (read at once by the caller)

const char* out(std::string s) {
    g_out = std::move(s);
    return g_out.c_str();
}

}  // namespace

void js_emit(const char* event, const char* detail_json) { js_emit_event(event, detail_json); }

}  // namespace ftblock::web::platform

using namespace ftblock::web::platform;

int main() {
    js_api_install();  // before the module's promise resolves, so the loader finds Module.ftblock
    return 0;
}

extern "C" {

// 0: running; 1: no WebGL2; 2: unknown language tag.
EMSCRIPTEN_KEEPALIVE int ftblock_start(const char* lang_tag, int drafts, const char* storage_key, int read_only,
                                       const char* submit_label) {
    ftblock::Lang lang;
    if (!ftblock::parse_lang(lang_tag, lang)) return 2;
    ftblock::web::AppOptions options;
    options.drafts = drafts != 0;
    if (*storage_key) options.storage_prefix = storage_key;
    options.read_only = read_only != 0;
    options.submit_label = submit_label;
    const bool ok = start(lang, std::move(options));
    return ok ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE int ftblock_prepare() { return prepare() ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE void ftblock_store_opened() {
    if (ftblock::web::App* a = app()) a->store_opened();
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void ftblock_stop() { stop(); }

// "" when taken, else why not (the record is unchanged).
EMSCRIPTEN_KEEPALIVE const char* ftblock_set_record(const char* json) {
    if (!app()) return "the form is not running";
    std::string error = app()->set_record(json);
    request_frames();
    return out(std::move(error));
}

EMSCRIPTEN_KEEPALIVE const char* ftblock_set_previous(const char* json) {
    if (!app()) return "the form is not running";
    std::string error = app()->set_previous(json);
    request_frames();
    return out(std::move(error));
}

EMSCRIPTEN_KEEPALIVE void ftblock_set_read_only(int read_only) {
    if (!app()) return;
    app()->set_read_only(read_only != 0);
    request_frames();
}

EMSCRIPTEN_KEEPALIVE int ftblock_read_only() { return app() && app()->read_only() ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int ftblock_current_valid() { return app() && app()->current_valid() ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE const char* ftblock_drafts_json() { return app() ? out(app()->drafts_json()) : nullptr; }
EMSCRIPTEN_KEEPALIVE const char* ftblock_current_json() { return app() ? out(app()->current_json()) : nullptr; }
EMSCRIPTEN_KEEPALIVE const char* ftblock_diagnostics_json() {
    return app() ? out(app()->diagnostics_json()) : nullptr;
}
EMSCRIPTEN_KEEPALIVE const char* ftblock_item_rects_json() { return app() ? out(app()->item_rects_json()) : nullptr; }
EMSCRIPTEN_KEEPALIVE const char* ftblock_language() { return app() ? ftblock::lang_tag(app()->language()) : nullptr; }

EMSCRIPTEN_KEEPALIVE int ftblock_set_language(const char* tag) {
    ftblock::Lang lang;
    if (!app() || !ftblock::parse_lang(tag, lang)) return 0;
    app()->set_language(lang);
    request_frames();
    return 1;
}

EMSCRIPTEN_KEEPALIVE int ftblock_frames_rendered() { return frames_rendered(); }
EMSCRIPTEN_KEEPALIVE const char* ftblock_frame_times_json() { return out(frame_times_json()); }

EMSCRIPTEN_KEEPALIVE const char* ftblock_font_stats_json() {
    const FontStats& s = fonts_stats();
    std::string described = fonts_describe();  // {"family": …, "emojiFamily": …, "size": …}
    char numbers[400];
    std::snprintf(numbers, sizeof numbers,
                  "\"builds\":%d,\"buildMs\":%.2f,\"glyphs\":%d,\"measured\":%d,\"rasterized\":%d,\"rasterizeMs\":%.2f,"
                  "\"grows\":%d,\"evictions\":%d,\"atlasWidth\":%d,\"atlasHeight\":%d,\"atlasMaxHeight\":%d",
                  s.builds, s.build_ms, s.glyphs, s.measured, s.rasterized, s.rasterize_ms, s.grows, s.evictions, s.atlas_width,
                  s.atlas_height, s.atlas_max_height);
    if (described.size() > 2) return out("{" + std::string(numbers) + "," + described.substr(1));
    return out("{" + std::string(numbers) + "}");
}

}  // extern "C"
