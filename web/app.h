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
    virtual void copy_text(const std::string& text) = 0;        // to the system clipboard
    virtual void open_import_dialog() = 0;                      // the host later calls App::import_file
    virtual void language_changed(Lang) {}                      // e.g. <html lang>, the page title
    virtual void record_changed() {}                            // the user changed the record: the page's change event
    virtual void submit(const std::string& /*record_json*/) {}  // one-record mode: the user pressed Submit
};

struct AppOptions {                                 // how a page embeds the form (docs/embedding.md)
    bool drafts = true;                             // false: one record, no list, nothing stored
    std::string storage_prefix = "ftblock.drafts";  // drafts mode: the storage keys' prefix
    bool read_only = false;                         // show, don't edit
    std::string submit_label;                       // one-record mode: the Submit button ("" = default)
};

class App {
public:
    App(Host& host, Lang lang, AppOptions options = {});
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    void frame();            // this frame's ImGui:: calls (between NewFrame and Render)
    bool animating() const;  // wants frames without input (a message fading, …)
    bool settling() const;   // a click's effect needs a frame or two more (a jump to a field)

    // host → app
    void import_file(const std::string& file_name, const std::string& bytes);  // adds drafts, never replaces
    void set_language(Lang lang);
    void save_now();  // e.g. on visibilitychange; normally every change saves itself

    // The page's handle (embedding). Replace the current record by one JSON object; "" or why
    // not (the record is then unchanged). Not a user edit: no record_changed().
    std::string set_record(const std::string& json);
    // Earlier records for the previous-value rule, as a JSON array of objects; "" or why not.
    std::string set_previous(const std::string& json);
    void set_read_only(bool read_only);
    bool read_only() const;

    // the page's JavaScript handle and the tests read these (JSON text)
    std::string drafts_json() const;       // every draft: {"uid", "record", "valid"}
    std::string current_json() const;      // the current record
    std::string diagnostics_json() const;  // the current record's diagnostics
    bool current_valid() const;            // the current record has no error
    std::string item_rects_json() const;   // widget rectangles by name, in ImGui (= CSS) pixels
    Lang language() const;

    struct State;  // opaque here; web/app_state.h defines it for the form's own files

private:
    std::unique_ptr<State> state_;
};

}  // namespace ftblock::web
