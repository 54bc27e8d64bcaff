// ftblock/pieces.h — one report from inputs checked side by side (the validator's worker pool,
// docs/validator.md#the-worker-pool; a parallel native check can use the same): whole inputs,
// and large JSON Lines / CSV inputs cut at record boundaries (make_piece_reader), each checked
// by a PieceRun of its own; a joining Report (Report::join_piece, Report::add_file, Report::end)
// takes the pieces in input order, and its text with the pieces' texts in between is,
// byte for byte, what one CheckRun over the same inputs writes.
//
// Joining, per input: for each piece in order, join_piece(piece.records()) (drop the piece text's
// first byte when it says so), then the piece's text; after the input's last piece, or its first
// piece with a file error (the pieces after it are dropped: one run stops reading there),
// add_file(name, count() of that piece, file_error() of that piece). Then end().
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ftblock/check.h"
#include "ftblock/date.h"
#include "ftblock/reader.h"
#include "ftblock/report.h"

namespace ftblock {

// Where a piece starts (the validator's pool finds it in JavaScript): at a record boundary.
struct PieceStart {
    std::size_t index = 0;        // records in the input before the piece
    std::uint64_t line = 1;       // the line the piece's first byte is on
    std::string_view csv_header;  // CSV: the input's bytes up to the end of its header row
};

class PieceRun {  // checks pieces one after another, each reported on its own
public:
    PieceRun(const Playbook& playbook, ReportFormat format, Lang lang, Date today,
             std::unique_ptr<PreviousRecords> previous = nullptr);
    ~PieceRun();
    // start null: a whole input (format Auto: by name, then content, as CheckRun); else a piece
    // of a JSON Lines or CSV input.
    void begin(std::string name, InputFormat format, const PieceStart* start);
    void feed(std::string_view bytes);
    void end();                                                    // the piece is read
    std::string& out() { return report_->out(); }                  // the piece's text; drain it when you like
    const Summary& records() const { return report_->summary(); }  // the piece's records only
    std::size_t count() const { return count_; }                   // records of the input up to the piece's end
    const FileError* file_error() const { return failed_ ? &error_ : nullptr; }  // after end()

private:
    const Playbook& playbook_;
    ReportFormat format_;
    std::unique_ptr<PreviousRecords> previous_;
    ValidationContext context_;
    std::optional<Report> report_;
    std::unique_ptr<CheckedInput> input_;
    std::size_t count_ = 0;
    bool failed_ = false;
    FileError error_;
};

}  // namespace ftblock
