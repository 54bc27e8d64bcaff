// Private: the validator's sentences, built from the playbook's own words (field labels, the
// table cells' guidance, value labels) in the language asked for.
#pragma once

#include <string>
#include <string_view>

#include "ftblock/note_quality.h"
#include "ftblock/playbook.h"
#include "ftblock/suggest.h"

namespace ftblock::detail {

struct MessageContext {
    const Playbook& playbook;
    Lang lang;
    const Scenario* scenario;  // null: the sentence does not name a scenario
    int field;                 // field index
};

std::string quote_value(std::string_view text);  // shortened, control characters made visible

std::string msg_required(const MessageContext& c, const Rule& rule);
std::string msg_fixed_value(const MessageContext& c, const Rule& rule, std::string_view value);
std::string msg_not_allowed(const MessageContext& c, const Rule& rule, std::string_view value);
std::string msg_not_in_list(const MessageContext& c, std::string_view value);
std::string msg_bad_date(const MessageContext& c, std::string_view value);
std::string msg_wrong_type(const MessageContext& c);
std::string msg_too_long(const MessageContext& c, std::size_t length);
std::string msg_control_char(const MessageContext& c, char32_t cp, std::size_t position);
std::string msg_changed_from_previous(const MessageContext& c, std::string_view value, std::string_view previous,
                                      std::string_view previous_day, std::string_view previous_id);
std::string msg_date_in_past(const MessageContext& c, std::string_view date, std::string_view day);
std::string msg_date_order(const MessageContext& c, int later_field, std::string_view date,
                           std::string_view later_date);
std::string msg_l2_fit(const MessageContext& c, std::string_view chosen, const L2Suggestion& suggestion);
std::string msg_unknown_field(const Playbook& playbook, Lang lang, std::string_view key);
std::string msg_duplicate_key(Lang lang, std::string_view key);
std::string msg_note_quality(Lang lang, const NoteFinding& finding);

}  // namespace ftblock::detail
