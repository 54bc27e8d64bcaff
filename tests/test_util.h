// Helpers shared by the core tests: read a text through a reader in chunks of a given size and
// collect what comes out, so every reader is tested with every way its input can be split.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ftblock/playbook.h"
#include "ftblock/reader.h"

namespace ftblock::test {

// The sixteen fields of the record format as a CSV header row, in the playbook's order.
inline const std::string kCsvHeader =
    "id,customer,workload,scenario,updated_by,l1,l2,l3,service_state,engagement_scenario,"
    "target_date,owner,notes,next_action_date,next_action,updated_at";

struct ReadRecord {
    std::size_t index;
    std::uint64_t line;
    Record record;
};

struct ReadResult {
    std::vector<ReadRecord> records;
    bool failed = false;
    FileError error;
};

class CollectingSink : public RecordSink {
public:
    std::vector<ReadRecord> records;
    void on_record(std::size_t index, std::uint64_t line, Record& record) override {
        records.push_back({index, line, record});
    }
};

// chunk == 0: the whole text at once.
inline ReadResult read_text(InputFormat format, std::string_view text, std::size_t chunk = 0, Lang lang = Lang::En) {
    CollectingSink sink;
    auto reader = make_reader(format, *builtin_playbook(), lang, sink);
    if (chunk == 0) chunk = text.size() ? text.size() : 1;
    for (std::size_t i = 0; i < text.size(); i += chunk) reader->feed(text.substr(i, chunk));
    reader->finish();
    ReadResult out;
    out.records = std::move(sink.records);
    out.failed = reader->failed();
    out.error = reader->error();
    return out;
}

inline const std::string& value_of(const Record& record, std::string_view key) {
    return record[builtin_playbook()->field_index(key)].text;
}
inline ValueState state_of(const Record& record, std::string_view key) {
    return record[builtin_playbook()->field_index(key)].state;
}

}  // namespace ftblock::test
