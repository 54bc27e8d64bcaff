// The CSV reader (RFC 4180, docs/record-format.md#csv): a state machine that survives any chunking of its input,
// keeps only the row being read (at most max_record_bytes of its text) and hands each row to the
// sink as soon as its line ends. Quote-syntax and header problems stop the file (fail());
// a ragged row, invalid UTF-8 or an oversized row is a record-level problem on that row only.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "ftblock/playbook.h"
#include "ftblock/writer.h"
#include "messages.h"
#include "reader_impl.h"
#include "utf8_scan.h"

namespace ftblock::detail {

namespace {

using ByteTable = std::array<bool, 256>;

constexpr ByteTable make_table(std::string_view bytes) {
    ByteTable table{};
    for (char c : bytes) table[static_cast<unsigned char>(c)] = true;
    return table;
}

constexpr ByteTable kUnquotedStop = make_table(",\"\r\n");  // what ends an unquoted run
constexpr ByteTable kQuotedStop = make_table("\"\r\n");     // quoted runs also count lines

// Scanning runs eight bytes at a time (SWAR) is what keeps the reader well above the CLI's
// record rate; the table loop finishes the tail and serves big-endian targets.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
constexpr bool kSwar = true;
#else
constexpr bool kSwar = false;
#endif

constexpr std::uint64_t kOnes = 0x0101010101010101ull;

constexpr std::uint64_t zero_bytes(std::uint64_t v) {  // high bit set in (at least the first) zero byte
    return (v - kOnes) & ~v & kHighBits;
}
constexpr std::uint64_t matches(std::uint64_t word, char c) {
    return zero_bytes(word ^ (kOnes * static_cast<unsigned char>(c)));
}

std::uint64_t load(const char* p) { return load8(p); }

int first_byte(std::uint64_t mask) {
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctzll(mask) >> 3;
#else
    (void)mask;
    return 0;  // unused: kSwar is false
#endif
}

// The first byte in [p, end) that is in `table`; the SWAR part tests the same bytes.
template <bool Quoted>
const char* find_stop(const char* p, const char* end, const ByteTable& table) {
    if constexpr (kSwar) {
        while (end - p >= 8) {
            const std::uint64_t word = load(p);
            std::uint64_t mask = matches(word, '"') | matches(word, '\r') | matches(word, '\n');
            if (!Quoted) mask |= matches(word, ',');
            if (mask) return p + first_byte(mask);
            p += 8;
        }
    }
    while (p < end && !table[static_cast<unsigned char>(*p)]) ++p;
    return p;
}

// Export writes ' before these (writer.h); the reader removes exactly that one '.
bool starts_with_formula_guard(std::string_view cell) {
    return cell.size() >= 2 && cell[0] == '\'' && csv_formula_start(cell[1]);
}

std::string hex(std::uint32_t value, int digits) {
    static const char kDigits[] = "0123456789ABCDEF";
    std::string out(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
    return out;
}

// A character for a message: 'x' when printable, U+XXXX when invisible, 0xNN when not UTF-8.
std::string describe_char(std::string_view bytes) {
    std::size_t pos = 0;
    char32_t cp = 0;
    if (!decode_utf8(bytes, pos, cp)) return "0x" + hex(static_cast<unsigned char>(bytes[0]), 2);
    if (cp < 0x20 || is_control_char(cp) || (is_white_space(cp) && cp != ' '))
        return "U+" + hex(static_cast<std::uint32_t>(cp), 4);
    return "'" + std::string(bytes.substr(0, pos)) + "'";
}

// A header name for a message: invalid UTF-8 shown as U+FFFD, long names shortened.
std::string printable_name(std::string_view name) {
    constexpr std::size_t kMaxCodePoints = 60;
    std::string out;
    std::size_t pos = 0, count = 0;
    while (pos < name.size()) {
        if (++count > kMaxCodePoints) return out + "\xE2\x80\xA6";  // …
        std::size_t at = pos;
        char32_t cp;
        if (decode_utf8(name, pos, cp))
            out.append(name.substr(at, pos - at));
        else {
            out += "\xEF\xBF\xBD";
            pos = at + 1;
        }
    }
    return out;
}

std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 1;
}

class CsvReader final : public RecordReader {
public:
    CsvReader(const Playbook& playbook, Lang lang, RecordSink& sink) : playbook_(playbook), lang_(lang), sink_(sink) {}

