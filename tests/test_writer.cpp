// JSON export: what the JSON writer writes reads back to the same record, and JSON strings are
// always valid UTF-8 JSON, whatever bytes come in (file names on the command line).
#include <nlohmann/json.hpp>

#include "ftblock/writer.h"
#include "scenario_fixtures.h"

using namespace ftblock;
using namespace ftblock::test;

TEST_CASE("a record written as JSON reads back to the same values") {
    Record r = parse_record(with(kDelivery, "notes", "\"第一行\\n\\t\\\"引号\\\" \\\\ \\u0001 😀\""));
    std::string json = record_to_json(*builtin_playbook(), r);
    Record back = parse_record(json);
    CHECK(back.values.size() == r.values.size());
    for (std::size_t f = 0; f < r.values.size(); ++f) {
        CAPTURE(f);
        CHECK(back.values[f].state == r.values[f].state);
        CHECK(back.values[f].text == r.values[f].text);
    }
    CHECK(json.rfind("{\"id\": \"FT-2026-000123\", \"customer\": \"Contoso Ltd\"", 0) == 0);
}

TEST_CASE("JSON strings escape quotes, backslashes and controls, and replace invalid UTF-8") {
    std::string out;
    append_json_string(out, std::string("a\"b\\c\n\x01\x7f\xff受", 12));
    CHECK(out == "\"a\\\"b\\\\c\\n\\u0001\\u007f\xEF\xBF\xBD受\"");
    CHECK(nlohmann::json::parse(out).get<std::string>() == "a\"b\\c\n\x01\x7f\xEF\xBF\xBD受");
}
