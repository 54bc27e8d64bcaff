// The playbook data in assets/ against the seed page it implements: the scenario table's
// labels and cells, and the L2 sections, word for word (with only docs/rules.md#wording-fixes).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ftblock/playbook.h"
#include "test_util.h"

using namespace ftblock;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string seed() {
    return read_file(std::string(FTBLOCK_SOURCE_DIR) + "/assets/playbook/source/blocked-playbook.zh-CN.md");
}

std::string trim(std::string s) {
    std::size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::string body = trim(line);
    if (!body.empty() && body.front() == '|') body.erase(0, 1);
    if (!body.empty() && body.back() == '|') body.pop_back();
    std::stringstream ss(body);
    std::string cell;
    while (std::getline(ss, cell, '|')) out.push_back(trim(cell));
    return out;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string line;
    while (std::getline(ss, line)) out.push_back(line);
    return out;
}

struct SeedTable {
    std::vector<std::string> header;
    std::vector<std::string> assignment;
    std::vector<std::string> delivery;
};

SeedTable seed_table() {
    SeedTable t;
    std::vector<std::string> lines = lines_of(seed());
    for (std::size_t i = 0; i + 3 < lines.size(); ++i) {
        if (lines[i].rfind("| 场景", 0) != 0) continue;
        t.header = cells(lines[i]);
        t.assignment = cells(lines[i + 2]);
        t.delivery = cells(lines[i + 3]);
        break;
    }
    return t;
}

const char* kColumns[] = {"scenario",         "updated_by",          "l1",          "l2",    "l3",
                          "service_state",    "engagement_scenario", "target_date", "owner", "notes",
                          "next_action_date", "next_action"};

}  // namespace

TEST_CASE("the built-in playbook data loads and has the record format's sixteen fields") {
    auto pb = builtin_playbook();
    REQUIRE(pb);
    CHECK(pb->fields.size() == 16);
    CHECK(pb->scenarios.size() == 2);
    CHECK(pb->lists.size() == 9);
    CHECK(builtin_playbook_text() == read_file(std::string(FTBLOCK_SOURCE_DIR) + "/assets/playbook/playbook.json"));
}

TEST_CASE("the seed's delivery row has one stray empty cell after L1, and realigned it has the header's width") {
    SeedTable t = seed_table();
    REQUIRE(t.header.size() == 12);
    REQUIRE(t.assignment.size() == 12);
    REQUIRE(t.delivery.size() == 13);
    CHECK(t.delivery[3].empty());
    t.delivery.erase(t.delivery.begin() + 3);
    CHECK(t.delivery[3] == "受阻 L2（参见下文）");
}

TEST_CASE("field labels in assets match the seed's column headers, with 价值 corrected to 值") {
    SeedTable t = seed_table();
    REQUIRE(t.header.size() == 12);
    auto pb = builtin_playbook();
    for (std::size_t c = 0; c < 12; ++c) {
        CAPTURE(c);
        std::string expected = replace_all(t.header[c], "价值", "值");
        const Field& field = pb->fields[static_cast<std::size_t>(pb->field_index(kColumns[c]))];
        CHECK(field.label.zh == expected);
    }
    CHECK(pb->fields[static_cast<std::size_t>(pb->field_index("l1"))].label.zh == "L1 值");
}

TEST_CASE("every rule cell of both scenario rows matches the playbook data's guidance word for word") {
    SeedTable t = seed_table();
    REQUIRE(t.delivery.size() == 13);
    t.delivery.erase(t.delivery.begin() + 3);
    auto pb = builtin_playbook();
    const std::vector<std::string>* rows[] = {&t.assignment, &t.delivery};
    const char* ids[] = {"assignment", "delivery"};
    for (int s = 0; s < 2; ++s) {
        const Scenario* sc = pb->scenario(ids[s]);
        REQUIRE(sc);
        const std::vector<std::string>& row = *rows[s];
        // The first cell: "**分配：** description"
        std::string first = row[0];
        std::string label = first.substr(2, first.find("：**") - 2);
        std::string description = trim(first.substr(first.find("：**") + std::string("：**").size()));
        CHECK(pb->list_of(pb->scenario_field)->find(ids[s])->label.zh == label);
        CHECK(sc->description.zh == description);
        for (std::size_t c = 1; c < 12; ++c) {
            CAPTURE(ids[s]);
            CAPTURE(kColumns[c]);
            std::string cell = replace_all(row[c], "\\<", "<");
            const Rule& rule = sc->rules[static_cast<std::size_t>(pb->field_index(kColumns[c]))];
            CHECK(rule.guidance.zh == cell);
        }
    }
}

TEST_CASE("fixed values' labels are the seed's cells: 分配 FM, 交付 FM, 受阻, 不适用, 客户团队, 启动会议") {
    auto pb = builtin_playbook();
    for (const Scenario& sc : pb->scenarios) {
        for (std::size_t f = 0; f < pb->fields.size(); ++f) {
            const Rule& rule = sc.rules[f];
            if (rule.kind != RuleKind::Fixed) continue;
            const ValueList* list = pb->list_of(static_cast<int>(f));
            REQUIRE(list);
            const Choice* choice = list->find(rule.value);
            REQUIRE(choice);
            CAPTURE(rule.value);
            CHECK(choice->label.zh == rule.guidance.zh);
        }
    }
}

