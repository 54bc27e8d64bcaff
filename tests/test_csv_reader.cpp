// CSV reader (csv_reader.cpp): RFC 4180 details, docs/bad-inputs.md#csv (items 17–25), positions and streaming.
// Every important case runs with several chunk sizes, so no result depends on where the host
// happens to split its blocks.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "test_util.h"

using namespace ftblock;
using ftblock::test::read_text;
using ftblock::test::ReadResult;
using ftblock::test::state_of;
using ftblock::test::value_of;

namespace {

const std::size_t kChunks[] = {0, 1, 2, 3, 7};  // 0: the whole input at once

const std::string kAllKeys =
    "id,customer,workload,scenario,updated_by,l1,l2,l3,service_state,engagement_scenario,"
    "target_date,owner,notes,next_action_date,next_action,updated_at";

ReadResult read_csv(std::string_view text, std::size_t chunk = 0, Lang lang = Lang::En) {
    return read_text(InputFormat::Csv, text, chunk, lang);
}

// A data row for the 16-column header with an id and fifteen simple cells.
std::string full_row(const std::string& id) {
    std::string row = id;
    for (int i = 1; i < 16; ++i) row += ",v" + std::to_string(i);
    return row;
}

}  // namespace

TEST_CASE("quoted cells keep embedded CRLF, commas and doubled quotes exactly") {
    const std::string text =
        "id,notes,customer\r\n"
        "FT-1,\"line one\r\nline two, with a comma and \"\"quotes\"\"\",Contoso\r\n"
        "FT-2,\"\",\"a\nb\rc\"\r\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == 2);
        CHECK(r.records[0].index == 0);
        CHECK(r.records[0].line == 2);
        CHECK_FALSE(r.records[0].record.has_problem);
        CHECK(value_of(r.records[0].record, "id") == "FT-1");
        CHECK(value_of(r.records[0].record, "notes") == "line one\r\nline two, with a comma and \"quotes\"");
        CHECK(value_of(r.records[0].record, "customer") == "Contoso");
        CHECK(state_of(r.records[0].record, "workload") == ValueState::Absent);
        CHECK(r.records[1].index == 1);
        CHECK(r.records[1].line == 4);  // the CRLF inside the quotes is a physical line
        CHECK(state_of(r.records[1].record, "notes") == ValueState::String);
        CHECK(value_of(r.records[1].record, "notes") == "");
        CHECK(value_of(r.records[1].record, "customer") == "a\nb\rc");
    }
}

TEST_CASE("a quoted cell left open at the end of input fails the file at its opening quote") {
    const std::string text = "id,notes\r\nFT-1,ok\r\nFT-2,\"never closed\r\nmore, text\r\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE(r.failed);
        CHECK(r.error.line == 3);
        CHECK(r.error.column == 6);
        CHECK(r.error.message == "unterminated quoted field opened at line 3");
        REQUIRE(r.records.size() == 1);  // records before the break stay delivered
        CHECK(value_of(r.records[0].record, "id") == "FT-1");
    }
}

TEST_CASE("the column of an unterminated quote counts code points, not bytes") {
    const std::string text = "customer,notes\n客户甲,\"未结束";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE(r.failed);
        CHECK(r.error.line == 2);
        CHECK(r.error.column == 5);
        CHECK(r.error.message == "unterminated quoted field opened at line 2");
        CHECK(r.records.empty());
    }
}

TEST_CASE("a quote inside an unquoted cell fails the file with its row, field and column") {
    const std::string text = "id,customer,notes\nFT-1,ok,fine\nFT-2,客户\"甲,x\nFT-3,a,b\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE(r.failed);
        CHECK(r.error.line == 3);
        CHECK(r.error.column == 8);
        CHECK(r.error.message == "quote inside an unquoted field (row 3, field 2)");
        REQUIRE(r.records.size() == 1);
    }
}

