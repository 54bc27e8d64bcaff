// The message catalog (core/include/ftblock/catalog.def): every row in both languages with the
// same placeholders, every id used in the sources, Chinese words in C++ sources only in the
// catalog, every diagnostic code documented in docs/diagnostics.md; and the one formatter.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ftblock/diagnostic.h"
#include "ftblock/messages.h"
#include "ftblock/text.h"

using namespace ftblock;

namespace {

struct CatalogRow {
    std::string domain, id, en, zh;
};

const std::vector<CatalogRow>& catalog_rows() {
    static const std::vector<CatalogRow> rows = {
#define FTB_MSG(domain, id, en, zh) {#domain, #id, en, zh},
#include "ftblock/catalog.def"
#undef FTB_MSG
    };
    return rows;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The placeholders of a pattern ({N} and {N:one|other}) as their argument numbers; `bad` gets
// any "{N:" that does not close as {N:one|other}.
std::set<int> placeholders(const std::string& pattern, std::string& bad) {
    std::set<int> out;
    for (std::size_t i = 0; i + 2 < pattern.size(); ++i) {
        if (pattern[i] != '{' || pattern[i + 1] < '0' || pattern[i + 1] > '9') continue;
        if (pattern[i + 2] == '}') {
            out.insert(pattern[i + 1] - '0');
        } else if (pattern[i + 2] == ':') {
            const std::size_t bar = pattern.find('|', i + 3), end = pattern.find('}', i + 3);
            if (bar == std::string::npos || end == std::string::npos || bar > end)
                bad = pattern.substr(i, 12);
            else
                out.insert(pattern[i + 1] - '0');
        }
    }
    return out;
}

bool is_ideograph(char32_t cp) {  // Han: CJK Unified Ideographs and their extensions, compatibility
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool is_identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool uses(const std::string& text, const std::string& name) {  // "Msg::X" not followed by more of a name
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1))
        if (at + name.size() >= text.size() || !is_identifier_char(text[at + name.size()])) return true;
    return false;
}

std::vector<std::string> source_files() {  // the C++ sources of core/, cli/, validator/, web/ (CMake)
    std::vector<std::string> files;
    std::istringstream list(read_file(FTBLOCK_CXX_SOURCES_LIST));
    for (std::string line; std::getline(list, line);)
        if (!line.empty()) files.push_back(line);
    return files;
}

}  // namespace

TEST_CASE("catalog: every row has both languages and the same placeholders in each") {
    REQUIRE(catalog_rows().size() > 150);
    std::set<std::string> ids;
    for (const CatalogRow& row : catalog_rows()) {
        CAPTURE(row.id);
        CHECK((row.domain == "core" || row.domain == "form"));
        CHECK(ids.insert(row.id).second);  // ids are unique across domains
        CHECK_FALSE(row.en.empty());
        CHECK_FALSE(row.zh.empty());
        std::string bad_en, bad_zh;
        const std::set<int> en = placeholders(row.en, bad_en), zh = placeholders(row.zh, bad_zh);
        CHECK(bad_en == "");
        CHECK(bad_zh == "");
        CHECK(en == zh);
        if (!en.empty()) CHECK(*en.rbegin() == static_cast<int>(en.size()) - 1);  // {0} … {N}, none skipped
        CHECK(find_invalid_utf8(row.en) == std::string::npos);
        CHECK(find_invalid_utf8(row.zh) == std::string::npos);
    }
    CHECK(msg_count == static_cast<std::size_t>(std::count_if(catalog_rows().begin(), catalog_rows().end(),
                                                              [](const CatalogRow& r) { return r.domain == "core"; })));
    CHECK(std::string(msg_name(Msg::CsvRagged)) == "CsvRagged");
    CHECK(std::string(msg_pattern(Lang::ZhCN, Msg::UnexpectedEnd)) == "输入意外结束");
}

TEST_CASE("catalog: every id is used in the sources, and Chinese words are only in the catalog") {
    const std::vector<std::string> files = source_files();
    REQUIRE(files.size() > 40);
    std::string all;  // every source but the catalog itself
    for (const std::string& path : files) {
        const std::string text = read_file(path);
        REQUIRE_MESSAGE(!text.empty(), path);
        const bool is_catalog = path.size() >= 11 && path.compare(path.size() - 11, 11, "catalog.def") == 0;
        if (is_catalog) continue;
        all += text;
        std::size_t pos = 0, line = 1;
        char32_t cp = 0;
        while (pos < text.size()) {
            if (text[pos] == '\n') ++line;
            if (!decode_utf8(text, pos, cp)) {
                ++pos;
                continue;
            }
            if (is_ideograph(cp)) {
                FAIL_CHECK("Chinese text outside the catalog: " << path << ":" << line);
                break;
            }
        }
    }
    for (const CatalogRow& row : catalog_rows()) {
        const std::string name = (row.domain == "core" ? "Msg::" : "Str::") + row.id;
        CHECK_MESSAGE(uses(all, name), "unused catalog id " << name);
    }
}

TEST_CASE("catalog: every diagnostic code is documented in docs/diagnostics.md") {
    const std::string doc = read_file(std::string(FTBLOCK_SOURCE_DIR) + "/docs/diagnostics.md");
    REQUIRE_FALSE(doc.empty());
    for (int c = 0; c < code_count; ++c) {
        const std::string code = code_name(static_cast<Code>(c));
        CHECK_MESSAGE(doc.find("| `" + code + "` |") != std::string::npos, "undocumented code " << code);
    }
}

TEST_CASE("render_message: placeholders in any order, English plurals, literal braces, missing arguments") {
    CHECK(render_message("{1} then {0}", {"a", "b"}) == "b then a");
    CHECK(render_message("{0} {0:record|records}", {"1"}) == "1 record");
    CHECK(render_message("{0} {0:record|records}", {"0"}) == "0 records");
    CHECK(render_message("{0} {0:record|records}", {"11"}) == "11 records");
    CHECK(render_message("expected ',' or '}' {x} {0", {"a"}) == "expected ',' or '}' {x} {0");
    CHECK(render_message("{0:one|other", {"1"}) == "{0:one|other");  // not closed: literal
    CHECK(render_message("[{0}][{3}]", {"a"}) == "[a][]");
    CHECK(render_message("{0}", {"{1}"}) == "{1}");  // arguments are not patterns
    CHECK(say(Lang::En, Msg::ReportSummary, {"1", "1", "1", "0", "0", "1", "0"}) ==
          "1 record in 1 file: 1 valid, 0 invalid; 0 errors, 1 warning, 0 file errors");
    CHECK(say(Lang::ZhCN, Msg::ReportSummary, {"1", "2", "1", "0", "0", "1", "0"}) ==
          "共 2 个文件、1 条记录：1 条有效，0 条无效；0 个错误，1 个警告，0 个文件错误");
    const Message nested(Msg::AtColumn, {"7", Message(Msg::NotAnObject, {Message(Msg::KindArray)})});
    CHECK(nested.in(Lang::En) == "column 7: record must be a JSON object, found an array");
    CHECK(nested.in(Lang::ZhCN) == "第 7 列：记录必须是 JSON 对象，实际为数组");
    CHECK(Message().in(Lang::En) == "");
}
