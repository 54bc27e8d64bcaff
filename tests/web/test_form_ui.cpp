// The form, driven like a user would: clicks, typing, keys — asserting the record, the
// diagnostics and what reaches the host (storage, downloads, clipboard).
#include "ftblock/date.h"
#include "ui_harness.h"

using namespace ftblock;
using namespace ftblock::test;

namespace {

void fill_valid_assignment(Ui& ui) {
    ui.click("field_customer");
    ui.type("Contoso 中国");
    ui.click("field_workload");
    // The workload combo is open: clicking an item is layout-dependent, so choose with the
    // keyboard: the first entry has the focus when the list opens, Down moves to the second.
    ui.key(ImGuiKey_DownArrow);
    ui.key(ImGuiKey_Space);
    ui.click_empty();
    CHECK(ui.current()["workload"] == "sharepoint_online");
}

}  // namespace

TEST_CASE("a new form starts with one assignment draft whose fixed values are filled in") {
    Ui ui;
    nlohmann::json r = ui.current();
    CHECK(r["scenario"] == "assignment");
    CHECK(r["updated_by"] == "assignment_fm");
    CHECK(r["l1"] == "blocked");
    CHECK(r["service_state"] == "not_applicable");
    CHECK(r["owner"] == "delivery_fm");
    CHECK(r["next_action"] == "kickoff_meeting");
    CHECK(r["engagement_scenario"] == "customer_led_ftp_assist");
    CHECK(ui.drafts().size() == 1);
    CHECK(ui.codes_of("customer") == std::vector<std::string>{"required"});
    CHECK(ui.codes_of("owner").empty());
}

TEST_CASE("text typed right after a click lands in the clicked field, Chinese included") {
    Ui ui;
    ui.click("field_customer");
    ui.type("Contoso 中国");
    ui.click_empty();
    CHECK(ui.current()["customer"] == "Contoso 中国");
    CHECK(ui.codes_of("customer").empty());
}

TEST_CASE("switching the scenario fills the delivery values, and undo restores the assignment") {
    Ui ui;
    ui.click("scenario_delivery");
    nlohmann::json r = ui.current();
    CHECK(r["scenario"] == "delivery");
    CHECK(r["updated_by"] == "delivery_fm");
    CHECK(r["owner"] == "account_team");
    CHECK(r["next_action"] == "");
    CHECK(ui.codes_of("target_date") == std::vector<std::string>{"required"});
    ui.click("undo");
    r = ui.current();
    CHECK(r["scenario"] == "assignment");
    CHECK(r["owner"] == "delivery_fm");
    CHECK(r["next_action"] == "kickoff_meeting");
}

TEST_CASE("hand-over is refused while the record is invalid and exports the exact record once valid") {
    Ui ui;
    ui.click("export_json");
    ui.click("copy_json");
    CHECK(ui.host().downloads.empty());
    CHECK(ui.host().clipboard.empty());

    fill_valid_assignment(ui);
    ui.click("field_l2");
    ui.key(ImGuiKey_DownArrow);
    ui.key(ImGuiKey_Space);
    ui.click("field_notes");
    ui.type("IT 部门缺少管理该服务的人手。");
    ui.click("field_next_action_date");
    ui.type("2026-12-01");
    ui.click_empty();
    INFO(ui.diagnostics().dump());
    REQUIRE(ui.diagnostics().size() == 0);

    ui.click("export_json");
    REQUIRE(ui.host().downloads.size() == 1);
    const Download& d = ui.host().downloads[0];
    CHECK(d.mime == "application/json");
    nlohmann::json exported = nlohmann::json::parse(d.bytes);
    CHECK(exported["customer"] == "Contoso 中国");
    CHECK(exported["next_action_date"] == "2026-12-01");
    CHECK(exported["target_date"].is_null());
    CHECK(exported.size() == 16);

    ui.click("export_csv");
    REQUIRE(ui.host().downloads.size() == 2);
    CHECK(ui.host().downloads[1].bytes.rfind("\xEF\xBB\xBFid,customer,workload,scenario", 0) == 0);
    ui.click("copy_json");
    CHECK(ui.host().downloads.size() == 2);
    CHECK(ui.host().clipboard == ui.host().downloads[0].bytes);
}

TEST_CASE("the calendar picks a date with the keyboard: arrows move, Enter chooses") {
    Ui ui;
    ui.click("calendar_next_action_date");
    ui.key(ImGuiKey_RightArrow);
    ui.key(ImGuiKey_RightArrow);
    ui.key(ImGuiKey_DownArrow);
    ui.key(ImGuiKey_Enter);
    CHECK(ui.current()["next_action_date"] == "2026-12-03");  // today 2026-11-24 + 2 + 7
    ui.click("calendar_next_action_date");
    ui.key(ImGuiKey_PageDown);
    ui.key(ImGuiKey_Enter);
    CHECK(ui.current()["next_action_date"] == "2027-01-03");
}

TEST_CASE("a typed date that is not real shows bad_date for that field") {
    Ui ui;
    ui.click("field_next_action_date");
    ui.type("2026-02-30");
    ui.click_empty();
    CHECK(ui.codes_of("next_action_date") == std::vector<std::string>{"bad_date"});
}

TEST_CASE("pasting 100,000 characters keeps them whole and reports too_long") {
    Ui ui;
    ui.click("field_notes");
    std::string big(100000, 'x');
    ui.paste(big);
    ui.click_empty();
    CHECK(ui.current()["notes"].get<std::string>().size() == 100000);
    CHECK(ui.codes_of("notes") == std::vector<std::string>{"too_long"});
}

