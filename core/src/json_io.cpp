// The one door to nlohmann::json (CONTRIBUTING.md#layering): loading the playbook data and the L2
// suggestion's model, and writing the JSON Schema. Nothing thrown in here leaves this file: parse errors and wrong
// shapes become an error string naming the path in the data.
#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "ftblock/playbook.h"
#include "ftblock/schema.h"
#include "ftblock/suggest.h"

namespace ftblock {

namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

struct DataError {
    std::string message;
};

[[noreturn]] void bad(const std::string& path, const std::string& what) { throw DataError{path + ": " + what}; }

const json& member(const json& object, const char* key, const std::string& path) {
    if (!object.is_object()) bad(path, "expected an object");
    auto it = object.find(key);
    if (it == object.end()) bad(path, std::string("missing \"") + key + "\"");
    return *it;
}

std::string string_at(const json& v, const std::string& path) {
    if (!v.is_string()) bad(path, "expected a string");
    return v.get<std::string>();
}

Localized localized(const json& object, const char* key, const std::string& path, bool required = true) {
    Localized out;
    if (!object.is_object() || !object.contains(key)) {
        if (required) bad(path, std::string("missing \"") + key + "\"");
        return out;
    }
    const json& v = object.at(key);
    std::string p = path + "." + key;
    out.zh = string_at(member(v, "zh-CN", p), p + ".zh-CN");
    out.en = string_at(member(v, "en", p), p + ".en");
    return out;
}

Rule rule_from(const json& v, const std::string& path) {
    Rule r;
    std::string kind = string_at(member(v, "rule", path), path + ".rule");
    if (kind == "optional")
        r.kind = RuleKind::Optional;
    else if (kind == "required")
        r.kind = RuleKind::Required;
    else if (kind == "fixed")
        r.kind = RuleKind::Fixed;
    else if (kind == "forbidden")
        r.kind = RuleKind::Forbidden;
    else
        bad(path + ".rule", "unknown rule \"" + kind + "\" (optional, required, fixed, forbidden)");
    if (r.kind == RuleKind::Fixed) r.value = string_at(member(v, "value", path), path + ".value");
    if (v.contains("keep_previous")) {
        if (!v.at("keep_previous").is_boolean()) bad(path + ".keep_previous", "expected true or false");
        r.keep_previous = v.at("keep_previous").get<bool>();
    }
    if (v.contains("form_default")) r.form_default = string_at(v.at("form_default"), path + ".form_default");
    r.guidance = localized(v, "guidance", path, false);
    return r;
}

// Hint objects name their members exactly: a misspelt hint is an error, not silently ignored.
void only_members(const json& object, std::initializer_list<const char*> known, const std::string& path) {
    if (!object.is_object()) bad(path, "expected an object");
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool found = false;
        std::string names;
        for (const char* k : known) {
            found = found || it.key() == k;
            names += std::string(names.empty() ? "" : ", ") + k;
        }
        if (!found) bad(path + "." + it.key(), "unknown hint (" + names + ")");
    }
}

bool boolean_at(const json& object, const char* key, const std::string& path) {
    if (!object.contains(key)) return false;
    if (!object.at(key).is_boolean()) bad(path + "." + key, "expected true or false");
    return object.at(key).get<bool>();
}

WidgetHints widget_from(const json& v, const Field& field, const std::string& path) {
    only_members(v, {"lines", "definitions", "na_with_original"}, path);
    WidgetHints w;
    if (v.contains("lines")) {
        const json& n = v.at("lines");
        if (!n.is_number() || n.get<double>() < 1 || n.get<double>() > 40)
            bad(path + ".lines", "expected a number from 1 to 40");
        if (field.type != FieldType::Text) bad(path + ".lines", "only a text field has lines");
        w.lines = n.get<double>();
    }
    w.definitions = boolean_at(v, "definitions", path);
    if (w.definitions && field.type != FieldType::Choice)
        bad(path + ".definitions", "only a choice field shows definitions");
    w.na_with_original = boolean_at(v, "na_with_original", path);
    return w;
}

