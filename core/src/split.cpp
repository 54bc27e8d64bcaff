// InputSplitter (ftblock/split.h): finds record boundaries with a cheap pass that mirrors the
// readers' framing — JSON Lines lines (blank ones are no record), CSV rows with their quotes
// and line ends — and counts the records and lines before each piece, so that the reader of a
// piece starts where one reader of the whole input would be. The pass is exact up to the
// input's first file error; after it the pieces are wrong but the host discards them.
#include "ftblock/split.h"

#include <cstring>

#include "utf8_scan.h"

namespace ftblock {

namespace {

using detail::kHighBits;
using detail::load8;

// The first of the bytes x, y, z in [p, end): eight bytes at a time (as the CSV reader scans),
// so that the splitter stays far ahead of the threads that check the pieces.
const char* next_of(const char* p, const char* end, char x, char y, char z) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    auto zero_bytes = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighBits; };
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
    const std::uint64_t wx = kOnes * static_cast<unsigned char>(x), wy = kOnes * static_cast<unsigned char>(y),
                        wz = kOnes * static_cast<unsigned char>(z);
    for (; end - p >= 8; p += 8) {
        const std::uint64_t w = load8(p);
        const std::uint64_t mask = zero_bytes(w ^ wx) | zero_bytes(w ^ wy) | zero_bytes(w ^ wz);
        if (mask) return p + (__builtin_ctzll(mask) >> 3);
    }
#endif
    while (p < end && *p != x && *p != y && *p != z) ++p;
    return p;
}

}  // namespace

InputSplitter::InputSplitter(const Playbook& playbook, InputFormat format, std::size_t piece_bytes)
    : playbook_(playbook),
      format_(format),
      piece_bytes_(piece_bytes ? piece_bytes : 1),
      give_up_bytes_(4 * piece_bytes_) {}

void InputSplitter::feed(std::string_view bytes) {
    if (mode_ != Mode::Done) buf_.append(bytes.data(), bytes.size());
}

void InputSplitter::decide() {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(buf_[i]); };
    if (buf_.size() < 3 && !ended_) return;
    if (buf_.size() >= 2 && ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF))) {
        mode_ = Mode::Whole;  // UTF-16: the first piece's reader says so
        return;
    }
    skip_ = buf_.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF ? 3 : 0;
    InputFormat format = format_;
    if (format == InputFormat::Auto) {  // as make_reader decides
        const std::size_t i = buf_.find_first_not_of(" \t\r\n", skip_);
        if (i == std::string::npos) {
            if (!ended_) return;
            format = InputFormat::Csv;
        } else {
            format = buf_[i] == '[' ? InputFormat::Json : buf_[i] == '{' ? InputFormat::JsonLines : InputFormat::Csv;
        }
    }
    if (format == InputFormat::Json) {  // an array is cut between elements; one object is not
        const std::size_t i = buf_.find_first_not_of(" \t\r\n", skip_);
        if (i == std::string::npos && !ended_) return;
        mode_ = i != std::string::npos && buf_[i] == '[' ? Mode::Json : Mode::Whole;
    } else {
        mode_ = format == InputFormat::Csv ? Mode::Csv : Mode::Lines;
    }
    scan_ = line_start_ = skip_;
}

void InputSplitter::boundary(std::size_t at) {
    if (first_ && (mode_ == Mode::Lines ? records_ == 0 : mode_ == Mode::Csv && !header_done_)) return;
    boundary_ = at;
    boundary_lines_ = lines_;
    boundary_records_ = records_;
    boundary_line_in_buf_ = line_in_buf_;  // JSON: the column is counted when the piece is cut
    boundary_line_start_ = line_start_;
}

InputFormat InputSplitter::piece_format() const {
    if (first_) return format_;
    return mode_ == Mode::Csv ? InputFormat::Csv : mode_ == Mode::Json ? InputFormat::Json : InputFormat::JsonLines;
}

void InputSplitter::scan() {
    if (mode_ == Mode::Lines)
        scan_lines();
    else if (mode_ == Mode::Csv)
        scan_csv();
    else if (mode_ == Mode::Json)
        scan_json();
}

void InputSplitter::scan_json() {
    const char* const b = buf_.data();
    const std::size_t n = buf_.size();
    std::size_t p = scan_;
    while (p < n && boundary_ < piece_bytes_) {
        if (in_string_ && !escape_) {  // most of a record's bytes: jump to what ends or escapes the run
            p = static_cast<std::size_t>(next_of(b + p, b + n, '"', '\\', '\n') - b);
            if (p == n) break;
        }
        const char c = b[p++];
        if (c == '\n') {
            ++lines_;
            line_start_ = p;
            line_in_buf_ = true;
        }
        if (in_string_) {
            if (escape_)
                escape_ = false;
            else if (c == '\\')
                escape_ = true;
            else if (c == '"')
                in_string_ = false;
        } else if (c == '"') {
            in_string_ = true;
        } else if (c == '[' || c == '{') {
            ++depth_;
        } else if (c == ']' || c == '}') {
            --depth_;
        } else if (c == ',' && depth_ == 1) {  // the end of a top-level element: a record
            ++records_;
            boundary(p);
        }
    }
    scan_ = p;
}

