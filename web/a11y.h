// web/a11y.h — the form's semantic mirror (docs/accessibility.md): what assistive technology
// and the keyboard get instead of a picture. Each frame the views describe every control they
// draw (role, name, value, description, problem, state, rectangle) in visual order; the tree is
// serialised to JSON and handed to the host (Host::a11y_changed) only when it differs from the
// last one, so an idle form costs nothing. The browser keeps real, visually hidden DOM controls
// over the canvas in step with it; what the user does to them comes back through App::a11y_*.
// No Emscripten, no DOM: the native UI tests read the same tree.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ftblock::web {

enum class A11yRole {
    TextBox,   // <input type=text>: one-line text and dates
    TextArea,  // <textarea>: notes, multi-line text
    Select,    // <select>: a pick-list (options: value, label, description)
    Radio,     // <input type=radio> in a group (A11yNode::group)
    Button,    // <button>
    ListBox,   // the drafts list (role listbox, aria-activedescendant); its options follow it
    Option,    // one draft in the list (parent = the listbox's id)
    Problem,   // one line of the problems summary: a button in a list item, moves focus to its field
    Text,      // a static line (status, banner) read in order, not focusable
};

const char* a11y_role_name(A11yRole role);  // "textbox", "textarea", "select", … (the JSON's "role")

struct A11yOption {
    std::string value;        // the choice's id (what the record holds)
    std::string label;        // shown in the UI language
    std::string description;  // the playbook's definition (and constraint)
};

struct A11yOptionList {  // built once per pick-list and language, shared by every frame's node
    std::vector<A11yOption> options;
    mutable std::string json;  // its JSON, written the first time it is needed
};

struct A11yNode {
    std::string id;  // stable across frames: "field_customer", "new_assignment", "draft_17"
    A11yRole role = A11yRole::Text;
    std::string name;         // the visible label, in the UI language
    std::string value;        // the model's value (text fields, selects: the choice id, radios: theirs)
    std::string description;  // help: the playbook's guidance, a locked field's reason, a choice's definition
    std::string error;        // the field's problems as drawn ("" until the field was touched)
    std::string parent;       // Option: the listbox; Radio: the group's id (its name is group_name)
    std::string group_name;   // Radio: the group's accessible name (the field's label)
    std::shared_ptr<const A11yOptionList> options;  // Select
    bool required = false;
    bool invalid = false;              // aria-invalid: the field has an error that is shown
    bool read_only = false;            // locked by the playbook (or the form is read-only)
    bool disabled = false;             // not operable now (e.g. no draft to delete)
    bool checked = false;              // Radio: chosen; Option: the current draft
    int set_size = 0;                  // Option: the list's length; ListBox: the number of drafts
    int pos_in_set = 0;                // Option: 1-based position in the list
    float x = 0, y = 0, w = 0, h = 0;  // the widget on the canvas, CSS pixels from its top-left
};

// The tree of one frame, built by the views while they draw.
class A11yTree {
public:
    void begin_frame();
    A11yNode& add(A11yNode node);
    const std::vector<A11yNode>& nodes() const { return nodes_; }
    const A11yNode* find(const std::string& id) const;

    // The JSON handed to the host: {"lang","focus","focusSeq","caret","nodes","live","summary"}
    // (docs/accessibility.md). `focus`: the control the form has focused (a clicked field, a
    // jump); the host moves the DOM focus there when focusSeq changes.
    std::string to_json(const std::string& lang, const std::string& focus, std::uint64_t focus_seq, int caret_start,
                        int caret_end, const std::string& live, std::uint64_t live_seq,
                        const std::string& summary) const;

private:
    std::vector<A11yNode> nodes_;
};

}  // namespace ftblock::web
