// CSV export (docs/record-format.md#csv): RFC 4180 with CRLF row ends, every playbook key as a column, and text a
// spreadsheet would run as a formula guarded by a leading ' that the CSV reader removes again.
// The caller writes utf8_bom first when the file is meant for Excel: without it Excel reads the
// bytes as the local ANSI code page and Chinese text turns into mojibake. These functions never
// write it themselves, so rows can be appended to an existing file or stream.
#include <string>
#include <string_view>

#include "ftblock/writer.h"

namespace ftblock {

namespace {

// OWASP's CSV-injection list plus ' itself, so that a value that really starts with ' also
// gets a guard and the reader's "remove one '" always restores it exactly.
bool needs_formula_guard(std::string_view value) { return !value.empty() && csv_formula_start(value[0]); }

}  // namespace

void append_csv_cell(std::string& out, std::string_view value) {
    const bool guard = needs_formula_guard(value);
    if (!guard && value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(value);
        return;
    }
    out += '"';
    if (guard) out += '\'';
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_csv_header(std::string& out, const Playbook& playbook) {
    for (std::size_t i = 0; i < playbook.fields.size(); ++i) {
        if (i > 0) out += ',';
        append_csv_cell(out, playbook.fields[i].key);
    }
    out += "\r\n";
}

void append_csv_row(std::string& out, const Playbook& playbook, const Record& record) {
    for (std::size_t i = 0; i < playbook.fields.size(); ++i) {
        if (i > 0) out += ',';
        if (i >= record.values.size()) continue;  // a record shorter than the playbook: empty cells
        const FieldValue& value = record.values[i];
        if (value.state == ValueState::String) append_csv_cell(out, value.text);  // else empty cell
    }
    out += "\r\n";
}

bool csv_formula_start(char c) {
    switch (c) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
        case '\'': return true;
        default: return false;
    }
}

}  // namespace ftblock
