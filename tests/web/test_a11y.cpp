// The semantic mirror's tree (web/a11y.h, docs/accessibility.md) as the views describe the
// form, and the form driven only through the mirror (App::a11y_focus/activate/set) — what a
// keyboard or screen-reader user does in the browser, without the pointer.
#include "ui_harness.h"

using namespace ftblock;
using namespace ftblock::test;
using nlohmann::json;

namespace {

json tree(FakeHost& host) { return mirror_tree(host); }

std::string str(const json& n, const char* key) { return n.contains(key) ? n[key].get<std::string>() : ""; }
bool flag(const json& n, const char* key) { return n.contains(key) && n[key].get<bool>(); }

void settle(Ui& ui, int frames = 4) {
    for (int i = 0; i < frames; ++i) ui.frame();
}

// Focus a control through the mirror and type into it, as the browser's keyboard would.
void type_into(Ui& ui, const std::string& id, const std::string& text) {
    ui.app().a11y_focus(id);
    settle(ui);
    ui.type(text);
}

const char* kFieldIds[] = {"field_id",
                           "field_customer",
                           "field_workload",
                           "scenario_assignment",
                           "scenario_delivery",
                           "field_updated_by",
                           "field_l1",
                           "field_l2",
                           "field_l3",
                           "field_service_state",
                           "field_engagement_scenario",
                           "field_target_date",
                           "field_owner",
                           "field_notes",
                           "field_next_action_date",
                           "field_next_action",
                           "field_updated_at"};

}  // namespace

TEST_CASE("the mirror describes a new assignment draft's fields in order, in English") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    json t = tree(host);
    CHECK(t["lang"] == "en");
    std::vector<std::string> fields;
    for (const json& n : t["nodes"]) {
        const std::string id = n["id"];
        if (id.rfind("field_", 0) == 0 || id.rfind("scenario_", 0) == 0) fields.push_back(id);
    }
    CHECK(fields == std::vector<std::string>(std::begin(kFieldIds), std::end(kFieldIds)));

    json customer = node(host, "field_customer");
    CHECK(customer["role"] == "textbox");
    CHECK(customer["name"] == "Customer");
    CHECK(str(customer, "value") == "");
    CHECK(flag(customer, "required"));
    CHECK_FALSE(flag(customer, "invalid"));
    CHECK(str(customer, "error") == "");  // not touched yet: nothing said, as nothing is drawn
    CHECK(customer["desc"] ==
          "the customer's name\nThe customer's name; with the workload it identifies the entitlement.");

    json notes = node(host, "field_notes");
    CHECK(notes["role"] == "textarea");
    CHECK(notes["name"] == "Notes");
    CHECK(flag(notes, "required"));

    json owner = node(host, "field_owner");  // fixed by the scenario table: readable, not editable
    CHECK(owner["role"] == "textbox");
    CHECK(owner["value"] == "Delivery FM  (delivery_fm)");
    CHECK(flag(owner, "readOnly"));
    CHECK_FALSE(flag(owner, "disabled"));
    CHECK(owner["desc"] == "Set by the playbook's scenario table: Delivery FM\nDelivery FastTrack Manager");

    json assignment = node(host, "scenario_assignment");
    CHECK(assignment["role"] == "radio");
    CHECK(assignment["parent"] == "field_scenario");
    CHECK(assignment["groupName"] == "Scenario");
    CHECK(assignment["name"] == "Assignment");
    CHECK(flag(assignment, "checked"));
    CHECK_FALSE(flag(node(host, "scenario_delivery"), "checked"));

    json l2 = node(host, "field_l2");
    CHECK(l2["role"] == "select");
    CHECK(str(l2, "value") == "");
    REQUIRE(l2["options"].size() == 8);
    for (const json& o : l2["options"]) {
        CHECK_FALSE(o[0].get<std::string>().empty());
        CHECK_FALSE(o[1].get<std::string>().empty());  // the L2's label
        CHECK_FALSE(o[2].get<std::string>().empty());  // its definition
    }

    json date = node(host, "field_next_action_date");
    CHECK(date["role"] == "textbox");
    CHECK(date["desc"] == "Date as YYYY-MM-DD; Alt+Down opens a calendar.\ndate of the initiate discussion");

    // Touched: the problem drawn under the field is its description, and it is invalid.
    ui.click("field_customer");
    ui.click_empty();
    customer = node(host, "field_customer");
    CHECK(customer["error"] == "Customer is required: the customer's name");
    CHECK(flag(customer, "invalid"));
    CHECK(tree(host)["summary"] == "Problems: 5 errors, 0 warnings");
}

