// web/drafts.h — the drafts a partner works on in the form: records with a stable uid and a
// creation order, the one being edited, which fields were touched, and everything that can
// happen to them without drawing anything (validation with the other drafts as previous
// records, scenario switches with undo, import, export, the stored form). Core + nlohmann only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ftblock/playbook.h"
#include "ftblock/record.h"
#include "ftblock/validator.h"

namespace ftblock::web {

struct Draft {
    std::uint64_t uid = 0;      // stable identity (storage, the page's JS handle)
    std::uint64_t created = 0;  // creation order: ties on updated_at go to the older draft
    Record record;
    std::vector<bool> touched;  // per field: the user has been in it (errors show from then on)
};

struct ScenarioChange {  // what switching the scenario did, to show it and undo it
    int field;
    std::string before, after;  // "" = empty
};

struct ImportResult {
    std::size_t added = 0;
    std::size_t duplicates = 0;  // already present with the same content: not added again
    bool failed = false;         // nothing was added
    std::string message;         // in the user's language
};

class Drafts {
public:
    explicit Drafts(const Playbook& playbook);

    const Playbook& playbook() const { return *playbook_; }
    std::size_t size() const { return drafts_.size(); }
    const Draft& at(std::size_t i) const { return drafts_[i]; }
    Draft& at(std::size_t i) { return drafts_[i]; }
    int find_uid(std::uint64_t uid) const;  // -1 when none

    std::size_t add_new(const std::string& scenario);  // fixed values filled; returns its index
    std::size_t duplicate(std::size_t i);
    void remove(std::size_t i);

    // Edits: the text of one field (the form only writes strings; "" = empty).
    void set(std::size_t i, int field, const std::string& text);
    std::string text(std::size_t i, int field) const;  // "" for absent/null; wrong types shown as ""

    // Switching the scenario fills its fixed values and empties its forbidden fields.
    std::vector<ScenarioChange> preview_scenario(std::size_t i, const std::string& scenario) const;
    std::vector<ScenarioChange> switch_scenario(std::size_t i, const std::string& scenario);
    void undo(std::size_t i, const std::vector<ScenarioChange>& changes);

    // The previous record of draft i (SPEC §2, form): among the other drafts ordered by
    // (updated_at, creation), the latest before it of the same entitlement.
    std::optional<std::string> previous_value(std::size_t i, Date today) const;
    Diagnostics validate(std::size_t i, Lang lang, Date today) const;
    bool valid(std::size_t i, Date today) const;

    ImportResult import(const std::string& file_name, const std::string& bytes, Lang lang);
    // Embedding: draft i becomes the record in `json` (exactly one JSON object). "" or why not,
    // with line and column (in `lang`); nothing changes then.
    std::string replace(std::size_t i, const std::string& json, Lang lang);
    // Embedding: earlier records (a JSON array of objects) that count as previous records of
    // every draft, before the drafts themselves. "" or why not; nothing changes then.
    std::string set_previous(const std::string& json, Lang lang);
    std::string export_json(std::size_t i) const;  // one record, pretty enough to read
    std::string export_csv(std::size_t i) const;   // BOM, header, one row
    std::string backup_json() const;               // every draft, valid or not (a JSON array)

    std::string to_storage() const;  // the stored form (versioned)
    // Replaces the drafts with the stored ones; false (and nothing changed) when `text` cannot
    // be read or is a format this version does not know.
    bool from_storage(const std::string& text, std::string& error);

private:
    PreviousIndex previous_index_for(std::size_t i, Date today) const;
    bool read_storage(const std::string& text, std::string& error);
    const Playbook* playbook_;
    std::vector<Draft> drafts_;
    std::vector<Record> previous_;  // from the page (set_previous)
    std::uint64_t next_uid_ = 1;
};

}  // namespace ftblock::web