// $.note_guidance (docs/playbook-format.md#note-guidance): the notes field, the length limits and
// the word lists, each {"en": [...], "zh-CN": [...]}.
NoteGuidance note_guidance_from(const Playbook& pb, const json& v) {
    static const struct {
        const char* key;
        unsigned list;
    } kLists[] = {{"vague_time", kNoteVague},
                  {"vague_time_before_status", kNoteVagueBeforeStatus},
                  {"status_after_vague_time", kNoteStatusAfterVague},
                  {"vague_time_except", kNoteVagueExcept},
                  {"why", kNoteWhy},
                  {"why_except", kNoteWhyExcept},
                  {"waits_for", kNoteWaitsFor},
                  {"status", kNoteStatus},
                  {"engagement", kNoteEngagement}};
    const std::string path = "$.note_guidance";
    only_members(v,
                 {"field", "longer_than", "vague_time", "vague_time_before_status", "status_after_vague_time",
                  "vague_time_except", "why", "why_except", "waits_for", "status", "engagement"},
                 path);
    NoteGuidance g;
    g.field = pb.field_index(string_at(member(v, "field", path), path + ".field"));
    if (g.field < 0 || pb.fields[static_cast<std::size_t>(g.field)].type != FieldType::Text)
        bad(path + ".field", "expected a text field");
    if (v.contains("longer_than")) {
        const json& l = v.at("longer_than");
        only_members(l, {"characters", "sentences", "sentences_from", "ideograph_weight"}, path + ".longer_than");
        auto whole = [&](const char* key, std::size_t fallback) {
            if (!l.contains(key)) return fallback;
            if (!l.at(key).is_number_unsigned()) bad(path + ".longer_than." + key, "expected a whole number");
            return l.at(key).get<std::size_t>();
        };
        g.max_characters = whole("characters", 0);
        g.max_sentences = whole("sentences", 0);
        g.sentences_from = whole("sentences_from", 0);
        g.ideograph_weight = whole("ideograph_weight", 1);
    }
    for (const auto& list : kLists) {
        if (!v.contains(list.key)) continue;
        const json& words = v.at(list.key);
        const std::string p = path + "." + list.key;
        only_members(words, {"en", "zh-CN"}, p);
        for (const char* lang : {"en", "zh-CN"}) {
            if (!words.contains(lang)) continue;
            const json& a = words.at(lang);
            const std::string lp = p + "." + lang;
            if (!a.is_array()) bad(lp, "expected an array");
            for (std::size_t i = 0; i < a.size(); ++i) {  // the entry's path only for a message
                auto ip = [&] { return lp + "[" + std::to_string(i) + "]"; };
                if (!a[i].is_string()) bad(ip(), "expected a string");
                std::string problem = g.add(list.list, a[i].get_ref<const std::string&>(), lang[0] == 'z');
                if (!problem.empty()) bad(ip(), problem);
            }
        }
    }
    g.index();
    return g;
}

