// The JSON and JSON Lines readers: they find where each record's text starts and ends in the
// incoming bytes (a cheap framing pass that only tracks strings and brackets), then hand that
// text to the strict scanner (json_scan.cpp). Only the current record is kept in memory; a
// record over max_record_bytes is skipped while framing and reported as too_large.
#include <cstring>

#include "json_scan.h"
#include "messages.h"
#include "reader_impl.h"
#include "utf8_scan.h"

namespace ftblock::detail {

namespace {

Message kind_name(JsonKind kind) {
    static const Msg kWords[] = {Msg::KindObject, Msg::KindArray,   Msg::KindString,
                                 Msg::KindNumber, Msg::KindBoolean, Msg::KindNull};
    return Message(kWords[static_cast<int>(kind)]);
}

// The scanner's message for an error at `text[e.offset]`; `line_byte` is the byte number of
// `text[0]` in its line (1-based), for invalid UTF-8 ("byte N of the line").
Message scan_message(const ScanError& e, std::string_view text, std::uint64_t line_byte) {
    if (e.msg != Msg::InvalidUtf8 || e.offset >= text.size()) return Message(e.msg, {e.arg});
    std::size_t line_start = e.offset;
    while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
    const std::uint64_t byte = line_start > 0 ? e.offset - line_start + 1 : line_byte + e.offset;
    return Message(Msg::InvalidUtf8, {hex_byte(static_cast<unsigned char>(text[e.offset])), std::to_string(byte)});
}

// ---------------------------------------------------------------------------------------------
class JsonLinesReader final : public RecordReader {
public:
    JsonLinesReader(const Playbook& playbook, Lang lang, RecordSink& sink)
        : playbook_(playbook), lang_(lang), sink_(sink) {}

    void feed(std::string_view bytes) override {
        while (!bytes.empty()) {
            const char* nl = static_cast<const char*>(std::memchr(bytes.data(), '\n', bytes.size()));
            std::size_t take = nl ? static_cast<std::size_t>(nl - bytes.data()) : bytes.size();
            std::string_view part = bytes.substr(0, take);
            if (skipping_) {
                skipped_ += take;
            } else if (!nl && buffer_.empty() && take <= max_record_bytes + 1) {
                buffer_.assign(part.data(), part.size());
            } else if (buffer_.size() + take > max_record_bytes + 1) {
                skipping_ = true;  // too large: stop keeping its bytes
                skipped_ = buffer_.size() + take;
                buffer_.clear();
                buffer_.shrink_to_fit();
            } else if (buffer_.empty() && nl) {
                line(part);  // the common case: a whole line inside this block, no copy
                bytes.remove_prefix(take + 1);
                continue;
            } else {
                buffer_.append(part.data(), part.size());
            }
            if (!nl) return;
            end_line();
            bytes.remove_prefix(take + 1);
        }
    }

    void start_at(std::size_t index, std::uint64_t line) {  // a piece of an input (make_piece_reader)
        count_ = index;
        line_no_ = line;
    }

    void finish() override {
        if (skipping_ || !buffer_.empty()) {
            if (skipping_) {
                too_large();
                skipping_ = false;
            } else {
                line(buffer_);
                buffer_.clear();
            }
        }
    }

private:
    void end_line() {
        if (skipping_) {
            too_large();
            skipping_ = false;
            ++line_no_;
        } else {
            line(buffer_);
            buffer_.clear();
        }
    }

    void too_large() {
        record_.reset(playbook_.fields.size());
        set_problem(record_, Code::TooLarge, Message(Msg::TooLarge, {std::to_string(max_record_bytes)}), lang_);
        sink_.on_record(count_++, line_no_, record_);
    }

