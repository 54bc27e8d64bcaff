// BAD_INPUTS.md items 1–16 (JSON and JSON Lines; item 12 is the benchmark's) and SPEC §4's
// record-level vs file-level split: every hostile input has one exact outcome — which level,
// which code, which line and column, which sentence. The readers stream, so the key cases run
// with several chunk sizes: no outcome may depend on where the host splits its blocks.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "ftblock/report.h"
#include "ftblock/validator.h"
#include "test_util.h"

using namespace ftblock;
using ftblock::test::read_text;
using ftblock::test::ReadResult;
using ftblock::test::state_of;
using ftblock::test::value_of;

namespace {

const std::size_t kChunks[] = {0, 1, 2, 5, 64};  // 0: the whole input at once

// A delivery record that passes every rule (SPEC §2's example), as raw JSON per key, so a test
// can replace any value by any JSON text (a number, a broken escape, …).
using Fields = std::vector<std::pair<std::string, std::string>>;

Fields delivery_fields() {
    return {
        {"id", R"("FT-2026-000123")"},
        {"customer", R"("Contoso Ltd")"},
        {"workload", R"("teams")"},
        {"scenario", R"("delivery")"},
        {"updated_by", R"("delivery_fm")"},
        {"l1", R"("blocked")"},
        {"l2", R"("customer_it_infrastructure")"},
        {"l3", "null"},
        {"service_state", R"("not_applicable")"},
        {"engagement_scenario", R"("ftc_ftp_led")"},
        {"target_date", R"("2026-12-15")"},
        {"owner", R"("account_team")"},
        {"notes", R"("客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。")"},
        {"next_action_date", "null"},
        {"next_action", R"("Customer upgrades VPN firmware, then re-test sign-in")"},
        {"updated_at", R"("2026-11-24")"},
    };
}

// The delivery record with some values replaced (or keys appended, in order), on one line.
std::string delivery(const Fields& changes = {}) {
    Fields fields = delivery_fields();
    for (const auto& change : changes) {
        bool replaced = false;
        for (auto& field : fields)
            if (field.first == change.first && !replaced) {
                field.second = change.second;
                replaced = true;
            }
        if (!replaced) fields.push_back(change);
    }
    std::string out = "{";
    for (const auto& field : fields) {
        if (out.size() > 1) out += ',';
        out += '"' + field.first + "\":" + field.second;
    }
    return out + "}";
}

// Keys written in the given order, duplicates kept (delivery() merges them).
std::string delivery_then(const std::string& extra_members) {
    std::string text = delivery();
    text.pop_back();
    return text + "," + extra_members + "}";
}

Diagnostics check(const Record& record, Lang lang = Lang::En) {
    return validate(*builtin_playbook(), record, ValidationContext{lang, Date{2026, 11, 24}, nullptr});
}

// "field code severity" per diagnostic, joined: one comparison shows the whole outcome.
std::string outcome(const Diagnostics& diagnostics) {
    std::string out;
    for (const Diagnostic& d : diagnostics) {
        if (!out.empty()) out += "; ";
        out += d.field + " " + code_name(d.code) + " " + severity_name(d.severity);
    }
    return out;
}

ReadResult read_lines(std::string_view text, std::size_t chunk = 0, Lang lang = Lang::En) {
    return read_text(InputFormat::JsonLines, text, chunk, lang);
}
ReadResult read_json(std::string_view text, std::size_t chunk = 0, Lang lang = Lang::En) {
    return read_text(InputFormat::Json, text, chunk, lang);
}

// The one record-level diagnostic a reader put on a record it could not read.
std::string problem_of(const test::ReadRecord& r) {
    Diagnostics d = check(r.record);
    REQUIRE(d.size() == 1);
    CHECK(d[0].field == "");
    return std::string(code_name(d[0].code)) + " " + severity_name(d[0].severity) + ": " + d[0].message;
}

const std::string kEmptyJson = "empty JSON file: expected an array of records or one record object";
const std::string kTooLarge = "record is over 1048576 bytes; its fields were not checked";
const std::string kByteFF = "\xFF";
const std::size_t kBigChunks[] = {0, 1, 5, 64, 65536};  // for 2 MiB inputs
const std::size_t kMiBChunks[] = {0, 64, 65536};        // for several MiB of input

}  // namespace

// ---------------------------------------------------------------------------------------------
// 1. Empty input

TEST_CASE("an empty, blank or BOM-only .json file is a file error, not zero records") {
    struct Case {
        std::string text;
        std::uint64_t line, column;
    };
    const Case cases[] = {
        {"", 1, 1},
        {"\xEF\xBB\xBF", 1, 1},
        {"  \n\t ", 2, 3},  // the end of input, where a value was expected
        {"\xEF\xBB\xBF\r\n\r\n", 3, 1},
    };
    for (const Case& c : cases) {
        for (std::size_t chunk : kChunks) {
            CAPTURE(c.text);
            CAPTURE(chunk);
            ReadResult r = read_json(c.text, chunk);
            REQUIRE(r.failed);
            CHECK(r.records.empty());
            CHECK(r.error.line == c.line);
            CHECK(r.error.column == c.column);
            CHECK(r.error.message == kEmptyJson);
        }
    }
}

