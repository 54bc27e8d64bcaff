// The form comes from the playbook's data (docs/playbook-format.md): the same form code, given a
// playbook whose scenarios are in the other order or which has one more field, draws and
// checks that playbook — no field key, list name or scenario order is assumed by web/.
#include <algorithm>

#include "ftblock/playbook.h"
#include "ui_harness.h"

using namespace ftblock;
using namespace ftblock::test;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

ordered_json builtin_data() { return ordered_json::parse(builtin_playbook_text()); }

std::shared_ptr<const Playbook> playbook_from(const ordered_json& data) {
    PlaybookResult loaded = load_playbook(data.dump());
    REQUIRE_MESSAGE(loaded.playbook, loaded.error);
    return loaded.playbook;
}

// The built-in playbook with its two scenarios swapped: delivery first, then assignment.
ordered_json reversed_data(bool keep_blank_hint) {
    ordered_json d = builtin_data();
    std::reverse(d["scenarios"].begin(), d["scenarios"].end());
    if (!keep_blank_hint) d.erase("form");
    return d;
}

// The built-in playbook with one more field after the notes: an optional single-line text.
ordered_json with_ticket_data() {
    ordered_json d = builtin_data();
    ordered_json& fields = d["fields"];
    auto notes = std::find_if(fields.begin(), fields.end(), [](const ordered_json& f) { return f["key"] == "notes"; });
    REQUIRE(notes != fields.end());
    fields.insert(notes + 1, ordered_json{{"key", "ticket"},
                                          {"label", {{"zh-CN", "Ticket-zh"}, {"en", "Ticket"}}},
                                          {"type", "text"},
                                          {"max_length", 20}});
    d["common_rules"]["ticket"] = {{"rule", "optional"}};
    return d;
}

web::AppOptions with_playbook(std::shared_ptr<const Playbook> pb) {
    web::AppOptions o;
    o.playbook = std::move(pb);
    return o;
}

void settle(Ui& ui) {
    for (int i = 0; i < 4; ++i) ui.frame();
}

void type_into(Ui& ui, const std::string& field, const std::string& text) {
    ui.click("field_" + field);
    ui.type(text);
    ui.click_empty();
}

void choose(Ui& ui, const std::string& field, const std::string& id) {  // through the mirror: exact
    ui.app().a11y_set("field_" + field, id);
    settle(ui);
    REQUIRE(ui.current()[field] == id);
}

std::vector<std::string> codes(Ui& ui) {
    std::vector<std::string> out;
    for (const json& d : ui.diagnostics())
        out.push_back(d["field"].get<std::string>() + ":" + d["code"].get<std::string>());
    return out;
}

void fill_assignment(Ui& ui) {
    type_into(ui, "customer", "Contoso");
    choose(ui, "workload", "teams");
    choose(ui, "l2", "adoption_readiness");
    type_into(ui, "notes", "Users are not trained; the rollout waits for training.");
    type_into(ui, "next_action_date", "2026-12-01");
}

void fill_delivery(Ui& ui) {
    type_into(ui, "customer", "Fabrikam");
    choose(ui, "workload", "onedrive");
    choose(ui, "l2", "service_reliability");
    choose(ui, "engagement_scenario", "ftc_css_led");
    type_into(ui, "target_date", "2026-12-15");
    type_into(ui, "next_action", "Re-test sign-in");
}

}  // namespace

TEST_CASE("the built-in playbook's new-draft buttons keep their ids, labels and accessible names") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    CHECK(node(host, "new_assignment")["name"] == "New assignment draft");
    CHECK(node(host, "new_delivery")["name"] == "New delivery draft");
    CHECK(ui.rect("new_assignment").x < ui.rect("new_delivery").x);
    const Playbook& pb = *builtin_playbook();
    CHECK(pb.scenarios[0].new_label.en == "+ Assignment");
    CHECK(pb.scenarios[1].new_label.en == "+ Delivery");
    CHECK(pb.blank_draft_scenario().id == "assignment");
}

TEST_CASE("the built-in playbook's widget hints: L3's N/A words with the original, notes and next action multi-line") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    const Playbook& pb = *builtin_playbook();
    const Localized& l3 = pb.scenarios[0].rules[static_cast<std::size_t>(pb.field_index("l3"))].guidance;
    CHECK(node(host, "field_l3")["value"] == l3.en + " (" + l3.zh + ")");
    CHECK(node(host, "field_notes")["role"] == "textarea");
    CHECK(node(host, "field_customer")["role"] == "textbox");
    CHECK(node(host, "field_id")["role"] == "textbox");
    ui.click("new_delivery");
    CHECK(node(host, "field_next_action")["role"] == "textarea");
    // Target date's N/A has no such hint: the guidance alone.
    ui.click("new_assignment");
    CHECK(node(host, "field_target_date")["value"] == "N/A");
    ui.app().set_language(Lang::ZhCN);
    settle(ui);
    CHECK(node(host, "field_l3")["value"] == l3.zh);
}

