// ftblock/messages.h — the message catalog (ftblock/catalog.def) as code: the core's message ids,
// their texts, and the one formatter that puts arguments into a sentence. Messages are kept as
// {id, arguments} (FileError, RecordProblem) and rendered in the language asked for.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ftblock/text.h"

// FTB_MSG_IN_core(id): the row's id when the row is of that domain, else nothing.
#define FTB_MSG_IN_core_core(id) id,
#define FTB_MSG_IN_core_form(id)
#define FTB_MSG_IN_form_core(id)
#define FTB_MSG_IN_form_form(id) id,

namespace ftblock {

enum class Msg : unsigned short {  // the rows of domain "core", in catalog order
#define FTB_MSG(domain, id, en, zh) FTB_MSG_IN_core_##domain(id)
#include "ftblock/catalog.def"
#undef FTB_MSG
    Count_
};

constexpr std::size_t msg_count = static_cast<std::size_t>(Msg::Count_);

// A sentence pattern with {N} and {N:one|other} (catalog.def's header) filled in. Missing
// arguments are left empty; the output never holds an unfilled placeholder.
std::string render_message(std::string_view pattern, const std::string_view* args, std::size_t count);
std::string render_message(std::string_view pattern, std::initializer_list<std::string_view> args);

const char* msg_pattern(Lang lang, Msg id);  // the row's text in that language
const char* msg_name(Msg id);                // the row's id as written in the catalog, e.g. "CsvRagged"

std::string say(Lang lang, Msg id, std::initializer_list<std::string_view> args = {});

// A message kept for later: its id and arguments, rendered in any language. An argument is
// text (a value, a number) or itself a message (rendered in the same language).
struct Message;
struct MessageArg {
    MessageArg(std::string value) : text(std::move(value)) {}  // NOLINT: implicit by design
    MessageArg(const char* value) : text(value) {}             // NOLINT
    MessageArg(Message message);                               // NOLINT
    std::string text;
    std::shared_ptr<const Message> message;  // set: rendered instead of text
};

struct Message {
    Msg id = Msg::Count_;  // Count_: no message
    std::vector<MessageArg> args;
    Message() = default;
    Message(Msg which, std::vector<MessageArg> arguments = {}) : id(which), args(std::move(arguments)) {}  // NOLINT
    bool empty() const { return id == Msg::Count_; }
    std::string in(Lang lang) const;  // "" when empty
};

inline MessageArg::MessageArg(Message m) : message(std::make_shared<const Message>(std::move(m))) {}

}  // namespace ftblock
