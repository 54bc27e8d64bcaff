#include "drafts.h"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "ftblock/check.h"
#include "ftblock/reader.h"
#include "ftblock/writer.h"
#include "i18n.h"

namespace ftblock::web {

namespace {

constexpr const char* kStorageFormat = "ftblock-drafts/1";

class Collect : public RecordSink {
public:
    std::vector<std::pair<std::uint64_t, Record>> records;
    void on_record(std::size_t, std::uint64_t line, Record& record) override { records.emplace_back(line, record); }
};

bool is_empty(const FieldValue& v) { return !v.is_string() || v.text.empty(); }

bool same_values(const Record& a, const Record& b) {
    for (std::size_t f = 0; f < a.values.size(); ++f) {
        const FieldValue& x = a.values[f];
        const FieldValue& y = b.values[f];
        if (is_empty(x) != is_empty(y) || (!is_empty(x) && x.text != y.text)) return false;
    }
    return true;
}

// Equal records (same_values) hash alike: empty, null and absent are one value.
std::uint64_t content_hash(const Record& r) {
    std::uint64_t h = 1469598103934665603ull;
    for (const FieldValue& v : r.values) {
        if (!is_empty(v)) h ^= std::hash<std::string>()(v.text);
        h = (h ^ 0x9e3779b97f4a7c15ull) * 1099511628211ull;
    }
    return h;
}

// Uids go to the page's JavaScript as numbers: exact only up to 2^53, which also keeps
// next_uid from ever wrapping. A number of another kind (negative, 1e300) is damage.
constexpr std::uint64_t kMaxUid = std::uint64_t{1} << 53;

bool uid_at(const nlohmann::json& object, const char* key, std::uint64_t fallback, std::uint64_t& out) {
    auto it = object.find(key);
    if (it == object.end()) {
        out = fallback;
        return true;
    }
    if (!it->is_number_unsigned() || it->get<std::uint64_t>() > kMaxUid) return false;
    out = it->get<std::uint64_t>();
    return true;
}

// One stored draft object; false when it is damaged.
bool read_draft(const Playbook& pb, const nlohmann::json& item, Draft& d) {
    auto touched_it = item.is_object() ? item.find("touched") : item.end();
    auto follow_it = item.is_object() ? item.find("auto") : item.end();
    if (!item.is_object() || !item.contains("uid") || !uid_at(item, "uid", 0, d.uid) ||
        !uid_at(item, "created", d.uid, d.created) || !item.contains("record") || !item["record"].is_object() ||
        (touched_it != item.end() && !touched_it->is_string()) || (follow_it != item.end() && !follow_it->is_boolean()))
        return false;
    d.record.reset(pb.fields.size());
    for (auto it = item["record"].begin(); it != item["record"].end(); ++it) {
        int f = pb.field_index(it.key());
        if (f < 0) continue;
        FieldValue& v = d.record[f];
        if (it->is_string()) {
            v.state = ValueState::String;
            v.text = it->get<std::string>();
        } else {
            v.state = it->is_null() ? ValueState::Null : ValueState::WrongType;
        }
    }
    d.touched.assign(pb.fields.size(), false);
    std::string touched = item.value("touched", std::string());
    for (std::size_t f = 0; f < touched.size() && f < d.touched.size(); ++f) d.touched[f] = touched[f] == '1';
    d.follow_previous = follow_it != item.end() && follow_it->get<bool>();
    return true;
}

nlohmann::json draft_object(const Playbook& pb, const Draft& d) {
    nlohmann::json record = nlohmann::json::object();
    for (std::size_t f = 0; f < pb.fields.size(); ++f) {
        const FieldValue& v = d.record.values[f];
        if (v.state == ValueState::String)
            record[pb.fields[f].key] = v.text;
        else if (v.state != ValueState::Absent)
            record[pb.fields[f].key] = nullptr;
    }
    std::string touched;
    for (bool t : d.touched) touched += t ? '1' : '0';
    nlohmann::json out = {{"uid", d.uid}, {"created", d.created}, {"touched", touched}, {"record", record}};
    if (d.follow_previous) out["auto"] = true;
    return out;
}

// dump() replaces invalid UTF-8 instead of throwing; the form only holds valid text anyway.
std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Import jobs

void ImportJob::Sink::on_record(std::size_t, std::uint64_t line, Record& record) {
    if (job_.failed_) return;
    if (record.has_problem) return job_.broken_record(line, record.problem.detail);
    job_.records_.push_back(record);
}

ImportJob::ImportJob(const Playbook& playbook, const std::string& file_name, std::uint64_t size, Lang lang)
    : playbook_(&playbook), file_name_(file_name), size_(size), lang_(lang), sink_(*this) {
    if (size > Drafts::kMaxImportBytes) {
        failed_ = true;
        message_ = tr(lang, Str::ImportTooBig, {file_name, std::to_string(Drafts::kMaxImportBytes >> 20)});
        return;
    }
    reader_ = make_reader(format_from_file_name(file_name), playbook, lang, sink_);
}

void ImportJob::broken_record(std::uint64_t line, const std::string& detail) {
    // All or nothing: a half-imported file is worse than none.
    failed_ = true;
    message_ = tr(lang_, Str::ImportBrokenRecord, {file_name_, std::to_string(line), detail});
    records_.clear();
    records_.shrink_to_fit();
}

bool ImportJob::feed(const char* data, std::size_t size) {
    if (failed_) return false;
    read_ += size;
    if (read_ > Drafts::kMaxImportBytes) {  // the size given at the start was wrong
        failed_ = true;
        message_ = tr(lang_, Str::ImportTooBig, {file_name_, std::to_string(Drafts::kMaxImportBytes >> 20)});
        return false;
    }
    reader_->feed(std::string_view(data, size));
    if (reader_->failed() && !failed_) {
        const FileError& e = reader_->error();
        failed_ = true;
        message_ =
            tr(lang_, Str::ImportBroken, {file_name_, std::to_string(e.line), std::to_string(e.column), e.message});
    }
    return !failed_;
}

bool ImportJob::finish() {
    if (failed_) return false;
    reader_->finish();
    if (reader_->failed() && !failed_) {
        const FileError& e = reader_->error();
        failed_ = true;
        message_ =
            tr(lang_, Str::ImportBroken, {file_name_, std::to_string(e.line), std::to_string(e.column), e.message});
    }
    if (failed_) records_.clear();
    return !failed_;
}

// ---------------------------------------------------------------------------------------------
// The index

Drafts::Drafts(const Playbook& playbook) : playbook_(&playbook) {}

int Drafts::find_uid(std::uint64_t uid) const {
    auto it = by_uid_.find(uid);
    return it == by_uid_.end() ? -1 : static_cast<int>(it->second);
}

void Drafts::set_today(Date today) {
    if (today == today_) return;
    today_ = today;
    rebuild();  // an empty updated_at now means another day
}

Drafts::Reg Drafts::reg_of(const Record& record, std::uint64_t created, int rank) const {
    Reg reg;
    if (record.has_problem) return reg;
    const FieldValue& workload = record[playbook_->workload_field];
    const FieldValue& customer = record[playbook_->customer_field];
    if (workload.is_string() && customer.is_string()) {
        std::string_view name = trim_white_space(customer.text);
        if (!workload.text.empty() && !name.empty()) {
            reg.key = workload.text;
            reg.key += '\x1f';
            reg.key += fold_case(name);
        }
    }
    if (reg.key.empty()) return reg;
    std::optional<Date> day = record_day(*playbook_, record, today_);
    if (!day) return reg;
    reg.has_day = true;
    reg.pos = Pos{day->serial(), rank, created};
    if (playbook_->engagement_field >= 0) {
        const FieldValue& value = record[playbook_->engagement_field];
        const ValueList* list = playbook_->list_of(playbook_->engagement_field);
        if (value.is_string() && list && list->find(value.text)) {
            reg.candidate = true;
            reg.value = value.text;
        }
    }
    const FieldValue& id = record[playbook_->id_field];
    if (id.is_string()) reg.id = id.text;
    return reg;
}

void Drafts::enter(std::size_t i) {
    Reg& reg = verdicts_[i].reg;
    reg = reg_of(drafts_[i].record, drafts_[i].created, 1);
    if (!reg.has_day) return;
    Group& g = groups_[reg.key];
    g.members[reg.pos] = drafts_[i].uid;
    if (reg.candidate) g.candidates[reg.pos] = drafts_[i].uid;
}

void Drafts::leave(std::size_t i) {
    Reg& reg = verdicts_[i].reg;
    if (!reg.has_day) return;
    auto it = groups_.find(reg.key);
    if (it != groups_.end()) {
        it->second.members.erase(reg.pos);
        it->second.candidates.erase(reg.pos);
        if (it->second.members.empty() && it->second.candidates.empty()) groups_.erase(it);
    }
    reg = Reg{};
}

// Every draft of `key` after `from` may have another previous record now.
void Drafts::mark_after(const std::string& key, const Pos& from) {
    auto g = groups_.find(key);
    if (g == groups_.end()) return;
    for (auto it = g->second.members.upper_bound(from); it != g->second.members.end(); ++it)
        mark(by_uid_.at(it->second));
}

void Drafts::mark(std::size_t i) {
    Verdict& v = verdicts_[i];
    if (!v.checked) return;  // already waiting
    v.checked = false;
    dirty_.push_back(drafts_[i].uid);
}

void Drafts::changed(std::size_t i) {
    to_store_[drafts_[i].uid] = true;
    fresh_changes_ = true;
}

void Drafts::reindex(std::size_t i) {
    mark(i);
    changed(i);
    Reg before = verdicts_[i].reg;
    Reg after = reg_of(drafts_[i].record, drafts_[i].created, 1);
    if (before == after) return;
    leave(i);
    enter(i);
    if (before.has_day) mark_after(before.key, before.pos);
    if (after.has_day) mark_after(after.key, after.pos);
}

void Drafts::retitle(std::size_t i) {
    std::string id = text(i, playbook_->id_field), customer = text(i, playbook_->customer_field);
    std::string title = id.empty() || customer.empty() ? id + customer : id + " · " + customer;
    std::string folded = fold_case(title);
    if (folded != verdicts_[i].folded_title) {
        verdicts_[i].folded_title = std::move(folded);
        ++list_version_;
        list_touched_.push_back(drafts_[i].uid);
    }
}

void Drafts::reindex_uids() {
    by_uid_.clear();
    by_uid_.reserve(drafts_.size());
    for (std::size_t i = 0; i < drafts_.size(); ++i) by_uid_[drafts_[i].uid] = i;
}

void Drafts::rebuild() {
    ++layout_version_;  // the list is recomputed whole
    groups_.clear();
    dirty_.clear();
    valid_count_ = 0;
    for (std::size_t k = 0; k < previous_.size(); ++k) {
        Reg reg = reg_of(previous_[k], k, 0);
        if (reg.has_day && reg.candidate) groups_[reg.key].candidates[reg.pos] = k;
    }
    for (std::size_t i = 0; i < drafts_.size(); ++i) {
        verdicts_[i].reg = Reg{};
        verdicts_[i].checked = true;  // so that mark() queues it
        if (verdicts_[i].errors == 0 && verdicts_[i].version) ++valid_count_;
        enter(i);
        retitle(i);
        mark(i);
    }
    ++list_version_;
}

std::size_t Drafts::push(Draft d) {
    ++layout_version_;  // the list is recomputed whole
    if (d.touched.size() != playbook_->fields.size()) d.touched.resize(playbook_->fields.size(), false);
    drafts_.push_back(std::move(d));
    verdicts_.emplace_back();
    std::size_t i = drafts_.size() - 1;
    by_uid_[drafts_[i].uid] = i;
    verdicts_[i].checked = true;
    enter(i);
    retitle(i);
    mark(i);
    changed(i);
    if (verdicts_[i].reg.has_day) mark_after(verdicts_[i].reg.key, verdicts_[i].reg.pos);
    ++list_version_;
    return i;
}

const Record* Drafts::previous_record(std::size_t i) const {
    const Reg& reg = verdicts_[i].reg;
    if (!reg.has_day) return nullptr;
    auto g = groups_.find(reg.key);
    if (g == groups_.end()) return nullptr;
    auto it = g->second.candidates.lower_bound(reg.pos);
    if (it == g->second.candidates.begin()) return nullptr;
    --it;
    if (it->first.rank == 0) return &previous_[it->second];
    return &drafts_[by_uid_.at(it->second)].record;
}

std::optional<std::string> Drafts::previous_value(std::size_t i) const {
    const Record* r = previous_record(i);
    if (!r) return std::nullopt;
    return (*r)[playbook_->engagement_field].text;
}

bool Drafts::keeps_previous(std::size_t i) const {
    const Scenario* sc = playbook_->scenario(text(i, playbook_->scenario_field));
    return sc && playbook_->engagement_field >= 0 &&
           sc->rules[static_cast<std::size_t>(playbook_->engagement_field)].keep_previous;
}

Diagnostics Drafts::validate(std::size_t i, Lang lang) const {
    PreviousIndex index(*playbook_);  // holds the one previous record, if any
    if (const Record* prev = previous_record(i)) index.add(*prev, today_);
    return ftblock::validate(*playbook_, drafts_[i].record, ValidationContext{lang, today_, &index, &hints_});
}

void Drafts::refresh() {
    while (!dirty_.empty()) {
        std::vector<std::size_t> batch;
        batch.reserve(dirty_.size());
        for (std::uint64_t uid : dirty_)
            if (auto it = by_uid_.find(uid); it != by_uid_.end()) batch.push_back(it->second);
        dirty_.clear();
        // Drafts that follow their previous record take its value first, earliest first, so a
        // chain of them settles in one pass (each one's previous comes before it).
        std::sort(batch.begin(), batch.end(), [&](std::size_t a, std::size_t b) {
            const Reg& x = verdicts_[a].reg;
            const Reg& y = verdicts_[b].reg;
            return std::make_pair(x.pos.day, drafts_[a].created) < std::make_pair(y.pos.day, drafts_[b].created);
        });
        for (std::size_t i : batch) {
            if (!drafts_[i].follow_previous || !keeps_previous(i)) continue;
            std::optional<std::string> prev = previous_value(i);
            if (prev && text(i, playbook_->engagement_field) != *prev) set(i, playbook_->engagement_field, *prev);
        }
        for (std::size_t i : batch) {
            Verdict& v = verdicts_[i];
            const bool was_valid = v.version && v.errors == 0;
            std::size_t errors = 0;
            for (const Diagnostic& d : validate(i, Lang::En)) errors += d.severity == Severity::Error;
            if (v.version == 0 || errors != v.errors) {
                ++list_version_;
                list_touched_.push_back(drafts_[i].uid);
            }
            v.errors = errors;
            v.checked = true;
            ++v.version;
            if (was_valid) --valid_count_;
            if (errors == 0) ++valid_count_;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Changes

std::size_t Drafts::add_new(const std::string& scenario) {
    Draft d;
    d.uid = next_uid_++;
    d.created = d.uid;
    d.record.reset(playbook_->fields.size());
    d.touched.assign(playbook_->fields.size(), false);
    d.follow_previous = true;  // created here: a delivery takes its previous value
    std::size_t i = push(std::move(d));
    switch_scenario(i, scenario);
    if (const Scenario* sc = playbook_->scenario(scenario))
        for (std::size_t f = 0; f < playbook_->fields.size(); ++f)
            if (!sc->rules[f].form_default.empty()) set(i, static_cast<int>(f), sc->rules[f].form_default);
    return i;
}

std::size_t Drafts::duplicate(std::size_t i) {
    Draft d = drafts_[i];
    d.uid = next_uid_++;
    d.created = d.uid;
    d.touched.assign(playbook_->fields.size(), false);
    return push(std::move(d));
}

void Drafts::remove(std::size_t i) { remove_many({i}); }

std::vector<RemovedDraft> Drafts::remove_many(std::vector<std::size_t> indices) {
    ++layout_version_;  // the list is recomputed whole
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    std::vector<RemovedDraft> removed;
    removed.reserve(indices.size());
    std::vector<std::pair<std::string, Pos>> affected;
    for (std::size_t i : indices) {
        if (i >= drafts_.size()) continue;
        Verdict& v = verdicts_[i];
        if (v.version && v.errors == 0) --valid_count_;
        if (v.reg.has_day) affected.emplace_back(v.reg.key, v.reg.pos);
        leave(i);
        to_store_[drafts_[i].uid] = false;
        fresh_changes_ = true;
    }
    // Compact in one pass (removing thousands stays linear).
    std::size_t out = 0, k = 0;
    for (std::size_t i = 0; i < drafts_.size(); ++i) {
        if (k < indices.size() && indices[k] == i) {
            removed.push_back({i, std::move(drafts_[i])});
            ++k;
            continue;
        }
        if (out != i) {
            drafts_[out] = std::move(drafts_[i]);
            verdicts_[out] = std::move(verdicts_[i]);
        }
        ++out;
    }
    drafts_.resize(out);
    verdicts_.resize(out);
    reindex_uids();
    for (const auto& [key, pos] : affected) mark_after(key, pos);
    ++list_version_;
    return removed;
}

void Drafts::restore(std::vector<RemovedDraft> removed) {
    ++layout_version_;  // the list is recomputed whole
    // Back at their places: ascending indices, each counted in the list as it was then.
    std::sort(removed.begin(), removed.end(),
              [](const RemovedDraft& a, const RemovedDraft& b) { return a.index < b.index; });
    std::vector<Draft> merged;
    std::vector<Verdict> verdicts;
    merged.reserve(drafts_.size() + removed.size());
    verdicts.reserve(drafts_.size() + removed.size());
    std::size_t k = 0, j = 0;
    std::vector<std::size_t> back;
    while (j < drafts_.size() || k < removed.size()) {
        if (k < removed.size() && (removed[k].index <= merged.size() || j == drafts_.size())) {
            if (find_uid(removed[k].draft.uid) >= 0) {  // already back (restored twice)
                ++k;
                continue;
            }
            back.push_back(merged.size());
            merged.push_back(std::move(removed[k].draft));
            verdicts.emplace_back();
            ++k;
        } else {
            merged.push_back(std::move(drafts_[j]));
            verdicts.push_back(std::move(verdicts_[j]));
            ++j;
        }
    }
    drafts_ = std::move(merged);
    verdicts_ = std::move(verdicts);
    reindex_uids();
    for (std::size_t i : back) {
        next_uid_ = std::max(next_uid_, drafts_[i].uid + 1);
        verdicts_[i].checked = true;
        enter(i);
        retitle(i);
        mark(i);
        changed(i);
        if (verdicts_[i].reg.has_day) mark_after(verdicts_[i].reg.key, verdicts_[i].reg.pos);
    }
    ++list_version_;
}

void Drafts::set(std::size_t i, int field, const std::string& text) {
    FieldValue& v = drafts_[i].record[field];
    if (v.state == ValueState::String && v.text == text) return;
    v.state = ValueState::String;
    v.text = text;
    reindex(i);
    if (field == playbook_->id_field || field == playbook_->customer_field) retitle(i);
    if (field == playbook_->scenario_field) ++list_version_;
}

void Drafts::touch(std::size_t i, int field) {
    std::vector<bool>& t = drafts_[i].touched;
    if (t[static_cast<std::size_t>(field)]) return;
    t[static_cast<std::size_t>(field)] = true;
    changed(i);
}

void Drafts::set_follow_previous(std::size_t i, bool follow) {
    if (drafts_[i].follow_previous == follow) return;
    drafts_[i].follow_previous = follow;
    mark(i);
    changed(i);
}

std::string Drafts::text(std::size_t i, int field) const {
    const FieldValue& v = drafts_[i].record[field];
    return v.is_string() ? v.text : std::string();
}

std::vector<ScenarioChange> Drafts::preview_scenario(std::size_t i, const std::string& scenario) const {
    std::vector<ScenarioChange> changes;
    const Scenario* next = playbook_->scenario(scenario);
    const Scenario* now = playbook_->scenario(text(i, playbook_->scenario_field));
    auto change = [&](int f, const std::string& after) {
        std::string before = text(i, f);
        if (before != after) changes.push_back({f, before, after});
    };
    change(playbook_->scenario_field, scenario);
    if (!next) return changes;
    for (std::size_t f = 0; f < playbook_->fields.size(); ++f) {
        const Rule& rule = next->rules[f];
        int field = static_cast<int>(f);
        if (rule.kind == RuleKind::Fixed) {
            change(field, rule.value);
        } else if (rule.kind == RuleKind::Forbidden) {
            change(field, "");
        } else if (now && now->rules[f].kind == RuleKind::Fixed && text(i, field) == now->rules[f].value) {
            change(field, "");  // the old scenario's fixed value means nothing in the new one
        }
    }
    return changes;
}

std::vector<ScenarioChange> Drafts::switch_scenario(std::size_t i, const std::string& scenario) {
    std::vector<ScenarioChange> changes = preview_scenario(i, scenario);
    for (const ScenarioChange& c : changes) set(i, c.field, c.after);
    return changes;
}

void Drafts::undo(std::size_t i, const std::vector<ScenarioChange>& changes) {
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) set(i, it->field, it->before);
}

std::vector<std::uint64_t> Drafts::take_list_changes() {
    std::vector<std::uint64_t> out;
    out.swap(list_touched_);
    return out;
}

Drafts::Changes Drafts::take_changes() {
    Changes out;
    for (const auto& [uid, put] : to_store_) {
        if (put && find_uid(uid) >= 0)
            out.put.push_back(uid);
        else if (!put)
            out.removed.push_back(uid);
    }
    if (to_store_.bucket_count() > 1024)
        to_store_ = {};  // after an import: clear() would sweep 100,000 empty buckets per keystroke
    else
        to_store_.clear();
    fresh_changes_ = false;
    std::sort(out.put.begin(), out.put.end());
    std::sort(out.removed.begin(), out.removed.end());
    return out;
}

void Drafts::requeue(const Changes& changes) {
    for (std::uint64_t uid : changes.put) to_store_.emplace(uid, true);  // a later removal stays
    for (std::uint64_t uid : changes.removed) to_store_.emplace(uid, false);
    fresh_changes_ = false;
}

void Drafts::forget_stored(std::uint64_t uid) {
    if (find_uid(uid) >= 0) return;
    to_store_[uid] = false;
    fresh_changes_ = true;
}

void Drafts::mark_all_changed() {
    for (const Draft& d : drafts_) to_store_[d.uid] = true;
}

// ---------------------------------------------------------------------------------------------
// Import

std::size_t Drafts::import_slice(ImportJob& job, std::size_t next, std::size_t limit, ImportResult& result) {
    std::vector<Record>& records = job.records();
    // Duplicates by hashing: content hash → the drafts (uids) with it, built once per job.
    if (next == 0) {
        hashes_.clear();
        hashes_.reserve(drafts_.size() + records.size());
        for (const Draft& d : drafts_) hashes_.emplace(content_hash(d.record), d.uid);
    }
    const std::size_t end = std::min(records.size(), next + limit);
    for (; next < end; ++next) {
        Record& record = records[next];
        const std::uint64_t h = content_hash(record);
        bool seen = false;
        for (auto [it, last] = hashes_.equal_range(h); it != last && !seen; ++it) {
            int j = find_uid(it->second);
            seen = j >= 0 && same_values(drafts_[static_cast<std::size_t>(j)].record, record);
        }
        if (seen) {
            ++result.duplicates;
            continue;
        }
        Draft d;
        d.uid = next_uid_++;
        d.created = d.uid;
        d.record = std::move(record);
        d.touched.assign(playbook_->fields.size(), true);  // imported values are shown with their problems
        hashes_.emplace(h, d.uid);
        push(std::move(d));
        ++result.added;
    }
    if (next == records.size()) hashes_ = {};
    return next;
}

ImportResult Drafts::import(const std::string& file_name, const std::string& bytes, Lang lang) {
    ImportResult result;
    ImportJob job(*playbook_, file_name, bytes.size(), lang);
    if (!job.failed()) job.feed(bytes.data(), bytes.size());
    if (job.failed() || !job.finish()) {
        result.failed = true;
        result.message = job.message();
        return result;
    }
    import_slice(job, 0, job.records().size(), result);
    result.message =
        tr(lang, Str::ImportDone, {std::to_string(result.added), file_name, std::to_string(result.duplicates)});
    return result;
}

namespace {

// A reader's file error as one line: "line L, column C: …" (or the message alone).
std::string where_and_what(const FileError& e, Lang lang) {
    if (!e.line) return e.message;
    return say(lang, Msg::AtLineColumn, {std::to_string(e.line), std::to_string(e.column), e.message});
}

std::string too_large(Lang lang) {
    return say(lang, Msg::DataTooLarge, {std::to_string(Drafts::kMaxImportBytes >> 20)});
}

std::size_t first_significant(const std::string& s) {
    std::size_t i = s.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    return i;
}

}  // namespace

// The page's setRecord and a pasted record: exactly one record, read as the validator's
// validate() reads it (read_one_record), with the same words.
std::string Drafts::replace(std::size_t i, const std::string& json, Lang lang) {
    if (json.size() > Drafts::kMaxImportBytes) return too_large(lang);  // the same limit as an imported file
    Record r;
    FileError error;
    if (!read_one_record(*playbook_, json, lang, r, error)) return where_and_what(error, lang);
    drafts_[i].record = std::move(r);
    drafts_[i].touched.assign(playbook_->fields.size(), true);  // show its problems at once
    drafts_[i].follow_previous = false;                         // the page's values stay as given
    reindex(i);
    retitle(i);
    ++list_version_;
    return "";
}

std::string Drafts::set_previous(const std::string& json, Lang lang) {
    if (json.size() > Drafts::kMaxImportBytes) return too_large(lang);
    const std::size_t start = first_significant(json);
    if (start == json.size() || json[start] != '[') return say(lang, Msg::PreviousNotArray);
    Collect sink;
    auto reader = make_reader(InputFormat::Json, *playbook_, lang, sink);
    reader->feed(json);
    reader->finish();
    if (reader->failed()) return where_and_what(reader->error(), lang);
    std::vector<Record> records;
    for (auto& [line, record] : sink.records) {
        if (record.has_problem) return say(lang, Msg::RecordOnLine, {std::to_string(line), record.problem.detail});
        records.push_back(std::move(record));
    }
    previous_ = std::move(records);
    rebuild();
    return "";
}

std::string Drafts::export_json(std::size_t i) const {
    const Record& r = drafts_[i].record;
    std::string out = "{\n";
    for (std::size_t f = 0; f < playbook_->fields.size(); ++f) {
        out += "  ";
        append_json_string(out, playbook_->fields[f].key);
        out += ": ";
        const FieldValue& v = r.values[f];
        if (v.is_string() && !v.text.empty())
            append_json_string(out, v.text);
        else
            out += "null";
        out += f + 1 < playbook_->fields.size() ? ",\n" : "\n";
    }
    return out + "}\n";
}

std::string Drafts::export_csv(std::size_t i) const {
    std::string out(utf8_bom);
    append_csv_header(out, *playbook_);
    append_csv_row(out, *playbook_, drafts_[i].record);
    return out;
}

std::string Drafts::export_valid_json() const {
    std::string out = "[\n";
    bool first = true;
    for (std::size_t i = 0; i < drafts_.size(); ++i) {
        if (!valid(i)) continue;
        if (!first) out += ",\n";
        first = false;
        append_record_json(out, *playbook_, drafts_[i].record);
    }
    return out + (first ? "]\n" : "\n]\n");
}

std::string Drafts::export_valid_csv() const {
    std::string out(utf8_bom);
    append_csv_header(out, *playbook_);
    for (std::size_t i = 0; i < drafts_.size(); ++i)
        if (valid(i)) append_csv_row(out, *playbook_, drafts_[i].record);
    return out;
}

std::string Drafts::backup_json() const {
    std::string out = "[\n";
    for (std::size_t i = 0; i < drafts_.size(); ++i) {
        append_record_json(out, *playbook_, drafts_[i].record);
        out += i + 1 < drafts_.size() ? ",\n" : "\n";
    }
    return out + "]\n";
}

// ---------------------------------------------------------------------------------------------
// Stored forms

std::string Drafts::draft_json(std::size_t i) const { return dump(draft_object(*playbook_, drafts_[i])); }

void Drafts::from_store(const std::vector<std::pair<std::uint64_t, std::string>>& stored, std::uint64_t next_uid,
                        std::string& unreadable, std::vector<std::uint64_t>& bad_uids) {
    std::vector<Draft> drafts;
    drafts.reserve(stored.size());
    std::unordered_set<std::uint64_t> seen;
    std::uint64_t max_uid = 0;
    for (const auto& [key, text] : stored) {
        Draft d;
        nlohmann::json item = nlohmann::json::parse(text, nullptr, false);
        bool ok = false;
        try {
            ok = !item.is_discarded() && read_draft(*playbook_, item, d) && d.uid == key && seen.insert(d.uid).second;
        } catch (const std::exception&) {  // a value of the wrong type deep inside: damaged
            ok = false;
        }
        if (!ok) {
            bad_uids.push_back(key);
            if (unreadable.size() < (64u << 20)) unreadable += text + "\n";
            continue;
        }
        max_uid = std::max(max_uid, d.uid);
        drafts.push_back(std::move(d));
    }
    std::sort(drafts.begin(), drafts.end(), [](const Draft& a, const Draft& b) { return a.created < b.created; });
    drafts_ = std::move(drafts);
    verdicts_.assign(drafts_.size(), Verdict{});
    reindex_uids();
    next_uid_ = std::max({next_uid, max_uid + 1, next_uid_});
    for (std::uint64_t uid : bad_uids) next_uid_ = std::max(next_uid_, std::min(uid, kMaxUid) + 1);
    to_store_.clear();
    rebuild();
}

std::string Drafts::to_storage() const {
    nlohmann::json root;
    root["format"] = kStorageFormat;
    root["next_uid"] = next_uid_;
    nlohmann::json list = nlohmann::json::array();
    for (const Draft& d : drafts_) list.push_back(draft_object(*playbook_, d));
    root["drafts"] = list;
    return dump(root);
}

bool Drafts::from_storage(const std::string& text, std::string& error) {
    try {
        return read_storage(text, error);
    } catch (const std::exception& e) {  // a value of the wrong type deep inside: damaged
        error = e.what();
        return false;
    }
}

bool Drafts::read_storage(const std::string& text, std::string& error) {
    nlohmann::json root = nlohmann::json::parse(text, nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        error = "not JSON";
        return false;
    }
    auto format = root.find("format");
    if (format == root.end() || !format->is_string() || *format != kStorageFormat) {
        error = "unknown format";
        return false;
    }
    auto list = root.find("drafts");
    if (list == root.end() || !list->is_array()) {
        error = "no drafts";
        return false;
    }
    std::vector<Draft> drafts;
    std::unordered_set<std::uint64_t> seen;
    std::uint64_t max_uid = 0;
    for (const nlohmann::json& item : *list) {
        Draft d;
        if (!read_draft(*playbook_, item, d)) {
            error = "a draft is damaged";
            return false;
        }
        max_uid = std::max(max_uid, d.uid);
        drafts.push_back(std::move(d));
    }
    std::uint64_t next_uid = 1;
    if (!uid_at(root, "next_uid", 1, next_uid)) {
        error = "a draft is damaged";
        return false;
    }
    // Nothing is changed before here: a refusal leaves the drafts as they were.
    next_uid = std::max(next_uid, max_uid + 1);
    for (Draft& d : drafts)  // a uid seen twice (hand-edited storage): the later copy gets a new one
        if (!seen.insert(d.uid).second) d.uid = next_uid++;
    drafts_ = std::move(drafts);
    verdicts_.assign(drafts_.size(), Verdict{});
    reindex_uids();
    next_uid_ = next_uid;
    to_store_.clear();
    rebuild();
    return true;
}

}  // namespace ftblock::web
