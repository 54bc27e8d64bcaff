// Files in and out: Host::download as a Blob behind a temporary <a download>, and
// Host::open_import_dialog as a hidden <input type=file> whose chosen files come back, one by
// one, to App::import_file. Both run from the form's button handlers, which run inside the
// user's click (input.cpp), as browsers require for opening a file chooser.
#include <emscripten/emscripten.h>

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
        input.addEventListener("change", function() {
            var files = Array.prototype.slice.call(input.files || []);
            input.value = "";  // choosing the same file again is a new change
            var next = function() {
                var file = files.shift();
                if (!file) return;
                file.arrayBuffer().then(function(buffer) {
                    var bytes = new Uint8Array(buffer);
                    var n = lengthBytesUTF8(file.name) + 1;
                    var name = _malloc(n);
                    var data = _malloc(Math.max(1, bytes.length));
                    if (!name || !data) {
                        _free(name);
                        _free(data);
                        console.warn("ftblock: not enough memory to import " + file.name);
                        return;
                    }
                    stringToUTF8(file.name, name, n);
                    HEAPU8.set(bytes, data);
                    _ftblock_on_import(name, data, bytes.length);
                    _free(name);
                    _free(data);
                }, function(err) {
                    console.warn("ftblock: could not read " + file.name + ": " + err);
                }).then(next);
            };
            next();
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

extern "C" EMSCRIPTEN_KEEPALIVE void ftblock_on_import(const char* name, const char* data, int size) {
    using namespace ftblock::web::platform;
    if (!app()) return;
    app()->import_file(name, std::string(data, static_cast<std::size_t>(size)));
    request_frames();
}
