// ftblock/writer.h — records out as JSON and CSV (docs/record-format.md#csv): JSON with keys in the
// table's order, CSV as RFC 4180 with a UTF-8 BOM and CRLF for Excel, text that a spreadsheet
// would run as a formula prefixed with ' (the CSV reader removes it again, so values round-trip).
#pragma once

#include <string>
#include <string_view>

#include "ftblock/diagnostic.h"
#include "ftblock/playbook.h"
#include "ftblock/record.h"

namespace ftblock {

void append_json_string(std::string& out, std::string_view utf8);                           // quoted and escaped
void append_record_json(std::string& out, const Playbook& playbook, const Record& record);  // one object, one line
std::string record_to_json(const Playbook& playbook, const Record& record);
void append_diagnostics_json(std::string& out,
                             const Diagnostics& diagnostics);  // [{"field", "code", "severity", "message"}]

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
void append_csv_header(std::string& out, const Playbook& playbook);                     // every key, CRLF-terminated
void append_csv_row(std::string& out, const Playbook& playbook, const Record& record);  // CRLF-terminated
void append_csv_cell(std::string& out, std::string_view value);
bool csv_formula_start(char c);  // = + - @ TAB CR ': export puts ' before text starting so, import removes it  //
                                 // quoted when needed, formula-safe

}  // namespace ftblock
