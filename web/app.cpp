// The form application: layout (toolbar, drafts list, form, problems, hand-over), saving every
// change in the browser's storage, and the JSON the page's handle reads.
#include "app.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app_state.h"
#include "ftblock/writer.h"
#include "text_wrap.h"

namespace ftblock::web {

namespace {

// Storage keys: <prefix>.a, <prefix>.b (the two slots) and <prefix>.current (the pointer).
std::string pointer_key(const App::State& s) { return s.options.storage_prefix + ".current"; }
std::string slot_key(const App::State& s, const std::string& slot) { return s.options.storage_prefix + "." + slot; }

std::string draft_title(const Drafts& drafts, std::size_t i, Lang lang) {
    const Playbook& pb = drafts.playbook();
    std::string id = drafts.text(i, pb.id_field);
    std::string customer = drafts.text(i, pb.customer_field);
    if (id.empty() && customer.empty()) return tr(lang, Str::Untitled);
    if (id.empty()) return customer;
    if (customer.empty()) return id;
    return id + " · " + customer;
}

std::size_t error_count(const Diagnostics& diags) {
    std::size_t n = 0;
    for (const Diagnostic& d : diags) n += d.severity == Severity::Error;
    return n;
}

}  // namespace

const Diagnostics& App::State::diagnostics(std::size_t i) {
    if (cached_revision != revision || cached_lang != lang || cached.size() != drafts.size()) {
        cached.clear();
        Date today = host.today();
        for (std::size_t j = 0; j < drafts.size(); ++j) cached.push_back(drafts.validate(j, lang, today));
        cached_revision = revision;
        cached_lang = lang;
    }
    return cached[i];
}

// ---------------------------------------------------------------------------------------------
// Storage: two slots and a pointer. A save writes the slot the pointer does not name, then
// moves the pointer; a failure at any step leaves the last good copy where the pointer is.

namespace {

void load(App::State& s) {
    if (!s.options.drafts) {  // one record, owned by the page: nothing is stored
        s.drafts.add_new(s.drafts.playbook().scenarios.front().id);
        s.current = 0;
        s.saved_revision = s.revision;
        return;
    }
    s.storage_ok = s.host.storage_available();
    if (s.storage_ok) {
        std::string pointer;
        if (s.host.storage_get(pointer_key(s), pointer) && (pointer == "a" || pointer == "b")) s.slot = pointer;
        const std::string other = s.slot == "a" ? "b" : "a";
        std::string text, error;
        bool loaded = false;
        for (const std::string& slot : {s.slot, other}) {
            if (!s.host.storage_get(slot_key(s, slot), text)) continue;
            if (s.drafts.from_storage(text, error)) {
                s.slot = slot;
                loaded = true;
                break;
            }
            if (s.unreadable.empty()) {  // keep what we could not read, for download
                s.unreadable = text;
                s.unreadable_reason = error;
            }
        }
        if (loaded) s.saved_revision = s.revision;
    }
    if (s.drafts.size() == 0) s.drafts.add_new(s.drafts.playbook().scenarios.front().id);
    s.current = 0;
}

void save(App::State& s) {
    if (s.saved_revision == s.revision || !s.storage_ok || !s.options.drafts) return;
    const std::string target = s.slot == "a" ? "b" : "a";
    if (s.host.storage_set(slot_key(s, target), s.drafts.to_storage()) && s.host.storage_set(pointer_key(s), target)) {
        s.slot = target;
        s.save_error.clear();
    } else {
        s.save_error = s.lang == Lang::ZhCN ? "浏览器拒绝写入（存储已满或被禁用）"
                                            : "the browser refused the write (storage full or blocked)";
    }
    s.saved_revision = s.revision;  // a failed save is retried on the next change, not every frame
}

}  // namespace

App::App(Host& host, Lang lang, AppOptions options)
    : state_(std::make_unique<State>(host, lang, std::move(options), *builtin_playbook())) {
    if (state_->options.storage_prefix.empty()) state_->options.storage_prefix = AppOptions{}.storage_prefix;
    load(*state_);
}

App::~App() = default;

void App::save_now() {
    if (state_->saved_revision == state_->revision) return;
    save(*state_);
}

// ---------------------------------------------------------------------------------------------

namespace {

void toolbar(App::State& s) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
    const char* names[] = {"English", "中文 (简体)"};
    int lang = s.lang == Lang::ZhCN ? 1 : 0;
    if (ImGui::Combo("##lang", &lang, names, 2)) {
        s.lang = lang ? Lang::ZhCN : Lang::En;
        s.host.language_changed(s.lang);
    }
    s.remember("language");
    if (s.options.read_only) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", tr(s.lang, Str::ReadOnly).c_str());
    }
    if (!s.options.drafts) return;  // one record: the page owns it
    const Playbook& pb = s.drafts.playbook();
    if (!s.options.read_only) {
        ImGui::SameLine();
        if (ImGui::Button(tr(s.lang, Str::NewAssignment).c_str())) {
            s.current = static_cast<int>(s.drafts.add_new(pb.scenarios.front().id));
            s.changed();
        }
        s.remember("new_assignment");
        ImGui::SameLine();
        if (ImGui::Button(tr(s.lang, Str::NewDelivery).c_str())) {
            s.current = static_cast<int>(s.drafts.add_new(pb.scenarios.back().id));
            s.changed();
        }
        s.remember("new_delivery");
        ImGui::SameLine();
        if (ImGui::Button(tr(s.lang, Str::Import).c_str())) s.host.open_import_dialog();
        s.remember("import");
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(s.lang, Str::Backup).c_str()))
        s.host.download("ftblock-backup-" + format_date(s.host.today()) + ".json", "application/json",
                        s.drafts.backup_json());
    s.remember("backup");
    ImGui::SameLine();
    if (!s.storage_ok || !s.save_error.empty())
        ImGui::TextColored(kErrorColor, "●");
    else if (s.saved_revision == s.revision)
        ImGui::TextDisabled("%s", tr(s.lang, Str::SavedAt).c_str());
}

