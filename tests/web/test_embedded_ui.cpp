// The form as a page embeds it (docs/embedding.md): one record owned by the page, nothing
// stored, Submit only while valid, set_record taking or refusing a record, read-only, earlier
// records from the page, drafts under the page's own storage keys.
#include "ui_harness.h"

using namespace ftblock;
using namespace ftblock::test;

namespace {

web::AppOptions one_record(bool read_only = false) {
    web::AppOptions o;
    o.drafts = false;
    o.read_only = read_only;
    return o;
}

// docs/record-format.md's example as an assignment, next action a week after FakeHost's today (2026-11-24).
const char* kValidAssignment =
    R"({"id":"FT-2026-000123","customer":"Contoso Ltd","workload":"teams","scenario":"assignment",)"
    R"("updated_by":"assignment_fm","l1":"blocked","l2":"customer_it_infrastructure","l3":null,)"
    R"("service_state":"not_applicable","engagement_scenario":"customer_led_ftp_assist","target_date":null,)"
    R"("owner":"delivery_fm","notes":"客户的 VPN 设备与服务不兼容。","next_action_date":"2026-12-01",)"
    R"("next_action":"kickoff_meeting","updated_at":null})";

}  // namespace

TEST_CASE("one-record mode shows no drafts list, stores nothing and submits only a valid record") {
    FakeHost host;
    Ui ui(Lang::En, &host, one_record());
    CHECK_FALSE(ui.has("new_assignment"));
    CHECK_FALSE(ui.has("import"));
    CHECK_FALSE(ui.has("duplicate"));
    CHECK(ui.has("submit"));
    CHECK(ui.drafts().size() == 1);

    ui.click("submit");  // disabled while invalid
    CHECK(host.submitted.empty());

    CHECK(ui.app().set_record(kValidAssignment) == "");
    ui.frame();
    ui.frame();  // the pinned problems shrink one frame after they change (as ImGui's own auto-sizing)
    CHECK(ui.app().current_valid());
    ui.click("submit");
    REQUIRE(host.submitted.size() == 1);
    CHECK(nlohmann::json::parse(host.submitted[0]) == nlohmann::json::parse(kValidAssignment));

    ui.click("field_customer");
    ui.type(" 中国");
    ui.click_empty();
    CHECK(ui.current()["customer"] == "Contoso Ltd 中国");
    CHECK(host.storage.empty());
    CHECK(host.writes == 0);
}

TEST_CASE("set_record refuses what is not one usable JSON object and keeps the record") {
    Ui ui(Lang::En, nullptr, one_record());
    REQUIRE(ui.app().set_record(kValidAssignment) == "");
    const nlohmann::json before = ui.current();
    const int changes = ui.host().changes;
    // the validator's validate() words (read_one_record), with the position
    CHECK(ui.app().set_record("[]") == "line 1, column 1: expected one JSON object (one record), found an array");
    CHECK(ui.app().set_record("  ") == "line 1, column 3: expected one JSON object (one record), found nothing");
    CHECK(ui.app().set_record("42") == "line 1, column 1: expected one JSON object (one record)");
    CHECK(ui.app().set_record(R"({"id": "x",})").rfind("line 1, column 12: ", 0) == 0);
    CHECK(ui.app().set_record(R"({"a":1} {"b":2})").rfind("line 1, column 9: ", 0) == 0);
    const std::string deep = std::string(R"({"id":)") + std::string(100, '[') + std::string(100, ']') + "}";
    CHECK_FALSE(ui.app().set_record(deep).empty());
    const std::string big = std::string(R"({"notes":")") + std::string(1100000, 'x') + "\"}";
    CHECK_FALSE(ui.app().set_record(big).empty());
    ui.frame();
    CHECK(ui.current() == before);
    CHECK(ui.host().changes == changes);  // set_record is not a user edit

    // a record with problems the validator names is taken, with its diagnostics
    CHECK(ui.app().set_record(R"({"id": 7, "customer": "C", "colour": "red"})") == "");
    ui.frame();
    CHECK(ui.codes_of("id") == std::vector<std::string>{"wrong_type"});
    CHECK_FALSE(ui.app().current_valid());
}

TEST_CASE("read-only: typing changes nothing, and there is no Submit; switching it off allows edits") {
    Ui ui(Lang::En, nullptr, one_record(true));
    REQUIRE(ui.app().set_record(kValidAssignment) == "");
    ui.frame();
    CHECK_FALSE(ui.has("submit"));
    ui.click("field_customer");
    ui.type("XYZ");
    ui.key(ImGuiKey_Backspace);
    ui.click("scenario_delivery");
    ui.click_empty();
    CHECK(ui.current() == nlohmann::json::parse(kValidAssignment));
    CHECK(ui.host().changes == 0);

    ui.app().set_read_only(false);
    ui.frame();
    ui.click("field_customer");
    ui.key(ImGuiKey_End);
    ui.type("!");
    ui.click_empty();
    CHECK(ui.current()["customer"] == "Contoso Ltd!");
    CHECK(ui.has("submit"));
}

TEST_CASE("earlier records from the page decide the delivery's engagement scenario") {
    Ui ui(Lang::En, nullptr, one_record(true));
    const std::string earlier = R"([{"id":"P-1","customer":"contoso ltd ","workload":"teams","scenario":"delivery",)"
                                R"("engagement_scenario":"ftc_css_led","updated_at":"2026-10-01"}])";
    CHECK(ui.app().set_previous("{}") == "previous records must be a JSON array ([…])");
    CHECK(ui.app().set_previous(R"([{"id":1}, 2])") != "");
    CHECK(ui.app().set_previous(earlier) == "");
    std::string delivery = kValidAssignment;
    delivery.replace(delivery.find("\"assignment\""), 12, "\"delivery\"");
    REQUIRE(ui.app().set_record(delivery) == "");
    ui.frame();
    CHECK(ui.codes_of("engagement_scenario") == std::vector<std::string>{"changed_from_previous"});
}

TEST_CASE("drafts mode keeps its drafts under the page's storage prefix") {
    FakeHost host;
    web::AppOptions options;
    options.storage_prefix = "team1.ftblock";
    {
        Ui ui(Lang::En, &host, options);
        ui.click("field_customer");
        ui.type("Alpha");
        ui.click_empty();
    }
    CHECK(host.storage.count("team1.ftblock.current") == 1);
    CHECK(host.storage.count("ftblock.drafts.current") == 0);
    const std::string slot = host.storage["team1.ftblock.current"];
    CHECK(host.storage["team1.ftblock." + slot].find("\"Alpha\"") != std::string::npos);

    Ui again(Lang::En, &host, options);
    CHECK(again.current()["customer"] == "Alpha");
    Ui other(Lang::En, &host);  // the default prefix: none of team1's drafts
    CHECK(other.current().value("customer", "") == "");
}
