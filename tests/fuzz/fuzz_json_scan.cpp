// fuzz_json_scan: the core's strict JSON scanner (core/src/json_scan.h) against nlohmann::json.
// The last input byte chooses the mode, the depth the text starts at (1: a JSON Lines line,
// 2: an array element) and the level of block scans (core/src/simd_scan.h: scalar, SSE2, AVX2 or
// the best of the machine; every level must give the same answers):
//   raw: the rest of the input is the text, any bytes;
//   flat: the rest of the input builds a flat object (keys of the playbook, unknown and repeated
//     keys, any valid UTF-8 text with random escapes, null, numbers, booleans, small nested
//     values) whose expected record is known by construction.
// scan_value and scan_record must give nlohmann's verdict (and the scanner's depth limit);
// an object must come back as nlohmann (and the construction) read it: each playbook key's first
// value (string text, null, or wrong type), unknown keys and repeated keys in input order, each
// once. scan_record_prefix must agree with scan_record and stop right after the value.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ftblock/playbook.h"
#include "ftblock/reader.h"
#include "ftblock/simd.h"
#include "ftblock/text.h"
#include "fuzz_util.h"
#include "json_scan.h"
#include "simd_scan.h"

namespace {

using namespace ftblock;
using namespace ftblock::detail;
using ftblock::fuzz::Rng;
using nlohmann::json;

struct Member {
    std::string key;
    JsonKind kind;
    std::string text;  // strings only
};

// Reads what the scanner should see with nlohmann's SAX parser: the root's kind, the deepest
// nesting of arrays and objects, and the root object's members in order, repeats included.
class Sax : public nlohmann::json_sax<json> {
public:
    JsonKind root = JsonKind::Null;
    int nesting = 0;  // arrays and objects inside each other, the root included
    std::vector<Member> members;
    int error_id = 0;  // nlohmann's exception id when it refused the text