    void feed(std::string_view bytes) override;
    void finish() override;
    // A piece of an input (make_piece_reader): the input's header row, then records from `start`.
    void start_at(const PieceStart& start);

private:
    enum class State : std::uint8_t {
        RowStart,       // nothing of a row yet: a line end here is an empty line
        CellStart,      // at the first byte of a cell
        Unquoted,       // inside an unquoted cell
        Quoted,         // inside a quoted cell
        QuoteInQuoted,  // just after a '"' inside a quoted cell: "" or the closing quote
        AfterQuoteBad,  // a character after the closing quote, waiting for its remaining bytes
    };

    // p in the current chunk, on the current line. Counts only from the last position asked for
    // (a header asks once per cell, left to right): linear in the line, not quadratic.
    Position position_at(const char* p) {
        if (p < cursor_) {  // behind the cursor (not the usual case): count from the line's start
            cursor_ = seg_start_;
            cursor_col_ = col_base_;
        }
        cursor_col_ += count_code_points({cursor_, static_cast<std::size_t>(p - cursor_)});
        cursor_ = p;
        return {line_, cursor_col_ + 1};
    }
    std::uint64_t row_bytes(const char* p) const { return row_carried_ + static_cast<std::uint64_t>(p - row_seg_); }
    void new_line(const char* next) {
        ++line_;
        seg_start_ = cursor_ = next;
        col_base_ = cursor_col_ = 0;
    }
    const char* skip_line_end(const char* p, const char* end);  // p at CR or LF; counts the line

    void begin_row(const char* p);
    void begin_cell();
    void append(const char* from, const char* to);
    void drop_row_text();  // the row is too large: keep no more of it
    void end_cell(const char* p);
    bool end_row(const char* p);  // false when the file failed
    bool take_header();
    void deliver_row();
    void fail_after_quote();

    const Playbook& playbook_;
    Lang lang_;
    RecordSink& sink_;

    State state_ = State::RowStart;
    bool after_cr_ = false;   // the last byte was a CR line end: a LF now belongs to it
    std::uint64_t line_ = 1;  // physical line of the next byte

    // Where we are in the chunk being fed; carried over as counts between chunks.
    const char* seg_start_ = nullptr;  // start of the current line within the chunk
    std::uint64_t col_base_ = 0;       // code points of the current line before seg_start_
    const char* cursor_ = nullptr;     // the last position counted (seg_start_ <= cursor_)
    std::uint64_t cursor_col_ = 0;     // code points of the current line before cursor_
    const char* row_seg_ = nullptr;    // start of the current row within the chunk
    std::uint64_t row_carried_ = 0;    // bytes of the current row in earlier chunks

    // The current row. Data cells go straight into record_ (one copy, no per-cell allocation
    // once its buffers have grown); header cells go back to back into header_text_.
    std::uint64_t row_line_ = 0;
    std::size_t cell_count_ = 0;        // cells ended so far in this row
    std::string* cell_text_ = nullptr;  // where the current cell's text goes; null: dropped
    std::size_t row_text_bytes_ = 0;    // text kept so far in this row
    std::size_t bad_cell_ = 0;          // first cell with invalid UTF-8; npos when none
    bool too_large_ = false;            // the row's text is no longer kept

    // The opening quote of the current quoted cell (its column is computed only when needed).
    std::uint64_t quote_line_ = 0, quote_col_ = 0, quote_col_base_ = 0;
    const char* quote_ptr_ = nullptr;
    const char* quote_seg_ = nullptr;
    bool quote_col_known_ = true;

