// The incremental drafts model against the rule written the slow, obvious way: after any mix
// of edits, adds, removals, restores, page records and a new day, every draft's previous value
// and error count equal what a full recomputation over all drafts gives (docs/rules.md#previous-record).
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "drafts.h"
#include "ftblock/writer.h"

using namespace ftblock;
using namespace ftblock::web;

namespace {

// The previous-value index of draft i built from scratch, as the form did before issue 9.
PreviousIndex reference_index(const Drafts& d, const std::vector<Record>& page, std::size_t i, Date today) {
    const Playbook& pb = d.playbook();
    PreviousIndex index(pb);
    std::optional<Date> day = record_day(pb, d.at(i).record, today);
    if (!day) return index;
    std::vector<std::pair<std::pair<int, std::uint64_t>, std::size_t>> order;
    for (std::size_t j = 0; j < d.size(); ++j) {
        if (j == i) continue;
        std::optional<Date> dj = record_day(pb, d.at(j).record, today);
        if (!dj) continue;
        auto key = std::make_pair(dj->serial(), d.at(j).created);
        if (key < std::make_pair(day->serial(), d.at(i).created)) order.push_back({key, j});
    }
    std::sort(order.begin(), order.end());
    for (const Record& r : page) index.add(r, today);
    for (const auto& entry : order) index.add(d.at(entry.second).record, today);
    return index;
}

void check_against_reference(Drafts& d, const std::vector<Record>& page, Date today) {
    d.refresh();
    const Playbook& pb = d.playbook();
    std::size_t valid = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
        PreviousIndex index = reference_index(d, page, i, today);
        Diagnostics diags = validate(pb, d.at(i).record, ValidationContext{Lang::En, today, &index});
        std::size_t errors = 0;
        for (const Diagnostic& x : diags) errors += x.severity == Severity::Error;
        CAPTURE(i);
        CHECK(d.errors(i) == errors);
        CHECK(d.validate(i, Lang::En).size() == diags.size());
        valid += errors == 0;
        std::optional<Date> day = record_day(pb, d.at(i).record, today);
        const PreviousIndex::Entry* e = day ? index.find(d.at(i).record, *day) : nullptr;
        std::optional<std::string> expected;
        if (e) expected = e->value;
        CHECK(d.previous_value(i) == expected);
        if (d.at(i).follow_previous && d.keeps_previous(i) && expected)
            CHECK(d.text(i, pb.engagement_field) == *expected);
    }
    CHECK(d.valid_count() == valid);
}

Record page_record(const Playbook& pb, const std::string& customer, const std::string& workload, const std::string& day,
                   const std::string& engagement) {
    Record r;
    r.reset(pb.fields.size());
    auto put = [&](int f, const std::string& v) {
        r[f].state = ValueState::String;
        r[f].text = v;
    };
    put(pb.customer_field, customer);
    put(pb.workload_field, workload);
    put(pb.updated_at_field, day);
    put(pb.engagement_field, engagement);
    return r;
}

}  // namespace

