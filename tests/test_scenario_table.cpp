// One case per cell of the seed's scenario table (2 rows × 12 columns = 24): the compliant
// record has no diagnostic, and breaking that cell gives exactly the diagnostic the cell implies.
#include "scenario_fixtures.h"

using namespace ftblock;
using namespace ftblock::test;

TEST_CASE("the compliant records of both scenarios have no diagnostic at all") {
    CHECK(check(kAssignment) == Findings{});
    CHECK(check(kDelivery) == Findings{});
}

// ---- assignment (分配) row ------------------------------------------------------------------

TEST_CASE("assignment 场景: the scenario must be the id 'assignment', not its English label") {
    CHECK(check(with(kAssignment, "scenario", "\"Assignment\"")) == Findings{error("scenario", "not_in_list")});
}

TEST_CASE("assignment 谁更新 FTOP: only the Assignment FM updates FTOP") {
    CHECK(check(with(kAssignment, "updated_by", "\"delivery_fm\"")) == Findings{error("updated_by", "fixed_value")});
    CHECK(check(with(kAssignment, "updated_by", "null")) == Findings{error("updated_by", "required")});
}

TEST_CASE("assignment L1 值: L1 must be the id 'blocked'") {
    CHECK(check(with(kAssignment, "l1", "\"Blocked\"")) == Findings{error("l1", "fixed_value")});
}

TEST_CASE("assignment L2 值: a Blocked L2 from the list is required") {
    CHECK(check(with(kAssignment, "l2", "null")) == Findings{error("l2", "required")});
    CHECK(check(with(kAssignment, "l2", "\"Adoption Readiness\"")) == Findings{error("l2", "not_in_list")});
}

TEST_CASE("assignment L3 值: L3 is coming soon, so any value is not allowed") {
    CHECK(check(with(kAssignment, "l3", "\"training\"")) == Findings{error("l3", "not_allowed")});
}

TEST_CASE("assignment 服务状态: the service state must be not_applicable") {
    CHECK(check(with(kAssignment, "service_state", "\"不适用\"")) == Findings{error("service_state", "fixed_value")});
}

TEST_CASE("assignment 服务接洽场景: an engagement scenario from FTOP's list is required") {
    CHECK(check(with(kAssignment, "engagement_scenario", "null")) ==
          Findings{error("engagement_scenario", "required")});
    CHECK(check(with(kAssignment, "engagement_scenario", "\"FTC-FTP Led\"")) ==
          Findings{error("engagement_scenario", "not_in_list")});
}

TEST_CASE("assignment 目标日期: the target date is N/A, so even a malformed one is only not_allowed") {
    CHECK(check(with(kAssignment, "target_date", "\"2026-12-15\"")) == Findings{error("target_date", "not_allowed")});
    CHECK(check(with(kAssignment, "target_date", "\"2026-13-45\"")) == Findings{error("target_date", "not_allowed")});
}

TEST_CASE("assignment 负责人: the owner must be the Delivery FM") {
    CHECK(check(with(kAssignment, "owner", "\"account_team\"")) == Findings{error("owner", "fixed_value")});
}

TEST_CASE("assignment 笔记: an explanation of the blocking issue is required, blank is empty") {
    CHECK(check(with(kAssignment, "notes", "\"\u3000 \"")) == Findings{error("notes", "required")});
}

TEST_CASE("assignment 下一行动日期: the date of the initiate discussion is required and must be real") {
    CHECK(check(with(kAssignment, "next_action_date", "null")) == Findings{error("next_action_date", "required")});
    CHECK(check(with(kAssignment, "next_action_date", "\"2026-02-30\"")) ==
          Findings{error("next_action_date", "bad_date")});
}

TEST_CASE("assignment 要采取的下一行动: the next action must be the kickoff meeting id") {
    CHECK(check(with(kAssignment, "next_action", "\"Kickoff Meeting\"")) ==
          Findings{error("next_action", "fixed_value")});
}

// ---- delivery (交付) row --------------------------------------------------------------------

TEST_CASE("delivery 场景: ids are never trimmed, 'delivery ' is not in the list") {
    CHECK(check(with(kDelivery, "scenario", "\"delivery \"")) == Findings{error("scenario", "not_in_list")});
}

TEST_CASE("delivery 谁更新 FTOP: only the Delivery FM updates FTOP") {
    CHECK(check(with(kDelivery, "updated_by", "\"assignment_fm\"")) == Findings{error("updated_by", "fixed_value")});
}

TEST_CASE("delivery L1 值: an empty L1 is required, not accepted") {
    CHECK(check(with(kDelivery, "l1", "\"\"")) == Findings{error("l1", "required")});
}

TEST_CASE("delivery L2 值: the L2 id must be exact") {
    CHECK(check(with(kDelivery, "l2", "\"customer_it_infrastructure \"")) == Findings{error("l2", "not_in_list")});
    CHECK(check(with(kDelivery, "l2", "")) == Findings{error("l2", "required")});
}

TEST_CASE("delivery L3 值: L3 is coming soon, so any value is not allowed") {
    CHECK(check(with(kDelivery, "l3", "\"L3\"")) == Findings{error("l3", "not_allowed")});
}

TEST_CASE("delivery 服务状态: the service state must be not_applicable") {
    CHECK(check(with(kDelivery, "service_state", "\"n/a\"")) == Findings{error("service_state", "fixed_value")});
}

TEST_CASE("delivery 服务接洽场景: the engagement scenario keeps the previous value of the entitlement") {
    PreviousIndex previous(*builtin_playbook());
    REQUIRE(previous.add(
        parse_record(with(with(kAssignment, "engagement_scenario", "\"ftc_css_led\""), "updated_at", "\"2026-11-01\"")),
        kToday));
    CHECK(check(kDelivery, &previous) == Findings{error("engagement_scenario", "changed_from_previous")});
    CHECK(check(with(kDelivery, "engagement_scenario", "\"ftc_css_led\""), &previous) == Findings{});
    CHECK(check(with(kDelivery, "engagement_scenario", "null"), &previous) ==
          Findings{error("engagement_scenario", "required")});
}

TEST_CASE("delivery 目标日期: the projected unblock date is required and must be a real date") {
    CHECK(check(with(kDelivery, "target_date", "null")) == Findings{error("target_date", "required")});
    CHECK(check(with(kDelivery, "target_date", "\"2026-12-32\"")) == Findings{error("target_date", "bad_date")});
}

TEST_CASE("delivery 负责人: the owner is the account team id, not its Chinese label nor the Delivery FM") {
    CHECK(check(with(kDelivery, "owner", "\"客户团队\"")) == Findings{error("owner", "fixed_value")});
    CHECK(check(with(kDelivery, "owner", "\"delivery_fm\"")) == Findings{error("owner", "fixed_value")});
}

TEST_CASE("delivery 笔记: an explanation of the blocking issue is required") {
    CHECK(check(with(kDelivery, "notes", "")) == Findings{error("notes", "required")});
}

TEST_CASE("delivery 下一行动日期: TBD — may be empty, but a given date must be real") {
    CHECK(check(with(kDelivery, "next_action_date", "\"2026-12-01\"")) == Findings{});
    CHECK(check(with(kDelivery, "next_action_date", "\"soon\"")) == Findings{error("next_action_date", "bad_date")});
}

TEST_CASE("delivery 要采取的下一行动: free text that depends on L2/L3 is required") {
    CHECK(check(with(kDelivery, "next_action", "\"\"")) == Findings{error("next_action", "required")});
}
