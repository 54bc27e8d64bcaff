// The drafts list beside the record (a panel in the narrow layout): the filter, the search,
// Next problem, the rows (only those in view are drawn), the bulk hand-over and delete; and the
// same list for the semantic mirror (a listbox holding a window of options).
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>

#include "app_state.h"
#include "controls.h"
#include "text_wrap.h"

namespace ftblock::web {

namespace {

constexpr std::size_t kA11yListWindow = 10;  // the mirror's drafts list: options either side of the current

std::string draft_title(const Drafts& drafts, std::size_t i, Lang lang) {
    const Playbook& pb = drafts.playbook();
    std::string id = drafts.text(i, pb.id_field);
    std::string customer = drafts.text(i, pb.customer_field);
    if (id.empty() && customer.empty()) return tr(lang, Str::Untitled);
    if (id.empty()) return customer;
    if (customer.empty()) return id;
    return id + " · " + customer;
}

// The indices the list shows under the filter and search. Recomputed whole only when the
// filter, the drafts (added, removed) or the search changed — a longer search only narrows what
// is shown; an edit updates the edited drafts' places (binary search), so typing in a field with
// a filter on costs the same at 100,000 drafts as at 10.
bool shown_match(const App::State& s, std::size_t i, const std::string& needle, const std::string& untitled) {
    const bool valid = s.drafts.valid(i);
    if ((s.filter == Filter::Valid && !valid) || (s.filter == Filter::Invalid && valid)) return false;
    const std::string& title = s.drafts.folded_title(i).empty() ? untitled : s.drafts.folded_title(i);
    return needle.empty() || title.find(needle) != std::string::npos;
}

void update_shown(App::State& s) {
    std::vector<std::uint64_t> touched = s.drafts.take_list_changes();
    if (s.filter == Filter::All && s.search.empty()) {
        s.shown_all = true;
        return;
    }
    const std::string needle = fold_case(s.search);
    const std::string untitled = fold_case(tr(s.lang, Str::Untitled));
    const bool same_layout = !s.shown_all && s.shown_layout == s.drafts.layout_version() &&
                             s.shown_filter == s.filter && s.shown_lang == s.lang;
    if (same_layout && s.shown_search == needle && touched.empty()) return;
    if (same_layout && needle.find(s.shown_search) != std::string::npos) {
        if (needle != s.shown_search) {  // narrowed: only what is shown can still match
            std::vector<std::uint32_t> kept;
            for (std::uint32_t i : s.shown)
                if (shown_match(s, i, needle, untitled)) kept.push_back(i);
            s.shown.swap(kept);
        }
        for (std::uint64_t uid : touched) {
            const int found = s.drafts.find_uid(uid);
            if (found < 0) continue;
            const auto i = static_cast<std::uint32_t>(found);
            auto at = std::lower_bound(s.shown.begin(), s.shown.end(), i);
            const bool listed = at != s.shown.end() && *at == i;
            const bool match = shown_match(s, i, needle, untitled);
            if (match && !listed) s.shown.insert(at, i);
            if (!match && listed) s.shown.erase(at);
        }
    } else {
        s.shown.clear();
        for (std::size_t i = 0; i < s.drafts.size(); ++i)
            if (shown_match(s, i, needle, untitled)) s.shown.push_back(static_cast<std::uint32_t>(i));
    }
    s.shown_all = false;
    s.shown_layout = s.drafts.layout_version();
    s.shown_filter = s.filter;
    s.shown_search = needle;
    s.shown_lang = s.lang;
}

std::size_t shown_count(const App::State& s) { return s.shown_all ? s.drafts.size() : s.shown.size(); }
std::size_t shown_at(const App::State& s, std::size_t row) { return s.shown_all ? row : s.shown[row]; }

void next_problem(App::State& s) {
    const std::size_t n = s.drafts.size();
    const std::size_t start = s.current >= 0 ? static_cast<std::size_t>(s.current) + 1 : 0;
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = (start + k) % n;
        if (!s.drafts.valid(i)) {
            if (s.filter == Filter::Valid) s.filter = Filter::All;
            s.select(i);
            return;
        }
    }
    s.import_banner = Banner{tr(s.lang, Str::NoMoreProblems), false};
}

// The drafts list for the mirror: a listbox of all `count` shown drafts, holding the options
// around the current one (a window: a list of 100,000 costs what 21 options cost).
void a11y_drafts(App::State& s, std::size_t count) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    A11yNode list;
    list.id = "drafts";
    list.role = A11yRole::ListBox;
    list.name = tr(s.lang, Str::Drafts);
    list.set_size = static_cast<int>(count);
    a11y_item_at(s, std::move(list), a, b, false, false);
    if (count == 0) return;
    std::size_t row = 0;  // the current draft's row (the first when it is not shown)
    if (s.current >= 0) {
        if (s.shown_all) {
            row = static_cast<std::size_t>(s.current);
        } else {
            auto it = std::lower_bound(s.shown.begin(), s.shown.end(), static_cast<std::uint32_t>(s.current));
            if (it != s.shown.end() && *it == static_cast<std::uint32_t>(s.current))
                row = static_cast<std::size_t>(it - s.shown.begin());
        }
    }
    row = std::min(row, count - 1);
    const Playbook& pb = s.drafts.playbook();
    const std::size_t first = row > kA11yListWindow ? row - kA11yListWindow : 0;
    const std::size_t last = std::min(count, row + kA11yListWindow + 1);
    for (std::size_t r = first; r < last; ++r) {
        const std::size_t i = shown_at(s, r);
        const std::size_t errors = s.drafts.errors(i);
        const Choice* sc = pb.list_of(pb.scenario_field)->find(s.drafts.text(i, pb.scenario_field));
        A11yNode n;
        n.id = "draft_" + std::to_string(s.drafts.at(i).uid);
        n.role = A11yRole::Option;
        n.parent = "drafts";
        n.name = draft_title(s.drafts, i, s.lang);
        n.description = std::string(sc ? sc->label.in(s.lang) : "?") + " · " +
                        (errors ? tr(s.lang, Str::Invalid, {std::to_string(errors)}) : tr(s.lang, Str::Valid));
        n.checked = s.current == static_cast<int>(i);
        n.pos_in_set = static_cast<int>(r) + 1;
        n.set_size = static_cast<int>(count);
        auto rect = s.rects.find(n.id);
        const ImVec4 at = rect != s.rects.end() ? rect->second : ImVec4(a.x, a.y, b.x - a.x, 0);
        n.x = at.x;
        n.y = at.y;
        n.w = at.z;
        n.h = at.w;
        s.a11y.add(std::move(n));
    }
}

