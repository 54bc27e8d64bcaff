// The validator beyond single table cells: one error per field and its order, empty values,
// unknown scenarios, the previous-value rule's candidates, date warnings, messages.
#include "scenario_fixtures.h"

using namespace ftblock;
using namespace ftblock::test;

TEST_CASE("absent, null, empty and blank strings are all empty") {
    for (const char* v : {"", "null", "\"\"", "\" \"", "\"\\t\\n\"", "\"\u3000\"", "\"\u00a0\u2003\""}) {
        CAPTURE(v);
        CHECK(check(with(kDelivery, "notes", v)) == Findings{error("notes", "required")});
    }
}

TEST_CASE("one error per field: wrong_type comes before everything else") {
    CHECK(check(with(kAssignment, "target_date", "20261215")) == Findings{error("target_date", "wrong_type")});
    for (const char* v : {"42", "true", "[]", "{}", "[\"a\"]", "1e400", "-0.5"}) {
        CAPTURE(v);
        CHECK(check(with(kDelivery, "owner", v)) == Findings{error("owner", "wrong_type")});
    }
}

TEST_CASE("one error per field: control_char before too_long before the scenario rule") {
    std::string long_with_control = "\"" + std::string(4001, 'a') + "\\u0001\"";
    CHECK(check(with(kDelivery, "notes", long_with_control)) == Findings{error("notes", "control_char")});
    CHECK(check(with(kDelivery, "notes", "\"" + std::string(4001, 'a') + "\"")) ==
          Findings{error("notes", "too_long")});
    CHECK(check(with(kAssignment, "next_action", "\"" + std::string(501, 'x') + "\"")) ==
          Findings{error("next_action", "too_long")});
    CHECK(check(with(kDelivery, "l3", "\"\\u007f\"")) == Findings{error("l3", "control_char")});
    CHECK(check(with(kDelivery, "notes", "\"a\\u009fb\"")) == Findings{error("notes", "control_char")});
}

TEST_CASE("tab, LF and CR are text, not control characters") {
    CHECK(check(with(kDelivery, "notes", "\"VPN 设备不兼容，\\r\\n\\t需要先升级固件。\"")) == Findings{});
}

TEST_CASE("lengths count code points: 200 Chinese characters in customer are fine, 201 are too long") {
    std::string name200, name201;
    for (int i = 0; i < 200; ++i) name200 += "客";
    name201 = name200 + "户";
    CHECK(check(with(kDelivery, "customer", "\"" + name200 + "\"")) == Findings{});
    CHECK(check(with(kDelivery, "customer", "\"" + name201 + "\"")) == Findings{error("customer", "too_long")});
    CHECK(check(with(kDelivery, "id", "\"" + std::string(65, 'F') + "\"")) == Findings{error("id", "too_long")});
}

TEST_CASE("ids are exact: case, spaces and labels are errors") {
    CHECK(check(with(kDelivery, "workload", "\"Teams\"")) == Findings{error("workload", "not_in_list")});
    CHECK(check(with(kDelivery, "l1", "\" blocked\"")) == Findings{error("l1", "fixed_value")});
    CHECK(check(with(kDelivery, "workload", "null")) == Findings{error("workload", "required")});
    CHECK(check(with(kDelivery, "customer", "")) == Findings{error("customer", "required")});
}

TEST_CASE("dates are exactly YYYY-MM-DD and real: leap days, year 0, spaces") {
    CHECK(check(with(kDelivery, "target_date", "\"2028-02-29\"")) == Findings{});
    CHECK(check(with(kDelivery, "target_date", "\"2027-02-29\"")) == Findings{error("target_date", "bad_date")});
    CHECK(check(with(kDelivery, "target_date", "\"2100-02-29\"")) == Findings{error("target_date", "bad_date")});
    CHECK(check(with(kDelivery, "target_date", "\" 2026-12-15\"")) == Findings{error("target_date", "bad_date")});
    CHECK(check(with(kDelivery, "target_date", "\"2026-1-5\"")) == Findings{error("target_date", "bad_date")});
    CHECK(check(with(kDelivery, "updated_at", "\"0000-01-01\"")) == Findings{error("updated_at", "bad_date")});
    CHECK(check(with(kDelivery, "updated_at", "\"2026/11/24\"")) == Findings{error("updated_at", "bad_date")});
}