    // One physical line without its LF; advances the line counter.
    void line(std::string_view text) {
        std::uint64_t this_line = line_no_++;
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        std::size_t i = 0;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
        if (i == text.size()) return;  // blank line
        record_.reset(playbook_.fields.size());
        if (text.size() > max_record_bytes) {
            line_no_ = this_line;
            too_large();
            line_no_ = this_line + 1;
            return;
        }
        JsonKind kind;
        ScanError error;
        switch (scan_record(text, 1, playbook_, record_, kind, error)) {
            case ScanOutcome::Record: break;
            case ScanOutcome::NotObject:
                record_.reset(playbook_.fields.size());
                set_problem(record_, Code::WrongType, Message(Msg::NotAnObject, {kind_name(kind)}), lang_);
                break;
            case ScanOutcome::Error: {
                record_.reset(playbook_.fields.size());
                Position pos = advance_position({this_line, 1}, text, error.offset);
                set_problem(record_, Code::ParseError,
                            Message(Msg::AtColumn, {std::to_string(pos.column), scan_message(error, text, 1)}), lang_);
                break;
            }
        }
        sink_.on_record(count_++, this_line, record_);
    }

    const Playbook& playbook_;
    Lang lang_;
    RecordSink& sink_;
    Record record_;
    std::string buffer_;     // the current line when it spans blocks
    bool skipping_ = false;  // inside a too-large line
    std::size_t skipped_ = 0;
    std::uint64_t line_no_ = 1;  // line number of the next line to start
};

// ---------------------------------------------------------------------------------------------
class JsonDocumentReader final : public RecordReader {
public:
    JsonDocumentReader(const Playbook& playbook, Lang lang, RecordSink& sink)
        : playbook_(playbook), lang_(lang), sink_(sink) {}

    void feed(std::string_view bytes) override {
        if (failed_ || done_) {
            if (done_ && !failed_) trailing(bytes);
            return;
        }
        buf_.append(bytes.data(), bytes.size());
        run();
        compact();
    }

    void finish() override {
        if (failed_ || done_) return;
        finishing_ = true;
        if (state_ == State::Start) run();
        if (failed_) return;
        switch (state_) {
            case State::Start: fail_here(Msg::EmptyJson); return;
            case State::AfterElement:
                if (!array_) return;  // one record object: complete
                fail_here(Msg::UnexpectedEnd);
                return;
            case State::Element:
                if (!skipping_) {
                    // Let the scanner name the first real problem of the truncated element.
                    std::string_view text(buf_.data() + elem_start_, buf_.size() - elem_start_);
                    JsonKind kind;
                    ScanError error;
                    Record scratch;
                    scratch.reset(playbook_.fields.size());
                    if (scan_record(text, elem_depth_base_ + 1, playbook_, scratch, kind, error) ==
                        ScanOutcome::Error) {
                        fail_in_element(error);
                        return;
                    }
                    if (!array_) {  // a complete scalar would have been rejected at Start
                        fail_here(Msg::UnexpectedEnd);
                        return;
                    }
                    deliver(buf_.size());
                }
                fail_here(Msg::UnexpectedEnd);
                return;
            default: fail_here(Msg::UnexpectedEnd); return;
        }
    }

private:
    enum class State { Start, BeforeElement, Element, AfterElement };

    void fail_at(std::uint64_t line, std::uint64_t column, Msg msg, std::string arg = {}) {
        fail(line, column, Message(msg, {std::move(arg)}), lang_);
    }
    void fail_here(Msg msg, std::string arg = {}) { fail_at(line_, col_, msg, std::move(arg)); }

    void fail_in_element(const ScanError& e) {
        std::string_view text(buf_.data() + elem_start_, buf_.size() - elem_start_);
        Position pos = advance_position({elem_line_, elem_col_}, text, e.offset);
        fail(pos.line, pos.column, scan_message(e, text, elem_offset_ - elem_line_start_ + 1), lang_);
    }

    // Advance line/column over one byte that has been framed.
    void step(unsigned char c) {
        if (c == '\n') {
            ++line_;
            col_ = 1;
            line_start_ = consumed_ + pos_ + 1;
        } else if ((c & 0xC0) != 0x80) {
            ++col_;
        }
    }

