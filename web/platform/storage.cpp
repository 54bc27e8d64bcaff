// The browser's localStorage for Host::storage_*. Every access is inside try/catch: a full quota
// (QuotaExceededError), a sandboxed frame or a blocked storage (SecurityError just for reading
// window.localStorage), or anything else the browser throws is "false", never an abort
// (docs/bad-inputs.md#item-27, 28, 31). Each setItem is atomic: a tab killed mid-save leaves the old or the
// new value of a key (docs/bad-inputs.md#item-30 is the app's two-slot scheme over that).
// The page being hidden or left asks the app to save now (its changes normally save at once).
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <string>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

// Usable means a write can succeed. A full quota is not "unavailable" if something is stored
// (the app then reports the failing save itself); an empty storage that refuses a write is.
EM_JS(int, js_storage_available, (), {
    try {
        var s = window.localStorage;
        var k = "__ftblock_probe__";
        try {
            s.setItem(k, k);
            s.removeItem(k);
            return 1;
        } catch (err) {
            return (err && err.name == "QuotaExceededError" && s.length > 0) ? 1 : 0;
        }
    } catch (err) {
        return 0;
    }
});

// Returns a malloc'ed UTF-8 copy of the value (the caller frees it), or 0 if absent/unreadable.
EM_JS(char*, js_storage_get, (const char* key), {
    try {
        var v = window.localStorage.getItem(UTF8ToString(key));
        if (v === null) return 0;
        var n = lengthBytesUTF8(v) + 1;
        var p = _malloc(n);
        if (!p) return 0;
        stringToUTF8(v, p, n);
        return p;
    } catch (err) {
        return 0;
    }
});

EM_JS(int, js_storage_set, (const char* key, const char* value, int value_len), {
    try {
        window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value, value_len));
        return 1;
    } catch (err) {
        return 0;
    }
});

EM_JS(void, js_storage_remove, (const char* key), {
    try { window.localStorage.removeItem(UTF8ToString(key)); } catch (err) {}
});

EM_JS(void, js_storage_listen, (), {
    var save = function() { _ftblock_save_now(); };
    var onVisibility = function() {
        if (document.visibilityState == "hidden") save();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", save);
    Module["ftblockDisposers"].push(function() {
        document.removeEventListener("visibilitychange", onVisibility);
        window.removeEventListener("pagehide", save);
    });
});

}  // namespace

bool storage_available() { return js_storage_available() != 0; }

bool storage_get(const std::string& key, std::string& value) {
    char* p = js_storage_get(key.c_str());
    if (!p) return false;
    value.assign(p);
    std::free(p);
    return true;
}

bool storage_set(const std::string& key, const std::string& value) {
    return js_storage_set(key.c_str(), value.c_str(), static_cast<int>(value.size())) != 0;
}

void storage_remove(const std::string& key) { js_storage_remove(key.c_str()); }

void storage_init() { js_storage_listen(); }

}  // namespace ftblock::web::platform

extern "C" EMSCRIPTEN_KEEPALIVE void ftblock_save_now() {
    if (ftblock::web::platform::app()) ftblock::web::platform::app()->save_now();
}