TEST_CASE("unknown or empty scenario: that error plus only the checks that do not depend on the scenario") {
    std::string r = with(with(with(kAssignment, "scenario", "\"handover\""), "owner", "\"nobody\""), "l3", "\"x\"");
    r = with(with(r, "target_date", "\"2026-12-40\""), "next_action", "\"call\"");
    CHECK(check(r) == Findings{error("scenario", "not_in_list"), error("l3", "not_allowed")});
    CHECK(check(with(with(kDelivery, "scenario", "null"), "l1", "\"x\"")) ==
          Findings{error("scenario", "required"), error("l1", "fixed_value")});
}

TEST_CASE("unknown and repeated keys are errors naming the key; the first value of a repeated key is checked") {
    std::string r = kDelivery;
    r.insert(r.size() - 1, R"(, "ower": "x", "owner": "delivery_fm", "__proto__": {}, "constructor": null)");
    CHECK(check(r) == Findings{error("ower", "unknown_field"), error("__proto__", "unknown_field"),
                               error("constructor", "unknown_field"), error("owner", "duplicate_key")});
    Diagnostics d = diagnose(r);
    CHECK(d[0].message == "unknown field \"ower\": not a key of the record format; did you mean \"owner\"?");
}

TEST_CASE("date warnings: before the day of the update, and a next action after the target date") {
    CHECK(check(with(kDelivery, "target_date", "\"2026-11-01\"")) == Findings{warning("target_date", "date_in_past")});
    CHECK(check(with(kAssignment, "next_action_date", "\"2026-11-23\"")) ==
          Findings{warning("next_action_date", "date_in_past")});
    CHECK(check(with(kDelivery, "next_action_date", "\"2026-12-16\"")) ==
          Findings{warning("next_action_date", "date_order")});
    CHECK(check(with(kDelivery, "next_action_date", "\"2026-12-15\"")) == Findings{});
    // An empty updated_at means today (2026-11-24 in these tests).
    CHECK(check(with(with(kDelivery, "updated_at", "null"), "target_date", "\"2026-11-23\"")) ==
          Findings{warning("target_date", "date_in_past")});
    // No warning about a date that is itself wrong, or when updated_at is malformed.
    CHECK(check(with(with(kDelivery, "updated_at", "\"2026-11-31\""), "target_date", "\"2020-01-01\"")) ==
          Findings{error("updated_at", "bad_date")});
}

TEST_CASE("messages use the playbook's words in zh-CN and en") {
    Diagnostics zh = diagnose(with(kDelivery, "owner", "\"delivery_fm\""), Lang::ZhCN);
    REQUIRE(zh.size() == 1);
    CHECK(zh[0].message.rfind("交付场景的负责人必须是客户团队（account_team）", 0) == 0);
    Diagnostics en = diagnose(with(kDelivery, "target_date", "null"), Lang::En);
    REQUIRE(en.size() == 1);
    CHECK(en[0].message == "In the Delivery scenario, Target date is required: projected unblock date");
    Diagnostics zh2 = diagnose(with(kDelivery, "target_date", "null"), Lang::ZhCN);
    CHECK(zh2[0].message == "交付场景的目标日期为必填项：预计的障碍解除日期");
    Diagnostics label = diagnose(with(kDelivery, "l2", "\"应用兼容性\""), Lang::En);
    CHECK(label[0].message.find("(\"应用兼容性\" is a label; use the id app_compatibility)") != std::string::npos);
}

// ---- the previous value (上一值) -------------------------------------------------------------

