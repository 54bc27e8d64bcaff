// Private: the format-specific readers behind make_reader(). Each receives the input after the
// BOM (make_reader strips it and rejects UTF-16) and reports through RecordReader's members.
#pragma once

#include <memory>
#include <utility>

#include "ftblock/playbook.h"
#include "ftblock/reader.h"

namespace ftblock::detail {

std::unique_ptr<RecordReader> make_json_reader(const Playbook& playbook, Lang lang, RecordSink& sink);
std::unique_ptr<RecordReader> make_json_lines_reader(const Playbook& playbook, Lang lang, RecordSink& sink);
std::unique_ptr<RecordReader> make_csv_reader(const Playbook& playbook, Lang lang, RecordSink& sink);
// Readers for a piece of an input (make_piece_reader): counting from `start`; CSV reads the header first.
std::unique_ptr<RecordReader> make_json_lines_piece_reader(const Playbook& playbook, Lang lang, RecordSink& sink,
                                                           const PieceStart& start);
std::unique_ptr<RecordReader> make_csv_piece_reader(const Playbook& playbook, Lang lang, RecordSink& sink,
                                                    const PieceStart& start);

// Line and column (1-based, code points) of byte `offset` in `text`, counting from a start
// position (line, column) that `text[0]` has.
struct Position {
    std::uint64_t line, column;
};
Position advance_position(Position start, std::string_view text, std::size_t offset);

// Marks `record` as one that could not be read: its code, and the message in `lang` too.
inline void set_problem(Record& record, Code code, Message what, Lang lang) {
    record.has_problem = true;
    record.problem.code = code;
    record.problem.detail = what.in(lang);
    record.problem.what = std::move(what);
}

}  // namespace ftblock::detail
