// The reader's sentences in both languages. Validator sentences are built from the playbook's
// own words in validator_messages.cpp.
#include "messages.h"

#include <cassert>

namespace ftblock::detail {

namespace {

struct Entry {
    Msg id;
    const char* en;
    const char* zh;
};

const Entry kMessages[] = {
    {Msg::UnexpectedEnd, "unexpected end of input", "输入意外结束"},
    {Msg::UnexpectedChar, "unexpected character {0}", "意外的字符 {0}"},
    {Msg::ExpectedValue, "expected a value", "此处应为一个值"},
    {Msg::ExpectedKey, "expected a key in double quotes", "此处应为带双引号的键"},
    {Msg::ExpectedColon, "expected ':' after the key", "键之后应为 ':'"},
    {Msg::ExpectedCommaOrBrace, "expected ',' or '}'", "此处应为 ',' 或 '}'"},
    {Msg::ExpectedCommaOrBracket, "expected ',' or ']'", "此处应为 ',' 或 ']'"},
    {Msg::TrailingComma, "trailing comma is not allowed in JSON", "JSON 不允许末尾逗号"},
    {Msg::TrailingContent, "unexpected content after the value", "值之后有多余的内容"},
    {Msg::CommentNotAllowed, "comments are not allowed in JSON", "JSON 不允许注释"},
    {Msg::SingleQuote, "strings must use double quotes", "字符串必须使用双引号"},
    {Msg::NonFinite, "NaN and Infinity are not JSON values", "NaN 和 Infinity 不是 JSON 值"},
    {Msg::BadNumber, "malformed number", "数字格式错误"},
    {Msg::BadLiteral, "invalid literal '{0}'", "无效的字面量 '{0}'"},
    {Msg::ControlInString, "control character {0} must be escaped in a string", "字符串中的控制字符 {0} 必须转义"},
    {Msg::BadEscape, "invalid escape '{0}'", "无效的转义 '{0}'"},
    {Msg::LoneSurrogate, "lone surrogate {0} is not a character", "单独的代理项 {0} 不是字符"},
    {Msg::InvalidUtf8, "invalid UTF-8: byte 0x{0} (byte {1} of the line)",
     "无效的 UTF-8：字节 0x{0}（本行第 {1} 个字节）"},
    {Msg::Utf16, "expected UTF-8, found UTF-16", "应为 UTF-8，但文件是 UTF-16"},
    {Msg::EmptyJson, "empty JSON file: expected an array of records or one record object",
     "JSON 文件为空：应为记录数组或单个记录对象"},
    {Msg::NotArrayOrObject, "the JSON document must be an array of records or one record object",
     "JSON 文档必须是记录数组或单个记录对象"},
    {Msg::TooDeep, "nesting deeper than {0}", "嵌套深度超过 {0}"},
    {Msg::MismatchedBracket, "'{0}' does not close '{1}'", "'{0}' 与 '{1}' 不匹配"},
    {Msg::TooLarge, "record is over {0} bytes; its fields were not checked", "记录超过 {0} 字节，未检查其字段"},
    {Msg::NotAnObject, "record must be a JSON object, found {0}", "记录必须是 JSON 对象，实际为{0}"},
    {Msg::AtColumn, "column {0}: {1}", "第 {0} 列：{1}"},
    {Msg::CsvUnterminatedQuote, "unterminated quoted field opened at line {0}",
     "第 {0} 行开始的带引号字段没有结束引号"},
    {Msg::CsvStrayQuote, "quote inside an unquoted field (row {0}, field {1})",
     "未加引号的字段中出现引号（第 {0} 行，第 {1} 个字段）"},
    {Msg::CsvQuoteNotClosed, "expected ',' or a line end after the closing quote, found {0}",
     "结束引号之后应为 ',' 或换行，实际为 {0}"},
    {Msg::CsvRagged, "row {0} has {1} fields, expected {2}", "第 {0} 行有 {1} 个字段，应为 {2} 个"},
    {Msg::CsvInvalidUtf8, "field {1} ({2}) of row {0} is not valid UTF-8",
     "第 {0} 行的第 {1} 个字段（{2}）不是有效的 UTF-8"},
    {Msg::CsvHeaderUnknown, "unknown column name in the header: {0}", "表头中有未知的列名：{0}"},
    {Msg::CsvHeaderUnknownMany, "unknown column names in the header: {0}", "表头中有未知的列名：{0}"},
    {Msg::CsvHeaderEmpty, "empty column name in the header (field {0})", "表头第 {0} 个字段的列名为空"},
    {Msg::CsvHeaderDuplicate, "duplicate column name in the header: {0}", "表头中的列名重复：{0}"},
    {Msg::CannotRead, "cannot read the file: {0}", "无法读取文件：{0}"},
};

}  // namespace

std::string format(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        if (c == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
            pattern[i + 1] <= '9') {
            std::size_t n = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (n < args.size()) out += *(args.begin() + n);
            i += 2;
            continue;
        }
        out += c;
    }
    return out;
}

std::string NameList::str(Lang lang) const {
    std::string out;
    for (const std::string& name : listed_) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    if (count_ > listed_.size()) {
        const std::string more = std::to_string(count_ - listed_.size());
        out += lang == Lang::ZhCN ? format("……等另外 {0} 个", {more}) : format(", … and {0} more", {more});
    }
    return out;
}

std::string hex_byte(unsigned char byte) {
    static const char kDigits[] = "0123456789ABCDEF";
    return {kDigits[byte >> 4], kDigits[byte & 0xF]};
}

std::string message(Lang lang, Msg id, std::initializer_list<std::string_view> args) {
    for (const Entry& e : kMessages) {
        if (e.id == id) return format(lang == Lang::ZhCN ? e.zh : e.en, args);
    }
    assert(false && "message id without text");
    return {};
}

}  // namespace ftblock::detail
