// web/controls.h — the form's controls as the semantic mirror sees them (web/a11y.h,
// docs/accessibility.md). The views draw with ImGui as before and describe each control right
// after drawing it; these helpers take what the mirror asked for (focus, a press, a value) and
// draw the keyboard focus ring. Private to web/.
#pragma once

#include <string>

#include <imgui.h>

#include "app_state.h"

namespace ftblock::web {

// Before drawing control `id`: the mirror moved the DOM focus to it (a text field is then
// made ImGui's active field by the caller with ImGui::SetKeyboardFocusHere()).
bool a11y_focus_pending(const App::State& s, const std::string& id);

// After drawing it: its node (rectangle of the last item; disabled as ImGui drew it), the focus
// ring while the mirror holds the focus on it, the scroll that brings it into view, and a click
// on the drawing that made it ImGui's focus (the mirror follows).
A11yNode& a11y_item(App::State& s, A11yNode node);
// The same for a control that is not ImGui's last item (a date field's text box).
A11yNode& a11y_item_at(App::State& s, A11yNode node, ImVec2 min, ImVec2 max, bool activated, bool disabled);

// A line the mirror reads in order, not focusable (a status, a banner, a question).
void a11y_text(App::State& s, const std::string& id, const std::string& text);

// The mirror pressed `id` (Enter, Space, assistive technology): true once.
bool a11y_take_activate(App::State& s, const std::string& id);
// The mirror chose or replaced the value of `id`: true once, with the value.
bool a11y_take_set(App::State& s, const std::string& id, std::string& value);

// After a text widget: a value the mirror replaced leaves the caret at its end, as a browser does.
void a11y_text_after(App::State& s, const std::string& id, ImGuiID imgui_id);

// The form moves the focus itself (a jump to a field, a confirmation that opened).
void a11y_move_focus(App::State& s, const std::string& id);

// ImGui::Button, described as a button named `name` (the label's visible text), pressed by a
// click or by the mirror.
bool a11y_button(App::State& s, const std::string& id, const std::string& label, const std::string& name,
                 const std::string& description = "");

// Layout (docs/layout.md). The width of a button with this label (its visible part), at least
// a target's size.
float button_width(const std::string& label);
// Before an item of this width that follows another on the same row: stays on the row when it
// fits, else starts the next one (toolbars and button rows wrap instead of running off).
void flow(float width);
// A read-only value in a frame, wrapped to the width available (a disabled InputText would cut
// it at the right edge). The ImGui item is the frame.
void read_only_box(const char* id, const std::string& text);

// Before the frame's widgets: a text field the mirror left (focus moved to a button, a value
// replaced from outside) stops being ImGui's active field.
void a11y_frame_begin(App::State& s);
// After them: the tree, serialised, to the host when it changed.
void a11y_frame_end(App::State& s);

}  // namespace ftblock::web
