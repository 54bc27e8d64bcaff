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
#include <vector>

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

// Where a later piece of an input starts, for a host that checks one input in pieces cut at
// record boundaries (ftblock/split.h): the reader carries on as if it had read everything
// before the piece.
struct ReaderStart {
    std::size_t index = 0;         // records before the piece
    std::uint64_t line = 1;        // the piece's first line
    std::uint64_t column = 1;      // JSON: its first byte's column (code points)
    std::uint64_t line_bytes = 0;  // JSON: bytes of that line before the piece
    std::vector<int> csv_fields;   // CSV: the header's field per column
};

// A reader for a piece that starts at a record boundary after the input's first piece. format:
// JsonLines, Csv, or Json for a piece of a top-level array that starts after an element's ','
// (no BOM, no detection: those belong to the first piece, read by make_reader). Only the input's
// last piece is finished. count() includes start.index.
std::unique_ptr<RecordReader> make_reader_at(InputFormat format, const Playbook& playbook, Lang lang, RecordSink& sink,
                                             const ReaderStart& start);

// The header row of a CSV input (its bytes after the BOM, with its line end): the field per
// column as the CSV reader would map them; false when the header is one the reader rejects.
bool csv_header_fields(const Playbook& playbook, std::string_view header_row, std::vector<int>& fields);

}  // namespace ftblock
