#include "date_picker.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

#include "i18n.h"

namespace ftblock::web {

int weekday_monday0(Date d) {
    // Sakamoto's method gives 0 = Sunday; shift to 0 = Monday.
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = d.year - (d.month < 3 ? 1 : 0);
    int sunday0 = (y + y / 4 - y / 100 + y / 400 + t[d.month - 1] + d.day) % 7;
    return (sunday0 + 6) % 7;
}

Date add_days(Date d, int days) {
    while (days > 0) {
        if (++d.day > days_in_month(d.year, d.month)) {
            d.day = 1;
            if (++d.month > 12) {
                d.month = 1;
                ++d.year;
            }
        }
        --days;
    }
    while (days < 0) {
        if (--d.day < 1) {
            if (--d.month < 1) {
                d.month = 12;
                --d.year;
            }
            d.day = days_in_month(d.year, d.month);
        }
        ++days;
    }
    if (d.year < 1) return Date{1, 1, 1};
    if (d.year > 9999) return Date{9999, 12, 31};
    return d;
}

Date add_months(Date d, int months) {
    int index = d.year * 12 + (d.month - 1) + months;
    if (index < 12) index = 12;
    if (index > 9999 * 12 + 11) index = 9999 * 12 + 11;
    d.year = index / 12;
    d.month = index % 12 + 1;
    if (d.day > days_in_month(d.year, d.month)) d.day = days_in_month(d.year, d.month);
    return d;
}

namespace {

struct Picker {  // the one calendar that can be open
    ImGuiID owner = 0;
    Date cursor;
    bool just_opened = false;  // the key that opened it (Alt+Down) must not also move the cursor
};
Picker g_picker;

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }

std::string month_title(Date d, Lang lang) {
    char year[8], month[4];  // English "2026-03"; Chinese without the leading zero
    std::snprintf(year, sizeof year, "%04d", d.year);
    std::snprintf(month, sizeof month, lang == Lang::En ? "%02d" : "%d", d.month);
    return tr(lang, Str::MonthTitle, {year, month});
}

// The popup's grid; returns true when a day was chosen.
bool calendar(Date& chosen, Lang lang, Date today) {
    Date& c = g_picker.cursor;
    if (g_picker.just_opened) {
        g_picker.just_opened = false;
    } else {
        if (key_pressed(ImGuiKey_LeftArrow)) c = add_days(c, -1);
        if (key_pressed(ImGuiKey_RightArrow)) c = add_days(c, 1);
        if (key_pressed(ImGuiKey_UpArrow)) c = add_days(c, -7);
        if (key_pressed(ImGuiKey_DownArrow)) c = add_days(c, 7);
        if (key_pressed(ImGuiKey_PageUp)) c = add_months(c, ImGui::GetIO().KeyShift ? -12 : -1);
        if (key_pressed(ImGuiKey_PageDown)) c = add_months(c, ImGui::GetIO().KeyShift ? 12 : 1);
        if (key_pressed(ImGuiKey_Home)) c.day = 1;
        if (key_pressed(ImGuiKey_End)) c.day = days_in_month(c.year, c.month);
        if (key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter)) {
            chosen = c;
            return true;
        }
    }

    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) c = add_months(c, -1);
    ImGui::SameLine();
    std::string title = month_title(c, lang);
    float width = ImGui::GetFontSize() * 11.0f;
    float text_w = ImGui::CalcTextSize(title.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - text_w) * 0.5f);
    ImGui::TextUnformatted(title.c_str());
    ImGui::SameLine(ImGui::GetFontSize() * 13.0f);
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) c = add_months(c, 1);

    bool picked = false;
    const float cell = ImGui::GetFontSize() * 2.0f;
    if (ImGui::BeginTable("##grid", 7, ImGuiTableFlags_SizingFixedFit)) {
        for (int i = 0; i < 7; ++i)
            ImGui::TableSetupColumn(weekday_short(lang, i), ImGuiTableColumnFlags_WidthFixed, cell);
        ImGui::TableHeadersRow();
        Date first{c.year, c.month, 1};
        int lead = weekday_monday0(first);
        int days = days_in_month(c.year, c.month);
        for (int slot = 0; slot < 42; ++slot) {
            ImGui::TableNextColumn();
            int day = slot - lead + 1;
            if (day < 1 || day > days) continue;
            Date d{c.year, c.month, day};
            char label[16];
            std::snprintf(label, sizeof label, "%d", day);
            bool is_cursor = d == c;
            bool is_today = d == today;
            if (is_today) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.85f, 0.3f, 1.0f));
            if (ImGui::Selectable(label, is_cursor, 0, ImVec2(cell, 0))) {
                chosen = d;
                picked = true;
            }
            if (is_today) ImGui::PopStyleColor();
        }
        ImGui::EndTable();
    }
    if (ImGui::SmallButton(tr(lang, Str::Today).c_str())) {
        chosen = today;
        picked = true;
    }
    return picked;
}

}  // namespace

namespace {
void item_rect(float* out) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    out[0] = a.x;
    out[1] = a.y;
    out[2] = b.x - a.x;
    out[3] = b.y - a.y;
}
}  // namespace

bool date_field(const char* label, std::string& text, Lang lang, Date today, float width, float* text_rect,
                float* button_rect) {
    bool changed = false;
    ImGui::PushID(label);
    const float button_w = ImGui::GetFrameHeight() * 1.6f;
    ImGui::SetNextItemWidth(width - button_w - ImGui::GetStyle().ItemInnerSpacing.x);
    changed |= ImGui::InputTextWithHint("##text", "YYYY-MM-DD", &text, ImGuiInputTextFlags_CharsNoBlank);
    item_rect(text_rect);
    bool open_by_key = ImGui::IsItemActive() && ImGui::GetIO().KeyAlt && key_pressed(ImGuiKey_DownArrow);
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGuiID popup = ImGui::GetID("##calendar");
    if (ImGui::Button("...", ImVec2(button_w, 0)) || open_by_key) {
        std::optional<Date> current = parse_date(text);
        g_picker.owner = popup;
        g_picker.cursor = current ? *current : today;
        g_picker.just_opened = true;
        ImGui::OpenPopup("##calendar");
    }
    item_rect(button_rect);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (Alt+↓)", tr(lang, Str::Pick).c_str());
    if (ImGui::BeginPopup("##calendar", ImGuiWindowFlags_NoNavInputs)) {
        Date chosen;
        if (g_picker.owner == popup && calendar(chosen, lang, today)) {
            text = format_date(chosen);
            changed = true;
            ImGui::CloseCurrentPopup();
        }
        if (key_pressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::PopID();
    return changed;
}

}  // namespace ftblock::web
