// The semantic mirror's tree (web/a11y.h): built while the views draw, serialised to the JSON
// of docs/accessibility.md.
#include "a11y.h"

#include <cmath>
#include <string_view>

#include "ftblock/text.h"

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

// JSON by hand: this runs after every frame that draws (a keystroke), so no DOM of nodes, and
// text is copied in runs between the characters JSON escapes.
void append_escaped(std::string& out, std::string_view valid_utf8) {
    static const char kHex[] = "0123456789abcdef";
    std::size_t run = 0;
    for (std::size_t i = 0; i < valid_utf8.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(valid_utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(valid_utf8, run, i - run);
        run = i + 1;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    out.append(valid_utf8, run, valid_utf8.size() - run);
}

void append_string(std::string& out, std::string_view text) {
    out += '"';
    // Text from a file may hold invalid UTF-8: each bad byte becomes U+FFFD, never passed on.
    for (std::size_t bad; (bad = find_invalid_utf8(text)) != std::string_view::npos;) {
        append_escaped(out, text.substr(0, bad));
        out += "\xEF\xBF\xBD";
        text.remove_prefix(bad + 1);
    }
    append_escaped(out, text);
    out += '"';
}

void append_key(std::string& out, const char* key) {
    out += ",\"";
    out += key;
    out += "\":";
}

void append_field(std::string& out, const char* key, const std::string& value) {
    if (value.empty()) return;
    append_key(out, key);
    append_string(out, value);
}

void append_flag(std::string& out, const char* key, bool value) {
    if (!value) return;
    append_key(out, key);
    out += "true";
}

// A length in tenths of a pixel: "12", "12.5", "-3.2".
void append_number(std::string& out, float value) {
    long long tenths = std::llround(static_cast<double>(value) * 10.0);
    if (tenths < 0) {
        out += '-';
        tenths = -tenths;
    }
    out += std::to_string(tenths / 10);
    if (tenths % 10) {
        out += '.';
        out += static_cast<char>('0' + tenths % 10);
    }
}

void append_int(std::string& out, const char* key, long long value) {
    if (!value) return;
    append_key(out, key);
    out += std::to_string(value);
}

void append_node(std::string& out, const A11yNode& n) {
    out += "{\"id\":";
    append_string(out, n.id);
    append_key(out, "role");
    append_string(out, a11y_role_name(n.role));
    append_field(out, "name", n.name);
    append_field(out, "value", n.value);
    append_field(out, "desc", n.description);
    append_field(out, "error", n.error);
    append_field(out, "parent", n.parent);
    append_field(out, "groupName", n.group_name);
    if (n.options && !n.options->options.empty()) {
        append_key(out, "options");
        if (n.options->json.empty()) {
            std::string& json = n.options->json;
            json += '[';
            for (const A11yOption& o : n.options->options) {
                json += json.size() == 1 ? "[" : ",[";
                append_string(json, o.value);
                json += ',';
                append_string(json, o.label);
                json += ',';
                append_string(json, o.description);
                json += ']';
            }
            json += ']';
        }
        out += n.options->json;
    }
    append_flag(out, "required", n.required);
    append_flag(out, "invalid", n.invalid);
    append_flag(out, "readOnly", n.read_only);
    append_flag(out, "disabled", n.disabled);
    append_flag(out, "checked", n.checked);
    append_int(out, "setSize", n.set_size);
    append_int(out, "posInSet", n.pos_in_set);
    append_key(out, "rect");
    out += '[';
    // To a tenth of a pixel: enough to place a control; sub-pixel jitter is no change.
    const float rect[] = {n.x, n.y, n.w, n.h};
    for (int k = 0; k < 4; ++k) {
        if (k) out += ',';
        append_number(out, rect[k]);
    }
    out += "]}";
}

}  // namespace

std::string A11yTree::to_json(const std::string& lang, const std::string& focus, std::uint64_t focus_seq,
                              int caret_start, int caret_end, const std::string& live, std::uint64_t live_seq,
                              const std::string& summary) const {
    std::string out;
    out.reserve(16384);
    out += "{\"lang\":";
    append_string(out, lang);
    append_key(out, "focus");
    append_string(out, focus);
    append_key(out, "focusSeq");
    out += std::to_string(focus_seq);
    append_key(out, "caret");
    out += '[' + std::to_string(caret_start) + ',' + std::to_string(caret_end) + ']';
    append_key(out, "nodes");
    out += '[';
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
        if (i) out += ',';
        append_node(out, nodes_[i]);
    }
    out += ']';
    append_key(out, "live");
    out += "{\"seq\":" + std::to_string(live_seq) + ",\"text\":";
    append_string(out, live);
    out += '}';
    append_key(out, "summary");
    append_string(out, summary);
    out += '}';
    return out;
}

}  // namespace ftblock::web
