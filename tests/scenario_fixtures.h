// Records for the validator tests: one compliant record per scenario (JSON text, as a partner
// would export it) and a way to change one field and see exactly what the validator says.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

#include "ftblock/validator.h"
#include "test_util.h"

namespace ftblock::test {

using Finding = std::tuple<std::string, std::string, std::string>;  // field, code, severity
using Findings = std::vector<Finding>;

inline const char* kAssignment =
    R"({"id": "FT-2026-000101", "customer": "Contoso Ltd", "workload": "teams", "scenario": "assignment",)"
    R"( "updated_by": "assignment_fm", "l1": "blocked", "l2": "adoption_readiness", "l3": null,)"
    R"( "service_state": "not_applicable", "engagement_scenario": "customer_led_ftp_assist", "target_date": null,)"
    R"( "owner": "delivery_fm", "notes": "最终用户培训未完成，业务部门不同意在季度结算期间切换。",)"
    R"( "next_action_date": "2026-12-01", "next_action": "kickoff_meeting", "updated_at": "2026-11-24"})";

inline const char* kDelivery =
    R"({"id": "FT-2026-000123", "customer": "Contoso Ltd", "workload": "teams", "scenario": "delivery",)"
    R"( "updated_by": "delivery_fm", "l1": "blocked", "l2": "customer_it_infrastructure", "l3": null,)"
    R"( "service_state": "not_applicable", "engagement_scenario": "ftc_ftp_led", "target_date": "2026-12-15",)"
    R"( "owner": "account_team", "notes": "客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。",)"
    R"( "next_action_date": null, "next_action": "Customer upgrades VPN firmware, then re-test sign-in",)"
    R"( "updated_at": "2026-11-24"})";

constexpr Date kToday{2026, 11, 24};

inline Record parse_record(const std::string& json) {
    ReadResult r = read_text(InputFormat::JsonLines, json);
    REQUIRE(!r.failed);
    REQUIRE(r.records.size() == 1);
    return r.records[0].record;
}

// The record with one field replaced: `value` is JSON text ("null", "\"x\"", "42"), or empty to remove the key.
inline std::string with(std::string json, const std::string& key, const std::string& value) {
    std::string quoted = "\"" + key + "\": ";
    std::size_t at = json.find(quoted);
    REQUIRE(at != std::string::npos);
    std::size_t start = at + quoted.size();
    std::size_t end = start;
    if (json[start] == '"') {
        end = start + 1;
        while (json[end] != '"') end += json[end] == '\\' ? 2 : 1;
        ++end;
    } else {
        end = json.find_first_of(",}", start);
    }
    if (value.empty()) {
        std::size_t from = at;
        std::size_t to = end;
        if (json[to] == ',') ++to;
        while (json[to] == ' ') ++to;
        return json.substr(0, from) + json.substr(to);
    }
    return json.substr(0, start) + value + json.substr(end);
}

inline Findings findings_of(const Diagnostics& diagnostics) {
    Findings out;
    for (const Diagnostic& d : diagnostics) out.emplace_back(d.field, code_name(d.code), severity_name(d.severity));
    return out;
}

inline Findings check(const std::string& json, const PreviousIndex* previous = nullptr, Lang lang = Lang::En) {
    Record record = parse_record(json);
    return findings_of(validate(*builtin_playbook(), record, ValidationContext{lang, kToday, previous}));
}

inline Diagnostics diagnose(const std::string& json, Lang lang = Lang::En, const PreviousIndex* previous = nullptr) {
    Record record = parse_record(json);
    return validate(*builtin_playbook(), record, ValidationContext{lang, kToday, previous});
}

inline Finding error(const char* field, const char* code) { return Finding{field, code, "error"}; }
inline Finding warning(const char* field, const char* code) { return Finding{field, code, "warning"}; }

}  // namespace ftblock::test