TEST_CASE("an empty, blank or BOM-only JSON Lines input is zero records and no error") {
    for (std::string text : {std::string(), std::string("\xEF\xBB\xBF"), std::string(" \n\n\t\r\n  \r\n"),
                             std::string("\xEF\xBB\xBF\n\n")}) {
        for (std::size_t chunk : kChunks) {
            CAPTURE(text);
            CAPTURE(chunk);
            ReadResult r = read_lines(text, chunk);
            CHECK_FALSE(r.failed);
            CHECK(r.error.message == "");
            CHECK(r.records.empty());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. UTF-16

TEST_CASE("a UTF-16 file (FF FE or FE FF) is refused at 1:1 as UTF-16, not read as mojibake") {
    const std::string le("\xFF\xFE[\0{\0}\0]\0", 10);
    const std::string be("\xFE\xFF\0[\0{\0}\0]", 10);
    for (InputFormat format : {InputFormat::Json, InputFormat::JsonLines, InputFormat::Auto}) {
        for (const std::string& text : {le, be}) {
            for (std::size_t chunk : kChunks) {
                CAPTURE(static_cast<int>(format));
                CAPTURE(text.substr(0, 2));
                CAPTURE(chunk);
                ReadResult r = read_text(format, text, chunk);
                REQUIRE(r.failed);
                CHECK(r.records.empty());
                CHECK(r.error.line == 1);
                CHECK(r.error.column == 1);
                CHECK(r.error.message == "expected UTF-8, found UTF-16");
            }
        }
    }
}

TEST_CASE("the UTF-16 error is in Chinese when the reader speaks zh-CN") {
    ReadResult r = read_text(InputFormat::Json, std::string("\xFF\xFE[\0]\0", 6), 0, Lang::ZhCN);
    REQUIRE(r.failed);
    CHECK(r.error.message == "应为 UTF-8，但文件是 UTF-16");
}

// ---------------------------------------------------------------------------------------------
// 3. UTF-8 BOM

TEST_CASE("a UTF-8 BOM before valid JSON or JSON Lines is skipped and the records are read") {
    const std::string bom = "\xEF\xBB\xBF";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult json = read_json(bom + "[" + delivery() + "]\n", chunk);
        REQUIRE_FALSE(json.failed);
        REQUIRE(json.records.size() == 1);
        CHECK(json.records[0].line == 1);
        CHECK(value_of(json.records[0].record, "id") == "FT-2026-000123");
        CHECK(outcome(check(json.records[0].record)) == "");

        ReadResult single = read_json(bom + delivery(), chunk);
        REQUIRE_FALSE(single.failed);
        REQUIRE(single.records.size() == 1);
        CHECK(outcome(check(single.records[0].record)) == "");

        ReadResult lines = read_lines(bom + delivery() + "\n" + delivery({{"id", R"("FT-2")"}}), chunk);
        REQUIRE_FALSE(lines.failed);
        REQUIRE(lines.records.size() == 2);
        CHECK(lines.records[0].line == 1);
        CHECK(lines.records[1].line == 2);
        CHECK(value_of(lines.records[0].record, "id") == "FT-2026-000123");  // not "\ufeff…" or a stray key
        CHECK(lines.records[0].record.unknown_keys.empty());
        CHECK(outcome(check(lines.records[0].record)) == "");
        CHECK(value_of(lines.records[1].record, "id") == "FT-2");
    }
}

TEST_CASE("positions after a BOM count from the first character after it") {
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_json("\xEF\xBB\xBF[1,]", chunk);
        REQUIRE(r.failed);
        CHECK(r.records.size() == 1);
        CHECK(r.error.line == 1);
        CHECK(r.error.column == 4);
        CHECK(r.error.message == "trailing comma is not allowed in JSON");
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Nesting

TEST_CASE("100,000 nested [ in a JSON document is a file error at the 65th bracket") {
    const std::string text = "\n\n" + std::string(100000, '[');
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_json(text, chunk);
        REQUIRE(r.failed);
        CHECK(r.records.empty());
        CHECK(r.error.line == 3);
        CHECK(r.error.column == 65);  // the outer array is depth 1: 64 brackets are allowed
        CHECK(r.error.message == "nesting deeper than 64");
    }
}

TEST_CASE("100,000 nested [ on a JSON Lines line is a parse_error on that record and the next line is read") {
    const std::string text = delivery({{"id", R"("FT-1")"}}) + "\n" + std::string(100000, '[') + "\n" +
                             delivery({{"id", R"("FT-3")"}}) + "\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(text, chunk);
        CHECK_FALSE(r.failed);
        REQUIRE(r.records.size() == 3);
        CHECK(r.records[1].index == 1);
        CHECK(r.records[1].line == 2);
        CHECK(problem_of(r.records[1]) == "parse_error error: column 65: nesting deeper than 64");
        CHECK(r.records[2].line == 3);
        CHECK(value_of(r.records[2].record, "id") == "FT-3");
        CHECK(outcome(check(r.records[2].record)) == "");
    }
}

TEST_CASE("a JSON document nested exactly 64 deep is read; 65 deep is a file error at the 65th level") {
    // outer array (1), the record (2), then arrays in notes: 62 of them reach depth 64.
    auto document = [](int arrays) {
        return "[{\"notes\":" + std::string(static_cast<std::size_t>(arrays), '[') +
               std::string(static_cast<std::size_t>(arrays), ']') + "}]";
    };
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult ok = read_json(document(62), chunk);
        REQUIRE_FALSE(ok.failed);
        REQUIRE(ok.records.size() == 1);
        CHECK(state_of(ok.records[0].record, "notes") == ValueState::WrongType);

        ReadResult deep = read_json(document(63), chunk);
        REQUIRE(deep.failed);
        CHECK(deep.records.empty());
        CHECK(deep.error.line == 1);
        CHECK(deep.error.column == 73);  // "[{\"notes\":" is 10 characters; the 63rd '[' follows
        CHECK(deep.error.message == "nesting deeper than 64");
    }
}