    bool null() override { return scalar(JsonKind::Null); }
    bool boolean(bool) override { return scalar(JsonKind::Boolean); }
    bool number_integer(number_integer_t) override { return scalar(JsonKind::Number); }
    bool number_unsigned(number_unsigned_t) override { return scalar(JsonKind::Number); }
    bool number_float(number_float_t, const string_t&) override { return scalar(JsonKind::Number); }
    bool string(string_t& s) override { return scalar(JsonKind::String, &s); }
    bool binary(binary_t&) override { return false; }  // not in JSON text
    bool start_object(std::size_t) override { return open(JsonKind::Object); }
    bool start_array(std::size_t) override { return open(JsonKind::Array); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool key(string_t& k) override {
        if (depth_ == 1) key_ = k;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        error_id = e.id;
        return false;
    }

private:
    bool scalar(JsonKind kind, const std::string* text = nullptr) {
        if (depth_ == 0)
            root = kind;
        else if (depth_ == 1 && root == JsonKind::Object)
            members.push_back({key_, kind, text ? *text : std::string()});
        return true;
    }
    bool open(JsonKind kind) {
        scalar(kind);
        nesting = std::max(nesting, ++depth_);
        return true;
    }
    bool close() {
        --depth_;
        return true;
    }
    int depth_ = 0;
    std::string key_;
};

// The record the reader must make of these members (docs/record-format.md#values, docs/bad-inputs.md items 5 and 14).
Record expected_record(const Playbook& playbook, const std::vector<Member>& members) {
    Record r;
    r.reset(playbook.fields.size());
    std::vector<bool> seen(playbook.fields.size(), false);
    auto add_once = [](std::vector<std::string>& list, const std::string& key) {
        if (std::find(list.begin(), list.end(), key) == list.end()) list.push_back(key);
    };
    for (const Member& m : members) {
        const int f = playbook.field_index(m.key);
        if (f < 0) {
            if (std::find(r.unknown_keys.begin(), r.unknown_keys.end(), m.key) != r.unknown_keys.end())
                add_once(r.duplicate_keys, m.key);
            else
                r.unknown_keys.push_back(m.key);
        } else if (seen[static_cast<std::size_t>(f)]) {
            add_once(r.duplicate_keys, m.key);
        } else {
            seen[static_cast<std::size_t>(f)] = true;
            FieldValue& v = r[f];
            v.state = m.kind == JsonKind::String ? ValueState::String
                      : m.kind == JsonKind::Null ? ValueState::Null
                                                 : ValueState::WrongType;
            v.text = m.text;
        }
    }
    return r;
}

std::string describe(const Playbook& playbook, const Record& r) {
    std::string out;
    for (std::size_t f = 0; f < r.values.size(); ++f) {
        const FieldValue& v = r.values[f];
        if (v.state == ValueState::Absent) continue;
        out += playbook.fields[f].key + "=";
        out += v.state == ValueState::Null        ? "(null)"
               : v.state == ValueState::WrongType ? "(wrong type)"
                                                  : '"' + v.text + '"';
        out += "\n";
    }
    for (const std::string& k : r.unknown_keys) out += "unknown: " + k + "\n";
    for (const std::string& k : r.duplicate_keys) out += "duplicate: " + k + "\n";
    return out;
}

bool same_record(const Record& a, const Record& b) {
    if (a.values.size() != b.values.size() || a.unknown_keys != b.unknown_keys || a.duplicate_keys != b.duplicate_keys)
        return false;
    for (std::size_t f = 0; f < a.values.size(); ++f) {
        if (a.values[f].state != b.values[f].state) return false;
        if (a.values[f].state == ValueState::String && a.values[f].text != b.values[f].text) return false;
    }
    return true;
}

// --------------------------------------------------------------------------------------------
// Flat objects built from the input.

void append_escaped(std::string& out, std::string_view utf8, Rng& rng) {
    out += '"';
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        char32_t cp;
        const std::size_t at = pos;
        FUZZ_CHECK(fuzz::next_code_point(utf8, pos, cp));
        const bool must = cp < 0x20 || cp == '"' || cp == '\\';
        if (!must && !rng.one_in(5)) {
            out.append(utf8.substr(at, pos - at));
            continue;
        }
        const char* simple = nullptr;
        switch (cp) {
            case '"': simple = "\\\""; break;
            case '\\': simple = "\\\\"; break;
            case '/': simple = "\\/"; break;
            case '\b': simple = "\\b"; break;
            case '\f': simple = "\\f"; break;
            case '\n': simple = "\\n"; break;
            case '\r': simple = "\\r"; break;
            case '\t': simple = "\\t"; break;
        }
        if (simple && rng.one_in(2)) {
            out += simple;
            continue;
        }
        auto hex4 = [&](unsigned v) {
            char buf[8];
            std::snprintf(buf, sizeof buf, rng.one_in(2) ? "\\u%04x" : "\\u%04X", v);
            out += buf;
        };
        if (cp >= 0x10000) {
            hex4(0xD800 + ((cp - 0x10000) >> 10));
            hex4(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            hex4(static_cast<unsigned>(cp));
        }
    }
    out += '"';
}

std::string white_space(Rng& rng) {
    static const char* const kSpaces[] = {"", "", "", " ", "\t", "\r\n", "\n  "};
    return kSpaces[rng.below(7)];
}

std::string flat_object(FuzzedDataProvider& fdp, const Playbook& playbook, Rng& rng, std::vector<Member>& members) {
    static const char* const kUnknown[] = {"__proto__", "constructor", "colour", "ID", "id ", "", "l4", "备注"};
    static const char* const kNumbers[] = {"0", "-1", "3.25", "1e400", "-0.0E-5", "12345678901234567890", "2e+3"};
    static const char* const kNested[] = {"[]", "{}", "[1,{\"a\":null}]", "{\"x\":[],\"id\":\"y\"}", "[\"\"]"};
    std::string out = white_space(rng) + "{";
    const std::size_t n = fdp.ConsumeIntegralInRange<std::size_t>(0, 24);
    for (std::size_t i = 0; i < n && fdp.remaining_bytes() > 0; ++i) {
        Member m;
        switch (fdp.ConsumeIntegralInRange<int>(0, 3)) {
            case 0:
            case 1:
                m.key = playbook.fields[fdp.ConsumeIntegralInRange<std::size_t>(0, playbook.fields.size() - 1)].key;
                break;
            case 2: m.key = kUnknown[fdp.ConsumeIntegralInRange<int>(0, 7)]; break;
            default: m.key = fuzz::valid_utf8(fdp.ConsumeRandomLengthString(12));
        }
        std::string value;
        switch (fdp.ConsumeIntegralInRange<int>(0, 7)) {
            case 0: m.kind = JsonKind::Null, value = "null"; break;
            case 1: m.kind = JsonKind::Boolean, value = fdp.ConsumeBool() ? "true" : "false"; break;
            case 2: m.kind = JsonKind::Number, value = kNumbers[fdp.ConsumeIntegralInRange<int>(0, 6)]; break;
            case 3: m.kind = JsonKind::Object, value = kNested[fdp.ConsumeIntegralInRange<int>(0, 4)]; break;
            default:
                m.kind = JsonKind::String;
                m.text = fuzz::valid_utf8(fdp.ConsumeRandomLengthString(64));
                append_escaped(value, m.text, rng);
        }
        if (i) out += white_space(rng) + "," + white_space(rng);
        append_escaped(out, m.key, rng);
        out += white_space(rng) + ":" + white_space(rng) + value;
        members.push_back(std::move(m));
    }
    return out + white_space(rng) + "}" + white_space(rng);
}

// --------------------------------------------------------------------------------------------

void check_scanner(std::string_view text, int depth, const Playbook& playbook, const std::vector<Member>* built) {
    ScanError value_error;
    const bool value_ok = scan_value(text, depth, value_error);
    Record record;
    record.reset(playbook.fields.size());
    JsonKind kind = JsonKind::Null;
    ScanError record_error;
    const ScanOutcome outcome = scan_record(text, depth, playbook, record, kind, record_error);
    FUZZ_CHECK(value_ok == (outcome != ScanOutcome::Error));
    if (!value_ok) FUZZ_CHECK(value_error.offset <= text.size() && record_error.offset <= text.size());

    // scan_record_prefix: the same answer, and the value ends where only white space follows.
    {
        Record prefix_record;
        prefix_record.reset(playbook.fields.size());
        JsonKind prefix_kind = JsonKind::Null;
        ScanError prefix_error;
        std::size_t end = 0;
        const std::string longer = std::string(text) + ",{\"id\":1}";
        const ScanOutcome prefix =
            scan_record_prefix(longer, depth, playbook, prefix_record, prefix_kind, prefix_error, end);
        if (outcome != ScanOutcome::Error) {
            FUZZ_CHECK(prefix == outcome && prefix_kind == kind);
            FUZZ_CHECK(end <= text.size());
            FUZZ_CHECK(text.find_first_not_of(" \t\r\n", end) == std::string_view::npos);
            if (!same_record(record, prefix_record))
                FUZZ_FAIL("scan_record_prefix read another record", describe(playbook, record),
                          describe(playbook, prefix_record));
        }
    }

    // nlohmann's verdict. It differs from RFC 8259 in three ways the scanner must not copy: a
    // NUL byte ends its input, it skips a leading BOM, and it refuses numbers past a double's
    // range (out_of_range 406; for the scanner a number is a number, docs/bad-inputs.md#item-8).
    if (text.find('\0') != std::string_view::npos || text.substr(0, 3) == "\xEF\xBB\xBF") {
        FUZZ_CHECK(!value_ok);
        return;
    }
    Sax sax;
    const bool parsed = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true, false);
    if (!parsed && sax.error_id == 406 && !built) return;
    const bool within_depth = depth - 1 + sax.nesting <= max_depth;
    const bool expect_ok = (parsed || sax.error_id == 406) && within_depth;
    if (value_ok != expect_ok)
        FUZZ_FAIL(value_ok ? "the scanner accepted what nlohmann refused (or too deep)"
                           : "the scanner refused what nlohmann accepted",
                  text,
                  value_ok ? ""
                           : "scanner: message " + std::to_string(static_cast<int>(value_error.msg)) + " at byte " +
                                 std::to_string(value_error.offset) + " " + value_error.arg);
    if (parsed && !within_depth) FUZZ_CHECK(value_error.msg == Msg::TooDeep && record_error.msg == Msg::TooDeep);
    if (!value_ok) return;
    if (parsed) {
        FUZZ_CHECK(kind == sax.root);
        FUZZ_CHECK((outcome == ScanOutcome::Record) == (sax.root == JsonKind::Object));
    }
    if (outcome != ScanOutcome::Record) return;
    if (parsed) {
        const Record want = expected_record(playbook, sax.members);
        if (!same_record(record, want))
            FUZZ_FAIL("the scanner's record differs from nlohmann's reading", describe(playbook, want),
                      describe(playbook, record));
    }
    if (built) {
        const Record want = expected_record(playbook, *built);
        if (!same_record(record, want))
            FUZZ_FAIL("the scanner's record differs from the object built", describe(playbook, want),
                      describe(playbook, record));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider fdp(data, size);
    const Playbook& playbook = *builtin_playbook();
    const std::uint8_t mode = fdp.ConsumeIntegral<std::uint8_t>();
    const int depth = (mode & 2) ? 2 : 1;
    static const SimdLevel kLevels[] = {SimdLevel::Scalar, SimdLevel::Sse2, SimdLevel::Avx2, best_simd_level()};
    set_simd_level(kLevels[(mode >> 2) & 3]);
    if (mode & 1) {
        Rng rng(fdp.ConsumeIntegral<std::uint32_t>());
        std::vector<Member> members;
        const std::string text = flat_object(fdp, playbook, rng, members);
        check_scanner(text, depth, playbook, &members);
    } else {
        const std::string text = fdp.ConsumeRemainingBytesAsString();
        const auto* p = reinterpret_cast<const unsigned char*>(text.data());
        FUZZ_CHECK(utf8_valid(p, p + text.size()) == (find_invalid_utf8(text) == std::string_view::npos));
        check_scanner(text, depth, playbook, nullptr);
    }
    return 0;
}