TEST_CASE("text after a closing quote fails the file and names the character") {
    struct Case {
        std::string text;
        std::uint64_t column;
        std::string found;
    };
    const Case cases[] = {
        {"id,notes\n\"FT-1\"x,n\n", 7, "'x'"},
        {"id,notes\nFT-1,\"a\"é\n", 9, "'é'"},
        {"id,notes\nFT-1,\"a\" \n", 9, "' '"},
        {"id,notes\nFT-1,\"a\"\t\n", 9, "U+0009"},
        {"id,notes\nFT-1,\"a\"\xE9", 9, "0xE9"},
        {"id,notes\nFT-1,\"a\"\xE4\xB8", 9, "0xE4"},  // a sequence cut short by the end of input
    };
    for (const Case& c : cases) {
        for (std::size_t chunk : kChunks) {
            CAPTURE(c.text);
            CAPTURE(chunk);
            ReadResult r = read_csv(c.text, chunk);
            REQUIRE(r.failed);
            CHECK(r.error.line == 2);
            CHECK(r.error.column == c.column);
            CHECK(r.error.message == "expected ',' or a line end after the closing quote, found " + c.found);
            CHECK(r.records.empty());
        }
    }
}

TEST_CASE("a ragged row is a parse_error record naming its row and counts, and reading goes on") {
    std::string text = kAllKeys + "\r\n";
    for (int i = 2; i <= 8; ++i) text += full_row("FT-" + std::to_string(i)) + "\r\n";
    text += "FT-9,Contoso,teams\r\n";          // line 9: 3 cells
    text += full_row("FT-10") + ",extra\r\n";  // line 10: 17 cells
    text += full_row("FT-11") + "\r\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == 10);
        for (std::size_t i = 0; i < 7; ++i) CHECK_FALSE(r.records[i].record.has_problem);
        const Record& short_row = r.records[7].record;
        CHECK(r.records[7].index == 7);
        CHECK(r.records[7].line == 9);
        REQUIRE(short_row.has_problem);
        CHECK(short_row.problem.code == Code::ParseError);
        CHECK(short_row.problem.detail == "row 9 has 3 fields, expected 16");
        CHECK(value_of(short_row, "id") == "FT-9");  // the cells that are there are kept
        CHECK(state_of(short_row, "scenario") == ValueState::Absent);
        const Record& long_row = r.records[8].record;
        REQUIRE(long_row.has_problem);
        CHECK(long_row.problem.code == Code::ParseError);
        CHECK(long_row.problem.detail == "row 10 has 17 fields, expected 16");
        CHECK(r.records[9].line == 11);
        CHECK_FALSE(r.records[9].record.has_problem);
        CHECK(value_of(r.records[9].record, "updated_at") == "v15");
    }
}

TEST_CASE("a ragged row is reported in Chinese when the reader speaks Chinese") {
    ReadResult r = read_csv("id,customer\nFT-1\n", 0, Lang::ZhCN);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].record.problem.detail == "第 2 行有 1 个字段，应为 2 个");
}

TEST_CASE("a UTF-8 byte-order mark before the header is not part of the first column name") {
    const std::string text = "\xEF\xBB\xBFid,customer\r\nFT-1,Contoso\r\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == 1);
        CHECK(value_of(r.records[0].record, "id") == "FT-1");
        CHECK(value_of(r.records[0].record, "customer") == "Contoso");
    }
}

TEST_CASE("Windows-1252 bytes make a parse_error record naming row and column, never stored") {
    const std::string text = "id,customer,notes\r\nFT-1,Contoso,Caf\xE9 au lait\r\nFT-2,Fabrikam,ok\r\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == 2);
        const Record& bad = r.records[0].record;
        REQUIRE(bad.has_problem);
        CHECK(bad.problem.code == Code::ParseError);
        CHECK(bad.problem.detail == "field 3 (notes) of row 2 is not valid UTF-8");
        CHECK(state_of(bad, "notes") == ValueState::Absent);
        CHECK(value_of(bad, "notes").empty());
        CHECK(value_of(bad, "customer") == "Contoso");
        CHECK_FALSE(r.records[1].record.has_problem);
        CHECK(value_of(r.records[1].record, "notes") == "ok");
    }
}

