// Shared by the docs/bad-inputs.md tests (test_bad_inputs.cpp, test_bad_inputs_records.cpp): a valid
// delivery record as raw JSON per key, and readers and checks with exact outcomes.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "ftblock/report.h"
#include "ftblock/validator.h"
#include "test_util.h"

namespace ftblock::test::bad_inputs {

inline const std::size_t kChunks[] = {0, 1, 2, 5, 64};  // 0: the whole input at once

// A delivery record that passes every rule (docs/record-format.md#fields: the example), as raw JSON per key, so a test
// can replace any value by any JSON text (a number, a broken escape, …).
using Fields = std::vector<std::pair<std::string, std::string>>;

inline Fields delivery_fields() {
    return {
        {"id", R"("FT-2026-000123")"},
        {"customer", R"("Contoso Ltd")"},
        {"workload", R"("teams")"},
        {"scenario", R"("delivery")"},
        {"updated_by", R"("delivery_fm")"},
        {"l1", R"("blocked")"},
        {"l2", R"("customer_it_infrastructure")"},
        {"l3", "null"},
        {"service_state", R"("not_applicable")"},
        {"engagement_scenario", R"("ftc_ftp_led")"},
        {"target_date", R"("2026-12-15")"},
        {"owner", R"("account_team")"},
        {"notes", R"("客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。")"},
        {"next_action_date", "null"},
        {"next_action", R"("Customer upgrades VPN firmware, then re-test sign-in")"},
        {"updated_at", R"("2026-11-24")"},
    };
}

// The delivery record with some values replaced (or keys appended, in order), on one line.
inline std::string delivery(const Fields& changes = {}) {
    Fields fields = delivery_fields();
    for (const auto& change : changes) {
        bool replaced = false;
        for (auto& field : fields)
            if (field.first == change.first && !replaced) {
                field.second = change.second;
                replaced = true;
            }
        if (!replaced) fields.push_back(change);
    }
    std::string out = "{";
    for (const auto& field : fields) {
        if (out.size() > 1) out += ',';
        out += '"' + field.first + "\":" + field.second;
    }
    return out + "}";
}

// Keys written in the given order, duplicates kept (delivery() merges them).
inline std::string delivery_then(const std::string& extra_members) {
    std::string text = delivery();
    text.pop_back();
    return text + "," + extra_members + "}";
}

inline Diagnostics check(const Record& record, Lang lang = Lang::En) {
    return validate(*builtin_playbook(), record, ValidationContext{lang, Date{2026, 11, 24}, nullptr});
}

// "field code severity" per diagnostic, joined: one comparison shows the whole outcome.
inline std::string outcome(const Diagnostics& diagnostics) {
    std::string out;
    for (const Diagnostic& d : diagnostics) {
        if (!out.empty()) out += "; ";
        out += d.field + " " + code_name(d.code) + " " + severity_name(d.severity);
    }
    return out;
}

inline ReadResult read_lines(std::string_view text, std::size_t chunk = 0, Lang lang = Lang::En) {
    return read_text(InputFormat::JsonLines, text, chunk, lang);
}
inline ReadResult read_json(std::string_view text, std::size_t chunk = 0, Lang lang = Lang::En) {
    return read_text(InputFormat::Json, text, chunk, lang);
}

// The one record-level diagnostic a reader put on a record it could not read.
inline std::string problem_of(const test::ReadRecord& r) {
    Diagnostics d = check(r.record);
    REQUIRE(d.size() == 1);
    CHECK(d[0].field == "");
    return std::string(code_name(d[0].code)) + " " + severity_name(d[0].severity) + ": " + d[0].message;
}

const std::string kEmptyJson = "empty JSON file: expected an array of records or one record object";
const std::string kTooLarge = "record is over 1048576 bytes; its fields were not checked";
const std::string kByteFF = "\xFF";
const std::size_t kBigChunks[] = {0, 1, 5, 64, 65536};  // for 2 MiB inputs
const std::size_t kMiBChunks[] = {0, 64, 65536};        // for several MiB of input

}  // namespace ftblock::test::bad_inputs
