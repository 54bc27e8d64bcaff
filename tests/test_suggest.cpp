// The L2 suggestion (core/src/suggest.cpp) and the l2_fit warning it feeds: the built-in model
// against the playbook's list, ranking, evidence, abstaining, the constraint rules, and the
// warning in both languages. The notes here are written for these tests, not the playbook's.
#include <doctest/doctest.h>

#include <algorithm>

#include "ftblock/suggest.h"
#include "scenario_fixtures.h"

using namespace ftblock;
using namespace ftblock::test;

namespace {

const L2Model& model() { return *builtin_l2_model(); }

bool has_evidence(const L2Rank& r, const std::string& word) {
    return std::find(r.evidence.begin(), r.evidence.end(), word) != r.evidence.end();
}

}  // namespace

TEST_CASE("the built-in model loads and names the playbook's eight L2s in list order") {
    L2ModelResult loaded = load_l2_model(builtin_l2_model_text());
    REQUIRE(static_cast<bool>(loaded.model));
    CHECK(loaded.error.empty());
    const Playbook& pb = *builtin_playbook();
    const ValueList& l2 = *pb.list_of(pb.l2_fit_field);
    REQUIRE(model().l2_count == l2.choices.size());
    for (std::size_t i = 0; i < l2.choices.size(); ++i) CHECK(model().classes[i] == l2.choices[i].id);
    CHECK(builtin_l2_model_text().size() <= 200 * 1024);
}

TEST_CASE("a broken model file is refused with the JSON path of the problem") {
    CHECK(load_l2_model("{").error == "the L2 model file is not valid JSON");
    CHECK(load_l2_model(R"({"format": "x"})").error == "$.format: expected \"ftblock-l2-model/1\"");
    std::string text(builtin_l2_model_text());
    text.replace(text.find("\"l2_count\": 8"), 13, "\"l2_count\": 0");
    CHECK(load_l2_model(text).error == "$.l2_count: out of range");
}

TEST_CASE("every note gets the eight L2s ranked by score, best first") {
    L2Suggestion s = suggest_l2(model(), "The firewall blocks the VPN traffic to the service.");
    REQUIRE(s.ranking.size() == 8);
    for (std::size_t i = 1; i < s.ranking.size(); ++i) CHECK(s.ranking[i - 1].score >= s.ranking[i].score);
    CHECK(s.suggested == "customer_it_infrastructure");
    CHECK(s.ranking[0].l2 == "customer_it_infrastructure");
    CHECK(has_evidence(s.ranking[0], "firewall"));
    CHECK(has_evidence(s.ranking[0], "VPN"));
}

TEST_CASE("evidence is quoted as written in the note, Chinese included") {
    L2Suggestion s = suggest_l2(model(), "客户的防火墙和 VPN 无法处理云流量。");
    CHECK(s.suggested == "customer_it_infrastructure");
    CHECK(has_evidence(s.ranking[0], "防火墙"));
    CHECK(has_evidence(s.ranking[0], "VPN"));
}

TEST_CASE("a note and its translation get the same suggestion") {
    const char* pairs[][3] = {
        {"The partner has not answered our emails for three weeks.", "合作伙伴三周没有回复我们的邮件。",
         "partner_engagement"},
        {"Licenses must be moved to the new tenant first.", "许可证必须先转移到新租户。",
         "billing_licensing_subscription"},
        {"Employees resist the change and need training before go-live.", "员工抵触变化，上线前需要培训。",
         "adoption_readiness"},
        {"The in-house ERP add-in does not work with the new Outlook.", "自研 ERP 插件与新版 Outlook 不兼容。",
         "app_compatibility"},
        {"Repeated outages last month shook the customer's confidence.", "上个月多次宕机，客户失去了信心。",
         "service_reliability"},
        {"The IT team lacks the budget and staff to run it.", "IT 团队缺少预算和人手来运维。",
         "it_change_management_resourcing"},
    };
    for (const auto& p : pairs) {
        CAPTURE(p[0]);
        CHECK(suggest_l2(model(), p[0]).suggested == p[2]);
        CHECK(suggest_l2(model(), p[1]).suggested == p[2]);
    }
}

