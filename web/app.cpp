// The form application: layout (toolbar, drafts list, form, problems, hand-over), saving every
// change in the browser's storage, imports in slices, and the JSON the page's handle reads.
#include "app.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "app_state.h"
#include "controls.h"
#include "ftblock/writer.h"
#include "text_wrap.h"

namespace ftblock::web {

namespace {

constexpr const char* kMetaFormat = "ftblock-meta/1";
constexpr std::size_t kImportSlice = 1000;  // records added (and checked) per frame

// Storage keys of the localStorage form: <prefix>.a, <prefix>.b (the two slots) and
// <prefix>.current (the pointer).
std::string pointer_key(const App::State& s) { return s.options.storage_prefix + ".current"; }
std::string slot_key(const App::State& s, const std::string& slot) { return s.options.storage_prefix + "." + slot; }

std::size_t error_count(const Diagnostics& diags) {
    std::size_t n = 0;
    for (const Diagnostic& d : diags) n += d.severity == Severity::Error;
    return n;
}

std::string megabytes(double bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", bytes / (1024.0 * 1024.0));
    return buf;
}

}  // namespace

const Diagnostics& App::State::diagnostics(std::size_t i) {
    const std::uint64_t uid = drafts.at(i).uid;
    if (diag_uid != uid || diag_revision != revision || diag_verdict != drafts.verdict_version(i) ||
        diag_lang != lang) {
        diag = drafts.validate(i, lang);
        diag_uid = uid;
        diag_revision = revision;
        diag_verdict = drafts.verdict_version(i);
        diag_lang = lang;
    }
    return diag;
}

// ---------------------------------------------------------------------------------------------
// Storage. The drafts store (IndexedDB): one object per draft, a frame's changes in one batch
// (one transaction), "saved" once the store acknowledged it; a failed batch keeps the drafts in
// memory, says so and is written again with the next change. Where the browser has no drafts
// store: localStorage, two slots and a pointer — a save writes the slot the pointer does not
// name, then moves the pointer; a failure at any step leaves the last good copy where it was.

namespace {

std::string meta_json(const App::State& s) {
    nlohmann::json meta = {{"format", kMetaFormat}, {"next_uid", s.drafts.next_uid()}};
    if (s.current >= 0) meta["selected"] = s.drafts.at(static_cast<std::size_t>(s.current)).uid;
    meta["list_scroll"] = static_cast<int>(s.list_scroll);
    meta["form_scroll"] = static_cast<int>(s.form_scroll);
    if (s.legacy_unreadable) meta["legacy_unreadable"] = true;
    return meta.dump();
}

// Reads the localStorage slots (the fallback, and what a migration takes over).
bool load_blob(App::State& s) {
    std::string pointer;
    if (s.host.storage_get(pointer_key(s), pointer) && (pointer == "a" || pointer == "b")) s.slot = pointer;
    const std::string other = s.slot == "a" ? "b" : "a";
    std::string text, error;
    for (const std::string& slot : {s.slot, other}) {
        if (!s.host.storage_get(slot_key(s, slot), text)) continue;
        if (s.drafts.from_storage(text, error)) {
            s.slot = slot;
            return true;
        }
        if (s.unreadable.empty()) {  // keep what we could not read, for download
            s.unreadable = text;
            s.unreadable_reason = error;
        }
    }
    return false;
}

void flush(App::State& s, bool is_import = false);

// The drafts at start, from the store (or the localStorage fallback), then `carried` (records as
// JSON: what the user typed while the store was opening, App::store_opened) as new drafts after
// them, the one at `carried_current` shown.
void load(App::State& s, const std::vector<std::string>& carried = {}, std::size_t carried_current = 0) {
    if (!s.options.drafts) {  // one record, owned by the page: nothing is stored
        s.mode = StoreMode::None;
        s.drafts.add_new(s.drafts.playbook().blank_draft_scenario().id);
        s.drafts.take_changes();
        s.current = 0;
        s.saved_revision = s.revision;
        return;
    }
    StoreContents contents;
    const StoreState state = s.host.store_open(contents);
    std::uint64_t selected = 0;
    if (state == StoreState::Ready) {
        s.mode = StoreMode::PerDraft;
        nlohmann::json meta = nlohmann::json::parse(contents.meta, nullptr, false);
        if (!meta.is_object() || meta.value("format", "") != kMetaFormat) meta = nlohmann::json::object();
        auto number = [&](const char* key) -> std::uint64_t {
            auto it = meta.find(key);
            return it != meta.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
        };
        auto scroll = [&](const char* key) -> float {
            auto it = meta.find(key);
            return it != meta.end() && it->is_number() ? std::max(0.0f, it->get<float>()) : -1.0f;
        };
        std::vector<std::pair<std::uint64_t, std::string>> stored;
        stored.reserve(contents.drafts.size());
        for (StoredDraft& d : contents.drafts) stored.emplace_back(d.uid, std::move(d.json));
        s.drafts.from_store(stored, number("next_uid"), s.unreadable, s.unreadable_uids);
        if (!s.unreadable_uids.empty())
            s.unreadable_reason = tr(s.lang, Str::DamagedDrafts, {std::to_string(s.unreadable_uids.size())});
        selected = number("selected");
        s.restore_list_scroll = scroll("list_scroll");
        s.restore_form_scroll = scroll("form_scroll");
        s.legacy_unreadable = meta.value("legacy_unreadable", false);
        const bool first_time = contents.drafts.empty() && contents.meta.empty();
        if (first_time && s.host.storage_available()) {
            // Migration: drafts saved by an earlier version (localStorage) move into the store;
            // the old keys go only once the store has them, and stay while a slot is unreadable.
            if (load_blob(s)) s.drafts.mark_all_changed();
            s.legacy_unreadable = !s.unreadable.empty();
        } else if (s.legacy_unreadable && s.unreadable.empty()) {
            std::string text;
            for (const char* slot : {"a", "b"})
                if (s.unreadable.empty() && s.host.storage_get(slot_key(s, slot), text)) {
                    std::string error;
                    Drafts probe(s.drafts.playbook());
                    if (!probe.from_storage(text, error)) {
                        s.unreadable = text;
                        s.unreadable_reason = error;
                    }
                }
            if (s.unreadable.empty()) s.legacy_unreadable = false;
        }
    } else if (state == StoreState::Opening) {  // a blank draft now; App::store_opened() does the rest
        s.mode = StoreMode::Opening;
    } else if (state == StoreState::Missing) {
        s.mode = StoreMode::Blob;
        s.storage_ok = s.host.storage_available();
        if (!s.storage_ok) s.mode = StoreMode::Unavailable;
        if (s.storage_ok && load_blob(s)) s.saved_revision = s.revision;
    } else {
        s.mode = StoreMode::Unavailable;
        s.storage_ok = false;
        s.storage_reason = contents.error;
    }
    s.drafts.set_today(s.host.today());
    const std::size_t first_carried = s.drafts.size();
    for (const std::string& json : carried)
        s.drafts.replace(s.drafts.add_new(s.drafts.playbook().blank_draft_scenario().id), json, s.lang);
    if (s.drafts.size() == 0) s.drafts.add_new(s.drafts.playbook().blank_draft_scenario().id);
    s.drafts.refresh();
    int i = selected ? s.drafts.find_uid(selected) : -1;
    s.current = i >= 0 ? i : 0;
    if (!carried.empty()) {
        s.current = static_cast<int>(first_carried + std::min(carried_current, carried.size() - 1));
        s.changed();  // to be saved (the localStorage fallback saves by revision)
    }
    s.opening_revision = s.revision;
    s.scroll_to_current = s.restore_list_scroll < 0;
    if (s.mode == StoreMode::PerDraft) {
        s.stored_meta = contents.meta;
        flush(s);  // a migration, a first empty draft: stored at once
    } else {
        s.drafts.take_changes();
        if (s.mode == StoreMode::Blob && s.saved_revision != s.revision) s.saved_revision = 0;
    }
}

void save_blob(App::State& s) {
    if (s.saved_revision == s.revision || !s.storage_ok) return;
    const std::string target = s.slot == "a" ? "b" : "a";
    if (s.host.storage_set(slot_key(s, target), s.drafts.to_storage()) && s.host.storage_set(pointer_key(s), target)) {
        s.slot = target;
        s.save_error.clear();
    } else {
        s.save_error = tr(s.lang, Str::SaveRefused);
    }
    s.saved_revision = s.revision;  // a failed save is retried on the next change, not every frame
}

// The drafts store: this frame's changes in one batch.
void flush(App::State& s, bool is_import) {
    if (s.mode != StoreMode::PerDraft) return;
    // After a failed write, only a new change (or an import) tries again: not every frame.
    if (s.retry_pending && !s.drafts.has_new_changes() && !is_import) return;
    Drafts::Changes changes = s.drafts.take_changes();
    std::string meta = meta_json(s);
    const bool meta_changed = meta != s.stored_meta;
    if (changes.empty() && !meta_changed) return;
    if (changes.empty() && !s.in_flight.empty()) return;  // the meta alone waits (scrolling)
    if (!s.save_error.empty()) s.retry_save = true;
    s.retry_pending = false;
    StoreBatch batch;
    batch.put.reserve(changes.put.size());
    if (is_import) {  // the import's drafts were written out slice by slice (import_step)
        batch.put = std::move(s.import_puts);
        s.import_puts.clear();
    }
    const std::size_t prepared = batch.put.size();
    for (std::uint64_t uid : changes.put) {
        if (prepared && uid >= batch.put.front().uid && uid <= batch.put.back().uid) continue;
        int i = s.drafts.find_uid(uid);
        if (i >= 0) batch.put.push_back({uid, s.drafts.draft_json(static_cast<std::size_t>(i))});
    }
    batch.remove = changes.removed;
    if (meta_changed) batch.meta = meta;
    batch.remove_legacy = !s.legacy_unreadable && s.stored_meta.empty();
    batch.is_import = is_import;
    s.stored_meta = meta;
    const std::uint64_t id = s.next_batch++;
    s.in_flight.emplace(id, std::move(changes));
    if (is_import) s.import_batch = id;
    s.host.store_write(id, batch);  // may acknowledge at once (App::store_done)
}

void save(App::State& s) {
    s.drafts.refresh();  // drafts that follow their previous record may have taken its value
    // While the store opens, changes wait for it (App::store_opened).
    if (s.mode == StoreMode::Opening) return;
    // An import being added is stored in one batch at its end (all or nothing after a crash).
    if (s.import_phase == ImportPhase::Adding) return;
    if (s.mode == StoreMode::PerDraft)
        flush(s);
    else if (s.mode == StoreMode::Blob)
        save_blob(s);
    else
        s.drafts.take_changes();
}

bool saved(const App::State& s) {
    if (s.mode == StoreMode::PerDraft) return s.in_flight.empty() && s.save_error.empty() && !s.drafts.dirty();
    return s.saved_revision == s.revision && s.save_error.empty();
}

}  // namespace

App::App(Host& host, Lang lang, AppOptions options) : state_(std::make_unique<State>(host, lang, std::move(options))) {
    if (state_->options.storage_prefix.empty()) state_->options.storage_prefix = AppOptions{}.storage_prefix;
    load(*state_);
}

App::~App() = default;

void App::store_opened() {
    State& s = *state_;
    if (s.mode != StoreMode::Opening) return;
    // Untouched, the form becomes what a start with the store open would have shown. Otherwise
    // the user's drafts of these first moments come along, after the stored ones.
    std::vector<std::string> carried;
    std::size_t current = 0;
    if (s.revision != s.opening_revision) {
        Drafts blank(s.drafts.playbook());
        const std::string untouched = blank.export_json(blank.add_new(s.drafts.playbook().blank_draft_scenario().id));
        for (std::size_t i = 0; i < s.drafts.size(); ++i) {
            std::string json = s.drafts.export_json(i);
            if (json == untouched) continue;  // a blank draft: the start makes its own when needed
            if (static_cast<int>(i) == s.current) current = carried.size();
            carried.push_back(std::move(json));
        }
    }
    std::vector<std::size_t> all(s.drafts.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    s.drafts.remove_many(std::move(all));
    s.drafts.take_changes();  // nothing of them was stored: nothing to remove from the store
    s.scroll_to_current = true;
    load(s, carried, current);
    if (!carried.empty()) save(s);
}

void App::save_now() {
    State& s = *state_;
    if (s.mode == StoreMode::Blob) {
        if (s.saved_revision != s.revision) save_blob(s);
        return;
    }
    save(s);
}

void App::store_done(std::uint64_t batch_id, bool ok, const std::string& error) {
    State& s = *state_;
    auto it = s.in_flight.find(batch_id);
    if (it == s.in_flight.end()) return;
    Drafts::Changes changes = std::move(it->second);
    s.in_flight.erase(it);
    if (ok) {
        if (s.retry_save || batch_id == s.import_batch) s.save_error.clear();
        s.retry_save = false;
    } else {
        s.save_error = error.empty() ? "the browser refused the write" : error;
        s.drafts.requeue(changes);  // written again with the next change
        s.stored_meta.clear();
        s.retry_pending = true;
    }
    if (batch_id == s.import_batch) {
        s.import_batch = 0;
        s.import_phase = ImportPhase::Idle;
        if (!ok) {  // in memory, not stored: the banner says so and offers the backup
            s.import_banner.error = true;
            s.import_banner.text += "\n" + tr(s.lang, Str::NotSaved, {s.save_error});
        }
    }
}

// ---------------------------------------------------------------------------------------------

namespace {

const char* const kLanguageNames[] = {tr_pattern(Lang::En, Str::LanguageNameEn),
                                      tr_pattern(Lang::En, Str::LanguageNameZh)};

void switch_language(App::State& s, Lang lang) {
    if (s.lang == lang) return;
    s.lang = lang;
    s.host.language_changed(lang);
    s.announce(tr(lang, Str::LanguageSwitched, {kLanguageNames[lang == Lang::ZhCN ? 1 : 0]}));
}

// A status line after the row's last item: on the row when it fits, else below it, wrapped.
// `room_for`: a longer text the same line shows at other times ("Saved…" after "Saving…"): its
// place and height are kept, so the form does not jump when the status changes.
void flow_text(App::State& s, const std::string& id, const std::string& text, const ImVec4& color,
               const std::string& room_for = "") {
    const bool after_frame = ImGui::GetItemRectSize().y >= ImGui::GetFrameHeight() - 0.5f;  // a button's row
    flow(std::max(ImGui::CalcTextSize(text.c_str()).x, ImGui::CalcTextSize(room_for.c_str()).x));
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::BeginGroup();
    if (ImGui::GetCursorPosX() <= ImGui::GetStyle().WindowPadding.x + 1) {
        const float width = ImGui::GetContentRegionAvail().x;
        text_wrapped(text, width);
        const std::size_t lines = wrap_lines(text, width).size(), kept = wrap_lines(room_for, width).size();
        if (kept > lines)
            ImGui::Dummy(ImVec2(1, static_cast<float>(kept - lines) * ImGui::GetTextLineHeightWithSpacing()));
    } else {
        if (after_frame) ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text.c_str());
    }
    ImGui::EndGroup();
    ImGui::PopStyleColor();
    a11y_text(s, id, text);
}

void toolbar(App::State& s) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
    int lang = s.lang == Lang::ZhCN ? 1 : 0;
    std::string asked;
    if (a11y_take_set(s, "language", asked) && (asked == "en" || asked == "zh-CN"))
        switch_language(s, asked == "en" ? Lang::En : Lang::ZhCN);
    if (ImGui::Combo("##lang", &lang, kLanguageNames, 2)) switch_language(s, lang ? Lang::ZhCN : Lang::En);
    {
        A11yNode n;
        n.id = "language";
        n.role = A11yRole::Select;
        n.name = tr(s.lang, Str::Language);
        n.value = s.lang == Lang::ZhCN ? "zh-CN" : "en";
        static const auto kOptions = std::make_shared<const A11yOptionList>(
            A11yOptionList{{{"en", kLanguageNames[0], ""}, {"zh-CN", kLanguageNames[1], ""}}, ""});
        n.options = kOptions;
        a11y_item(s, std::move(n));
    }
    if (s.options.read_only) {
        flow_text(s, "read_only", tr(s.lang, Str::ReadOnly), ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    }
    if (!s.options.drafts) return;  // one record: the page owns it
    const Playbook& pb = s.drafts.playbook();
    if (s.layout == Layout::Narrow) {  // the drafts list is a panel: opened and closed here
        const std::string label =
            (s.list_open ? "▾ " : "▸ ") + tr(s.lang, Str::Drafts) + " (" + std::to_string(s.drafts.size()) + ")";
        flow(button_width(label));
        if (a11y_button(s, "drafts_toggle", label + "##drafts_toggle", label)) s.list_open = !s.list_open;
    }
    if (!s.options.read_only) {
        for (const Scenario& sc : pb.scenarios) {  // one "new draft" button per scenario, in the data's order
            const std::string& label = sc.new_label.in(s.lang);
            flow(button_width(label));
            if (a11y_button(s, "new_" + sc.id, label, sc.new_name.in(s.lang))) {
                s.select(s.drafts.add_new(sc.id));
                s.list_open = false;
                s.changed();
            }
        }
        flow(button_width(tr(s.lang, Str::Import)));
        ImGui::BeginDisabled(s.import_phase != ImportPhase::Idle || s.mode == StoreMode::Opening);
        if (a11y_button(s, "import", tr(s.lang, Str::Import), tr(s.lang, Str::Import))) s.host.open_import_dialog();
        ImGui::EndDisabled();
    }
    flow(button_width(tr(s.lang, Str::Backup)));
    if (a11y_button(s, "backup", tr(s.lang, Str::Backup), tr(s.lang, Str::Backup)))
        s.host.download("ftblock-backup-" + format_date(s.host.today()) + ".json", "application/json",
                        s.drafts.backup_json());
    if (!s.storage_ok || !s.save_error.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(kErrorColor, "●");
        a11y_text(
            s, "save_state",
            s.save_error.empty() ? tr(s.lang, Str::StorageUnavailable) : tr(s.lang, Str::NotSaved, {s.save_error}));
    } else {
        // The text after a save; "Saving…" keeps the room of its longest form, so that the form
        // does not jump with each save where the status has a line of its own.
        const std::string persistence = s.host.storage_persistence();
        const bool per_draft = s.mode == StoreMode::PerDraft;
        const bool opening = s.mode == StoreMode::Opening;  // most likely the drafts store comes next
        std::string shown = tr(s.lang, Str::SavedAt), widest = shown;
        if (per_draft && !persistence.empty())
            shown += " · " + tr(s.lang, persistence == "persistent" ? Str::Persistent : Str::BestEffort);
        if (per_draft || opening) {
            const std::string a = tr(s.lang, Str::Persistent), b = tr(s.lang, Str::BestEffort);
            widest += " · " + (ImGui::CalcTextSize(a.c_str()).x > ImGui::CalcTextSize(b.c_str()).x ? a : b);
        }
        flow_text(s, "save_state",
                  opening    ? tr(s.lang, Str::OpeningDrafts)
                  : saved(s) ? shown
                             : tr(s.lang, Str::Saving),
                  ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), widest);
    }
}

// A message over the form; announced when it first says something (not again when only the
// language changed it).
void banner(App::State& s, const std::string& text, const ImVec4& color, const char* id, bool* dismiss) {
    ImGui::PushID(id);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::BeginGroup();
    text_wrapped(text, ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 5.0f);
    ImGui::EndGroup();
    ImGui::PopStyleColor();
    a11y_text(s, std::string("banner_") + id, text);
    auto& said = s.banners_said[id];
    if (said.first != text) {
        if (said.second == s.lang || said.first.empty()) s.announce(text);
        said = {text, s.lang};
    }
    if (dismiss) {
        ImGui::SameLine();
        *dismiss = a11y_button(s, std::string("dismiss_") + id, "×", tr(s.lang, Str::Dismiss));
    }
    ImGui::PopID();
}

void download_backup_button(App::State& s, const char* name) {
    if (a11y_button(s, name, tr(s.lang, Str::DownloadBackup) + "##" + name, tr(s.lang, Str::DownloadBackup)))
        s.host.download("ftblock-backup-" + format_date(s.host.today()) + ".json", "application/json",
                        s.drafts.backup_json());
}

void banners(App::State& s) {
    if (!s.storage_ok) {
        banner(s,
               s.storage_reason.empty() ? tr(s.lang, Str::StorageUnavailable)
                                        : tr(s.lang, Str::StorageFailed, {s.storage_reason}),
               kWarningColor, "storage", nullptr);
    }
    if (!s.save_error.empty()) {
        banner(s, tr(s.lang, Str::NotSaved, {s.save_error}), kErrorColor, "save", nullptr);
        download_backup_button(s, "save_backup");
    }
    if (!s.unreadable.empty()) {
        bool dismiss = false;
        banner(s, tr(s.lang, Str::RecoveredNotice, {s.unreadable_reason}), kWarningColor, "recovered", &dismiss);
        if (a11y_button(s, "download_unreadable", tr(s.lang, Str::DownloadUnreadable),
                        tr(s.lang, Str::DownloadUnreadable)))
            s.host.download("ftblock-unreadable-drafts.txt", "text/plain", s.unreadable);
        if (dismiss) {  // the user has seen it: the damaged copies go
            s.unreadable.clear();
            s.unreadable.shrink_to_fit();
            for (std::uint64_t uid : s.unreadable_uids) s.drafts.forget_stored(uid);
            s.unreadable_uids.clear();
            if (s.legacy_unreadable) {
                for (const char* slot : {"a", "b"}) s.host.storage_remove(slot_key(s, slot));
                s.host.storage_remove(pointer_key(s));
                s.legacy_unreadable = false;
            }
            s.changed();
        }
    }
    if (!s.import_banner.text.empty()) {
        bool dismiss = false;
        banner(s, s.import_banner.text, s.import_banner.error ? kErrorColor : kOkColor, "import", &dismiss);
        if (dismiss) s.import_banner.text.clear();
    }
    if (!s.undo_text.empty()) {
        bool dismiss = false;
        banner(s, s.undo_text, kOkColor, "switch", &dismiss);
        ImGui::SameLine();
        if (a11y_button(s, "undo", tr(s.lang, Str::Undo), tr(s.lang, Str::Undo))) {
            int i = s.drafts.find_uid(s.undo_uid);
            if (i >= 0) {
                s.drafts.undo(static_cast<std::size_t>(i), s.undo_changes);
                s.drafts.set_follow_previous(static_cast<std::size_t>(i), s.undo_follow);
                s.changed();
            }
            dismiss = true;
        }
        if (dismiss) {
            s.undo_text.clear();
            s.undo_changes.clear();
        }
    }
    if (!s.deleted_text.empty()) {
        bool dismiss = false;
        banner(s, s.deleted_text, kOkColor, "deleted", &dismiss);
        ImGui::SameLine();
        if (a11y_button(s, "undo_delete", tr(s.lang, Str::Undo) + "##deleted", tr(s.lang, Str::Undo))) {
            const std::uint64_t uid = s.current >= 0 ? s.drafts.at(static_cast<std::size_t>(s.current)).uid : 0;
            // Only the untouched first draft the delete left behind goes again.
            if (s.drafts.size() == 1 && uid && s.deleted_placeholder == uid) s.drafts.remove(0);
            s.drafts.restore(std::move(s.deleted));
            int i = s.drafts.find_uid(uid);
            s.select(i >= 0 ? static_cast<std::size_t>(i) : 0);
            s.changed();
            dismiss = true;
        }
        if (dismiss) {
            s.deleted_text.clear();
            s.deleted.clear();
            s.deleted_placeholder = 0;
        }
    }
}

void summary_and_handover(App::State& s, std::size_t i) {
    const Diagnostics& diags = s.diagnostics(i);
    std::size_t errors = error_count(diags);
    ImGui::Separator();
    ImGui::TextUnformatted(tr(s.lang, Str::Problems).c_str());
    if (diags.empty()) {
        s.summary = tr(s.lang, Str::NoProblems);
        flow_text(s, "problems_summary", s.summary, kOkColor);
    } else {
        s.summary = tr(s.lang, Str::Errors, {std::to_string(errors)}) + ", " +
                    tr(s.lang, Str::Warnings, {std::to_string(diags.size() - errors)});
        flow_text(s, "problems_summary", s.summary, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        s.summary = tr(s.lang, Str::Problems) + ": " + s.summary;
    }
    const Playbook& pb = s.drafts.playbook();
    // The list scrolls on its own beyond a few lines, so the hand-over buttons under it stay in view.
    const float line_h = ImGui::GetFrameHeightWithSpacing();
    const float list_h = std::min(static_cast<float>(diags.size()), 5.5f) * line_h;
    if (!diags.empty()) ImGui::BeginChild("##problems", ImVec2(0, list_h), false);
    int jump = -1;
    for (std::size_t k = 0; k < diags.size(); ++k) {
        const Diagnostic& d = diags[k];
        int f = pb.field_index(d.field);
        ImGui::PushID(static_cast<int>(k));
        // Field messages name their field already; record-level ones (unknown keys) get the key.
        std::string line = d.message + "  [" + code_name(d.code) + "]";
        const std::string id = "problem_" + std::to_string(k);
        // Wrapped, never cut: a selectable as high as its lines, the lines drawn over it.
        const float pad = ImGui::GetStyle().FramePadding.y;
        const auto lines = wrap_lines(line, ImGui::GetContentRegionAvail().x);
        const float text_h = ImGui::GetTextLineHeight();
        const float height = std::max(ImGui::GetFrameHeight(), static_cast<float>(lines.size()) * text_h + 2 * pad);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if ((ImGui::Selectable("##problem", false, 0, ImVec2(0, height)) || a11y_take_activate(s, id)) && f >= 0)
            jump = f;
        const ImU32 color = ImGui::GetColorU32(d.severity == Severity::Error ? kErrorColor : kWarningColor);
        float y = at.y + pad;
        for (const auto& [b, e] : lines) {
            ImGui::GetWindowDrawList()->AddText(ImVec2(at.x, y), color, line.data() + b, line.data() + e);
            y += text_h;
        }
        if (f >= 0 && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(s.lang, Str::GoToField).c_str());
        A11yNode n;
        n.id = id;
        n.role = A11yRole::Problem;
        n.name = line;
        if (f >= 0) n.description = tr(s.lang, Str::GoToField);
        a11y_item(s, std::move(n));
        ImGui::PopID();
    }
    if (!diags.empty()) ImGui::EndChild();
    if (jump >= 0) {  // after the loop: touching a field may change the diagnostics drawn above
        s.focus_field = jump;
        s.focus_frames = 3;  // this frame, SetKeyboardFocusHere's, the field's activation
        s.drafts.touch(i, jump);
    }
    ImGui::Spacing();
    const bool valid = errors == 0;
    std::string base = s.drafts.text(i, pb.id_field);
    if (base.empty()) base = "record-" + std::to_string(s.drafts.at(i).uid);
    ImGui::BeginDisabled(!valid);
    const std::string only_valid = valid ? "" : tr(s.lang, Str::OnlyValid);
    if (a11y_button(s, "export_json", tr(s.lang, Str::ExportJson), tr(s.lang, Str::ExportJson), only_valid))
        s.host.download("ftblock-" + base + ".json", "application/json", s.drafts.export_json(i));
    flow(button_width(tr(s.lang, Str::ExportCsv)));
    if (a11y_button(s, "export_csv", tr(s.lang, Str::ExportCsv), tr(s.lang, Str::ExportCsv), only_valid))
        s.host.download("ftblock-" + base + ".csv", "text/csv", s.drafts.export_csv(i));
    flow(button_width(tr(s.lang, Str::CopyJson)));
    if (a11y_button(s, "copy_json", tr(s.lang, Str::CopyJson), tr(s.lang, Str::CopyJson), only_valid)) {
        s.host.copy_text(s.drafts.export_json(i));
        s.copied = true;
        s.announce(tr(s.lang, Str::Copied));
    }
    ImGui::EndDisabled();
    if (!valid)
        flow_text(s, "only_valid", tr(s.lang, Str::OnlyValid), ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    else if (s.copied)
        flow_text(s, "copied", tr(s.lang, Str::Copied), kOkColor);
    if (!s.options.drafts && !s.options.read_only) {
        ImGui::Spacing();
        ImGui::BeginDisabled(!valid);
        const std::string label = s.options.submit_label.empty() ? tr(s.lang, Str::Submit) : s.options.submit_label;
        bool submit = ImGui::Button((label + "##submit").c_str(), ImVec2(ImGui::GetFontSize() * 8.0f, 0));
        if (a11y_take_activate(s, "submit") && valid) submit = true;
        {
            A11yNode n;
            n.id = "submit";
            n.role = A11yRole::Button;
            n.name = label;
            n.description = only_valid;
            a11y_item(s, std::move(n));
        }
        if (submit) {
            std::string record;
            append_record_json(record, pb, s.drafts.at(i).record);
            s.host.submit(record);
        }
        ImGui::EndDisabled();
    }
    if (!s.options.drafts || s.options.read_only) return;
    flow(button_width(tr(s.lang, Str::Duplicate)) + ImGui::GetFontSize() * 2.0f);
    if (ImGui::GetCursorPosX() > ImGui::GetStyle().WindowPadding.x + 1)
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetFontSize() * 2.0f);  // apart from the hand-over
    if (a11y_button(s, "duplicate", tr(s.lang, Str::Duplicate), tr(s.lang, Str::Duplicate))) {
        s.select(s.drafts.duplicate(i));
        s.changed();
    }
    flow(button_width(tr(s.lang, Str::Delete)));
    if (a11y_button(s, "delete", tr(s.lang, Str::Delete), tr(s.lang, Str::Delete))) {
        ImGui::OpenPopup("##delete");
        a11y_move_focus(s, "delete_confirm");
    }
    if (ImGui::BeginPopup("##delete")) {
        if (a11y_take_activate(s, "escape")) {  // Escape in the mirror: as Cancel
            ImGui::CloseCurrentPopup();
            a11y_move_focus(s, "delete");
        }
        ImGui::TextUnformatted(tr(s.lang, Str::DeleteConfirm).c_str());
        a11y_text(s, "delete_question", tr(s.lang, Str::DeleteConfirm));
        if (a11y_button(s, "delete_confirm", tr(s.lang, Str::Delete), tr(s.lang, Str::Delete))) {
            s.drafts.remove(i);
            if (s.drafts.size() == 0) s.drafts.add_new(pb.blank_draft_scenario().id);
            s.current = static_cast<int>(std::min(i, s.drafts.size() - 1));
            s.changed();
            ImGui::CloseCurrentPopup();
            a11y_move_focus(s, "drafts");
        }
        ImGui::SameLine();
        if (a11y_button(s, "delete_cancel", tr(s.lang, Str::Cancel), tr(s.lang, Str::Cancel))) {
            ImGui::CloseCurrentPopup();
            a11y_move_focus(s, "delete");
        }
        ImGui::EndPopup();
    }
}

// ---------------------------------------------------------------------------------------------
// Imports: read (parsed as the chunks come), then added in slices of kImportSlice per frame,
// then stored in one batch. A modal shows the progress; Cancel takes everything back.

void import_finish(App::State& s, ImportResult result, bool failed, const std::string& message) {
    // Several files picked at once arrive within a few frames: keep every file's result.
    const bool group = s.import_frame + 2 >= s.frames && !s.import_banner.text.empty();
    if (group) {
        s.import_banner.text += "\n" + message;
        s.import_banner.error = s.import_banner.error || failed;
    } else {
        s.import_banner = Banner{message, failed};
    }
    s.import_frame = s.frames;
    s.job.reset();
    s.import_result = result;
}

void import_cancel(App::State& s) {
    const std::string name = s.job ? s.job->file_name() : std::string();
    if (s.import_phase == ImportPhase::Adding && s.drafts.size() > s.import_first) {
        std::vector<std::size_t> added;
        for (std::size_t i = s.import_first; i < s.drafts.size(); ++i) added.push_back(i);
        s.drafts.remove_many(added);
        s.drafts.take_changes();  // none of it was stored
        if (s.current >= static_cast<int>(s.drafts.size())) s.current = static_cast<int>(s.drafts.size()) - 1;
    }
    s.import_puts.clear();
    s.import_phase = ImportPhase::Idle;
    s.import_cancel = false;
    import_finish(s, ImportResult{}, true, tr(s.lang, Str::ImportCancelled, {name}));
}

// One frame's share of an import in its adding phase.
void import_step(App::State& s, std::size_t limit) {
    if (s.import_phase != ImportPhase::Adding || !s.job) return;
    if (s.import_cancel) return import_cancel(s);
    const std::size_t before = s.drafts.size();
    s.job_next = s.drafts.import_slice(*s.job, s.job_next, limit, s.import_result);
    s.drafts.refresh();
    // Written out now, a slice per frame: the end of a 100,000-record import is not one long
    // frame of serialising (imported drafts keep their values, so this text stays theirs).
    if (s.mode == StoreMode::PerDraft)
        for (std::size_t i = before; i < s.drafts.size(); ++i)
            s.import_puts.push_back({s.drafts.at(i).uid, s.drafts.draft_json(i)});
    if (s.job_next < s.job->records().size()) return;
    const ImportResult r = s.import_result;
    const std::string name = s.job->file_name();
    if (r.added) {
        s.select(s.import_first);
        s.changed();
    }
    import_finish(s, r, false,
                  tr(s.lang, Str::ImportDone, {std::to_string(r.added), name, std::to_string(r.duplicates)}));
    if (s.mode == StoreMode::PerDraft && r.added) {
        s.import_phase = ImportPhase::Saving;
        flush(s, true);  // one transaction: after a crash the import is all there or not at all
    } else {
        s.import_phase = ImportPhase::Idle;
        save(s);
    }
}

void import_progress(App::State& s) {
    if (s.import_phase == ImportPhase::Idle) {
        // Finished: close the modal now, or it would keep the next click for itself.
        if (ImGui::IsPopupOpen("##importing") && ImGui::BeginPopupModal("##importing")) {
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        return;
    }
    if (!ImGui::IsPopupOpen("##importing")) ImGui::OpenPopup("##importing");
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x - 20.0f, ImGui::GetFontSize() * 28.0f), 0));
    if (!ImGui::BeginPopupModal("##importing", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) return;
    const std::string name = s.job ? s.job->file_name() : std::string();
    float fraction = 1.0f;
    std::string text;
    if (s.import_phase == ImportPhase::Reading && s.job) {
        const double size = static_cast<double>(std::max<std::uint64_t>(1, s.job->size()));
        fraction = static_cast<float>(static_cast<double>(s.job->bytes_read()) / size);
        text = tr(s.lang, Str::ImportReading,
                  {name, megabytes(static_cast<double>(s.job->bytes_read())), megabytes(size)});
    } else if (s.import_phase == ImportPhase::Adding && s.job) {
        const std::size_t total = std::max<std::size_t>(1, s.job->records().size());
        fraction = static_cast<float>(s.job_next) / static_cast<float>(total);
        text =
            tr(s.lang, Str::ImportAdding, {name, std::to_string(s.job_next), std::to_string(s.job->records().size())});
    } else {
        text = tr(s.lang, Str::ImportSaving,
                  {std::to_string(s.import_result.added), s.import_banner.text.empty() ? name : std::string("…")});
    }
    text_wrapped(text);
    ImGui::ProgressBar(std::min(1.0f, fraction), ImVec2(-1, 0));
    a11y_text(s, "import_progress", text);
    if (s.import_phase != ImportPhase::Saving) {
        if (s.dom_focus != "import_cancel" && s.focus_id != "import_cancel") a11y_move_focus(s, "import_cancel");
        if (a11y_button(s, "import_cancel", tr(s.lang, Str::Cancel), tr(s.lang, Str::Cancel)) ||
            a11y_take_activate(s, "escape"))
            s.import_cancel = true;
    }
    if (s.import_phase == ImportPhase::Idle) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace

namespace {

// After the frame's widgets: the change's consequences (save, the page's event, the mirror).
void frame_end(App::State& s, std::uint64_t revision_before, int current_before) {
    if (s.revision != revision_before) s.copied = false;
    save(s);  // every change is saved at once (the meta too: the selection, the scroll)
    if (!s.save_error.empty()) s.save_error_said = true;
    if (s.save_error.empty() && s.save_error_said) {  // the banner said it failed; now it is saved
        s.save_error_said = false;
        s.announce(tr(s.lang, Str::SavedAgain));
    }
    a11y_frame_end(s);
    if (s.revision != revision_before || s.current != current_before) s.host.record_changed();
}

}  // namespace

void App::frame() {
    State& s = *state_;
    ++s.frames;
    if (s.focus_frames > 0) --s.focus_frames;
    // Keyboard users reach every widget (combos, radio buttons, buttons), not only text fields.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // Every control at least 24 × 24 CSS px (WCAG 2.5.8), 44 × 44 on a touch screen: the text's
    // height plus padding.
    const float target = s.host.coarse_pointer() ? 44.0f : 24.0f;
    ImGui::GetStyle().FramePadding.y = std::max(3.0f, (target - ImGui::GetFontSize()) * 0.5f);
    {
        const float em = ImGui::GetFontSize(), width = ImGui::GetMainViewport()->WorkSize.x;
        s.layout = width < 44.0f * em ? Layout::Narrow : width < 60.0f * em ? Layout::Medium : Layout::Wide;
        if (s.layout != Layout::Narrow) s.list_open = false;
    }
    s.rects.clear();
    a11y_frame_begin(s);
    a11y_choose_draft(s);
    s.drafts.set_today(s.host.today());
    s.drafts.refresh();
    import_step(s, kImportSlice);
    const std::uint64_t revision_before = s.revision;
    const int current_before = s.current;
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("ftblock", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    toolbar(s);
    banners(s);
    ImGui::Separator();
    if (s.options.drafts && s.layout == Layout::Narrow && s.list_open) {  // the drafts panel, full width
        ImGui::BeginChild("##drafts", ImVec2(0, 0), true);
        drafts_list(s);
        ImGui::EndChild();
        import_progress(s);
        ImGui::End();
        frame_end(s, revision_before, current_before);
        return;
    }
    if (s.options.drafts && s.layout != Layout::Narrow) {
        const float list_w = std::min(ImGui::GetContentRegionAvail().x * 0.3f, ImGui::GetFontSize() * 17.0f);
        ImGui::BeginChild("##drafts", ImVec2(list_w, 0), true);
        drafts_list(s);
        ImGui::EndChild();
        ImGui::SameLine();
    }
    // The record scrolls; its problems and the hand-over buttons stay pinned under it, sized by
    // what they held last frame (one frame late, within the settling frames after any event).
    ImGui::BeginGroup();
    // (on a short window the record keeps more of the height: the footer scrolls on its own)
    const float avail_h = ImGui::GetContentRegionAvail().y;
    const float footer_h =
        std::min(s.footer_height, avail_h * (avail_h < 30.0f * ImGui::GetFontSize() ? 0.35f : 0.45f));
    ImGui::BeginChild("##form", ImVec2(0, -(footer_h + ImGui::GetStyle().ItemSpacing.y)), s.options.drafts);
    if (s.current >= static_cast<int>(s.drafts.size())) s.current = static_cast<int>(s.drafts.size()) - 1;
    const bool has_record = s.current >= 0;
    if (has_record) draw_record_form(s, static_cast<std::size_t>(s.current));
    if (s.restore_form_scroll >= 0 && has_record) {
        ImGui::SetScrollY(s.restore_form_scroll);
        s.restore_form_scroll = -1;
    }
    s.form_scroll = ImGui::GetScrollY();
    ImGui::EndChild();
    s.remember("form_pane");  // the visible part of the record (tests scroll a field into it)
    ImGui::BeginChild("##handover", ImVec2(0, footer_h), s.options.drafts);
    if (has_record) summary_and_handover(s, static_cast<std::size_t>(s.current));
    s.footer_height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
    ImGui::EndChild();
    ImGui::EndGroup();
    import_progress(s);
    ImGui::End();
    frame_end(s, revision_before, current_before);
}

bool App::animating() const {
    const State& s = *state_;
    return s.import_phase == ImportPhase::Adding || s.drafts.dirty();
}

bool App::settling() const { return state_->focus_frames > 0 || state_->keep_in_view_frames > 0; }

bool App::importing() const { return state_->import_phase != ImportPhase::Idle; }

bool App::import_begin(const std::string& file_name, std::uint64_t size) {
    State& s = *state_;
    if (s.import_phase != ImportPhase::Idle || s.mode == StoreMode::Opening) {
        import_finish(s, ImportResult{}, true, tr(s.lang, Str::ImportBusy, {file_name}));
        return false;
    }
    // A store that cannot hold it is refused now, not half-way (about twice the file's size:
    // each draft is kept as JSON text plus the store's own overhead).
    const double free = s.mode == StoreMode::PerDraft ? s.host.storage_free_bytes() : -1;
    const double needed = static_cast<double>(size) * 2.0;
    if (free >= 0 && needed > free) {
        import_finish(s, ImportResult{}, true,
                      tr(s.lang, Str::ImportNoSpace, {file_name, megabytes(needed), megabytes(free)}));
        return false;
    }
    s.job = std::make_unique<ImportJob>(s.drafts.playbook(), file_name, size, s.lang);
    if (s.job->failed()) {
        import_finish(s, ImportResult{}, true, s.job->message());
        return false;
    }
    s.import_phase = ImportPhase::Reading;
    s.import_cancel = false;
    s.import_result = ImportResult{};
    s.job_next = 0;
    return true;
}

bool App::import_chunk(const char* data, std::size_t size) {
    State& s = *state_;
    if (s.import_phase != ImportPhase::Reading || !s.job) return false;
    if (s.import_cancel) {
        import_cancel(s);
        return false;
    }
    if (!s.job->feed(data, size)) {
        s.import_phase = ImportPhase::Idle;
        import_finish(s, ImportResult{}, true, s.job->message());
        return false;
    }
    return true;
}

void App::import_end() {
    State& s = *state_;
    if (s.import_phase != ImportPhase::Reading || !s.job) return;
    if (s.import_cancel) return import_cancel(s);
    if (!s.job->finish()) {
        s.import_phase = ImportPhase::Idle;
        import_finish(s, ImportResult{}, true, s.job->message());
        return;
    }
    s.import_phase = ImportPhase::Adding;
    s.import_first = s.drafts.size();
    s.job_next = 0;
}

void App::import_fail(const std::string& reason) {
    State& s = *state_;
    if (s.import_phase != ImportPhase::Reading || !s.job) return;
    const std::string name = s.job->file_name();
    s.import_phase = ImportPhase::Idle;
    import_finish(s, ImportResult{}, true, tr(s.lang, Str::ImportBroken, {name, "0", "0", reason}));
}

void App::import_file(const std::string& file_name, const std::string& bytes) {
    State& s = *state_;
    if (!import_begin(file_name, bytes.size())) return;
    import_chunk(bytes.data(), bytes.size());
    import_end();
    while (s.import_phase == ImportPhase::Adding) import_step(s, s.job ? s.job->records().size() + 1 : 1);
}

void App::set_visible_height(float css_px) {
    State& s = *state_;
    if (css_px > 0 && (s.visible_height <= 0 || css_px < s.visible_height)) s.keep_field_visible = true;
    s.visible_height = css_px;
}

void App::set_language(Lang lang) {
    State& s = *state_;
    if (s.lang == lang)
        s.host.language_changed(lang);  // the page asked: told even when it was already so
    else
        switch_language(s, lang);  // told once, and announced
}

Lang App::language() const { return state_->lang; }

std::string App::drafts_json() const {
    State& s = *state_;
    s.drafts.refresh();
    std::string out = "[";
    for (std::size_t i = 0; i < s.drafts.size(); ++i) {
        if (i) out += ',';
        out += "{\"uid\":" + std::to_string(s.drafts.at(i).uid) + ",\"valid\":";
        out += s.drafts.valid(i) ? "true" : "false";
        out += ",\"record\":";
        append_record_json(out, s.drafts.playbook(), s.drafts.at(i).record);
        out += '}';
    }
    return out + "]";
}

std::string App::set_record(const std::string& json) {
    State& s = *state_;
    if (s.current < 0) return "no record";
    const std::size_t i = static_cast<std::size_t>(s.current);
    if (std::string error = s.drafts.replace(i, json, Lang::En); !error.empty()) return error;
    s.undo_text.clear();  // an undo would restore values of the record just replaced
    s.undo_changes.clear();
    s.copied = false;
    s.changed();
    save(s);
    return "";
}

std::string App::set_previous(const std::string& json) {
    State& s = *state_;
    if (std::string error = s.drafts.set_previous(json, Lang::En); !error.empty()) return error;
    s.changed();  // verdicts may change; nothing stored changes
    s.drafts.refresh();
    return "";
}

void App::set_read_only(bool read_only) { state_->options.read_only = read_only; }
bool App::read_only() const { return state_->options.read_only; }

bool App::current_valid() const {
    State& s = *state_;
    return s.current >= 0 && error_count(s.diagnostics(static_cast<std::size_t>(s.current))) == 0;
}

std::string App::current_json() const {
    State& s = *state_;
    if (s.current < 0) return "null";
    std::string out;  // the fields the record has (a field emptied in the form is "")
    append_record_json(out, s.drafts.playbook(), s.drafts.at(static_cast<std::size_t>(s.current)).record);
    return out;
}

std::string App::diagnostics_json() const {
    State& s = *state_;
    std::string out;
    if (s.current < 0) return "[]";
    append_diagnostics_json(out, s.diagnostics(static_cast<std::size_t>(s.current)));
    return out;
}

std::string App::item_rects_json() const {
    std::string out = "{";
    bool first = true;
    for (const auto& [name, r] : state_->rects) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, name);
        out += ":[" + std::to_string(r.x) + "," + std::to_string(r.y) + "," + std::to_string(r.z) + "," +
               std::to_string(r.w) + "]";
    }
    return out + "}";
}

}  // namespace ftblock::web