TEST_CASE("a single-object JSON document counts its object as depth 1") {
    auto document = [](int arrays) {
        return "{\"notes\":" + std::string(static_cast<std::size_t>(arrays), '[') +
               std::string(static_cast<std::size_t>(arrays), ']') + "}";
    };
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult ok = read_json(document(63), chunk);
        REQUIRE_FALSE(ok.failed);
        REQUIRE(ok.records.size() == 1);
        CHECK(state_of(ok.records[0].record, "notes") == ValueState::WrongType);

        ReadResult deep = read_json(document(64), chunk);
        REQUIRE(deep.failed);
        CHECK(deep.records.empty());
        CHECK(deep.error.column == 73);  // "{\"notes\":" is 9 characters; the 64th '[' follows
        CHECK(deep.error.message == "nesting deeper than 64");
    }
}

TEST_CASE("a JSON Lines record nested exactly 64 deep is read; 65 deep is a parse_error") {
    auto line = [](int arrays) {
        return delivery({{"l3", std::string(static_cast<std::size_t>(arrays), '[') +
                                    std::string(static_cast<std::size_t>(arrays), ']')}});
    };
    const std::string ok_line = line(63), deep_line = line(64);
    const std::size_t l3_column = deep_line.find("\"l3\":") + 6;  // 1-based column of the first '['
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(ok_line + "\n" + deep_line + "\n", chunk);
        CHECK_FALSE(r.failed);
        REQUIRE(r.records.size() == 2);
        CHECK(outcome(check(r.records[0].record)) == "l3 wrong_type error");
        CHECK(problem_of(r.records[1]) ==
              "parse_error error: column " + std::to_string(l3_column + 63) + ": nesting deeper than 64");
    }
}

TEST_CASE("the nesting errors are in Chinese when the reader speaks zh-CN") {
    ReadResult doc = read_json(std::string(100, '['), 0, Lang::ZhCN);
    REQUIRE(doc.failed);
    CHECK(doc.error.message == "嵌套深度超过 64");
    ReadResult lines = read_lines(std::string(100, '['), 0, Lang::ZhCN);
    REQUIRE(lines.records.size() == 1);
    CHECK(lines.records[0].record.problem.detail == "第 65 列：嵌套深度超过 64");
}

// ---------------------------------------------------------------------------------------------
// 5. Duplicate keys

TEST_CASE("a repeated key is a duplicate_key naming the key and the first value is the one kept") {
    ReadResult r = read_lines(R"({"id":"a","id":"b"})");
    REQUIRE(r.records.size() == 1);
    CHECK(value_of(r.records[0].record, "id") == "a");
    REQUIRE(r.records[0].record.duplicate_keys.size() == 1);
    CHECK(r.records[0].record.duplicate_keys[0] == "id");
}

TEST_CASE("the first value of a repeated key is checked and the repetition is reported") {
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        // first value valid, second not: only the repetition is wrong
        ReadResult good_first = read_lines(delivery_then(R"("owner":"customer")"), chunk);
        REQUIRE(good_first.records.size() == 1);
        Diagnostics d = check(good_first.records[0].record);
        CHECK(outcome(d) == "owner duplicate_key error");
        REQUIRE(d.size() == 1);
        CHECK(d[0].message == "key \"owner\" is given more than once; the first value is checked");

        // first value wrong: fixed_value on it, and the repetition
        std::string text = delivery({{"owner", R"("customer")"}});
        text.pop_back();
        ReadResult bad_first = read_json(text + R"(,"owner":"account_team","owner":"x"})", chunk);
        REQUIRE_FALSE(bad_first.failed);
        REQUIRE(bad_first.records.size() == 1);
        CHECK(outcome(check(bad_first.records[0].record)) == "owner fixed_value error; owner duplicate_key error");
    }
}

TEST_CASE("a repeated unknown key is one unknown_field and one duplicate_key") {
    ReadResult r = read_lines(delivery_then(R"("colour":"red","colour":"blue")"));
    REQUIRE(r.records.size() == 1);
    Diagnostics d = check(r.records[0].record);
    CHECK(outcome(d) == "colour unknown_field error; colour duplicate_key error");
}

TEST_CASE("the duplicate_key message is in Chinese for zh-CN") {
    ReadResult r = read_lines(delivery_then(R"("notes":"x")"));
    REQUIRE(r.records.size() == 1);
    Diagnostics d = check(r.records[0].record, Lang::ZhCN);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message == "键 \"notes\" 出现了不止一次；只检查第一个值");
}

// ---------------------------------------------------------------------------------------------
// 6. Invalid UTF-8

TEST_CASE("a raw 0xFF byte in a JSON Lines string is a parse_error naming its byte offset") {
    const std::string first = delivery() + "\n";  // the offset counts from the start of the input
    const std::string text = first + "{\"notes\":\"ab" + kByteFF + "c\"}\n" + delivery() + "\n";
    const std::string expected =
        "parse_error error: column 13: invalid UTF-8 at byte " + std::to_string(first.size() + 12);
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(text, chunk);
        CHECK_FALSE(r.failed);
        REQUIRE(r.records.size() == 3);
        CHECK(outcome(check(r.records[0].record)) == "");
        CHECK(r.records[1].line == 2);
        CHECK(problem_of(r.records[1]) == expected);
        CHECK(outcome(check(r.records[2].record)) == "");
    }
}