TEST_CASE("the mirror speaks Chinese when the form does") {
    FakeHost host;
    Ui ui(Lang::ZhCN, &host);
    json t = tree(host);
    CHECK(t["lang"] == "zh-CN");
    CHECK(node(host, "field_customer")["name"] == "客户");
    CHECK(node(host, "field_notes")["name"] == "笔记");
    CHECK(node(host, "language")["name"] == "语言");
    CHECK(node(host, "new_assignment")["name"] == "新建分配草稿");
    CHECK(node(host, "scenario_assignment")["name"] == "分配");
    CHECK(node(host, "field_owner")["value"] == "交付 FM  (delivery_fm)");
    ui.click("field_customer");
    ui.click_empty();
    json customer = node(host, "field_customer");
    CHECK(flag(customer, "invalid"));
    CHECK(customer["error"].get<std::string>().find("客户") != std::string::npos);
}

TEST_CASE("a keyboard-only user fills and exports a valid assignment and a valid delivery through the mirror") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    type_into(ui, "field_id", "FT-2026-000777");
    type_into(ui, "field_customer", "璟瑄科技");
    ui.app().a11y_set("field_workload", "teams");
    settle(ui);
    ui.app().a11y_set("field_l2", "customer_it_infrastructure");
    settle(ui);
    type_into(ui, "field_notes", "The customer's VPN devices are not compatible.");
    type_into(ui, "field_next_action_date", "2026-12-01");
    ui.app().a11y_focus("export_json");  // leaves the date field: its edit is kept
    settle(ui);
    json record = ui.current();
    CHECK(record["customer"] == "璟瑄科技");
    CHECK(record["workload"] == "teams");
    CHECK(record["l2"] == "customer_it_infrastructure");
    CHECK(record["next_action_date"] == "2026-12-01");
    CHECK(tree(host)["summary"] == "No problems: this record can be handed over.");
    CHECK_FALSE(flag(node(host, "export_json"), "disabled"));
    ui.app().a11y_activate("export_json");
    settle(ui);
    REQUIRE(host.downloads.size() == 1);
    CHECK(host.downloads[0].name == "ftblock-FT-2026-000777.json");
    CHECK(json::parse(host.downloads[0].bytes)["customer"] == "璟瑄科技");

    // A delivery of the same entitlement: the engagement scenario keeps the assignment's value.
    ui.app().a11y_activate("new_delivery");
    settle(ui);
    CHECK(ui.current()["scenario"] == "delivery");
    type_into(ui, "field_id", "FT-2026-000778");
    type_into(ui, "field_customer", "璟瑄科技");
    ui.app().a11y_set("field_workload", "teams");
    settle(ui);
    ui.app().a11y_set("field_l2", "customer_it_infrastructure");
    settle(ui);
    type_into(ui, "field_notes", "Firmware upgrade planned.");
    type_into(ui, "field_target_date", "2026-12-20");
    CHECK(flag(node(host, "field_service_state"), "readOnly"));        // fixed by the delivery row
    CHECK(flag(node(host, "field_engagement_scenario"), "readOnly"));  // 上一值: the assignment's
    type_into(ui, "field_next_action", "Upgrade the VPN firmware, then retest.");
    ui.app().a11y_focus("export_json");
    settle(ui);
    INFO(ui.app().diagnostics_json());
    CHECK(tree(host)["summary"] == "No problems: this record can be handed over.");
    ui.app().a11y_activate("export_json");
    settle(ui);
    REQUIRE(host.downloads.size() == 2);
    CHECK(host.downloads[1].name == "ftblock-FT-2026-000778.json");
    CHECK(json::parse(host.downloads[1].bytes)["scenario"] == "delivery");
}

TEST_CASE("focus is one thing: the mirror's focus makes a field active, a click on the drawing moves the mirror") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    ui.app().a11y_focus("field_customer");
    settle(ui);
    ui.type("ab");
    json t = tree(host);
    CHECK(t["caret"] == json::array({2, 2}));  // ImGui's caret, in the mirror's field
    CHECK(node(host, "field_customer")["value"] == "ab");
    const std::uint64_t seq = t["focusSeq"];

    ui.app().a11y_focus("backup");  // to a button: the field is left (and touched), no caret
    settle(ui);
    CHECK(tree(host)["caret"] == json::array({-1, -1}));
    CHECK(tree(host)["focusSeq"] == seq);  // the mirror moved the focus itself: nothing to follow

    ui.click("field_notes");  // the pointer on the drawing: the mirror follows
    t = tree(host);
    CHECK(t["focus"] == "field_notes");
    CHECK(t["focusSeq"] == seq + 1);

    // A value replaced from outside (assistive technology, autofill) while the field is active.
    ui.app().a11y_focus("field_notes");
    settle(ui);
    ui.app().a11y_set("field_notes", "replaced whole");
    settle(ui);
    CHECK(ui.current()["notes"] == "replaced whole");
    ui.type("!");
    CHECK(ui.current()["notes"] == "replaced whole!");
}