TEST_CASE("the eight L2s match the seed's sections: names, definitions and constraint sentences") {
    std::vector<std::string> lines = lines_of(seed());
    auto pb = builtin_playbook();
    const ValueList& l2 = *pb->list_of(pb->field_index("l2"));
    REQUIRE(l2.choices.size() == 8);
    std::size_t found = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind("## [L2 - ", 0) != 0) continue;
        std::string name = lines[i].substr(9, lines[i].find("](") - 9);
        std::string body;
        for (std::size_t j = i + 1; j < lines.size() && lines[j].rfind("#", 0) != 0; ++j) body += trim(lines[j]);
        body = replace_all(body, "(LOA)", "(LOB)");  // docs/rules.md#wording-fixes: 业务线 (LOA) should read (LOB)
        CAPTURE(name);
        const Choice* choice = nullptr;
        for (const Choice& c : l2.choices)
            if (c.label.zh == name) choice = &c;
        REQUIRE(choice);
        CHECK(choice->definition.zh + choice->constraint.zh == body);
        CHECK(choice->en_is_translation);
        ++found;
    }
    CHECK(found == 8);
}

TEST_CASE("L2 English names are the playbook's official names, adoption and app not swapped") {
    auto pb = builtin_playbook();
    const ValueList& l2 = *pb->list_of(pb->field_index("l2"));
    CHECK(l2.find("adoption_readiness")->label.zh == "应用就绪性");
    CHECK(l2.find("adoption_readiness")->label.en == "Adoption Readiness");
    CHECK(l2.find("app_compatibility")->label.zh == "应用兼容性");
    CHECK(l2.find("app_compatibility")->label.en == "App Compatibility");
    CHECK(l2.find("customer_it_infrastructure")->constraint.zh ==
          "对于此 L2，问题必须与技术相关。它与人员或流程无关。");
    CHECK(l2.find("adoption_readiness")->constraint.zh == "请不要使用它来解决 IT 变更管理问题。");
    CHECK(l2.find("product_feature_capability")->constraint.zh.empty());
}

TEST_CASE("the rules that depend on the scenario are exactly the ones docs/rules.md skips for an unknown scenario") {
    auto pb = builtin_playbook();
    std::vector<std::string> dependent;
    for (std::size_t f = 0; f < pb->fields.size(); ++f)
        if (pb->depends_on_scenario(static_cast<int>(f))) dependent.push_back(pb->fields[f].key);
    CHECK(dependent ==
          std::vector<std::string>{"updated_by", "target_date", "owner", "next_action_date", "next_action"});
    CHECK(pb->engagement_field == pb->field_index("engagement_scenario"));
}

TEST_CASE("a playbook file with a broken shape is refused with the path of the problem") {
    CHECK(load_playbook("{").error == "the playbook file is not valid JSON");
    CHECK(load_playbook("{}").error == "$: missing \"format\"");
    std::string text(builtin_playbook_text());
    std::string broken = replace_all(text, "\"value\": \"account_team\"", "\"value\": \"customer_staff\"");
    CHECK(load_playbook(broken).error ==
          "$.scenarios[1].rules.owner.value: \"customer_staff\" is not in the list \"owner\"");
    std::string no_rule = replace_all(
        text,
        "\"l3\": {\"rule\": \"forbidden\", \"guidance\": {\"zh-CN\": \"L3 即将推出\", \"en\": \"L3 coming soon\"}},\n  "
        "     \"service_state\": {\"rule\": \"fixed\", \"value\": \"not_applicable\", \"guidance\": {\"zh-CN\": "
        "\"不适用\", \"en\": \"Not applicable\"}},\n       \"engagement_scenario\": {\"rule\": \"required\", "
        "\"keep_previous\"",
        "\"service_state\": {\"rule\": \"fixed\", \"value\": \"not_applicable\", \"guidance\": {\"zh-CN\": \"不适用\", "
        "\"en\": \"Not applicable\"}},\n       \"engagement_scenario\": {\"rule\": \"required\", \"keep_previous\"");
    REQUIRE(no_rule != text);
    CHECK(load_playbook(no_rule).error == "$.scenarios[1].rules.l3: every field needs a rule");
}

namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json& field_data(ordered_json& data, const std::string& key) {
    for (ordered_json& f : data["fields"])
        if (f["key"] == key) return f;
    FAIL("no field " << key);
    return data;
}

std::string load_error(const ordered_json& data) { return load_playbook(data.dump()).error; }

}  // namespace