    // A bad character after a closing quote whose UTF-8 sequence continues in the next chunk.
    Position bad_pos_{0, 0};
    std::string bad_bytes_;
    std::size_t bad_need_ = 0;

    bool have_header_ = false;
    std::vector<int> header_fields_;        // field index per column
    std::string header_text_;               // header cells back to back, until the header is read
    std::vector<std::size_t> header_ends_;  // where each header cell ends in header_text_
    std::vector<Position> header_pos_;      // where each header cell starts

    Record record_;
};

const char* CsvReader::skip_line_end(const char* p, const char* end) {
    if (*p == '\r') {
        ++p;
        if (p == end)
            after_cr_ = true;
        else if (*p == '\n')
            ++p;
    } else {
        ++p;
    }
    new_line(p);
    return p;
}

void CsvReader::begin_row(const char* p) {
    row_line_ = line_;
    row_seg_ = p;
    row_carried_ = 0;
    cell_count_ = 0;
    row_text_bytes_ = 0;
    bad_cell_ = std::string::npos;
    too_large_ = false;
    if (have_header_) record_.reset(playbook_.fields.size());
}

void CsvReader::begin_cell() {
    if (too_large_)
        cell_text_ = nullptr;
    else if (!have_header_)
        cell_text_ = &header_text_;
    else if (cell_count_ < header_fields_.size())
        cell_text_ = &record_[header_fields_[cell_count_]].text;
    else
        cell_text_ = nullptr;  // a cell past the header's: only counted (ragged row)
}

void CsvReader::append(const char* from, const char* to) {
    if (cell_text_ == nullptr || from == to) return;
    const std::size_t n = static_cast<std::size_t>(to - from);
    if (row_text_bytes_ + n > max_record_bytes) {
        drop_row_text();
        return;
    }
    row_text_bytes_ += n;
    cell_text_->append(from, n);
}

void CsvReader::drop_row_text() {
    too_large_ = true;
    cell_text_ = nullptr;
    if (have_header_) record_.reset(playbook_.fields.size());
    header_text_.clear();
    header_ends_.clear();
}

void CsvReader::end_cell(const char* p) {
    // Checked per cell too, so a row of a million empty cells cannot grow the lists.
    if (!too_large_ && row_bytes(p) > max_record_bytes) drop_row_text();
    if (!too_large_) {
        if (!have_header_) {
            header_ends_.push_back(header_text_.size());
        } else if (cell_count_ < header_fields_.size()) {
            FieldValue& value = record_[header_fields_[cell_count_]];
            if (!is_valid_utf8(value.text)) {
                value.text.clear();  // invalid bytes are never handed on
                if (bad_cell_ == std::string::npos) bad_cell_ = cell_count_;
            } else {
                if (starts_with_formula_guard(value.text)) value.text.erase(0, 1);
                value.state = ValueState::String;
            }
        }
    }
    ++cell_count_;
    cell_text_ = nullptr;
}

bool CsvReader::end_row(const char* p) {
    end_cell(p);
    if (!have_header_) return take_header();
    deliver_row();
    return true;
}

bool CsvReader::take_header() {
    if (too_large_) {
        fail(row_line_, 1, Message(Msg::TooLarge, {std::to_string(max_record_bytes)}), lang_);
        return false;
    }
    std::vector<std::string_view> names;
    std::size_t begin = 0;
    for (std::size_t end : header_ends_) {
        names.emplace_back(header_text_.data() + begin, end - begin);
        begin = end;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty()) {
            fail(header_pos_[i].line, header_pos_[i].column, Message(Msg::CsvHeaderEmpty, {std::to_string(i + 1)}),
                 lang_);
            return false;
        }
    }
    NameList unknown;
    std::size_t first_unknown = names.size();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (playbook_.field_index(names[i]) >= 0) continue;
        if (first_unknown == names.size()) first_unknown = i;
        if (unknown.size() < NameList::kMaxListed)
            unknown.add(printable_name(names[i]));
        else
            unknown.add({});  // only counted
    }
    if (first_unknown < names.size()) {
        fail(header_pos_[first_unknown].line, header_pos_[first_unknown].column,
             Message(unknown.size() == 1 ? Msg::CsvHeaderUnknown : Msg::CsvHeaderUnknownMany, {unknown.arg()}), lang_);
        return false;
    }
    std::vector<bool> seen(playbook_.fields.size(), false);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const int field = playbook_.field_index(names[i]);
        if (seen[static_cast<std::size_t>(field)]) {
            fail(header_pos_[i].line, header_pos_[i].column,
                 Message(Msg::CsvHeaderDuplicate, {printable_name(names[i])}), lang_);
            return false;
        }
        seen[static_cast<std::size_t>(field)] = true;
        header_fields_.push_back(field);
    }
    have_header_ = true;
    header_pos_ = {};
    header_ends_ = {};
    header_text_ = {};
    return true;
}

