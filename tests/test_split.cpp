// The splitter (split.cpp) with PartCheck and CheckRun::take_part (check.cpp): an input cut
// into pieces, each piece checked on its own from its start and merged in order, reports
// exactly what one reader of the whole input reports — for every piece size and block size.
// Single-threaded here; the CLI's threads (cli/parallel.cpp) are tested in tests/jobs.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "ftblock/check.h"
#include "ftblock/playbook.h"
#include "ftblock/split.h"

#include "test_util.h"

using namespace ftblock;

namespace {

const Date kToday{2026, 11, 24};

const std::string& kHeader = test::kCsvHeader;

std::string csv_row(int i, const std::string& notes) {
    return "FT-" + std::to_string(i) +
           ",Contoso Ltd,teams,assignment,assignment_fm,blocked,adoption_readiness,,not_applicable,"
           "customer_led_ftp_assist,,delivery_fm," +
           notes + ",2026-12-01,kickoff_meeting,2026-11-24";
}

std::string jsonl_row(int i, const std::string& notes) {
    return "{\"id\":\"FT-" + std::to_string(i) +
           "\",\"customer\":\"Contoso Ltd\",\"workload\":\"teams\",\"scenario\":\"assignment\","
           "\"updated_by\":\"assignment_fm\",\"l1\":\"blocked\",\"l2\":\"adoption_readiness\",\"l3\":null,"
           "\"service_state\":\"not_applicable\",\"engagement_scenario\":\"customer_led_ftp_assist\","
           "\"target_date\":null,\"owner\":\"delivery_fm\",\"notes\":\"" +
           notes +
           "\",\"next_action_date\":\"2026-12-01\",\"next_action\":\"kickoff_meeting\",\"updated_at\":\"2026-11-24\"}";
}

struct Outcome {
    std::string out;
    int code;
};

Outcome whole(const std::string& name, const std::string& text, ReportFormat format) {
    CheckRun run(*builtin_playbook(), format, Lang::En, kToday);
    run.begin_input(name, InputFormat::Auto);
    run.feed(text);
    run.finish();
    return {run.out(), run.exit_code()};
}

// What a host does with the splitter: blocks in, pieces checked in order, the rest (if the
// splitter gives up) through one reader, later pieces discarded once one has a file error.
Outcome in_pieces(const std::string& name, const std::string& text, ReportFormat format, std::size_t piece,
                  std::size_t block) {
    CheckRun run(*builtin_playbook(), format, Lang::En, kToday);
    InputSplitter splitter(*builtin_playbook(), run.input_format(name, InputFormat::Auto), piece);
    std::unique_ptr<PartCheck> rest;
    std::size_t count = 0;
    bool failed = false;
    FileError error;
    auto take = [&](PartCheck& part) {
        if (failed) return;
        run.take_part(part);
        count += part.count();
        if (part.failed()) {
            failed = true;
            error = part.error();
        }
    };
    auto pull = [&] {
        InputPiece p;
        for (InputSplitter::Next next; (next = splitter.next(p)) != InputSplitter::Next::None;) {
            if (next == InputSplitter::Next::Rest) {
                rest = run.part(name, p);
                rest->feed(p.bytes);
                return;
            }
            std::unique_ptr<PartCheck> part = run.part(name, p);
            part->feed(p.bytes);
            if (p.last) part->finish();
            take(*part);
        }
    };
    for (std::size_t at = 0; at < text.size(); at += block) {
        const std::string_view bytes = std::string_view(text).substr(at, block);
        if (rest) {
            rest->feed(bytes);
            continue;
        }
        splitter.feed(bytes);
        pull();
    }
    if (!rest) {
        splitter.end();
        pull();
    }
    if (rest) {
        rest->finish();
        take(*rest);
    }
    run.end_parts(name, count, failed ? &error : nullptr);
    run.finish();
    return {run.out(), run.exit_code()};
}

void same_in_pieces(const std::string& name, const std::string& text) {
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Json}) {
        const Outcome expected = whole(name, text, format);
        for (std::size_t piece : {1, 2, 50, 300, 1000, 100000})
            for (std::size_t block : {1, 7, 256, 100000}) {
                if (block == 1 && text.size() > 5000) continue;
                const Outcome got = in_pieces(name, text, format, piece, block);
                INFO(name, " piece ", piece, " block ", block);
                CHECK(got.code == expected.code);
                CHECK(got.out == expected.out);
            }
    }
}

}  // namespace

TEST_CASE("JSON Lines in pieces: blank lines, CRLF, a broken line, a blank first line, no final LF") {
    std::string text = "\n  \r\n";
    for (int i = 0; i < 12; ++i) {
        text += jsonl_row(i, i % 3 ? "End users are not trained." : "客户的 VPN 设备需要升级。");
        text += i % 2 ? "\r\n" : "\n";
        if (i == 5) text += "{\"id\": \"FT-broken\",\n\t \n[1]\n";
    }
    same_in_pieces("a.jsonl", text);
    same_in_pieces("a.jsonl", text + jsonl_row(99, "last"));
    same_in_pieces("a.txt", text);  // JSON Lines by content
    same_in_pieces("a.jsonl", "");
}

