// web/app.h — the form application: drafts, the record form, the problem summary, language.
// It draws with plain ImGui:: calls once per frame and reaches everything outside ImGui
// (storage, files, clipboard, the clock) through Host, so the same code runs in the browser
// (web/platform/) and in the headless native UI tests (tests/web/).
// Must not depend on Emscripten, GL or the DOM.
#pragma once

#include <memory>
#include <string>

#include "ftblock/date.h"
#include "ftblock/text.h"

namespace ftblock::web {

class Host {  // what the app needs from its surroundings
public:
    virtual ~Host() = default;
    virtual Date today() = 0;                                                  // the user's local date
    virtual bool storage_available() = 0;                                      // false: private mode, sandboxed frame
    virtual bool storage_get(const std::string& key, std::string& value) = 0;  // false: absent or unreadable
    virtual bool storage_set(const std::string& key, const std::string& value) = 0;  // false: the write failed
    virtual void storage_remove(const std::string& key) = 0;
    virtual void download(const std::string& file_name, const std::string& mime, const std::string& bytes) = 0;
    virtual void copy_text(const std::string& text) = 0;  // to the system clipboard
    virtual void open_import_dialog() = 0;                // the host later calls App::import_file
    virtual void language_changed(Lang) {}                // e.g. <html lang>, the page title
    virtual void record_changed() {}                      // for embedding: change/valid events
};

class App {
public:
    App(Host& host, Lang lang);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    void frame();            // this frame's ImGui:: calls (between NewFrame and Render)
    bool animating() const;  // wants frames without input (a message fading, …)

    // host → app
    void import_file(const std::string& file_name, const std::string& bytes);  // adds drafts, never replaces
    void set_language(Lang lang);
    void save_now();  // e.g. on visibilitychange; normally every change saves itself

    // the page's JavaScript handle and the tests read these (JSON text)
    std::string drafts_json() const;       // every draft: {"uid", "record", "valid"}
    std::string current_json() const;      // the current record
    std::string diagnostics_json() const;  // the current record's diagnostics
    std::string item_rects_json() const;   // widget rectangles by name, in ImGui (= CSS) pixels
    Lang language() const;

    struct State;  // opaque here; web/app_state.h defines it for the form's own files

private:
    std::unique_ptr<State> state_;
};

}  // namespace ftblock::web