TEST_CASE("incremental verdicts equal a full recomputation after 3,000 random changes") {
    const Playbook& pb = *builtin_playbook();
    Drafts d(pb);
    Date today{2026, 11, 24};
    d.set_today(today);
    std::mt19937 rng(20261203);
    auto pick = [&](const std::vector<std::string>& xs) { return xs[rng() % xs.size()]; };
    std::vector<std::string> customers = {"Contoso", "contoso ", "Fabrikam", "", "中国 客户"};
    std::vector<std::string> workloads = {"", "not-a-workload"};
    for (const Choice& c : pb.list_of(pb.workload_field)->choices)
        if (workloads.size() < 5) workloads.push_back(c.id);
    std::vector<std::string> engagements = {"", "nope"};
    for (const Choice& c : pb.list_of(pb.engagement_field)->choices) engagements.push_back(c.id);
    std::vector<std::string> days = {"", "2026-11-01", "2026-11-20", "2026-11-24", "2026-12-01", "2026-13-01"};
    std::vector<std::string> ids = {"", "R1", "R2", "R3"};
    std::vector<Record> page;
    std::vector<RemovedDraft> removed;

    for (int k = 0; k < 6; ++k) d.add_new(pb.scenarios[k % pb.scenarios.size()].id);
    for (int step = 0; step < 3000; ++step) {
        const unsigned op = rng() % 100;
        const std::size_t i = d.size() ? rng() % d.size() : 0;
        if (op < 55 && d.size()) {
            int f = std::vector<int>{pb.customer_field, pb.workload_field, pb.updated_at_field, pb.engagement_field,
                                     pb.id_field}[rng() % 5];
            const auto& pool = f == pb.customer_field     ? customers
                               : f == pb.workload_field   ? workloads
                               : f == pb.updated_at_field ? days
                               : f == pb.engagement_field ? engagements
                                                          : ids;
            d.set(i, f, pick(pool));
        } else if (op < 63 && d.size()) {
            d.switch_scenario(i, pb.scenarios[rng() % pb.scenarios.size()].id);
        } else if (op < 70) {
            d.add_new(pb.scenarios[rng() % pb.scenarios.size()].id);
        } else if (op < 74 && d.size()) {
            d.duplicate(i);
        } else if (op < 78 && d.size() > 1) {
            removed = d.remove_many({i, rng() % d.size()});
        } else if (op < 81 && !removed.empty()) {
            d.restore(std::move(removed));
            removed.clear();
        } else if (op < 84 && d.size()) {
            d.set_follow_previous(i, !d.at(i).follow_previous);
        } else if (op < 86) {
            page.push_back(page_record(pb, pick(customers), pick(workloads), pick(days), pick(engagements)));
            std::string json = "[";
            for (std::size_t p = 0; p < page.size(); ++p) {
                json += p ? "," : "";
                append_record_json(json, pb, page[p]);
            }
            CHECK(d.set_previous(json + "]", Lang::En) == "");
        } else if (op < 87) {
            today = Date{2026, 11, today.day == 24 ? 25 : 24};
            d.set_today(today);
        }
        if (step % 7 == 0) check_against_reference(d, page, today);
    }
    check_against_reference(d, page, today);
}

TEST_CASE("an edit re-checks its own draft and its entitlement's later drafts, not the others") {
    const Playbook& pb = *builtin_playbook();
    Drafts d(pb);
    d.set_today(Date{2026, 11, 24});
    const std::string workload = pb.list_of(pb.workload_field)->choices.front().id;
    for (int k = 0; k < 2000; ++k) {
        std::size_t i = d.add_new(pb.scenarios.back().id);
        d.set(i, pb.customer_field, "Customer " + std::to_string(k % 500));
        d.set(i, pb.workload_field, workload);
    }
    d.refresh();
    std::vector<std::uint64_t> before;
    for (std::size_t i = 0; i < d.size(); ++i) before.push_back(d.verdict_version(i));
    d.set(10, pb.field_index("notes"), "x");  // not a key field
    d.refresh();
    std::size_t rechecked = 0;
    for (std::size_t i = 0; i < d.size(); ++i) rechecked += d.verdict_version(i) != before[i];
    CHECK(rechecked == 1);
    for (std::size_t i = 0; i < d.size(); ++i) before[i] = d.verdict_version(i);
    d.set(10, pb.customer_field, "Customer 11");  // leaves group 10, joins group 11 (4 drafts each)
    d.refresh();
    rechecked = 0;
    for (std::size_t i = 0; i < d.size(); ++i) rechecked += d.verdict_version(i) != before[i];
    CHECK(rechecked >= 1);
    CHECK(rechecked <= 1 + 3 + 4);  // itself, the later ones of its old group and of its new group
}

TEST_CASE("imports find duplicates by content, within the file and against the drafts") {
    const Playbook& pb = *builtin_playbook();
    Drafts d(pb);
    d.set_today(Date{2026, 11, 24});
    std::string lines;
    for (int k = 0; k < 300; ++k) {
        Record r = page_record(pb, "C" + std::to_string(k % 200), pb.list_of(pb.workload_field)->choices.front().id,
                               "2026-11-01", "");
        append_record_json(lines, pb, r);
        lines += "\n";
    }
    ImportResult first = d.import("a.jsonl", lines, Lang::En);
    CHECK(first.added == 200);
    CHECK(first.duplicates == 100);
    ImportResult again = d.import("a.jsonl", lines, Lang::En);
    CHECK(again.added == 0);
    CHECK(again.duplicates == 300);
    CHECK(d.size() == 200);
}