TEST_CASE("every change is saved at once; a failing store says so and keeps the drafts") {
    Ui ui;
    ui.click("field_customer");
    ui.type("A");
    CHECK(ui.host().storage.count("ftblock.drafts.current") == 1);
    std::string pointer = ui.host().storage["ftblock.drafts.current"];
    CHECK(ui.host().storage["ftblock.drafts." + pointer].find("\"customer\":\"A\"") != std::string::npos);

    ui.host().fail_writes = true;
    std::string before = ui.host().storage["ftblock.drafts." + pointer];
    ui.type("B");
    CHECK(ui.current()["customer"] == "AB");                        // still in memory
    CHECK(ui.host().storage["ftblock.drafts.current"] == pointer);  // last good copy untouched
    CHECK(ui.host().storage["ftblock.drafts." + pointer] == before);

    ui.host().fail_writes = false;
    ui.type("C");
    pointer = ui.host().storage["ftblock.drafts.current"];
    CHECK(ui.host().storage["ftblock.drafts." + pointer].find("\"customer\":\"ABC\"") != std::string::npos);
}

TEST_CASE("a reload finds every draft where it was") {
    FakeHost host;
    {
        Ui ui(Lang::En, &host);
        ui.click("field_customer");
        ui.type("First");
        ui.click("new_delivery");
        ui.click("field_customer");
        ui.type("Second");
        ui.click_empty();
    }
    Ui again(Lang::En, &host);
    nlohmann::json drafts = again.drafts();
    REQUIRE(drafts.size() == 2);
    CHECK(drafts[0]["record"]["customer"] == "First");
    CHECK(drafts[1]["record"]["customer"] == "Second");
    CHECK(drafts[1]["record"]["scenario"] == "delivery");
}

TEST_CASE("an unreadable newest copy falls back to the last good one and is kept for download") {
    FakeHost host;
    {
        Ui ui(Lang::En, &host);
        ui.click("field_customer");
        ui.type("Kept");
        ui.click_empty();
    }
    std::string good = host.storage["ftblock.drafts.current"];
    std::string other = good == "a" ? "b" : "a";
    host.storage["ftblock.drafts." + other] = "{\"format\":\"ftblock-drafts/9\",\"drafts\":[";
    host.storage["ftblock.drafts.current"] = other;  // as if the tab died after moving the pointer
    Ui again(Lang::En, &host);
    CHECK(again.current()["customer"] == "Kept");
    again.click("download_unreadable");
    REQUIRE(host.downloads.size() == 1);
    CHECK(host.downloads[0].bytes == "{\"format\":\"ftblock-drafts/9\",\"drafts\":[");
}

TEST_CASE("storage that is unavailable still lets the user work and export") {
    FakeHost host;
    host.available = false;
    Ui ui(Lang::En, &host);
    ui.click("field_customer");
    ui.type("No storage");
    ui.click("backup");
    REQUIRE(host.downloads.size() == 1);
    CHECK(host.downloads[0].bytes.find("No storage") != std::string::npos);
    CHECK(host.writes == 0);
}

TEST_CASE("importing a broken file changes nothing; a good one adds records and skips duplicates") {
    Ui ui;
    ui.click("field_customer");
    ui.type("Mine");
    ui.click_empty();
    nlohmann::json before = ui.drafts();
    ui.app().import_file("broken.json", "[{\"customer\": \"x\"}, {\"customer\": ");
    ui.frame();
    CHECK(ui.drafts() == before);
    ui.app().import_file("bad-line.jsonl", "{\"customer\": \"ok\"}\n{nope}\n");
    ui.frame();
    CHECK(ui.drafts() == before);

    std::string existing = before[0]["record"].dump();
    ui.app().import_file("two.jsonl", existing + "\n{\"customer\": \"Fabrikam\", \"scenario\": \"delivery\"}\n");
    ui.frame();
    nlohmann::json after = ui.drafts();
    REQUIRE(after.size() == 2);
    CHECK(after[0] == before[0]);
    CHECK(after[1]["record"]["customer"] == "Fabrikam");
}

TEST_CASE("a delivery draft takes the engagement scenario of the earlier draft of the same entitlement") {
    Ui ui;
    ui.click("field_customer");
    ui.type("Contoso");
    ui.click("field_engagement_scenario");
    ui.key(ImGuiKey_DownArrow);
    ui.key(ImGuiKey_Space);
    ui.click_empty();
    std::string chosen = ui.current()["engagement_scenario"];
    nlohmann::json first = ui.current();
    ui.click("duplicate");
    ui.click("scenario_delivery");
    CHECK(ui.current()["engagement_scenario"] == chosen);
    CHECK(ui.codes_of("engagement_scenario").empty());
}

TEST_CASE("switching the language changes the messages at once") {
    Ui ui;
    CHECK(ui.diagnostics()[0]["message"] == "Customer is required: the customer's name");
    ui.app().set_language(Lang::ZhCN);
    ui.frame();
    CHECK(ui.diagnostics()[0]["message"] == "客户为必填项：客户名称");
    CHECK(ui.app().language() == Lang::ZhCN);
}

TEST_CASE("Alt+Down opens the calendar on the typed date without moving it") {
    Ui ui;
    ui.click("field_next_action_date");
    ui.type("2026-12-01");
    ui.key(ImGuiKey_DownArrow, false, false, true);
    ui.key(ImGuiKey_Enter);
    CHECK(ui.current()["next_action_date"] == "2026-12-01");
}