TEST_CASE("a raw 0xFF byte in a JSON document is a file error at its line and column") {
    const std::string text = "[\n" + delivery() + ",\n{\"notes\":\"ab" + kByteFF + "c\"}]";
    const std::size_t byte = 2 + delivery().size() + 2 + 12;
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_json(text, chunk);
        REQUIRE(r.failed);
        REQUIRE(r.records.size() == 1);  // the record before the break stays read
        CHECK(r.error.line == 3);
        CHECK(r.error.column == 13);
        CHECK(r.error.message == "invalid UTF-8 at byte " + std::to_string(byte));
    }
}

TEST_CASE("overlong and truncated UTF-8 sequences are invalid UTF-8 too") {
    for (std::string bad : {std::string("\xC0\xAF"), std::string("\xE4\xB8"), std::string("\xED\xA0\x80")}) {
        CAPTURE(bad);
        ReadResult r = read_lines("{\"notes\":\"" + bad + "\"}");
        REQUIRE(r.records.size() == 1);
        CHECK(problem_of(r.records[0]) == "parse_error error: column 11: invalid UTF-8 at byte 10");
    }
}

TEST_CASE("the invalid UTF-8 messages are in Chinese for zh-CN") {
    ReadResult lines = read_lines("{\"notes\":\"" + kByteFF + "\"}", 0, Lang::ZhCN);
    REQUIRE(lines.records.size() == 1);
    CHECK(lines.records[0].record.problem.detail == "第 11 列：第 10 字节处不是有效的 UTF-8");
    ReadResult doc = read_json("{\"notes\":\"" + kByteFF + "\"}", 0, Lang::ZhCN);
    REQUIRE(doc.failed);
    CHECK(doc.error.message == "第 10 字节处不是有效的 UTF-8");
}

// ---------------------------------------------------------------------------------------------
// 7. Lone surrogates

TEST_CASE("a lone surrogate escape is a parse error at the escape") {
    struct Case {
        std::string value, shown;
    };
    const Case cases[] = {
        {R"("\ud800")", R"(\ud800)"},
        {R"("\uDC00")", R"(\uDC00)"},
        {R"("\ud800\u0041")", R"(\ud800)"},
        {R"("x\ud800")", R"(\ud800)"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.value);
        const std::string line = "{\"notes\":" + c.value + "}";
        const std::size_t column = line.find('\\') + 1;
        for (std::size_t chunk : kChunks) {
            CAPTURE(chunk);
            ReadResult lines = read_lines(line + "\n" + delivery(), chunk);
            REQUIRE(lines.records.size() == 2);
            CHECK(problem_of(lines.records[0]) == "parse_error error: column " + std::to_string(column) +
                                                      ": lone surrogate " + c.shown + " is not a character");
            CHECK(outcome(check(lines.records[1].record)) == "");

            ReadResult doc = read_json(line, chunk);
            REQUIRE(doc.failed);
            CHECK(doc.records.empty());
            CHECK(doc.error.line == 1);
            CHECK(doc.error.column == column);
            CHECK(doc.error.message == "lone surrogate " + c.shown + " is not a character");
        }
    }
}

TEST_CASE("a surrogate pair escape is one character, not an error") {
    ReadResult r = read_lines(R"({"notes":"\ud83d\ude00"})");
    REQUIRE(r.records.size() == 1);
    CHECK_FALSE(r.records[0].record.has_problem);
    CHECK(value_of(r.records[0].record, "notes") == "\xF0\x9F\x98\x80");
}

// ---------------------------------------------------------------------------------------------
// 8. Huge numbers

