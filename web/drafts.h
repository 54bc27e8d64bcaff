// web/drafts.h — the drafts a partner works on in the form: records with a stable uid and a
// creation order, which fields were touched, and everything that can happen to them without
// drawing anything (validation with the other drafts as previous records, scenario switches
// with undo, import, export, the stored form). Core + nlohmann only.
//
// Incremental: a change re-checks only what it can affect — the edited draft, and the drafts of
// the same entitlement (old and new key) that come after it, whose previous record it may be or
// have been. One previous-value index is kept up to date, never rebuilt; verdicts (error counts)
// are cached per draft and refreshed by refresh(). Nothing here grows with the number of drafts
// per keystroke except the group of one entitlement.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ftblock/playbook.h"
#include "ftblock/reader.h"
#include "ftblock/record.h"
#include "ftblock/validator.h"

namespace ftblock::web {

struct Draft {
    std::uint64_t uid = 0;      // stable identity (storage, the page's JS handle)
    std::uint64_t created = 0;  // creation order: ties on updated_at go to the older draft
    Record record;
    std::vector<bool> touched;  // per field: the user has been in it (errors show from then on)
    // Created in the form: a delivery's engagement scenario follows its previous record (the previous-value rule).
    // Imported, restored or set by the page: never rewritten; a difference is shown instead.
    bool follow_previous = false;
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

struct RemovedDraft {  // what remove_many took away, to put it back (undo)
    std::size_t index;
    Draft draft;
};

// One import, fed in chunks: read (parse as it comes), then add in slices. All or nothing: a
// broken file adds nothing; cancel() before the end takes back what was added.
class ImportJob {
public:
    ImportJob(const Playbook& playbook, const std::string& file_name, std::uint64_t size, Lang lang);
    bool feed(const char* data, std::size_t size);  // false: the file is broken (stop reading)
    bool finish();                                  // false: broken; message() says where
    bool failed() const { return failed_; }
    const std::string& message() const { return message_; }
    const std::string& file_name() const { return file_name_; }
    std::uint64_t bytes_read() const { return read_; }
    std::uint64_t size() const { return size_; }
    std::vector<Record>& records() { return records_; }

private:
    class Sink : public RecordSink {
    public:
        explicit Sink(ImportJob& job) : job_(job) {}
        void on_record(std::size_t, std::uint64_t line, Record& record) override;

    private:
        ImportJob& job_;
    };
    void broken_record(std::uint64_t line, const std::string& detail);
    const Playbook* playbook_;
    std::string file_name_;
    std::uint64_t size_, read_ = 0;
    Lang lang_;
    Sink sink_;
    std::unique_ptr<RecordReader> reader_;
    std::vector<Record> records_;
    bool failed_ = false;
    std::string message_;
};

class Drafts {
public:
    explicit Drafts(const Playbook& playbook);

    const Playbook& playbook() const { return *playbook_; }
    std::size_t size() const { return drafts_.size(); }
    const Draft& at(std::size_t i) const { return drafts_[i]; }
    int find_uid(std::uint64_t uid) const;  // -1 when none

    // An empty updated_at means `today`; a new day re-checks every draft.
    void set_today(Date today);
    Date today() const { return today_; }

    std::size_t add_new(const std::string& scenario);  // fixed values filled; returns its index
    std::size_t duplicate(std::size_t i);
    void remove(std::size_t i);
    std::vector<RemovedDraft> remove_many(std::vector<std::size_t> indices);  // any order
    void restore(std::vector<RemovedDraft> removed);                          // undoes remove_many

    // Edits: the text of one field (the form only writes strings; "" = empty).
    void set(std::size_t i, int field, const std::string& text);
    void touch(std::size_t i, int field);
    void set_follow_previous(std::size_t i, bool follow);
    std::string text(std::size_t i, int field) const;  // "" for absent/null; wrong types shown as ""

    // Switching the scenario fills its fixed values and empties its forbidden fields.
    std::vector<ScenarioChange> preview_scenario(std::size_t i, const std::string& scenario) const;
    std::vector<ScenarioChange> switch_scenario(std::size_t i, const std::string& scenario);
    void undo(std::size_t i, const std::vector<ScenarioChange>& changes);

    // The previous record of draft i (docs/rules.md#previous-record): among the other drafts ordered by
    // (updated_at, creation), the latest before it of the same entitlement — or one the page
    // gave (set_previous) of the same entitlement and no later day.
    std::optional<std::string> previous_value(std::size_t i) const;
    bool keeps_previous(std::size_t i) const;              // its scenario's engagement keeps the previous value
    Diagnostics validate(std::size_t i, Lang lang) const;  // exact now, whatever refresh() did

    // Cached verdicts: exact after refresh(), which re-checks the drafts changes marked (and
    // lets drafts that follow their previous record take its value first).
    void refresh();
    bool dirty() const { return !dirty_.empty(); }
    std::size_t errors(std::size_t i) const { return verdicts_[i].errors; }
    bool valid(std::size_t i) const { return verdicts_[i].errors == 0; }
    std::size_t valid_count() const { return valid_count_; }
    std::uint64_t verdict_version(std::size_t i) const { return verdicts_[i].version; }
    const std::string& folded_title(std::size_t i) const { return verdicts_[i].folded_title; }
    // Bumps whenever a draft is added, removed, retitled or its verdict changes (list caches).
    std::uint64_t list_version() const { return list_version_; }
    // Bumps when drafts are added, removed or all re-indexed: a filtered list starts over.
    std::uint64_t layout_version() const { return layout_version_; }
    // The drafts (uids) retitled or with another verdict since the last call (one reader: the list).
    std::vector<std::uint64_t> take_list_changes();