void InputSplitter::scan_lines() {
    const char* const b = buf_.data();
    const std::size_t n = buf_.size();
    while (scan_ < n && boundary_ < piece_bytes_) {
        const void* nl = std::memchr(b + scan_, '\n', n - scan_);
        if (!nl) {
            scan_ = n;
            return;
        }
        const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - b);
        // As JsonLinesReader: a line over max_record_bytes + 1 is a record (too_large) even when
        // blank; otherwise a line of only spaces, tabs and CRs is none.
        bool record = end - line_start_ > max_record_bytes + 1;
        for (std::size_t i = line_start_; !record && i < end; ++i) record = b[i] != ' ' && b[i] != '\t' && b[i] != '\r';
        records_ += record;
        ++lines_;
        scan_ = line_start_ = end + 1;
        boundary(scan_);
    }
}

void InputSplitter::scan_csv() {
    const char* const b = buf_.data();
    const std::size_t n = buf_.size();
    std::size_t p = scan_;
    while (p < n && boundary_ < piece_bytes_) {
        const char c = b[p];
        if (c == '\r' || c == '\n') {  // CsvReader: CR LF, CR or LF end a line, in quotes too
            std::size_t after = p + 1;
            if (c == '\r') {
                if (after == n && !ended_) break;  // a LF may follow in the next block
                if (after < n && b[after] == '\n') ++after;
            }
            ++lines_;
            p = after;
            if (in_quotes_) continue;
            if (!row_start_) {
                row_start_ = true;
                if (header_done_) {
                    ++records_;
                } else {
                    header_done_ = true;
                    if (!csv_header_fields(playbook_, std::string_view(b + skip_, p - skip_), start_.csv_fields)) {
                        mode_ = Mode::Whole;  // the first piece fails on its header: one reader says so
                        scan_ = p;
                        return;
                    }
                }
            }
            boundary(p);
            continue;
        }
        if (!in_quotes_) row_start_ = false;
        if (c == '"') {
            in_quotes_ = !in_quotes_;  // opening, closing, or either half of "" (which reopens)
            ++p;
        } else {
            p = static_cast<std::size_t>(next_of(b + p + 1, b + n, '"', '\r', '\n') - b);
        }
    }
    scan_ = p;
}

void InputSplitter::emit(InputPiece& out, std::size_t end) {
    out.bytes.assign(buf_, 0, end);
    out.first = first_;
    out.last = false;
    out.format = piece_format();
    out.start = start_;
    if (end == boundary_ && end > 0 && mode_ == Mode::Json) {
        // Column (code points: bytes that are not 10xxxxxx, as the reader counts) and bytes of
        // the line before the cut.
        const std::size_t from = boundary_line_in_buf_ ? boundary_line_start_ : 0;
        std::uint64_t columns = boundary_line_in_buf_ ? 0 : carry_columns_;
        for (std::size_t i = from; i < end; ++i) columns += (static_cast<unsigned char>(buf_[i]) & 0xC0) != 0x80;
        boundary_column_ = columns + 1;
        boundary_line_bytes_ = (boundary_line_in_buf_ ? 0 : carry_bytes_) + (end - from);
    }
    if (end == boundary_) {
        start_.index += boundary_records_;
        start_.line += boundary_lines_;
        start_.column = boundary_column_;
        start_.line_bytes = boundary_line_bytes_;
        lines_ -= boundary_lines_;
        records_ -= boundary_records_;
        if (mode_ == Mode::Json && (!line_in_buf_ || line_start_ <= end)) {  // the line began before the cut
            line_in_buf_ = false;
            carry_columns_ = boundary_column_ - 1;
            carry_bytes_ = boundary_line_bytes_;
            line_start_ = end;
        }
    }
    buf_.erase(0, end);
    scan_ -= end;
    line_start_ -= end;
    boundary_ = 0;
    boundary_lines_ = boundary_records_ = 0;
    skip_ = 0;
    first_ = false;
}

InputSplitter::Next InputSplitter::next(InputPiece& out, bool flush) {
    if (mode_ == Mode::Done) return Next::None;
    if (mode_ == Mode::Deciding) {
        decide();
        if (mode_ == Mode::Deciding) {
            if (buf_.size() <= give_up_bytes_) return Next::None;
            mode_ = Mode::Whole;
        }
    }
    if (mode_ != Mode::Whole) scan();
    if (mode_ == Mode::Whole) {
        take_rest(out);
        return Next::Rest;
    }
    if (boundary_ >= piece_bytes_) {
        emit(out, boundary_);
        return Next::Piece;
    }
    if (ended_ && scan_ == buf_.size()) {
        const bool any = first_ || !buf_.empty();
        if (any) {
            emit(out, buf_.size());
            out.last = true;
        }
        mode_ = Mode::Done;
        return any ? Next::Piece : Next::None;
    }
    if (flush && boundary_ > 0) {
        emit(out, boundary_);
        return Next::Piece;
    }
    if (buf_.size() - boundary_ > give_up_bytes_) {
        take_rest(out);
        return Next::Rest;
    }
    return Next::None;
}

bool InputSplitter::take_rest(InputPiece& out) {
    if (mode_ == Mode::Done) return false;
    out.bytes.swap(buf_);
    buf_.clear();
    out.first = first_;
    out.last = true;
    out.format = piece_format();
    out.start = start_;
    mode_ = Mode::Done;
    return true;
}

}  // namespace ftblock
