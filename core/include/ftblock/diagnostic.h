// ftblock/diagnostic.h — what the validator and readers say about a record: the closed list of
// codes (documented once, in docs/diagnostics.md) and the Diagnostic value.
// User mistakes are values of this type, never exceptions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ftblock {

enum class Code {
    Required,             // required or fixed field is empty
    FixedValue,           // fixed field holds another value
    NotAllowed,           // field must be empty in this scenario
    NotInList,            // value outside its list
    BadDate,              // not a real YYYY-MM-DD date
    WrongType,            // not a string or null; a record that is not an object
    TooLong,              // over the field's length (code points)
    ControlChar,          // control character in text
    UnknownField,         // key not in the record format
    DuplicateKey,         // key given twice
    ChangedFromPrevious,  // delivery engagement scenario differs from the previous record
    ParseError,           // the record could not be read
    TooLarge,             // the record is over 1 MiB
    DateInPast,           // warning: target / next-action date before updated_at
    DateOrder,            // warning: delivery next-action date after the target date
    L2Fit,                // warning (reserved): the note points at another L2
    NoteQuality,          // warning: the note breaks the playbook's note guidance (one per kind)
};

enum class Severity { Error, Warning };

const char* code_name(Code code);              // stable id, e.g. "fixed_value"
Severity code_severity(Code code);             // fixed per code
const char* severity_name(Severity severity);  // "error" / "warning"
constexpr int code_count = static_cast<int>(Code::NoteQuality) + 1;

struct Diagnostic {
    std::string field;  // record key; "" for the record as a whole
    Code code;
    Severity severity;
    std::string message;  // in the language asked for
};

using Diagnostics = std::vector<Diagnostic>;

bool has_error(const Diagnostics& diagnostics);  // valid record == no error

}  // namespace ftblock
