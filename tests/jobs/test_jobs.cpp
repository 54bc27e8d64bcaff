// ftblock check -j N must print exactly what -j 1 prints (docs/record-format.md#command-line):
// generated inputs with every feature a cut could break (CSV quotes holding CR, LF and CRLF,
// blank and CRLF lines, invalid UTF-8, file errors in the middle and at the end, a record over
// 1 MiB, several files, standard input), run with -j 1 and with -j 2..4 and pieces from one
// byte up, compared byte for byte with the exit status.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;

const fs::path kDir = FTBLOCK_JOBS_DIR;

struct RunResult {
    std::string out;
    int code = -1;
};

// Runs a shell command line in kDir with LANG=C; stderr is dropped (it holds no report).
RunResult run_shell(const std::string& line) {
    const std::string command = "cd '" + kDir.string() + "' && export LANG=C && " + line + " 2>/dev/null";
    RunResult r;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[65536];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
    const int status = pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

RunResult run(const std::string& env, const std::string& args) {  // env: "NAME=value" or ""
    return run_shell(env + " '" FTBLOCK_CLI "' " + args);
}

void write(const std::string& name, const std::string& bytes) {
    std::ofstream f(kDir / name, std::ios::binary);
    f << bytes;
}

// ---------------------------------------------------------------------------------------------
// Records: deterministic, about a third invalid in varied ways.
struct Fields {
    std::vector<std::pair<std::string, std::string>> kv;  // value "\x01" = null
};

const char* const kNull = "\x01";

Fields record(int i, bool bad_utf8 = true) {
    const bool delivery = i % 3 == 0;
    std::string notes = i % 5 == 0 ? "客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。"
                                   : "End users are not trained; the rollout waits for training.";
    if (i % 11 == 0) notes += "\nSecond line,\r\nthird line\rfourth.";
    if (i % 13 == 0) notes += " He said \"wait\", then left.";
    if (i % 17 == 0 && bad_utf8) notes += " bad \xff byte";  // a record's problem; in a JSON array, the file's
    Fields f;
    f.kv = {{"id", i % 19 == 0 ? kNull : "FT-" + std::to_string(i)},
            {"customer", i % 7 == 0 ? "Fabrikam" : "Contoso Ltd"},
            {"workload", "teams"},
            {"scenario", i % 23 == 0 ? "bogus"
                         : delivery  ? "delivery"
                                     : "assignment"},
            {"updated_by", delivery ? "delivery_fm" : "assignment_fm"},
            {"l1", "blocked"},
            {"l2", delivery ? "customer_it_infrastructure" : "adoption_readiness"},
            {"l3", kNull},
            {"service_state", "not_applicable"},
            {"engagement_scenario", delivery ? (i % 2 ? "ftc_ftp_led" : "ftc_css_led") : "customer_led_ftp_assist"},
            {"target_date", delivery ? "2026-12-15" : kNull},
            {"owner", delivery ? "account_team" : "delivery_fm"},
            {"notes", notes},
            {"next_action_date", delivery ? kNull : "2026-12-01"},
            {"next_action", delivery ? "Customer upgrades VPN firmware, then re-test sign-in" : "kickoff_meeting"},
            {"updated_at", i % 29 == 0 ? "2026-13-45" : "2026-11-2" + std::to_string(i % 4)}};
    return f;
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string json_object(const Fields& f, const char* sep) {
    std::string out = "{";
    for (std::size_t k = 0; k < f.kv.size(); ++k) {
        if (k) out += sep;
        out += json_string(f.kv[k].first) + ":" + (f.kv[k].second == kNull ? "null" : json_string(f.kv[k].second));
    }
    return out + "}";
}

std::string jsonl(int from, int to) {
    std::string out;
    for (int i = from; i < to; ++i) {
        if (i % 31 == 0) out += "\n   \r\n";  // blank lines, one with CRLF
        if (i % 37 == 0) out += "[1, 2]\n";   // not an object: a record-level problem
        if (i % 41 == 0) out += "{\"id\": \"FT-broken\", \n";
        out += json_object(record(i), ",");
        out += i % 4 == 0 ? "\r\n" : "\n";
    }
    return out;
}

std::string csv_cell(const std::string& v) {
    if (v == kNull) return "";
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string csv(int from, int to, bool bom = true) {
    std::string out = bom ? "\xEF\xBB\xBF" : "";
    const Fields header = record(0);
    for (std::size_t k = 0; k < header.kv.size(); ++k) out += (k ? "," : "") + header.kv[k].first;
    out += "\r\n";
    for (int i = from; i < to; ++i) {
        if (i % 31 == 0) out += "\r\n\n";  // empty lines
        const Fields f = record(i);
        for (std::size_t k = 0; k < f.kv.size(); ++k) out += (k ? "," : "") + csv_cell(f.kv[k].second);
        if (i % 43 == 0) out += ",extra";  // ragged
        out += i % 2 ? "\r\n" : i % 6 == 0 ? "\r" : "\n";
    }
    return out;
}

std::string json_array(int from, int to) {
    std::string out = "[\n";
    for (int i = from; i < to; ++i) out += (i > from ? ",\n  " : "  ") + json_object(record(i, false), ",\n    ");
    return out + "\n]\n";
}

void write_inputs() {
    fs::create_directories(kDir);
    write("mixed.jsonl", jsonl(1, 400));
    write("array_first.jsonl", jsonl(0, 100));  // starts with "[1, 2]": a JSON document by content
    write("mixed.csv", csv(0, 400));
    write("mixed.json", json_array(0, 150));
    write("prev.jsonl", jsonl(1000, 1060));
    // A file error in the middle: later pieces must be discarded, the error reported in place.
    write("stray_quote.csv", csv(0, 150) + "FT-x,Con\"toso,teams\n" + csv(150, 300, false).substr(200));
    write("quote_after.csv", csv(0, 120) + "\"FT-y\"x,a\n" + csv(120, 200, false).substr(200));
    write("unterminated.csv", csv(0, 100) + "\"FT-z,open quote\n" + csv(100, 200, false).substr(200));
    std::string broken = json_array(0, 100);
    broken.insert(broken.size() / 2, "}}");
    write("broken.json", broken);
    std::string line = "[";  // one line, invalid UTF-8 in the middle: a file error with its column
    for (int i = 1; i < 120; ++i) line += (i > 1 ? "," : "") + json_object(record(i, i == 85), ",");
    write("one_line.json", line + "]");
    write("one_object.json", json_object(record(5, false), ", ") + "\n");
    write("bad_header.csv", "id,customer,colour\n" + csv(0, 50, false).substr(200));
    // A record over 1 MiB (too_large) in the middle: no boundary for a long stretch.
    write("big_line.jsonl", jsonl(0, 60) + "{\"notes\": \"" + std::string(1100000, 'x') + "\"}\n" + jsonl(60, 120));
    write("empty.jsonl", "");
    write("blank.csv", "\r\n\n");
    write("bom_only.csv", "\xEF\xBB\xBF");
    write("records.txt", "\n\n" + jsonl(0, 80));        // detected by content
    write("utf16.txt", std::string("\xFF\xFE{\0", 4));  // a file error at the start
    write("no_newline.jsonl", jsonl(0, 50) + json_object(record(50), ","));
    write("no_newline.csv", csv(0, 50) + "FT-last,Contoso");
}

// The configurations compared with -j 1: threads and piece size (1: a cut at every boundary).
const char* const kConfigs[][2] = {
    {"-j 2", "FTBLOCK_PIECE_BYTES=1"},
    {"-j 2", "FTBLOCK_PIECE_BYTES=700"},
    {"--jobs 4", "FTBLOCK_PIECE_BYTES=200"},
    {"-j3", "FTBLOCK_PIECE_BYTES=5000"},
    {"--jobs=2", ""},
};

// Runs `args` with -j 1 and every configuration; returns the -j 1 result.
RunResult same_for_every_j(const std::string& args) {
    static bool written = false;
    if (!written) {
        write_inputs();
        written = true;
    }
    const RunResult one = run("", "check -j 1 " + args);
    for (const auto& config : kConfigs) {
        const RunResult many = run(config[1], std::string("check ") + config[0] + " " + args);
        INFO("ftblock check ", config[0], " ", args, " (", config[1], ")");
        CHECK(many.code == one.code);
        CHECK(many.out == one.out);
    }
    return one;
}

const std::string kToday = "--today 2026-11-24 ";

}  // namespace

TEST_CASE("JSON Lines with blank, CRLF, broken and non-object lines: the same report for every -j") {
    for (const char* format : {"--format text ", "--format json "}) {
        const RunResult r = same_for_every_j(format + kToday + "mixed.jsonl");
        CHECK(r.code == 1);
        CHECK(r.out.size() > 10000);
    }
    CHECK(same_for_every_j("--format json --lang zh-CN " + kToday + "mixed.jsonl").code == 1);
}

TEST_CASE("CSV with a BOM, quoted CR, LF and CRLF, empty lines, ragged rows and invalid UTF-8: the same report") {
    for (const char* format : {"--format text ", "--format json "}) {
        const RunResult r = same_for_every_j(format + kToday + "mixed.csv");
        CHECK(r.code == 1);
        CHECK(r.out.find("mixed.csv") != std::string::npos);
    }
    CHECK(same_for_every_j("--lang zh-CN " + kToday + "mixed.csv").code == 1);
}

TEST_CASE("a JSON array, pretty or on one line, whole or broken in the middle, and one object: the same report") {
    CHECK(same_for_every_j("--format json " + kToday + "mixed.json").code == 1);
    CHECK(same_for_every_j(kToday + "broken.json").code == 2);
    CHECK(same_for_every_j("--format json " + kToday + "one_line.json").code == 2);
    CHECK(same_for_every_j("--format json " + kToday + "one_object.json").code == 0);
    CHECK(same_for_every_j(kToday + "--input-format json array_first.jsonl").code == 2);
    CHECK(same_for_every_j(kToday + "array_first.jsonl").code == 1);
}

TEST_CASE("a CSV file error in the middle stops the file at the same record, later pieces discarded") {
    for (const char* file : {"stray_quote.csv", "quote_after.csv", "unterminated.csv", "bad_header.csv"}) {
        const RunResult text = same_for_every_j(kToday + file);
        CHECK(text.code == 2);
        const RunResult json = same_for_every_j("--format json " + kToday + file);
        CHECK(json.out.find("\"error\": {\"line\"") != std::string::npos);
    }
}

TEST_CASE("a record over 1 MiB, inputs without a final line end, empty and odd inputs: the same report") {
    CHECK(same_for_every_j("--format json " + kToday + "big_line.jsonl").code == 1);
    for (const char* file :
         {"no_newline.jsonl", "no_newline.csv", "empty.jsonl", "blank.csv", "bom_only.csv", "records.txt", "utf16.txt"})
        same_for_every_j("--format json " + kToday + file);
}

TEST_CASE("several files side by side, a missing one among them, with --previous: the same report") {
    const std::string files =
        "mixed.jsonl stray_quote.csv mixed.json missing.jsonl mixed.csv one_line.json big_line.jsonl records.txt";
    CHECK(same_for_every_j(kToday + files).code == 2);
    CHECK(same_for_every_j("--format json " + kToday + files).code == 2);
    CHECK(same_for_every_j("--format json --lang zh-CN --previous prev.jsonl " + kToday + files).code == 2);
    CHECK(same_for_every_j("--previous prev.jsonl " + kToday + "mixed.jsonl mixed.csv").code == 1);
    CHECK(same_for_every_j("--input-format jsonl " + kToday + "mixed.csv mixed.jsonl").code == 1);
}

TEST_CASE("standard input through a pipe, read in short blocks: the same report") {
    CHECK(same_for_every_j("--format json " + kToday + "- < mixed.jsonl").code == 1);
    const std::vector<std::string> piped = {"cat mixed.jsonl | ", "cat mixed.csv | ", "cat big_line.jsonl | "};
    for (std::size_t k = 0; k < piped.size(); ++k) {
        const std::string format = k == 1 ? "--input-format csv " : "";
        const std::string args = "--format json " + format + kToday + "- mixed.json - broken.json";
        const RunResult one = run_shell(piped[k] + "'" FTBLOCK_CLI "' check -j 1 " + args);
        for (const auto& config : kConfigs) {
            const RunResult many =
                run_shell(piped[k] + config[1] + " '" FTBLOCK_CLI "' check " + config[0] + " " + args);
            INFO(piped[k], config[0], " ", config[1]);
            CHECK(many.code == one.code);
            CHECK(many.out == one.out);
        }
        CHECK(one.code == 2);
    }
}
