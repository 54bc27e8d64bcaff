// The block scans (core/src/simd_scan.h) against the scalar reference, at every level this build
// and processor can run: the same UTF-8 verdicts, string runs that never pass what the exact loop
// would stop at, and the same records and errors from the JSON scanner.
#include <doctest/doctest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "../core/src/json_scan.h"
#include "../core/src/simd_scan.h"
#include "../core/src/utf8_scan.h"
#include "ftblock/playbook.h"
#include "ftblock/reader.h"
#include "ftblock/simd.h"
#include "ftblock/text.h"

using namespace ftblock;

namespace {

std::vector<SimdLevel> levels() {
    std::vector<SimdLevel> out{SimdLevel::Scalar};
    switch (best_simd_level()) {
        case SimdLevel::Avx2:
            out.push_back(SimdLevel::Sse2);
            out.push_back(SimdLevel::Avx2);
            break;
        case SimdLevel::Sse2: out.push_back(SimdLevel::Sse2); break;
        case SimdLevel::Simd128: out.push_back(SimdLevel::Simd128); break;
        case SimdLevel::Scalar: break;
    }
    return out;
}

struct LevelGuard {  // restores the process's level after a test
    SimdLevel saved = simd_level();
    ~LevelGuard() { set_simd_level(saved); }
};

bool reference_valid(std::string_view s) { return find_invalid_utf8(s) == std::string_view::npos; }

bool blocks_valid(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    return detail::utf8_valid(p, p + s.size());
}

// Where the exact loop of a JSON string would stop: the first '"', '\\' or control byte, or
// the first invalid sequence; and the boundaries it passes.
std::size_t reference_run(std::string_view s, std::vector<bool>& boundary) {
    boundary.assign(s.size() + 1, false);
    std::size_t pos = 0;
    while (pos < s.size()) {
        boundary[pos] = true;
        const auto c = static_cast<unsigned char>(s[pos]);
        if (c == '"' || c == '\\' || c < 0x20) return pos;
        if (c < 0x80) {
            ++pos;
            continue;
        }
        const auto* u = reinterpret_cast<const unsigned char*>(s.data());
        const std::size_t n = detail::utf8_sequence(u + pos, u + s.size());
        if (!n) return pos;
        pos += n;
    }
    boundary[pos] = true;
    return pos;
}

// Text of pieces that stress the block edges: ASCII, Chinese, emoji, accented Latin, the
// characters that end a run, and (when `corrupt`) bytes that are not UTF-8.
std::string random_text(std::mt19937& rng, std::size_t pieces, bool corrupt) {
    static const char* const kPieces[] = {
        "a",  "Contoso ", "客户", "受阻。", "😀",    "é",    "Ñandú", "\xE3\x80\x80",
        "\"", "\\",       "\n",   "\x01",   "\x7F", "鑫淼", "한국",  "\xF0\x9F\x87\xA8"};
    static const char* const kBad[] = {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE5\x8F",    "\xFF",
                                       "\x80",     "\xC3",         "\xF0\x9F\x98",     "\xE0\x80\x80"};
    std::string s;
    for (std::size_t i = 0; i < pieces; ++i) {
        const unsigned r = rng() % 100;
        if (corrupt && r < 4)
            s += kBad[rng() % (sizeof kBad / sizeof *kBad)];
        else if (r < 60)
            s += kPieces[rng() % 8 == 0 ? 8 + rng() % 8 : rng() % 8];
        else
            s += kPieces[rng() % 8];
    }
    return s;
}

}  // namespace

TEST_CASE("the levels this build runs: at least scalar, and the best one is chosen by default") {
    const std::vector<SimdLevel> all = levels();
    CHECK(all.front() == SimdLevel::Scalar);
    CHECK(simd_level() == best_simd_level());
    MESSAGE("block scans: " << std::string(simd_level_name(best_simd_level())));
}

