// The record form: the playbook's fields in the table's order, each drawn from its rule in the
// chosen scenario (fixed values locked with the playbook's words, forbidden fields shown as
// such, lists as pick-lists, dates with a calendar), its problems underneath once touched.
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "app_state.h"
#include "controls.h"
#include "date_picker.h"
#include "text_wrap.h"

namespace ftblock::web {

namespace {

const Rule* rule_for(const Playbook& pb, const std::string& scenario, int field) {
    if (const Scenario* sc = pb.scenario(scenario)) return &sc->rules[static_cast<std::size_t>(field)];
    if (!pb.depends_on_scenario(field)) return &pb.blank_draft_scenario().rules[static_cast<std::size_t>(field)];
    return nullptr;
}

std::string choice_label(const Playbook& pb, int field, const std::string& id, Lang lang) {
    if (const ValueList* list = pb.list_of(field))
        if (const Choice* c = list->find(id)) return c->label.in(lang);
    return id;
}

void wrapped(const std::string& text, const ImVec4* color = nullptr) {
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    text_wrapped(text);
    if (color) ImGui::PopStyleColor();
}

void hint(const std::string& text) { wrapped(text, &ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)); }

void tooltip(const std::string& text) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    text_wrapped(text, ImGui::GetFontSize() * 28.0f);
    ImGui::EndTooltip();
}

std::string choice_help(const Choice& c, Lang lang) {
    std::string text = c.definition.in(lang);
    if (!c.constraint.in(lang).empty()) text += "\n" + c.constraint.in(lang);
    if (lang == Lang::En && c.en_is_translation) text += "\n" + tr(lang, Str::TranslatedNote);
    return text;
}

class FieldDrawer {
public:
    FieldDrawer(App::State& s, std::size_t draft) : s_(s), d_(draft), pb_(s.drafts.playbook()) {}

    void draw() {
        scenario_ = s_.drafts.text(d_, pb_.scenario_field);
        const Diagnostics& diags = s_.diagnostics(d_);
        diags_ = &diags;
        const float width = ImGui::GetContentRegionAvail().x;
        float label_w = 0;  // the longest label, so none is cut ("Service engagement scenario")
        for (const Field& field : pb_.fields)
            label_w = std::max(label_w, ImGui::CalcTextSize(field.label.in(s_.lang).c_str()).x);
        label_w = std::min(width * 0.4f, label_w + ImGui::GetFontSize() * 1.2f);
        if (s_.layout == Layout::Narrow) {  // one column: each label above its field
            for (std::size_t f = 0; f < pb_.fields.size(); ++f) {
                const int field = static_cast<int>(f);
                ImGui::PushID(field);
                label(field);
                ImGui::BeginDisabled(s_.options.read_only);
                widget(field);
                ImGui::EndDisabled();
                ImGui::PopID();
                problems(field, diags);
                ImGui::Spacing();
            }
            return;
        }
        if (!ImGui::BeginTable("##form", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) return;
        ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, label_w);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        for (std::size_t f = 0; f < pb_.fields.size(); ++f) {
            int field = static_cast<int>(f);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            label(field);
            ImGui::TableNextColumn();
            ImGui::PushID(field);
            ImGui::BeginDisabled(s_.options.read_only);
            widget(field);
            ImGui::EndDisabled();
            ImGui::PopID();
            problems(field, diags);
        }
        ImGui::EndTable();
    }

private:
    std::string text(int f) const { return s_.drafts.text(d_, f); }
    void set(int f, const std::string& value) {
        if (text(f) == value && s_.drafts.at(d_).record[f].is_string()) return;
        s_.drafts.set(d_, f, value);
        s_.changed();
    }
    void touch(int f) {
        if (s_.drafts.at(d_).touched[static_cast<std::size_t>(f)]) return;
        s_.drafts.touch(d_, f);
        s_.changed();
    }

    // The field's label, wrapped (never cut) to the width it has, with * when required.
    void label(int f) {
        const Field& field = pb_.fields[static_cast<std::size_t>(f)];
        const Rule* rule = rule_for(pb_, scenario_, f);
        const bool required = rule && rule->kind == RuleKind::Required;
        const std::string text = field.label.in(s_.lang);
        const float room = ImGui::GetContentRegionAvail().x - (required ? ImGui::CalcTextSize("*").x + 2 : 0.0f);
        if (ImGui::CalcTextSize(text.c_str()).x <= room) {
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(text.c_str());
        } else {
            ImGui::BeginGroup();
            text_wrapped(text, room);
            ImGui::EndGroup();
        }
        if (required) {
            ImGui::SameLine(0, 2);
            ImGui::TextColored(kErrorColor, "*");
        }
        std::string help = field.help.in(s_.lang);
        if (rule && !rule->guidance.in(s_.lang).empty())
            help = rule->guidance.in(s_.lang) + (help.empty() ? "" : "\n" + help);
        if (!help.empty()) tooltip(help);
    }

