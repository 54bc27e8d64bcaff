// The one pipeline (ftblock/check.h): reading exactly one record, the earlier state, and a run
// of inputs through reader → validator → report.
#include "ftblock/check.h"

#include <utility>

namespace ftblock {

namespace {

class FirstRecord final : public RecordSink {  // keeps the first record the reader delivers
public:
    void on_record(std::size_t, std::uint64_t, Record& record) override {
        if (count_++ == 0) std::swap(record_, record);
    }
    Record& record() { return record_; }

private:
    Record record_;
    std::size_t count_ = 0;
};

// Line and column (1-based, code points) of the first byte that is not a BOM or JSON white
// space; `at` gets its offset (text.size() when there is none).
FileError first_significant(std::string_view text, std::size_t& at) {
    std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    FileError e{1, 1, {}, {}};
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++e.line;
            e.column = 1;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            ++e.column;
        } else {
            break;
        }
    }
    at = i;
    return e;
}

FileError error_at(FileError where, Message what, Lang lang) {
    where.message = what.in(lang);
    where.what = std::move(what);
    return where;
}

}  // namespace

bool read_one_record(const Playbook& playbook, std::string_view json, Lang lang, Record& out, FileError& error) {
    std::size_t at = 0;
    const FileError start = first_significant(json, at);
    if (at == json.size()) {
        error = error_at(start, Message(Msg::OneRecordNothing), lang);
        return false;
    }
    if (json[at] == '[') {
        error = error_at(start, Message(Msg::OneRecordArray), lang);
        return false;
    }
    FirstRecord sink;
    std::unique_ptr<RecordReader> reader = make_reader(InputFormat::Json, playbook, lang, sink);
    reader->feed(json);
    reader->finish();
    if (reader->failed()) {
        error = reader->error();
        if (error.what.id == Msg::NotArrayOrObject)  // a string, number, literal, …
            error = error_at(error, Message(Msg::OneRecordScalar), lang);
        return false;
    }
    Record& record = sink.record();
    if (reader->count() != 1 || record.has_problem) {  // only too_large gets here: '{' starts an object
        error = error_at(start, record.problem.what, lang);
        return false;
    }
    std::swap(out, record);
    return true;
}

// ---------------------------------------------------------------------------------------------
class PreviousRecords::Loader final : public RecordSink {  // every record of one file
public:
    Loader(PreviousIndex& index, Date today) : index_(index), today_(today) {}
    void on_record(std::size_t, std::uint64_t, Record& record) override { index_.add(record, today_); }
    std::unique_ptr<RecordReader> reader;

private:
    PreviousIndex& index_;
    Date today_;
};

PreviousRecords::PreviousRecords(const Playbook& playbook, Date today)
    : playbook_(playbook), index_(playbook), today_(today) {}

PreviousRecords::~PreviousRecords() = default;

void PreviousRecords::begin_file(InputFormat format, Lang lang) {
    loader_ = std::make_unique<Loader>(index_, today_);
    loader_->reader = make_reader(format, playbook_, lang, *loader_);
}

void PreviousRecords::feed(std::string_view bytes) {
    if (loader_ && !loader_->reader->failed()) loader_->reader->feed(bytes);
}

bool PreviousRecords::failed() const { return loader_ && loader_->reader->failed(); }

const FileError* PreviousRecords::end_file() {
    if (!loader_) return nullptr;
    loader_->reader->finish();
    return loader_->reader->failed() ? &loader_->reader->error() : nullptr;  // kept until the next file
}

bool PreviousRecords::add_record(std::string_view json, Lang lang, FileError& error) {
    Record record;
    if (!read_one_record(playbook_, json, lang, record, error)) return false;
    index_.add(record, today_);
    return true;
}

// ---------------------------------------------------------------------------------------------
PartCheck::PartCheck(const Playbook& playbook, ReportFormat format, const ValidationContext& context,
                     std::string file_name, const InputPiece& piece)
    : playbook_(playbook),
      context_(context),
      file_name_(std::move(file_name)),
      records_(format, context.lang),
      base_(piece.first ? 0 : piece.start.index),
      reader_(piece.first ? make_reader(piece.format, playbook, context.lang, *this)
                          : make_reader_at(piece.format, playbook, context.lang, *this, piece.start)) {}

void PartCheck::on_record(std::size_t index, std::uint64_t line, Record& record) {  // as CheckedInput's
    diagnostics_.clear();
    validate(playbook_, record, context_, diagnostics_);
    const FieldValue& id = record[playbook_.id_field];
    records_.add_record(file_name_, index, line, (!record.has_problem && id.is_string()) ? &id.text : nullptr,
                        diagnostics_);
}

// ---------------------------------------------------------------------------------------------
CheckRun::CheckRun(const Playbook& playbook, ReportFormat format, Lang lang, Date today,
                   std::unique_ptr<PreviousRecords> previous)
    : playbook_(playbook),
      report_(format, lang),
      previous_(previous ? std::move(previous) : std::make_unique<PreviousRecords>(playbook, today)),
      context_{lang, today, &previous_->index()} {
    report_.begin();
}

CheckRun::~CheckRun() = default;

void CheckRun::begin_input(std::string name, InputFormat format) {
    end_input();
    if (format == InputFormat::Auto) format = format_from_file_name(name);
    input_ = std::make_unique<CheckedInput>(report_, playbook_, context_, std::move(name), format);
}

void CheckRun::feed(std::string_view bytes) {
    if (input_) input_->feed(bytes);
}

void CheckRun::fail_input(std::string_view reason) {
    if (!input_) return;
    input_->fail(FileError{0, 0, Message(Msg::CannotRead, {std::string(reason)}),
                           say(context_.lang, Msg::CannotRead, {reason})});
    end_input();
}

const FileError* CheckRun::end_input() {
    if (!input_) return last_failed_ ? &last_error_ : nullptr;
    input_->finish();
    last_failed_ = input_->file_error() != nullptr;
    if (last_failed_) last_error_ = *input_->file_error();
    input_.reset();
    return last_failed_ ? &last_error_ : nullptr;
}

void CheckRun::finish() {
    if (finished_) return;
    finished_ = true;
    end_input();
    report_.end();
}

InputFormat CheckRun::input_format(std::string_view name, InputFormat format) const {
    return format == InputFormat::Auto ? format_from_file_name(name) : format;
}

std::unique_ptr<PartCheck> CheckRun::part(const std::string& name, const InputPiece& piece) const {
    return std::make_unique<PartCheck>(playbook_, report_.format(), context_, name, piece);
}

void CheckRun::take_part(PartCheck& part) {
    end_input();
    report_.take_records(part.records());
}

const FileError* CheckRun::end_parts(std::string_view name, std::size_t count, const FileError* error,
                                     std::string_view read_error) {
    end_input();
    last_failed_ = error != nullptr || !read_error.empty();
    if (!read_error.empty())
        last_error_ = FileError{0, 0, Message(Msg::CannotRead, {std::string(read_error)}),
                                say(context_.lang, Msg::CannotRead, {read_error})};
    else if (error)
        last_error_ = *error;
    report_.add_file(name, count, last_failed_ ? &last_error_ : nullptr);
    return last_failed_ ? &last_error_ : nullptr;
}

std::string CheckRun::summary_json() const {
    std::string out;
    append_summary_json(out, report_.summary());
    return out;
}

}  // namespace ftblock