void CsvReader::deliver_row() {
    if (too_large_) {  // drop_row_text() already emptied the record
        set_problem(record_, Code::TooLarge, Message(Msg::TooLarge, {std::to_string(max_record_bytes)}), lang_);
    } else if (cell_count_ != header_fields_.size()) {
        // The cells that are there are kept: the report can still name the record's id.
        set_problem(record_, Code::ParseError,
                    Message(Msg::CsvRagged, {std::to_string(row_line_), std::to_string(cell_count_),
                                             std::to_string(header_fields_.size())}),
                    lang_);
    } else if (bad_cell_ != std::string::npos) {
        const std::string& name = playbook_.fields[static_cast<std::size_t>(header_fields_[bad_cell_])].key;
        set_problem(record_, Code::ParseError,
                    Message(Msg::CsvInvalidUtf8, {std::to_string(row_line_), std::to_string(bad_cell_ + 1), name}),
                    lang_);
    }
    const std::size_t index = count_;
    count_ = index + 1;
    sink_.on_record(index, row_line_, record_);
}

void CsvReader::fail_after_quote() {
    fail(bad_pos_.line, bad_pos_.column, Message(Msg::CsvQuoteNotClosed, {describe_char(bad_bytes_)}), lang_);
}

void CsvReader::feed(std::string_view bytes) {
    if (failed_ || bytes.empty()) return;
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    seg_start_ = cursor_ = p;
    cursor_col_ = col_base_;
    row_seg_ = p;

    if (state_ == State::AfterQuoteBad) {
        while (p < end && bad_bytes_.size() < bad_need_) bad_bytes_ += *p++;
        if (bad_bytes_.size() == bad_need_) fail_after_quote();
        return;
    }
    if (after_cr_) {
        after_cr_ = false;
        if (*p == '\n') {
            if (state_ == State::Quoted) append(p, p + 1);
            seg_start_ = cursor_ = ++p;
        }
    }

    while (p < end) {
        switch (state_) {
            case State::RowStart:
                if (*p == '\n' || *p == '\r') {  // a physically empty line
                    p = skip_line_end(p, end);
                    break;
                }
                begin_row(p);
                state_ = State::CellStart;
                break;

            case State::CellStart:
                if (!have_header_ && !too_large_) header_pos_.push_back(position_at(p));
                begin_cell();
                if (*p == '"') {
                    quote_line_ = line_;
                    quote_ptr_ = p;
                    quote_seg_ = seg_start_;
                    quote_col_base_ = col_base_;
                    quote_col_known_ = false;
                    ++p;
                    state_ = State::Quoted;
                } else if (*p == ',') {
                    end_cell(p);
                    ++p;
                } else if (*p == '\r' || *p == '\n') {
                    if (!end_row(p)) return;
                    p = skip_line_end(p, end);
                    state_ = State::RowStart;
                } else {
                    state_ = State::Unquoted;
                }
                break;

            case State::Unquoted: {
                const char* run = p;
                p = find_stop<false>(p, end, kUnquotedStop);
                append(run, p);
                if (p == end) break;
                if (*p == ',') {
                    end_cell(p);
                    ++p;
                    state_ = State::CellStart;
                } else if (*p == '"') {
                    const Position at = position_at(p);
                    fail(at.line, at.column,
                         Message(Msg::CsvStrayQuote, {std::to_string(row_line_), std::to_string(cell_count_ + 1)}),
                         lang_);
                    return;
                } else {
                    if (!end_row(p)) return;
                    p = skip_line_end(p, end);
                    state_ = State::RowStart;
                }
                break;
            }

            case State::Quoted: {
                const char* run = p;
                for (;;) {
                    p = find_stop<true>(p, end, kQuotedStop);
                    if (p == end || *p == '"') break;
                    p = skip_line_end(p, end);  // kept verbatim, counted as a line
                }
                append(run, p);
                if (p < end) {
                    ++p;
                    state_ = State::QuoteInQuoted;
                }
                break;
            }

            case State::QuoteInQuoted:
                if (*p == '"') {
                    append(p, p + 1);
                    ++p;
                    state_ = State::Quoted;
                } else if (*p == ',') {
                    end_cell(p);
                    ++p;
                    state_ = State::CellStart;
                } else if (*p == '\r' || *p == '\n') {
                    if (!end_row(p)) return;
                    p = skip_line_end(p, end);
                    state_ = State::RowStart;
                } else {
                    bad_pos_ = position_at(p);
                    bad_need_ = utf8_sequence_length(static_cast<unsigned char>(*p));
                    bad_bytes_.clear();
                    while (p < end && bad_bytes_.size() < bad_need_) bad_bytes_ += *p++;
                    if (bad_bytes_.size() == bad_need_)
                        fail_after_quote();
                    else
                        state_ = State::AfterQuoteBad;
                    return;
                }
                break;

            case State::AfterQuoteBad: return;  // handled at the top
        }
    }

    // Carry what the next chunk needs as counts: the chunk itself is gone after this call.
    if ((state_ == State::Quoted || state_ == State::QuoteInQuoted) && !quote_col_known_) {
        quote_col_ =
            quote_col_base_ + count_code_points({quote_seg_, static_cast<std::size_t>(quote_ptr_ - quote_seg_)}) + 1;
        quote_col_known_ = true;
    }
    col_base_ = position_at(end).column - 1;
    if (state_ != State::RowStart) row_carried_ = row_bytes(end);
}

