// Private: the strict JSON scanner that turns the text of one record (a JSON Lines line or one
// element of a JSON array) into a Record, straight from the bytes — no DOM, no allocation per
// value beyond the record's own strings. Strict RFC 8259: no comments, trailing commas, NaN,
// single quotes, lone surrogates, raw control characters or invalid UTF-8. Depth is capped.
// Differential-tested against nlohmann::json in tests/test_json_reader.cpp (random and mutated
// documents) and by the fuzz target tests/fuzz/fuzz_json_scan.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "ftblock/playbook.h"
#include "ftblock/record.h"
#include "messages.h"

namespace ftblock::detail {

struct ScanError {
    std::size_t offset = 0;  // byte offset in the scanned text
    Msg msg = Msg::UnexpectedEnd;
    std::string arg;  // message argument (InvalidUtf8: filled in by the caller)
};

enum class ScanOutcome {
    Record,     // an object: `record` holds its fields
    NotObject,  // valid JSON but not an object; `kind` names what it is
    Error,      // not valid JSON; `error` says where and why
};

enum class JsonKind { Object, Array, String, Number, Boolean, Null };

// text: one JSON value with optional white space around it. depth: the nesting depth of that
// value counted from the document root (1 for a JSON Lines record, 2 for an array element).
ScanOutcome scan_record(std::string_view text, int depth, const Playbook& playbook, Record& record, JsonKind& kind,
                        ScanError& error);

// Like scan_record, but the value may be followed by anything: `end` gets the offset just after
// it (for a JSON array's element, read straight from the array's text). No trailing check.
ScanOutcome scan_record_prefix(std::string_view text, int depth, const Playbook& playbook, Record& record,
                               JsonKind& kind, ScanError& error, std::size_t& end);

// Validates one JSON value (same rules) without keeping anything; used by tests and by
// anything that must only know "is this JSON".
bool scan_value(std::string_view text, int depth, ScanError& error);

}  // namespace ftblock::detail