TEST_CASE("a problem line pressed in the mirror moves the focus to its field") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    json problems = json::array();
    const json t0 = tree(host);
    for (const json& n : t0["nodes"])
        if (n["role"] == "problem") problems.push_back(n);
    REQUIRE(problems.size() == 5);
    CHECK(problems[0]["name"] == "Customer is required: the customer's name  [required]");
    const std::uint64_t seq = tree(host)["focusSeq"];
    ui.app().a11y_activate(problems[3]["id"]);  // Notes
    settle(ui);
    json t = tree(host);
    CHECK(t["focus"] == "field_notes");
    CHECK(t["focusSeq"] == seq + 1);
    ui.app().a11y_focus("field_notes");  // the mirror follows, as the browser does
    settle(ui);
    ui.type("x");
    CHECK(ui.current()["notes"] == "x");
}

TEST_CASE("an idle form hands the mirror nothing; a frame that changes nothing hands nothing") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    settle(ui);
    const int before = host.a11y_updates;
    settle(ui, 20);
    CHECK(host.a11y_updates == before);
    ui.app().a11y_focus("field_customer");
    settle(ui);
    ui.type("a");
    CHECK(host.a11y_updates > before);
}

TEST_CASE("announcements: language, copy, the problem count, a failed save and its recovery") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    const std::uint64_t seq = tree(host)["live"]["seq"];
    ui.app().a11y_set("language", "zh-CN");
    settle(ui);
    json t = tree(host);
    CHECK(t["lang"] == "zh-CN");
    CHECK(t["live"]["text"] == "语言：中文 (简体)");
    CHECK(t["live"]["seq"] == seq + 1);
    CHECK(t["summary"] == "问题: 5 个错误, 0 个警告");
    settle(ui, 5);
    CHECK(tree(host)["live"]["seq"] == seq + 1);  // said once

    ui.app().a11y_set("language", "en");
    settle(ui);
    CHECK(tree(host)["live"]["text"] == "Language: English");
}

TEST_CASE("the drafts list is a listbox: a window of options around the current draft, moved by the mirror") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    for (int i = 0; i < 99; ++i) ui.app().a11y_activate("new_assignment"), ui.frame();
    settle(ui);
    json list = node(host, "drafts");
    CHECK(list["role"] == "listbox");
    CHECK(list["setSize"] == 100);
    int options = 0;
    std::string checked;
    const json t = tree(host);
    for (const json& n : t["nodes"])
        if (n["role"] == "option") {
            ++options;
            CHECK(n["parent"] == "drafts");
            CHECK(n["setSize"] == 100);
            if (flag(n, "checked")) checked = n["id"];
        }
    CHECK(options == 11);  // the last draft is current: it and the 10 before it
    CHECK(node(host, checked)["posInSet"] == 100);

    ui.app().a11y_set("drafts", "first");
    settle(ui);
    CHECK(node(host, "draft_1")["posInSet"] == 1);
    CHECK(flag(node(host, "draft_1"), "checked"));
    ui.app().a11y_activate("draft_5");
    settle(ui);
    CHECK(flag(node(host, "draft_5"), "checked"));
    CHECK(has_node(host, "draft_15"));
    CHECK_FALSE(has_node(host, "draft_16"));
}

TEST_CASE("a confirmation takes the focus, and Escape in the mirror closes it as Cancel") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    ui.app().a11y_focus("delete");
    settle(ui);
    const std::uint64_t seq = tree(host)["focusSeq"];
    ui.app().a11y_activate("delete");
    settle(ui);
    json t = tree(host);
    CHECK(t["focus"] == "delete_confirm");
    CHECK(t["focusSeq"] == seq + 1);
    CHECK(node(host, "delete_question")["name"] ==
          "Delete this draft? It is not in any backup you have not downloaded.");
    ui.app().a11y_focus("delete_confirm");
    settle(ui);
    ui.app().a11y_activate("escape");
    settle(ui);
    t = tree(host);
    CHECK(t["focus"] == "delete");
    CHECK_FALSE(has_node(host, "delete_confirm"));
    CHECK(ui.drafts().size() == 1);  // nothing deleted

    ui.app().a11y_activate("delete");
    settle(ui);
    ui.app().a11y_activate("delete_confirm");
    settle(ui);
    CHECK(tree(host)["focus"] == "drafts");
    CHECK(ui.drafts().size() == 1);  // the only draft went; a new empty one took its place
    CHECK(ui.drafts()[0]["uid"] == 2);
}
