#include "ftblock/writer.h"

#include <cstdio>

namespace ftblock {

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t i = 0, n = s.size();
    while (i < n) {
        std::size_t run = i;
        while (i < n && p[i] >= 0x20 && p[i] != '"' && p[i] != '\\' && p[i] < 0x7F) ++i;
        out.append(s.data() + run, i - run);
        if (i >= n) break;
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x20 || c == 0x7F) {
            switch (c) {
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                default: {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                }
            }
            ++i;
        } else {
            std::size_t at = i;
            char32_t cp;
            if (decode_utf8(s, i, cp)) {
                out.append(s.data() + at, i - at);
            } else {
                out += "\xEF\xBF\xBD";  // never write invalid UTF-8 (e.g. a file name's bytes)
                i = at + 1;
            }
        }
    }
    out += '"';
}

void append_record_json(std::string& out, const Playbook& playbook, const Record& record) {
    out += '{';
    bool first = true;
    for (std::size_t f = 0; f < playbook.fields.size(); ++f) {
        const FieldValue& v = record.values[f];
        if (v.state == ValueState::Absent) continue;
        if (!first) out += ", ";
        first = false;
        append_json_string(out, playbook.fields[f].key);
        out += ": ";
        if (v.is_string())
            append_json_string(out, v.text);
        else
            out += "null";
    }
    out += '}';
}

void append_diagnostics_json(std::string& out, const Diagnostics& diagnostics) {
    out += '[';
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        if (i) out += ", ";
        out += "{\"field\": ";
        append_json_string(out, d.field);
        out += ", \"code\": \"";
        out += code_name(d.code);
        out += "\", \"severity\": \"";
        out += severity_name(d.severity);
        out += "\", \"message\": ";
        append_json_string(out, d.message);
        out += '}';
    }
    out += ']';
}

std::string record_to_json(const Playbook& playbook, const Record& record) {
    std::string out;
    append_record_json(out, playbook, record);
    return out;
}

}  // namespace ftblock