TEST_CASE("a UTF-8 sequence split across two cells is invalid in both and stored in neither") {
    // Joined, "\xE4\xB8" + "\xAD" would be a valid 中: each cell must be checked on its own.
    const std::string text = "id,customer,notes\nFT-1,a\xE4\xB8,\xAD\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE(r.records.size() == 1);
        const Record& rec = r.records[0].record;
        CHECK(rec.problem.detail == "field 2 (customer) of row 2 is not valid UTF-8");
        CHECK(state_of(rec, "customer") == ValueState::Absent);
        CHECK(state_of(rec, "notes") == ValueState::Absent);
        for (const FieldValue& v : rec.values) CHECK(find_invalid_utf8(v.text) == std::string_view::npos);
    }
}

TEST_CASE("cells are checked by the strict UTF-8 rules: no overlongs, surrogates or past U+10FFFF") {
    const char* const invalid[] = {
        "\xC0\x80",         "\xC1\xBF",         "\xE0\x80\x80",     "\xE0\x9F\xBF",     "\xED\xA0\x80", "\xED\xBF\xBF",
        "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF",         "\x80",
        "ok\xBF",           "\xE4\xB8",         "\xE4\xB8x",        "\xF0\x9F\x98",     "12345678\xC3",
    };
    for (const char* bad : invalid) {
        CAPTURE(bad);
        ReadResult r = read_csv(std::string("id,notes\nFT-1,") + bad + "\n");
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0].record.problem.detail == "field 2 (notes) of row 2 is not valid UTF-8");
        CHECK(state_of(r.records[0].record, "notes") == ValueState::Absent);
    }
    const char* const valid[] = {
        "\xC2\x80",
        "\xDF\xBF",
        "\xE0\xA0\x80",
        "\xED\x9F\xBF",
        "\xEE\x80\x80",
        "\xEF\xBF\xBF",
        "\xF0\x90\x80\x80",
        "\xF4\x8F\xBF\xBF",
        "abcdefgh\xE4\xB8\xADijklmnop",
        "\x7F",
    };
    for (const char* good : valid) {
        CAPTURE(good);
        ReadResult r = read_csv(std::string("id,notes\nFT-1,") + good + "\n");
        REQUIRE(r.records.size() == 1);
        CHECK_FALSE(r.records[0].record.has_problem);
        CHECK(value_of(r.records[0].record, "notes") == good);
    }
}

TEST_CASE("header problems fail the file, name the columns and deliver no records") {
    struct Case {
        std::string text;
        std::uint64_t line, column;
        std::string message;
    };
    const Case cases[] = {
        {"id,customer,notes,customer\nFT-1,a,b,c\n", 1, 19, "duplicate column name in the header: customer"},
        {"id,,notes\nFT-1,a,b\n", 1, 4, "empty column name in the header (field 2)"},
        {"id,notes,\nFT-1,a,b\n", 1, 10, "empty column name in the header (field 3)"},
        {"\n\r\nid,\"\",notes\n", 3, 4, "empty column name in the header (field 2)"},
        {"id,Customer,notes,foo\nFT-1,a,b,c\n", 1, 4, "unknown column names in the header: Customer, foo"},
        {"\xEF\xBB\xBF\xEF\xBB\xBFid\n", 1, 1, "unknown column name in the header: \xEF\xBB\xBFid"},
        {"id,n\xE9\n", 1, 4, "unknown column name in the header: n\xEF\xBF\xBD"},
        {"客户,\"id \"", 1, 1, "unknown column names in the header: 客户, id "},
    };
    for (const Case& c : cases) {
        for (std::size_t chunk : kChunks) {
            CAPTURE(c.text);
            CAPTURE(chunk);
            ReadResult r = read_csv(c.text, chunk);
            REQUIRE(r.failed);
            CHECK(r.error.line == c.line);
            CHECK(r.error.column == c.column);
            CHECK(r.error.message == c.message);
            CHECK(r.records.empty());
        }
    }
}

