// Pieces of inputs checked apart and joined (pieces.cpp, make_reader_at, Report::join_piece):
// an input cut in two at every record boundary gives, joined, CheckRun's report byte for byte —
// JSON Lines and CSV (quoted line breaks, CR line ends, blank lines, a BOM), text and JSON, and a
// file error after the cut.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "ftblock/check.h"
#include "ftblock/pieces.h"
#include "ftblock/playbook.h"

#include "test_util.h"

using namespace ftblock;

namespace {

const Date kToday{2026, 11, 24};

const std::string& kHeader = test::kCsvHeader;

std::string row(const std::string& id, const std::string& notes) {
    return id +
           ",Contoso Ltd,teams,delivery,delivery_fm,blocked,customer_it_infrastructure,,not_applicable,ftc_ftp_led,"
           "2026-12-15,account_team," +
           notes + ",,\"Customer upgrades VPN firmware, then re-test\",2026-11-24";
}

std::string record(const std::string& id, const std::string& owner) {
    return "{\"id\": \"" + id +
           "\", \"customer\": \"Contoso Ltd\", \"workload\": \"teams\", \"scenario\": \"delivery\", "
           "\"updated_by\": \"delivery_fm\", \"l1\": \"blocked\", \"l2\": \"customer_it_infrastructure\", "
           "\"l3\": null, \"service_state\": \"not_applicable\", \"engagement_scenario\": \"ftc_ftp_led\", "
           "\"target_date\": \"2026-12-15\", \"owner\": \"" +
           owner +
           "\", \"notes\": \"The VPN appliance needs new firmware.\", \"next_action_date\": null, "
           "\"next_action\": \"Customer upgrades VPN firmware\", \"updated_at\": \"2026-11-24\"}";
}

std::string whole_report(const std::string& name, const std::string& text, ReportFormat format) {
    CheckRun run(*builtin_playbook(), format, Lang::En, kToday);
    run.begin_input(name, InputFormat::Auto);
    run.feed(text);
    run.finish();
    return run.out();
}

// Where a piece may start, and its records and line before it: as ftblock-validator.js's cutter
// finds them (the start of a line outside CSV quotes; CR, LF and CRLF end CSV lines).
struct Cut {
    std::size_t at, index;
    std::uint64_t line;
};

std::vector<Cut> cuts(const std::string& text, bool csv, std::size_t& header_end) {
    std::vector<Cut> out;
    std::size_t rows = 0;
    std::uint64_t line = 1;
    bool quoted = false, row_start = true;
    header_end = 0;
    for (std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0; i < text.size();) {
        const char c = text[i];
        if (c == '\n' || (csv && c == '\r')) {
            i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
            ++line;
            if (quoted) continue;
            if (!row_start) ++rows;
            if (rows == 1 && !header_end) header_end = i;
            row_start = true;
            if (!csv || rows >= 1) out.push_back({i, csv ? rows - 1 : rows, line});
            continue;
        }
        if (csv && c == '"') quoted = !quoted;
        if (csv || (c != ' ' && c != '\t' && c != '\r')) row_start = false;  // JSON Lines: blank lines hold no record
        ++i;
    }
    return out;
}

// The input cut at `cut`: two PieceRuns, joined by a Report as the validator's pool joins them.
std::string joined_report(const std::string& name, const std::string& text, ReportFormat format, InputFormat as,
                          const Cut& cut, std::size_t header_end) {
    Report join(format, Lang::En);
    join.begin();
    PieceRun run(*builtin_playbook(), format, Lang::En, kToday);
    std::string out = join.out();
    auto take = [&](PieceRun& piece) {
        const bool drop = join.join_piece(piece.records());
        out += piece.out().substr(drop ? 1 : 0);
    };
    run.begin(name, InputFormat::Auto, nullptr);
    run.feed(std::string_view(text).substr(0, cut.at));
    run.end();
    take(run);
    if (!run.file_error()) {
        const PieceStart start{cut.index, cut.line, std::string_view(text).substr(0, header_end)};
        run.begin(name, as, &start);
        run.feed(std::string_view(text).substr(cut.at));
        run.end();
        take(run);
    }
    join.out().clear();
    join.add_file(name, run.count(), run.file_error());
    join.end();
    return out + join.out();
}

void check_every_cut(const std::string& name, const std::string& text, InputFormat as) {
    std::size_t header_end = 0;
    const std::vector<Cut> all = cuts(text, as == InputFormat::Csv, header_end);
    REQUIRE(all.size() >= 3);
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Json}) {
        const std::string want = whole_report(name, text, format);
        for (const Cut& cut : all) {
            CAPTURE(cut.at);
            CHECK(joined_report(name, text, format, as, cut, header_end) == want);
        }
    }
}

}  // namespace

TEST_CASE("a JSON Lines input cut at any line start joins into the whole input's report") {
    const std::string text = record("FT-1", "account_team") + "\n\n  \t\n" + record("FT-2", "nobody") + "\r\n" +
                             "{\"id\": \"FT-3\",\n[1]\n" + record("FT-4", "account_team") + "\n\n" +
                             record("FT-5", "x");
    check_every_cut("a.jsonl", text, InputFormat::JsonLines);
}

TEST_CASE("a CSV input cut at any row end outside quotes joins into the whole input's report") {
    const std::string text = "\xEF\xBB\xBF" + kHeader + "\r\n" + row("FT-1", "\"one\ntwo\"") + "\r\n\r\n" +
                             row("FT-2", "\"cr\ronly \"\"q\"\"\"") + "\r" + row("FT-3", "plain") + "\n" +
                             "FT-4,ragged\n" + row("FT-5", "\"crlf\r\n\"") + "\n\n";
    check_every_cut("a.csv", text, InputFormat::Csv);
}

TEST_CASE("a CSV file error after the cut is reported at its line in the whole input") {
    const std::string text = kHeader + "\n" + row("FT-1", "a") + "\n" + row("FT-2", "\"b\nc\"") + "\n" +
                             row("FT-3", "bad\"quote") + "\n" + row("FT-4", "d") + "\n";
    check_every_cut("e.csv", text, InputFormat::Csv);
    const std::string unterminated = kHeader + "\n" + row("FT-1", "a") + "\n" + row("FT-2", "b") + "\n" +
                                     row("FT-3", "\"open") + "\n" + row("FT-4", "d") + "\n";
    check_every_cut("u.csv", unterminated, InputFormat::Csv);
}
