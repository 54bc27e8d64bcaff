// fuzz_csv_roundtrip: records built from the input (any valid UTF-8, with the characters that
// CSV and spreadsheets care about: quotes, commas, CR/LF, formula starts = + - @ TAB CR ') are
// exported as CSV (header + rows, with or without the BOM) and read back, fed in random chunks:
// every value must come back exactly (an empty or missing value as an empty string), every row
// at the line where it was written, and exporting what was read must give the same bytes.
// The same records also go through JSON Lines and a JSON array (values, null vs absent, same
// bytes again), since the form's export and backup are those.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ftblock/playbook.h"
#include "ftblock/reader.h"
#include "ftblock/writer.h"
#include "fuzz_util.h"

namespace {

using namespace ftblock;
using ftblock::fuzz::Rng;

struct Read {
    std::uint64_t line;
    Record record;
};

class Collect : public RecordSink {
public:
    std::vector<Read> records;
    void on_record(std::size_t index, std::uint64_t line, Record& record) override {
        FUZZ_CHECK(index == records.size());
        records.push_back({line, record});
    }
};

// A value for one field: fuzzed text (made valid UTF-8) between optional pieces that CSV
// quoting, the formula guard and JSON escaping must handle.
std::string make_text(FuzzedDataProvider& fdp) {
    static const char* const kPieces[] = {
        "",   "=",  "+", "-",    "@",    "\t", "\r",   "\n",           "'",    "\"", ",",        "\r\n", "\"\"",
        "'=", "''", " ", "=1+2", "中文", "\\", "\x7F", "\xEF\xBB\xBF", "\x01", "-1", "@SUM(A1)", "\"'",  "😀"};
    constexpr int kCount = sizeof kPieces / sizeof kPieces[0];
    std::string text = kPieces[fdp.ConsumeIntegralInRange<int>(0, kCount - 1)];
    text += fuzz::valid_utf8(fdp.ConsumeRandomLengthString(48));
    text += kPieces[fdp.ConsumeIntegralInRange<int>(0, kCount - 1)];
    return text;
}

std::vector<Record> make_records(FuzzedDataProvider& fdp, const Playbook& playbook) {
    std::vector<Record> records(fdp.ConsumeIntegralInRange<std::size_t>(1, 6));
    for (Record& r : records) {
        r.reset(playbook.fields.size());
        for (FieldValue& v : r.values) {
            switch (fdp.ConsumeIntegralInRange<int>(0, 4)) {
                case 0: break;  // absent
                case 1: v.state = ValueState::Null; break;
                case 2: v.state = ValueState::String; break;  // ""
                default: v.state = ValueState::String; v.text = make_text(fdp);
            }
        }
    }
    return records;
}

std::vector<Read> read_back(InputFormat format, std::string_view text, Rng& rng, std::size_t max_chunk,
                            const Playbook& playbook, Lang lang) {
    Collect sink;
    auto reader = make_reader(format, playbook, lang, sink);
    fuzz::feed_in_chunks(
        text, rng, max_chunk, false, [&](std::string_view b) { reader->feed(b); }, [] {});
    reader->finish();
    if (reader->failed()) FUZZ_FAIL("the reader refused what the writer wrote", reader->error().message, text);
    FUZZ_CHECK(reader->count() == sink.records.size());
    return std::move(sink.records);
}

// Physical lines before `offset` as the readers count them: CRLF, CR and LF each end one.
std::uint64_t line_at(std::string_view text, std::size_t offset) {
    std::uint64_t line = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
    }
    return line;
}

std::string describe(const Playbook& playbook, const Record& r) {
    std::string out;
    for (std::size_t f = 0; f < r.values.size(); ++f) {
        const FieldValue& v = r.values[f];
        out += playbook.fields[f].key + "=";
        out += v.state == ValueState::Absent      ? "(absent)"
               : v.state == ValueState::Null      ? "(null)"
               : v.state == ValueState::WrongType ? "(wrong type)"
                                                  : "\"" + v.text + "\"";
        out += "\n";
    }
    if (r.has_problem) out += "problem: " + r.problem.detail + "\n";
    return out;
}