TEST_CASE("1e400 as a value is wrong_type on that field and does not fail the file") {
    for (std::string number : {"1e400", "-1e400", "1e-400", "123456789012345678901234567890"}) {
        CAPTURE(number);
        for (std::size_t chunk : kChunks) {
            CAPTURE(chunk);
            ReadResult doc = read_json("[" + delivery({{"notes", number}}) + ",\n" + delivery() + "]", chunk);
            REQUIRE_FALSE(doc.failed);
            REQUIRE(doc.records.size() == 2);
            CHECK(state_of(doc.records[0].record, "notes") == ValueState::WrongType);
            CHECK(outcome(check(doc.records[0].record)) == "notes wrong_type error");
            CHECK(doc.records[1].line == 2);
            CHECK(outcome(check(doc.records[1].record)) == "");

            ReadResult lines = read_lines(delivery({{"target_date", number}}), chunk);
            REQUIRE(lines.records.size() == 1);
            CHECK(outcome(check(lines.records[0].record)) == "target_date wrong_type error");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 9. Non-JSON syntax

TEST_CASE("NaN, Infinity, trailing commas, comments and single quotes are strict parse errors with position") {
    struct Case {
        std::string line;
        std::string detail;  // record-level detail: "column N: message"
    };
    const Case cases[] = {
        {R"({"notes":NaN})", "column 10: NaN and Infinity are not JSON values"},
        {R"({"notes":Infinity})", "column 10: NaN and Infinity are not JSON values"},
        {R"({"notes":-Infinity})", "column 10: NaN and Infinity are not JSON values"},
        {R"({"notes":[1,2,]})", "column 15: trailing comma is not allowed in JSON"},
        {R"({"notes":"x",})", "column 14: trailing comma is not allowed in JSON"},
        {R"({/* c */"notes":"x"})", "column 2: comments are not allowed in JSON"},
        {R"({"notes":// c)", "column 10: comments are not allowed in JSON"},
        {R"({'notes':"x"})", "column 2: strings must use double quotes"},
        {R"({"notes":'x'})", "column 10: strings must use double quotes"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.line);
        for (std::size_t chunk : kChunks) {
            CAPTURE(chunk);
            ReadResult r = read_lines(c.line + "\n" + delivery() + "\n", chunk);
            CHECK_FALSE(r.failed);
            REQUIRE(r.records.size() == 2);
            CHECK(r.records[0].line == 1);
            CHECK(problem_of(r.records[0]) == "parse_error error: " + c.detail);
            CHECK(r.records[1].line == 2);
            CHECK(outcome(check(r.records[1].record)) == "");
        }
    }
}

TEST_CASE("the same syntax errors in a JSON document fail the file at their line and column") {
    struct Case {
        std::string text;
        std::size_t records;  // delivered before the break
        std::uint64_t line, column;
        std::string message;
    };
    const Case cases[] = {
        {"NaN", 0, 1, 1, "NaN and Infinity are not JSON values"},
        {"[\n  NaN\n]", 0, 2, 3, "NaN and Infinity are not JSON values"},
        {"[1,2,]", 2, 1, 6, "trailing comma is not allowed in JSON"},  // 1 and 2: wrong_type records
        {"// records\n[]", 0, 1, 1, "comments are not allowed in JSON"},
        {"[{\"notes\": \"a\"}, /* more */ {}]", 1, 1, 18, "comments are not allowed in JSON"},
        {"[{'notes': 'a'}]", 0, 1, 3, "strings must use double quotes"},
        {"['x']", 0, 1, 2, "strings must use double quotes"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        for (std::size_t chunk : kChunks) {
            CAPTURE(chunk);
            ReadResult r = read_json(c.text, chunk);
            REQUIRE(r.failed);
            CHECK(r.records.size() == c.records);
            CHECK(r.error.line == c.line);
            CHECK(r.error.column == c.column);
            CHECK(r.error.message == c.message);
        }
    }
}

TEST_CASE("array elements that are not objects are wrong_type records, the others are read") {
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_json("[1,\n\"x\",\nnull,\n" + delivery() + "]", chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == 4);
        CHECK(problem_of(r.records[0]) == "wrong_type error: record must be a JSON object, found a number");
        CHECK(problem_of(r.records[1]) == "wrong_type error: record must be a JSON object, found a string");
        CHECK(problem_of(r.records[2]) == "wrong_type error: record must be a JSON object, found null");
        CHECK(r.records[3].index == 3);
        CHECK(r.records[3].line == 4);
        CHECK(outcome(check(r.records[3].record)) == "");
    }
}

// ---------------------------------------------------------------------------------------------
// 10. Trailing content

TEST_CASE("content after a JSON Lines record is a parse_error on that line only") {
    const std::string line = delivery() + " trailing";
    // columns count code points (the record holds Chinese text)
    const std::string detail = "parse_error error: column " + std::to_string(count_code_points(delivery()) + 2) +
                               ": unexpected content after the value";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(line + "\n" + delivery() + "\n" + R"({"id":"a"} {"id":"b"})", chunk);
        CHECK_FALSE(r.failed);
        REQUIRE(r.records.size() == 3);
        CHECK(problem_of(r.records[0]) == detail);
        CHECK(outcome(check(r.records[1].record)) == "");
        CHECK(problem_of(r.records[2]) == "parse_error error: column 12: unexpected content after the value");
    }
}

TEST_CASE("content after a JSON document fails the file after its records were read") {
    struct Case {
        std::string text;
        std::uint64_t line, column;
    };
    const Case cases[] = {
        {R"({"id":"a"} trailing)", 1, 12},
        {"[{\"id\":\"a\"}]\n\n  x", 3, 3},
        {R"({"id":"a"}{"id":"b"})", 1, 11},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        for (std::size_t chunk : kChunks) {
            CAPTURE(chunk);
            ReadResult r = read_json(c.text, chunk);
            REQUIRE(r.failed);
            REQUIRE(r.records.size() == 1);
            CHECK(value_of(r.records[0].record, "id") == "a");
            CHECK(r.error.line == c.line);
            CHECK(r.error.column == c.column);
            CHECK(r.error.message == "unexpected content after the value");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 11. Truncated input

TEST_CASE("a truncated JSON Lines record is a record-level unexpected end of input") {
    for (std::string text : {std::string(R"({"customer":"Ann)"), std::string("{\"customer\":\"Ann\n"),
                             std::string("{\"customer\":\"Ann\r\n")}) {
        CAPTURE(text);
        for (std::size_t chunk : kChunks) {
            CAPTURE(chunk);
            ReadResult r = read_lines(delivery() + "\n" + text, chunk);
            CHECK_FALSE(r.failed);
            REQUIRE(r.records.size() == 2);
            CHECK(outcome(check(r.records[0].record)) == "");
            CHECK(r.records[1].line == 2);
            CHECK(problem_of(r.records[1]) == "parse_error error: column 17: unexpected end of input");
        }
    }
}

TEST_CASE("a truncated JSON document is a file-level unexpected end of input") {
    struct Case {
        std::string text;
        std::size_t records;
        std::uint64_t line, column;
    };
    const Case cases[] = {
        {R"({"customer":"Ann)", 0, 1, 17},
        {R"([{"customer":"Ann)", 0, 1, 18},
        {"[{\"id\":\"a\"},\n{\"customer\":\"Ann", 1, 2, 17},
        {"[{\"id\":\"a\"}", 1, 1, 12},
        {"[{\"id\":\"a\"},", 1, 1, 13},
        {"[", 0, 1, 2},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        for (std::size_t chunk : kChunks) {
            CAPTURE(chunk);
            ReadResult r = read_json(c.text, chunk);
            REQUIRE(r.failed);
            CHECK(r.records.size() == c.records);
            CHECK(r.error.line == c.line);
            CHECK(r.error.column == c.column);
            CHECK(r.error.message == "unexpected end of input");
        }
    }
}

TEST_CASE("the truncation messages are in Chinese for zh-CN") {
    ReadResult lines = read_lines(R"({"customer":"Ann)", 0, Lang::ZhCN);
    REQUIRE(lines.records.size() == 1);
    Diagnostics d = check(lines.records[0].record, Lang::ZhCN);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message == "第 17 列：输入意外结束");
    ReadResult doc = read_json(R"({"customer":"Ann)", 0, Lang::ZhCN);
    REQUIRE(doc.failed);
    CHECK(doc.error.message == "输入意外结束");
}

// ---------------------------------------------------------------------------------------------
// 12 (the part that is a test). Records over 1 MiB

TEST_CASE("a 2 MiB JSON Lines line is exactly one too_large record and the next line is read") {
    const std::string big = "{\"notes\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
    const std::string text =
        delivery({{"id", R"("FT-1")"}}) + "\n" + big + "\n" + delivery({{"id", R"("FT-3")"}}) + "\n";
    for (std::size_t chunk : kBigChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(text, chunk);
        CHECK_FALSE(r.failed);
        REQUIRE(r.records.size() == 3);
        CHECK(r.records[1].index == 1);
        CHECK(r.records[1].line == 2);
        CHECK(problem_of(r.records[1]) == "too_large error: " + kTooLarge);
        CHECK(r.records[2].index == 2);
        CHECK(r.records[2].line == 3);
        CHECK(value_of(r.records[2].record, "id") == "FT-3");
        CHECK(outcome(check(r.records[2].record)) == "");
    }
}

TEST_CASE("a 2 MiB JSON Lines line at the end of input without a newline is one too_large record") {
    const std::string text = delivery() + "\n" + "{\"notes\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
    for (std::size_t chunk : kMiBChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(text, chunk);
        CHECK_FALSE(r.failed);
        REQUIRE(r.records.size() == 2);
        CHECK(r.records[1].line == 2);
        CHECK(problem_of(r.records[1]) == "too_large error: " + kTooLarge);
    }
}

TEST_CASE("a JSON Lines line of exactly 1 MiB is read; one byte more is too_large") {
    auto line_of = [](std::size_t bytes) {
        std::string head = R"({"id":"x")";
        return head + std::string(bytes - head.size() - 1, ' ') + "}";
    };
    for (std::size_t chunk : kMiBChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(line_of(max_record_bytes) + "\n" + line_of(max_record_bytes + 1) + "\r\n" +
                                      line_of(max_record_bytes) + "\r\n",
                                  chunk);
        REQUIRE(r.records.size() == 3);
        CHECK_FALSE(r.records[0].record.has_problem);
        CHECK(value_of(r.records[0].record, "id") == "x");
        CHECK(problem_of(r.records[1]) == "too_large error: " + kTooLarge);
        CHECK_FALSE(r.records[2].record.has_problem);  // CRLF: the CR is not part of the record
        CHECK(r.records[2].line == 3);
    }
}

TEST_CASE("a 2 MiB JSON array element is too_large and the next element is read") {
    const std::string big = "{\"notes\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
    const std::string text =
        "[\n" + delivery({{"id", R"("FT-1")"}}) + ",\n" + big + ",\n" + delivery({{"id", R"("FT-3")"}}) + "\n]\n";
    for (std::size_t chunk : kBigChunks) {
        CAPTURE(chunk);
        ReadResult r = read_json(text, chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == 3);
        CHECK(r.records[1].index == 1);
        CHECK(r.records[1].line == 3);
        CHECK(problem_of(r.records[1]) == "too_large error: " + kTooLarge);
        CHECK(r.records[2].index == 2);
        CHECK(r.records[2].line == 4);
        CHECK(value_of(r.records[2].record, "id") == "FT-3");
        CHECK(outcome(check(r.records[2].record)) == "");
    }
}

TEST_CASE("a too_large record's fields are not checked and its id is not taken") {
    // Even a 2 MiB record full of field errors gets only the one too_large diagnostic.
    const std::string big = delivery({{"owner", R"("x")"}, {"pad", "\"" + std::string(2 * 1024 * 1024, 'a') + "\""}});
    ReadResult r = read_lines(big);
    REQUIRE(r.records.size() == 1);
    CHECK(outcome(check(r.records[0].record)) == " too_large error");
    CHECK(state_of(r.records[0].record, "id") == ValueState::Absent);
}

// ---------------------------------------------------------------------------------------------
// 13. Wrong types

TEST_CASE("wrong types are wrong_type on their own field and the other records are still reported") {
    const std::string text = delivery({{"id", R"("FT-1")"}}) + "\n" +
                             delivery({{"id", R"("FT-2")"}, {"notes", "42"}, {"target_date", "20261215"}}) + "\n" +
                             delivery({{"id", R"("FT-3")"}}) + "\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(text, chunk);
        CHECK_FALSE(r.failed);
        REQUIRE(r.records.size() == 3);
        CHECK(outcome(check(r.records[0].record)) == "");
        CHECK(value_of(r.records[1].record, "id") == "FT-2");
        Diagnostics d = check(r.records[1].record);
        CHECK(outcome(d) == "target_date wrong_type error; notes wrong_type error");
        REQUIRE(d.size() == 2);
        CHECK(d[0].message == "Target date must be a string or null, not a number, boolean, array or object");
        CHECK(d[1].message == "Notes must be a string or null, not a number, boolean, array or object");
        CHECK(outcome(check(r.records[2].record)) == "");
    }
}

TEST_CASE("a JSON Lines line that is not an object is a wrong_type record and the next line is read") {
    const std::string text = "42\n\"text\"\ntrue\n[]\nnull\n" + delivery() + "\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(text, chunk);
        CHECK_FALSE(r.failed);
        REQUIRE(r.records.size() == 6);
        CHECK(problem_of(r.records[0]) == "wrong_type error: record must be a JSON object, found a number");
        CHECK(problem_of(r.records[1]) == "wrong_type error: record must be a JSON object, found a string");
        CHECK(problem_of(r.records[2]) == "wrong_type error: record must be a JSON object, found a boolean");
        CHECK(problem_of(r.records[3]) == "wrong_type error: record must be a JSON object, found an array");
        CHECK(problem_of(r.records[4]) == "wrong_type error: record must be a JSON object, found null");
        CHECK(r.records[5].line == 6);
        CHECK(outcome(check(r.records[5].record)) == "");
    }
}

TEST_CASE("booleans, arrays and objects of any size are wrong_type, and wrong_type comes first") {
    ReadResult r = read_json("[" +
                             delivery({{"id", "true"},
                                       {"customer", "false"},
                                       {"workload", "[]"},
                                       {"l2", R"(["customer_it_infrastructure"])"},
                                       {"owner", "{}"},
                                       {"notes", R"({"text":"a","more":[1,2,{"x":null}]})"},
                                       {"updated_at", "0"}}) +
                             "]");
    REQUIRE_FALSE(r.failed);
    REQUIRE(r.records.size() == 1);
    CHECK(outcome(check(r.records[0].record)) ==
          "id wrong_type error; customer wrong_type error; workload wrong_type error; l2 wrong_type error; "
          "owner wrong_type error; notes wrong_type error; updated_at wrong_type error");
}

TEST_CASE("wrong_type is in Chinese for zh-CN") {
    ReadResult r = read_lines(delivery({{"notes", "42"}}));
    REQUIRE(r.records.size() == 1);
    Diagnostics d = check(r.records[0].record, Lang::ZhCN);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message == "笔记必须是字符串或 null，不能是数字、布尔值、数组或对象");
}

// ---------------------------------------------------------------------------------------------
// 14. Prototype-looking keys

TEST_CASE("keys __proto__ and constructor are unknown_field like any other key") {
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r =
            read_lines(delivery_then(R"("__proto__":{"owner":"x"},"constructor":"y","prototype":null)"), chunk);
        REQUIRE(r.records.size() == 1);
        CHECK(value_of(r.records[0].record, "owner") == "account_team");
        Diagnostics d = check(r.records[0].record);
        CHECK(outcome(d) ==
              "__proto__ unknown_field error; constructor unknown_field error; prototype unknown_field error");
        REQUIRE(d.size() == 3);
        CHECK(d[0].message == "unknown field \"__proto__\": not a key of the record format");
        CHECK(d[1].message == "unknown field \"constructor\": not a key of the record format");
    }
}