TEST_CASE("a header listing many unknown names names the first 20 and counts the rest") {
    std::string header = "id";
    for (int i = 1; i <= 25; ++i) header += ",x" + std::to_string(i);
    std::string listed;
    for (int i = 1; i <= 20; ++i) listed += (i > 1 ? ", x" : "x") + std::to_string(i);
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(header + "\n", chunk);
        REQUIRE(r.failed);
        CHECK(r.error.column == 4);
        CHECK(r.error.message == "unknown column names in the header: " + listed + ", … and 5 more");
        ReadResult zh = read_csv(header + "\n", chunk, Lang::ZhCN);
        CHECK(zh.error.message == "表头中有未知的列名：" + listed + "……等另外 5 个");
    }
}

TEST_CASE("huge headers: positions stay exact across chunks and messages stay bounded") {
    // 100,000 unknown names (Chinese, so columns and bytes differ), read whole and in odd chunks.
    std::string header = "id";
    for (int i = 0; i < 100000; ++i) header += ",名" + std::to_string(i);
    for (std::size_t chunk : {std::size_t{0}, std::size_t{4093}, std::size_t{65536}}) {
        CAPTURE(chunk);
        ReadResult r = read_csv(header + "\n", chunk);
        REQUIRE(r.failed);
        CHECK(r.error.column == 4);
        CHECK(r.error.message.size() < 400);
        CHECK(r.error.message.find("… and 99980 more") != std::string::npos);
    }
    // The last cell is the problem: its column is counted over the whole line.
    std::string dup = "id";
    for (int i = 0; i < 50000; ++i) dup += ",客户";  // unknown … but an empty cell comes first below
    dup += ",";
    for (std::size_t chunk : {std::size_t{0}, std::size_t{4093}}) {
        ReadResult r = read_csv(dup + "\n", chunk);
        REQUIRE(r.failed);
        CHECK(r.error.message == "empty column name in the header (field 50002)");
        CHECK(r.error.column == 2 + 50000 * 3 + 1 + 1);
    }
    // "id" repeated: the duplicate at column 4, whatever follows.
    std::string ids = "id";
    for (int i = 0; i < 300000; ++i) ids += ",id";
    ReadResult r = read_csv(ids + "\n", 4093);
    REQUIRE(r.failed);
    CHECK(r.error.column == 4);
    CHECK(r.error.message == "duplicate column name in the header: id");
}

TEST_CASE("header columns may come in any order and absent columns stay absent") {
    ReadResult r = read_csv("updated_at,\"notes\",id\n2026-01-02,n,FT-1\n");
    REQUIRE_FALSE(r.failed);
    REQUIRE(r.records.size() == 1);
    const Record& rec = r.records[0].record;
    CHECK(value_of(rec, "updated_at") == "2026-01-02");
    CHECK(value_of(rec, "notes") == "n");
    CHECK(value_of(rec, "id") == "FT-1");
    int absent = 0;
    for (const FieldValue& v : rec.values) absent += v.state == ValueState::Absent;
    CHECK(absent == 13);
}

TEST_CASE("mixed CRLF, LF and CR line ends and no final newline parse consistently") {
    const std::string text = "id,customer\r\nA,1\nB,2\rC,3\r\n\nD,4";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == 4);
        const char* ids[] = {"A", "B", "C", "D"};
        const char* customers[] = {"1", "2", "3", "4"};
        const std::uint64_t lines[] = {2, 3, 4, 6};
        for (std::size_t i = 0; i < 4; ++i) {
            CAPTURE(i);
            CHECK(r.records[i].index == i);
            CHECK(r.records[i].line == lines[i]);
            CHECK_FALSE(r.records[i].record.has_problem);
            CHECK(value_of(r.records[i].record, "id") == ids[i]);
            CHECK(value_of(r.records[i].record, "customer") == customers[i]);
        }
    }
}