void banner(const std::string& text, const ImVec4& color, const char* id, bool* dismiss) {
    ImGui::PushID(id);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::BeginGroup();
    text_wrapped(text, ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 5.0f);
    ImGui::EndGroup();
    ImGui::PopStyleColor();
    if (dismiss) {
        ImGui::SameLine();
        *dismiss = ImGui::SmallButton("×");
    }
    ImGui::PopID();
}

void banners(App::State& s) {
    if (!s.storage_ok) banner(tr(s.lang, Str::StorageUnavailable), kWarningColor, "storage", nullptr);
    if (!s.save_error.empty()) banner(tr(s.lang, Str::NotSaved, {s.save_error}), kErrorColor, "save", nullptr);
    if (!s.unreadable.empty()) {
        bool dismiss = false;
        banner(tr(s.lang, Str::RecoveredNotice, {s.unreadable_reason}), kWarningColor, "recovered", &dismiss);
        if (ImGui::SmallButton(tr(s.lang, Str::DownloadUnreadable).c_str()))
            s.host.download("ftblock-unreadable-drafts.txt", "text/plain", s.unreadable);
        s.remember("download_unreadable");
        if (dismiss) s.unreadable.clear();
    }
    if (!s.import_banner.text.empty()) {
        bool dismiss = false;
        banner(s.import_banner.text, s.import_banner.error ? kErrorColor : kOkColor, "import", &dismiss);
        if (dismiss) s.import_banner.text.clear();
    }
    if (!s.undo_text.empty()) {
        bool dismiss = false;
        banner(s.undo_text, kOkColor, "switch", &dismiss);
        ImGui::SameLine();
        if (ImGui::SmallButton(tr(s.lang, Str::Undo).c_str())) {
            int i = s.drafts.find_uid(s.undo_uid);
            if (i >= 0) {
                s.drafts.undo(static_cast<std::size_t>(i), s.undo_changes);
                s.changed();
            }
            dismiss = true;
        }
        s.remember("undo");
        if (dismiss) {
            s.undo_text.clear();
            s.undo_changes.clear();
        }
    }
}