TEST_CASE("block UTF-8 validation agrees with the reference on every short sequence at every block offset") {
    LevelGuard guard;
    // Every 1- and 2-byte sequence and 3- and 4-byte ones from every lead, placed so they cross the
    // 16- and 32-byte block edges, after ASCII and after Chinese.
    const std::string ascii(64, 'x'),
        chinese = "受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受阻受";
    std::vector<std::string> sequences;
    for (int a = 0; a < 256; ++a)
        for (int b = 0; b < 256; ++b) {
            sequences.push_back({static_cast<char>(a), static_cast<char>(b)});
            if (a >= 0xC0)
                for (int c : {0x00, 0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC0}) {
                    sequences.push_back({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
                    if (a >= 0xF0)
                        sequences.push_back({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), '\x80'});
                }
        }
    for (SimdLevel level : levels()) {
        set_simd_level(level);
        CAPTURE(simd_level_name(level));
        std::size_t checked = 0;
        for (const std::string& seq : sequences) {
            for (std::size_t at : {0u, 13u, 14u, 15u, 29u, 30u, 31u, 33u}) {
                for (const std::string* before : {&ascii, &chinese}) {
                    std::string s = before->substr(0, at) + seq + ascii.substr(0, 40);
                    REQUIRE(blocks_valid(s) == reference_valid(s));
                    REQUIRE(detail::is_valid_utf8(s) == reference_valid(s));
                    ++checked;
                }
            }
        }
        CHECK(checked == sequences.size() * 16);
    }
}

TEST_CASE("block UTF-8 validation agrees with the reference on random mixed text") {
    LevelGuard guard;
    for (SimdLevel level : levels()) {
        set_simd_level(level);
        CAPTURE(simd_level_name(level));
        std::mt19937 rng(20261203);
        std::size_t invalid = 0;
        for (int i = 0; i < 20000; ++i) {
            const std::string s = random_text(rng, 1 + rng() % 60, i % 2 == 1);
            const bool expected = reference_valid(s);
            invalid += !expected;
            REQUIRE(blocks_valid(s) == expected);
        }
        CHECK(invalid > 5000);  // both verdicts were exercised
    }
}

TEST_CASE("a string's plain run stops at a boundary, never past where the exact loop stops") {
    LevelGuard guard;
    for (SimdLevel level : levels()) {
        set_simd_level(level);
        CAPTURE(simd_level_name(level));
        std::mt19937 rng(7);
        std::vector<bool> boundary;
        std::size_t progressed = 0;
        for (int i = 0; i < 20000; ++i) {
            const std::string s = random_text(rng, 1 + rng() % 80, i % 3 == 2);
            const std::size_t stop = reference_run(s, boundary);
            const auto* p = reinterpret_cast<const unsigned char*>(s.data());
            const std::size_t q = static_cast<std::size_t>(detail::string_plain_run(p, p + s.size()) - p);
            REQUIRE(q <= stop);
            REQUIRE(boundary[q]);
            progressed += q > 0;
        }
        if (level == SimdLevel::Scalar)
            CHECK(progressed == 0);  // the exact loop does it all
        else
            CHECK(progressed > 5000);
    }
}

TEST_CASE("a long note's plain run is found in blocks up to its closing quote") {
    LevelGuard guard;
    const std::string note =
        "客户 IT 团队的变更冻结期持续到季度末，期间不允许任何生产环境变更。Helpdesk staff have not been trained on "
        "the new incident process 😀 Ñandú, so IT will not roll out further.";
    const std::string text = note + "\", \"next_action_date\": null, \"next_action\": \"x\"}";
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    for (SimdLevel level : levels()) {
        set_simd_level(level);
        CAPTURE(simd_level_name(level));
        const std::size_t q = static_cast<std::size_t>(detail::string_plain_run(p, p + text.size()) - p);
        CHECK(q == (level == SimdLevel::Scalar ? 0 : note.size()));
    }
}

TEST_CASE("the JSON scanner reads the same records and reports the same errors at every level") {
    LevelGuard guard;
    const Playbook& playbook = *builtin_playbook();
    std::mt19937 rng(99);
    std::vector<std::string> texts;
    for (int i = 0; i < 3000; ++i) {
        std::string customer = random_text(rng, 1 + rng() % 8, i % 4 == 3);
        std::string notes = random_text(rng, 1 + rng() % 90, i % 5 == 4);
        // Keep the quotes and backslashes as escapes some of the time, raw (an error or an early end) else.
        std::string text = "{\"id\": \"FT-" + std::to_string(i) + "\", \"customer\": \"" + customer +
                           "\", \"notes\": \"" + notes + "\", \"l1\": \"blocked\"}";
        texts.push_back(std::move(text));
    }
    texts.push_back("{\"notes\": \"" + std::string(100, 'a') + "\\u00e9" + std::string(40, 'b') + "\"}");
    std::vector<std::string> baseline;
    for (SimdLevel level : levels()) {
        set_simd_level(level);
        CAPTURE(simd_level_name(level));
        std::size_t errors = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            Record record;
            record.reset(playbook.fields.size());
            detail::JsonKind kind{};
            detail::ScanError error;
            const detail::ScanOutcome outcome = detail::scan_record(texts[i], 1, playbook, record, kind, error);
            std::string summary = std::to_string(static_cast<int>(outcome));
            if (outcome == detail::ScanOutcome::Error) {
                ++errors;
                summary += " " + std::to_string(error.offset) + " " + std::to_string(static_cast<int>(error.msg)) +
                           " " + error.arg;
            } else {
                for (const FieldValue& v : record.values) summary += "|" + v.text;
            }
            if (level == SimdLevel::Scalar)
                baseline.push_back(summary);
            else
                REQUIRE(summary == baseline[i]);
        }
        CHECK(errors > 500);
        CHECK(errors < texts.size() - 500);
    }
}

