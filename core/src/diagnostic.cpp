#include "ftblock/diagnostic.h"

namespace ftblock {

const char* code_name(Code code) {
    switch (code) {
        case Code::Required: return "required";
        case Code::FixedValue: return "fixed_value";
        case Code::NotAllowed: return "not_allowed";
        case Code::NotInList: return "not_in_list";
        case Code::BadDate: return "bad_date";
        case Code::WrongType: return "wrong_type";
        case Code::TooLong: return "too_long";
        case Code::ControlChar: return "control_char";
        case Code::UnknownField: return "unknown_field";
        case Code::DuplicateKey: return "duplicate_key";
        case Code::ChangedFromPrevious: return "changed_from_previous";
        case Code::ParseError: return "parse_error";
        case Code::TooLarge: return "too_large";
        case Code::DateInPast: return "date_in_past";
        case Code::DateOrder: return "date_order";
        case Code::L2Fit: return "l2_fit";
        case Code::NoteQuality: return "note_quality";
    }
    return "?";
}

Severity code_severity(Code code) {
    switch (code) {
        case Code::DateInPast:
        case Code::DateOrder:
        case Code::L2Fit:
        case Code::NoteQuality: return Severity::Warning;
        default: return Severity::Error;
    }
}

const char* severity_name(Severity severity) { return severity == Severity::Error ? "error" : "warning"; }

bool has_error(const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics)
        if (d.severity == Severity::Error) return true;
    return false;
}

}  // namespace ftblock