TEST_CASE("CSV in pieces: BOM, CRLF, lone CR, quotes holding line ends, empty lines and ragged rows") {
    std::string text = "\xEF\xBB\xBF" + kHeader + "\r\n";
    for (int i = 0; i < 12; ++i) {
        std::string notes = i % 4 == 1 ? "\"He said \"\"wait\"\",\r\nthen\nleft\ronce.\"" : "Users are not trained.";
        text += csv_row(i, notes) + (i == 7 ? ",extra" : "");
        text += i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r";
        if (i == 4) text += "\r\n\n\r";
    }
    same_in_pieces("a.csv", text);
    same_in_pieces("a.csv", text + csv_row(99, "no line end"));
    same_in_pieces("a.txt", "\n\r\n" + kHeader + "\n" + csv_row(1, "x") + "\n");  // CSV by content
}

TEST_CASE("a CSV file error in a middle piece stops the file there, as one reader does") {
    std::string head = kHeader + "\n";
    for (int i = 0; i < 8; ++i) head += csv_row(i, "fine") + "\n";
    std::string tail;
    for (int i = 8; i < 16; ++i) tail += csv_row(i, "fine") + "\n";
    same_in_pieces("a.csv", head + "FT-x,Con\"toso\n" + tail);       // stray quote
    same_in_pieces("a.csv", head + "\"FT-y\"x,a\n" + tail);          // after a closing quote
    same_in_pieces("a.csv", head + "\"FT-z,never closed\n" + tail);  // to the end
    same_in_pieces("a.csv", "id,colour\n" + tail);                   // a header the reader rejects
    CHECK(whole("a.csv", head + "FT-x,Con\"toso\n" + tail, ReportFormat::Text).code == 2);
}

TEST_CASE("a JSON array in pieces: pretty and on one line, odd elements, nested brackets in strings") {
    std::string array = "\xEF\xBB\xBF [\n";
    for (int i = 0; i < 8; ++i) {
        array += (i ? ",\n  " : "  ") +
                 jsonl_row(i, i % 2 ? "Users [are] {not}, \\\"trained\\\"." : "客户的 VPN 设备需要升级。");
        if (i == 3) array += " , 42, \"a, [b\", [1, {\"x\": [2, 3]}], null,{}";
    }
    same_in_pieces("a.json", array + "\n]\n");
    std::string line = "[";  // one line: columns of later pieces count from the line's start
    for (int i = 0; i < 8; ++i) line += (i ? "," : "") + jsonl_row(i, "客户 VPN, \\u00e9 [x]");
    same_in_pieces("a.json", line + "]");
    same_in_pieces("a.txt", line + "]  \n");  // JSON by content
}

TEST_CASE("a JSON array error in a middle piece stops the file there, as one reader does") {
    std::string head = "[\n";
    for (int i = 0; i < 6; ++i) head += jsonl_row(i, "fine") + ",\n";
    std::string tail;
    for (int i = 6; i < 12; ++i) tail += (i > 6 ? ",\n" : "") + jsonl_row(i, "fine");
    same_in_pieces("a.json", head + "{\"id\": tru}," + tail + "]");       // a syntax error in an element
    same_in_pieces("a.json", head + "{\"id\": \"\xff\"}," + tail + "]");  // invalid UTF-8
    std::string line = "[";  // on one line: "byte N of the line" counts from the line's start
    for (int i = 0; i < 8; ++i) line += (i ? "," : "") + jsonl_row(i, i == 6 ? "bad \xff byte" : "客户");
    same_in_pieces("a.json", line + "]");
    same_in_pieces("a.json", head + tail + ",]");       // trailing comma
    same_in_pieces("a.json", head + tail);              // no closing bracket
    same_in_pieces("a.json", head + tail + "] x");      // content after the array
    same_in_pieces("a.json", head + "}" + tail + "]");  // a stray bracket
    same_in_pieces("a.json", head +
                                 "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]"
                                 "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]," +
                                 tail + "]");  // too deep
}

TEST_CASE("one JSON object and a UTF-16 input are not cut: one reader from the start") {
    same_in_pieces("a.json", jsonl_row(1, "one, [object]") + "\n");
    std::string array = "[\n";
    for (int i = 0; i < 6; ++i) array += (i ? ",\n" : "") + jsonl_row(i, "Users are not trained.");
    same_in_pieces("a.jsonl", array + "\n]\n");  // a JSON Lines file: every line a record's problem
    same_in_pieces("a.txt", std::string("\xFF\xFE{\0", 4));
}

TEST_CASE("the splitter counts records and lines before each piece as the readers do") {
    const std::string text = "\n" + jsonl_row(0, "a") + "\n  \n" + jsonl_row(1, "b") + "\r\n" + jsonl_row(2, "c");
    InputSplitter splitter(*builtin_playbook(), InputFormat::JsonLines, 1);
    splitter.feed(text);
    splitter.end();
    std::vector<std::pair<std::size_t, std::uint64_t>> starts;  // (index, line) of later pieces
    InputPiece p;
    while (splitter.next(p) == InputSplitter::Next::Piece)
        if (!p.first) starts.emplace_back(p.start.index, p.start.line);
    const std::vector<std::pair<std::size_t, std::uint64_t>> expected = {{1, 3}, {1, 4}, {2, 5}};
    CHECK(starts == expected);
}