TEST_CASE("scenarios in the other order: a blank draft starts with the first, one button per scenario in that order") {
    FakeHost host;
    Ui ui(Lang::En, &host, with_playbook(playbook_from(reversed_data(false))));
    CHECK(ui.current()["scenario"] == "delivery");
    CHECK(ui.current()["owner"] == "account_team");
    REQUIRE(ui.has("new_delivery"));
    REQUIRE(ui.has("new_assignment"));
    CHECK(ui.rect("new_delivery").x < ui.rect("new_assignment").x);
    CHECK(node(host, "new_delivery")["name"] == "New delivery draft");
    CHECK(node(host, "new_assignment")["name"] == "New assignment draft");
}

TEST_CASE("scenarios in the other order with blank_draft_scenario: the blank draft is an assignment") {
    Ui ui(Lang::En, nullptr, with_playbook(playbook_from(reversed_data(true))));
    json r = ui.current();
    CHECK(r["scenario"] == "assignment");
    CHECK(r["updated_by"] == "assignment_fm");
    CHECK(r["owner"] == "delivery_fm");
    CHECK(r["engagement_scenario"] == "customer_led_ftp_assist");
}

TEST_CASE("scenarios in the other order: drafts of each scenario made with the buttons validate and invalidate") {
    Ui ui(Lang::En, nullptr, with_playbook(playbook_from(reversed_data(false))));
    ui.click("new_assignment");
    REQUIRE(ui.drafts().size() == 2);
    json r = ui.current();
    CHECK(r["scenario"] == "assignment");
    CHECK(r["updated_by"] == "assignment_fm");
    CHECK(r["owner"] == "delivery_fm");
    CHECK(r["next_action"] == "kickoff_meeting");
    CHECK(codes(ui) == std::vector<std::string>{"customer:required", "workload:required", "l2:required",
                                                "notes:required", "next_action_date:required"});
    fill_assignment(ui);
    CHECK(codes(ui).empty());
    CHECK(ui.app().current_valid());
    ui.app().a11y_set("field_next_action_date", "2026-02-30");
    settle(ui);
    CHECK(codes(ui) == std::vector<std::string>{"next_action_date:bad_date"});
    CHECK_FALSE(ui.app().current_valid());

    ui.click("new_delivery");
    REQUIRE(ui.drafts().size() == 3);
    r = ui.current();
    CHECK(r["scenario"] == "delivery");
    CHECK(r["updated_by"] == "delivery_fm");
    CHECK(r["owner"] == "account_team");
    CHECK(codes(ui) == std::vector<std::string>{"customer:required", "workload:required", "l2:required",
                                                "engagement_scenario:required", "target_date:required",
                                                "notes:required", "next_action:required"});
    fill_delivery(ui);
    type_into(ui, "notes", "The service had outages.");
    CHECK(codes(ui).empty());
    CHECK(ui.app().current_valid());
    nlohmann::json drafts = ui.drafts();
    CHECK(drafts[0]["valid"] == false);  // the blank first draft
    CHECK(drafts[1]["valid"] == false);  // the assignment with a date that does not exist
    CHECK(drafts[2]["valid"] == true);
}

TEST_CASE("an extra optional text field appears with its label, is checked, stored and exported") {
    FakeHost host;
    Ui ui(Lang::En, &host, with_playbook(playbook_from(with_ticket_data())));
    json ticket = node(host, "field_ticket");
    CHECK(ticket["name"] == "Ticket");
    CHECK(ticket["role"] == "textbox");
    CHECK_FALSE(ticket.contains("required"));
    CHECK(ui.rect("field_notes").y < ui.rect("field_ticket").y);
    CHECK(ui.rect("field_ticket").y < ui.rect("field_next_action_date").y);

    fill_assignment(ui);
    CHECK(codes(ui).empty());  // optional: empty is fine
    type_into(ui, "ticket", "T-42 and far too long");
    CHECK(codes(ui) == std::vector<std::string>{"ticket:too_long"});
    ui.click("export_json");
    CHECK(host.downloads.empty());  // refused while invalid

    ui.click("field_ticket");
    for (int i = 0; i < 17; ++i) ui.key(ImGuiKey_Backspace);  // " and far too long"
    ui.click_empty();
    REQUIRE(ui.current()["ticket"] == "T-42");
    CHECK(codes(ui).empty());
    ui.click("export_json");
    REQUIRE(host.downloads.size() == 1);
    json exported = json::parse(host.downloads[0].bytes);
    CHECK(exported["ticket"] == "T-42");
    CHECK(exported.size() == 17);
    ui.click("export_csv");
    REQUIRE(host.downloads.size() == 2);
    CHECK(host.downloads[1].bytes.rfind("\xEF\xBB\xBFid,customer,workload,scenario,updated_by,l1,l2,l3,service_state,"
                                        "engagement_scenario,target_date,owner,notes,ticket,next_action_date,"
                                        "next_action,updated_at",
                                        0) == 0);
    CHECK(host.downloads[1].bytes.find(",T-42,") != std::string::npos);

    ui.app().set_language(Lang::ZhCN);
    settle(ui);
    CHECK(node(host, "field_ticket")["name"] == "Ticket-zh");
}
