// The L2 suggestion in the form (issue 14): "Suggest" beside L2 shows the L2s the notes point
// at with the notes' words behind each, one click takes one; l2_fit and note_quality appear
// under their fields like the other warnings. Driven by pointer and through the mirror.
#include "ui_harness.h"

using namespace ftblock;
using namespace ftblock::test;
using nlohmann::json;

namespace {

std::string node_text(FakeHost& host, const std::string& id) { return node(host, id).value("name", ""); }

void settle(Ui& ui, int frames = 4) {
    for (int i = 0; i < frames; ++i) ui.frame();
}

// A valid assignment whose L2 is `l2` and whose notes are `notes`.
std::string assignment(const std::string& l2, const std::string& notes) {
    json r = {{"id", "FT-1"},
              {"customer", "Contoso"},
              {"workload", "teams"},
              {"scenario", "assignment"},
              {"updated_by", "assignment_fm"},
              {"l1", "blocked"},
              {"l2", l2},
              {"l3", nullptr},
              {"service_state", "not_applicable"},
              {"engagement_scenario", "customer_led_ftp_assist"},
              {"target_date", nullptr},
              {"owner", "delivery_fm"},
              {"notes", notes},
              {"next_action_date", "2026-12-01"},
              {"next_action", "kickoff_meeting"},
              {"updated_at", nullptr}};
    return r.dump();
}

const char* kVpnNote =
    "Unable to deploy Teams because the customer's VPN and firewall block the connection to the service.";
const char* kVpnNoteZh = "由于客户的 VPN 和防火墙阻止了与服务的连接，无法部署 Teams。";

}  // namespace

TEST_CASE("Suggest shows the L2 the notes point at with their words, and Use takes it (English)") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    REQUIRE(ui.app().set_record(assignment("adoption_readiness", kVpnNote)) == "");
    settle(ui);
    // the chosen L2 does not fit the note: a warning under L2 naming the suggestion
    CHECK(ui.codes_of("l2") == std::vector<std::string>{"l2_fit"});
    CHECK_FALSE(has_node(host, "suggest_title"));

    REQUIRE(ui.has("suggest"));
    ui.click("suggest");
    settle(ui);
    CHECK(node_text(host, "suggest_title") == "What the Notes point at, best first:");
    CHECK(node_text(host, "suggest_rank_customer_it_infrastructure") ==
          "1. Customer IT Infrastructure and Remediation");
    const std::string evidence = node_text(host, "suggest_evidence_customer_it_infrastructure");
    CHECK(evidence.rfind("in the Notes: ", 0) == 0);
    CHECK(evidence.find("VPN") != std::string::npos);
    CHECK(evidence.find("firewall") != std::string::npos);
    CHECK(has_node(host, "suggest_use_customer_it_infrastructure"));

    ui.click("suggest_use_customer_it_infrastructure");
    settle(ui);
    CHECK(ui.current()["l2"] == "customer_it_infrastructure");
    CHECK(ui.codes_of("l2").empty());              // the warning is gone with the fit
    CHECK_FALSE(has_node(host, "suggest_title"));  // the panel closed
    CHECK(host.changes > 0);                       // taking a suggestion is the user's edit
}

TEST_CASE("Suggest in Chinese, through the mirror only; the chosen L2 is marked, not offered") {
    FakeHost host;
    Ui ui(Lang::ZhCN, &host);
    REQUIRE(ui.app().set_record(assignment("customer_it_infrastructure", kVpnNoteZh)) == "");
    settle(ui);
    CHECK(ui.codes_of("l2").empty());  // the note supports the chosen L2: no l2_fit
    ui.app().a11y_activate("suggest");
    settle(ui);
    CHECK(node_text(host, "suggest_title") == "根据笔记的建议（最可能的在前）：");
    const std::string evidence = node_text(host, "suggest_evidence_customer_it_infrastructure");
    CHECK(evidence.rfind("笔记中的依据：", 0) == 0);
    CHECK(evidence.find("防火墙") != std::string::npos);
    CHECK_FALSE(has_node(host, "suggest_use_customer_it_infrastructure"));  // already chosen
    ui.app().a11y_activate("suggest");                                      // the same button closes it
    settle(ui);
    CHECK_FALSE(has_node(host, "suggest_title"));
}

TEST_CASE("Suggest abstains on an empty or uninformative note and says what to write") {
    FakeHost host;
    Ui ui(Lang::En, &host);
    REQUIRE(ui.app().set_record(assignment("adoption_readiness", "")) == "");
    settle(ui);
    ui.click("suggest");
    settle(ui);
    CHECK(node_text(host, "suggest_none") ==
          "Nothing in Notes yet: write the customer's situation and why, then ask again.");
    REQUIRE(ui.app().set_record(assignment("adoption_readiness", "Customer is blocked.")) == "");
    settle(ui);
    CHECK(node_text(host, "suggest_none") == "The Notes say too little for a suggestion: name the blocker and why.");
    CHECK_FALSE(has_node(host, "suggest_title"));
}

TEST_CASE("read-only forms have no Suggest button") {
    FakeHost host;
    web::AppOptions o;
    o.read_only = true;
    o.drafts = false;
    Ui ui(Lang::En, &host, o);
    REQUIRE(ui.app().set_record(assignment("adoption_readiness", kVpnNote)) == "");
    settle(ui);
    CHECK_FALSE(ui.has("suggest"));
    CHECK_FALSE(has_node(host, "suggest"));
}