Playbook parse(const json& root) {
    Playbook pb;
    if (string_at(member(root, "format", "$"), "$.format") != "ftblock-playbook/1")
        bad("$.format", "expected \"ftblock-playbook/1\"");
    pb.version = string_at(member(root, "version", "$"), "$.version");
    pb.title = localized(root, "title", "$");

    const json& lists = member(root, "lists", "$");
    if (!lists.is_object()) bad("$.lists", "expected an object");
    for (auto it = lists.begin(); it != lists.end(); ++it) {
        std::string path = "$.lists." + it.key();
        if (!it.value().is_array()) bad(path, "expected an array");
        ValueList list;
        list.name = it.key();
        for (std::size_t i = 0; i < it.value().size(); ++i) {
            const json& c = it.value()[i];
            std::string p = path + "[" + std::to_string(i) + "]";
            Choice choice;
            choice.id = string_at(member(c, "id", p), p + ".id");
            if (choice.id.empty()) bad(p + ".id", "empty id");
            if (list.find(choice.id)) bad(p + ".id", "\"" + choice.id + "\" appears twice");
            choice.label = localized(c, "label", p);
            choice.definition = localized(c, "definition", p, false);
            choice.constraint = localized(c, "constraint", p, false);
            choice.en_is_translation = c.value("en_is_translation", false);
            list.choices.push_back(std::move(choice));
        }
        pb.lists.push_back(std::move(list));
    }
    auto list_index = [&](const std::string& name) {
        for (std::size_t i = 0; i < pb.lists.size(); ++i)
            if (pb.lists[i].name == name) return static_cast<int>(i);
        return -1;
    };

    const json& fields = member(root, "fields", "$");
    if (!fields.is_array() || fields.empty()) bad("$.fields", "expected a non-empty array");
    if (fields.size() >= 64) bad("$.fields", "at most 63 fields");
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const json& f = fields[i];
        std::string p = "$.fields[" + std::to_string(i) + "]";
        Field field;
        field.key = string_at(member(f, "key", p), p + ".key");
        if (field.key.empty()) bad(p + ".key", "empty key");
        if (pb.field_index(field.key) >= 0) bad(p + ".key", "\"" + field.key + "\" appears twice");
        field.label = localized(f, "label", p);
        field.help = localized(f, "help", p, false);
        std::string type = string_at(member(f, "type", p), p + ".type");
        if (type == "text")
            field.type = FieldType::Text;
        else if (type == "choice")
            field.type = FieldType::Choice;
        else if (type == "date")
            field.type = FieldType::Date;
        else
            bad(p + ".type", "unknown type \"" + type + "\" (text, choice, date)");
        if (f.contains("list")) {
            std::string name = string_at(f.at("list"), p + ".list");
            field.list = list_index(name);
            if (field.list < 0) bad(p + ".list", "no list named \"" + name + "\"");
        } else if (field.type == FieldType::Choice) {
            bad(p, "a choice field needs \"list\"");
        }
        if (f.contains("max_length")) {
            const json& m = f.at("max_length");
            if (!m.is_number_unsigned()) bad(p + ".max_length", "expected a whole number");
            field.max_length = m.get<int>();
        }
        if (f.contains("widget")) field.widget = widget_from(f.at("widget"), field, p + ".widget");
        pb.fields.push_back(std::move(field));
    }
    auto required_field = [&](const char* key) {
        int i = pb.field_index(key);
        if (i < 0) bad("$.fields", std::string("the record format needs the field \"") + key + "\"");
        return i;
    };
    pb.scenario_field = required_field("scenario");
    pb.updated_at_field = required_field("updated_at");
    pb.workload_field = required_field("workload");
    pb.customer_field = required_field("customer");
    pb.id_field = required_field("id");

    const json& common = member(root, "common_rules", "$");
    if (!common.is_object()) bad("$.common_rules", "expected an object");
    pb.common_rules.assign(pb.fields.size(), Rule{});
    std::vector<bool> in_common(pb.fields.size(), false);
    for (auto it = common.begin(); it != common.end(); ++it) {
        int f = pb.field_index(it.key());
        if (f < 0) bad("$.common_rules." + it.key(), "no such field");
        pb.common_rules[static_cast<std::size_t>(f)] = rule_from(it.value(), "$.common_rules." + it.key());
        in_common[static_cast<std::size_t>(f)] = true;
    }

    const ValueList* scenario_list = pb.list_of(pb.scenario_field);
    if (!scenario_list) bad("$.fields", "\"scenario\" must be a choice field");
    const json& scenarios = member(root, "scenarios", "$");
    if (!scenarios.is_array() || scenarios.empty()) bad("$.scenarios", "expected a non-empty array");
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const json& s = scenarios[i];
        std::string p = "$.scenarios[" + std::to_string(i) + "]";
        Scenario sc;
        sc.id = string_at(member(s, "id", p), p + ".id");
        if (!scenario_list->find(sc.id)) bad(p + ".id", "\"" + sc.id + "\" is not in the scenario list");
        if (pb.scenario(sc.id)) bad(p + ".id", "\"" + sc.id + "\" appears twice");
        sc.description = localized(s, "description", p);
        const json& rules = member(s, "rules", p);
        if (!rules.is_object()) bad(p + ".rules", "expected an object");
        for (auto it = rules.begin(); it != rules.end(); ++it) {
            int f = pb.field_index(it.key());
            if (f < 0) bad(p + ".rules." + it.key(), "no such field");
            if (in_common[static_cast<std::size_t>(f)]) bad(p + ".rules." + it.key(), "already in common_rules");
        }
        for (std::size_t f = 0; f < pb.fields.size(); ++f) {
            const Field& field = pb.fields[f];
            std::string rp = p + ".rules." + field.key;
            Rule r = in_common[f]                ? pb.common_rules[f]
                     : rules.contains(field.key) ? rule_from(rules.at(field.key), rp)
                                                 : (bad(rp, "every field needs a rule"), Rule{});
            if (r.kind == RuleKind::Fixed && field.list >= 0 && field.type == FieldType::Choice &&
                !pb.lists[static_cast<std::size_t>(field.list)].find(r.value))
                bad(rp + ".value", "\"" + r.value + "\" is not in the list \"" +
                                       pb.lists[static_cast<std::size_t>(field.list)].name + "\"");
            if (r.keep_previous) {
                if (field.type != FieldType::Choice) bad(rp, "keep_previous needs a choice field");
                if (pb.engagement_field >= 0 && pb.engagement_field != static_cast<int>(f))
                    bad(rp, "only one field can keep its previous value");
                pb.engagement_field = static_cast<int>(f);
            }
            sc.rules.push_back(std::move(r));
        }
        const Localized& name = scenario_list->find(sc.id)->label;
        sc.new_label = Localized{"+ " + name.en, "+ " + name.zh};
        if (s.contains("new_draft")) {
            const json& n = s.at("new_draft");
            only_members(n, {"label", "name"}, p + ".new_draft");
            if (n.contains("label")) sc.new_label = localized(n, "label", p + ".new_draft");
            sc.new_name = localized(n, "name", p + ".new_draft", false);
        }
        if (sc.new_name.en.empty()) sc.new_name.en = sc.new_label.en;
        if (sc.new_name.zh.empty()) sc.new_name.zh = sc.new_label.zh;
        pb.scenarios.push_back(std::move(sc));
    }
    if (root.contains("form")) {
        const json& form = root.at("form");
        only_members(form, {"blank_draft_scenario"}, "$.form");
        if (form.contains("blank_draft_scenario")) {
            std::string id = string_at(form.at("blank_draft_scenario"), "$.form.blank_draft_scenario");
            const Scenario* sc = pb.scenario(id);
            if (!sc) bad("$.form.blank_draft_scenario", "\"" + id + "\" is not one of the scenarios");
            pb.blank_scenario = static_cast<std::size_t>(sc - pb.scenarios.data());
        }
    }

    if (root.contains("warnings")) {
        const json& w = root.at("warnings");
        auto date_field = [&](const json& v, const std::string& path) {
            int f = pb.field_index(string_at(v, path));
            if (f < 0 || pb.fields[static_cast<std::size_t>(f)].type != FieldType::Date)
                bad(path, "expected a date field");
            return f;
        };
        if (w.contains("date_in_past")) {
            const json& a = w.at("date_in_past");
            if (!a.is_array()) bad("$.warnings.date_in_past", "expected an array");
            for (std::size_t i = 0; i < a.size(); ++i)
                pb.warn_before_updated.push_back(
                    date_field(a[i], "$.warnings.date_in_past[" + std::to_string(i) + "]"));
        }
        if (w.contains("date_order")) {
            const json& a = w.at("date_order");
            if (!a.is_array() || a.size() != 2) bad("$.warnings.date_order", "expected [earlier field, later field]");
            pb.order_first = date_field(a[0], "$.warnings.date_order[0]");
            pb.order_second = date_field(a[1], "$.warnings.date_order[1]");
        }
        if (w.contains("l2_fit")) {
            const json& a = w.at("l2_fit");
            if (!a.is_array() || a.size() != 2) bad("$.warnings.l2_fit", "expected [L2 field, notes field]");
            pb.l2_fit_field = pb.field_index(string_at(a[0], "$.warnings.l2_fit[0]"));
            if (pb.l2_fit_field < 0 || pb.fields[static_cast<std::size_t>(pb.l2_fit_field)].type != FieldType::Choice)
                bad("$.warnings.l2_fit[0]", "expected a choice field");
            pb.l2_fit_notes = pb.field_index(string_at(a[1], "$.warnings.l2_fit[1]"));
            if (pb.l2_fit_notes < 0 || pb.fields[static_cast<std::size_t>(pb.l2_fit_notes)].type != FieldType::Text)
                bad("$.warnings.l2_fit[1]", "expected a text field");
        }
    }
    if (root.contains("note_guidance")) pb.note_guidance = note_guidance_from(pb, root.at("note_guidance"));
    pb.index_fields();
    return pb;
}

}  // namespace

