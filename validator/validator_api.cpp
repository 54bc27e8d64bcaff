// The core alone for JavaScript (docs/validator.md): a thin C ABI over ftblock::core for
// ftblock-validator.js. Every decision is the core's: one record goes through read_one_record
// and the validator, a batch through CheckRun exactly as in the CLI (ftblock/check.h), so the
// report text is byte-identical. Bytes come in through buffers this file owns (JS copies
// into them: one reused buffer per batch, one for everything else); text goes out as
// (pointer, length) into a string that the next call overwrites. Handles are plain pointers.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ftblock/check.h"
#include "ftblock/date.h"
#include "ftblock/pieces.h"
#include "ftblock/playbook.h"
#include "ftblock/reader.h"
#include "ftblock/report.h"
#include "ftblock/suggest.h"
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

void set_error_result(const FileError& e) {  // {"line": L, "column": C, "message": "…"}; 0 → null
    g_result.clear();
    append_file_error_json(g_result, e);
}

struct Batch {  // the CLI's run() for files that arrive in chunks
    Batch(ReportFormat format, Lang lang, Date today, std::unique_ptr<PreviousRecords> previous)
        : run(playbook(), format, lang, today, std::move(previous)) {}
    CheckRun run;
    std::string buffer;  // the one input buffer, reused for every chunk
    bool first_call = true;
};

// Every batch call starts here: JS has read the text of the previous call, so it goes (the
// report's opening, written when the run began, comes out with the first call's text).
void next_call(Batch& b) {
    if (!b.first_call) b.run.out().clear();
    b.first_call = false;
}

struct Pieces {  // the worker pool's side of a batch: pieces of inputs (ftblock/pieces.h)
    Pieces(ReportFormat format, Lang lang, Date today, std::unique_ptr<PreviousRecords> previous)
        : run(playbook(), format, lang, today, std::move(previous)) {}
    PieceRun run;
    std::string buffer;  // name (+ CSV header) for begin, then the piece's bytes
};

struct Join {  // the page's side: the report the pieces' texts are joined into
    Join(ReportFormat format, Lang lang) : report(format, lang) { report.begin(); }
    Report report;
    bool first_call = true;
};