// The mirror chose a draft: an option pressed, or a move in the list (first, last, a page).
}  // namespace

void a11y_choose_draft(App::State& s) {
    const std::string& asked = s.activate_request;
    if (asked.rfind("draft_", 0) == 0) {
        const int i = s.drafts.find_uid(std::strtoull(asked.c_str() + 6, nullptr, 10));
        if (i >= 0) s.select(static_cast<std::size_t>(i));
        s.list_open = false;  // chosen (Enter, a press): the narrow layout shows the record
        s.activate_request.clear();
        return;
    }
    std::string move;
    if (!a11y_take_set(s, "drafts", move)) return;
    const std::size_t count = shown_count(s);
    if (count == 0) return;
    std::size_t row = 0;
    for (std::size_t r = 0; r < count && s.current >= 0; ++r)  // rare (a key press): a scan is fine
        if (shown_at(s, r) == static_cast<std::size_t>(s.current)) row = r;
    if (move == "next") row = std::min(count - 1, row + 1);
    if (move == "prev") row = row > 0 ? row - 1 : 0;
    if (move == "first") row = 0;
    if (move == "last") row = count - 1;
    if (move == "pageup") row = row > 10 ? row - 10 : 0;
    if (move == "pagedown") row = std::min(count - 1, row + 10);
    s.select(shown_at(s, row));
}