TEST_CASE("no suggestion without evidence, or for legal and security notes (L2s ftblock does not list)") {
    for (const char* note : {"", "   ", "Customer is blocked.", "客户受阻。", "Waiting.", "usage 0.0%"}) {
        CAPTURE(note);
        L2Suggestion s = suggest_l2(model(), note);
        CHECK(s.suggested.empty());
        CHECK(s.ranking.size() == 8);
    }
    for (const char* note : {"Local law requires the data to stay in the country; the regulator has not approved it.",
                             "法律法规要求数据不得出境，监管机构尚未批准。",
                             "The security officer will not approve until the privacy review is complete.",
                             "客户的信息安全部门担心隐私数据泄露。"}) {
        CAPTURE(note);
        CHECK(suggest_l2(model(), note).suggested.empty());
    }
}

TEST_CASE("the constraint sentences: IT staff training is IT change management, end-user training is adoption") {
    CHECK(suggest_l2(model(), "The IT staff need training to administer the service.").suggested ==
          "it_change_management_resourcing");
    CHECK(suggest_l2(model(), "End users need training before the rollout.").suggested == "adoption_readiness");
    CHECK(suggest_l2(model(), "IT 部门的管理员缺乏管理该服务的技能。").suggested == "it_change_management_resourcing");
    CHECK(suggest_l2(model(), "最终用户需要培训才能使用。").suggested == "adoption_readiness");
}

TEST_CASE("scores are integers computed without floating point: the same on every build") {
    // A fingerprint of the scores of fixed notes, the same natively and in the WebAssembly build
    // (ctest --preset wasm runs this test too). Rebuilding the model changes it: update it then.
    std::uint64_t sum = 0;
    for (const char* note : {"The firewall blocks the VPN traffic.", "客户需要最终用户培训。", "Partner SOW is unclear",
                             "E5 licenses are not yet purchased", "服务中断导致客户失去信心"})
        for (const L2Rank& r : suggest_l2(model(), note).ranking) sum = sum * 31 + static_cast<std::uint64_t>(r.score);
    CHECK(sum == 1375498781740012017u);
}

TEST_CASE("confidently_other: only when the note points elsewhere and does not support the chosen L2") {
    L2Suggestion s = suggest_l2(model(), "The customer's VPN devices are not compatible with the service.");
    REQUIRE(s.suggested == "customer_it_infrastructure");
    CHECK(confidently_other(model(), s, "adoption_readiness"));
    CHECK_FALSE(confidently_other(model(), s, "customer_it_infrastructure"));
    CHECK_FALSE(confidently_other(model(), s, "not_an_l2"));
    L2Suggestion none = suggest_l2(model(), "Customer is blocked.");
    CHECK_FALSE(confidently_other(model(), none, "adoption_readiness"));
}

TEST_CASE("l2_fit: a warning on l2 naming the suggested L2 and the evidence, in the user's language") {
    const std::string record = with(kDelivery, "l2", "\"adoption_readiness\"");
    CHECK(check(record) == Findings{{"l2", "l2_fit", "warning"}});
    Diagnostics en = diagnose(record, Lang::En);
    REQUIRE(en.size() == 1);
    CHECK(en[0].message.find("Customer IT Infrastructure and Remediation") != std::string::npos);
    CHECK(en[0].message.find("Adoption Readiness") != std::string::npos);
    CHECK(en[0].message.find("\"VPN\"") != std::string::npos);
    Diagnostics zh = diagnose(record, Lang::ZhCN);
    REQUIRE(zh.size() == 1);
    CHECK(zh[0].message.find("客户 IT 基础结构和改进") != std::string::npos);
}

TEST_CASE("l2_fit: none when the note supports the chosen L2, when l2 or notes are empty, or l2 is invalid") {
    CHECK(check(kDelivery) == Findings{});
    CHECK(check(kAssignment) == Findings{});
    // Devices and a third-party application: both L2s have support, so no warning either way.
    const std::string both = with(kDelivery, "notes", "\"客户的 VPN 设备与第三方应用程序不兼容。\"");
    CHECK(check(with(both, "l2", "\"app_compatibility\"")) == Findings{});
    CHECK(check(both) == Findings{});
    // (a note that only restates the status: note_quality's hint, not l2_fit)
    CHECK(check(with(with(kDelivery, "l2", "\"adoption_readiness\""), "notes", "\"Waiting for the customer.\"")) ==
          Findings{{"notes", "note_quality", "warning"}});
    CHECK(check(with(kDelivery, "l2", "\"Adoption Readiness\"")) == Findings{{"l2", "not_in_list", "error"}});
}