    void run() {
        while (pos_ < buf_.size() && !failed_ && !done_) {
            unsigned char c = static_cast<unsigned char>(buf_[pos_]);
            switch (state_) {
                case State::Start:
                case State::BeforeElement:
                case State::AfterElement:
                    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                        step(c);
                        ++pos_;
                        continue;
                    }
                    if (state_ == State::Start) {
                        if (!start(c)) return;
                    } else if (state_ == State::BeforeElement)
                        before_element(c);
                    else
                        after_element(c);
                    break;
                case State::Element: frame(); break;
            }
        }
    }

    // false: too few bytes yet to say what is wrong with the start
    bool start(unsigned char c) {
        if (c == '[') {
            array_ = true;
            first_ = true;
            state_ = State::BeforeElement;
            step(c);
            ++pos_;
            return true;
        }
        if (c == '{') {
            array_ = false;
            begin_element();
            return true;
        }
        if (buf_.size() - pos_ < 64 && !finishing_) return false;
        // Not an array or object: say precisely what is wrong when it is not even JSON.
        std::string_view rest(buf_.data() + pos_, std::min<std::size_t>(buf_.size() - pos_, 64));
        ScanError error;
        if (!scan_value(rest, 1, error) && error.msg != Msg::UnexpectedEnd && error.msg != Msg::TrailingContent &&
            error.offset == 0) {
            fail(line_, col_, scan_message(error, rest, consumed_ + pos_ - line_start_ + 1), lang_);
            return true;
        }
        fail_here(Msg::NotArrayOrObject);
        return true;
    }

    void before_element(unsigned char c) {
        if (c == ']') {
            if (!first_) {
                fail_here(Msg::TrailingComma);
                return;
            }
            step(c);
            ++pos_;
            done_ = true;
            trailing(std::string_view(buf_).substr(pos_));
            pos_ = buf_.size();
            return;
        }
        if (c == ',') {
            fail_here(Msg::ExpectedValue);
            return;
        }
        begin_element();
    }

    void after_element(unsigned char c) {
        if (!array_) {
            fail_here(Msg::TrailingContent);
            return;
        }
        if (c == ',') {
            first_ = false;
            state_ = State::BeforeElement;
            step(c);
            ++pos_;
            return;
        }
        if (c == ']') {
            step(c);
            ++pos_;
            done_ = true;
            trailing(std::string_view(buf_).substr(pos_));
            pos_ = buf_.size();
            return;
        }
        fail_here(Msg::ExpectedCommaOrBracket);
    }

    // After the document's value: only white space may follow.
    void trailing(std::string_view bytes) {
        for (char ch : bytes) {
            unsigned char c = static_cast<unsigned char>(ch);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                step(c);
                continue;
            }
            fail_here(Msg::TrailingContent);
            return;
        }
    }

    void begin_element() {
        state_ = State::Element;
        elem_start_ = pos_;
        elem_line_ = line_;
        elem_col_ = col_;
        elem_offset_ = consumed_ + pos_;
        elem_line_start_ = line_start_;
        elem_depth_base_ = array_ ? 1 : 0;
        depth_ = 0;
        stack_ = 0;
        in_string_ = false;
        escape_ = false;
        skipping_ = false;
    }

