// The generator of ftblock_bench: N deterministic synthetic records (docs/record-format.md, about 30 %
// invalid in varied ways) in JSON Lines, a JSON array or CSV. See bench.cpp for the program.
#include "generate.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "bench_text.h"

namespace ftblock_bench {

namespace {
// ---------------------------------------------------------------------------------------------
// Random numbers: splitmix64, identical on every platform and library.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    int range(int lo, int hi) { return lo + below(hi - lo + 1); }  // inclusive
    bool chance(int percent) { return below(1000) < percent * 10; }
    bool permille(int p) { return below(1000) < p; }
    template <class T, std::size_t N>
    const T& pick(const T (&a)[N]) {
        return a[below(int(N))];
    }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(int(v.size()))];
    }

private:
    std::uint64_t state_;
};

// ---------------------------------------------------------------------------------------------
// Civil dates (days since 1970-01-01), after Howard Hinnant's algorithms.
int days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::string civil_from_days(int z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp + (mp < 10 ? 3 : -9);
    const int y = yoe + era * 400 + (m <= 2);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

const int kToday = days_from_civil(2026, 11, 24);  // the `--today` the benchmark passes

// ---------------------------------------------------------------------------------------------
// A record as an ordered list of members, so flaws can add unknown or repeated keys.
enum class Break { None, DropBrace, TrailingComma, ExtraCell, MissingCell };

struct Value {
    enum class Kind { Null, Str, Raw } kind = Kind::Null;  // Raw: a JSON literal (number...)
    std::string text;
};
struct Member {
    std::string key;
    Value value;
};
struct Record {
    std::vector<Member> members;
    Break broken = Break::None;

    void set(const std::string& key, Value v) {
        for (Member& m : members)
            if (m.key == key) {
                m.value = std::move(v);
                return;
            }
        members.push_back({key, std::move(v)});
    }
    void set(const std::string& key, std::string s) { set(key, Value{Value::Kind::Str, std::move(s)}); }
    void set_null(const std::string& key) { set(key, Value{}); }
    void set_raw(const std::string& key, std::string raw) { set(key, Value{Value::Kind::Raw, std::move(raw)}); }
    void erase(const std::string& key) {
        members.erase(std::remove_if(members.begin(), members.end(), [&](const Member& m) { return m.key == key; }),
                      members.end());
    }
    const Value* find(const std::string& key) const {
        for (const Member& m : members)
            if (m.key == key) return &m.value;
        return nullptr;
    }
};

const char* const kKeys[] = {"id",          "customer", "workload", "scenario",         "updated_by",
                             "l1",          "l2",       "l3",       "service_state",    "engagement_scenario",
                             "target_date", "owner",    "notes",    "next_action_date", "next_action",
                             "updated_at"};

std::string repeat_to(const std::string& unit, std::size_t code_points) {
    std::string out;
    std::size_t n = 0;
    while (n < code_points)
        for (unsigned char c : unit) {
            if (n >= code_points && (c & 0xC0) != 0x80) break;
            out += char(c);
            if ((c & 0xC0) != 0x80) ++n;
        }
    return out;
}

std::string make_notes(Rng& r, const L2Text& t) {
    const bool zh_first = r.chance(55);
    // One draw per statement: the order of evaluation of operands and arguments is
    // unspecified, and the bytes must not depend on the compiler.
    int sentences = r.range(2, 4);
    if (r.chance(8)) ++sentences;
    const char* sep = r.chance(10) ? "\n" : nullptr;  // some notes span lines
    std::string out;
    const char* used[5] = {};
    for (int i = 0; i < sentences; ++i) {
        bool zh = (i == 0) ? zh_first : r.chance(50);
        bool extra = i > 0 && r.chance(35);
        const char* s = nullptr;
        for (int attempt = 0;; ++attempt) {  // no sentence twice; switch pools when one runs dry
            s = extra ? (zh ? r.pick(kExtraZh) : r.pick(kExtraEn)) : (zh ? r.pick(t.zh) : r.pick(t.en));
            if (std::find(used, used + i, s) == used + i) break;
            if (attempt % 3 == 2) zh = !zh;
            if (attempt % 6 == 5) extra = !extra;
        }
        used[i] = s;
        if (!out.empty()) {
            if (sep)
                out += sep;
            else if (out.back() == '.' || !zh)
                out += ' ';
        }
        out += s;
    }
    return out;
}

enum class Flaw {
    OwnerLabel,
    BadDate,
    MissingNotes,
    AssignmentTargetDate,
    UnknownKey,
    WrongType,
    L2NotInList,
    TooLong,
    UpdatedBy,
    L1,
    ServiceState,
    NextAction,
    L3Given,
    Workload,
    EngagementMissing,
    EngagementWrong,
    Scenario,
    CustomerMissing,
    ControlChar,
    DuplicateKey,
    RequiredDateMissing,
    BrokenSyntax,
    Count
};

bool flaw_fits(Flaw f, Format fmt) {
    switch (f) {
        case Flaw::UnknownKey:
        case Flaw::WrongType:
        case Flaw::DuplicateKey: return fmt != Format::Csv;   // a CSV row cannot hold them
        case Flaw::BrokenSyntax: return fmt != Format::Json;  // in a JSON array it would break the whole file
        default: return true;
    }
}

void apply_flaw(Rng& r, Record& rec, Flaw f, bool assignment, Format fmt) {
    switch (f) {
        case Flaw::OwnerLabel: {
            static const char* const a[] = {"交付 FM", "Delivery FM", "delivery FM", "DeliveryFM"};
            static const char* const d[] = {"客户团队", "Account team", "customer", "account team"};
            rec.set("owner", assignment ? r.pick(a) : r.pick(d));
            break;
        }
        case Flaw::BadDate: {
            static const char* const bad[] = {"2026-02-30",  "2026-13-01",           "2026-11-31", "2026/12/01",
                                              "2026-1-5",    "12/15/2026",           "2025-02-29", "0000-01-01",
                                              " 2026-12-15", "2026-12-15T00:00:00Z", "next week",  "待定",
                                              "2026-12-1"};
            static const char* const a[] = {"next_action_date", "updated_at"};
            static const char* const d[] = {"target_date", "next_action_date", "updated_at"};
            const char* key = assignment ? r.pick(a) : r.pick(d);
            rec.set(key, r.pick(bad));
            break;
        }
        case Flaw::MissingNotes:
            switch (r.below(4)) {
                case 0: rec.erase("notes"); break;
                case 1: rec.set_null("notes"); break;
                case 2: rec.set("notes", ""); break;
                default: rec.set("notes", "\xE3\x80\x80\xE3\x80\x80"); break;  // U+3000 twice: blank
            }
            break;
        case Flaw::AssignmentTargetDate:
            if (assignment)
                rec.set("target_date", civil_from_days(kToday + r.range(10, 60)));
            else
                rec.set_null("target_date");  // delivery without its target date: required
            break;
        case Flaw::UnknownKey: {
            static const char* const k[] = {"note",       "Owner",    "comment",          "priority",
                                            "targetDate", "l2_label", "next_action_owner"};
            const char* key = r.pick(k);
            rec.set(key, r.chance(50) ? "high" : "客户要求尽快处理");
            break;
        }
        case Flaw::WrongType: {
            static const char* const keys[] = {"l3",       "target_date", "customer", "notes",
                                               "workload", "owner",       "id",       "next_action_date"};
            static const char* const raw[] = {
                "0",     "20261215", "12345", "[\"teams\",\"intune\"]", "true", "{\"id\":\"account_team\"}",
                "1.5e3", "false"};
            const char* key = r.pick(keys);
            rec.set_raw(key, r.pick(raw));
            break;
        }
        case Flaw::L2NotInList: {
            static const char* const v[] = {
                "legal_regulatory",   "security_privacy", "Customer_IT_Infrastructure", "客户 IT 基础结构和改进",
                "Adoption Readiness", "app_compat",       " partner_engagement"};
            rec.set("l2", r.pick(v));
            break;
        }
        case Flaw::TooLong:
            switch (r.below(4)) {
                case 0:
                    rec.set("notes", repeat_to("阻碍问题的说明很长。The note goes on. ", r.range(4001, 4200)));
                    break;
                case 1:
                    rec.set("customer", repeat_to("北京华信数据服务有限公司 Beijing Branch ", r.range(201, 260)));
                    break;
                case 2:
                    rec.set("next_action", repeat_to("Follow up with the customer's IT lead; ", r.range(501, 560)));
                    break;
                default: rec.set("id", "FT-2026-" + std::string(std::size_t(r.range(60, 80)), '0')); break;
            }
            break;
        case Flaw::UpdatedBy: {
            static const char* const v[] = {"Assignment FM", "分配 FM", "partner", "交付 FM"};
            rec.set("updated_by", r.chance(50) ? (assignment ? "delivery_fm" : "assignment_fm") : r.pick(v));
            break;
        }
        case Flaw::L1: {
            static const char* const v[] = {"Blocked", "受阻", " blocked", "at_risk", "on_track"};
            if (r.chance(15))
                rec.set_null("l1");
            else
                rec.set("l1", r.pick(v));
            break;
        }
        case Flaw::ServiceState: {
            static const char* const v[] = {"不适用", "N/A", "in_progress", "Not applicable", ""};
            rec.set("service_state", r.pick(v));
            break;
        }
        case Flaw::NextAction: {
            static const char* const a[] = {"Kickoff Meeting", "启动会议", "kickoff", "Schedule the kickoff meeting"};
            if (assignment)
                rec.set("next_action", r.pick(a));
            else if (r.chance(50))
                rec.set_null("next_action");
            else
                rec.set("next_action", " ");
            break;
        }
        case Flaw::L3Given: {
            static const char* const v[] = {"L3 即将推出", "L3 coming soon", "vpn", "TBD"};
            rec.set("l3", r.pick(v));
            break;
        }
        case Flaw::Workload: {
            static const char* const v[] = {"Teams",           "Exchange Online", "office365", "M365",
                                            "Microsoft Teams", "teams ",          "sharepoint"};
            if (r.chance(15))
                rec.set_null("workload");
            else
                rec.set("workload", r.pick(v));
            break;
        }
        case Flaw::EngagementMissing:
            if (r.chance(50))
                rec.set_null("engagement_scenario");
            else
                rec.erase("engagement_scenario");
            break;
        case Flaw::EngagementWrong: {
            static const char* const v[] = {"FTC-FTP Led", "客户主导，FTP 协助", "partner_led", "ftc-ftp-led"};
            rec.set("engagement_scenario", r.pick(v));
            break;
        }
        case Flaw::Scenario: {
            static const char* const v[] = {"Delivery", "交付", "handover", "Assignment"};
            if (r.chance(20))
                rec.set_null("scenario");
            else
                rec.set("scenario", r.pick(v));
            break;
        }
        case Flaw::CustomerMissing:
            if (r.chance(50))
                rec.set_null("customer");
            else
                rec.set("customer", "   ");
            break;
        case Flaw::ControlChar: {
            static const char* const c[] = {"\x07", "\x1B", "\xC2\x85", "\x0B", "\x7F"};
            const char* key = r.chance(70) ? "notes" : "customer";
            const Value* v = rec.find(key);
            std::string s = (v && v->kind == Value::Kind::Str) ? v->text : std::string("Contoso");
            std::size_t pos = s.size() / 2;
            while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
            s.insert(pos, r.pick(c));
            rec.set(key, s);
            break;
        }
        case Flaw::DuplicateKey: {
            static const char* const k[] = {"owner", "l2", "notes", "workload"};
            const char* key = r.pick(k);
            const Value* v = rec.find(key);
            rec.members.push_back({key, v ? *v : Value{}});
            break;
        }
        case Flaw::RequiredDateMissing: rec.set_null(assignment ? "next_action_date" : "target_date"); break;
        case Flaw::BrokenSyntax:
            if (fmt == Format::Csv)
                rec.broken = r.chance(50) ? Break::ExtraCell : Break::MissingCell;
            else
                rec.broken = r.chance(50) ? Break::DropBrace : Break::TrailingComma;
            break;
        case Flaw::Count: break;
    }
}

// Builds record `index`; `invalid` tells whether a flaw was put in (for --verify).
Record make_record(Rng& r, std::uint64_t index, Format fmt, bool& invalid) {
    const L2Text& t = r.pick(l2_texts());
    const bool assignment = r.chance(50);
    Record rec;
    rec.members.reserve(18);
    char id[32];
    std::snprintf(id, sizeof id, "FT-2026-%06llu", static_cast<unsigned long long>(index + 1));
    if (r.permille(20))
        rec.set_null("id");
    else
        rec.set("id", id);
    std::string customer = r.pick(kCustomers);
    if (r.chance(30)) customer += r.pick(kCustomerSuffix);
    rec.set("customer", customer);
    rec.set("workload", r.pick(kWorkloads));
    rec.set("scenario", assignment ? "assignment" : "delivery");
    rec.set("updated_by", assignment ? "assignment_fm" : "delivery_fm");
    rec.set("l1", "blocked");
    rec.set("l2", t.id);
    if (r.chance(90))
        rec.set_null("l3");
    else
        rec.set("l3", "");
    rec.set("service_state", "not_applicable");
    rec.set("engagement_scenario", r.pick(kEngagement));

    const bool updated_today = r.chance(5);  // empty updated_at means today
    const int updated = updated_today ? kToday : kToday - r.range(0, 115);
    const int target = updated + r.range(14, 120);
    if (assignment)
        rec.set_null("target_date");
    else
        rec.set("target_date", civil_from_days(target));
    rec.set("owner", assignment ? "delivery_fm" : "account_team");
    rec.set("notes", make_notes(r, t));
    if (assignment)
        rec.set("next_action_date", civil_from_days(updated + r.range(1, 14)));
    else if (r.chance(40))
        rec.set_null("next_action_date");  // TBD
    else if (r.chance(4))
        rec.set("next_action_date", civil_from_days(updated - 3));  // warning only
    else
        rec.set("next_action_date", civil_from_days(updated + r.range(1, 13)));
    rec.set("next_action", assignment ? std::string("kickoff_meeting") : std::string(r.pick(t.actions)));
    if (updated_today)
        rec.set_null("updated_at");
    else
        rec.set("updated_at", civil_from_days(updated));

    invalid = r.chance(30);
    if (invalid) {
        const int flaws = r.chance(20) ? 2 : 1;
        for (int i = 0; i < flaws; ++i) {
            Flaw f;
            do f = static_cast<Flaw>(r.below(int(Flaw::Count)));
            while (!flaw_fits(f, fmt));
            apply_flaw(r, rec, f, assignment, fmt);
        }
    }
    return rec;
}

// ---------------------------------------------------------------------------------------------
// Writers.
void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

void append_json_record(std::string& out, const Record& rec) {
    out += '{';
    bool first = true;
    for (const Member& m : rec.members) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, m.key);
        out += ':';
        switch (m.value.kind) {
            case Value::Kind::Null: out += "null"; break;
            case Value::Kind::Str: append_json_string(out, m.value.text); break;
            case Value::Kind::Raw: out += m.value.text; break;
        }
    }
    if (rec.broken == Break::TrailingComma)
        out += ",}";
    else if (rec.broken != Break::DropBrace)
        out += '}';
}