// ---------------------------------------------------------------------------------------------
// 15. NUL and control characters

TEST_CASE("an escaped \\u0000 in a string is control_char on that field") {
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(delivery({{"notes", R"("a\u0000b")"}}), chunk);
        REQUIRE(r.records.size() == 1);
        CHECK(value_of(r.records[0].record, "notes") == std::string("a\0b", 3));
        Diagnostics d = check(r.records[0].record);
        CHECK(outcome(d) == "notes control_char error");
        REQUIRE(d.size() == 1);
        CHECK(d[0].message == "Notes contains the control character U+0000 at character 2");
    }
}

TEST_CASE("control characters are C0 except tab, LF and CR, plus DEL and C1") {
    struct Case {
        std::string escaped;
        std::string outcome;
    };
    const Case cases[] = {
        {R"("a\u001fb")", "next_action control_char error"},
        {R"("a\u007fb")", "next_action control_char error"},
        {R"("a\u0085b")", "next_action control_char error"},
        {R"("a\u009fb")", "next_action control_char error"},
        {R"("a\tb\nc\rd")", ""},
        {R"("a\u00a0b")", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.escaped);
        ReadResult r = read_lines(delivery({{"next_action", c.escaped}}));
        REQUIRE(r.records.size() == 1);
        CHECK(outcome(check(r.records[0].record)) == c.outcome);
    }
}