void check_csv(const Playbook& playbook, const std::vector<Record>& records, bool bom, InputFormat format, Rng& rng,
               std::size_t max_chunk, Lang lang) {
    std::string csv = bom ? std::string(utf8_bom) : std::string();
    append_csv_header(csv, playbook);
    std::vector<std::size_t> row_starts;
    for (const Record& r : records) {
        row_starts.push_back(csv.size());
        append_csv_row(csv, playbook, r);
    }

    const std::vector<Read> back = read_back(format, csv, rng, max_chunk, playbook, lang);
    if (back.size() != records.size()) FUZZ_FAIL("CSV: not as many records read as written", csv, "");
    const std::size_t skip = bom ? utf8_bom.size() : 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& got = back[i].record;
        FUZZ_CHECK(back[i].line == line_at(std::string_view(csv).substr(skip), row_starts[i] - skip));
        bool same = !got.has_problem && got.unknown_keys.empty() && got.duplicate_keys.empty() &&
                    got.values.size() == records[i].values.size();
        for (std::size_t f = 0; same && f < got.values.size(); ++f) {
            const FieldValue& want = records[i].values[f];
            same = got.values[f].state == ValueState::String &&
                   got.values[f].text == (want.state == ValueState::String ? want.text : std::string());
        }
        if (!same)
            FUZZ_FAIL("CSV: a record came back different", describe(playbook, records[i]), describe(playbook, got));
    }

    std::string again = bom ? std::string(utf8_bom) : std::string();
    append_csv_header(again, playbook);
    for (const Read& r : back) append_csv_row(again, playbook, r.record);
    FUZZ_CHECK_EQ(csv, again, "CSV: the second export differs from the first");
}

// JSON Lines (one record per line) or a JSON array (the form's backup): null and absent are kept.
void check_json(const Playbook& playbook, const std::vector<Record>& records, bool array, Rng& rng,
                std::size_t max_chunk, Lang lang) {
    auto write = [&](const std::vector<const Record*>& list) {
        std::string out = array ? "[\n" : "";
        for (std::size_t i = 0; i < list.size(); ++i) {
            append_record_json(out, playbook, *list[i]);
            out += array && i + 1 < list.size() ? ",\n" : "\n";
        }
        return array ? out + "]\n" : out;
    };
    std::vector<const Record*> written;
    for (const Record& r : records) written.push_back(&r);
    const std::string text = write(written);

    const std::vector<Read> back =
        read_back(array ? InputFormat::Json : InputFormat::JsonLines, text, rng, max_chunk, playbook, lang);
    if (back.size() != records.size()) FUZZ_FAIL("JSON: not as many records read as written", text, "");
    std::vector<const Record*> read;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& got = back[i].record;
        FUZZ_CHECK(back[i].line == i + (array ? 2 : 1));
        bool same = !got.has_problem && got.unknown_keys.empty() && got.duplicate_keys.empty() &&
                    got.values.size() == records[i].values.size();
        for (std::size_t f = 0; same && f < got.values.size(); ++f) {
            const FieldValue& want = records[i].values[f];
            same = got.values[f].state == want.state && got.values[f].text == want.text;
        }
        if (!same)
            FUZZ_FAIL("JSON: a record came back different", describe(playbook, records[i]), describe(playbook, got));
        read.push_back(&got);
    }
    FUZZ_CHECK_EQ(text, write(read), "JSON: the second export differs from the first");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider fdp(data, size);
    const Playbook& playbook = *builtin_playbook();
    const bool bom = fdp.ConsumeBool();
    const InputFormat csv_format = fdp.ConsumeBool() ? InputFormat::Csv : InputFormat::Auto;
    const bool array = fdp.ConsumeBool();
    const Lang lang = fdp.ConsumeBool() ? Lang::ZhCN : Lang::En;
    const std::size_t max_chunk = fuzz::max_chunk_for(fdp.ConsumeIntegral<std::uint8_t>());
    Rng rng(fdp.ConsumeIntegral<std::uint32_t>());
    const std::vector<Record> records = make_records(fdp, playbook);

    check_csv(playbook, records, bom, csv_format, rng, max_chunk, lang);
    check_json(playbook, records, array, rng, max_chunk, lang);
    return 0;
}
