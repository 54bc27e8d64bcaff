#include <algorithm>

#include "ftblock/validator.h"

namespace ftblock {

std::string PreviousIndex::key_of(const Record& record) const {
    const FieldValue& workload = record[playbook_->workload_field];
    const FieldValue& customer = record[playbook_->customer_field];
    if (!workload.is_string() || !customer.is_string()) return {};
    std::string_view name = trim_white_space(customer.text);
    if (workload.text.empty() || name.empty()) return {};
    std::string key = workload.text;
    key += '\x1f';
    key += fold_case(name);
    return key;
}

bool PreviousIndex::add(const Record& record, Date today) {
    if (record.has_problem || playbook_->engagement_field < 0) return false;
    const FieldValue& value = record[playbook_->engagement_field];
    const ValueList* list = playbook_->list_of(playbook_->engagement_field);
    if (!value.is_string() || !list || !list->find(value.text)) return false;
    std::optional<Date> day = record_day(*playbook_, record, today);
    if (!day) return false;
    std::string key = key_of(record);
    if (key.empty()) return false;
    const FieldValue& id = record[playbook_->id_field];
    Entry entry{*day, next_order_++, value.text, id.is_string() ? id.text : std::string()};
    std::vector<Entry>& list_of_key = entries_[key];
    auto at = std::upper_bound(list_of_key.begin(), list_of_key.end(), entry.updated_at,
                               [](Date d, const Entry& e) { return d < e.updated_at; });
    list_of_key.insert(at, std::move(entry));
    ++size_;
    return true;
}

const PreviousIndex::Entry* PreviousIndex::find(const Record& record, Date record_day) const {
    if (size_ == 0) return nullptr;  // the common case without --previous: no key to build
    std::string key = key_of(record);
    if (key.empty()) return nullptr;
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    const std::vector<Entry>& list = it->second;
    auto at =
        std::upper_bound(list.begin(), list.end(), record_day, [](Date d, const Entry& e) { return d < e.updated_at; });
    if (at == list.begin()) return nullptr;
    return &*(at - 1);
}

}  // namespace ftblock