void drafts_list(App::State& s) {
    int filter = static_cast<int>(s.filter);
    ImGui::RadioButton(tr(s.lang, Str::FilterAll).c_str(), &filter, 0);
    ImGui::SameLine();
    ImGui::RadioButton(tr(s.lang, Str::FilterValid).c_str(), &filter, 1);
    ImGui::SameLine();
    ImGui::RadioButton(tr(s.lang, Str::FilterInvalid).c_str(), &filter, 2);
    s.filter = static_cast<Filter>(filter);
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", tr(s.lang, Str::Search).c_str(), &s.search);
    ImGui::Separator();
    std::string needle = fold_case(s.search);
    bool any = false;
    for (std::size_t i = 0; i < s.drafts.size(); ++i) {
        const Diagnostics& diags = s.diagnostics(i);
        std::size_t errors = error_count(diags);
        if ((s.filter == Filter::Valid && errors) || (s.filter == Filter::Invalid && !errors)) continue;
        std::string title = draft_title(s.drafts, i, s.lang);
        if (!needle.empty() && fold_case(title).find(needle) == std::string::npos) continue;
        any = true;
        ImGui::PushID(static_cast<int>(s.drafts.at(i).uid));
        const Playbook& pb = s.drafts.playbook();
        std::string scenario = s.drafts.text(i, pb.scenario_field);
        const Choice* sc = pb.list_of(pb.scenario_field)->find(scenario);
        std::string line = title + "\n" + (sc ? sc->label.in(s.lang) : std::string("?")) + " · ";
        if (ImGui::Selectable("##draft", s.current == static_cast<int>(i), 0,
                              ImVec2(0, ImGui::GetTextLineHeight() * 2.2f)))
            s.current = static_cast<int>(i);
        s.remember("draft_" + std::to_string(s.drafts.at(i).uid));
        ImGui::SameLine(ImGui::GetStyle().ItemSpacing.x);
        ImGui::BeginGroup();
        ImGui::TextUnformatted(title.c_str());
        ImGui::TextDisabled("%s ·", sc ? sc->label.in(s.lang).c_str() : "?");
        ImGui::SameLine();
        if (errors)
            ImGui::TextColored(kErrorColor, "✗ %s", tr(s.lang, Str::Invalid, {std::to_string(errors)}).c_str());
        else
            ImGui::TextColored(kOkColor, "✓ %s", tr(s.lang, Str::Valid).c_str());
        ImGui::EndGroup();
        ImGui::PopID();
    }
    if (!any) ImGui::TextDisabled("%s", tr(s.lang, Str::NoDrafts).c_str());
}

