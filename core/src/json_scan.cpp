#include "json_scan.h"

#include <cstdio>
#include <cstring>

#include "ftblock/reader.h"
#include "utf8_scan.h"

namespace ftblock::detail {

namespace {

std::string describe_byte(const char* p, const char* end) {
    unsigned char c = static_cast<unsigned char>(*p);
    char buf[16];
    if (c >= 0x20 && c < 0x7F) {
        std::snprintf(buf, sizeof buf, "'%c'", c);
        return buf;
    }
    if (c < 0x80) {
        std::snprintf(buf, sizeof buf, "U+%04X", c);
        return buf;
    }
    std::size_t pos = 0;
    char32_t cp;
    std::string_view rest(p, static_cast<std::size_t>(end - p));
    if (decode_utf8(rest, pos, cp)) {
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
        return buf;
    }
    std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
    return buf;
}

inline bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Scanner {
public:
    Scanner(std::string_view text, ScanError& error)
        : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), error_(error) {}

    bool fail(const char* at, Msg msg, std::string arg = {}) {
        error_.offset = static_cast<std::size_t>(at - begin_);
        error_.msg = msg;
        error_.arg = std::move(arg);
        return false;
    }

    void skip_ws() {
        while (p_ < end_ && is_ws(*p_)) ++p_;
    }
    bool at_end() const { return p_ >= end_; }
    char peek() const { return *p_; }

    // p_ at the opening quote. Appends the decoded string to *out when out is not null.
    bool string(std::string* out) {
        ++p_;
        const auto* const uend = reinterpret_cast<const unsigned char*>(end_);
        for (;;) {
            // One run of plain text (ASCII and valid UTF-8) is appended at once.
            const char* run = p_;
            // Most of the run a block at a time (simd_scan.h); the loop below goes on from there.
            auto* u = string_plain_run(reinterpret_cast<const unsigned char*>(p_), uend);
            while (u < uend) {
                unsigned char c = *u;
                if (c >= 0x80) {  // Chinese text: mostly 3-byte sequences, checked inline
                    if (c > 0xE0 && c < 0xF0 && c != 0xED && uend - u >= 3 && (u[1] & 0xC0) == 0x80 &&
                        (u[2] & 0xC0) == 0x80) {
                        u += 3;
                        continue;
                    }
                    std::size_t n = utf8_sequence(u, uend);
                    if (!n) break;
                    u += n;
                    continue;
                }
                if (c == '"' || c == '\\' || c < 0x20) break;
                ++u;
                while (uend - u >= 8) {  // eight ASCII bytes without '"', '\\' or controls
                    std::uint64_t w = load8(u);
                    std::uint64_t quote = w ^ 0x2222222222222222ull, slash = w ^ 0x5C5C5C5C5C5C5C5Cull;
                    std::uint64_t special = ((quote - 0x0101010101010101ull) & ~quote) |
                                            ((slash - 0x0101010101010101ull) & ~slash) | (w - 0x2020202020202020ull) |
                                            w;
                    if (special & kHighBits) break;
                    u += 8;
                }
            }
            p_ = reinterpret_cast<const char*>(u);
            if (out && p_ > run) out->append(run, static_cast<std::size_t>(p_ - run));
            if (p_ >= end_) return fail(p_, Msg::UnexpectedEnd);
            unsigned char c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                ++p_;
                return true;
            }
            if (c == '\\') {
                if (!escape(out)) return false;
                continue;
            }
            if (c < 0x20) return fail(p_, Msg::ControlInString, describe_byte(p_, end_));
            return fail(p_, Msg::InvalidUtf8);
        }
    }