PlaybookResult load_playbook(std::string_view text) {
    PlaybookResult result;
    json root = json::parse(text.begin(), text.end(), nullptr, false);
    if (root.is_discarded()) {
        result.error = "the playbook file is not valid JSON";
        return result;
    }
    try {
        result.playbook = std::make_shared<const Playbook>(parse(root));
    } catch (const DataError& e) {
        result.error = e.message;
    } catch (const std::exception& e) {
        result.error = std::string("the playbook file has an unexpected shape: ") + e.what();
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// The L2 suggestion's model (assets/l2/model.json, docs/suggest.md#the-model).
namespace {

std::vector<std::string> strings_at(const json& v, const std::string& path) {
    if (!v.is_array()) bad(path, "expected an array of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(string_at(v[i], path + "[" + std::to_string(i) + "]"));
    return out;
}

std::int64_t integer_at(const json& v, const std::string& path) {
    if (!v.is_number_integer()) bad(path, "expected a whole number");
    return v.get<std::int64_t>();
}

std::vector<std::int32_t> weights_at(const json& v, std::size_t classes, const std::string& path) {
    if (!v.is_array() || v.size() != classes) bad(path, "expected one whole number per class");
    std::vector<std::int32_t> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::int64_t w = integer_at(v[i], path + "[" + std::to_string(i) + "]");
        if (w < -1000000 || w > 1000000) bad(path + "[" + std::to_string(i) + "]", "out of range");
        out.push_back(static_cast<std::int32_t>(w));
    }
    return out;
}

L2Model parse_l2_model(const json& root) {
    L2Model m;
    if (string_at(member(root, "format", "$"), "$.format") != "ftblock-l2-model/1")
        bad("$.format", "expected \"ftblock-l2-model/1\"");
    m.classes = strings_at(member(root, "classes", "$"), "$.classes");
    std::int64_t l2_count = integer_at(member(root, "l2_count", "$"), "$.l2_count");
    if (l2_count < 1 || static_cast<std::size_t>(l2_count) > m.classes.size()) bad("$.l2_count", "out of range");
    m.l2_count = static_cast<std::size_t>(l2_count);
    const json& t = member(root, "thresholds", "$");
    auto threshold = [&](const char* key) {
        return integer_at(member(t, key, "$.thresholds"), std::string("$.thresholds.") + key);
    };
    m.thresholds.min_score = threshold("min_score");
    m.thresholds.min_margin_percent = threshold("min_margin_percent");
    m.thresholds.out_of_scope_percent = threshold("out_of_scope_percent");
    m.thresholds.fit_min_score = threshold("fit_min_score");
    m.thresholds.fit_max_chosen_percent = threshold("fit_max_chosen_percent");
    const json& grams = member(root, "zh_grams", "$");
    if (!grams.is_array() || grams.size() != 2) bad("$.zh_grams", "expected [shortest, longest]");
    m.zh_gram_min = static_cast<int>(integer_at(grams[0], "$.zh_grams[0]"));
    m.zh_gram_max = static_cast<int>(integer_at(grams[1], "$.zh_grams[1]"));
    if (m.zh_gram_min < 1 || m.zh_gram_max < m.zh_gram_min || m.zh_gram_max > 4)
        bad("$.zh_grams", "expected 1 <= shortest <= longest <= 4");
    m.stop_en = strings_at(member(root, "stop_en", "$"), "$.stop_en");
    m.stop_zh = strings_at(member(root, "stop_zh", "$"), "$.stop_zh");
    const json& concepts = member(root, "concepts", "$");
    if (!concepts.is_array()) bad("$.concepts", "expected an array");
    for (std::size_t i = 0; i < concepts.size(); ++i) {
        std::string p = "$.concepts[" + std::to_string(i) + "]";
        L2Concept c;
        c.id = string_at(member(concepts[i], "id", p), p + ".id");
        c.en = strings_at(member(concepts[i], "en", p), p + ".en");
        c.zh = strings_at(member(concepts[i], "zh", p), p + ".zh");
        c.weights = weights_at(member(concepts[i], "w", p), m.classes.size(), p + ".w");
        m.concepts.push_back(std::move(c));
    }
    auto concept_index = [&](const json& v, const std::string& path) {
        std::string id = string_at(v, path);
        for (std::size_t c = 0; c < m.concepts.size(); ++c)
            if (m.concepts[c].id == id) return static_cast<int>(c);
        bad(path, "no concept \"" + id + "\"");
    };
    const json& rules = member(root, "rules", "$");
    if (!rules.is_array()) bad("$.rules", "expected an array");
    for (std::size_t i = 0; i < rules.size(); ++i) {
        std::string p = "$.rules[" + std::to_string(i) + "]";
        L2Rule r;
        std::string cls = string_at(member(rules[i], "l2", p), p + ".l2");
        auto found = std::find(m.classes.begin(), m.classes.end(), cls);
        if (found == m.classes.end()) bad(p + ".l2", "not one of the classes");
        r.cls = static_cast<int>(found - m.classes.begin());
        for (const char* key : {"when_any", "unless_any"}) {
            const json& list = member(rules[i], key, p);
            if (!list.is_array()) bad(p + "." + key, "expected an array");
            for (std::size_t k = 0; k < list.size(); ++k)
                (key[0] == 'w' ? r.when_any : r.unless_any)
                    .push_back(concept_index(list[k], p + "." + key + "[" + std::to_string(k) + "]"));
        }
        std::int64_t percent = integer_at(member(rules[i], "percent", p), p + ".percent");
        if (percent < 0 || percent > 1000) bad(p + ".percent", "expected 0 to 1000");
        r.percent = static_cast<std::int32_t>(percent);
        m.rules.push_back(std::move(r));
    }
    const json& features = member(root, "features", "$");
    if (!features.is_object()) bad("$.features", "expected an object");
    for (auto it = features.begin(); it != features.end(); ++it)
        m.features.emplace(it.key(), weights_at(it.value(), m.classes.size(), "$.features." + it.key()));
    m.prepare();
    return m;
}

}  // namespace

L2ModelResult load_l2_model(std::string_view text) {
    L2ModelResult result;
    json root = json::parse(text.begin(), text.end(), nullptr, false);
    if (root.is_discarded()) {
        result.error = "the L2 model file is not valid JSON";
        return result;
    }
    try {
        result.model = std::make_shared<const L2Model>(parse_l2_model(root));
    } catch (const DataError& e) {
        result.error = e.message;
    } catch (const std::exception& e) {
        result.error = std::string("the L2 model file has an unexpected shape: ") + e.what();
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
namespace {

const char* kBlank = "^[\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$";
const char* kNotBlank =
    "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const char* kDate = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

ordered_json value_schema(const Playbook& pb, const Field& field, bool allow_empty) {
    ordered_json filled;
    switch (field.type) {
        case FieldType::Choice: {
            ordered_json ids = ordered_json::array();
            for (const Choice& c : pb.lists[static_cast<std::size_t>(field.list)].choices) ids.push_back(c.id);
            filled = {{"enum", ids}};
            break;
        }
        case FieldType::Date: filled = {{"type", "string"}, {"pattern", kDate}, {"format", "date"}}; break;
        case FieldType::Text: filled = {{"type", "string"}, {"pattern", kNotBlank}}; break;
    }
    if (!allow_empty) return filled;
    return {{"anyOf", {filled, {{"$ref", "#/$defs/empty"}}}}};
}

}  // namespace

std::string json_schema(const Playbook& pb) {
    ordered_json schema;
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    schema["$id"] = "urn:ftblock:record:" + pb.version;
    schema["title"] = "FastTrack \"" + pb.title.en + "\" status record (" + pb.title.zh + ")";
    schema["description"] =
        "Generated by ftblock from its playbook data. Calendar validity, control characters and the "
        "previous-value rule are checked by ftblock check only.";
    schema["type"] = "object";
    ordered_json props = ordered_json::object();
    for (const Field& f : pb.fields) {
        ordered_json p;
        p["title"] = f.label.en;
        p["description"] = f.label.zh;
        p["type"] = {"string", "null"};
        if (f.max_length > 0) p["maxLength"] = f.max_length;
        props[f.key] = p;
    }
    schema["properties"] = props;
    schema["additionalProperties"] = false;
    ordered_json all = ordered_json::array();
    // Rules that hold in every scenario.
    for (std::size_t i = 0; i < pb.fields.size(); ++i) {
        const Field& f = pb.fields[i];
        if (pb.depends_on_scenario(static_cast<int>(i))) continue;
        const Rule& r = pb.scenarios[0].rules[i];
        ordered_json cond;
        switch (r.kind) {
            case RuleKind::Optional: cond = {{"properties", {{f.key, value_schema(pb, f, true)}}}}; break;
            case RuleKind::Required:
                cond = {{"required", {f.key}}, {"properties", {{f.key, value_schema(pb, f, false)}}}};
                break;
            case RuleKind::Fixed:
                cond = {{"required", {f.key}}, {"properties", {{f.key, {{"const", r.value}}}}}};
                break;
            case RuleKind::Forbidden: cond = {{"properties", {{f.key, {{"$ref", "#/$defs/empty"}}}}}}; break;
        }
        all.push_back(cond);
    }
    for (const Scenario& sc : pb.scenarios) {
        ordered_json then = {{"required", ordered_json::array()}, {"properties", ordered_json::object()}};
        for (std::size_t i = 0; i < pb.fields.size(); ++i) {
            if (!pb.depends_on_scenario(static_cast<int>(i))) continue;
            const Field& f = pb.fields[i];
            const Rule& r = sc.rules[i];
            switch (r.kind) {
                case RuleKind::Optional: then["properties"][f.key] = value_schema(pb, f, true); break;
                case RuleKind::Required:
                    then["required"].push_back(f.key);
                    then["properties"][f.key] = value_schema(pb, f, false);
                    break;
                case RuleKind::Fixed:
                    then["required"].push_back(f.key);
                    then["properties"][f.key] = {{"const", r.value}};
                    break;
                case RuleKind::Forbidden: then["properties"][f.key] = {{"$ref", "#/$defs/empty"}}; break;
            }
        }
        const std::string& key = pb.fields[static_cast<std::size_t>(pb.scenario_field)].key;
        all.push_back({{"if", {{"required", {key}}, {"properties", {{key, {{"const", sc.id}}}}}}}, {"then", then}});
    }
    schema["allOf"] = all;
    ordered_json empty_null = {{"type", "null"}};
    ordered_json empty_text = {{"type", "string"}, {"pattern", kBlank}};
    ordered_json empty;
    empty["anyOf"] = ordered_json::array({empty_null, empty_text});
    schema["$defs"]["empty"] = empty;
    return schema.dump(2) + "\n";
}

}  // namespace ftblock
