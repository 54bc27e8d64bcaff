// The JSON Schema generated from the playbook data: valid JSON of draft 2020-12 that carries
// every field, the lists, the lengths and, per scenario, the fixed and forbidden fields.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "ftblock/schema.h"

using namespace ftblock;
using nlohmann::json;

TEST_CASE("the schema is draft 2020-12 with every field, closed to unknown keys") {
    json s = json::parse(json_schema(*builtin_playbook()));
    CHECK(s["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    CHECK(s["additionalProperties"] == false);
    CHECK(s["properties"].size() == 16);
    CHECK(s["properties"]["notes"]["maxLength"] == 4000);
    CHECK(s["properties"]["customer"]["maxLength"] == 200);
    CHECK(s["properties"]["owner"]["type"] == json::array({"string", "null"}));
}

TEST_CASE("the schema fixes the delivery owner to account_team and forbids an assignment target date") {
    json s = json::parse(json_schema(*builtin_playbook()));
    json delivery, assignment;
    for (const json& part : s["allOf"]) {
        if (!part.contains("if")) continue;
        std::string id = part["if"]["properties"]["scenario"]["const"];
        (id == "delivery" ? delivery : assignment) = part["then"];
    }
    REQUIRE(delivery.is_object());
    REQUIRE(assignment.is_object());
    CHECK(delivery["properties"]["owner"]["const"] == "account_team");
    CHECK(assignment["properties"]["owner"]["const"] == "delivery_fm");
    CHECK(assignment["properties"]["target_date"]["$ref"] == "#/$defs/empty");
    CHECK(assignment["properties"]["next_action"]["const"] == "kickoff_meeting");
    CHECK(delivery["required"] == json::array({"updated_by", "target_date", "owner", "next_action"}));
}

TEST_CASE("scenario-independent lists are in the schema: the eight L2 ids") {
    json s = json::parse(json_schema(*builtin_playbook()));
    bool found = false;
    for (const json& part : s["allOf"]) {
        if (part.contains("properties") && part["properties"].contains("l2")) {
            CHECK(part["required"] == json::array({"l2"}));
            CHECK(part["properties"]["l2"]["enum"].size() == 8);
            found = true;
        }
    }
    CHECK(found);
}