void next_call(Join& j) {  // as for Batch: the text of the previous call has been read
    if (!j.first_call) j.report.out().clear();
    j.first_call = false;
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

EMSCRIPTEN_KEEPALIVE PreviousRecords* ftb_previous_new(int today) {
    return new PreviousRecords(playbook(), date_of(today));
}

EMSCRIPTEN_KEEPALIVE void ftb_previous_free(PreviousRecords* p) { delete p; }

// One record (JSON text in the input buffer). 0, or 1 with the error JSON in the result.
EMSCRIPTEN_KEEPALIVE int ftb_previous_add_record(PreviousRecords* p, int lang, std::size_t len) {
    FileError error;
    if (!p->add_record(std::string_view(g_input.data(), len), lang_of(lang), error)) {
        set_error_result(error);
        return 1;
    }
    return 0;
}

// A whole file's bytes (in the input buffer), format by content, as `--previous FILE` reads them.
EMSCRIPTEN_KEEPALIVE int ftb_previous_add_file(PreviousRecords* p, int lang, std::size_t len) {
    p->begin_file(InputFormat::Auto, lang_of(lang));
    p->feed(std::string_view(g_input.data(), len));
    if (const FileError* error = p->end_file()) {
        set_error_result(*error);
        return 1;
    }
    return 0;
}

// One record (JSON text in the input buffer) → result {"valid", "diagnostics"[, "error"]};
// returns the result's length. `previous` may be null.
EMSCRIPTEN_KEEPALIVE std::size_t ftb_validate(int lang, int today, const PreviousRecords* previous, std::size_t len) {
    Record record;
    FileError error;
    if (!read_one_record(playbook(), std::string_view(g_input.data(), len), lang_of(lang), record, error)) {
        set_error_result(error);
        g_result.insert(0, "{\"valid\": false, \"diagnostics\": [], \"error\": ");
        g_result += '}';
        return g_result.size();
    }
    ValidationContext context{lang_of(lang), date_of(today), previous ? &previous->index() : nullptr};
    Diagnostics diagnostics = validate(playbook(), record, context);
    g_result = has_error(diagnostics) ? "{\"valid\": false, \"diagnostics\": " : "{\"valid\": true, \"diagnostics\": ";
    append_diagnostics_json(g_result, diagnostics);
    g_result += '}';
    return g_result.size();
}

// The L2 suggestion for the note in the input buffer → result: one line of JSON
// (l2_suggestion_json, as `ftblock suggest --format json`), the ranking cut to `top`.
EMSCRIPTEN_KEEPALIVE std::size_t ftb_suggest(int top, std::size_t len) {
    static const std::shared_ptr<const L2Model> model = builtin_l2_model();
    const std::string_view note(g_input.data(), len);
    g_result = l2_suggestion_json(note, suggest_l2(*model, note), static_cast<std::size_t>(top < 1 ? 1 : top));
    return g_result.size();
}

// report: 0 text, 1 json. Takes `previous` (null: none).
EMSCRIPTEN_KEEPALIVE Batch* ftb_batch_new(int report, int lang, int today, PreviousRecords* previous) {
    return new Batch(report == 1 ? ReportFormat::Json : ReportFormat::Text, lang_of(lang), date_of(today),
                     std::unique_ptr<PreviousRecords>(previous));
}

EMSCRIPTEN_KEEPALIVE void ftb_batch_free(Batch* b) { delete b; }

EMSCRIPTEN_KEEPALIVE char* ftb_batch_buffer(Batch* b, std::size_t size) {
    if (b->buffer.size() < size) b->buffer.resize(size);
    return b->buffer.data();
}

EMSCRIPTEN_KEEPALIVE const char* ftb_batch_out(Batch* b) { return b->run.out().data(); }

// Starts a file named by the first `name_len` bytes of the batch buffer; format: 0 by name then
// content (the CLI without --input-format), 1 json, 2 jsonl, 3 csv. Ends the current file first.
// Returns the length of the report text produced (read it with ftb_batch_out before the next call).
EMSCRIPTEN_KEEPALIVE std::size_t ftb_batch_begin(Batch* b, std::size_t name_len, int format) {
    next_call(*b);
    InputFormat f = format == 1   ? InputFormat::Json
                    : format == 2 ? InputFormat::JsonLines
                    : format == 3 ? InputFormat::Csv
                                  : InputFormat::Auto;
    b->run.begin_input(std::string(b->buffer.data(), name_len), f);
    return b->run.out().size();
}

// Feeds the first `len` bytes of the batch buffer to the current file.
EMSCRIPTEN_KEEPALIVE std::size_t ftb_batch_push(Batch* b, std::size_t len) {
    next_call(*b);
    b->run.feed(std::string_view(b->buffer.data(), len));
    return b->run.out().size();
}

// The current file could not be read: a file error without position, as the CLI's
// "cannot read the file: REASON" (REASON = the first `len` bytes of the batch buffer).
EMSCRIPTEN_KEEPALIVE std::size_t ftb_batch_fail(Batch* b, std::size_t len) {
    next_call(*b);
    b->run.fail_input(std::string_view(b->buffer.data(), len));
    return b->run.out().size();
}

EMSCRIPTEN_KEEPALIVE std::size_t ftb_batch_end(Batch* b) {
    next_call(*b);
    b->run.end_input();
    return b->run.out().size();
}

// Ends the current file and the report (files and summary); the summary JSON is then in the
// result. Returns the report text's length.
EMSCRIPTEN_KEEPALIVE std::size_t ftb_batch_finish(Batch* b) {
    next_call(*b);
    b->run.finish();
    g_result = b->run.summary_json();
    return b->run.out().size();
}

EMSCRIPTEN_KEEPALIVE int ftb_batch_exit_code(const Batch* b) { return b->run.exit_code(); }

// --- the worker pool (docs/validator.md#the-worker-pool) -----------------------------------------
// A worker checks pieces: whole inputs, or pieces of JSON Lines / CSV inputs cut at record
// boundaries by ftblock-validator.js; the page joins their texts in order with a Join.

EMSCRIPTEN_KEEPALIVE Pieces* ftb_piece_new(int report, int lang, int today, PreviousRecords* previous) {
    return new Pieces(report == 1 ? ReportFormat::Json : ReportFormat::Text, lang_of(lang), date_of(today),
                      std::unique_ptr<PreviousRecords>(previous));
}

EMSCRIPTEN_KEEPALIVE void ftb_piece_free(Pieces* p) { delete p; }

EMSCRIPTEN_KEEPALIVE char* ftb_piece_buffer(Pieces* p, std::size_t size) {
    if (p->buffer.size() < size) p->buffer.resize(size);
    return p->buffer.data();
}

EMSCRIPTEN_KEEPALIVE const char* ftb_piece_out(Pieces* p) { return p->run.out().data(); }

// The buffer holds the name (name_len bytes) then, for a CSV piece, the input's header row
// (header_len bytes). whole: 1 a whole input (format as ftb_batch_begin's), 0 a piece starting
// at record `index` on line `line` (a double: a line number past 2^32 stays exact).
EMSCRIPTEN_KEEPALIVE void ftb_piece_begin(Pieces* p, std::size_t name_len, int format, int whole, std::size_t index,
                                          double line, std::size_t header_len) {
    InputFormat f = format == 1   ? InputFormat::Json
                    : format == 2 ? InputFormat::JsonLines
                    : format == 3 ? InputFormat::Csv
                                  : InputFormat::Auto;
    std::string name(p->buffer.data(), name_len);
    if (whole) {
        p->run.begin(std::move(name), f, nullptr);
        return;
    }
    std::string header(p->buffer.data() + name_len, header_len);  // kept while begin() reads it
    PieceStart start{index, static_cast<std::uint64_t>(line), header};
    p->run.begin(std::move(name), f, &start);
}

// Feeds the first `len` bytes of the buffer; returns the length of the piece's text so far
// (the text stays until ftb_piece_begin: JS reads it once, after ftb_piece_end).
EMSCRIPTEN_KEEPALIVE std::size_t ftb_piece_push(Pieces* p, std::size_t len) {
    p->run.feed(std::string_view(p->buffer.data(), len));
    return p->run.out().size();
}

// Drops the piece's text read so far (a piece streamed in chunks: JS reads the text after each push).
EMSCRIPTEN_KEEPALIVE void ftb_piece_clear(Pieces* p) { p->run.out().clear(); }

// Ends the piece: result {"records", "valid", "invalid", "errors", "warnings", "count", "error"};
// returns the length of the piece's text.
EMSCRIPTEN_KEEPALIVE std::size_t ftb_piece_end(Pieces* p) {
    p->run.end();
    const Summary& s = p->run.records();
    g_result = "{\"records\": " + std::to_string(s.records) + ", \"valid\": " + std::to_string(s.valid) +
               ", \"invalid\": " + std::to_string(s.invalid) + ", \"errors\": " + std::to_string(s.errors) +
               ", \"warnings\": " + std::to_string(s.warnings) + ", \"count\": " + std::to_string(p->run.count()) +
               ", \"error\": ";
    if (const FileError* e = p->run.file_error())
        append_file_error_json(g_result, *e);
    else
        g_result += "null";
    g_result += '}';
    return p->run.out().size();
}

// report: 0 text, 1 json. The report's opening is the text right away (ftb_join_out, ftb_join_size).
EMSCRIPTEN_KEEPALIVE Join* ftb_join_new(int report, int lang) {
    return new Join(report == 1 ? ReportFormat::Json : ReportFormat::Text, lang_of(lang));
}

EMSCRIPTEN_KEEPALIVE void ftb_join_free(Join* j) { delete j; }
EMSCRIPTEN_KEEPALIVE const char* ftb_join_out(Join* j) { return j->report.out().data(); }
EMSCRIPTEN_KEEPALIVE std::size_t ftb_join_size(Join* j) { return j->report.out().size(); }

// A piece's record counts, in input order: 1 when JS must drop the first byte of its text.
EMSCRIPTEN_KEEPALIVE int ftb_join_piece(Join* j, std::size_t records, std::size_t valid, std::size_t invalid,
                                        std::size_t errors, std::size_t warnings) {
    next_call(*j);
    Summary s;
    s.records = records;
    s.valid = valid;
    s.invalid = invalid;
    s.errors = errors;
    s.warnings = warnings;
    return j->report.join_piece(s) ? 1 : 0;
}

// 1 when the report has no record yet and is JSON: the first record's text of a piece streamed
// in parts (its counts come at its end) then drops its ','.
EMSCRIPTEN_KEEPALIVE int ftb_join_first(const Join* j) { return j->report.first_record_pending() ? 1 : 0; }

// An input is done: the input buffer holds its name (name_len bytes) then, when `failed`, its
// file error's message (message_len bytes) at line/column (0: no position). Returns the text's length.
EMSCRIPTEN_KEEPALIVE std::size_t ftb_join_file(Join* j, std::size_t name_len, std::size_t count, int failed,
                                               double line, double column, std::size_t message_len) {
    next_call(*j);
    const std::string_view name(g_input.data(), name_len);
    FileError error;
    if (failed) {
        error.line = static_cast<std::uint64_t>(line);
        error.column = static_cast<std::uint64_t>(column);
        error.message.assign(g_input.data() + name_len, message_len);
    }
    j->report.add_file(name, count, failed ? &error : nullptr);
    return j->report.out().size();
}

// Ends the report (files and summary); the summary JSON is then in the result.
EMSCRIPTEN_KEEPALIVE std::size_t ftb_join_finish(Join* j) {
    next_call(*j);
    j->report.end();
    g_result.clear();
    append_summary_json(g_result, j->report.summary());
    return j->report.out().size();
}

EMSCRIPTEN_KEEPALIVE int ftb_join_exit_code(const Join* j) { return j->report.exit_code(); }

}  // extern "C"