TEST_CASE("blank lines are skipped anywhere and line keeps the physical line") {
    const std::string text = "\r\n\n\rid,customer\n\n\r\nA,1\r\r\rB,\"x\"\n\n";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == 2);
        CHECK(r.records[0].index == 0);
        CHECK(r.records[0].line == 7);
        CHECK(value_of(r.records[0].record, "id") == "A");
        CHECK(r.records[1].index == 1);
        CHECK(r.records[1].line == 10);
        CHECK(value_of(r.records[1].record, "customer") == "x");
    }
}

TEST_CASE("empty input, blank lines only and a header only are zero records without error") {
    const char* inputs[] = {"", "\r\n\n\r", "\xEF\xBB\xBF", kAllKeys.c_str(), "id,notes\r\n", "id\n\n\n"};
    for (const char* text : inputs) {
        for (std::size_t chunk : kChunks) {
            CAPTURE(text);
            CAPTURE(chunk);
            ReadResult r = read_csv(text, chunk);
            CHECK_FALSE(r.failed);
            CHECK(r.records.empty());
        }
    }
}

TEST_CASE("empty cells are empty strings, including a trailing one at the end of input") {
    const std::string text = "id,customer,notes\n,\"\",\nFT-2,a,";
    for (std::size_t chunk : kChunks) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE(r.records.size() == 2);
        for (const char* key : {"id", "customer", "notes"}) {
            CHECK(state_of(r.records[0].record, key) == ValueState::String);
            CHECK(value_of(r.records[0].record, key).empty());
        }
        CHECK_FALSE(r.records[1].record.has_problem);
        CHECK(state_of(r.records[1].record, "notes") == ValueState::String);
        CHECK(value_of(r.records[1].record, "notes").empty());
    }
}

TEST_CASE("one formula guard quote is removed only before a formula character or a quote") {
    const std::string text =
        "id,customer,notes,owner,l2,l3,next_action,scenario,workload\n"
        "'=1,\"'+2\",'-3,'@x,\"'\t\",\"'\rr\",'''a,'abc,'\n";
    ReadResult r = read_csv(text);
    REQUIRE(r.records.size() == 1);
    const Record& rec = r.records[0].record;
    CHECK_FALSE(rec.has_problem);
    CHECK(value_of(rec, "id") == "=1");
    CHECK(value_of(rec, "customer") == "+2");
    CHECK(value_of(rec, "notes") == "-3");
    CHECK(value_of(rec, "owner") == "@x");
    CHECK(value_of(rec, "l2") == "\t");
    CHECK(value_of(rec, "l3") == "\rr");
    CHECK(value_of(rec, "next_action") == "''a");
    CHECK(value_of(rec, "scenario") == "'abc");  // not a guard: kept as typed
    CHECK(value_of(rec, "workload") == "'");
}

TEST_CASE("a row over 1 MiB is a too_large record, its quotes still tracked to find its end") {
    std::string big = "\"";
    while (big.size() <= max_record_bytes) big += "x,\r\ny\"\"z";  // commas, line ends, quotes inside
    big += "\"";
    std::string text = "id,notes\r\nFT-1," + big + "\r\nFT-2,after\r\n";
    const std::uint64_t big_lines = 1 + static_cast<std::uint64_t>(std::count(big.begin(), big.end(), '\n'));
    for (std::size_t chunk : {std::size_t(0), std::size_t(7), std::size_t(65536)}) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == 2);
        const Record& rec = r.records[0].record;
        CHECK(r.records[0].line == 2);
        REQUIRE(rec.has_problem);
        CHECK(rec.problem.code == Code::TooLarge);
        CHECK(rec.problem.detail == "record is over 1048576 bytes; its fields were not checked");
        for (const FieldValue& v : rec.values) CHECK(v.state == ValueState::Absent);
        CHECK(r.records[1].index == 1);
        CHECK(r.records[1].line == 2 + big_lines);
        CHECK(value_of(r.records[1].record, "notes") == "after");
    }
}

