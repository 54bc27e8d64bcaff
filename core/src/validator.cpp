// The validator interprets the playbook data; it knows no scenario, list or fixed value by name.
#include "ftblock/validator.h"

#include "ftblock/suggest.h"

#include "utf8_scan.h"
#include "validator_messages.h"

namespace ftblock {

using detail::MessageContext;

std::optional<Date> record_day(const Playbook& playbook, const Record& record, Date today) {
    const FieldValue& v = record[playbook.updated_at_field];
    if (v.state == ValueState::WrongType) return std::nullopt;
    if (!v.is_string() || is_blank(v.text)) return today;
    return parse_date(v.text);
}

namespace {

class Checker {
public:
    Checker(const Playbook& pb, const Record& rec, const ValidationContext& ctx, Diagnostics& out)
        : pb_(pb), rec_(rec), ctx_(ctx), out_(out), field_ok_(pb.fields.size(), false) {}

    void run() {
        const FieldValue& s = rec_[pb_.scenario_field];
        scenario_ = s.is_string() ? pb_.scenario(s.text) : nullptr;
        for (std::size_t f = 0; f < pb_.fields.size(); ++f) field(static_cast<int>(f));
        for (const std::string& key : rec_.unknown_keys)
            add("", Code::UnknownField, detail::msg_unknown_field(pb_, ctx_.lang, key), key);
        for (const std::string& key : rec_.duplicate_keys)
            add("", Code::DuplicateKey, detail::msg_duplicate_key(ctx_.lang, key), key);
        warnings();
    }

private:
    void add(std::string_view, Code code, std::string message, const std::string& field) {
        out_.push_back(Diagnostic{field, code, code_severity(code), std::move(message)});
    }
    void add(int f, Code code, std::string message) {
        out_.push_back(
            Diagnostic{pb_.fields[static_cast<std::size_t>(f)].key, code, code_severity(code), std::move(message)});
    }

    MessageContext context(int f, bool names_scenario) const {
        return MessageContext{pb_, ctx_.lang, names_scenario ? scenario_ : nullptr, f};
    }

    void field(int f) {
        const Field& field = pb_.fields[static_cast<std::size_t>(f)];
        const FieldValue& v = rec_[f];
        if (v.state == ValueState::WrongType) {
            add(f, Code::WrongType, detail::msg_wrong_type(context(f, false)));
            return;
        }
        bool empty = v.state != ValueState::String;
        if (v.is_string()) {
            const detail::TextFacts facts = detail::measure_text(v.text);
            if (facts.control_at) {
                add(f, Code::ControlChar, detail::msg_control_char(context(f, false), facts.control, facts.control_at));
                return;
            }
            if (field.max_length > 0 && facts.code_points > static_cast<std::size_t>(field.max_length)) {
                add(f, Code::TooLong, detail::msg_too_long(context(f, false), facts.code_points));
                return;
            }
            empty = facts.blank;
        }
        // The rule: this scenario's, or — with no known scenario — the one every scenario shares.
        const bool dependent = pb_.depends_on_scenario(f);
        if (!scenario_ && dependent) return;
        const Scenario& sc = scenario_ ? *scenario_ : pb_.scenarios.front();
        const Rule& rule = sc.rules[static_cast<std::size_t>(f)];
        MessageContext mc = context(f, dependent);
        switch (rule.kind) {
            case RuleKind::Fixed:
                if (empty) return add(f, Code::Required, detail::msg_required(mc, rule));
                if (v.text != rule.value) return add(f, Code::FixedValue, detail::msg_fixed_value(mc, rule, v.text));
                break;
            case RuleKind::Forbidden:
                if (!empty) return add(f, Code::NotAllowed, detail::msg_not_allowed(mc, rule, v.text));
                break;
            case RuleKind::Required:
                if (empty) return add(f, Code::Required, detail::msg_required(mc, rule));
                if (!value_fits(f, v.text)) return;
                break;
            case RuleKind::Optional:
                if (!empty && !value_fits(f, v.text)) return;
                break;
        }
        field_ok_[static_cast<std::size_t>(f)] = true;
        if (rule.keep_previous && scenario_ && ctx_.previous && !empty) previous(f, v.text, context(f, true));
    }

    bool value_fits(int f, const std::string& text) {
        const Field& field = pb_.fields[static_cast<std::size_t>(f)];
        if (field.type == FieldType::Choice) {
            if (!pb_.list_of(f)->find(text)) {
                add(f, Code::NotInList, detail::msg_not_in_list(context(f, false), text));
                return false;
            }
        } else if (field.type == FieldType::Date) {
            if (!parse_date(text)) {
                add(f, Code::BadDate, detail::msg_bad_date(context(f, false), text));
                return false;
            }
        }
        return true;
    }

    void previous(int f, const std::string& value, const MessageContext& mc) {
        std::optional<Date> day = record_day(pb_, rec_, ctx_.today);
        if (!day) return;
        const PreviousIndex::Entry* prev = ctx_.previous->find(rec_, *day);
        if (!prev || prev->value == value) return;
        field_ok_[static_cast<std::size_t>(f)] = false;
        add(f, Code::ChangedFromPrevious,
            detail::msg_changed_from_previous(mc, value, prev->value, format_date(prev->updated_at), prev->id));
    }

