// The core alone for JavaScript (docs/validator.md): a thin C ABI over ftblock::core for
// ftblock-validator.js. Every decision is the core's: one record goes through the JSON reader
// and the validator, a batch through CheckedInput and Report exactly as in the CLI (cli/main.cpp),
// so the report text is byte-identical. Bytes come in through buffers this file owns (JS copies
// into them: one reused buffer per batch, one for everything else); text goes out as
// (pointer, length) into a string that the next call overwrites. Handles are plain pointers.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ftblock/date.h"
#include "ftblock/playbook.h"
#include "ftblock/reader.h"
#include "ftblock/report.h"
#include "ftblock/validator.h"
#include "ftblock/writer.h"

namespace {

using namespace ftblock;

const Playbook& playbook() {
    static const std::shared_ptr<const Playbook> builtin = builtin_playbook();
    return *builtin;
}

Lang lang_of(int code) { return code == 1 ? Lang::ZhCN : Lang::En; }
Date date_of(int serial) { return Date{serial / 10000, serial / 100 % 100, serial % 100}; }  // Date::serial()

std::string g_input;   // bytes from JS for everything but batch chunks
std::string g_result;  // the last result text (JSON) for JS

void append_uint(std::string& out, std::uint64_t v) { out += std::to_string(v); }

void set_error_result(const FileError& e) {  // {"line": L, "column": C, "message": "…"}; 0 → null
    g_result = "{\"line\": ";
    if (e.line)
        append_uint(g_result, e.line);
    else
        g_result += "null";
    g_result += ", \"column\": ";
    if (e.line)
        append_uint(g_result, e.column);
    else
        g_result += "null";
    g_result += ", \"message\": ";
    append_json_string(g_result, e.message);
    g_result += '}';
}

// Line and column (1-based, code points) of the first byte that is not a BOM or JSON white
// space; `at` gets its offset (text.size() when there is none).
FileError first_significant(std::string_view text, std::size_t& at) {
    std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    FileError e{1, 1, {}};
    for (; i < text.size(); ++i) {
        char c = text[i];
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

class OneRecord final : public RecordSink {  // keeps the first record the reader delivers
public:
    void on_record(std::size_t, std::uint64_t, Record& record) override {
        if (count_++ == 0) std::swap(record_, record);
    }
    Record& record() { return record_; }

private:
    Record record_;
    std::size_t count_ = 0;
};

class NoRecords final : public RecordSink {
public:
    void on_record(std::size_t, std::uint64_t, Record&) override {}
};

// What the JSON reader says about a document that is valid JSON but neither an array nor an
// object (its words are private to the core: ask it once per language).
const std::string& scalar_document_message(Lang lang) {
    static std::string said[2];
    std::string& m = said[lang == Lang::ZhCN ? 1 : 0];
    if (m.empty()) {
        NoRecords none;
        std::unique_ptr<RecordReader> reader = make_reader(InputFormat::Json, playbook(), lang, none);
        reader->feed("0");
        reader->finish();
        m = reader->error().message;
    }
    return m;
}

// JSON text of exactly one record object → `out`; else the problem with its position, as the
// JSON reader states it (syntax, nesting, UTF-8, an object over 1 MiB) or, for JSON that is not
// one record (an array, a scalar, nothing), in this file's words.
bool read_one(std::string_view text, Lang lang, Record& out, FileError& error) {
    std::size_t at = 0;
    FileError start = first_significant(text, at);
    bool zh = lang == Lang::ZhCN;
    if (at == text.size() || text[at] == '[') {
        error = start;
        error.message = at == text.size() ? (zh ? "应为一个 JSON 对象（一条记录），但没有内容"
                                                : "expected one JSON object (one record), found nothing")
                                          : (zh ? "应为一个 JSON 对象（一条记录），而不是数组"
                                                : "expected one JSON object (one record), found an array");
        return false;
    }
    OneRecord sink;
    std::unique_ptr<RecordReader> reader = make_reader(InputFormat::Json, playbook(), lang, sink);
    reader->feed(text);
    reader->finish();
    if (reader->failed()) {
        error = reader->error();
        if (error.message == scalar_document_message(lang))  // a string, number, literal, …
            error.message = zh ? "应为一个 JSON 对象（一条记录）" : "expected one JSON object (one record)";
        return false;
    }
    Record& record = sink.record();
    if (reader->count() != 1 || record.has_problem) {  // only too_large gets here: '{' starts an object
        error = start;
        error.message = record.problem.detail;
        return false;
    }
    std::swap(out, record);
    return true;
}

class PreviousLoader final : public RecordSink {  // as the CLI's: every record of a --previous file
public:
    PreviousLoader(PreviousIndex& index, Date today) : index_(index), today_(today) {}
    void on_record(std::size_t, std::uint64_t, Record& record) override { index_.add(record, today_); }

private:
    PreviousIndex& index_;
    Date today_;
};

struct Previous {  // the earlier state (上一值) as it is being built from JS
    PreviousIndex index{playbook()};
    Date today;
};

struct Batch {  // the CLI's run() for files that arrive in chunks
    Batch(ReportFormat format, Lang lang, Date today, std::unique_ptr<Previous> earlier)
        : report(format, lang), previous(std::move(earlier)), context{lang, today, &previous->index} {}
    Report report;
    std::unique_ptr<Previous> previous;
    ValidationContext context;
    std::unique_ptr<CheckedInput> input;  // the current file
    std::string buffer;                   // the one input buffer, reused for every chunk
    bool begun = false;
};

// Every batch call starts here: JS has read the text of the previous call, so it goes; the
// report's opening comes out with the first call's text.
void next_call(Batch& b) {
    b.report.out().clear();
    if (!b.begun) {
        b.report.begin();
        b.begun = true;
    }
}

void end_input(Batch& b) {
    if (!b.input) return;
    b.input->finish();
    b.input.reset();
}

}  // namespace

extern "C" {

// A buffer of at least `size` bytes for JS to write into before the next call that reads it.
EMSCRIPTEN_KEEPALIVE char* ftb_input(std::size_t size) {
    if (g_input.size() < size) g_input.resize(size);
    return g_input.data();
}

EMSCRIPTEN_KEEPALIVE const char* ftb_result() { return g_result.data(); }
EMSCRIPTEN_KEEPALIVE std::size_t ftb_result_size() { return g_result.size(); }

// The language tag in the input buffer, as `ftblock check --lang`: 0 en, 1 zh-CN, -1 unknown.
EMSCRIPTEN_KEEPALIVE int ftb_lang(std::size_t len) {
    Lang lang;
    if (!parse_lang(std::string_view(g_input.data(), len), lang)) return -1;
    return lang == Lang::ZhCN ? 1 : 0;
}

// The YYYY-MM-DD date in the input buffer as Date::serial(), or 0 when it is not a real date.
EMSCRIPTEN_KEEPALIVE int ftb_date(std::size_t len) {
    std::optional<Date> d = parse_date(std::string_view(g_input.data(), len));
    return d ? d->serial() : 0;
}

EMSCRIPTEN_KEEPALIVE Previous* ftb_previous_new(int today) {
    auto* p = new Previous;
    p->today = date_of(today);
    return p;
}

EMSCRIPTEN_KEEPALIVE void ftb_previous_free(Previous* p) { delete p; }

// One record (JSON text in the input buffer). 0, or 1 with the error JSON in the result.
EMSCRIPTEN_KEEPALIVE int ftb_previous_add_record(Previous* p, int lang, std::size_t len) {
    Record record;
    FileError error;
    if (!read_one(std::string_view(g_input.data(), len), lang_of(lang), record, error)) {
        set_error_result(error);
        return 1;
    }
    p->index.add(record, p->today);
    return 0;
}

// A whole file's bytes (in the input buffer), format by content, as `--previous FILE` reads them.
EMSCRIPTEN_KEEPALIVE int ftb_previous_add_file(Previous* p, int lang, std::size_t len) {
    PreviousLoader loader(p->index, p->today);
    std::unique_ptr<RecordReader> reader = make_reader(InputFormat::Auto, playbook(), lang_of(lang), loader);
    reader->feed(std::string_view(g_input.data(), len));
    reader->finish();
    if (reader->failed()) {
        set_error_result(reader->error());
        return 1;
    }
    return 0;
}

// One record (JSON text in the input buffer) → result {"valid", "diagnostics"[, "error"]};
// returns the result's length. `previous` may be null.
EMSCRIPTEN_KEEPALIVE std::size_t ftb_validate(int lang, int today, const Previous* previous, std::size_t len) {
    Record record;
    FileError error;
    if (!read_one(std::string_view(g_input.data(), len), lang_of(lang), record, error)) {
        set_error_result(error);
        g_result.insert(0, "{\"valid\": false, \"diagnostics\": [], \"error\": ");
        g_result += '}';
        return g_result.size();
    }
    ValidationContext context{lang_of(lang), date_of(today), previous ? &previous->index : nullptr};
    Diagnostics diagnostics = validate(playbook(), record, context);
    g_result = has_error(diagnostics) ? "{\"valid\": false, \"diagnostics\": " : "{\"valid\": true, \"diagnostics\": ";
    append_diagnostics_json(g_result, diagnostics);
    g_result += '}';
    return g_result.size();
}

// report: 0 text, 1 json. Takes `previous` (null: none).
EMSCRIPTEN_KEEPALIVE Batch* ftb_batch_new(int report, int lang, int today, Previous* previous) {
    std::unique_ptr<Previous> earlier(previous);
    if (!earlier) earlier = std::make_unique<Previous>();
    return new Batch(report == 1 ? ReportFormat::Json : ReportFormat::Text, lang_of(lang), date_of(today),
                     std::move(earlier));
}

EMSCRIPTEN_KEEPALIVE void ftb_batch_free(Batch* b) { delete b; }

EMSCRIPTEN_KEEPALIVE char* ftb_batch_buffer(Batch* b, std::size_t size) {
    if (b->buffer.size() < size) b->buffer.resize(size);
    return b->buffer.data();
}

EMSCRIPTEN_KEEPALIVE const char* ftb_batch_out(Batch* b) { return b->report.out().data(); }

// Starts a file named by the first `name_len` bytes of the batch buffer; format: 0 by name then
// content (the CLI without --input-format), 1 json, 2 jsonl, 3 csv. Ends the current file first.
// Returns the length of the report text produced (read it with ftb_batch_out before the next call).
EMSCRIPTEN_KEEPALIVE std::size_t ftb_batch_begin(Batch* b, std::size_t name_len, int format) {
    next_call(*b);
    end_input(*b);
    std::string name(b->buffer.data(), name_len);
    InputFormat f = format == 1   ? InputFormat::Json
                    : format == 2 ? InputFormat::JsonLines
                    : format == 3 ? InputFormat::Csv
                                  : format_from_file_name(name);
    b->input = std::make_unique<CheckedInput>(b->report, playbook(), b->context, std::move(name), f);
    return b->report.out().size();
}

// Feeds the first `len` bytes of the batch buffer to the current file.
EMSCRIPTEN_KEEPALIVE std::size_t ftb_batch_push(Batch* b, std::size_t len) {
    next_call(*b);
    if (b->input) b->input->feed(std::string_view(b->buffer.data(), len));
    return b->report.out().size();
}

// The current file could not be read: a file error without position, as the CLI's
// "cannot read the file: REASON" (REASON = the first `len` bytes of the batch buffer).
EMSCRIPTEN_KEEPALIVE std::size_t ftb_batch_fail(Batch* b, std::size_t len) {
    next_call(*b);
    if (b->input) {
        std::string reason(b->buffer.data(), len);
        bool zh = b->context.lang == Lang::ZhCN;
        b->input->fail(FileError{0, 0, (zh ? "无法读取文件：" : "cannot read the file: ") + reason});
        b->input.reset();
    }
    return b->report.out().size();
}

EMSCRIPTEN_KEEPALIVE std::size_t ftb_batch_end(Batch* b) {
    next_call(*b);
    end_input(*b);
    return b->report.out().size();
}

// Ends the current file and the report (files and summary); the summary JSON is then in the
// result. Returns the report text's length.
EMSCRIPTEN_KEEPALIVE std::size_t ftb_batch_finish(Batch* b) {
    next_call(*b);
    end_input(*b);
    b->report.end();
    const Summary& s = b->report.summary();
    auto field = [](const char* name, std::size_t v, bool last) {
        return std::string("\"") + name + "\": " + std::to_string(v) + (last ? "}" : ", ");
    };
    g_result = "{" + field("files", s.files, false) + field("file_errors", s.file_errors, false) +
               field("records", s.records, false) + field("valid", s.valid, false) +
               field("invalid", s.invalid, false) + field("errors", s.errors, false) +
               field("warnings", s.warnings, true);
    return b->report.out().size();
}

EMSCRIPTEN_KEEPALIVE int ftb_batch_exit_code(const Batch* b) { return b->report.exit_code(); }

}  // extern "C"
