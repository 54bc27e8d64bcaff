#include "ftblock/playbook.h"

namespace ftblock {

namespace detail {
extern const char playbook_json[];
extern const std::size_t playbook_json_size;
}  // namespace detail

const Choice* ValueList::find(std::string_view id) const {
    for (const Choice& c : choices)
        if (c.id == id) return &c;
    return nullptr;
}

int Playbook::field_index(std::string_view key) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].key.size() == key.size() && fields[i].key == key) return static_cast<int>(i);
    return -1;
}

const Scenario* Playbook::scenario(std::string_view id) const {
    for (const Scenario& s : scenarios)
        if (s.id == id) return &s;
    return nullptr;
}

const ValueList* Playbook::list_of(int field) const {
    int l = fields[static_cast<std::size_t>(field)].list;
    return l < 0 ? nullptr : &lists[static_cast<std::size_t>(l)];
}

bool Playbook::depends_on_scenario(int field) const {
    const std::size_t f = static_cast<std::size_t>(field);
    for (std::size_t s = 1; s < scenarios.size(); ++s)
        if (!scenarios[s].rules[f].same_base(scenarios[0].rules[f])) return true;
    return false;
}

std::string_view builtin_playbook_text() {
    return std::string_view(detail::playbook_json, detail::playbook_json_size);
}

std::shared_ptr<const Playbook> builtin_playbook() {
    // Parsed once; the embedded text is checked by the tests, so failure here is a build defect.
    static const std::shared_ptr<const Playbook> playbook = load_playbook(builtin_playbook_text()).playbook;
    return playbook;
}

}  // namespace ftblock
