// ftblock/reader.h — incremental readers: bytes in (any block size), records out, so a host can
// stream files of any length in fixed-size blocks, flat memory (docs/record-format.md#input-formats). One reader per
// input; JSON, JSON Lines and CSV, or detected from the first bytes. The reader never touches
// a file: the host feeds it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ftblock/messages.h"
#include "ftblock/record.h"
#include "ftblock/text.h"

namespace ftblock {

struct Playbook;

enum class InputFormat { Auto, Json, JsonLines, Csv };

bool parse_input_format(std::string_view text, InputFormat& out);  // "json" / "jsonl" / "csv"
InputFormat format_from_file_name(std::string_view name);          // by extension; Auto when unknown

constexpr std::size_t max_record_bytes = 1024 * 1024;  // over this: too_large (docs/diagnostics.md)
constexpr int max_depth = 64;                          // nesting, counted from the document root

struct FileError {             // a problem with the file as a whole (exit 2)
    std::uint64_t line = 0;    // 1-based; 0 when there is no position
    std::uint64_t column = 0;  // 1-based, in code points; 0 when there is no position
    Message what;              // the catalog's id (a stable code: msg_name) and its arguments
    std::string message;       // what.in(the reader's language)
};

class RecordSink {  // receives records as soon as they are read
public:
    virtual ~RecordSink() = default;
    // index: 0-based within the input; line: 1-based line where the record starts.
    // The record is only valid during the call.
    virtual void on_record(std::size_t index, std::uint64_t line, Record& record) = 0;
};

class RecordReader {
public:
    virtual ~RecordReader() = default;
    virtual void feed(std::string_view bytes) = 0;  // more input; may call the sink
    virtual void finish() = 0;                      // end of input; may call the sink
    bool failed() const { return failed_; }         // a file-level error stopped reading
    const FileError& error() const { return error_; }
    std::size_t count() const { return count_; }  // records delivered so far

protected:
    void fail(std::uint64_t line, std::uint64_t column, Message what, Lang lang);
    bool failed_ = false;
    FileError error_;
    std::size_t count_ = 0;
};

// The reader for one input. With InputFormat::Auto the first significant byte decides
// ('[' JSON, '{' JSON Lines, else CSV). A UTF-8 BOM is skipped; UTF-16 is a file error.
std::unique_ptr<RecordReader> make_reader(InputFormat format, const Playbook& playbook, Lang lang, RecordSink& sink);

// A piece of one input read on its own, side by side with the other pieces (a parallel check:
// docs/validator.md#the-worker-pool). It starts at a record boundary the host found: the start
// of a line outside any CSV quotes.
struct PieceStart {
    std::size_t index = 0;        // records in the input before the piece
    std::uint64_t line = 1;       // the line the piece's first byte is on
    std::string_view csv_header;  // CSV: the input's bytes up to the end of its header row
};

// The reader for such a piece of a JSON Lines or CSV input (a JSON array is read whole): records,
// lines and file errors numbered as the whole input's reader numbers them; count() counts from
// start.index. No BOM or format detection: the piece is not the input's start.
std::unique_ptr<RecordReader> make_piece_reader(InputFormat format, const Playbook& playbook, Lang lang,
                                                RecordSink& sink, const PieceStart& start);

}  // namespace ftblock
