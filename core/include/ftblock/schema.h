// ftblock/schema.h — a JSON Schema (draft 2020-12) of the record, generated from the playbook
// data: what JSON Schema can express (types, lists, lengths, date patterns, fixed values per
// scenario). Calendar validity, control characters and the previous-value rule are the
// validator's alone.
#pragma once

#include <string>

#include "ftblock/playbook.h"

namespace ftblock {

std::string json_schema(const Playbook& playbook);  // pretty-printed, ends with a newline

}  // namespace ftblock