TEST_CASE("a row of exactly 1 MiB is read and one byte more is too_large") {
    const std::string fits(max_record_bytes, 'n');
    ReadResult r = read_csv("notes\n" + fits + "\n" + fits + "n\n" + "ok");
    REQUIRE(r.records.size() == 3);
    CHECK_FALSE(r.records[0].record.has_problem);
    CHECK(value_of(r.records[0].record, "notes") == fits);
    CHECK(r.records[1].record.problem.code == Code::TooLarge);
    CHECK(r.records[1].record.has_problem);
    CHECK(r.records[2].line == 4);
    CHECK(value_of(r.records[2].record, "notes") == "ok");
}

TEST_CASE("a row of many empty cells over 1 MiB is too_large rather than ragged") {
    std::string text = "id,notes\n" + std::string(max_record_bytes + 1, ',') + "\nFT-2,x\n";
    ReadResult r = read_csv(text, 4096);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].record.problem.code == Code::TooLarge);
    CHECK_FALSE(r.records[1].record.has_problem);
}

TEST_CASE("a stray quote in an oversized row still fails the file") {
    std::string text = "id,notes\nFT-1," + std::string(max_record_bytes + 10, 'x') + "\"\n";
    ReadResult r = read_csv(text, 65536);
    REQUIRE(r.failed);
    CHECK(r.error.line == 2);
    CHECK(r.error.column == 6 + max_record_bytes + 10);
    CHECK(r.error.message == "quote inside an unquoted field (row 2, field 2)");
}

TEST_CASE("every chunking of a tricky file gives the same records as reading it whole") {
    const std::string text =
        "\r\nid,customer,notes\r\n"
        "\"FT,1\",\"客户\r\n甲\",\"'=x\"\r"
        "FT-2,\"\"\"\",\xE9\n"
        "\n"
        "FT-3,short\r\n"
        "FT-4,\"a\"\"b\",\"\"\r\n"
        "FT-5,,\"x\ny\"";
    ReadResult whole = read_csv(text);
    REQUIRE_FALSE(whole.failed);
    REQUIRE(whole.records.size() == 5);
    CHECK(value_of(whole.records[0].record, "customer") == "客户\r\n甲");
    CHECK(value_of(whole.records[0].record, "notes") == "=x");
    CHECK(whole.records[1].record.problem.detail == "field 3 (notes) of row 5 is not valid UTF-8");
    CHECK(whole.records[2].record.problem.detail == "row 7 has 2 fields, expected 3");
    for (std::size_t chunk = 1; chunk <= text.size(); ++chunk) {
        CAPTURE(chunk);
        ReadResult r = read_csv(text, chunk);
        REQUIRE(r.records.size() == whole.records.size());
        for (std::size_t i = 0; i < r.records.size(); ++i) {
            CHECK(r.records[i].index == whole.records[i].index);
            CHECK(r.records[i].line == whole.records[i].line);
            CHECK(r.records[i].record.has_problem == whole.records[i].record.has_problem);
            CHECK(r.records[i].record.problem.detail == whole.records[i].record.problem.detail);
            for (std::size_t f = 0; f < r.records[i].record.values.size(); ++f) {
                CHECK(r.records[i].record.values[f].state == whole.records[i].record.values[f].state);
                CHECK(r.records[i].record.values[f].text == whole.records[i].record.values[f].text);
            }
        }
    }
}