    // Imports: the whole file at once, or a job fed in chunks then added in slices.
    ImportResult import(const std::string& file_name, const std::string& bytes, Lang lang);
    static constexpr std::uint64_t kMaxImportBytes = 512ull << 20;
    // Adds up to `limit` records of the job (from `next`, skipping duplicates of drafts already
    // here or earlier in the file); returns the new `next`. Duplicates are found by hashing.
    std::size_t import_slice(ImportJob& job, std::size_t next, std::size_t limit, ImportResult& result);

    // Embedding: draft i becomes the record in `json` (exactly one JSON object). "" or why not,
    // with line and column (in `lang`); nothing changes then.
    std::string replace(std::size_t i, const std::string& json, Lang lang);
    // Embedding: earlier records (a JSON array of objects) that count as previous records of
    // every draft, before the drafts themselves. "" or why not; nothing changes then.
    std::string set_previous(const std::string& json, Lang lang);
    std::string export_json(std::size_t i) const;  // one record, pretty enough to read
    std::string export_csv(std::size_t i) const;   // BOM, header, one row
    std::string export_valid_json() const;         // every valid draft (a JSON array)
    std::string export_valid_csv() const;          // BOM, header, one row per valid draft
    std::string backup_json() const;               // every draft, valid or not (a JSON array)

    // Changes to store since the last call: drafts written (uids) and removed.
    struct Changes {
        std::vector<std::uint64_t> put, removed;
        bool empty() const { return put.empty() && removed.empty(); }
    };
    Changes take_changes();
    void mark_all_changed();                                 // everything is written again (a migration)
    void requeue(const Changes& changes);                    // a write that failed: written again with the next
    bool has_new_changes() const { return fresh_changes_; }  // since the last take or requeue
    void forget_stored(std::uint64_t uid);                   // a stored object no draft has (damaged): removed
    std::uint64_t next_uid() const { return next_uid_; }

    // The per-draft stored form: one JSON object per draft.
    std::string draft_json(std::size_t i) const;
    // Replaces the drafts with stored ones; what cannot be read is returned (as text, one per
    // line) in `unreadable` with their uids in `bad_uids`, never dropped silently.
    void from_store(const std::vector<std::pair<std::uint64_t, std::string>>& stored, std::uint64_t next_uid,
                    std::string& unreadable, std::vector<std::uint64_t>& bad_uids);

    std::string to_storage() const;  // the whole stored form (versioned): the localStorage fallback
    // Replaces the drafts with the stored ones; false (and nothing changed) when `text` cannot
    // be read or is a format this version does not know.
    bool from_storage(const std::string& text, std::string& error);

private:
    // Where a draft stands in the previous-value index.
    struct Pos {
        int day = 0;
        int rank = 0;  // 0: a record the page gave; 1: a draft
        std::uint64_t order = 0;
        bool operator<(const Pos& o) const {
            return day != o.day ? day < o.day : rank != o.rank ? rank < o.rank : order < o.order;
        }
    };
    struct Reg {          // a draft's registration in the index
        std::string key;  // entitlement (workload, folded customer); "" = none
        bool has_day = false;
        Pos pos;
        bool candidate = false;  // may be a previous record (a value in the list)
        std::string value, id;   // its engagement scenario and id (they appear in messages)
        bool operator==(const Reg& o) const {
            return key == o.key && has_day == o.has_day && pos.day == o.pos.day && pos.order == o.pos.order &&
                   candidate == o.candidate && value == o.value && id == o.id;
        }
    };
    struct Group {
        std::map<Pos, std::uint64_t>
            candidates;  // may be previous: a draft's uid (rank 1), a page record's index (rank 0)
        std::map<Pos, std::uint64_t> members;  // every draft of this entitlement with a day (uid)
    };
    struct Verdict {
        std::size_t errors = 0;
        bool checked = false;
        std::uint64_t version = 0;
        std::string folded_title;
        Reg reg;
    };

    Reg reg_of(const Record& record, std::uint64_t created, int rank) const;
    void enter(std::size_t i);  // into the index
    void leave(std::size_t i);
    void reindex(std::size_t i);  // after an edit: move it, mark who is affected
    void mark_after(const std::string& key, const Pos& from);
    void mark(std::size_t i);
    void changed(std::size_t i);  // to store
    void rebuild();               // everything from scratch (load, a new day, page records)
    void reindex_uids();
    void retitle(std::size_t i);
    const Record* previous_record(std::size_t i) const;
    std::size_t push(Draft d);  // appends, indexes, marks
    bool read_storage(const std::string& text, std::string& error);

    const Playbook* playbook_;
    Date today_;
    std::vector<Draft> drafts_;
    std::vector<Verdict> verdicts_;  // parallel to drafts_
    std::unordered_map<std::uint64_t, std::size_t> by_uid_;
    std::unordered_map<std::string, Group> groups_;
    std::vector<Record> previous_;                                  // from the page (set_previous)
    std::vector<std::uint64_t> dirty_;                              // uids to re-check
    std::unordered_map<std::uint64_t, bool> to_store_;              // uid → true: put, false: removed
    std::unordered_multimap<std::uint64_t, std::uint64_t> hashes_;  // during an import: content hash → uid
    bool fresh_changes_ = false;
    std::uint64_t next_uid_ = 1;
    std::size_t valid_count_ = 0;
    std::uint64_t list_version_ = 1;
    mutable HintCache hints_;  // the notes hints of recent notes: a keystroke elsewhere does not recompute them
    std::uint64_t layout_version_ = 1;
    std::vector<std::uint64_t> list_touched_;
};

}  // namespace ftblock::web
