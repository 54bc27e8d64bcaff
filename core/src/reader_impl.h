// Private: the format-specific readers behind make_reader(). Each receives the input after the
// BOM (make_reader strips it and rejects UTF-16) and reports through RecordReader's members.
#pragma once

#include <memory>

#include "ftblock/playbook.h"
#include "ftblock/reader.h"

namespace ftblock::detail {

std::unique_ptr<RecordReader> make_json_reader(const Playbook& playbook, Lang lang, RecordSink& sink);
std::unique_ptr<RecordReader> make_json_lines_reader(const Playbook& playbook, Lang lang, RecordSink& sink);
std::unique_ptr<RecordReader> make_csv_reader(const Playbook& playbook, Lang lang, RecordSink& sink);

// Line and column (1-based, code points) of byte `offset` in `text`, counting from a start
// position (line, column) that `text[0]` has.
struct Position {
    std::uint64_t line, column;
};
Position advance_position(Position start, std::string_view text, std::size_t offset);

}  // namespace ftblock::detail
