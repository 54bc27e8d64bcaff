#include "drafts.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ftblock/reader.h"
#include "ftblock/writer.h"
#include "i18n.h"

namespace ftblock::web {

namespace {

constexpr const char* kStorageFormat = "ftblock-drafts/1";
constexpr std::size_t kMaxImportBytes = 64u << 20;  // the browser holds the whole file

class Collect : public RecordSink {
public:
    std::vector<std::pair<std::uint64_t, Record>> records;
    void on_record(std::size_t, std::uint64_t line, Record& record) override { records.emplace_back(line, record); }
};

bool same_values(const Record& a, const Record& b) {
    for (std::size_t f = 0; f < a.values.size(); ++f) {
        const FieldValue& x = a.values[f];
        const FieldValue& y = b.values[f];
        bool x_empty = !x.is_string() || x.text.empty();
        bool y_empty = !y.is_string() || y.text.empty();
        if (x_empty != y_empty || (!x_empty && x.text != y.text)) return false;
    }
    return true;
}

}  // namespace

Drafts::Drafts(const Playbook& playbook) : playbook_(&playbook) {}

int Drafts::find_uid(std::uint64_t uid) const {
    for (std::size_t i = 0; i < drafts_.size(); ++i)
        if (drafts_[i].uid == uid) return static_cast<int>(i);
    return -1;
}

std::size_t Drafts::add_new(const std::string& scenario) {
    Draft d;
    d.uid = next_uid_++;
    d.created = d.uid;
    d.record.reset(playbook_->fields.size());
    d.touched.assign(playbook_->fields.size(), false);
    drafts_.push_back(std::move(d));
    std::size_t i = drafts_.size() - 1;
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
    drafts_.push_back(std::move(d));
    return drafts_.size() - 1;
}

void Drafts::remove(std::size_t i) { drafts_.erase(drafts_.begin() + static_cast<long>(i)); }

void Drafts::set(std::size_t i, int field, const std::string& text) {
    FieldValue& v = drafts_[i].record[field];
    v.state = ValueState::String;
    v.text = text;
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

PreviousIndex Drafts::previous_index_for(std::size_t i, Date today) const {
    PreviousIndex index(*playbook_);
    std::optional<Date> day = record_day(*playbook_, drafts_[i].record, today);
    if (!day) return index;
    // The other drafts ordered by (updated_at, creation); only those before draft i.
    std::vector<std::pair<std::pair<int, std::uint64_t>, std::size_t>> order;
    for (std::size_t j = 0; j < drafts_.size(); ++j) {
        if (j == i) continue;
        std::optional<Date> d = record_day(*playbook_, drafts_[j].record, today);
        if (!d) continue;
        auto key = std::make_pair(d->serial(), drafts_[j].created);
        if (key < std::make_pair(day->serial(), drafts_[i].created)) order.push_back({key, j});
    }
    std::sort(order.begin(), order.end());
    for (const Record& r : previous_) index.add(r, today);  // the page's earlier state first
    for (const auto& entry : order) index.add(drafts_[entry.second].record, today);
    return index;
}

std::optional<std::string> Drafts::previous_value(std::size_t i, Date today) const {
    PreviousIndex index = previous_index_for(i, today);
    std::optional<Date> day = record_day(*playbook_, drafts_[i].record, today);
    if (!day) return std::nullopt;
    const PreviousIndex::Entry* e = index.find(drafts_[i].record, *day);
    if (!e) return std::nullopt;
    return e->value;
}

Diagnostics Drafts::validate(std::size_t i, Lang lang, Date today) const {
    PreviousIndex index = previous_index_for(i, today);
    return ftblock::validate(*playbook_, drafts_[i].record, ValidationContext{lang, today, &index});
}

bool Drafts::valid(std::size_t i, Date today) const { return !has_error(validate(i, Lang::En, today)); }

ImportResult Drafts::import(const std::string& file_name, const std::string& bytes, Lang lang) {
    ImportResult result;
    if (bytes.size() > kMaxImportBytes) {
        result.failed = true;
        result.message = tr(lang, Str::ImportTooBig, {file_name, std::to_string(kMaxImportBytes >> 20)});
        return result;
    }
    Collect sink;
    auto reader = make_reader(format_from_file_name(file_name), *playbook_, lang, sink);
    reader->feed(bytes);
    reader->finish();
    if (reader->failed()) {
        const FileError& e = reader->error();
        result.failed = true;
        result.message =
            tr(lang, Str::ImportBroken, {file_name, std::to_string(e.line), std::to_string(e.column), e.message});
        return result;
    }
    for (const auto& [line, record] : sink.records) {
        if (record.has_problem) {  // all or nothing: a half-imported file is worse than none
            result.failed = true;
            result.message =
                tr(lang, Str::ImportBrokenRecord, {file_name, std::to_string(line), record.problem.detail});
            return result;
        }
    }
    for (auto& [line, record] : sink.records) {
        bool seen = false;
        for (const Draft& d : drafts_) seen = seen || same_values(d.record, record);
        if (seen) {
            ++result.duplicates;
            continue;
        }
        Draft d;
        d.uid = next_uid_++;
        d.created = d.uid;
        d.record = std::move(record);
        d.touched.assign(playbook_->fields.size(), true);  // imported values are shown with their problems
        drafts_.push_back(std::move(d));
        ++result.added;
    }
    result.message =
        tr(lang, Str::ImportDone, {std::to_string(result.added), file_name, std::to_string(result.duplicates)});
    return result;
}

namespace {

// `json` read as JSON (one document); "" or the reader's problem with its position.
std::string read_json(const Playbook& pb, const std::string& json, Lang lang, Collect& sink) {
    if (json.size() > kMaxImportBytes)  // the same limit as an imported file
        return lang == Lang::ZhCN ? "数据过大（超过 " + std::to_string(kMaxImportBytes >> 20) + " MiB）"
                                  : "too large (over " + std::to_string(kMaxImportBytes >> 20) + " MiB)";
    auto reader = make_reader(InputFormat::Json, pb, lang, sink);
    reader->feed(json);
    reader->finish();
    if (!reader->failed()) return "";
    const FileError& e = reader->error();
    if (!e.line) return e.message;
    return (lang == Lang::ZhCN ? "第 " + std::to_string(e.line) + " 行第 " + std::to_string(e.column) + " 列："
                               : "line " + std::to_string(e.line) + ", column " + std::to_string(e.column) + ": ") +
           e.message;
}

std::size_t first_significant(const std::string& s) {
    std::size_t i = s.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    return i;
}

}  // namespace

std::string Drafts::replace(std::size_t i, const std::string& json, Lang lang) {
    const std::size_t start = first_significant(json);
    if (start == json.size() || json[start] != '{')
        return lang == Lang::ZhCN ? "记录必须是一个 JSON 对象（{…}）" : "a record must be one JSON object ({…})";
    Collect sink;
    if (std::string e = read_json(*playbook_, json, lang, sink); !e.empty()) return e;
    if (sink.records.size() != 1)
        return lang == Lang::ZhCN ? "记录必须是一个 JSON 对象（{…}）" : "a record must be one JSON object ({…})";
    Record& r = sink.records.front().second;
    if (r.has_problem) return r.problem.detail;
    drafts_[i].record = std::move(r);
    drafts_[i].touched.assign(playbook_->fields.size(), true);  // show its problems at once
    return "";
}

std::string Drafts::set_previous(const std::string& json, Lang lang) {
    const std::size_t start = first_significant(json);
    if (start == json.size() || json[start] != '[')
        return lang == Lang::ZhCN ? "之前的记录必须是 JSON 数组（[…]）" : "previous records must be a JSON array ([…])";
    Collect sink;
    if (std::string e = read_json(*playbook_, json, lang, sink); !e.empty()) return e;
    std::vector<Record> records;
    for (auto& [line, record] : sink.records) {
        if (record.has_problem)
            return (lang == Lang::ZhCN ? "第 " + std::to_string(line) + " 行的记录："
                                       : "the record on line " + std::to_string(line) + ": ") +
                   record.problem.detail;
        records.push_back(std::move(record));
    }
    previous_ = std::move(records);
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

std::string Drafts::backup_json() const {
    std::string out = "[\n";
    for (std::size_t i = 0; i < drafts_.size(); ++i) {
        append_record_json(out, *playbook_, drafts_[i].record);
        out += i + 1 < drafts_.size() ? ",\n" : "\n";
    }
    return out + "]\n";
}

std::string Drafts::to_storage() const {
    nlohmann::json root;
    root["format"] = kStorageFormat;
    root["next_uid"] = next_uid_;
    nlohmann::json list = nlohmann::json::array();
    for (const Draft& d : drafts_) {
        nlohmann::json record = nlohmann::json::object();
        for (std::size_t f = 0; f < playbook_->fields.size(); ++f) {
            const FieldValue& v = d.record.values[f];
            if (v.state == ValueState::String)
                record[playbook_->fields[f].key] = v.text;
            else if (v.state != ValueState::Absent)
                record[playbook_->fields[f].key] = nullptr;
        }
        std::string touched;
        for (bool t : d.touched) touched += t ? '1' : '0';
        list.push_back({{"uid", d.uid}, {"created", d.created}, {"touched", touched}, {"record", record}});
    }
    root["drafts"] = list;
    // dump() replaces invalid UTF-8 instead of throwing; the form only holds valid text anyway.
    return root.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
    // Uids go to the page's JavaScript as numbers: exact only up to 2^53, which also keeps
    // next_uid from ever wrapping. A number of another kind (negative, 1e300) is damage.
    constexpr std::uint64_t kMaxUid = std::uint64_t{1} << 53;
    auto uid_at = [&](const nlohmann::json& object, const char* key, std::uint64_t fallback, std::uint64_t& out) {
        auto it = object.find(key);
        if (it == object.end()) {
            out = fallback;
            return true;
        }
        if (!it->is_number_unsigned() || it->get<std::uint64_t>() > kMaxUid) return false;
        out = it->get<std::uint64_t>();
        return true;
    };
    std::vector<Draft> drafts;
    std::uint64_t max_uid = 0;
    for (const nlohmann::json& item : *list) {
        Draft d;
        auto touched_it = item.is_object() ? item.find("touched") : item.end();
        if (!item.is_object() || !item.contains("uid") || !uid_at(item, "uid", 0, d.uid) ||
            !uid_at(item, "created", d.uid, d.created) || !item.contains("record") || !item["record"].is_object() ||
            (touched_it != item.end() && !touched_it->is_string())) {
            error = "a draft is damaged";
            return false;
        }
        d.record.reset(playbook_->fields.size());
        for (auto it = item["record"].begin(); it != item["record"].end(); ++it) {
            int f = playbook_->field_index(it.key());
            if (f < 0) continue;
            FieldValue& v = d.record[f];
            if (it->is_string()) {
                v.state = ValueState::String;
                v.text = it->get<std::string>();
            } else {
                v.state = it->is_null() ? ValueState::Null : ValueState::WrongType;
            }
        }
        d.touched.assign(playbook_->fields.size(), false);
        std::string touched = item.value("touched", std::string());
        for (std::size_t f = 0; f < touched.size() && f < d.touched.size(); ++f) d.touched[f] = touched[f] == '1';
        max_uid = std::max(max_uid, d.uid);
        drafts.push_back(std::move(d));
    }
    std::uint64_t next_uid = 1;
    if (!uid_at(root, "next_uid", 1, next_uid)) {
        error = "a draft is damaged";
        return false;
    }
    // Nothing is changed before here: a refusal leaves the drafts as they were.
    drafts_ = std::move(drafts);
    next_uid_ = std::max(next_uid, max_uid + 1);
    return true;
}

}  // namespace ftblock::web
