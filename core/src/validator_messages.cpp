#include "validator_messages.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "messages.h"

namespace ftblock::detail {

namespace {

const Field& field_of(const MessageContext& c) { return c.playbook.fields[static_cast<std::size_t>(c.field)]; }
std::string label(const MessageContext& c) {
    std::string text = field_of(c).label.in(c.lang);
    // Chinese typography: a space between a Latin word ending the label (the label of updated_by ends in "FTOP") and
    // the Chinese text that follows it in every zh sentence below.
    if (c.lang == Lang::ZhCN && !text.empty() && std::isalnum(static_cast<unsigned char>(text.back()))) text += ' ';
    return text;
}

// InScenario ("In the Delivery scenario, ") — empty when the rule holds in every scenario.
std::string in_scenario(const MessageContext& c) {
    if (!c.scenario) return "";
    const ValueList* list = c.playbook.list_of(c.playbook.scenario_field);
    const Choice* choice = list ? list->find(c.scenario->id) : nullptr;
    return say(c.lang, Msg::InScenario, {choice ? choice->label.in(c.lang) : c.scenario->id});
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
        return say(c.lang, Msg::RequiredFixed, {in_scenario(c), label(c), value_label(c, rule), rule.value});
    }
    std::string guidance = rule.guidance.in(c.lang);
    if (guidance.empty()) return say(c.lang, Msg::RequiredPlain, {in_scenario(c), label(c)});
    return say(c.lang, Msg::RequiredGuided, {in_scenario(c), label(c), guidance});
}

std::string msg_fixed_value(const MessageContext& c, const Rule& rule, std::string_view value) {
    std::string extra;
    if (const ValueList* list = c.playbook.list_of(c.field))
        if (const Choice* choice = list->find(rule.value))
            if (!choice->definition.in(c.lang).empty())
                extra = say(c.lang, Msg::FollowingSentence, {choice->definition.in(c.lang)});
    return say(c.lang, Msg::FixedValueIs,
               {in_scenario(c), label(c), value_label(c, rule), rule.value, quote_value(value), extra});
}

std::string msg_not_allowed(const MessageContext& c, const Rule& rule, std::string_view value) {
    std::string guidance = rule.guidance.in(c.lang);
    return say(c.lang, Msg::MustBeEmpty, {in_scenario(c), label(c), guidance, quote_value(value)});
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
                hint = say(c.lang, Msg::LabelForId, {value, choice.id});
                break;
            }
    return say(c.lang, Msg::NotInListOf, {label(c), quote_value(value), hint, ids.str(c.lang)});
}

std::string msg_bad_date(const MessageContext& c, std::string_view value) {
    return say(c.lang, Msg::NotARealDate, {label(c), quote_value(value)});
}

std::string msg_wrong_type(const MessageContext& c) { return say(c.lang, Msg::NotAString, {label(c)}); }

std::string msg_too_long(const MessageContext& c, std::size_t length) {
    std::string max = std::to_string(field_of(c).max_length), n = std::to_string(length);
    return say(c.lang, Msg::LongerThanMax, {label(c), n, max});
}

std::string msg_control_char(const MessageContext& c, char32_t cp, std::size_t position) {
    char code[12];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
    return say(c.lang, Msg::ControlCharAt, {label(c), code, std::to_string(position)});
}

std::string msg_changed_from_previous(const MessageContext& c, std::string_view value, std::string_view previous,
                                      std::string_view previous_day, std::string_view previous_id) {
    std::string from =
        previous_id.empty() ? std::string(previous_day) : say(c.lang, Msg::DayAndId, {previous_day, previous_id});
    return say(c.lang, Msg::KeepPrevious,
               {in_scenario(c), label(c), choice_label(c, previous), previous, from, quote_value(value)});
}

std::string msg_date_in_past(const MessageContext& c, std::string_view date, std::string_view day) {
    return say(c.lang, Msg::BeforeUpdateDay, {label(c), date, day});
}

std::string msg_date_order(const MessageContext& c, int later_field, std::string_view date,
                           std::string_view later_date) {
    const std::string& other = c.playbook.fields[static_cast<std::size_t>(later_field)].label.in(c.lang);
    return say(c.lang, Msg::AfterLaterDate, {label(c), date, other, later_date});
}

std::string msg_l2_fit(const MessageContext& c, std::string_view chosen, const L2Suggestion& suggestion) {
    // The strongest few words are enough to see why; the ranking has them all (ftblock suggest).
    std::string words;
    const std::vector<std::string>& evidence = suggestion.ranking.front().evidence;
    for (std::size_t i = 0; i < evidence.size() && i < 4; ++i) {
        if (i) words += say(c.lang, Msg::WordSeparator);
        words += quote_value(evidence[i]);
    }
    return say(c.lang, Msg::L2FitWarning,
               {label(c), choice_label(c, chosen), choice_label(c, suggestion.suggested), suggestion.suggested, words});
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
    return best.empty() ? say(lang, Msg::UnknownKey, {shown}) : say(lang, Msg::UnknownKeyDidYouMean, {shown, best});
}

std::string msg_duplicate_key(Lang lang, std::string_view key) {
    return say(lang, Msg::KeyRepeated, {quote_value(key)});
}

// The words a note_quality message names: quoted, at most five, then "… and N more".
static std::string note_words(Lang lang, const std::vector<std::string>& words) {
    constexpr std::size_t kShown = 5;
    std::string list;
    for (std::size_t i = 0; i < words.size() && i < kShown; ++i) {
        std::string word = say(lang, Msg::NoteWord, {words[i]});
        list = list.empty() ? word : say(lang, Msg::NoteWordList, {list, word});
    }
    if (words.size() <= kShown) return list;
    return say(lang, Msg::NameListMore, {list, std::to_string(words.size() - kShown)});
}

std::string msg_note_quality(Lang lang, const NoteFinding& f) {
    switch (f.issue) {
        case NoteIssue::StatusOnly: return say(lang, Msg::NoteStatusOnly);
        case NoteIssue::Engagement: return say(lang, Msg::NoteEngagement, {note_words(lang, f.words)});
        case NoteIssue::NoWhy: return say(lang, Msg::NoteNoWhy);
        case NoteIssue::VagueTime:
            return say(lang, Msg::NoteVagueTime, {note_words(lang, f.words), std::to_string(f.words.size())});
        case NoteIssue::TooLong:
            return say(lang, Msg::NoteTooLong, {std::to_string(f.characters), std::to_string(f.sentences)});
    }
    return {};
}

}  // namespace ftblock::detail
