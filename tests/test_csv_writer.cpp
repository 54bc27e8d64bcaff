// CSV export (csv_writer.cpp): exact bytes, the formula guard (docs/bad-inputs.md#item-24), the BOM for
// Excel (26), and export → import restoring every value exactly (17, 24).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ftblock/writer.h"
#include "test_util.h"

using namespace ftblock;
using ftblock::test::read_text;
using ftblock::test::ReadResult;
using ftblock::test::value_of;

namespace {

std::string cell(std::string_view value) {
    std::string out;
    append_csv_cell(out, value);
    return out;
}

Record record_with(const std::vector<std::pair<std::string, std::string>>& strings) {
    const Playbook& playbook = *builtin_playbook();
    Record record;
    record.reset(playbook.fields.size());
    for (const auto& [key, text] : strings) {
        FieldValue& value = record[playbook.field_index(key)];
        value.state = ValueState::String;
        value.text = text;
    }
    return record;
}

// Export one record (BOM, header, row), read it back, and return the one record read.
Record round_trip(const Record& record, std::size_t chunk) {
    const Playbook& playbook = *builtin_playbook();
    std::string out(utf8_bom);
    append_csv_header(out, playbook);
    append_csv_row(out, playbook, record);
    ReadResult r = read_text(InputFormat::Csv, out, chunk);
    REQUIRE_FALSE(r.failed);
    REQUIRE(r.records.size() == 1);
    CHECK_FALSE(r.records[0].record.has_problem);
    return r.records[0].record;
}

// Deterministic "random" text over the characters CSV and the guard care about.
std::string random_text(std::uint32_t& seed) {
    static const char* const kPieces[] = {"=",    "+", "-", "@", "\t", "\r", "\n",   "\r\n", "'",
                                          "\"",   ",", " ", "a", "Z",  "0",  "客户", "；",   "\xF0\x9F\x98\x80",
                                          "\x7F", ""};
    seed = seed * 1664525u + 1013904223u;
    std::size_t length = (seed >> 24) % 9;
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
        seed = seed * 1664525u + 1013904223u;
        out += kPieces[(seed >> 16) % (sizeof kPieces / sizeof kPieces[0])];
    }
    return out;
}

}  // namespace

TEST_CASE("the CSV header lists every record key in the table's order, ending in CRLF") {
    std::string out;
    append_csv_header(out, *builtin_playbook());
    CHECK(out ==
          "id,customer,workload,scenario,updated_by,l1,l2,l3,service_state,engagement_scenario,"
          "target_date,owner,notes,next_action_date,next_action,updated_at\r\n");
}

TEST_CASE("plain text is written as is and empty text as an empty cell") {
    CHECK(cell("Contoso Ltd") == "Contoso Ltd");
    CHECK(cell("a=b+c-d@e") == "a=b+c-d@e");  // only the first character can start a formula
    CHECK(cell("客户的 VPN 设备") == "客户的 VPN 设备");
    CHECK(cell("") == "");
}

