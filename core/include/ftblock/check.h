// ftblock/check.h — the one pipeline every host runs: "check these inputs, with these previous
// records and this playbook, and report". A host only moves bytes (files, JavaScript buffers)
// and supplies today's date: the CLI (cli/main.cpp) and the WebAssembly validator
// (validator/validator_api.cpp) are thin shells over CheckRun; the form reads one record, and
// its paste and import read files, with read_one_record and make_reader.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "ftblock/date.h"
#include "ftblock/reader.h"
#include "ftblock/report.h"
#include "ftblock/split.h"
#include "ftblock/validator.h"

namespace ftblock {

// Exactly one record from JSON text (a JSON object): into `out`, or false with the problem and
// its position in `error` (syntax, nesting, UTF-8, a record over 1 MiB, or JSON that is not one
// record: nothing, an array, a scalar — OneRecordNothing / OneRecordArray / OneRecordScalar).
bool read_one_record(const Playbook& playbook, std::string_view json, Lang lang, Record& out, FileError& error);

// The earlier state for the delivery row's previous-value rule, built before inputs are checked:
// whole files of earlier records (fed in blocks, format as for an input) and single records.
class PreviousRecords {
public:
    PreviousRecords(const Playbook& playbook, Date today);
    ~PreviousRecords();
    void begin_file(InputFormat format, Lang lang);  // Auto: by content
    void feed(std::string_view bytes);               // false once the file has failed
    bool failed() const;
    const FileError* end_file();                                          // the file's error (file-level), or null
    bool add_record(std::string_view json, Lang lang, FileError& error);  // read_one_record's rules
    const PreviousIndex& index() const { return index_; }

private:
    class Loader;
    const Playbook& playbook_;
    PreviousIndex index_;
    Date today_;
    std::unique_ptr<Loader> loader_;
};

// One piece of an input (ftblock/split.h) through reader → validator → its own records' text,
// for a host that checks pieces side by side: it shares only read-only data with the run
// (playbook, earlier records), so pieces may be checked on different threads. The run merges
// them in input order (CheckRun::take_part).
class PartCheck final : private RecordSink {
public:
    PartCheck(const Playbook& playbook, ReportFormat format, const ValidationContext& context, std::string file_name,
              const InputPiece& piece);
    void feed(std::string_view bytes) { reader_->feed(bytes); }
    void finish() { reader_->finish(); }               // the piece ends here: at a record boundary or the input's end
    bool failed() const { return reader_->failed(); }  // a file error in this piece stops the input
    const FileError& error() const { return reader_->error(); }
    std::size_t count() const { return reader_->count() - base_; }  // records read in this piece
    Report& records() { return records_; }

private:
    void on_record(std::size_t index, std::uint64_t line, Record& record) override;
    const Playbook& playbook_;
    ValidationContext context_;
    std::string file_name_;
    Report records_;
    std::size_t base_;
    std::unique_ptr<RecordReader> reader_;
    Diagnostics diagnostics_;  // reused per record
};

// Inputs through reader → validator → report, one after another, with the report's text
// drained by the host whenever it likes (out()).
class CheckRun {
public:
    CheckRun(const Playbook& playbook, ReportFormat format, Lang lang, Date today,
             std::unique_ptr<PreviousRecords> previous = nullptr);
    ~CheckRun();
    // format Auto: by the name's extension, else by content. Ends the current input first.
    void begin_input(std::string name, InputFormat format);
    void feed(std::string_view bytes);
    void fail_input(std::string_view reason);  // the host could not read it: CannotRead, no position
    const FileError* end_input();              // the input's file error (exit 2), or null
    void finish();                             // ends the current input and the report
    // An input checked in pieces instead: a checker per piece (format: the input's, as for
    // begin_input), their records taken in input order, then the input's end with its records
    // and first file error, or the host's read error (CannotRead, as fail_input).
    std::unique_ptr<PartCheck> part(const std::string& name, const InputPiece& piece) const;
    InputFormat input_format(std::string_view name, InputFormat format) const;  // as begin_input resolves it
    void take_part(PartCheck& part);
    const FileError* end_parts(std::string_view name, std::size_t count, const FileError* error,
                               std::string_view read_error = {});
    std::string& out() { return report_.out(); }
    const Summary& summary() const { return report_.summary(); }
    std::string summary_json() const;  // {"files": …, …, "warnings": …} as in the report's JSON
    int exit_code() const { return report_.exit_code(); }
    Lang lang() const { return context_.lang; }

private:
    const Playbook& playbook_;
    Report report_;
    std::unique_ptr<PreviousRecords> previous_;
    ValidationContext context_;
    std::unique_ptr<CheckedInput> input_;  // the current input
    FileError last_error_;
    bool last_failed_ = false;
    bool finished_ = false;
};

}  // namespace ftblock
