// App's Host in the browser: each duty delegated to the platform unit that owns it; the date is
// the user's local calendar date, read from the browser's clock at each call.
#include <emscripten/emscripten.h>

#include "platform.h"

namespace ftblock::web::platform {

namespace {

EM_JS(int, js_local_date, (), {
    var d = new Date();
    return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
});

class BrowserHost final : public Host {
public:
    Date today() override {
        const int serial = js_local_date();
        return Date{serial / 10000, serial / 100 % 100, serial % 100};
    }
    bool storage_available() override { return platform::storage_available(); }
    bool storage_get(const std::string& key, std::string& value) override { return platform::storage_get(key, value); }
    bool storage_set(const std::string& key, const std::string& value) override {
        return platform::storage_set(key, value);
    }
    void storage_remove(const std::string& key) override { platform::storage_remove(key); }
    StoreState store_open(StoreContents& contents) override { return platform::store_open(contents); }
    void store_write(std::uint64_t batch_id, const StoreBatch& batch) override {
        platform::store_write(batch_id, batch);
    }
    std::string storage_persistence() override { return platform::storage_persistence(); }
    double storage_free_bytes() override { return platform::storage_free_bytes(); }
    void download(const std::string& file_name, const std::string& mime, const std::string& bytes) override {
        files_download(file_name, mime, bytes);
    }
    void copy_text(const std::string& text) override { clipboard_copy_text(text); }
    void open_import_dialog() override { files_open_import_dialog(); }
    void language_changed(Lang lang) override {
        const std::string detail = std::string("{\"lang\":\"") + lang_tag(lang) + "\"}";
        js_emit("language", detail.c_str());
        request_frames();
    }
    void record_changed() override { js_emit("change", "{}"); }
    bool coarse_pointer() override { return display_coarse_pointer(); }
    void a11y_changed(const std::string& json) override { platform::a11y_changed(json); }
    void submit(const std::string& record_json) override {
        js_emit("submit", ("{\"record\":" + record_json + "}").c_str());
    }
};

}  // namespace

Host& browser_host() {
    static BrowserHost host;
    return host;
}

}  // namespace ftblock::web::platform
