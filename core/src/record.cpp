#include "ftblock/record.h"

namespace ftblock {

void Record::reset(std::size_t field_count) {
    values.resize(field_count);
    for (FieldValue& v : values) {
        v.state = ValueState::Absent;
        v.text.clear();  // keeps capacity: readers reuse one Record per input
    }
    unknown_keys.clear();
    duplicate_keys.clear();
    has_problem = false;
    problem.code = Code::ParseError;
    problem.what = Message();
    problem.detail.clear();
}

}  // namespace ftblock
