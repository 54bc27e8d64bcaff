// Private to web/: the App's state, shared by app.cpp (layout, storage, JSON handle) and
// form_view.cpp (the record form).
#pragma once

#include <imgui.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "a11y.h"
#include "app.h"
#include "drafts.h"
#include "ftblock/suggest.h"
#include "i18n.h"

namespace ftblock::web {

enum class Filter { All, Valid, Invalid };

struct Banner {
    std::string text;
    bool error = false;
};

enum class StoreMode {
    None,         // one record owned by the page: nothing is stored
    PerDraft,     // the drafts store (IndexedDB): one object per draft, a change writes only it
    Blob,         // the fallback where there is no drafts store: localStorage, two slots
    Unavailable,  // storage refused (private mode, sandboxed frame, a blocked upgrade)
    Opening,      // the drafts store is still opening: nothing is written until it is open
};

enum class ImportPhase { Idle, Reading, Adding, Saving };

// The layout for the window's width (docs/layout.md): wide as drawn for a desktop; medium with
// a narrower drafts list; narrow in one column, the drafts list a panel opened from the toolbar.
enum class Layout { Wide, Medium, Narrow };

struct App::State {
    Host& host;
    Lang lang;
    AppOptions options;
    Drafts drafts;
    int current = -1;  // index into drafts, -1 when there is none
    Filter filter = Filter::All;
    std::string search;

    // the drafts list: indices shown under the filter and search (cached; empty when all)
    std::vector<std::uint32_t> shown;
    bool shown_all = true;
    std::uint64_t shown_layout = 0;  // Drafts::layout_version it was computed for
    Filter shown_filter = Filter::All;
    std::string shown_search;        // folded
    Lang shown_lang = Lang::En;      // "(untitled)" is searched in the user's language
    bool scroll_to_current = false;  // bring the current draft into the list's view
    float list_scroll = 0, form_scroll = 0;
    float restore_list_scroll = -1, restore_form_scroll = -1;  // from the stored meta, first frames

    // change tracking: every edit bumps the revision (the page's change event, the blob save)
    std::uint64_t revision = 1;
    std::uint64_t saved_revision = 0;
    std::uint64_t opening_revision = 0;  // Opening: the revision at start (moved on: the user changed something)
    // the current draft's diagnostics in the user's language, cached by what they depend on
    std::uint64_t diag_uid = 0, diag_revision = 0, diag_verdict = 0;
    Lang diag_lang = Lang::En;
    Diagnostics diag;

    // storage
    StoreMode mode = StoreMode::None;
    bool storage_ok = true;      // false: Unavailable (the warning at start)
    std::string storage_reason;  // why it is unavailable (the browser's words)
    std::string slot = "a";      // Blob: the slot the pointer names
    std::uint64_t next_batch = 1;
    std::map<std::uint64_t, Drafts::Changes> in_flight;  // PerDraft: batches not yet acknowledged
    std::string stored_meta;                             // the meta as last handed to the store
    bool retry_save = false;     // this batch retries a failed one (its success clears the error)
    bool retry_pending = false;  // a batch failed: the next change writes it again
    std::string save_error;
    std::string unreadable;  // stored data we could not read, kept for download
    std::string unreadable_reason;
    std::vector<std::uint64_t> unreadable_uids;  // PerDraft: the damaged objects (removed on dismiss)
    bool legacy_unreadable = false;              // an unreadable localStorage slot kept after migration

    // import (one at a time)
    ImportPhase import_phase = ImportPhase::Idle;
    std::unique_ptr<ImportJob> job;
    std::size_t job_next = 0;
    std::size_t import_first = 0;  // drafts from here on are the import's (taken back on cancel)
    ImportResult import_result;
    std::vector<StoredDraft> import_puts;  // the import's drafts as stored, ascending uids
    std::uint64_t import_batch = 0;
    bool import_cancel = false;