TEST_CASE("control_char comes before too_long and the scenario rule on the same field") {
    // 501 characters with a control character, in a field whose fixed value it also breaks
    ReadResult r =
        read_lines(delivery({{"owner", R"("\u0001")"}, {"next_action", "\"\\u0007" + std::string(500, 'x') + "\""}}));
    REQUIRE(r.records.size() == 1);
    CHECK(outcome(check(r.records[0].record)) == "owner control_char error; next_action control_char error");
}

TEST_CASE("a raw NUL byte in a JSON Lines line is a parse error, never a truncated string") {
    const std::string in_string = std::string("{\"notes\":\"a\0b\"}", 15);
    const std::string between = std::string("{\"id\":\"a\",\0\"notes\":\"b\"}", 23);
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(in_string + "\n" + between + "\n" + delivery() + "\n", chunk);
        CHECK_FALSE(r.failed);
        REQUIRE(r.records.size() == 3);
        CHECK(problem_of(r.records[0]) ==
              "parse_error error: column 12: control character U+0000 must be escaped in a string");
        CHECK(problem_of(r.records[1]) == "parse_error error: column 11: expected a key in double quotes");
        CHECK(outcome(check(r.records[2].record)) == "");
    }
}

TEST_CASE("a raw NUL byte in a JSON document fails the file at its position") {
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_json(std::string("[\n{\"notes\":\"a\0b\"}]", 18), chunk);
        REQUIRE(r.failed);
        CHECK(r.records.empty());
        CHECK(r.error.line == 2);
        CHECK(r.error.column == 12);
        CHECK(r.error.message == "control character U+0000 must be escaped in a string");
    }
}