    void widget(int f) {
        const Field& field = pb_.fields[static_cast<std::size_t>(f)];
        if (s_.focus_field == f) {
            ImGui::SetScrollHereY(0.3f);
            ImGui::SetKeyboardFocusHere();
            s_.focus_field = -1;
            std::string target = field_id(f);  // the mirror's focus goes there too
            if (f == pb_.scenario_field) {
                const ValueList* list = pb_.list_of(f);
                const Choice* c = list->find(text(f));
                target = "scenario_" + (c ? c->id : list->choices.front().id);
            }
            a11y_move_focus(s_, target);
        }
        if (f == pb_.scenario_field) return scenario_choice(f);
        const Rule* rule = rule_for(pb_, scenario_, f);
        ImGui::SetNextItemWidth(-1);
        if (rule && rule->kind == RuleKind::Fixed) return fixed(f, *rule);
        if (rule && rule->kind == RuleKind::Forbidden) return forbidden(f, *rule);
        if (rule && rule->keep_previous && previous(f)) return;
        switch (field.type) {
            case FieldType::Choice: return choice(f);
            case FieldType::Date: return date(f);
            case FieldType::Text: return text_input(f);
        }
    }

    void scenario_choice(int f) {
        const ValueList* list = pb_.list_of(f);
        std::string now = text(f);
        std::string chosen;  // through the mirror: the group's value, or a press on one radio
        if (!a11y_take_set(s_, field_id(f), chosen) || !list->find(chosen) || s_.options.read_only) chosen.clear();
        for (std::size_t i = 0; i < list->choices.size(); ++i) {
            const Choice& c = list->choices[i];
            if (i) ImGui::SameLine();
            const std::string id = "scenario_" + c.id;
            bool pressed = ImGui::RadioButton(c.label.in(s_.lang).c_str(), now == c.id);
            if ((a11y_take_activate(s_, id) || chosen == c.id) && !s_.options.read_only) pressed = true;
            A11yNode n = node(f, A11yRole::Radio);
            n.id = id;
            n.parent = field_id(f);
            n.group_name = n.name;
            n.name = c.label.in(s_.lang);
            n.value = c.id;
            n.checked = now == c.id;
            if (const Scenario* sc = pb_.scenario(c.id)) n.description = sc->description.in(s_.lang);
            a11y_item(s_, std::move(n));
            if (pressed && now != c.id) {
                const bool follow = s_.drafts.at(d_).follow_previous;
                std::vector<ScenarioChange> changes = s_.drafts.switch_scenario(d_, c.id);
                s_.drafts.set_follow_previous(d_, true);  // the user's own switch: the previous value is filled in
                s_.changed();
                touch(f);
                announce_switch(c, changes, follow);
            }
            if (const Scenario* sc = pb_.scenario(c.id)) {
                std::string preview = sc->description.in(s_.lang);
                if (now != c.id) {
                    std::vector<ScenarioChange> changes = s_.drafts.preview_scenario(d_, c.id);
                    if (changes.size() > 1)
                        preview += "\n\n" + tr(s_.lang, Str::ScenarioWillChange) + "\n" + describe(changes);
                }
                tooltip(preview);
            }
        }
        if (const ValueList* l = pb_.list_of(f); l && !now.empty() && !l->find(now)) {
            ImGui::SameLine();
            ImGui::TextDisabled("\"%s\"", now.c_str());
        }
        s_.rects["field_" + pb_.fields[static_cast<std::size_t>(f)].key] = s_.rects["scenario_" + list->choices[0].id];
    }

    std::string describe(const std::vector<ScenarioChange>& changes) const {
        std::string out;
        for (const ScenarioChange& c : changes) {
            if (c.field == pb_.scenario_field) continue;
            std::string before = c.before.empty() ? "∅" : choice_label(pb_, c.field, c.before, s_.lang);
            std::string after = c.after.empty() ? "∅" : choice_label(pb_, c.field, c.after, s_.lang);
            out += "• " + pb_.fields[static_cast<std::size_t>(c.field)].label.in(s_.lang) + ": " + before + " → " +
                   after + "\n";
        }
        return out;
    }