    bool hex4(const char* at, unsigned& v) {
        if (end_ - at < 4) return false;
        v = 0;
        for (int i = 0; i < 4; ++i) {
            char c = at[i];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= static_cast<unsigned>(c - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    bool escape(std::string* out) {
        const char* at = p_;
        if (end_ - p_ < 2) return fail(end_, Msg::UnexpectedEnd);
        char e = p_[1];
        char simple = 0;
        switch (e) {
            case '"': simple = '"'; break;
            case '\\': simple = '\\'; break;
            case '/': simple = '/'; break;
            case 'b': simple = '\b'; break;
            case 'f': simple = '\f'; break;
            case 'n': simple = '\n'; break;
            case 'r': simple = '\r'; break;
            case 't': simple = '\t'; break;
            case 'u': break;
            default: return fail(at, Msg::BadEscape, std::string("\\") + describe_byte(p_ + 1, end_));
        }
        if (simple) {
            if (out) *out += simple;
            p_ += 2;
            return true;
        }
        unsigned v;
        if (!hex4(p_ + 2, v)) {
            if (end_ - (p_ + 2) < 4) return fail(end_, Msg::UnexpectedEnd);
            return fail(at, Msg::BadEscape, std::string(at, 6));
        }
        p_ += 6;
        char32_t cp = v;
        if (v >= 0xDC00 && v <= 0xDFFF) return fail(at, Msg::LoneSurrogate, std::string(at, 6));
        if (v >= 0xD800 && v <= 0xDBFF) {
            unsigned low;
            if (end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u' && hex4(p_ + 2, low) && low >= 0xDC00 &&
                low <= 0xDFFF) {
                cp = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
                p_ += 6;
            } else {
                return fail(at, Msg::LoneSurrogate, std::string(at, 6));
            }
        }
        if (out) append_utf8(*out, cp);
        return true;
    }

    bool number() {
        const char* start = p_;
        if (*p_ == '-') {
            ++p_;
            if (p_ < end_ && *p_ == 'I') return fail(start, Msg::NonFinite);
        }
        if (p_ >= end_) return fail(p_, Msg::UnexpectedEnd);
        if (*p_ == '0') {
            ++p_;
        } else if (*p_ >= '1' && *p_ <= '9') {
            while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        } else {
            return fail(start, Msg::BadNumber);
        }
        if (p_ < end_ && *p_ == '.') {
            ++p_;
            if (p_ >= end_ || *p_ < '0' || *p_ > '9') return fail(start, Msg::BadNumber);
            while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        }
        if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (p_ >= end_ || *p_ < '0' || *p_ > '9') return fail(start, Msg::BadNumber);
            while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        }
        if (p_ < end_ && ((*p_ >= '0' && *p_ <= '9') || *p_ == '.' || *p_ == 'e' || *p_ == 'E' || *p_ == '+' ||
                          *p_ == '-' || *p_ == 'x' || *p_ == 'X'))
            return fail(start, Msg::BadNumber);
        return true;
    }

    bool literal(JsonKind& kind) {
        const char* start = p_;
        const char* q = p_;
        while (q < end_ && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))) ++q;
        std::string_view word(start, static_cast<std::size_t>(q - start));
        if (word == "true" || word == "false")
            kind = JsonKind::Boolean;
        else if (word == "null")
            kind = JsonKind::Null;
        else if (word == "NaN" || word == "Infinity")
            return fail(start, Msg::NonFinite);
        else if (q == end_ && (std::string_view("true").substr(0, word.size()) == word ||
                               std::string_view("false").substr(0, word.size()) == word ||
                               std::string_view("null").substr(0, word.size()) == word))
            return fail(q, Msg::UnexpectedEnd);
        else
            return fail(start, Msg::BadLiteral, std::string(word.substr(0, 16)));
        p_ = q;
        return true;
    }

    bool value_error() {
        if (at_end()) return fail(p_, Msg::UnexpectedEnd);
        char c = *p_;
        if (c == '/') return fail(p_, Msg::CommentNotAllowed);
        if (c == '\'') return fail(p_, Msg::SingleQuote);
        if (c == '+' || c == '.') return fail(p_, Msg::BadNumber);
        if (c == ',' || c == ']' || c == '}' || c == ':') return fail(p_, Msg::ExpectedValue);
        return fail(p_, Msg::UnexpectedChar, describe_byte(p_, end_));
    }

