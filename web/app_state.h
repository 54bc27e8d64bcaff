// Private to web/: the App's state, shared by app.cpp (layout, storage, JSON handle) and
// form_view.cpp (the record form).
#pragma once

#include <imgui.h>

#include <map>
#include <string>
#include <vector>

#include "app.h"
#include "drafts.h"
#include "i18n.h"

namespace ftblock::web {

enum class Filter { All, Valid, Invalid };

struct Banner {
    std::string text;
    bool error = false;
};

struct App::State {
    Host& host;
    Lang lang;
    AppOptions options;
    Drafts drafts;
    int current = -1;  // index into drafts, -1 when there is none
    Filter filter = Filter::All;
    std::string search;

    // change tracking: every edit bumps the revision; diagnostics are cached per revision
    std::uint64_t revision = 1;
    std::uint64_t saved_revision = 0;
    std::uint64_t cached_revision = 0;
    std::vector<Diagnostics> cached;  // per draft, in the current language
    Lang cached_lang = Lang::En;

    // storage (two slots: a write never touches the last good copy; see save())
    bool storage_ok = true;
    std::string slot = "a";
    std::string save_error;
    std::string unreadable;  // stored data we could not read, kept for download
    std::string unreadable_reason;

    // messages
    std::uint64_t frames = 0;  // frames drawn (to group the files of one import)
    std::uint64_t import_frame = 0;
    Banner import_banner;
    std::uint64_t undo_uid = 0;
    std::vector<ScenarioChange> undo_changes;
    std::string undo_text;
    bool copied = false;
    int confirm_delete = -1;

    int focus_field = -1;                 // jump here next frame (from the summary)
    int focus_frames = 0;                 // frames until that field is active (App::settling)
    float footer_height = 160.0f;         // problems + hand-over under the form, as measured last frame
    std::map<std::string, ImVec4> rects;  // widget rectangles by name, this frame

    State(Host& h, Lang l, AppOptions o, const Playbook& pb) : host(h), lang(l), options(std::move(o)), drafts(pb) {}

    const Diagnostics& diagnostics(std::size_t i);  // cached for this revision and language
    void changed() { ++revision; }
    void remember(const std::string& name) {  // the last item's rectangle
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        rects[name] = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
    }
};

void draw_record_form(App::State& s, std::size_t draft);  // form_view.cpp

// colours shared by the views
inline const ImVec4 kErrorColor{0.96f, 0.42f, 0.40f, 1.0f};
inline const ImVec4 kWarningColor{0.95f, 0.76f, 0.32f, 1.0f};
inline const ImVec4 kOkColor{0.45f, 0.82f, 0.52f, 1.0f};

}  // namespace ftblock::web