    void announce_switch(const Choice& to, const std::vector<ScenarioChange>& changes, bool follow_before) {
        s_.undo_uid = s_.drafts.at(d_).uid;
        s_.undo_follow = follow_before;
        s_.undo_changes = changes;
        std::string list = describe(changes);
        if (!list.empty() && list.back() == '\n') list.pop_back();
        s_.undo_text = tr(s_.lang, Str::SwitchedScenario, {to.label.in(s_.lang), "\n" + list});
    }

    void fixed(int f, const Rule& rule) {
        std::string now = text(f);
        std::string shown = choice_label(pb_, f, rule.value, s_.lang) + "  (" + rule.value + ")";
        std::string copy = now == rule.value ? shown : now;
        read_only_box("##fixed", copy);
        std::string why = tr(s_.lang, Str::LockedWhy, {rule.guidance.in(s_.lang)});
        if (const ValueList* list = pb_.list_of(f))
            if (const Choice* c = list->find(rule.value); c && !c->definition.in(s_.lang).empty())
                why += "\n" + c->definition.in(s_.lang);
        locked_item(f, copy, why);
        tooltip(why);
        if (now != rule.value) {  // e.g. an imported record: offer the playbook's value
            const std::string label =
                tr(s_.lang, Str::FixedByPlaybook) + ": " + choice_label(pb_, f, rule.value, s_.lang);
            if (a11y_button(s_, "fix_" + pb_.fields[static_cast<std::size_t>(f)].key, label, label)) {
                set(f, rule.value);
                touch(f);
            }
        }
    }

    void forbidden(int f, const Rule& rule) {
        std::string now = text(f);
        std::string shown = rule.guidance.in(s_.lang);  // the table's cell, e.g. "L3 coming soon"
        if (pb_.fields[static_cast<std::size_t>(f)].widget.na_with_original && s_.lang != Lang::ZhCN &&
            !rule.guidance.zh.empty() && rule.guidance.zh != shown)
            shown += " (" + rule.guidance.zh + ")";
        std::string copy = now.empty() ? shown : now;
        read_only_box("##forbidden", copy);
        const std::string why =
            tr(s_.lang, Str::NotApplicable) + "\n" + tr(s_.lang, Str::LockedWhy, {rule.guidance.in(s_.lang)});
        locked_item(f, copy, why);
        tooltip(why);
        if (!now.empty() && a11y_button(s_, "clear_" + pb_.fields[static_cast<std::size_t>(f)].key,
                                        tr(s_.lang, Str::Clear), tr(s_.lang, Str::Clear))) {
            set(f, "");
            touch(f);
        }
    }

    // Delivery: the engagement scenario keeps the previous value of the entitlement.
    // A draft created here follows it (locked, filled in by Drafts::refresh); a draft that came
    // from a file, the backup or the page keeps its own value, shown with its error and a button
    // that takes the previous value (undoable). Never rewritten behind the user's back.
    bool previous(int f) {
        std::optional<std::string> prev = s_.drafts.previous_value(d_);
        if (!prev) {
            hint(tr(s_.lang, Str::NoPrevious));
            ImGui::SetNextItemWidth(-1);
            return false;
        }
        const std::string now = text(f);
        if (now != *prev && !s_.drafts.at(d_).follow_previous) {
            std::string shown =
                now.empty() ? tr(s_.lang, Str::ChooseValue) : choice_label(pb_, f, now, s_.lang) + "  (" + now + ")";
            read_only_box("##given", shown);
            const std::string why = tr(s_.lang, Str::DiffersFromPrevious, {choice_label(pb_, f, *prev, s_.lang)});
            locked_item(f, shown, why);
            tooltip(why);
            const std::string use = tr(s_.lang, Str::UsePrevious, {choice_label(pb_, f, *prev, s_.lang)});
            if (!s_.options.read_only && a11y_button(s_, "use_previous", use, use)) {
                s_.undo_uid = s_.drafts.at(d_).uid;
                s_.undo_changes = {ScenarioChange{f, now, *prev}};
                s_.undo_follow = false;
                s_.undo_text =
                    tr(s_.lang, Str::UsedPrevious,
                       {now.empty() ? "∅" : choice_label(pb_, f, now, s_.lang), choice_label(pb_, f, *prev, s_.lang)});
                set(f, *prev);
                s_.drafts.set_follow_previous(d_, true);
                touch(f);
            }
            return true;
        }
        std::string shown = choice_label(pb_, f, *prev, s_.lang) + "  (" + *prev + ")";
        read_only_box("##previous", shown);
        locked_item(f, shown, tr(s_.lang, Str::PreviousValueFrom));
        tooltip(tr(s_.lang, Str::PreviousValueFrom));
        return true;
    }