// CSV export rule (docs/record-format.md#csv): a ' before text a spreadsheet would take for a formula; then RFC 4180.
void append_csv_cell(std::string& out, std::string_view v) {
    std::string cell;
    if (!v.empty() && std::strchr("=+-@\t\r'", v[0]) != nullptr && v[0] != '\0') cell += '\'';
    cell.append(v.data(), v.size());
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_csv_record(std::string& out, const Record& rec) {
    const std::size_t cells = std::size(kKeys) - (rec.broken == Break::MissingCell ? 1 : 0);
    for (std::size_t i = 0; i < cells; ++i) {
        if (i) out += ',';
        const Value* v = rec.find(kKeys[i]);
        if (v && v->kind != Value::Kind::Null) append_csv_cell(out, v->text);
    }
    if (rec.broken == Break::ExtraCell) out += ",extra";
    out += "\r\n";
}

}  // namespace

bool parse_format(std::string_view s, Format& f) {
    if (s == "jsonl")
        f = Format::Jsonl;
    else if (s == "json")
        f = Format::Json;
    else if (s == "csv")
        f = Format::Csv;
    else
        return false;
    return true;
}

// Writes n records; returns the number of records with a flaw.
std::uint64_t generate(std::FILE* out, std::uint64_t n, Format fmt, std::uint64_t seed) {
    Rng r(seed);
    std::string buf;
    buf.reserve(1 << 21);
    std::uint64_t invalid_count = 0;
    if (fmt == Format::Csv) {
        buf += "\xEF\xBB\xBF";
        for (std::size_t i = 0; i < std::size(kKeys); ++i) {
            if (i) buf += ',';
            buf += kKeys[i];
        }
        buf += "\r\n";
    } else if (fmt == Format::Json) {
        buf += '[';
    }
    for (std::uint64_t i = 0; i < n; ++i) {
        bool invalid = false;
        const Record rec = make_record(r, i, fmt, invalid);
        invalid_count += invalid;
        switch (fmt) {
            case Format::Jsonl:
                append_json_record(buf, rec);
                buf += '\n';
                break;
            case Format::Json:
                if (i) buf += ",\n";
                append_json_record(buf, rec);
                break;
            case Format::Csv: append_csv_record(buf, rec); break;
        }
        if (buf.size() >= (1 << 20)) {
            std::fwrite(buf.data(), 1, buf.size(), out);
            buf.clear();
        }
    }
    if (fmt == Format::Json) buf += "]\n";
    std::fwrite(buf.data(), 1, buf.size(), out);
    return invalid_count;
}

}  // namespace ftblock_bench
