// ftblock/split.h — cuts one input into pieces at record boundaries, so that a host can check
// the pieces side by side (the CLI's -j, cli/parallel.cpp) and still report exactly what one
// reader would: each piece carries the record index, line and reader state it starts with.
// JSON Lines is cut after a line's LF; CSV after a row's line end outside quotes (a CRLF is
// never split); a JSON array after the ',' that ends a top-level element. One JSON object, a
// UTF-16 input, a CSV whose header the reader rejects, and any input without a boundary for a
// long stretch are not cut: the splitter hands the rest over.
// Bytes in, pieces out: no files, threads or clock here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ftblock/reader.h"

namespace ftblock {

struct InputPiece {
    std::string bytes;
    bool first = false;                      // the input's first piece: read by make_reader (BOM, detection, header)
    bool last = false;                       // the input's last piece: finish its reader (the others end at a boundary)
    InputFormat format = InputFormat::Auto;  // later pieces: JsonLines, Csv or Json, for make_reader_at
    ReaderStart start;                       // later pieces: where they start
};

class InputSplitter {
public:
    enum class Next {
        None,   // nothing ready yet: feed more
        Piece,  // a piece ending at a record boundary (or the input's last piece)
        Rest,   // the splitter gives up: the piece holds what is buffered, and the host checks it
                // and everything after it in one reader from there; feed nothing more
    };

    // format: as given for the input (Auto: by content, as make_reader decides);
    // piece_bytes: a piece ends at the first boundary at or after this many bytes.
    InputSplitter(const Playbook& playbook, InputFormat format, std::size_t piece_bytes);
    void feed(std::string_view bytes);
    void end() { ended_ = true; }  // no more bytes: the rest becomes the last piece
    // The next piece. flush: also a shorter piece, up to the last boundary seen (the host is
    // about to wait for input and wants what it has reported first).
    Next next(InputPiece& out, bool flush = false);
    // Everything still buffered, as it is (the host could not read on; no finish for it).
    bool take_rest(InputPiece& out);

private:
    enum class Mode { Deciding, Lines, Csv, Json, Whole, Done };
    void decide();
    void scan();  // advances scan_ up to the first boundary at or after piece_bytes_
    void scan_lines();
    void scan_csv();
    void scan_json();
    void boundary(std::size_t at);
    void emit(InputPiece& out, std::size_t end);

    const Playbook& playbook_;
    InputFormat format_;
    std::size_t piece_bytes_;
    std::size_t give_up_bytes_;  // no boundary for this long: hand the rest over
    Mode mode_ = Mode::Deciding;
    bool ended_ = false;
    bool first_ = true;     // the next piece is the input's first
    std::string buf_;       // bytes not yet handed out
    std::size_t skip_ = 0;  // a BOM at the start of buf_ (the first piece only)
    std::size_t scan_ = 0;  // bytes of buf_ looked at
    std::size_t line_start_ = 0;
    std::uint64_t lines_ = 0, records_ = 0;  // line ends and records in buf_ before scan_
    std::size_t boundary_ = 0;               // last boundary in buf_ (0: none)
    std::uint64_t boundary_lines_ = 0, boundary_records_ = 0;
    ReaderStart start_;  // where buf_ starts
    // CSV
    bool in_quotes_ = false, row_start_ = true, header_done_ = false;
    // JSON: strings and brackets as the reader frames them, and where the current line starts
    bool in_string_ = false, escape_ = false;
    int depth_ = 0;
    bool line_in_buf_ = true;  // the current line starts at buf_[line_start_], else before buf_
    std::uint64_t carry_bytes_ = 0, carry_columns_ = 0;  // of the current line before buf_
    bool boundary_line_in_buf_ = true;                   // where the line of the last boundary starts
    std::size_t boundary_line_start_ = 0;
    std::uint64_t boundary_column_ = 1, boundary_line_bytes_ = 0;
    InputFormat piece_format() const;
};

}  // namespace ftblock
