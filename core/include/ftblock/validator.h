// ftblock/validator.h — judges one record against the playbook (docs/rules.md, docs/diagnostics.md): every diagnostic
// at once, one error per field in the order wrong_type, control_char, too_long, scenario rule,
// changed_from_previous, warnings on top. Pure: today's date and earlier records come in.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "ftblock/date.h"
#include "ftblock/diagnostic.h"
#include "ftblock/playbook.h"
#include "ftblock/record.h"

namespace ftblock {

// Earlier records of each entitlement (same workload, same customer after trimming,
// case-insensitive), for the delivery row's "previous value" rule (docs/diagnostics.md, changed_from_previous).
class PreviousIndex {
public:
    struct Entry {
        Date updated_at;          // the record's day (empty updated_at = today at add time)
        std::uint64_t order = 0;  // input order: later wins among equal days
        std::string value;        // its engagement scenario (always in the list)
        std::string id;           // its id, for the message ("" when none)
    };

    explicit PreviousIndex(const Playbook& playbook) : playbook_(&playbook) {}
    bool add(const Record& record, Date today);                      // false when it is not a candidate
    const Entry* find(const Record& record, Date record_day) const;  // latest with updated_at <= record_day
    std::size_t size() const { return size_; }

private:
    std::string key_of(const Record& record) const;  // "" when workload/customer empty
    const Playbook* playbook_;
    std::unordered_map<std::string, std::vector<Entry>> entries_;  // sorted by (updated_at, order)
    std::uint64_t next_order_ = 0;
    std::size_t size_ = 0;
};

// The notes hints (l2_fit, note_quality) of recent notes, for a host that checks the same record
// again and again (the form, on every keystroke): they depend only on the notes, the L2, whether
// both passed their checks, and the language, so a keystroke in another field costs nothing for
// them. Bounded: emptied when it holds `capacity` entries. Not thread-safe; one per host.
class HintCache {
public:
    explicit HintCache(std::size_t capacity = 256) : capacity_(capacity) {}
    const Diagnostics* find(const std::string& key) const;
    void put(std::string key, Diagnostics hints);
    std::size_t size() const { return entries_.size(); }

private:
    std::size_t capacity_;
    std::unordered_map<std::string, Diagnostics> entries_;
};

struct ValidationContext {
    Lang lang = Lang::En;
    Date today;                               // what an empty updated_at means
    const PreviousIndex* previous = nullptr;  // earlier state; may be null
    HintCache* hints = nullptr;               // may be null: the hints are computed every time
};

void validate(const Playbook& playbook, const Record& record, const ValidationContext& context,
              Diagnostics& out);  // appends to out
Diagnostics validate(const Playbook& playbook, const Record& record, const ValidationContext& context);

// The record's day: its updated_at, or today when empty; nullopt when updated_at is malformed.
std::optional<Date> record_day(const Playbook& playbook, const Record& record, Date today);

}  // namespace ftblock
