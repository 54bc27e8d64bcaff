// docs/bad-inputs.md items 12 (the record size limit; the memory figure is the benchmark's), 13–16,
// and docs/record-format.md's record-level vs file-level split (see test_bad_inputs.cpp for items 1–11).
#include "bad_inputs_fixtures.h"

using namespace ftblock;
using namespace ftblock::test::bad_inputs;
using ftblock::test::read_text;
using ftblock::test::ReadResult;
using ftblock::test::state_of;
using ftblock::test::value_of;

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
        // Valid; as a note, one repeated character says no why and is far too long (note_quality).
        CHECK(outcome(check(r.records[0].record)) == "notes note_quality warning; notes note_quality warning");
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
    // Valid (only the note hints: no why, far too long).
    CHECK(outcome(check(r.records[0].record)) == "notes note_quality warning; notes note_quality warning");
    CHECK(outcome(check(r.records[1].record)) == "notes note_quality warning; notes note_quality warning");
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