TEST_CASE("measuring text gives the same facts at every level: code points, first control character, blankness") {
    LevelGuard guard;
    // Valid UTF-8 only (measure_text's input): white space of every kind, controls (C0, DEL, C1),
    // and the plain text between them, across the block edges.
    const char* const pieces[] = {"a",      "Contoso Ltd ", "客户受阻", "。",   "😀",      "é",      " ",      "\t",
                                  "\u3000", "\u00a0",       "\u2028",   "\x01", "\x7F",   "\u0085", "\u0090", "\u1680",
                                  "\u2003", "\u205f",       "\u00e9x",  "\n",   "한국어", "\u3001"};
    std::mt19937 rng(5);
    std::vector<std::string> texts;
    for (int i = 0; i < 20000; ++i) {
        std::string s;
        const unsigned n = rng() % 40;
        const bool mostly_blank = i % 4 == 0;
        for (unsigned k = 0; k < n; ++k) {
            const unsigned r = rng() % 100;
            if (mostly_blank && r < 80)
                s += pieces[6 + rng() % 5];  // space, tab, U+3000, U+00A0, U+2028
            else
                s += pieces[rng() % (sizeof pieces / sizeof *pieces)];
        }
        texts.push_back(std::move(s));
    }
    std::vector<std::string> baseline;
    for (SimdLevel level : levels()) {
        set_simd_level(level);
        CAPTURE(simd_level_name(level));
        std::size_t blank = 0, controls = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const detail::TextFacts f = detail::measure_text(texts[i]);
            blank += f.blank;
            controls += f.control_at != 0;
            const std::string summary = std::to_string(f.code_points) + " " + std::to_string(f.control) + " " +
                                        std::to_string(f.control_at) + " " + std::to_string(f.blank);
            if (level == SimdLevel::Scalar) {
                REQUIRE(f.code_points == count_code_points(texts[i]));
                baseline.push_back(summary);
            } else {
                REQUIRE(summary == baseline[i]);
            }
        }
        CHECK(blank > 500);
        CHECK(controls > 5000);
    }
}

namespace {

struct Collect : RecordSink {
    std::string out;
    void on_record(std::size_t index, std::uint64_t line, Record& record) override {
        out += std::to_string(index) + ":" + std::to_string(line);
        if (record.has_problem) out += " problem " + record.problem.detail;
        for (const FieldValue& v : record.values) out += "|" + std::to_string(static_cast<int>(v.state)) + v.text;
        out += "\n";
    }
};

std::string read_all(InputFormat format, const std::string& text, std::size_t block) {
    Collect sink;
    std::unique_ptr<RecordReader> reader = make_reader(format, *builtin_playbook(), Lang::En, sink);
    for (std::size_t at = 0; at < text.size() && !reader->failed(); at += block)
        reader->feed(std::string_view(text).substr(at, block));
    if (!reader->failed()) reader->finish();
    if (reader->failed()) sink.out += "failed " + reader->error().message;
    return sink.out;
}

}  // namespace

TEST_CASE("the CSV and JSON Lines readers give the same records and errors at every level, in any blocks") {
    LevelGuard guard;
    const char* const cells[] = {"Contoso Ltd",
                                 "\"Contoso, Ltd\"",
                                 "客户受阻。客户 IT 团队",
                                 "\"line one\nline two\"",
                                 "\"say \"\"hi\"\"\"",
                                 "",
                                 "blocked",
                                 "delivery",
                                 "😀 Ñandú",
                                 "\"\r\n\"",
                                 "\"unterminated",
                                 "stray\"quote",
                                 "a\xFFz",
                                 "2026-12-15",
                                 "\"long 客户 cell, with a comma\"",
                                 "x"};
    std::mt19937 rng(11);
    for (int file = 0; file < 60; ++file) {
        std::string csv =
            "id,customer,workload,scenario,updated_by,l1,l2,l3,service_state,engagement_scenario,target_date,owner,"
            "notes,"
            "next_action_date,next_action,updated_at\r\n";
        std::string jsonl;
        const int rows = 5 + static_cast<int>(rng() % 40);
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < 16; ++c) {
                if (c) csv += ',';
                unsigned pick = rng() % 16;
                if (file % 3 != 0 && (pick == 10 || pick == 11 || pick == 12)) pick = 0;  // most files stay readable
                csv += cells[pick];
                if (c == 12) csv += std::string(rng() % 80, 'n');
            }
            csv += rng() % 2 ? "\r\n" : "\n";
            jsonl += "{\"id\": \"FT-" + std::to_string(r) + "\", \"notes\": \"" + std::string(rng() % 90, 'x') +
                     "客户\\\"" + (file % 4 == 1 && r == 3 ? "\xC3" : "") + "\"}\n";
        }
        std::vector<std::string> expected;
        for (SimdLevel level : levels()) {
            set_simd_level(level);
            CAPTURE(simd_level_name(level));
            std::size_t i = 0;
            for (std::size_t block : {std::size_t{1} << 20, std::size_t{7}, std::size_t{64}}) {
                for (InputFormat format : {InputFormat::Csv, InputFormat::JsonLines}) {
                    const std::string got = read_all(format, format == InputFormat::Csv ? csv : jsonl, block);
                    if (level == SimdLevel::Scalar && block == (std::size_t{1} << 20))
                        expected.push_back(got);
                    else
                        REQUIRE(got == expected[i % 2]);
                    ++i;
                }
            }
        }
    }
}
