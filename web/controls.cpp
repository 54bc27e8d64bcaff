// The form's controls for the semantic mirror (web/controls.h).
#include "controls.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdint>

#include "text_wrap.h"

namespace ftblock::web {

namespace {

const ImU32 kFocusRing = IM_COL32(255, 214, 10, 255);  // 3:1 and more against every panel colour

bool is_text(A11yRole role) { return role == A11yRole::TextBox || role == A11yRole::TextArea; }

// UTF-16 code units before the index-th character of ImGui's text (ImWchar is 32-bit here).
int utf16_index(const ImVector<ImWchar>& text, int index) {
    int units = 0;
    for (int i = 0; i < index && i < text.Size; ++i) {
        const std::uint32_t c = text[i];  // ImWchar is 16-bit natively: every character one unit
        units += c > 0xFFFFu ? 2 : 1;
    }
    return units;
}

}  // namespace

bool a11y_focus_pending(const App::State& s, const std::string& id) { return s.focus_request == id; }

A11yNode& a11y_item(App::State& s, A11yNode node) {
    const ImGuiContext& g = *GImGui;
    const bool disabled = (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
    return a11y_item_at(s, std::move(node), ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::IsItemActivated(),
                        disabled);
}

A11yNode& a11y_item_at(App::State& s, A11yNode node, ImVec2 a, ImVec2 b, bool activated, bool disabled) {
    const ImGuiContext& g = *GImGui;
    // A locked field stays readable and reachable: read-only, not disabled.
    if (disabled && !node.read_only) node.disabled = true;
    s.rects[node.id] = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
    if (s.dom_focus == node.id)
        ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), kFocusRing,
                                            ImGui::GetStyle().FrameRounding, 0, 2.0f);
    // An on-screen keyboard now covers the form's lower part: the field typed into comes up.
    if (s.keep_field_visible && is_text(node.role) && s.dom_focus == node.id && s.visible_height > 0) {
        if (b.y > s.visible_height) ImGui::SetScrollY(ImGui::GetScrollY() + (b.y - s.visible_height) + 8.0f);
        s.keep_field_visible = false;
    }
    // Into view: its window, and the windows around that — for a few frames, as leaving the
    // field before it may add a problem line above it a frame later.
    if (s.focus_request == node.id || (s.keep_in_view_frames > 0 && s.keep_in_view == node.id)) {
        ImGui::ScrollToRect(g.CurrentWindow, ImRect(a, b), ImGuiScrollFlags_KeepVisibleCenterY);
        if (s.focus_request == node.id) {
            s.keep_in_view = node.id;
            s.keep_in_view_frames = 4;
        }
        s.focus_request.clear();
    }
    // A click on the drawing made it ImGui's focus: the mirror follows with the DOM focus.
    if (activated && s.dom_focus != node.id && s.focus_id != node.id && !node.disabled) {
        s.focus_id = node.id;
        ++s.focus_seq;
    }
    node.x = a.x;
    node.y = a.y;
    node.w = b.x - a.x;
    node.h = b.y - a.y;
    return s.a11y.add(std::move(node));
}

void a11y_text(App::State& s, const std::string& id, const std::string& text) {
    A11yNode n;
    n.id = id;
    n.role = A11yRole::Text;
    n.name = text;
    a11y_item(s, std::move(n));
}

bool a11y_take_activate(App::State& s, const std::string& id) {
    if (s.activate_request != id) return false;
    s.activate_request.clear();
    return true;
}

bool a11y_take_set(App::State& s, const std::string& id, std::string& value) {
    if (s.set_request != id) return false;
    s.set_request.clear();
    value = std::move(s.set_value);
    s.set_value.clear();
    return true;
}

void a11y_text_after(App::State& s, const std::string& id, ImGuiID imgui_id) {
    if (s.caret_to_end != id || ImGui::GetActiveID() != imgui_id) return;
    ImGuiInputTextState& st = GImGui->InputTextState;
    if (st.ID != imgui_id) return;
    st.Stb.cursor = st.Stb.select_start = st.Stb.select_end = st.CurLenW;
    s.caret_to_end.clear();
}

void a11y_move_focus(App::State& s, const std::string& id) {
    s.focus_id = id;
    ++s.focus_seq;
}

namespace {

// A button whose label is wider than the room it has: as wide as the room, its label wrapped.
bool wrapped_button(const std::string& label, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const char* end = ImGui::FindRenderedTextEnd(label.c_str());  // without "##id"
    const std::string shown(label.c_str(), end);
    const auto lines = wrap_lines(shown, width - style.FramePadding.x * 2);
    const float line_h = ImGui::GetTextLineHeight();
    const float height =
        std::max(ImGui::GetFrameHeight(), static_cast<float>(lines.size()) * line_h + style.FramePadding.y * 2);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(label.c_str(), ImVec2(width, height));
    const bool disabled = (GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
    const ImGuiCol bg = ImGui::IsItemActive()    ? ImGuiCol_ButtonActive
                        : ImGui::IsItemHovered() ? ImGuiCol_ButtonHovered
                                                 : ImGuiCol_Button;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), ImGui::GetColorU32(bg), style.FrameRounding);
    const ImU32 color = ImGui::GetColorU32(disabled ? ImGuiCol_TextDisabled : ImGuiCol_Text);
    float y = at.y + style.FramePadding.y;
    for (const auto& [b, e] : lines) {
        draw->AddText(ImVec2(at.x + style.FramePadding.x, y), color, shown.data() + b, shown.data() + e);
        y += line_h;
    }
    return pressed;
}

}  // namespace

