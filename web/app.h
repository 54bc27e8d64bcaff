// web/app.h — the form application: drafts, the record form, the problem summary, language.
// It draws with plain ImGui:: calls once per frame and reaches everything outside ImGui
// (storage, files, clipboard, the clock) through Host, so the same code runs in the browser
// (web/platform/) and in the headless native UI tests (tests/web/).
// Must not depend on Emscripten, GL or the DOM.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ftblock/date.h"
#include "ftblock/text.h"

namespace ftblock {
struct Playbook;  // ftblock/playbook.h
}

namespace ftblock::web {

// The drafts store (docs/storage.md): one object per draft (IndexedDB in the browser), keyed by
// the draft's uid, plus one meta object. A change writes only the drafts it touched.
struct StoredDraft {
    std::uint64_t uid = 0;
    std::string json;  // Drafts::draft_json: {"uid","created","touched","auto","record"}
};

struct StoreBatch {  // one transaction: all of it or none of it is stored
    std::vector<StoredDraft> put;
    std::vector<std::uint64_t> remove;
    std::string meta;            // "" = unchanged, else the meta object (JSON text)
    bool remove_legacy = false;  // once committed: remove the localStorage slots it migrated
    bool is_import = false;      // an import: the host may spread its puts over several tasks
};

enum class StoreState {
    Missing,  // no drafts store in this browser: the localStorage functions are the fallback
    Ready,    // open; `contents` holds what it had
    Failed,   // there is one but it cannot be used (private mode, blocked upgrade, error)
    Opening,  // not open yet: the app starts without it, and the host calls App::store_opened()
};

struct StoreContents {
    std::vector<StoredDraft> drafts;  // in any order
    std::string meta;                 // "" when none was stored yet
    std::string error;                // Failed: why (English, from the browser)
};

class Host {  // what the app needs from its surroundings
public:
    virtual ~Host() = default;
    virtual Date today() = 0;                                                  // the user's local date
    virtual bool storage_available() = 0;                                      // false: private mode, sandboxed frame
    virtual bool storage_get(const std::string& key, std::string& value) = 0;  // false: absent or unreadable
    virtual bool storage_set(const std::string& key, const std::string& value) = 0;  // false: the write failed
    virtual void storage_remove(const std::string& key) = 0;
    // The drafts store. Opened once, before the app starts or (Opening) while it runs; writes
    // complete later through App::store_done(batch id, ok, error), in the order they were given.
    virtual StoreState store_open(StoreContents& /*contents*/) { return StoreState::Missing; }
    virtual void store_write(std::uint64_t /*batch_id*/, const StoreBatch& /*batch*/) {}
    virtual std::string storage_persistence() { return ""; }  // "persistent", "best-effort" or "" (not known yet)
    virtual double storage_free_bytes() { return -1; }        // quota minus usage as last estimated; < 0 unknown
    virtual void download(const std::string& file_name, const std::string& mime, const std::string& bytes) = 0;
    virtual void copy_text(const std::string& text) = 0;        // to the system clipboard
    virtual void open_import_dialog() = 0;                      // the host later calls App::import_file
    virtual void language_changed(Lang) {}                      // e.g. <html lang>, the page title
    virtual void record_changed() {}                            // the user changed the record: the page's change event
    virtual void submit(const std::string& /*record_json*/) {}  // one-record mode: the user pressed Submit
    virtual bool coarse_pointer() { return false; }             // a touch screen: targets of 44 × 44 CSS px
    // The semantic mirror (web/a11y.h, docs/accessibility.md): the tree after a frame that changed it.
    virtual void a11y_changed(const std::string& /*json*/) {}
};

struct AppOptions {                                 // how a page embeds the form (docs/embedding.md)
    bool drafts = true;                             // false: one record, no list, nothing stored
    std::string storage_prefix = "ftblock.drafts";  // drafts mode: the storage keys' prefix
    bool read_only = false;                         // show, don't edit
    std::string submit_label;                       // one-record mode: the Submit button ("" = default)
    std::shared_ptr<const Playbook> playbook;       // the rules and widgets of the form (null = built in)
};

class App {
public:
    App(Host& host, Lang lang, AppOptions options = {});
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    void frame();            // this frame's ImGui:: calls (between NewFrame and Render)
    bool animating() const;  // wants frames without input (an import in progress, a save pending, …)
    bool settling() const;   // a click's effect needs a frame or two more (a jump to a field)

    // host → app
    void import_file(const std::string& file_name, const std::string& bytes);  // adds drafts, never replaces
    // A file streamed in chunks (one import at a time): begin, chunks, end. import_chunk returns
    // false when the user cancelled (the host then stops reading). A read error ends it with
    // import_fail. All or nothing: drafts are added only when the whole file has been read.
    bool import_begin(const std::string& file_name, std::uint64_t size);  // false: busy or refused
    bool import_chunk(const char* data, std::size_t size);
    void import_end();
    void import_fail(const std::string& reason);
    bool importing() const;  // between import_begin and the import's store write completing
    void store_done(std::uint64_t batch_id, bool ok, const std::string& error);
    // The store that was Opening at start has opened (or failed): Host::store_open now answers
    // for good. Untouched, the form becomes what a start with the store would have shown; what
    // the user typed meanwhile is kept as new drafts after the stored ones.
    void store_opened();
    void set_language(Lang lang);
    // The height in CSS px of the form's part the user can see (an on-screen keyboard covers the
    // rest; 0: all of it). When it shrinks, the field being typed into is scrolled into view.
    void set_visible_height(float css_px);
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

    // The semantic mirror (docs/accessibility.md): what the user did to its DOM controls.
    // Each takes effect in the next frame, as a click or a keystroke would.
    void a11y_focus(const std::string& id);                          // the DOM focus is on this control
    void a11y_blur();                                                // the DOM focus left the mirror
    void a11y_activate(const std::string& id);                       // pressed (button, option, problem)
    void a11y_set(const std::string& id, const std::string& value);  // chosen or replaced (select, radio, text)
    std::string a11y_json() const;  // the last frame's tree (what a11y_changed was last given)

    struct State;  // opaque here; web/app_state.h defines it for the form's own files

private:
    std::unique_ptr<State> state_;
};

}  // namespace ftblock::web
