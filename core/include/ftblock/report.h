// ftblock/report.h — the checker's report (docs/record-format.md#reports) as text: compiler-style lines or one JSON
// document, written incrementally into a string the host drains, so records are reported as
// they are checked and memory stays flat. Also the whole pipeline for one input, CheckedInput:
// bytes in → reader → validator → report. Shared by the CLI and the WebAssembly validator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ftblock/diagnostic.h"
#include "ftblock/reader.h"
#include "ftblock/validator.h"

namespace ftblock {

enum class ReportFormat { Text, Json };

struct Summary {
    std::size_t files = 0, file_errors = 0, records = 0, valid = 0, invalid = 0;
    std::size_t errors = 0, warnings = 0;  // record diagnostics
};

// The report's JSON pieces, written here only (the validator's API returns the same objects).
void append_file_error_json(std::string& out, const FileError& error);  // {"line", "column", "message"}
void append_summary_json(std::string& out, const Summary& summary);     // {"files", …, "warnings"}

class Report {
public:
    Report(ReportFormat format, Lang lang) : format_(format), lang_(lang) {}
    void begin();  // before anything else
    void add_record(std::string_view file, std::size_t index, std::uint64_t line, const std::string* id,
                    const Diagnostics& diagnostics);
    void add_file(std::string_view file, std::size_t count, const FileError* error);  // after its records
    void end();                                                                       // files and summary
    // The records `part` (a Report never begun, of the same format) has written so far, moved to
    // the end of this one as if they had been added here: text and counts. For an input checked
    // in pieces (CheckRun::take_part): merged in input order, the report is the same.
    void take_records(Report& part);
    std::string& out() { return out_; }  // drain it when you like
    const Summary& summary() const { return summary_; }
    ReportFormat format() const { return format_; }
    int exit_code() const;  // 2 file errors / 1 invalid / 0

    // Pieces of inputs checked apart and joined in order (ftblock/pieces.h). A piece's Report
    // starts with begin_piece(): it writes only its records (in JSON each one after ",\n") and
    // leaves files to the joining Report, which takes each piece's record counts in order.
    void begin_piece();                       // instead of begin()
    bool join_piece(const Summary& records);  // true: drop the piece text's first byte (its ',')
    bool first_record_pending() const { return format_ == ReportFormat::Json && first_record_; }  // no record yet

private:
    struct FileEntry {
        std::string name;
        std::size_t count;
        bool has_error;
        FileError error;
    };
    ReportFormat format_;
    Lang lang_;
    std::string out_;
    Summary summary_;
    std::vector<FileEntry> files_;  // small: one per input
    bool first_record_ = true;
    bool piece_ = false;
    bool first_taken_ = false;  // as a part: its first record's text has been taken
};

class CheckedInput : private RecordSink {  // one input file through reader, validator, report
public:
    CheckedInput(Report& report, const Playbook& playbook, const ValidationContext& context, std::string file_name,
                 InputFormat format);
    CheckedInput(Report& report, const Playbook& playbook, const ValidationContext& context, std::string file_name,
                 InputFormat format, const ReaderStart& start);  // a piece of the input (make_reader_at)
    std::size_t count() const { return reader_->count(); }       // records read (a piece: from its start index)
    void feed(std::string_view bytes) { reader_->feed(bytes); }
    void finish();                                                               // also reports the file
    void fail(FileError error);                                                  // e.g. the file could not be read
    const FileError* file_error() const { return failed_ ? &error_ : nullptr; }  // after finish()/fail()

private:
    void on_record(std::size_t index, std::uint64_t line, Record& record) override;
    Report& report_;
    const Playbook& playbook_;
    ValidationContext context_;
    std::string file_name_;
    std::unique_ptr<RecordReader> reader_;
    Diagnostics diagnostics_;  // reused per record
    bool done_ = false;
    bool failed_ = false;
    FileError error_;
};

}  // namespace ftblock