    // The common case in one pass: an object element that is whole in the buffer, followed by
    // ',' or ']', is scanned straight from the array's text (no framing pass). Anything else —
    // an incomplete, too large, malformed or non-object element — returns false and is framed
    // first as below, so every error is found and reported exactly as the framing path does.
    bool scan_whole_element() {
        if (!array_ || pos_ != elem_start_ || buf_[pos_] != '{') return false;
        std::string_view text(buf_.data() + elem_start_, buf_.size() - elem_start_);
        record_.reset(playbook_.fields.size());
        JsonKind kind;
        ScanError error;
        std::size_t end = 0;
        if (scan_record_prefix(text, elem_depth_base_ + 1, playbook_, record_, kind, error, end) != ScanOutcome::Record)
            return false;
        while (end < text.size() && (text[end] == ' ' || text[end] == '\t' || text[end] == '\r' || text[end] == '\n'))
            ++end;
        if (end == text.size() || (text[end] != ',' && text[end] != ']') || end > max_record_bytes) return false;
        const Position at = advance_position({line_, col_}, text, end);
        if (at.line != line_) {
            std::size_t nl = end;
            while (text[nl - 1] != '\n') --nl;
            line_start_ = consumed_ + elem_start_ + nl;
        }
        line_ = at.line;
        col_ = at.column;
        pos_ = elem_start_ + end;
        state_ = State::AfterElement;
        sink_.on_record(count_++, elem_line_, record_);
        return true;
    }

    // Frames the current element from pos_; stops at its end or at the end of the buffer.
    void frame() {
        if (scan_whole_element()) return;
        const std::size_t n = buf_.size();
        while (pos_ < n) {
            if (in_string_ && !escape_) skip_string_run();
            if (pos_ >= n) break;
            unsigned char c = static_cast<unsigned char>(buf_[pos_]);
            if (in_string_) {
                if (escape_) {
                    escape_ = false;
                } else if (c == '\\') {
                    escape_ = true;
                } else if (c == '"') {
                    in_string_ = false;
                }
                step(c);
                ++pos_;
                continue;
            }
            if (c == '"') {
                in_string_ = true;
            } else if (c == '{' || c == '[') {
                if (elem_depth_base_ + depth_ + 1 > max_depth) {
                    fail_here(Msg::TooDeep, std::to_string(max_depth));
                    return;
                }
                stack_ = (stack_ << 1) | (c == '{' ? 1u : 0u);
                ++depth_;
            } else if (c == '}' || c == ']') {
                if (depth_ == 0) {  // the array's own ']' (or a stray '}'): the element ends before it
                    end_element(pos_);
                    return;
                }
                bool open_brace = stack_ & 1;
                if (open_brace != (c == '}')) {
                    if (skipping_) {
                        fail_here(Msg::MismatchedBracket, std::string(1, static_cast<char>(c)));
                        return;
                    }
                    step(c);
                    ++pos_;
                    end_element(pos_);  // the scanner reports the mismatch with its position
                    return;
                }
                stack_ >>= 1;
                --depth_;
                if (depth_ == 0 && !array_) {
                    step(c);
                    ++pos_;
                    end_element(pos_);
                    return;
                }
            } else if (c == ',' && depth_ == 0) {
                end_element(pos_);
                return;
            }
            step(c);
            ++pos_;
            if (!skipping_ && pos_ - elem_start_ > max_record_bytes) {
                skipping_ = true;
                skip_line_ = elem_line_;
            }
        }
    }

    // Inside a string, jump over plain text up to the next '"', '\\' or LF, eight bytes at a
    // time; the column advances by the code points skipped (bytes that are not 10xxxxxx).
    void skip_string_run() {
        const char* const begin = buf_.data();
        const char* p = begin + pos_;
        const char* const end = begin + buf_.size();
        std::uint64_t continuation = 0;
        const char* const start = p;
        while (end - p >= 8) {
            const std::uint64_t w = load8(p);
            const std::uint64_t q = w ^ 0x2222222222222222ull, b = w ^ 0x5C5C5C5C5C5C5C5Cull,
                                l = w ^ 0x0A0A0A0A0A0A0A0Aull;
            const std::uint64_t ones = 0x0101010101010101ull;
            if ((((q - ones) & ~q) | ((b - ones) & ~b) | ((l - ones) & ~l)) & kHighBits) break;
            continuation += (((w & ~(w << 1) & kHighBits) >> 7) * 0x0101010101010101ull) >> 56;  // bytes 10xxxxxx
            p += 8;
        }
        while (p < end && *p != '"' && *p != '\\' && *p != '\n') {
            continuation += (static_cast<unsigned char>(*p) & 0xC0) == 0x80;
            ++p;
        }
        col_ += static_cast<std::uint64_t>(p - start) - continuation;
        pos_ = static_cast<std::size_t>(p - begin);
        if (!skipping_ && pos_ - elem_start_ > max_record_bytes) {
            skipping_ = true;
            skip_line_ = elem_line_;
        }
    }

