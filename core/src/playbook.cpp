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

// Keys are looked up once per key of every record read, so a tiny hash table replaces the
// linear search: slot = f(length, first and last byte); -1 empty, -2 shared (search all).
static std::size_t key_slot(std::string_view key) {
    unsigned h = static_cast<unsigned>(key.size()) * 31u;
    if (!key.empty()) h += static_cast<unsigned char>(key.front()) * 7u + static_cast<unsigned char>(key.back());
    return h & 255u;
}

void Playbook::index_fields() {
    key_slots.assign(256, -1);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        signed char& slot = key_slots[key_slot(fields[i].key)];
        slot = slot == -1 ? static_cast<signed char>(i) : static_cast<signed char>(-2);
    }
    dependent.assign(fields.size(), false);
    for (std::size_t f = 0; f < fields.size(); ++f)
        for (std::size_t s = 1; s < scenarios.size(); ++s)
            if (!scenarios[s].rules[f].same_base(scenarios[0].rules[f])) dependent[f] = true;
}

int Playbook::field_index(std::string_view key) const {
    int slot = key_slots.empty() ? -2 : key_slots[key_slot(key)];
    if (slot == -1) return -1;
    if (slot >= 0) {
        const std::string& k = fields[static_cast<std::size_t>(slot)].key;
        if (k.size() != key.size()) return -1;
        for (std::size_t i = 0; i < k.size(); ++i)  // keys are short: no memcmp call
            if (k[i] != key[i]) return -1;
        return slot;
    }
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].key == key) return static_cast<int>(i);
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

std::string_view builtin_playbook_text() { return std::string_view(detail::playbook_json, detail::playbook_json_size); }

std::shared_ptr<const Playbook> builtin_playbook() {
    // Parsed once; the embedded text is checked by the tests, so failure here is a build defect.
    static const std::shared_ptr<const Playbook> playbook = load_playbook(builtin_playbook_text()).playbook;
    return playbook;
}

}  // namespace ftblock
