// fuzz_check: the whole `ftblock check` pipeline (cli/main.cpp without the file system) on
// arbitrary bytes, with the built-in playbook. The first kHeader bytes choose the options (input
// formats, report format, language, one or two files or a --previous file, today, chunk sizes);
// the rest is the input. Each input is read and checked twice, fed whole and in random small
// chunks: the records every reader delivers (all their values) and the two reports must be
// identical byte for byte. A JSON report must parse and agree with itself (records, files,
// summary), and with the same report in the other language except for the messages.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ftblock/playbook.h"
#include "ftblock/report.h"
#include "ftblock/validator.h"
#include "fuzz_util.h"

namespace {

using namespace ftblock;
using ftblock::fuzz::Rng;
using nlohmann::json;

constexpr std::size_t kHeader = 12;

enum class Mode { OneFile, TwoFiles, PreviousThenFile };

struct Options {
    InputFormat formats[2];
    ReportFormat report;
    Lang lang;
    Mode mode;
    Date today;
    std::size_t max_chunk;
    bool empty_feeds;
    std::uint32_t seed;
    std::uint16_t split;  // where the second input starts, as a fraction of the rest (/65535)
};

// FuzzedDataProvider over the header only: the options come from the first bytes and the rest
// of the input is left whole, so a seed is "12 option bytes + a real file".
Options read_options(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider fdp(data, std::min(size, kHeader));
    static const InputFormat kFormats[] = {InputFormat::Json, InputFormat::JsonLines, InputFormat::Csv,
                                           InputFormat::Auto};
    static const Date kToday[] = {{2026, 11, 24}, {2020, 4, 30}, {2024, 2, 29}, {2031, 1, 1}};
    Options o;
    o.formats[0] = kFormats[fdp.ConsumeIntegralInRange<int>(0, 3)];
    o.formats[1] = kFormats[fdp.ConsumeIntegralInRange<int>(0, 3)];
    o.report = fdp.ConsumeBool() ? ReportFormat::Json : ReportFormat::Text;
    o.lang = fdp.ConsumeBool() ? Lang::ZhCN : Lang::En;
    o.mode = static_cast<Mode>(fdp.ConsumeIntegralInRange<int>(0, 2));
    o.today = kToday[fdp.ConsumeIntegralInRange<int>(0, 3)];
    o.max_chunk = fuzz::max_chunk_for(fdp.ConsumeIntegral<std::uint8_t>());
    o.empty_feeds = fdp.ConsumeBool();
    o.seed = fdp.ConsumeIntegral<std::uint16_t>();
    o.split = fdp.ConsumeIntegral<std::uint16_t>();
    return o;
}

struct Input {
    std::string name;  // like a path on the command line: its extension is what the CLI sees
    InputFormat format;
    std::string_view bytes;
};

std::string file_name(const char* stem, InputFormat format) {
    switch (format) {
        case InputFormat::Json: return std::string(stem) + ".json";
        case InputFormat::JsonLines: return std::string(stem) + ".jsonl";
        case InputFormat::Csv: return std::string(stem) + ".csv";
        default: return stem;  // no extension: the CLI detects the format from the first byte
    }
}

class PreviousLoader : public RecordSink {  // as the CLI's
public:
    PreviousLoader(PreviousIndex& index, Date today) : index_(index), today_(today) {}
    void on_record(std::size_t, std::uint64_t, Record& record) override { index_.add(record, today_); }

private:
    PreviousIndex& index_;
    Date today_;
};

struct RunResult {
    std::string out;             // everything the report wrote, as the CLI prints it
    std::string previous_error;  // the CLI's exit-2 message when the --previous file is broken
    int exit_code = 0;
    Summary summary;
    std::vector<std::string> file_errors;  // per input: "line:column: message", or "" when none
};

// One `ftblock check` run. chunks == nullptr: every file fed whole (the CLI's 1 MiB blocks hold
// all of a fuzz input); else in random chunks, the report drained after each one as the CLI does.
RunResult run_check(const Options& o, Lang lang, ReportFormat format, const std::vector<Input>& files,
                    const Input* previous, Rng* chunks) {
    RunResult result;
    const Playbook& playbook = *builtin_playbook();
    auto feed_all = [&](std::string_view bytes, auto&& feed, auto&& after) {
        if (chunks)
            fuzz::feed_in_chunks(bytes, *chunks, o.max_chunk, o.empty_feeds, feed, after);
        else if (!bytes.empty()) {
            feed(bytes);
            after();
        }
    };

    PreviousIndex index(playbook);
    if (previous) {
        PreviousLoader loader(index, o.today);
        auto reader = make_reader(previous->format, playbook, lang, loader);
        bool stop = false;  // the CLI stops reading a broken --previous file
        feed_all(
            previous->bytes,
            [&](std::string_view b) {
                if (!stop) reader->feed(b);
            },
            [&] { stop = stop || reader->failed(); });
        reader->finish();
        if (reader->failed()) {
            const FileError& e = reader->error();
            result.previous_error = std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message;
            result.exit_code = 2;
            return result;
        }
    }

    ValidationContext context{lang, o.today, &index};
    Report report(format, lang);
    auto drain = [&] {
        result.out += report.out();
        report.out().clear();
    };
    report.begin();
    for (const Input& file : files) {
        CheckedInput input(report, playbook, context, file.name, file.format);
        feed_all(
            file.bytes, [&](std::string_view b) { input.feed(b); }, drain);
        input.finish();
        const FileError* e = input.file_error();
        result.file_errors.push_back(e ? std::to_string(e->line) + ":" + std::to_string(e->column) + ": " + e->message
                                       : std::string());
        drain();
    }
    report.end();
    drain();
    result.exit_code = report.exit_code();
    result.summary = report.summary();
    return result;
}

// The records a reader delivers, written out in full (the report shows only diagnostics, so a
// value changed by the chunking could pass unseen there), plus how the file ended.
class Dump : public RecordSink {
public:
    std::string out;
    std::size_t records = 0;
    void on_record(std::size_t index, std::uint64_t line, Record& record) override {
        FUZZ_CHECK(index == records++);
        out += "#" + std::to_string(index) + " line " + std::to_string(line);
        if (record.has_problem)
            out += " problem " + std::string(code_name(record.problem.code)) + " " + text(record.problem.detail);
        for (const FieldValue& v : record.values) out += " " + std::to_string(static_cast<int>(v.state)) + text(v.text);
        for (const std::string& k : record.unknown_keys) out += " unknown" + text(k);
        for (const std::string& k : record.duplicate_keys) out += " duplicate" + text(k);
        out += "\n";
    }

private:
    static std::string text(const std::string& s) { return ":" + std::to_string(s.size()) + ":" + s; }
};

std::string read_records(const Input& input, Lang lang, const Options& o, Rng* chunks) {
    Dump dump;
    auto reader = make_reader(input.format, *builtin_playbook(), lang, dump);
    auto feed = [&](std::string_view b) { reader->feed(b); };
    if (chunks)
        fuzz::feed_in_chunks(input.bytes, *chunks, o.max_chunk, o.empty_feeds, feed, [] {});
    else if (!input.bytes.empty())
        feed(input.bytes);
    reader->finish();
    FUZZ_CHECK(reader->count() == dump.records);
    if (reader->failed()) {
        const FileError& e = reader->error();
        FUZZ_CHECK(!e.message.empty());
        dump.out += "failed " + std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message + "\n";
    }
    return dump.out + "count " + std::to_string(reader->count()) + "\n";
}

// --------------------------------------------------------------------------------------------
// The JSON report: it parses, and what it says adds up.

const json& member(const json& object, const char* key) {
    if (!object.is_object() || !object.contains(key)) FUZZ_FAIL("JSON report: missing member", key, object.dump());
    return object.at(key);
}

std::size_t count_of(const json& v) {
    FUZZ_CHECK(v.is_number_unsigned());
    return v.get<std::size_t>();
}

void check_json_report(const RunResult& run, const std::vector<Input>& files) {
    json doc = json::parse(run.out, nullptr, false);
    if (doc.is_discarded()) FUZZ_FAIL("the JSON report does not parse", run.out, "");
    FUZZ_CHECK(doc.is_object() && doc.size() == 3);
    const json& records = member(doc, "records");
    const json& file_list = member(doc, "files");
    const json& summary = member(doc, "summary");
    FUZZ_CHECK(records.is_array() && file_list.is_array());
    FUZZ_CHECK(file_list.size() == files.size());

    std::size_t valid = 0, errors = 0, warnings = 0, file_errors = 0, next = 0;
    for (std::size_t f = 0; f < files.size(); ++f) {
        const json& entry = file_list[f];
        FUZZ_CHECK(member(entry, "file") == files[f].name);
        const std::size_t count = count_of(member(entry, "count"));
        const json& error = member(entry, "error");
        if (!error.is_null()) {
            ++file_errors;
            const json& line = member(error, "line");
            const json& column = member(error, "column");
            FUZZ_CHECK(line.is_null() == column.is_null());
            if (!line.is_null()) FUZZ_CHECK(count_of(line) >= 1 && count_of(column) >= 1);
            FUZZ_CHECK(member(error, "message").is_string() && !error["message"].get<std::string>().empty());
        }
        FUZZ_CHECK(error.is_null() == run.file_errors[f].empty());
        // This file's records: consecutive in the list, indexes 0..count-1, lines not going back.
        std::uint64_t last_line = 1;
        for (std::size_t i = 0; i < count; ++i, ++next) {
            FUZZ_CHECK(next < records.size());
            const json& r = records[next];
            FUZZ_CHECK(r.is_object() && r.size() == 6);
            FUZZ_CHECK(member(r, "file") == files[f].name);
            FUZZ_CHECK(count_of(member(r, "index")) == i);
            const std::size_t line = count_of(member(r, "line"));
            FUZZ_CHECK(line >= last_line);
            last_line = line;
            FUZZ_CHECK(member(r, "id").is_null() || r["id"].is_string());
            bool has_error = false;
            for (const json& d : member(r, "diagnostics")) {
                FUZZ_CHECK(d.is_object() && d.size() == 4);
                FUZZ_CHECK(member(d, "field").is_string() && member(d, "code").is_string());
                FUZZ_CHECK(member(d, "message").is_string() && !d["message"].get<std::string>().empty());
                const json& severity = member(d, "severity");
                FUZZ_CHECK(severity == "error" || severity == "warning");
                (severity == "error" ? errors : warnings)++;
                has_error = has_error || severity == "error";
            }
            FUZZ_CHECK(member(r, "valid").is_boolean() && r["valid"].get<bool>() == !has_error);
            valid += !has_error;
        }
    }
    FUZZ_CHECK(next == records.size());

    const Summary& s = run.summary;
    FUZZ_CHECK(count_of(member(summary, "files")) == files.size() && s.files == files.size());
    FUZZ_CHECK(count_of(member(summary, "file_errors")) == file_errors && s.file_errors == file_errors);
    FUZZ_CHECK(count_of(member(summary, "records")) == records.size() && s.records == records.size());
    FUZZ_CHECK(count_of(member(summary, "valid")) == valid && s.valid == valid);
    FUZZ_CHECK(count_of(member(summary, "invalid")) == records.size() - valid && s.invalid == records.size() - valid);
    FUZZ_CHECK(count_of(member(summary, "errors")) == errors && s.errors == errors);
    FUZZ_CHECK(count_of(member(summary, "warnings")) == warnings && s.warnings == warnings);
    FUZZ_CHECK(run.exit_code == (file_errors ? 2 : records.size() - valid ? 1 : 0));
}

// The same report in the other language: every message may differ, nothing else may.
json without_messages(const std::string& report) {
    json doc = json::parse(report);  // already checked to parse
    for (json& r : doc["records"])
        for (json& d : r["diagnostics"]) d.erase("message");
    for (json& f : doc["files"])
        if (f["error"].is_object()) f["error"].erase("message");
    return doc;
}

void check_text_report(const RunResult& run, std::size_t files, Lang lang) {
    // Compiler-style lines, then the summary line: always whole lines, the summary last.
    FUZZ_CHECK(!run.out.empty() && run.out.back() == '\n');
    const std::size_t last = run.out.rfind('\n', run.out.size() - 2);
    const std::string summary = run.out.substr(last == std::string::npos ? 0 : last + 1);
    const std::size_t records = run.summary.records;
    const std::string n = std::to_string(records), f = std::to_string(files);
    const std::string start = lang == Lang::ZhCN ? "共 " + f + " 个文件、" + n + " 条记录："
                                                 : n + (records == 1 ? " record in " : " records in ") + f +
                                                       (files == 1 ? " file: " : " files: ");
    if (summary.compare(0, start.size(), start) != 0)
        FUZZ_FAIL("text report: the last line is not the summary", run.out, start);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Options o = read_options(data, size);
    std::string_view rest;
    if (size > kHeader) rest = std::string_view(reinterpret_cast<const char*>(data) + kHeader, size - kHeader);

    std::vector<Input> files;
    Input previous;
    const std::size_t cut = static_cast<std::size_t>(static_cast<std::uint64_t>(rest.size()) * o.split / 65535);
    const char* stems[] = {"a", "b"};
    if (o.mode == Mode::OneFile) {
        files.push_back({file_name("a", o.formats[0]), InputFormat::Auto, rest});
    } else {
        std::string_view parts[] = {rest.substr(0, cut), rest.substr(cut)};
        for (int i = 0; i < 2; ++i) {
            std::string name =
                file_name(o.mode == Mode::PreviousThenFile && i == 0 ? "previous" : stems[i], o.formats[i]);
            Input input{name, InputFormat::Auto, parts[i]};
            if (o.mode == Mode::PreviousThenFile && i == 0)
                previous = input;
            else
                files.push_back(input);
        }
    }
    // As the CLI: the format from the file name's extension, else from the first byte.
    previous.format = format_from_file_name(previous.name);
    for (Input& f : files) f.format = format_from_file_name(f.name);
    const Input* prev = o.mode == Mode::PreviousThenFile ? &previous : nullptr;

    // The readers alone: the same records, values and errors whole and in chunks.
    Rng reader_rng(o.seed ^ 0x5EEDu);
    std::vector<const Input*> inputs;
    if (prev) inputs.push_back(prev);
    for (const Input& f : files) inputs.push_back(&f);
    for (const Input* input : inputs)
        FUZZ_CHECK_EQ(read_records(*input, o.lang, o, nullptr), read_records(*input, o.lang, o, &reader_rng),
                      "records: fed whole vs in chunks");

    const RunResult whole = run_check(o, o.lang, o.report, files, prev, nullptr);
    Rng rng(o.seed);
    const RunResult chunked = run_check(o, o.lang, o.report, files, prev, &rng);
    FUZZ_CHECK_EQ(whole.previous_error, chunked.previous_error, "--previous file: whole vs chunked");
    FUZZ_CHECK_EQ(whole.out, chunked.out, "report: fed whole vs in chunks");
    FUZZ_CHECK(whole.exit_code == chunked.exit_code);
    FUZZ_CHECK(whole.file_errors == chunked.file_errors);
    if (!whole.previous_error.empty()) return 0;  // the CLI stops before any report

    if (o.report == ReportFormat::Json) {
        check_json_report(whole, files);
        const Lang other = o.lang == Lang::En ? Lang::ZhCN : Lang::En;
        const RunResult translated = run_check(o, other, o.report, files, prev, nullptr);
        check_json_report(translated, files);
        if (without_messages(whole.out) != without_messages(translated.out))
            FUZZ_FAIL("JSON report: en and zh-CN differ in more than messages", whole.out, translated.out);
    } else {
        check_text_report(whole, files.size(), o.lang);
    }
    return 0;
}