    // messages
    std::uint64_t frames = 0;  // frames drawn (to group the files of one import)
    std::uint64_t import_frame = 0;
    Banner import_banner;
    std::uint64_t undo_uid = 0;
    std::vector<ScenarioChange> undo_changes;
    bool undo_follow = false;  // the draft's follow_previous before the change
    std::string undo_text;
    std::vector<RemovedDraft> deleted;  // the last "delete shown", for its Undo
    std::string deleted_text;
    std::uint64_t deleted_placeholder = 0;  // the empty draft a delete of every draft left
    bool copied = false;

    Layout layout = Layout::Wide;
    bool list_open = false;           // narrow: the drafts panel is shown instead of the record
    float visible_height = 0;         // the part of the form not under an on-screen keyboard (0: all)
    bool keep_field_visible = false;  // the visible height shrank: bring the field being typed into into view
    int focus_field = -1;             // jump here next frame (from the summary)
    // The L2 suggestion panel (form_view.cpp): open for this draft's uid (0: closed), and the
    // suggestion for the note it was computed from (recomputed only when the note changes).
    std::uint64_t suggest_uid = 0;
    std::string suggest_note;
    bool suggest_valid = false;
    L2Suggestion suggestion;
    int focus_frames = 0;                 // frames until that field is active (App::settling)
    float footer_height = 160.0f;         // problems + hand-over under the form, as measured last frame
    std::map<std::string, ImVec4> rects;  // widget rectangles by name, this frame

    // the semantic mirror (web/a11y.h, docs/accessibility.md)
    A11yTree a11y;                       // this frame's controls, in visual order
    std::string a11y_json;               // the tree as last handed to the host
    std::string dom_focus;               // the mirror control holding the DOM focus ("" none)
    std::string focus_request;           // make this control ImGui's focus next frame (from the mirror)
    std::string activate_request;        // pressed through the mirror: taken by its widget next frame
    std::string set_request, set_value;  // chosen or replaced through the mirror
    // a pick-list's options for the mirror, built once per field and language
    std::map<std::pair<int, Lang>, std::shared_ptr<const A11yOptionList>> a11y_options;
    std::string keep_in_view;  // a control just focused: kept in view a few frames more
    int keep_in_view_frames = 0;
    std::string caret_to_end;     // a text field whose value the mirror replaced
    bool release_text = false;    // the active text field lost the mirror's focus: release it
    std::string summary;          // the problem count, announced once it settles
    std::string focus_id;         // the control the form focused itself (a click, a jump)
    std::uint64_t focus_seq = 0;  // bumped with each such move: the mirror follows it
    std::map<std::string, std::pair<std::string, Lang>> banners_said;  // what each banner last announced
    bool save_error_said = false;  // a failed save was announced: its recovery will be too
    std::string live;              // the last announcement (polite live region)
    std::uint64_t live_seq = 0;
    void announce(std::string text) {
        live = std::move(text);
        ++live_seq;
    }

    // `options` is initialised before `drafts` and keeps a given playbook alive as long as the state.
    State(Host& h, Lang l, AppOptions o)
        : host(h), lang(l), options(std::move(o)), drafts(options.playbook ? *options.playbook : *builtin_playbook()) {}

    const Diagnostics& diagnostics(std::size_t i);  // the draft's, in the current language
    void changed() { ++revision; }
    void select(std::size_t i) {
        current = static_cast<int>(i);
        scroll_to_current = true;
    }
    void remember(const std::string& name) {  // the last item's rectangle
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        rects[name] = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
    }
};

void draw_record_form(App::State& s, std::size_t draft);  // form_view.cpp
void drafts_list(App::State& s);                          // drafts_view.cpp: the list (or the narrow layout's panel)
void a11y_choose_draft(App::State& s);  // drafts_view.cpp: a draft chosen or a move made in the mirror's list

// colours shared by the views
inline const ImVec4 kErrorColor{0.96f, 0.42f, 0.40f, 1.0f};
inline const ImVec4 kWarningColor{0.95f, 0.76f, 0.32f, 1.0f};
inline const ImVec4 kOkColor{0.45f, 0.82f, 0.52f, 1.0f};

}  // namespace ftblock::web
