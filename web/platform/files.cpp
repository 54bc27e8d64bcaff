// Files in and out: Host::download as a Blob behind a temporary <a download>, and
// Host::open_import_dialog as a hidden <input type=file> whose chosen files are streamed, one
// by one, into App::import_begin / import_chunk / import_end. Both run from the form's button
// handlers, which run inside the user's click (input.cpp), as browsers require for opening a
// file chooser. ftblock_on_import (a whole file at once, App::import_file) stays for pages and
// tests that hold the bytes already.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <string>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

EM_JS(void, js_download, (const char* name, const char* mime, const char* data, int size), {
    var blob = new Blob([HEAPU8.slice(data, data + size)], { type: UTF8ToString(mime) });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = UTF8ToString(name);
    a.rel = "noopener";
    a.style.display = "none";
    Module["canvas"].parentElement.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
});

// Each chosen file in turn is streamed into App::import_begin / import_chunk / import_end in
// 1 MiB slices, yielding to the event loop between slices so that frames keep drawing and the
// Cancel button is heard. The next file starts once the app has finished with the previous one
// (App::importing() false: added, and stored). A refusal (busy, no space) or Cancel ends the
// whole selection; a read error ends that file (App::import_fail) and goes on with the next.
EM_JS(void, js_open_import_dialog, (), {
    var input = Module["ftblockImportInput"];
    if (!input) {
        input = document.createElement("input");
        input.type = "file";
        input.multiple = true;
        input.accept = ".json,.jsonl,.ndjson,.csv,application/json,text/csv,text/plain";
        input.tabIndex = -1;
        input.style.display = "none";
        Module["canvas"].parentElement.appendChild(input);
        var CHUNK = 1 << 20;
        var alive = function() { return Module["ftblockImportInput"] === input; };  // not destroyed
        // One turn of the event loop (a message, not a timer: timers nested this deep wait 4 ms).
        var channel = new MessageChannel();
        var waiting = [];
        channel.port1.onmessage = function() { var f = waiting.shift(); if (f) f(); };
        var tick = function() {
            return new Promise(function(resolve) { waiting.push(resolve); channel.port2.postMessage(0); });
        };
        var frame = function() {
            return new Promise(function(resolve) { requestAnimationFrame(function() { resolve(); }); setTimeout(resolve, 100); });
        };
        var withName = function(name, f) {
            var n = lengthBytesUTF8(name) + 1;
            var p = _malloc(n);
            stringToUTF8(name, p, n);
            try { return f(p); } finally { _free(p); }
        };
        // Resolves false when the selection must stop (refused, cancelled, destroyed).
        var importOne = function(file) {
            if (!alive()) return Promise.resolve(false);
            var ok = withName(file.name, function(p) { return _ftblock_import_begin(p, file.size); });
            if (!ok) return Promise.resolve(false);
            var buffer = _malloc(CHUNK);
            if (!buffer) {
                withName("RangeError: not enough memory to read the file", _ftblock_import_fail);
                return Promise.resolve(false);
            }
            var offset = 0;
            var release = function(result) { _free(buffer); return result; };
            var step = function() {
                if (!alive()) return release(false);
                if (offset >= file.size) {
                    _ftblock_import_end();
                    return release(true);
                }
                var end = Math.min(file.size, offset + CHUNK);
                return file.slice(offset, end).arrayBuffer().then(function(data) {
                    if (!alive()) return release(false);
                    HEAPU8.set(new Uint8Array(data), buffer);
                    offset = end;
                    if (!_ftblock_import_chunk(buffer, data.byteLength)) return release(false);
                    return tick().then(step);
                }, function(err) {
                    if (!alive()) return release(false);
                    withName(String(err && err.name ? err.name + ": " + err.message : err), _ftblock_import_fail);
                    return release(true);
                });
            };
            return step();
        };
        // The app adds the records over several frames, then stores them: wait for it.
        var settled = function() {
            if (!alive()) return Promise.resolve();
            if (!_ftblock_importing()) return Promise.resolve();
            return frame().then(settled);
        };
        input.addEventListener("change", function() {
            var files = Array.prototype.slice.call(input.files || []);
            input.value = "";  // choosing the same file again is a new change
            var next = function(go) {
                var file = go ? files.shift() : null;
                if (!file) return;
                importOne(file).then(function(goOn) { return settled().then(function() { next(goOn); }); });
            };
            next(true);
        });
        Module["ftblockImportInput"] = input;
    }
    input.click();
});

}  // namespace

void files_download(const std::string& file_name, const std::string& mime, const std::string& bytes) {
    js_download(file_name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}

void files_open_import_dialog() { js_open_import_dialog(); }

}  // namespace ftblock::web::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE void ftblock_on_import(const char* name, const char* data, int size) {
    using namespace ftblock::web::platform;
    if (!app()) return;
    app()->import_file(name, std::string(data, static_cast<std::size_t>(size)));
    request_frames();
}

// The streamed import (js_open_import_dialog). Sizes are doubles: a file may exceed 2 GiB.
EMSCRIPTEN_KEEPALIVE int ftblock_import_begin(const char* name, double size) {
    using namespace ftblock::web::platform;
    if (!app()) return 0;
    const bool ok = app()->import_begin(name, static_cast<std::uint64_t>(size));
    request_frames();
    return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int ftblock_import_chunk(const char* data, int size) {
    using namespace ftblock::web::platform;
    if (!app()) return 0;
    const bool go_on = app()->import_chunk(data, static_cast<std::size_t>(size));
    request_frames();
    return go_on ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void ftblock_import_end() {
    using namespace ftblock::web::platform;
    if (!app()) return;
    app()->import_end();
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void ftblock_import_fail(const char* reason) {
    using namespace ftblock::web::platform;
    if (!app()) return;
    app()->import_fail(reason);
    request_frames();
}

EMSCRIPTEN_KEEPALIVE int ftblock_importing() {
    using namespace ftblock::web::platform;
    return app() && app()->importing() ? 1 : 0;
}

}  // extern "C"
