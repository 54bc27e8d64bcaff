#include "validator_messages.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "messages.h"

namespace ftblock::detail {

namespace {

bool zh(const MessageContext& c) { return c.lang == Lang::ZhCN; }
const Field& field_of(const MessageContext& c) { return c.playbook.fields[static_cast<std::size_t>(c.field)]; }
std::string label(const MessageContext& c) {
    std::string text = field_of(c).label.in(c.lang);
    // Chinese typography: a space between a Latin word ending the label ("谁更新 FTOP") and the
    // Chinese text that follows it in every zh sentence below.
    if (c.lang == Lang::ZhCN && !text.empty() && std::isalnum(static_cast<unsigned char>(text.back()))) text += ' ';
    return text;
}

// "交付场景的" / "In the Delivery scenario, " — empty when the rule holds in every scenario.
std::string in_scenario(const MessageContext& c) {
    if (!c.scenario) return "";
    const ValueList* list = c.playbook.list_of(c.playbook.scenario_field);
    const Choice* choice = list ? list->find(c.scenario->id) : nullptr;
    std::string name = choice ? choice->label.in(c.lang) : c.scenario->id;
    return zh(c) ? name + "场景的" : "In the " + name + " scenario, ";
}

// The label of a value of this field's list, or the rule's own words when it has no list.
std::string value_label(const MessageContext& c, const Rule& rule) {
    if (const ValueList* list = c.playbook.list_of(c.field))
        if (const Choice* choice = list->find(rule.value)) return choice->label.in(c.lang);
    return rule.guidance.in(c.lang);
}

std::string choice_label(const MessageContext& c, std::string_view id) {
    if (const ValueList* list = c.playbook.list_of(c.field))
        if (const Choice* choice = list->find(id)) return choice->label.in(c.lang);
    return std::string(id);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string quote_value(std::string_view text) {
    std::string out;
    std::size_t pos = 0, n = 0;
    char32_t cp;
    while (pos < text.size()) {
        if (n == 60) {
            out += "…";
            break;
        }
        std::size_t at = pos;
        if (!decode_utf8(text, pos, cp)) {
            out += "\\x";
            char buf[4];
            std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned char>(text[at]));
            out += buf;
            pos = at + 1;
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (is_control_char(cp)) {
            char buf[12];
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
            out += buf;
        } else {
            out.append(text.substr(at, pos - at));
        }
        ++n;
    }
    return "\"" + out + "\"";
}

std::string msg_required(const MessageContext& c, const Rule& rule) {
    if (rule.kind == RuleKind::Fixed) {
        return zh(c) ? format("{0}{1}必须是{2}（{3}），不能为空",
                              {in_scenario(c), label(c), value_label(c, rule), rule.value})
                     : format("{0}{1} must be {2} (\"{3}\"); it is empty",
                              {in_scenario(c), label(c), value_label(c, rule), rule.value});
    }
    std::string guidance = rule.guidance.in(c.lang);
    if (guidance.empty())
        return zh(c) ? format("{0}{1}为必填项", {in_scenario(c), label(c)})
                     : format("{0}{1} is required", {in_scenario(c), label(c)});
    return zh(c) ? format("{0}{1}为必填项：{2}", {in_scenario(c), label(c), guidance})
                 : format("{0}{1} is required: {2}", {in_scenario(c), label(c), guidance});
}

std::string msg_fixed_value(const MessageContext& c, const Rule& rule, std::string_view value) {
    std::string extra;
    if (const ValueList* list = c.playbook.list_of(c.field))
        if (const Choice* choice = list->find(rule.value))
            if (!choice->definition.in(c.lang).empty())
                extra = zh(c) ? "。" + choice->definition.zh : ". " + choice->definition.en;
    return zh(c) ? format("{0}{1}必须是{2}（{3}），而不是 {4}{5}",
                          {in_scenario(c), label(c), value_label(c, rule), rule.value, quote_value(value), extra})
                 : format("{0}{1} must be {2} (\"{3}\"), not {4}{5}",
                          {in_scenario(c), label(c), value_label(c, rule), rule.value, quote_value(value), extra});
}

std::string msg_not_allowed(const MessageContext& c, const Rule& rule, std::string_view value) {
    std::string guidance = rule.guidance.in(c.lang);
    return zh(c) ? format("{0}{1}必须为空（{2}），而不是 {3}", {in_scenario(c), label(c), guidance, quote_value(value)})
                 : format("{0}{1} must be empty ({2}), not {3}",
                          {in_scenario(c), label(c), guidance, quote_value(value)});
}

std::string msg_not_in_list(const MessageContext& c, std::string_view value) {
    NameList ids;  // a playbook loaded at run time may have long lists: the message stays bounded
    if (const ValueList* list = c.playbook.list_of(c.field))
        for (const Choice& choice : list->choices) ids.add(choice.id);
    // A label typed where an id belongs is a common mistake: name the id it stands for.
    std::string hint;
    if (const ValueList* list = c.playbook.list_of(c.field))
        for (const Choice& choice : list->choices)
            if (value == choice.label.zh || value == choice.label.en) {
                hint = zh(c) ? format("（“{0}”是标签，请使用 ID {1}）", {std::string(value), choice.id})
                             : format(" (\"{0}\" is a label; use the id {1})", {std::string(value), choice.id});
                break;
            }
    return zh(c) ? format("{0} {1} 不在列表中{2}；可选值：{3}", {label(c), quote_value(value), hint, ids.str(c.lang)})
                 : format("{0} {1} is not in the list{2}; expected one of: {3}",
                          {label(c), quote_value(value), hint, ids.str(c.lang)});
}

std::string msg_bad_date(const MessageContext& c, std::string_view value) {
    return zh(c) ? format("{0}必须是真实存在的日期，格式为 YYYY-MM-DD，而不是 {1}", {label(c), quote_value(value)})
                 : format("{0} must be a real date written YYYY-MM-DD, not {1}", {label(c), quote_value(value)});
}

std::string msg_wrong_type(const MessageContext& c) {
    return zh(c) ? format("{0}必须是字符串或 null，不能是数字、布尔值、数组或对象", {label(c)})
                 : format("{0} must be a string or null, not a number, boolean, array or object", {label(c)});
}

std::string msg_too_long(const MessageContext& c, std::size_t length) {
    std::string max = std::to_string(field_of(c).max_length), n = std::to_string(length);
    return zh(c) ? format("{0}最多 {1} 个字符，实际为 {2} 个", {label(c), max, n})
                 : format("{0} is {1} characters long; at most {2} are allowed", {label(c), n, max});
}

std::string msg_control_char(const MessageContext& c, char32_t cp, std::size_t position) {
    char code[12];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
    return zh(c) ? format("{0}的第 {1} 个字符是控制字符 {2}", {label(c), std::to_string(position), code})
                 : format("{0} contains the control character {1} at character {2}",
                          {label(c), code, std::to_string(position)});
}

std::string msg_changed_from_previous(const MessageContext& c, std::string_view value, std::string_view previous,
                                      std::string_view previous_day, std::string_view previous_id) {
    std::string from = previous_id.empty()
                           ? std::string(previous_day)
                           : std::string(previous_day) + (zh(c) ? "，" : ", ") + std::string(previous_id);
    return zh(c) ? format("{0}{1}必须保持上一值：{2}（{3}，来自 {4} 的记录），而不是 {5}",
                          {in_scenario(c), label(c), choice_label(c, previous), std::string(previous), from,
                           quote_value(value)})
                 : format("{0}{1} must keep its previous value {2} (\"{3}\", record of {4}), not {5}",
                          {in_scenario(c), label(c), choice_label(c, previous), std::string(previous), from,
                           quote_value(value)});
}

std::string msg_date_in_past(const MessageContext& c, std::string_view date, std::string_view day) {
    return zh(c) ? format("{0} {1} 早于本次更新日期 {2}", {label(c), std::string(date), std::string(day)})
                 : format("{0} {1} is before the day of this update, {2}",
                          {label(c), std::string(date), std::string(day)});
}

std::string msg_date_order(const MessageContext& c, int later_field, std::string_view date,
                           std::string_view later_date) {
    const std::string& other = c.playbook.fields[static_cast<std::size_t>(later_field)].label.in(c.lang);
    return zh(c)
               ? format("{0} {1} 晚于{2} {3}", {label(c), std::string(date), other, std::string(later_date)})
               : format("{0} {1} is after the {2} {3}", {label(c), std::string(date), other, std::string(later_date)});
}

std::string msg_unknown_field(const Playbook& playbook, Lang lang, std::string_view key) {
    std::string best;
    std::size_t best_distance = 3;
    for (const Field& f : playbook.fields) {
        std::size_t d = edit_distance(key, f.key);
        // A suggestion only when most of the key survives ("ownr" → owner, not "a" → id).
        if (d < best_distance && d * 2 < std::max(key.size(), f.key.size())) {
            best_distance = d;
            best = f.key;
        }
    }
    std::string shown = quote_value(key);
    if (lang == Lang::ZhCN)
        return best.empty() ? format("未知字段 {0}：记录格式中没有这个键", {shown})
                            : format("未知字段 {0}：记录格式中没有这个键；是否想写 \"{1}\"？", {shown, best});
    return best.empty()
               ? format("unknown field {0}: not a key of the record format", {shown})
               : format("unknown field {0}: not a key of the record format; did you mean \"{1}\"?", {shown, best});
}

std::string msg_duplicate_key(Lang lang, std::string_view key) {
    return lang == Lang::ZhCN
               ? format("键 {0} 出现了不止一次；只检查第一个值", {quote_value(key)})
               : format("key {0} is given more than once; the first value is checked", {quote_value(key)});
}

}  // namespace ftblock::detail