    void choice(int f) {
        const ValueList* list = pb_.list_of(f);
        std::string now = text(f);
        std::string preview = now.empty() ? tr(s_.lang, Str::ChooseValue) : choice_label(pb_, f, now, s_.lang);
        const bool definitions = pb_.fields[static_cast<std::size_t>(f)].widget.definitions;
        std::string chosen;
        if (a11y_take_set(s_, field_id(f), chosen) && list->find(chosen) && !s_.options.read_only) {
            set(f, chosen);
            touch(f);
            now = chosen;
            preview = choice_label(pb_, f, now, s_.lang);
        }
        const bool open = ImGui::BeginCombo("##choice", preview.c_str(), ImGuiComboFlags_HeightLarge);
        {
            A11yNode n = node(f, A11yRole::Select);
            n.value = now;
            auto& options = s_.a11y_options[{f, s_.lang}];
            if (!options) {
                auto built = std::make_shared<A11yOptionList>();
                for (const Choice& c : list->choices)
                    built->options.push_back({c.id, c.label.in(s_.lang), choice_help(c, s_.lang)});
                options = std::move(built);
            }
            n.options = options;
            if (const Choice* c = list->find(now); c && !c->definition.in(s_.lang).empty())
                n.description = choice_help(*c, s_.lang) + (n.description.empty() ? "" : "\n" + n.description);
            a11y_item(s_, std::move(n));
        }
        if (open) {
            for (const Choice& c : list->choices) {
                bool selected = c.id == now;
                std::string item = c.label.in(s_.lang) + "##" + c.id;
                if (ImGui::Selectable(item.c_str(), selected)) {
                    set(f, c.id);
                    touch(f);
                }
                if (selected) ImGui::SetItemDefaultFocus();
                ImGui::SameLine();
                ImGui::TextDisabled("%s", c.id.c_str());
                if (!c.definition.in(s_.lang).empty() && ImGui::IsItemHovered()) tooltip(choice_help(c, s_.lang));
                if (definitions) {  // the picklist shows each definition and constraint
                    ImGui::Indent();
                    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
                    text_wrapped(c.definition.in(s_.lang));
                    ImGui::PopStyleColor();
                    if (!c.constraint.in(s_.lang).empty()) wrapped(c.constraint.in(s_.lang), &kWarningColor);
                    ImGui::Unindent();
                    ImGui::Separator();
                }
            }
            ImGui::EndCombo();
        } else if (ImGui::IsItemDeactivated()) {
            touch(f);
        }
        // A chosen label the box cuts is shown whole under it.
        if (ImGui::CalcTextSize(preview.c_str()).x >
            ImGui::GetItemRectSize().x - ImGui::GetFrameHeight() - ImGui::GetStyle().FramePadding.x * 2)
            wrapped(preview);
        if (definitions)
            if (const Choice* c = list->find(now)) {
                wrapped(c->definition.in(s_.lang), &ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
                if (!c->constraint.in(s_.lang).empty()) wrapped(c->constraint.in(s_.lang), &kWarningColor);
            }
        if (f == pb_.l2_fit_field && pb_.l2_fit_notes >= 0 && !s_.options.read_only) suggestion(f, now);
    }

    // "Suggest" (like FTOP's button beside L1/L2): the L2s the note points at, best first, with
    // the note's words behind each, and one click to take one. The note is read as typed.
    void suggestion(int f, const std::string& now) {
        const std::uint64_t uid = s_.drafts.at(d_).uid;
        const std::string& notes_label = pb_.fields[static_cast<std::size_t>(pb_.l2_fit_notes)].label.in(s_.lang);
        const std::string label = tr(s_.lang, Str::Suggest);
        const bool open = s_.suggest_uid == uid;
        if (a11y_button(s_, "suggest", label + "##suggest", tr(s_.lang, Str::SuggestName, {notes_label}),
                        open ? tr(s_.lang, Str::SuggestOpen) : ""))
            s_.suggest_uid = open ? 0 : uid;
        if (s_.suggest_uid != uid) return;
        const std::string note = text(pb_.l2_fit_notes);
        if (!s_.suggest_valid || s_.suggest_note != note) {
            static const std::shared_ptr<const L2Model> model = builtin_l2_model();
            s_.suggestion = suggest_l2(*model, note);
            s_.suggest_note = note;
            s_.suggest_valid = true;
        }
        const L2Suggestion& sg = s_.suggestion;
        if (is_blank(note) || sg.suggested.empty()) {
            const std::string why = is_blank(note) ? tr(s_.lang, Str::SuggestNoNote, {notes_label})
                                                   : tr(s_.lang, Str::SuggestTooLittle, {notes_label});
            hint(why);
            a11y_text(s_, "suggest_none", why);
            return;
        }
        const std::string title = tr(s_.lang, Str::SuggestTitle, {notes_label});
        hint(title);
        a11y_text(s_, "suggest_title", title);
        const ImVec4 evidence_color{0.55f, 0.75f, 1.0f, 1.0f};
        for (std::size_t i = 0; i < sg.ranking.size() && i < 3; ++i) {
            const L2Rank& r = sg.ranking[i];
            if (r.score <= 0 || (i > 0 && r.evidence.empty())) break;
            const std::string shown = choice_label(pb_, f, r.l2, s_.lang);
            ImGui::PushID(static_cast<int>(i));
            const std::string line = std::to_string(i + 1) + ". " + shown;
            wrapped(line, i == 0 ? &kOkColor : nullptr);
            a11y_text(s_, "suggest_rank_" + r.l2, line);
            if (!r.evidence.empty()) {
                std::string words;
                for (const std::string& w : r.evidence) words += (words.empty() ? "" : " · ") + w;
                const std::string evidence = tr(s_.lang, Str::SuggestWords, {notes_label, words});
                wrapped(evidence, &evidence_color);
                a11y_text(s_, "suggest_evidence_" + r.l2, evidence);
            }
            if (r.l2 == now) {
                hint(tr(s_.lang, Str::SuggestChosen));
            } else {
                const std::string use = tr(s_.lang, Str::SuggestUse);
                if (a11y_button(s_, "suggest_use_" + r.l2, use + "##use",
                                tr(s_.lang, Str::SuggestUseName,
                                   {pb_.fields[static_cast<std::size_t>(f)].label.in(s_.lang), shown}))) {
                    set(f, r.l2);
                    touch(f);
                    s_.suggest_uid = 0;
                    s_.announce(tr(s_.lang, Str::SuggestTaken, {shown}));
                }
            }
            ImGui::PopID();
        }
    }

    void date(int f) {
        std::string value = text(f);
        float text_rect[4], button_rect[4];
        ImGui::PushID("##date");
        const ImGuiID text_id = ImGui::GetID("##text");
        ImGui::PopID();
        text_requests(f, text_id, value);
        const bool was_active = ImGui::GetActiveID() == text_id;
        if (date_field("##date", value, s_.lang, s_.host.today(), ImGui::GetContentRegionAvail().x, text_rect,
                       button_rect)) {
            set(f, value);
            touch(f);
        }
        a11y_text_after(s_, field_id(f), text_id);
        const std::string& key = pb_.fields[static_cast<std::size_t>(f)].key;
        {
            A11yNode n = node(f, A11yRole::TextBox);
            n.value = value;
            n.description = tr(s_.lang, Str::DateHint) + (n.description.empty() ? "" : "\n" + n.description);
            a11y_item_at(s_, std::move(n), ImVec2(text_rect[0], text_rect[1]),
                         ImVec2(text_rect[0] + text_rect[2], text_rect[1] + text_rect[3]),
                         !was_active && ImGui::GetActiveID() == text_id, s_.options.read_only);
        }
        s_.rects["calendar_" + key] = ImVec4(button_rect[0], button_rect[1], button_rect[2], button_rect[3]);
        if (f == pb_.updated_at_field && value.empty())
            hint(tr(s_.lang, Str::EmptyMeansToday, {format_date(s_.host.today())}));
        const Rule* rule = rule_for(pb_, scenario_, f);
        if (rule && rule->kind == RuleKind::Optional && !rule->guidance.in(s_.lang).empty() &&
            f != pb_.updated_at_field)
            hint(rule->guidance.in(s_.lang));
    }

    void text_input(int f) {
        const Field& field = pb_.fields[static_cast<std::size_t>(f)];
        std::string value = text(f);
        text_requests(f, ImGui::GetID("##text"), value);
        bool edited;
        const bool multiline = field.widget.lines > 1;
        if (multiline) {
            const float height = ImGui::GetTextLineHeight() * static_cast<float>(field.widget.lines);
            edited = ImGui::InputTextMultiline("##text", &value, ImVec2(-1, height));
        } else {
            edited = ImGui::InputText("##text", &value);
        }
        a11y_text_after(s_, field_id(f), ImGui::GetItemID());
        {
            A11yNode n = node(f, multiline ? A11yRole::TextArea : A11yRole::TextBox);
            n.value = value;
            a11y_item(s_, std::move(n));
        }
        if (edited) set(f, value);
        if (ImGui::IsItemDeactivated()) touch(f);
        if (field.max_length > 0) {
            std::size_t n = count_code_points(value);
            std::string counter = tr(s_.lang, Str::CharsOf, {std::to_string(n), std::to_string(field.max_length)});
            if (n > static_cast<std::size_t>(field.max_length))
                ImGui::TextColored(kErrorColor, "%s", counter.c_str());
            else if (n > 0)
                ImGui::TextDisabled("%s", counter.c_str());
        }
        const Rule* rule = rule_for(pb_, scenario_, f);
        if (rule && rule->kind != RuleKind::Optional && value.empty() && !rule->guidance.in(s_.lang).empty())
            hint(rule->guidance.in(s_.lang));
    }

    void problems(int f, const Diagnostics& diags) {
        if (!s_.drafts.at(d_).touched[static_cast<std::size_t>(f)]) return;
        const std::string& key = pb_.fields[static_cast<std::size_t>(f)].key;
        for (const Diagnostic& d : diags) {
            if (d.field != key || d.code == Code::DuplicateKey) continue;
            wrapped(d.message, d.severity == Severity::Error ? &kErrorColor : &kWarningColor);
        }
    }

    // The field's node for the semantic mirror: its label, guidance, required state and the
    // problems drawn under it (once touched, as drawn).
    std::string field_id(int f) const { return "field_" + pb_.fields[static_cast<std::size_t>(f)].key; }
    A11yNode node(int f, A11yRole role) const {
        const Field& field = pb_.fields[static_cast<std::size_t>(f)];
        A11yNode n;
        n.id = field_id(f);
        n.role = role;
        n.name = field.label.in(s_.lang);
        const Rule* rule = rule_for(pb_, scenario_, f);
        n.required = rule && rule->kind == RuleKind::Required;
        n.read_only = s_.options.read_only;
        std::string help = field.help.in(s_.lang);
        if (rule && !rule->guidance.in(s_.lang).empty())
            help = rule->guidance.in(s_.lang) + (help.empty() ? "" : "\n" + help);
        n.description = help;
        if (diags_ && s_.drafts.at(d_).touched[static_cast<std::size_t>(f)]) {
            for (const Diagnostic& d : *diags_) {
                if (d.field != field.key || d.code == Code::DuplicateKey) continue;
                if (!n.error.empty()) n.error += "\n";
                n.error += d.message;
                if (d.severity == Severity::Error) n.invalid = true;
            }
        }
        return n;
    }
    // A locked field (fixed, forbidden, the previous value): read-only, its reason as description.
    void locked_item(int f, const std::string& shown, const std::string& why) {
        A11yNode n = node(f, A11yRole::TextBox);
        n.value = shown;
        n.read_only = true;
        n.description = why;
        a11y_item(s_, std::move(n));
    }
    // A text widget is about to be drawn: a value the mirror replaced, and the mirror's focus.
    void text_requests(int f, ImGuiID imgui_id, std::string& value) {
        std::string replaced;
        if (a11y_take_set(s_, field_id(f), replaced)) {
            value = replaced;
            set(f, replaced);
            touch(f);
            s_.caret_to_end = field_id(f);
        }
        if (a11y_focus_pending(s_, field_id(f)) && ImGui::GetActiveID() != imgui_id) {
            ImGui::SetKeyboardFocusHere();
            s_.focus_frames = std::max(s_.focus_frames, 2);  // active in the next frame
        }
    }

    App::State& s_;
    std::size_t d_;
    const Playbook& pb_;
    std::string scenario_;
    const Diagnostics* diags_ = nullptr;
};

}  // namespace

void draw_record_form(App::State& s, std::size_t draft) { FieldDrawer(s, draft).draw(); }

}  // namespace ftblock::web