void summary_and_handover(App::State& s, std::size_t i) {
    const Diagnostics& diags = s.diagnostics(i);
    std::size_t errors = error_count(diags);
    ImGui::Separator();
    ImGui::TextUnformatted(tr(s.lang, Str::Problems).c_str());
    ImGui::SameLine();
    if (diags.empty()) {
        ImGui::TextColored(kOkColor, "%s", tr(s.lang, Str::NoProblems).c_str());
    } else {
        ImGui::TextDisabled("%s, %s", tr(s.lang, Str::Errors, {std::to_string(errors)}).c_str(),
                            tr(s.lang, Str::Warnings, {std::to_string(diags.size() - errors)}).c_str());
    }
    const Playbook& pb = s.drafts.playbook();
    // The list scrolls on its own beyond a few lines, so the hand-over buttons under it stay in view.
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    const float list_h = std::min(static_cast<float>(diags.size()), 5.5f) * line_h;
    if (!diags.empty()) ImGui::BeginChild("##problems", ImVec2(0, list_h), false);
    for (std::size_t k = 0; k < diags.size(); ++k) {
        const Diagnostic& d = diags[k];
        int f = pb.field_index(d.field);
        ImGui::PushID(static_cast<int>(k));
        ImGui::PushStyleColor(ImGuiCol_Text, d.severity == Severity::Error ? kErrorColor : kWarningColor);
        // Field messages name their field already; record-level ones (unknown keys) get the key.
        std::string line = d.message + "  [" + code_name(d.code) + "]";
        if (ImGui::Selectable(line.c_str()) && f >= 0) {
            s.focus_field = f;
            s.focus_frames = 3;  // this frame, SetKeyboardFocusHere's, the field's activation
            s.drafts.at(i).touched[static_cast<std::size_t>(f)] = true;
        }
        ImGui::PopStyleColor();
        if (f >= 0 && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(s.lang, Str::GoToField).c_str());
        s.remember("problem_" + std::to_string(k));
        ImGui::PopID();
    }
    if (!diags.empty()) ImGui::EndChild();
    ImGui::Spacing();
    const bool valid = errors == 0;
    std::string base = s.drafts.text(i, pb.id_field);
    if (base.empty()) base = "record-" + std::to_string(s.drafts.at(i).uid);
    ImGui::BeginDisabled(!valid);
    if (ImGui::Button(tr(s.lang, Str::ExportJson).c_str()))
        s.host.download("ftblock-" + base + ".json", "application/json", s.drafts.export_json(i));
    s.remember("export_json");
    ImGui::SameLine();
    if (ImGui::Button(tr(s.lang, Str::ExportCsv).c_str()))
        s.host.download("ftblock-" + base + ".csv", "text/csv", s.drafts.export_csv(i));
    s.remember("export_csv");
    ImGui::SameLine();
    if (ImGui::Button(tr(s.lang, Str::CopyJson).c_str())) {
        s.host.copy_text(s.drafts.export_json(i));
        s.copied = true;
    }
    s.remember("copy_json");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (!valid)
        ImGui::TextDisabled("%s", tr(s.lang, Str::OnlyValid).c_str());
    else if (s.copied)
        ImGui::TextColored(kOkColor, "%s", tr(s.lang, Str::Copied).c_str());
    if (!s.options.drafts && !s.options.read_only) {
        ImGui::Spacing();
        ImGui::BeginDisabled(!valid);
        const std::string label = s.options.submit_label.empty() ? tr(s.lang, Str::Submit) : s.options.submit_label;
        if (ImGui::Button((label + "##submit").c_str(), ImVec2(ImGui::GetFontSize() * 8.0f, 0))) {
            std::string record;
            append_record_json(record, pb, s.drafts.at(i).record);
            s.host.submit(record);
        }
        s.remember("submit");
        ImGui::EndDisabled();
    }
    if (!s.options.drafts || s.options.read_only) return;
    ImGui::SameLine(0, ImGui::GetFontSize() * 2.0f);
    if (ImGui::SmallButton(tr(s.lang, Str::Duplicate).c_str())) {
        s.current = static_cast<int>(s.drafts.duplicate(i));
        s.changed();
    }
    s.remember("duplicate");
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(s.lang, Str::Delete).c_str())) ImGui::OpenPopup("##delete");
    s.remember("delete");
    if (ImGui::BeginPopup("##delete")) {
        ImGui::TextUnformatted(tr(s.lang, Str::DeleteConfirm).c_str());
        if (ImGui::Button(tr(s.lang, Str::Delete).c_str())) {
            s.drafts.remove(i);
            if (s.drafts.size() == 0) s.drafts.add_new(pb.scenarios.front().id);
            s.current = 0;
            s.changed();
            ImGui::CloseCurrentPopup();
        }
        s.remember("delete_confirm");
        ImGui::SameLine();
        if (ImGui::Button(tr(s.lang, Str::Cancel).c_str())) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace

void App::frame() {
    State& s = *state_;
    ++s.frames;
    if (s.focus_frames > 0) --s.focus_frames;
    // Keyboard users reach every widget (combos, radio buttons, buttons), not only text fields.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    s.rects.clear();
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
    if (s.options.drafts) {
        const float list_w = std::min(ImGui::GetContentRegionAvail().x * 0.3f, ImGui::GetFontSize() * 17.0f);
        ImGui::BeginChild("##drafts", ImVec2(list_w, 0), true);
        drafts_list(s);
        ImGui::EndChild();
        ImGui::SameLine();
    }
    // The record scrolls; its problems and the hand-over buttons stay pinned under it, sized by
    // what they held last frame (one frame late, within the settling frames after any event).
    ImGui::BeginGroup();
    const float footer_h = std::min(s.footer_height, ImGui::GetContentRegionAvail().y * 0.45f);
    ImGui::BeginChild("##form", ImVec2(0, -(footer_h + ImGui::GetStyle().ItemSpacing.y)), s.options.drafts);
    const bool has_record = s.current >= 0 && static_cast<std::size_t>(s.current) < s.drafts.size();
    if (has_record) draw_record_form(s, static_cast<std::size_t>(s.current));
    ImGui::EndChild();
    s.remember("form_pane");  // the visible part of the record (tests scroll a field into it)
    ImGui::BeginChild("##handover", ImVec2(0, footer_h), s.options.drafts);
    if (has_record) summary_and_handover(s, static_cast<std::size_t>(s.current));
    s.footer_height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
    ImGui::EndChild();
    ImGui::EndGroup();
    ImGui::End();
    if (s.revision != revision_before) {
        s.copied = false;
        save(s);  // every change is saved at once
    }
    if (s.revision != revision_before || s.current != current_before) s.host.record_changed();
}

bool App::animating() const { return false; }

bool App::settling() const { return state_->focus_frames > 0; }

void App::import_file(const std::string& file_name, const std::string& bytes) {
    State& s = *state_;
    std::size_t before = s.drafts.size();
    ImportResult r = s.drafts.import(file_name, bytes, s.lang);
    // Several files picked at once arrive before the next frame: keep every file's result.
    if (s.import_frame == s.frames && !s.import_banner.text.empty()) {
        s.import_banner.text += "\n" + r.message;
        s.import_banner.error = s.import_banner.error || r.failed;
    } else {
        s.import_banner = Banner{r.message, r.failed};
    }
    s.import_frame = s.frames;
    if (s.drafts.size() != before) {
        s.current = static_cast<int>(before);
        s.changed();
        save(s);
    }
}

void App::set_language(Lang lang) {
    state_->lang = lang;
    state_->host.language_changed(lang);
}

Lang App::language() const { return state_->lang; }

std::string App::drafts_json() const {
    State& s = *state_;
    std::string out = "[";
    for (std::size_t i = 0; i < s.drafts.size(); ++i) {
        if (i) out += ',';
        out += "{\"uid\":" + std::to_string(s.drafts.at(i).uid) + ",\"valid\":";
        out += error_count(s.diagnostics(i)) ? "false" : "true";
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
