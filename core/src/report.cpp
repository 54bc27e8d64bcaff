#include "ftblock/report.h"

#include "ftblock/messages.h"
#include "ftblock/writer.h"

namespace ftblock {

namespace {

void append_uint(std::string& out, std::uint64_t v) { out += std::to_string(v); }

}  // namespace

void append_file_error_json(std::string& out, const FileError& error) {
    out += "{\"line\": ";
    if (error.line)
        append_uint(out, error.line);
    else
        out += "null";
    out += ", \"column\": ";
    if (error.line)
        append_uint(out, error.column);
    else
        out += "null";
    out += ", \"message\": ";
    append_json_string(out, error.message);
    out += '}';
}

void append_summary_json(std::string& out, const Summary& s) {
    auto field = [&out](const char* name, std::size_t v, const char* after) {
        out += '"';
        out += name;
        out += "\": ";
        append_uint(out, v);
        out += after;
    };
    out += '{';
    field("files", s.files, ", ");
    field("file_errors", s.file_errors, ", ");
    field("records", s.records, ", ");
    field("valid", s.valid, ", ");
    field("invalid", s.invalid, ", ");
    field("errors", s.errors, ", ");
    field("warnings", s.warnings, "}");
}

void Report::begin() {
    if (format_ == ReportFormat::Json) out_ += "{\"records\": [";
}

void Report::begin_piece() {
    piece_ = true;
    first_record_ = false;  // the joining Report decides the first record's separator
}

bool Report::join_piece(const Summary& records) {
    summary_.records += records.records;
    summary_.valid += records.valid;
    summary_.invalid += records.invalid;
    summary_.errors += records.errors;
    summary_.warnings += records.warnings;
    if (format_ != ReportFormat::Json || !first_record_ || records.records == 0) return false;
    first_record_ = false;
    return true;
}

void Report::add_record(std::string_view file, std::size_t index, std::uint64_t line, const std::string* id,
                        const Diagnostics& diagnostics) {
    ++summary_.records;
    std::size_t errors = 0, warnings = 0;
    for (const Diagnostic& d : diagnostics) (d.severity == Severity::Error ? errors : warnings)++;
    summary_.errors += errors;
    summary_.warnings += warnings;
    (errors ? summary_.invalid : summary_.valid)++;

    if (format_ == ReportFormat::Json) {
        out_ += first_record_ ? "\n" : ",\n";
        first_record_ = false;
        out_ += "{\"file\": ";
        append_json_string(out_, file);
        out_ += ", \"index\": ";
        append_uint(out_, index);
        out_ += ", \"line\": ";
        append_uint(out_, line);
        out_ += ", \"id\": ";
        if (id)
            append_json_string(out_, *id);
        else
            out_ += "null";
        out_ += errors ? ", \"valid\": false, \"diagnostics\": " : ", \"valid\": true, \"diagnostics\": ";
        append_diagnostics_json(out_, diagnostics);
        out_ += '}';
        return;
    }
    for (const Diagnostic& d : diagnostics) {
        out_.append(file.data(), file.size());
        out_ += ':';
        append_uint(out_, line);
        out_ += ": ";
        out_ += severity_name(d.severity);
        out_ += ": ";
        if (!d.field.empty()) {
            out_ += d.field;
            out_ += ": ";
        }
        out_ += d.message;
        out_ += " [";
        out_ += code_name(d.code);
        out_ += "]\n";
    }
}

void Report::add_file(std::string_view file, std::size_t count, const FileError* error) {
    if (piece_) return;  // the joining Report lists the file
    ++summary_.files;
    if (error) ++summary_.file_errors;
    files_.push_back(FileEntry{std::string(file), count, error != nullptr, error ? *error : FileError{}});
    if (format_ == ReportFormat::Text && error) {
        out_.append(file.data(), file.size());
        if (error->line) {
            out_ += ':';
            append_uint(out_, error->line);
            out_ += ':';
            append_uint(out_, error->column);
        }
        out_ += ": error: ";  // like compilers: machine-readable in every language
        out_ += error->message;
        out_ += '\n';
    }
}

void Report::end() {
    const Summary& s = summary_;
    if (format_ == ReportFormat::Json) {
        out_ += first_record_ ? "],\n\"files\": [" : "\n],\n\"files\": [";
        for (std::size_t i = 0; i < files_.size(); ++i) {
            const FileEntry& f = files_[i];
            out_ += i ? ",\n" : "\n";
            out_ += "{\"file\": ";
            append_json_string(out_, f.name);
            out_ += ", \"count\": ";
            append_uint(out_, f.count);
            out_ += ", \"error\": ";
            if (!f.has_error) {
                out_ += "null}";
                continue;
            }
            append_file_error_json(out_, f.error);
            out_ += '}';
        }
        out_ += files_.empty() ? "],\n" : "\n],\n";
        out_ += "\"summary\": ";
        append_summary_json(out_, s);
        out_ += "}\n";
        return;
    }
    auto n = [](std::size_t v) { return std::to_string(v); };
    out_ += say(lang_, Msg::ReportSummary,
                {n(s.records), n(s.files), n(s.valid), n(s.invalid), n(s.errors), n(s.warnings), n(s.file_errors)});
    out_ += '\n';
}

void Report::take_records(Report& part) {
    if (part.summary_.records == 0) return;
    // The part wrote its first record as a report's first ("\n{…}"): here it may follow others.
    if (format_ == ReportFormat::Json && !part.first_taken_ && !first_record_) out_ += ',';
    part.first_taken_ = true;
    first_record_ = false;
    out_ += part.out_;
    part.out_.clear();
    Summary& s = summary_;
    const Summary& p = part.summary_;
    s.records += p.records;
    s.valid += p.valid;
    s.invalid += p.invalid;
    s.errors += p.errors;
    s.warnings += p.warnings;
    part.summary_ = Summary{};
}

int Report::exit_code() const {
    if (summary_.file_errors) return 2;
    return summary_.invalid ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
CheckedInput::CheckedInput(Report& report, const Playbook& playbook, const ValidationContext& context,
                           std::string file_name, InputFormat format)
    : report_(report),
      playbook_(playbook),
      context_(context),
      file_name_(std::move(file_name)),
      reader_(make_reader(format, playbook, context.lang, *this)) {}

CheckedInput::CheckedInput(Report& report, const Playbook& playbook, const ValidationContext& context,
                           std::string file_name, InputFormat format, const ReaderStart& start)
    : report_(report),
      playbook_(playbook),
      context_(context),
      file_name_(std::move(file_name)),
      reader_(make_reader_at(format, playbook, context.lang, *this, start)) {}

void CheckedInput::on_record(std::size_t index, std::uint64_t line, Record& record) {
    diagnostics_.clear();
    validate(playbook_, record, context_, diagnostics_);
    const FieldValue& id = record[playbook_.id_field];
    report_.add_record(file_name_, index, line, (!record.has_problem && id.is_string()) ? &id.text : nullptr,
                       diagnostics_);
}

void CheckedInput::finish() {
    if (done_) return;
    done_ = true;
    reader_->finish();
    if (reader_->failed()) {
        failed_ = true;
        error_ = reader_->error();
    }
    report_.add_file(file_name_, reader_->count(), failed_ ? &error_ : nullptr);
}

void CheckedInput::fail(FileError error) {
    if (done_) return;
    done_ = true;
    failed_ = true;
    error_ = std::move(error);
    report_.add_file(file_name_, reader_->count(), &error_);
}

}  // namespace ftblock
