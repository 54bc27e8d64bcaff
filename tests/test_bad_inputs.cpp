// docs/bad-inputs.md items 1–16 (JSON, JSON Lines; item 12 is the benchmark's) and docs/record-format.md's
// record-level vs file-level split: every hostile input has one exact outcome — which level,
// which code, which line and column, which sentence. The readers stream, so the key cases run
// with several chunk sizes: no outcome may depend on where the host splits its blocks.
#include "bad_inputs_fixtures.h"

using namespace ftblock;
using namespace ftblock::test::bad_inputs;
using ftblock::test::read_text;
using ftblock::test::ReadResult;
using ftblock::test::state_of;
using ftblock::test::value_of;

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

TEST_CASE("a raw 0xFF byte in a JSON Lines string is a parse_error naming its column and byte in the line") {
    const std::string text = delivery() + "\n{\"notes\":\"ab" + kByteFF + "c\"}\n" + delivery() + "\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_lines(text, chunk);
        CHECK_FALSE(r.failed);
        REQUIRE(r.records.size() == 3);
        CHECK(outcome(check(r.records[0].record)) == "");
        CHECK(r.records[1].line == 2);
        CHECK(problem_of(r.records[1]) ==
              "parse_error error: column 13: invalid UTF-8: byte 0xFF (byte 13 of the line)");
        CHECK(outcome(check(r.records[2].record)) == "");
    }
}

TEST_CASE("the column counts characters, the byte counts bytes: they differ after Chinese text") {
    ReadResult r = read_lines("{\"notes\":\"客户" + kByteFF + "\"}");
    REQUIRE(r.records.size() == 1);
    CHECK(problem_of(r.records[0]) == "parse_error error: column 13: invalid UTF-8: byte 0xFF (byte 17 of the line)");
}

TEST_CASE("a raw 0xFF byte in a JSON document is a file error at its line and column") {
    const std::string text = "[\n" + delivery() + ",\n{\"notes\":\"ab" + kByteFF + "c\"}]";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_json(text, chunk);
        REQUIRE(r.failed);
        REQUIRE(r.records.size() == 1);  // the record before the break stays read
        CHECK(r.error.line == 3);
        CHECK(r.error.column == 13);
        CHECK(r.error.message == "invalid UTF-8: byte 0xFF (byte 13 of the line)");
    }
}

TEST_CASE("in a JSON document the byte of the line counts from the line's start, wherever the element starts") {
    // Same line as an earlier element; inside a multi-line element. (A bad first byte is an
    // unexpected character.)
    const std::string same_line = "[" + delivery() + ", {\"notes\":\"" + kByteFF + "\"}]";
    const std::string later_line = "[" + delivery() + ",\n  {\"id\": \"FT-1\",\n   \"notes\": \"\xE4\xB8\"}]";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult a = read_json(same_line, chunk);
        REQUIRE(a.failed);
        CHECK(a.error.line == 1);
        CHECK(a.error.message ==
              "invalid UTF-8: byte 0xFF (byte " + std::to_string(1 + delivery().size() + 2 + 11) + " of the line)");
        ReadResult b = read_json(later_line, chunk);
        REQUIRE(b.failed);
        CHECK(b.error.line == 3);
        CHECK(b.error.column == 14);
        CHECK(b.error.message == "invalid UTF-8: byte 0xE4 (byte 14 of the line)");
    }
    ReadResult first = read_json(kByteFF + "[]");
    REQUIRE(first.failed);
    CHECK(first.error.line == 1);
    CHECK(first.error.column == 1);
    CHECK(first.error.message == "unexpected character byte 0xFF");
}

TEST_CASE("overlong and truncated UTF-8 sequences are invalid UTF-8 too") {
    for (std::string bad : {std::string("\xC0\xAF"), std::string("\xE4\xB8"), std::string("\xED\xA0\x80")}) {
        CAPTURE(bad);
        ReadResult r = read_lines("{\"notes\":\"" + bad + "\"}");
        REQUIRE(r.records.size() == 1);
        const std::string hex = bad[0] == '\xC0' ? "C0" : bad[0] == '\xE4' ? "E4" : "ED";
        CHECK(problem_of(r.records[0]) ==
              "parse_error error: column 11: invalid UTF-8: byte 0x" + hex + " (byte 11 of the line)");
    }
}

TEST_CASE("the invalid UTF-8 messages are in Chinese for zh-CN") {
    ReadResult lines = read_lines("{\"notes\":\"" + kByteFF + "\"}", 0, Lang::ZhCN);
    REQUIRE(lines.records.size() == 1);
    CHECK(lines.records[0].record.problem.detail == "第 11 列：无效的 UTF-8：字节 0xFF（本行第 11 个字节）");
    ReadResult doc = read_json("{\"notes\":\"" + kByteFF + "\"}", 0, Lang::ZhCN);
    REQUIRE(doc.failed);
    CHECK(doc.error.message == "无效的 UTF-8：字节 0xFF（本行第 11 个字节）");
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