bool a11y_button(App::State& s, const std::string& id, const std::string& label, const std::string& name,
                 const std::string& description) {
    // full height and at least as wide as high: a target of 24 × 24 CSS px (44 × 44 on touch screens)
    const float natural = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    const float target = ImGui::GetFrameHeight();
    const float room = ImGui::GetContentRegionAvail().x;
    bool pressed = natural > room && room > target
                       ? wrapped_button(label, room)
                       : ImGui::Button(label.c_str(), ImVec2(natural < target ? target : 0.0f, 0.0f));
    A11yNode node;
    node.id = id;
    node.role = A11yRole::Button;
    node.name = name;
    node.description = description;
    const bool disabled = (GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
    if (a11y_take_activate(s, id) && !disabled) pressed = true;
    a11y_item(s, std::move(node));
    return pressed;
}

float button_width(const std::string& label) {
    const float natural = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    return std::max(natural, ImGui::GetFrameHeight());
}

void flow(float width) {
    const ImGuiWindow* window = GImGui->CurrentWindow;
    const float right = window->WorkRect.Max.x;  // the content region's right edge, scrollbar excluded
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
}

void read_only_box(const char* id, const std::string& text) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::CalcItemWidth();
    const float inner = std::max(1.0f, width - style.FramePadding.x * 2);
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const auto lines = wrap_lines(text, inner);
    const float line_h = ImGui::GetTextLineHeight();
    const float height =
        std::max(ImGui::GetFrameHeight(),
                 static_cast<float>(std::max<std::size_t>(1, lines.size())) * line_h + style.FramePadding.y * 2);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, height));  // an item: hover (tooltip), rectangle
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec4 bg = style.Colors[ImGuiCol_FrameBg];
    bg.w *= style.DisabledAlpha;
    draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), ImGui::GetColorU32(bg), style.FrameRounding);
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    float y = at.y + style.FramePadding.y;
    for (const auto& [begin, end] : lines) {
        draw->AddText(font, size, ImVec2(at.x + style.FramePadding.x, y), color, text.data() + begin,
                      text.data() + end);
        y += line_h;
    }
}

void a11y_frame_begin(App::State& s) {
    s.a11y.begin_frame();
    if (s.release_text) {
        s.release_text = false;
        const ImGuiContext& g = *GImGui;
        if (g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId) ImGui::ClearActiveID();
    }
}

void a11y_frame_end(App::State& s) {
    if (s.keep_in_view_frames > 0) --s.keep_in_view_frames;
    // Requests no control claimed this frame (the control is gone) are dropped, not kept.
    s.activate_request.clear();
    s.set_request.clear();
    s.focus_request.clear();
    int caret_start = -1, caret_end = -1;
    const ImGuiContext& g = *GImGui;
    if (g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId) {
        const ImGuiInputTextState& st = g.InputTextState;
        const int lo = std::min(st.Stb.select_start, st.Stb.select_end);
        const int hi = std::max(st.Stb.select_start, st.Stb.select_end);
        if (lo != hi) {
            caret_start = utf16_index(st.TextW, lo);
            caret_end = utf16_index(st.TextW, hi);
        } else {
            caret_start = caret_end = utf16_index(st.TextW, st.Stb.cursor);
        }
    }
    std::string json = s.a11y.to_json(s.lang == Lang::ZhCN ? "zh-CN" : "en", s.focus_id, s.focus_seq, caret_start,
                                      caret_end, s.live, s.live_seq, s.summary);
    if (json == s.a11y_json) return;
    s.a11y_json = std::move(json);
    s.host.a11y_changed(s.a11y_json);
}

// --- App: what the user did to the mirror --------------------------------------------------
namespace {
bool text_node(const App::State& s, const std::string& id) {
    const A11yNode* n = s.a11y.find(id);
    return n && is_text(n->role);
}
}  // namespace

void App::a11y_focus(const std::string& id) {
    State& s = *state_;
    if (!text_node(s, id)) s.release_text = true;  // a button, a list: the field being edited is left
    s.dom_focus = id;
    s.focus_id = id;  // the form's focus is there now: a click elsewhere is a move to follow
    s.focus_request = id;
}

void App::a11y_blur() {
    State& s = *state_;
    s.dom_focus.clear();
    s.focus_request.clear();
    s.release_text = true;
}

void App::a11y_activate(const std::string& id) { state_->activate_request = id; }

void App::a11y_set(const std::string& id, const std::string& value) {
    State& s = *state_;
    s.set_request = id;
    s.set_value = value;
    if (text_node(s, id)) {  // ImGui keeps its own copy of an active field: released, set, then active again
        s.release_text = true;
        if (s.dom_focus == id) s.focus_request = id;
    }
}

std::string App::a11y_json() const { return state_->a11y_json; }

}  // namespace ftblock::web