    void end_element(std::size_t end) {
        state_ = State::AfterElement;
        if (skipping_) {
            record_.reset(playbook_.fields.size());
            set_problem(record_, Code::TooLarge, Message(Msg::TooLarge, {std::to_string(max_record_bytes)}), lang_);
            sink_.on_record(count_++, skip_line_, record_);
            skipping_ = false;
            return;
        }
        deliver(end);
    }

    void deliver(std::size_t end) {
        std::string_view text(buf_.data() + elem_start_, end - elem_start_);
        while (!text.empty() &&
               (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
            text.remove_suffix(1);
        record_.reset(playbook_.fields.size());
        JsonKind kind;
        ScanError error;
        switch (scan_record(text, elem_depth_base_ + 1, playbook_, record_, kind, error)) {
            case ScanOutcome::Record: break;
            case ScanOutcome::NotObject:
                record_.reset(playbook_.fields.size());
                set_problem(record_, Code::WrongType, Message(Msg::NotAnObject, {kind_name(kind)}), lang_);
                break;
            case ScanOutcome::Error:
                if (error.msg == Msg::TrailingContent && array_) error.msg = Msg::ExpectedCommaOrBracket;
                fail_in_element(error);
                return;
        }
        sink_.on_record(count_++, elem_line_, record_);
    }

    // Drop bytes nobody needs any more: before the current element, or all of a skipped one.
    void compact() {
        std::size_t keep_from = pos_;
        if (state_ == State::Element && !skipping_) keep_from = elem_start_;
        if (keep_from == 0) return;
        buf_.erase(0, keep_from);
        consumed_ += keep_from;
        pos_ -= keep_from;
        if (state_ == State::Element && !skipping_) elem_start_ = 0;
    }

    const Playbook& playbook_;
    Lang lang_;
    RecordSink& sink_;
    Record record_;
    std::string buf_;
    std::size_t pos_ = 0;               // next byte to frame
    std::uint64_t consumed_ = 0;        // bytes dropped from the front of buf_
    std::uint64_t line_ = 1, col_ = 1;  // position of buf_[pos_]
    std::uint64_t line_start_ = 0;      // byte offset (in the input) where line_ starts
    State state_ = State::Start;
    bool array_ = false, first_ = true, done_ = false, finishing_ = false;
    // the element being framed
    std::size_t elem_start_ = 0;
    std::uint64_t elem_line_ = 1, elem_col_ = 1, elem_offset_ = 0, elem_line_start_ = 0, skip_line_ = 0;
    int elem_depth_base_ = 1, depth_ = 0;
    std::uint64_t stack_ = 0;  // one bit per open bracket: 1 = '{'
    bool in_string_ = false, escape_ = false, skipping_ = false;
};

}  // namespace

std::unique_ptr<RecordReader> make_json_reader(const Playbook& playbook, Lang lang, RecordSink& sink) {
    return std::make_unique<JsonDocumentReader>(playbook, lang, sink);
}

std::unique_ptr<RecordReader> make_json_lines_reader(const Playbook& playbook, Lang lang, RecordSink& sink) {
    return std::make_unique<JsonLinesReader>(playbook, lang, sink);
}

std::unique_ptr<RecordReader> make_json_lines_piece_reader(const Playbook& playbook, Lang lang, RecordSink& sink,
                                                           const PieceStart& start) {
    auto reader = std::make_unique<JsonLinesReader>(playbook, lang, sink);
    reader->start_at(start.index, start.line);
    return reader;
}

}  // namespace ftblock::detail
