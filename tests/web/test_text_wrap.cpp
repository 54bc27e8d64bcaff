// Line breaks for Chinese and mixed text (web/text_wrap.h), with a fixed-width "font": an ASCII
// character is 1 wide, a CJK one 2.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "text_wrap.h"

using ftblock::web::wrap_lines;

namespace {

float advance(char32_t c) { return c < 0x80 ? 1.0f : 2.0f; }

std::vector<std::string> wrap(const std::string& text, float width) {
    std::vector<std::string> out;
    for (const auto& [b, e] : wrap_lines(text, width, advance)) out.push_back(text.substr(b, e - b));
    return out;
}

}  // namespace

TEST_CASE("Chinese breaks between characters, filling each line") {
    // 客户的设备与服务不兼容 = 10 characters, 20 wide
    CHECK(wrap("客户的设备与服务不兼容", 8) == std::vector<std::string>{"客户的设", "备与服务", "不兼容"});
    CHECK(wrap("客户的设备与服务不兼容", 22) == std::vector<std::string>{"客户的设备与服务不兼容"});
}

TEST_CASE("closing punctuation stays on the line before, opening punctuation on the line after") {
    CHECK(wrap("客户的设，备与", 8) == std::vector<std::string>{"客户的", "设，备与"});
    CHECK(wrap("客户（设备）", 6) == std::vector<std::string>{"客户", "（设", "备）"});
    CHECK(wrap("客户（设备）", 8) == std::vector<std::string>{"客户（设", "备）"});
}

TEST_CASE("mixed text breaks at spaces and between Chinese characters, never inside an English word") {
    CHECK(wrap("客户的 VPN 设备与服务不兼容", 12) == std::vector<std::string>{"客户的 VPN", "设备与服务不", "兼容"});
    CHECK(wrap("the customer upgrades", 12) == std::vector<std::string>{"the customer", "upgrades"});
    CHECK(wrap("客户VPN设备", 6) == std::vector<std::string>{"客户", "VPN设", "备"});
}

TEST_CASE("newlines always break; a word wider than the line is cut; nothing is lost") {
    CHECK(wrap("ab\ncd", 10) == std::vector<std::string>{"ab", "cd"});
    CHECK(wrap("ab\n  cd", 10) == std::vector<std::string>{"ab", "  cd"});  // indentation after a newline stays
    CHECK(wrap("abcdefgh", 3) == std::vector<std::string>{"abc", "def", "gh"});
    CHECK(wrap("", 5) == std::vector<std::string>{""});
    CHECK(wrap("受阻", 0) == std::vector<std::string>{"受", "阻"});  // at least one character per line
    const std::string text =
        "L2 值必须是受阻 L2（参见下文），不能为空；Customer IT infrastructure 客户环境中周围 IT 基础结构组件";
    std::string joined;
    for (float width : {3.0f, 7.0f, 13.0f, 40.0f}) {
        joined.clear();
        for (const std::string& line : wrap(text, width)) {
            float w = 0;
            for (std::size_t i = 0; i < line.size();) {
                const unsigned char c = static_cast<unsigned char>(line[i]);
                const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
                w += n == 1 ? 1.0f : 2.0f;
                i += n;
            }
            CHECK(w <= std::max(width, 2.0f));
            joined += line;
        }
        std::string expected = text;  // only spaces where a line broke are dropped
        std::string no_spaces_joined, no_spaces_expected;
        for (char c : joined)
            if (c != ' ') no_spaces_joined += c;
        for (char c : expected)
            if (c != ' ') no_spaces_expected += c;
        CHECK(no_spaces_joined == no_spaces_expected);
    }
}