TEST_CASE("cells with a comma, quote or line end are quoted with quotes doubled") {
    CHECK(cell("a,b") == "\"a,b\"");
    CHECK(cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(cell("\"") == "\"\"\"\"");
    CHECK(cell("one\r\ntwo") == "\"one\r\ntwo\"");
    CHECK(cell("one\ntwo") == "\"one\ntwo\"");
    CHECK(cell("one\rtwo") == "\"one\rtwo\"");
    CHECK(cell("\nfirst") == "\"\nfirst\"");  // a leading LF is not a formula start
}

TEST_CASE("text a spreadsheet would run as a formula gets a leading quote and is quoted") {
    CHECK(cell("=SUM(A1:A9)") == "\"'=SUM(A1:A9)\"");
    CHECK(cell("+1") == "\"'+1\"");
    CHECK(cell("-1") == "\"'-1\"");
    CHECK(cell("-") == "\"'-\"");
    CHECK(cell("@cmd") == "\"'@cmd\"");
    CHECK(cell("\tx") == "\"'\tx\"");
    CHECK(cell("\rx") == "\"'\rx\"");
    CHECK(cell("'quoted") == "\"''quoted\"");
    CHECK(cell("=HYPERLINK(\"http://x\",\"a\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\"");
}

TEST_CASE("a row writes absent, null and wrong-type fields as empty cells") {
    const Playbook& playbook = *builtin_playbook();
    Record record = record_with({{"id", "FT-1"}, {"notes", "a,b"}, {"updated_at", "2026-11-24"}});
    record[playbook.field_index("l3")].state = ValueState::Null;
    record[playbook.field_index("owner")].state = ValueState::WrongType;
    record[playbook.field_index("owner")].text = "42";
    std::string out;
    append_csv_row(out, playbook, record);
    CHECK(out == "FT-1,,,,,,,,,,,,\"a,b\",,,2026-11-24\r\n");
}

TEST_CASE("an export for Excel starts with the UTF-8 BOM and keeps Chinese text byte for byte") {
    const Playbook& playbook = *builtin_playbook();
    const std::string note = "客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。";
    Record record = record_with({{"id", "FT-2026-000123"}, {"customer", "Contoso Ltd"}, {"notes", note}});
    std::string out(utf8_bom);
    append_csv_header(out, playbook);
    append_csv_row(out, playbook, record);
    REQUIRE(out.size() > 3);
    CHECK(static_cast<unsigned char>(out[0]) == 0xEF);
    CHECK(static_cast<unsigned char>(out[1]) == 0xBB);
    CHECK(static_cast<unsigned char>(out[2]) == 0xBF);
    CHECK(out.substr(3, 3) == "id,");
    CHECK(out.find(note) != std::string::npos);
    CHECK(out.substr(out.size() - 2) == "\r\n");
    ReadResult r = read_text(InputFormat::Csv, out);
    REQUIRE(r.records.size() == 1);
    CHECK(value_of(r.records[0].record, "id") == "FT-2026-000123");
    CHECK(value_of(r.records[0].record, "notes") == note);
}

TEST_CASE("every formula-like, quoted and multi-line value survives export and import exactly") {
    const std::vector<std::string> values = {
        "=1+2",          "+1", "-1",    "@SUM(A1)", "\tTAB", "\rCR", "'", "''",  "'=x", "'abc",       "-", "=",
        "a\r\nb, \"c\"", "\"", "\",\"", ",",        "\r\n",  "\n",   " ", "'\n", "x'",  "客户\r\n甲", "",
    };
    const Playbook& playbook = *builtin_playbook();
    for (const std::string& value : values) {
        for (std::size_t chunk : {std::size_t(0), std::size_t(1), std::size_t(2), std::size_t(3), std::size_t(7)}) {
            CAPTURE(value);
            CAPTURE(chunk);
            Record back = round_trip(record_with({{"id", "FT-1"}, {"notes", value}, {"updated_at", value}}), chunk);
            CHECK(value_of(back, "notes") == value);
            CHECK(value_of(back, "updated_at") == value);
            CHECK(back[playbook.field_index("notes")].state == ValueState::String);
        }
    }
}

TEST_CASE("many pseudo-random records survive export and import in one file exactly") {
    const Playbook& playbook = *builtin_playbook();
    std::uint32_t seed = 20261124;
    std::vector<Record> records;
    std::string out(utf8_bom);
    append_csv_header(out, playbook);
    for (int i = 0; i < 300; ++i) {
        Record record;
        record.reset(playbook.fields.size());
        for (FieldValue& value : record.values) {
            value.state = ValueState::String;
            value.text = random_text(seed);
        }
        record[0].text = "FT-" + std::to_string(i);  // never a physically empty line
        append_csv_row(out, playbook, record);
        records.push_back(record);
    }
    for (std::size_t chunk : {std::size_t(0), std::size_t(1), std::size_t(3), std::size_t(7), std::size_t(4096)}) {
        CAPTURE(chunk);
        ReadResult r = read_text(InputFormat::Csv, out, chunk);
        REQUIRE_FALSE(r.failed);
        REQUIRE(r.records.size() == records.size());
        for (std::size_t i = 0; i < records.size(); ++i) {
            CHECK_FALSE(r.records[i].record.has_problem);
            for (std::size_t f = 0; f < playbook.fields.size(); ++f) {
                CAPTURE(i);
                CAPTURE(f);
                CHECK(r.records[i].record.values[f].text == records[i].values[f].text);
            }
        }
    }
}
