// The catalog's core rows as a table, and the one formatter of every message (the form's words
// use it too: web/i18n.cpp).
#include "messages.h"

namespace ftblock {

namespace {

struct Row {
    const char* name;
    const char* en;
    const char* zh;
};

#define FTB_MSG_ROW_core(id, en, zh) {#id, en, zh},
#define FTB_MSG_ROW_form(id, en, zh)
const Row kRows[] = {
#define FTB_MSG(domain, id, en, zh) FTB_MSG_ROW_##domain(id, en, zh)
#include "ftblock/catalog.def"
#undef FTB_MSG
};
static_assert(sizeof kRows / sizeof kRows[0] == msg_count, "one row per Msg id");

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string render_message(std::string_view pattern, const std::string_view* args, std::size_t count) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c != '{' || i + 2 >= pattern.size() || !is_digit(pattern[i + 1])) {
            out += c;
            continue;
        }
        const std::size_t n = static_cast<std::size_t>(pattern[i + 1] - '0');
        const std::string_view arg = n < count ? args[n] : std::string_view();
        if (pattern[i + 2] == '}') {  // {N}
            out += arg;
            i += 2;
            continue;
        }
        const std::size_t bar = pattern[i + 2] == ':' ? pattern.find('|', i + 3) : std::string_view::npos;
        const std::size_t end = bar == std::string_view::npos ? bar : pattern.find('}', bar);
        if (end == std::string_view::npos) {  // not a placeholder: literal text
            out += c;
            continue;
        }
        out += arg == "1" ? pattern.substr(i + 3, bar - i - 3) : pattern.substr(bar + 1, end - bar - 1);
        i = end;
    }
    return out;
}

std::string render_message(std::string_view pattern, std::initializer_list<std::string_view> args) {
    return render_message(pattern, args.begin(), args.size());
}

const char* msg_pattern(Lang lang, Msg id) {
    const Row& row = kRows[static_cast<std::size_t>(id)];
    return lang == Lang::ZhCN ? row.zh : row.en;
}

const char* msg_name(Msg id) { return id == Msg::Count_ ? "" : kRows[static_cast<std::size_t>(id)].name; }

std::string say(Lang lang, Msg id, std::initializer_list<std::string_view> args) {
    return render_message(msg_pattern(lang, id), args);
}

std::string Message::in(Lang lang) const {
    if (empty()) return {};
    std::vector<std::string> nested;  // texts of message arguments, kept alive for the views
    nested.reserve(args.size());
    std::vector<std::string_view> views;
    views.reserve(args.size());
    for (const MessageArg& a : args) {
        if (a.message) {
            nested.push_back(a.message->in(lang));
            views.emplace_back(nested.back());
        } else {
            views.emplace_back(a.text);
        }
    }
    return render_message(msg_pattern(lang, id), views.data(), views.size());
}

namespace detail {

MessageArg NameList::arg() const {
    std::string names;
    for (const std::string& name : listed_) {
        if (!names.empty()) names += ", ";
        names += name;
    }
    if (count_ <= listed_.size()) return MessageArg(std::move(names));
    return Message(Msg::NameListMore, {std::move(names), std::to_string(count_ - listed_.size())});
}

std::string hex_byte(unsigned char byte) {
    static const char kDigits[] = "0123456789ABCDEF";
    return {kDigits[byte >> 4], kDigits[byte & 0xF]};
}

}  // namespace detail

}  // namespace ftblock