namespace {

std::string earlier(const char* engagement, const char* day, const char* customer = "Contoso Ltd",
                    const char* workload = "teams") {
    std::string r = with(kAssignment, "engagement_scenario", std::string("\"") + engagement + "\"");
    r = with(r, "updated_at", std::string("\"") + day + "\"");
    r = with(r, "customer", std::string("\"") + customer + "\"");
    return with(r, "workload", std::string("\"") + workload + "\"");
}

}  // namespace

TEST_CASE("previous value: the latest candidate of the same entitlement by updated_at decides") {
    PreviousIndex previous(*builtin_playbook());
    previous.add(parse_record(earlier("ftc_css_led", "2026-10-01")), kToday);
    previous.add(parse_record(earlier("ftc_ftp_led", "2026-11-01")), kToday);
    previous.add(parse_record(earlier("ftc_cxp_led", "2026-10-15")), kToday);
    CHECK(check(kDelivery, &previous) == Findings{});  // ftc_ftp_led is the latest
    CHECK(check(with(kDelivery, "engagement_scenario", "\"ftc_cxp_led\""), &previous) ==
          Findings{error("engagement_scenario", "changed_from_previous")});
}

TEST_CASE("previous value: equal updated_at, the later one in input order wins") {
    PreviousIndex previous(*builtin_playbook());
    previous.add(parse_record(earlier("ftc_css_led", "2026-11-01")), kToday);
    previous.add(parse_record(earlier("ftc_ftp_led", "2026-11-01")), kToday);
    CHECK(check(kDelivery, &previous) == Findings{});
}

TEST_CASE("previous value: a candidate later than the record is not its previous") {
    PreviousIndex previous(*builtin_playbook());
    previous.add(parse_record(earlier("ftc_css_led", "2026-11-25")), kToday);
    CHECK(check(kDelivery, &previous) == Findings{});
    previous.add(parse_record(earlier("ftc_css_led", "2026-11-24")), kToday);
    CHECK(check(kDelivery, &previous) == Findings{error("engagement_scenario", "changed_from_previous")});
}

TEST_CASE("previous value: the same customer after trimming and ignoring case, the same workload exactly") {
    PreviousIndex previous(*builtin_playbook());
    previous.add(parse_record(earlier("ftc_css_led", "2026-11-01", "  CONTOSO ltd\u3000")), kToday);
    CHECK(check(kDelivery, &previous) == Findings{error("engagement_scenario", "changed_from_previous")});
    PreviousIndex other(*builtin_playbook());
    other.add(parse_record(earlier("ftc_css_led", "2026-11-01", "Contoso Ltd", "exchange_online")), kToday);
    other.add(parse_record(earlier("ftc_css_led", "2026-11-01", "Contoso Ltda")), kToday);
    CHECK(check(kDelivery, &other) == Findings{});
}

TEST_CASE("previous value: records whose engagement scenario is not in the list are no candidates") {
    PreviousIndex previous(*builtin_playbook());
    CHECK_FALSE(previous.add(parse_record(earlier("FTC-CSS Led", "2026-11-01")), kToday));
    CHECK(previous.size() == 0);
    CHECK(check(kDelivery, &previous) == Findings{});
}

TEST_CASE("previous value: only the delivery row keeps it; an assignment record may change it") {
    PreviousIndex previous(*builtin_playbook());
    previous.add(parse_record(earlier("ftc_css_led", "2026-11-01")), kToday);
    CHECK(check(kAssignment, &previous) == Findings{});
}

TEST_CASE("previous value: the message names the previous value and its record") {
    PreviousIndex previous(*builtin_playbook());
    previous.add(parse_record(earlier("ftc_css_led", "2026-11-01")), kToday);
    Diagnostics d = diagnose(kDelivery, Lang::ZhCN, &previous);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message ==
          "交付场景的服务接洽场景必须保持上一值：FTC-CSS 主导 (FTC-CSS Led)（ftc_css_led，来自 "
          "2026-11-01，FT-2026-000101 的记录），而不是 \"ftc_ftp_led\"");
}
