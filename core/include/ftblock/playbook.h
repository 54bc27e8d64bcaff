// ftblock/playbook.h — the playbook's scenario table as data (docs/rules.md): fields, value lists,
// and per-scenario rules, every label in zh-CN and en. Loaded from assets/playbook/playbook.json,
// which is built into the binaries; a newer file can be loaded at run time.
// No rule of the playbook lives in C++: the validator only interprets this structure.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ftblock/note_quality.h"
#include "ftblock/text.h"

namespace ftblock {

enum class FieldType { Text, Choice, Date };

struct Choice {      // one value of a list (an id and how people call it)
    std::string id;  // exact, case-sensitive, never translated
    Localized label;
    Localized definition;            // may be empty; L2s: the seed's definition
    Localized constraint;            // may be empty; L2s: the seed's "for this L2 …" sentence
    bool en_is_translation = false;  // the English definition is ours, not the playbook's
};

struct ValueList {
    std::string name;  // "workload", "l2", …
    std::vector<Choice> choices;
    const Choice* find(std::string_view id) const;  // nullptr when not in the list
};

// How the form shows a field ("widget" in the data, docs/playbook-format.md). Hints for the
// form only: the validator and the JSON Schema never read them.
struct WidgetHints {
    double lines = 1;               // Text: above 1, a multi-line box this many text lines tall
    bool definitions = false;       // Choice: the pick-list and the chosen value show definitions
    bool na_with_original = false;  // Forbidden: English also shows the guidance's zh-CN words
};

struct Field {
    std::string key;  // the record's JSON key
    Localized label;
    FieldType type = FieldType::Text;
    int list = -1;       // index into Playbook::lists for Choice fields
    int max_length = 0;  // code points; 0 = unlimited
    Localized help;      // longer explanation for the form
    WidgetHints widget;  // form only
};

enum class RuleKind {
    Optional,   // may be empty; if given, must be valid for its type
    Required,   // must be given and valid
    Fixed,      // must be exactly `value`
    Forbidden,  // must be empty
};

struct Rule {
    RuleKind kind = RuleKind::Optional;
    std::string value;           // Fixed: the expected id
    bool keep_previous = false;  // must equal the previous record's value (delivery row)
    std::string form_default;    // what the form pre-selects in a new record (never the validator)
    Localized guidance;          // the table cell's words, e.g. "projected unblock date"
    bool same_base(const Rule& other) const { return kind == other.kind && value == other.value; }
};

struct Scenario {
    std::string id;           // value of the record's `scenario` field
    Localized description;    // the table's first cell
    std::vector<Rule> rules;  // one per field (index = field index)
    Localized new_label;      // the form's "new draft" button; default "+ " and the scenario's label
    Localized new_name;       // that button's accessible name; default: new_label
};

struct Playbook {
    std::string version;  // data version, e.g. "2020-04-30"
    Localized title;
    std::vector<ValueList> lists;
    std::vector<Field> fields;       // in the scenario table's order
    std::vector<Rule> common_rules;  // one per field: rules that do not depend on the scenario
    std::vector<Scenario> scenarios;
    std::size_t blank_scenario = 0;  // index into scenarios: a new blank draft's (form only)
    int scenario_field = -1;         // index of `scenario` in fields
    int updated_at_field = -1;       // index of `updated_at`
    int workload_field = -1, customer_field = -1, id_field = -1;
    int engagement_field = -1;                 // field carrying the previous-value rule
    std::vector<int> warn_before_updated;      // date fields warned when before updated_at
    int order_first = -1, order_second = -1;   // date_order: first must not be after second
    int l2_fit_field = -1, l2_fit_notes = -1;  // l2_fit: the L2 field, warned when the notes point elsewhere
    NoteGuidance note_guidance;                // note_quality's word lists ($.note_guidance)

    std::vector<bool> dependent;         // per field: its rule differs between scenarios
    std::vector<signed char> key_slots;  // field_index's hash table (see playbook.cpp)

    void index_fields();                                  // fills the two above; after loading
    int field_index(std::string_view key) const;          // -1 when unknown
    const Scenario* scenario(std::string_view id) const;  // nullptr when unknown
    const ValueList* list_of(int field) const;            // nullptr unless Choice
    const Scenario& blank_draft_scenario() const { return scenarios[blank_scenario]; }
    bool depends_on_scenario(int field) const { return dependent[static_cast<std::size_t>(field)]; }
};

struct PlaybookResult {
    std::shared_ptr<const Playbook> playbook;  // null on error
    std::string error;                         // English, names the path in the data
};

PlaybookResult load_playbook(std::string_view json_text);  // parse and check the data file
std::shared_ptr<const Playbook> builtin_playbook();        // the data built into this binary
std::string_view builtin_playbook_text();                  // its source text

}  // namespace ftblock
