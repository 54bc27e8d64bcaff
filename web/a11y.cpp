// The semantic mirror's tree (web/a11y.h): built while the views draw, serialised to the JSON
// of docs/accessibility.md.
#include "a11y.h"

#include <nlohmann/json.hpp>

namespace ftblock::web {

const char* a11y_role_name(A11yRole role) {
    switch (role) {
        case A11yRole::TextBox: return "textbox";
        case A11yRole::TextArea: return "textarea";
        case A11yRole::Select: return "select";
        case A11yRole::Radio: return "radio";
        case A11yRole::Button: return "button";
        case A11yRole::ListBox: return "listbox";
        case A11yRole::Option: return "option";
        case A11yRole::Problem: return "problem";
        case A11yRole::Text: return "text";
    }
    return "text";
}

void A11yTree::begin_frame() { nodes_.clear(); }

A11yNode& A11yTree::add(A11yNode node) {
    nodes_.push_back(std::move(node));
    return nodes_.back();
}

const A11yNode* A11yTree::find(const std::string& id) const {
    for (const A11yNode& n : nodes_)
        if (n.id == id) return &n;
    return nullptr;
}

namespace {

// Rectangles to a tenth of a pixel: enough to place a control, and sub-pixel jitter of the
// layout does not count as a change.
double tenth(float v) { return static_cast<double>(static_cast<long long>(v * 10.0f + (v < 0 ? -0.5f : 0.5f))) / 10.0; }

nlohmann::json node_json(const A11yNode& n) {
    nlohmann::json j = nlohmann::json::object();
    j["id"] = n.id;
    j["role"] = a11y_role_name(n.role);
    if (!n.name.empty()) j["name"] = n.name;
    if (!n.value.empty()) j["value"] = n.value;
    if (!n.description.empty()) j["desc"] = n.description;
    if (!n.error.empty()) j["error"] = n.error;
    if (!n.parent.empty()) j["parent"] = n.parent;
    if (!n.group_name.empty()) j["groupName"] = n.group_name;
    if (!n.options.empty()) {
        nlohmann::json options = nlohmann::json::array();
        for (const A11yOption& o : n.options) options.push_back({o.value, o.label, o.description});
        j["options"] = std::move(options);
    }
    if (n.required) j["required"] = true;
    if (n.invalid) j["invalid"] = true;
    if (n.read_only) j["readOnly"] = true;
    if (n.disabled) j["disabled"] = true;
    if (n.checked) j["checked"] = true;
    if (n.set_size) j["setSize"] = n.set_size;
    if (n.pos_in_set) j["posInSet"] = n.pos_in_set;
    j["rect"] = {tenth(n.x), tenth(n.y), tenth(n.w), tenth(n.h)};
    return j;
}

}  // namespace

std::string A11yTree::to_json(const std::string& lang, const std::string& focus, std::uint64_t focus_seq,
                              int caret_start, int caret_end, const std::string& live, std::uint64_t live_seq,
                              const std::string& summary) const {
    nlohmann::json nodes = nlohmann::json::array();
    for (const A11yNode& n : nodes_) nodes.push_back(node_json(n));
    nlohmann::json j = {{"lang", lang},
                        {"focus", focus},
                        {"focusSeq", focus_seq},
                        {"caret", {caret_start, caret_end}},
                        {"nodes", std::move(nodes)},
                        {"live", {{"seq", live_seq}, {"text", live}}},
                        {"summary", summary}};
    // Text from files may hold invalid UTF-8: replaced, never thrown.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ftblock::web