TEST_CASE("the built-in playbook's form hints: multi-line notes and next action, L2 definitions, L3's N/A words") {
    auto pb = builtin_playbook();
    auto widget = [&](const char* key) { return pb->fields[static_cast<std::size_t>(pb->field_index(key))].widget; };
    CHECK(widget("notes").lines == 5.5);
    CHECK(widget("next_action").lines == 2.8);
    CHECK(widget("customer").lines == 1);
    CHECK(widget("l2").definitions);
    CHECK_FALSE(widget("workload").definitions);
    CHECK(widget("l3").na_with_original);
    CHECK_FALSE(widget("target_date").na_with_original);
    REQUIRE(pb->scenarios.size() == 2);
    CHECK(pb->scenarios[0].new_label.en == "+ Assignment");
    CHECK(pb->scenarios[0].new_name.en == "New assignment draft");
    CHECK(pb->scenarios[1].new_label.en == "+ Delivery");
    CHECK(pb->scenarios[1].new_name.en == "New delivery draft");
    CHECK(pb->blank_draft_scenario().id == "assignment");
}

TEST_CASE("without hints a playbook gets the defaults: one line, no definitions, \"+ \" and the scenario's label") {
    ordered_json data = ordered_json::parse(builtin_playbook_text());
    for (ordered_json& f : data["fields"]) f.erase("widget");
    for (ordered_json& s : data["scenarios"]) s.erase("new_draft");
    data.erase("form");
    std::reverse(data["scenarios"].begin(), data["scenarios"].end());
    PlaybookResult loaded = load_playbook(data.dump());
    REQUIRE_MESSAGE(loaded.playbook, loaded.error);
    const Playbook& pb = *loaded.playbook;
    for (const Field& f : pb.fields) {
        CHECK(f.widget.lines == 1);
        CHECK_FALSE(f.widget.definitions);
        CHECK_FALSE(f.widget.na_with_original);
    }
    CHECK(pb.blank_draft_scenario().id == "delivery");  // the first
    const Localized& delivery =
        pb.lists[static_cast<std::size_t>(pb.fields[static_cast<std::size_t>(pb.scenario_field)].list)]
            .find("delivery")
            ->label;
    CHECK(pb.scenarios[0].new_label.en == "+ Delivery");
    CHECK(pb.scenarios[0].new_label.zh == "+ " + delivery.zh);
    CHECK(pb.scenarios[0].new_name.en == "+ Delivery");  // the label
    CHECK(pb.scenarios[0].new_name.zh == "+ " + delivery.zh);
}

TEST_CASE("a new-draft label without a name: the name is the label") {
    ordered_json data = ordered_json::parse(builtin_playbook_text());
    data["scenarios"][1]["new_draft"].erase("name");
    data["scenarios"][1]["new_draft"]["label"]["en"] = "New delivery";
    PlaybookResult loaded = load_playbook(data.dump());
    REQUIRE_MESSAGE(loaded.playbook, loaded.error);
    CHECK(loaded.playbook->scenarios[1].new_label.en == "New delivery");
    CHECK(loaded.playbook->scenarios[1].new_name.en == "New delivery");
}

TEST_CASE("form hints are checked: wrong types, unknown names and hints on the wrong kind of field are refused") {
    const ordered_json builtin = ordered_json::parse(builtin_playbook_text());
    ordered_json d = builtin;
    field_data(d, "notes")["widget"] = {{"rows", 5}};
    CHECK(load_error(d) == "$.fields[12].widget.rows: unknown hint (lines, definitions, na_with_original)");
    d = builtin;
    field_data(d, "notes")["widget"] = "multiline";
    CHECK(load_error(d) == "$.fields[12].widget: expected an object");
    d = builtin;
    field_data(d, "notes")["widget"] = {{"lines", 0.5}};
    CHECK(load_error(d) == "$.fields[12].widget.lines: expected a number from 1 to 40");
    d = builtin;
    field_data(d, "notes")["widget"] = {{"lines", "5"}};
    CHECK(load_error(d) == "$.fields[12].widget.lines: expected a number from 1 to 40");
    d = builtin;
    field_data(d, "workload")["widget"] = {{"lines", 3}};
    CHECK(load_error(d) == "$.fields[2].widget.lines: only a text field has lines");
    d = builtin;
    field_data(d, "notes")["widget"] = {{"definitions", true}};
    CHECK(load_error(d) == "$.fields[12].widget.definitions: only a choice field shows definitions");
    d = builtin;
    field_data(d, "l3")["widget"] = {{"na_with_original", "yes"}};
    CHECK(load_error(d) == "$.fields[7].widget.na_with_original: expected true or false");
    d = builtin;
    d["scenarios"][0]["new_draft"]["title"] = "x";
    CHECK(load_error(d) == "$.scenarios[0].new_draft.title: unknown hint (label, name)");
    d = builtin;
    d["scenarios"][1]["new_draft"]["name"] = {{"en", "New delivery draft"}};
    CHECK(load_error(d) == "$.scenarios[1].new_draft.name: missing \"zh-CN\"");
    d = builtin;
    d["form"]["blank_draft_scenario"] = "handover";
    CHECK(load_error(d) == "$.form.blank_draft_scenario: \"handover\" is not one of the scenarios");
    d = builtin;
    d["form"]["blank"] = "delivery";
    CHECK(load_error(d) == "$.form.blank: unknown hint (blank_draft_scenario)");
}