// ---------------------------------------------------------------------------------------------
// 16. Lengths in code points

TEST_CASE("a 4,000-character Chinese note is valid and 4,001 characters is too_long") {
    std::string note4000;
    for (int i = 0; i < 4000; ++i) note4000 += "阻";  // 3 bytes each: 12,000 bytes
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(delivery({{"notes", "\"" + note4000 + "\""}}) + "\n" +
                                      delivery({{"notes", "\"" + note4000 + "阻\""}}) + "\n",
                                  chunk);
        REQUIRE(r.records.size() == 2);
        CHECK(outcome(check(r.records[0].record)) == "");
        Diagnostics d = check(r.records[1].record);
        CHECK(outcome(d) == "notes too_long error");
        REQUIRE(d.size() == 1);
        CHECK(d[0].message == "Notes is 4001 characters long; at most 4000 are allowed");
        Diagnostics zh = check(r.records[1].record, Lang::ZhCN);
        REQUIRE(zh.size() == 1);
        CHECK(zh[0].message == "笔记最多 4000 个字符，实际为 4001 个");
    }
}

TEST_CASE("characters outside the BMP count once, whether raw or escaped as a surrogate pair") {
    std::string raw, escaped;
    for (int i = 0; i < 4000; ++i) {
        raw += "\xF0\x9F\x98\x80";  // U+1F600, 4 bytes
        escaped += "\\ud83d\\ude00";
    }
    ReadResult r =
        read_lines(delivery({{"notes", "\"" + raw + "\""}}) + "\n" + delivery({{"notes", "\"" + escaped + "\""}}) +
                   "\n" + delivery({{"notes", "\"" + escaped + "x\""}}) + "\n");
    REQUIRE(r.records.size() == 3);
    CHECK(outcome(check(r.records[0].record)) == "");
    CHECK(outcome(check(r.records[1].record)) == "");
    CHECK(outcome(check(r.records[2].record)) == "notes too_long error");
}

// ---------------------------------------------------------------------------------------------
// The pipeline: the same bad input through CheckedInput and the report (what the CLI prints).

TEST_CASE("a record-level problem is reported on its line and the rest of the file is still checked") {
    Report report(ReportFormat::Text, Lang::En);
    report.begin();
    {
        CheckedInput input(report, *builtin_playbook(), ValidationContext{Lang::En, Date{2026, 11, 24}, nullptr},
                           "in.jsonl", InputFormat::JsonLines);
        input.feed(delivery() + "\n" + R"({"customer":"Ann)" + "\n\n" + delivery({{"notes", "42"}}) + "\n");
        input.finish();
    }
    report.end();
    CHECK(report.out() ==
          "in.jsonl:2: error: column 17: unexpected end of input [parse_error]\n"
          "in.jsonl:4: error: notes: Notes must be a string or null, not a number, boolean, array or object "
          "[wrong_type]\n"
          "3 records in 1 file: 1 valid, 2 invalid; 2 errors, 0 warnings, 0 file errors\n");
    CHECK(report.exit_code() == 1);
}

TEST_CASE("a file-level problem keeps the records before it and exits 2") {
    Report report(ReportFormat::Json, Lang::En);
    report.begin();
    {
        CheckedInput input(report, *builtin_playbook(), ValidationContext{Lang::En, Date{2026, 11, 24}, nullptr},
                           "in.json", InputFormat::Json);
        input.feed("[" + delivery({{"id", R"("FT-1")"}}) + ",\n" + std::string(100, '['));
        input.finish();
    }
    report.end();
    CHECK(report.out() ==
          "{\"records\": [\n"
          "{\"file\": \"in.json\", \"index\": 0, \"line\": 1, \"id\": \"FT-1\", \"valid\": true, "
          "\"diagnostics\": []}\n"
          "],\n"
          "\"files\": [\n"
          "{\"file\": \"in.json\", \"count\": 1, \"error\": {\"line\": 2, \"column\": 64, \"message\": "
          "\"nesting deeper than 64\"}}\n"
          "],\n"
          "\"summary\": {\"files\": 1, \"file_errors\": 1, \"records\": 1, \"valid\": 1, \"invalid\": 0, "
          "\"errors\": 0, "
          "\"warnings\": 0}}\n");
    CHECK(report.exit_code() == 2);
}