    // Any JSON value at `depth`, validated and dropped.
    bool value(int depth, JsonKind& kind) {
        if (at_end()) return fail(p_, Msg::UnexpectedEnd);
        char c = *p_;
        if (c == '"') {
            kind = JsonKind::String;
            return string(nullptr);
        }
        if (c == '{' || c == '[') {
            if (depth > max_depth) return fail(p_, Msg::TooDeep, std::to_string(max_depth));
            kind = c == '{' ? JsonKind::Object : JsonKind::Array;
            return c == '{' ? object(depth) : array(depth);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            kind = JsonKind::Number;
            return number();
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return literal(kind);
        return value_error();
    }

    bool object(int depth) {
        ++p_;
        skip_ws();
        if (!at_end() && *p_ == '}') {
            ++p_;
            return true;
        }
        for (;;) {
            if (at_end()) return fail(p_, Msg::UnexpectedEnd);
            if (*p_ != '"') return key_error();
            if (!string(nullptr)) return false;
            skip_ws();
            if (at_end()) return fail(p_, Msg::UnexpectedEnd);
            if (*p_ != ':') return fail(p_, Msg::ExpectedColon);
            ++p_;
            skip_ws();
            JsonKind k;
            if (!value(depth + 1, k)) return false;
            skip_ws();
            if (at_end()) return fail(p_, Msg::UnexpectedEnd);
            if (*p_ == '}') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return fail(p_, Msg::ExpectedCommaOrBrace);
            ++p_;
            skip_ws();
            if (!at_end() && *p_ == '}') return fail(p_, Msg::TrailingComma);
        }
    }

    bool array(int depth) {
        ++p_;
        skip_ws();
        if (!at_end() && *p_ == ']') {
            ++p_;
            return true;
        }
        for (;;) {
            JsonKind k;
            if (!value(depth + 1, k)) return false;
            skip_ws();
            if (at_end()) return fail(p_, Msg::UnexpectedEnd);
            if (*p_ == ']') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return fail(p_, Msg::ExpectedCommaOrBracket);
            ++p_;
            skip_ws();
            if (!at_end() && *p_ == ']') return fail(p_, Msg::TrailingComma);
        }
    }

    bool key_error() {
        if (*p_ == '\'') return fail(p_, Msg::SingleQuote);
        if (*p_ == '/') return fail(p_, Msg::CommentNotAllowed);
        return fail(p_, Msg::ExpectedKey);
    }

    static void add_once(std::vector<std::string>& list, std::string_view key) {
        for (const std::string& k : list)
            if (k == key) return;
        list.emplace_back(key);
    }

    // The record object: p_ at '{'.
    bool record_object(int depth, const Playbook& playbook, Record& record) {
        if (depth > max_depth) return fail(p_, Msg::TooDeep, std::to_string(max_depth));
        ++p_;
        skip_ws();
        if (!at_end() && *p_ == '}') {
            ++p_;
            return true;
        }
        std::uint64_t seen = 0;  // playbooks have fewer than 64 fields (checked when loaded)
        for (;;) {
            if (at_end()) return fail(p_, Msg::UnexpectedEnd);
            if (*p_ != '"') return key_error();
            // Keys are short plain ASCII: look them up in place, decode only when escaped.
            std::string_view key;
            const char* q = p_ + 1;
            while (q < end_ && *q != '"' && *q != '\\' && static_cast<unsigned char>(*q) >= 0x20 &&
                   static_cast<unsigned char>(*q) < 0x80)
                ++q;
            if (q < end_ && *q == '"') {
                key = std::string_view(p_ + 1, static_cast<std::size_t>(q - p_ - 1));
                p_ = q + 1;
            } else {
                key_.clear();
                if (!string(&key_)) return false;
                key = key_;
            }
            skip_ws();
            if (at_end()) return fail(p_, Msg::UnexpectedEnd);
            if (*p_ != ':') return fail(p_, Msg::ExpectedColon);
            ++p_;
            skip_ws();
            int field = playbook.field_index(key);
            JsonKind k;
            if (field < 0) {
                bool known = false;
                for (const std::string& u : record.unknown_keys) known = known || u == key;
                if (known)
                    add_once(record.duplicate_keys, key);
                else
                    record.unknown_keys.emplace_back(key);
                if (!value(depth + 1, k)) return false;
            } else if (seen & (std::uint64_t{1} << field)) {
                add_once(record.duplicate_keys, key);
                if (!value(depth + 1, k)) return false;
            } else {
                seen |= std::uint64_t{1} << field;
                FieldValue& v = record[field];
                if (!at_end() && *p_ == '"') {
                    v.state = ValueState::String;
                    if (!string(&v.text)) return false;
                } else {
                    if (!value(depth + 1, k)) return false;
                    v.state = k == JsonKind::Null ? ValueState::Null : ValueState::WrongType;
                }
            }
            skip_ws();
            if (at_end()) return fail(p_, Msg::UnexpectedEnd);
            if (*p_ == '}') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return fail(p_, Msg::ExpectedCommaOrBrace);
            ++p_;
            skip_ws();
            if (!at_end() && *p_ == '}') return fail(p_, Msg::TrailingComma);
        }
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    ScanError& error_;
    std::string key_;
};

}  // namespace

ScanOutcome scan_record_prefix(std::string_view text, int depth, const Playbook& playbook, Record& record,
                               JsonKind& kind, ScanError& error, std::size_t& end) {
    Scanner s(text, error);
    s.skip_ws();
    bool ok;
    if (!s.at_end() && s.peek() == '{') {
        kind = JsonKind::Object;
        ok = s.record_object(depth, playbook, record);
    } else {
        ok = s.value(depth, kind);
    }
    if (!ok) return ScanOutcome::Error;
    end = static_cast<std::size_t>(s.p_ - text.data());
    return kind == JsonKind::Object ? ScanOutcome::Record : ScanOutcome::NotObject;
}

ScanOutcome scan_record(std::string_view text, int depth, const Playbook& playbook, Record& record, JsonKind& kind,
                        ScanError& error) {
    std::size_t end = 0;
    const ScanOutcome outcome = scan_record_prefix(text, depth, playbook, record, kind, error, end);
    if (outcome == ScanOutcome::Error) return outcome;
    while (end < text.size() && is_ws(text[end])) ++end;
    if (end < text.size()) {  // only white space may follow the value
        error.offset = end;
        error.msg = Msg::TrailingContent;
        error.arg.clear();
        return ScanOutcome::Error;
    }
    return outcome;
}

bool scan_value(std::string_view text, int depth, ScanError& error) {
    Scanner s(text, error);
    s.skip_ws();
    JsonKind kind;
    if (!s.value(depth, kind)) return false;
    s.skip_ws();
    if (!s.at_end()) return s.fail(s.p_, Msg::TrailingContent);
    return true;
}

}  // namespace ftblock::detail