    // A valid, non-empty date of field f, or nullopt.
    std::optional<Date> good_date(int f) const {
        if (f < 0 || !field_ok_[static_cast<std::size_t>(f)]) return std::nullopt;
        const FieldValue& v = rec_[f];
        if (!v.is_string() || is_blank(v.text)) return std::nullopt;
        return parse_date(v.text);
    }

    void warnings() {
        std::optional<Date> day;
        if (field_ok_[static_cast<std::size_t>(pb_.updated_at_field)]) day = record_day(pb_, rec_, ctx_.today);
        if (day) {
            for (int f : pb_.warn_before_updated) {
                std::optional<Date> d = good_date(f);
                if (d && *d < *day)
                    add(f, Code::DateInPast,
                        detail::msg_date_in_past(context(f, false), rec_[f].text, format_date(*day)));
            }
        }
        std::optional<Date> first = good_date(pb_.order_first), second = good_date(pb_.order_second);
        if (first && second && *second < *first)
            add(pb_.order_first, Code::DateOrder,
                detail::msg_date_order(context(pb_.order_first, false), pb_.order_second, rec_[pb_.order_first].text,
                                       rec_[pb_.order_second].text));
        hints();
    }

    // l2_fit and note_quality: from the host's cache when it has one and has seen these notes.
    void hints() {
        if (!ctx_.hints) {
            l2_fit();
            note_quality();
            return;
        }
        std::string key;
        const int l2 = pb_.l2_fit_field, notes = pb_.note_guidance.field;
        for (int f : {l2, pb_.l2_fit_notes, notes}) {
            const bool ok = f >= 0 && field_ok_[static_cast<std::size_t>(f)];
            key += ok ? '1' : '0';
            if (ok) key.append(rec_[f].text).push_back('\x1f');
        }
        key += ctx_.lang == Lang::ZhCN ? 'z' : 'e';
        if (const Diagnostics* cached = ctx_.hints->find(key)) {
            out_.insert(out_.end(), cached->begin(), cached->end());
            return;
        }
        const std::size_t from = out_.size();
        l2_fit();
        note_quality();
        ctx_.hints->put(std::move(key), Diagnostics(out_.begin() + static_cast<std::ptrdiff_t>(from), out_.end()));
    }

    // Only with a valid L2 and notes; the evidence words only for a warning (docs/suggest.md#the-l2_fit-warning).
    void l2_fit() {
        const int l2 = pb_.l2_fit_field, notes = pb_.l2_fit_notes;
        if (l2 < 0 || notes < 0 || !field_ok_[static_cast<std::size_t>(l2)] ||
            !field_ok_[static_cast<std::size_t>(notes)])
            return;
        const FieldValue &chosen = rec_[l2], &note = rec_[notes];
        if (!chosen.is_string() || !note.is_string() || is_blank(chosen.text) || is_blank(note.text)) return;
        const std::shared_ptr<const L2Model> model = builtin_l2_model();
        if (!model) return;
        if (!confidently_other(*model, std::string_view(note.text), chosen.text)) return;
        add(l2, Code::L2Fit, detail::msg_l2_fit(context(l2, false), chosen.text, suggest_l2(*model, note.text)));
    }

    // The playbook's note guidance, on a notes field that passed every check and is not blank.
    void note_quality() {
        const NoteGuidance& guidance = pb_.note_guidance;
        if (guidance.field < 0 || !field_ok_[static_cast<std::size_t>(guidance.field)]) return;
        const FieldValue& v = rec_[guidance.field];
        if (!v.is_string() || is_blank(v.text)) return;
        for (const NoteFinding& finding : assess_note(guidance, v.text))
            add(guidance.field, Code::NoteQuality, detail::msg_note_quality(ctx_.lang, finding));
    }

    const Playbook& pb_;
    const Record& rec_;
    const ValidationContext& ctx_;
    Diagnostics& out_;
    const Scenario* scenario_ = nullptr;
    std::vector<bool> field_ok_;  // passed every check (so warnings may look at it)
};

}  // namespace

const Diagnostics* HintCache::find(const std::string& key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
}

void HintCache::put(std::string key, Diagnostics hints) {
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.emplace(std::move(key), std::move(hints));
}

void validate(const Playbook& playbook, const Record& record, const ValidationContext& context, Diagnostics& out) {
    if (record.has_problem) {
        // In the language asked for, whatever the reader's was.
        const RecordProblem& p = record.problem;
        out.push_back(
            Diagnostic{"", p.code, code_severity(p.code), p.what.empty() ? p.detail : p.what.in(context.lang)});
        return;
    }
    Checker(playbook, record, context, out).run();
}

Diagnostics validate(const Playbook& playbook, const Record& record, const ValidationContext& context) {
    Diagnostics out;
    validate(playbook, record, context, out);
    return out;
}

}  // namespace ftblock
