// make_reader(): the part every format shares — UTF-16 and BOM at the start, and choosing the
// format from the first significant byte when the host does not know it.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "ftblock/reader.h"
#include "messages.h"
#include "reader_impl.h"
#include "utf8_scan.h"

namespace ftblock {

void RecordReader::fail(std::uint64_t line, std::uint64_t column, Message what, Lang lang) {
    if (failed_) return;
    failed_ = true;
    std::string text = what.in(lang);
    error_ = FileError{line, column, std::move(what), std::move(text)};
}

bool parse_input_format(std::string_view text, InputFormat& out) {
    if (text == "json")
        out = InputFormat::Json;
    else if (text == "jsonl" || text == "ndjson")
        out = InputFormat::JsonLines;
    else if (text == "csv")
        out = InputFormat::Csv;
    else
        return false;
    return true;
}

InputFormat format_from_file_name(std::string_view name) {
    std::size_t dot = name.rfind('.');
    std::size_t slash = name.find_last_of("/\\");
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return InputFormat::Auto;
    std::string ext;
    for (char c : name.substr(dot + 1)) ext += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == "json") return InputFormat::Json;
    if (ext == "jsonl" || ext == "ndjson") return InputFormat::JsonLines;
    if (ext == "csv") return InputFormat::Csv;
    return InputFormat::Auto;
}

namespace detail {

Position advance_position(Position p, std::string_view text, std::size_t offset) {
    const char* from = text.data();
    const char* const end = from + std::min(offset, text.size());
    // Lines: each LF; the column starts again after the last one.
    for (const char* q = from; q < end;) {
        q = static_cast<const char*>(std::memchr(q, '\n', static_cast<std::size_t>(end - q)));
        if (!q) break;
        ++p.line;
        p.column = 1;
        from = ++q;
    }
    // Columns: code points, i.e. the bytes that are not continuation bytes (10xxxxxx).
    std::uint64_t continuation = 0;
    const char* q = from;
    for (; end - q >= 8; q += 8) {
        const std::uint64_t w = load8(q);
        continuation += static_cast<std::uint64_t>(__builtin_popcountll(w & ~(w << 1) & kHighBits));
    }
    for (; q < end; ++q) continuation += (static_cast<unsigned char>(*q) & 0xC0) == 0x80;
    p.column += static_cast<std::uint64_t>(end - from) - continuation;
    return p;
}

}  // namespace detail

namespace {

class PrefixReader final : public RecordReader {
public:
    PrefixReader(InputFormat format, const Playbook& playbook, Lang lang, RecordSink& sink)
        : format_(format), playbook_(playbook), lang_(lang), sink_(sink) {}

    void feed(std::string_view bytes) override {
        if (failed_) return;
        if (inner_) {
            inner_->feed(bytes);
            sync();
            return;
        }
        prefix_.append(bytes.data(), bytes.size());
        decide(false);
    }

    void finish() override {
        if (failed_) return;
        if (!inner_) decide(true);
        if (failed_) return;
        inner_->finish();
        sync();
    }

private:
    void decide(bool at_end) {
        auto byte = [&](std::size_t i) { return static_cast<unsigned char>(prefix_[i]); };
        if (!bom_checked_) {
            if (prefix_.size() < 3 && !at_end) {
                // Wait for three bytes, unless two already prove UTF-16 or rule out a BOM.
                bool could_be_bom = prefix_.empty() || (byte(0) == 0xEF && (prefix_.size() < 2 || byte(1) == 0xBB)) ||
                                    (prefix_.size() == 1 && (byte(0) == 0xFF || byte(0) == 0xFE));
                bool utf16 = prefix_.size() >= 2 &&
                             ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF));
                if (could_be_bom && !utf16) return;
            }
            if (prefix_.size() >= 2 && ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF))) {
                fail(1, 1, Message(Msg::Utf16), lang_);
                prefix_.clear();
                return;
            }
            if (prefix_.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) prefix_.erase(0, 3);
            bom_checked_ = true;
        }
        InputFormat format = format_;
        if (format == InputFormat::Auto) {
            std::size_t i = prefix_.find_first_not_of(" \t\r\n");
            if (i == std::string::npos) {
                if (!at_end) return;
                format = InputFormat::Csv;  // nothing but white space: zero records
            } else if (prefix_[i] == '[') {
                format = InputFormat::Json;
            } else if (prefix_[i] == '{') {
                format = InputFormat::JsonLines;
            } else {
                format = InputFormat::Csv;
            }
        }
        switch (format) {
            case InputFormat::Json: inner_ = detail::make_json_reader(playbook_, lang_, sink_); break;
            case InputFormat::JsonLines: inner_ = detail::make_json_lines_reader(playbook_, lang_, sink_); break;
            default: inner_ = detail::make_csv_reader(playbook_, lang_, sink_); break;
        }
        std::string prefix;
        prefix.swap(prefix_);
        if (!prefix.empty()) inner_->feed(prefix);
        sync();
    }

    void sync() {
        count_ = inner_->count();
        if (inner_->failed() && !failed_) {
            failed_ = true;
            error_ = inner_->error();
        }
    }

    InputFormat format_;
    const Playbook& playbook_;
    Lang lang_;
    RecordSink& sink_;
    std::unique_ptr<RecordReader> inner_;
    std::string prefix_;
    bool bom_checked_ = false;
};

}  // namespace

std::unique_ptr<RecordReader> make_reader(InputFormat format, const Playbook& playbook, Lang lang, RecordSink& sink) {
    return std::make_unique<PrefixReader>(format, playbook, lang, sink);
}

std::unique_ptr<RecordReader> make_piece_reader(InputFormat format, const Playbook& playbook, Lang lang,
                                                RecordSink& sink, const PieceStart& start) {
    if (format == InputFormat::Csv) return detail::make_csv_piece_reader(playbook, lang, sink, start);
    return detail::make_json_lines_piece_reader(playbook, lang, sink, start);
}

}  // namespace ftblock