void CsvReader::finish() {
    if (failed_) return;
    const char* here = nullptr;  // no chunk: row sizes are already carried
    seg_start_ = row_seg_ = here;
    switch (state_) {
        case State::RowStart: break;
        case State::CellStart:
            if (!have_header_ && !too_large_) header_pos_.push_back({line_, col_base_ + 1});
            [[fallthrough]];
        case State::Unquoted:
        case State::QuoteInQuoted: end_row(here); break;
        case State::Quoted:
            fail(quote_line_, quote_col_, Message(Msg::CsvUnterminatedQuote, {std::to_string(quote_line_)}), lang_);
            break;
        case State::AfterQuoteBad: fail_after_quote(); break;
    }
    state_ = State::RowStart;
}

}  // namespace

std::unique_ptr<RecordReader> make_csv_reader(const Playbook& playbook, Lang lang, RecordSink& sink) {
    return std::make_unique<CsvReader>(playbook, lang, sink);
}

void CsvReader::start_at(const PieceStart& start) {
    std::string_view header = start.csv_header;
    if (header.substr(0, 3) == "\xEF\xBB\xBF") header.remove_prefix(3);  // the input's BOM, if the host kept it
    feed(header);
    after_cr_ = false;  // the header's line end is complete: a LF starting the piece is a line of its own
    line_ = start.line;
    count_ = start.index;
}

std::unique_ptr<RecordReader> make_csv_piece_reader(const Playbook& playbook, Lang lang, RecordSink& sink,
                                                    const PieceStart& start) {
    auto reader = std::make_unique<CsvReader>(playbook, lang, sink);
    reader->start_at(start);
    return reader;
}

}  // namespace ftblock::detail