void drafts_list(App::State& s) {
    int filter = static_cast<int>(s.filter);
    static const char* const kFilters[] = {"all", "valid", "invalid"};
    static const Str kFilterNames[] = {Str::FilterAll, Str::FilterValid, Str::FilterInvalid};
    std::string asked;
    if (a11y_take_set(s, "filter", asked))
        for (int k = 0; k < 3; ++k)
            if (asked == kFilters[k]) filter = k;
    for (int k = 0; k < 3; ++k) {
        const std::string name = tr(s.lang, kFilterNames[k]);
        if (k)
            flow(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(name.c_str()).x);
        const std::string id = std::string("filter_") + kFilters[k];
        ImGui::RadioButton(tr(s.lang, kFilterNames[k]).c_str(), &filter, k);
        if (a11y_take_activate(s, id)) filter = k;
        A11yNode n;
        n.id = id;
        n.role = A11yRole::Radio;
        n.name = tr(s.lang, kFilterNames[k]);
        n.parent = "filter";
        n.group_name = tr(s.lang, Str::FilterGroup);
        n.value = kFilters[k];
        n.checked = filter == k;
        a11y_item(s, std::move(n));
    }
    s.filter = static_cast<Filter>(filter);
    ImGui::SetNextItemWidth(-1);
    if (a11y_take_set(s, "search", asked)) {
        s.search = asked;
        s.caret_to_end = "search";
    }
    if (a11y_focus_pending(s, "search") && ImGui::GetActiveID() != ImGui::GetID("##search")) {
        ImGui::SetKeyboardFocusHere();
        s.focus_frames = std::max(s.focus_frames, 2);
    }
    ImGui::InputTextWithHint("##search", tr(s.lang, Str::Search).c_str(), &s.search);
    a11y_text_after(s, "search", ImGui::GetItemID());
    {
        A11yNode n;
        n.id = "search";
        n.role = A11yRole::TextBox;
        n.name = tr(s.lang, Str::Search);
        n.value = s.search;
        a11y_item(s, std::move(n));
    }
    const std::size_t invalid = s.drafts.size() - s.drafts.valid_count();
    ImGui::BeginDisabled(invalid == 0);
    if (a11y_button(s, "next_problem", tr(s.lang, Str::NextProblem), tr(s.lang, Str::NextProblem))) next_problem(s);
    ImGui::EndDisabled();
    ImGui::Separator();
    update_shown(s);

    // The rows: only those in view are drawn (a list of 100,000 costs what a screenful costs).
    const float row_h = ImGui::GetTextLineHeight() * 2.2f;
    const float pitch = row_h + ImGui::GetStyle().ItemSpacing.y;
    const float bulk_h = ImGui::GetFrameHeightWithSpacing() * (s.options.read_only ? 2.0f : 3.0f);
    ImGui::BeginChild("##rows", ImVec2(0, -bulk_h), false);
    const std::size_t count = shown_count(s);
    if (s.restore_list_scroll >= 0) {
        ImGui::SetScrollY(s.restore_list_scroll);
        s.restore_list_scroll = -1;
    } else if (s.scroll_to_current && s.current >= 0) {
        // where the current draft is in the list (when it is shown at all)
        std::size_t row = count;
        if (s.shown_all)
            row = static_cast<std::size_t>(s.current);
        else
            for (std::size_t r = 0; r < count; ++r)
                if (s.shown[r] == static_cast<std::uint32_t>(s.current)) row = r;
        if (row < count) {
            const float y = static_cast<float>(row) * pitch, view = ImGui::GetWindowHeight();
            if (y < ImGui::GetScrollY() || y + pitch > ImGui::GetScrollY() + view)
                ImGui::SetScrollY(std::max(0.0f, y - view * 0.3f));
        }
        s.scroll_to_current = false;
    }
    const Playbook& pb = s.drafts.playbook();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(count), pitch);
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const std::size_t i = shown_at(s, static_cast<std::size_t>(row));
            const std::size_t errors = s.drafts.errors(i);
            const std::string title = draft_title(s.drafts, i, s.lang);
            ImGui::PushID(static_cast<int>(s.drafts.at(i).uid));
            const Choice* sc = pb.list_of(pb.scenario_field)->find(s.drafts.text(i, pb.scenario_field));
            // One line: the rows are all as high (the clipper); the whole title is in the tooltip
            // and the mirror.
            const std::string line =
                ellipsized(title, ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x);
            if (ImGui::Selectable("##draft", s.current == static_cast<int>(i), 0, ImVec2(0, row_h))) {
                s.current = static_cast<int>(i);
                s.list_open = false;
                a11y_move_focus(s, "drafts");  // the mirror's list holds the focus, on this draft
            }
            if (line != title && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", title.c_str());
            s.remember("draft_" + std::to_string(s.drafts.at(i).uid));
            ImGui::SameLine(ImGui::GetStyle().ItemSpacing.x);
            ImGui::BeginGroup();
            ImGui::TextUnformatted(line.c_str());
            ImGui::TextDisabled("%s ·", sc ? sc->label.in(s.lang).c_str() : "?");
            ImGui::SameLine();
            const std::string verdict =
                errors ? "✗ " + tr(s.lang, Str::Invalid, {std::to_string(errors)}) : "✓ " + tr(s.lang, Str::Valid);
            ImGui::TextColored(errors ? kErrorColor : kOkColor, "%s",
                               ellipsized(verdict, ImGui::GetContentRegionAvail().x).c_str());
            ImGui::EndGroup();
            ImGui::PopID();
        }
    }
    clipper.End();
    if (count == 0) ImGui::TextDisabled("%s", tr(s.lang, Str::NoDrafts).c_str());
    s.list_scroll = ImGui::GetScrollY();
    ImGui::EndChild();
    a11y_drafts(s, count);

    // Bulk hand-over: every valid draft in one file; the drafts shown deleted at once (Undo).
    ImGui::Separator();
    const std::size_t valid = s.drafts.valid_count();
    const std::string n = std::to_string(valid);
    ImGui::BeginDisabled(valid == 0);
    const std::string export_json = tr(s.lang, Str::ExportValidJson, {n});
    if (a11y_button(s, "export_valid_json", export_json, export_json))
        s.host.download("ftblock-valid-" + format_date(s.host.today()) + ".json", "application/json",
                        s.drafts.export_valid_json());
    const std::string export_csv = tr(s.lang, Str::ExportValidCsv, {n});
    if (a11y_button(s, "export_valid_csv", export_csv, export_csv))
        s.host.download("ftblock-valid-" + format_date(s.host.today()) + ".csv", "text/csv",
                        s.drafts.export_valid_csv());
    ImGui::EndDisabled();
    if (s.options.read_only) return;
    ImGui::BeginDisabled(count == 0 || s.import_phase != ImportPhase::Idle);
    const std::string delete_shown = tr(s.lang, Str::DeleteShown, {std::to_string(count)});
    if (a11y_button(s, "delete_shown", delete_shown, delete_shown)) {
        ImGui::OpenPopup("##delete_shown");
        a11y_move_focus(s, "delete_shown_confirm");
    }
    ImGui::EndDisabled();
    if (ImGui::BeginPopup("##delete_shown")) {
        if (a11y_take_activate(s, "escape")) {  // Escape in the mirror: as Cancel
            ImGui::CloseCurrentPopup();
            a11y_move_focus(s, "delete_shown");
        }
        ImGui::TextUnformatted(tr(s.lang, Str::DeleteShownConfirm, {std::to_string(count)}).c_str());
        a11y_text(s, "delete_shown_question", tr(s.lang, Str::DeleteShownConfirm, {std::to_string(count)}));
        if (a11y_button(s, "delete_shown_confirm", tr(s.lang, Str::Delete), tr(s.lang, Str::Delete))) {
            std::vector<std::size_t> rows;
            rows.reserve(count);
            for (std::size_t r = 0; r < count; ++r) rows.push_back(shown_at(s, r));
            s.deleted = s.drafts.remove_many(rows);
            s.deleted_text = tr(s.lang, Str::Deleted, {std::to_string(s.deleted.size())});
            s.deleted_placeholder = 0;
            if (s.drafts.size() == 0)
                s.deleted_placeholder = s.drafts.at(s.drafts.add_new(pb.blank_draft_scenario().id)).uid;
            s.current = 0;
            s.changed();
            ImGui::CloseCurrentPopup();
            a11y_move_focus(s, "drafts");
        }
        ImGui::SameLine();
        if (a11y_button(s, "delete_shown_cancel", tr(s.lang, Str::Cancel), tr(s.lang, Str::Cancel))) {
            ImGui::CloseCurrentPopup();
            a11y_move_focus(s, "delete_shown");
        }
        ImGui::EndPopup();
    }
}

}  // namespace ftblock::web
