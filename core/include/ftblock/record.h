// ftblock/record.h — one record as read (docs/record-format.md#fields): a value per playbook field plus what the
// reader saw that is not a field (unknown keys, repeated keys, a record-level problem).
// Readers fill it; the validator judges it. Knows nothing about files or formats.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ftblock/diagnostic.h"
#include "ftblock/messages.h"

namespace ftblock {

struct Playbook;

enum class ValueState : std::uint8_t {
    Absent,     // key not given
    Null,       // JSON null
    String,     // text holds the decoded string
    WrongType,  // number, boolean, array or object
};

struct FieldValue {
    ValueState state = ValueState::Absent;
    std::string text;
    bool is_string() const { return state == ValueState::String; }
};

struct RecordProblem {             // the record could not be read as a record
    Code code = Code::ParseError;  // ParseError, TooLarge or WrongType
    Message what;                  // the catalog's id and arguments
    std::string detail;            // what.in(the reader's language)
};

struct Record {
    std::vector<FieldValue> values;           // one per playbook field
    std::vector<std::string> unknown_keys;    // in input order, each once
    std::vector<std::string> duplicate_keys;  // in input order, each once
    bool has_problem = false;
    RecordProblem problem;

    void reset(std::size_t field_count);  // reuse without freeing buffers
    const FieldValue& operator[](int field) const { return values[static_cast<std::size_t>(field)]; }
    FieldValue& operator[](int field) { return values[static_cast<std::size_t>(field)]; }
};

}  // namespace ftblock
