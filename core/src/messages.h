// Private: every sentence the core says, in both languages, in one table (messages.cpp).
// Arguments are substituted for {0}, {1}, … ; the public catalog is docs/diagnostics.md.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "ftblock/text.h"

namespace ftblock::detail {

enum class Msg {
    // reading: JSON / JSON Lines
    UnexpectedEnd,   // unexpected end of input
    UnexpectedChar,  // {0}: the character
    ExpectedValue,
    ExpectedKey,
    ExpectedColon,
    ExpectedCommaOrBrace,
    ExpectedCommaOrBracket,
    TrailingComma,
    TrailingContent,  // unexpected content after the value
    CommentNotAllowed,
    SingleQuote,
    NonFinite,  // NaN / Infinity
    BadNumber,
    BadLiteral,       // {0}: what was found (e.g. "tru")
    ControlInString,  // {0}: U+XXXX
    BadEscape,        // {0}: the escape
    LoneSurrogate,    // {0}: \uXXXX
    InvalidUtf8,      // {0}: the byte (hex), {1}: its byte number in the line (1-based)
    Utf16,
    EmptyJson,
    NotArrayOrObject,
    TooDeep,            // {0}: the limit
    MismatchedBracket,  // {0}: found, {1}: expected
    TooLarge,           // {0}: the limit in bytes
    NotAnObject,        // {0}: what it is (array / string / number / …)
    AtColumn,           // {0}: column, {1}: message — record-level detail with a position
    // reading: CSV
    CsvUnterminatedQuote,  // {0}: line where the quoted field opened
    CsvStrayQuote,         // {0}: row (line), {1}: field number
    CsvQuoteNotClosed,     // {0}: what follows the closing quote
    CsvRagged,             // {0}: row (line), {1}: fields found, {2}: fields expected
    CsvInvalidUtf8,        // {0}: row (line), {1}: field number, {2}: column name
    CsvHeaderUnknown,      // {0}: the name
    CsvHeaderUnknownMany,  // {0}: the names (NameList)
    CsvHeaderEmpty,        // {0}: field number
    CsvHeaderDuplicate,    // {0}: the name
    // files
    CannotRead,  // {0}: the reason
};

std::string message(Lang lang, Msg id, std::initializer_list<std::string_view> args = {});
std::string format(std::string_view pattern, std::initializer_list<std::string_view> args);

// Names listed in a message, bounded however many there are: the first kMaxListed in full,
// then "… and N more" ("……等另外 N 个"). Adding costs O(1) once the list is full.
class NameList {
public:
    static constexpr std::size_t kMaxListed = 20;

    void add(std::string_view name) {
        if (listed_.size() < kMaxListed) listed_.emplace_back(name);
        ++count_;
    }
    std::size_t size() const { return count_; }
    std::string str(Lang lang) const;

private:
    std::vector<std::string> listed_;
    std::size_t count_ = 0;
};

// Positions in messages (one convention everywhere): "line N" and "column N" count from 1, a
// column counts code points; where a byte helps (invalid UTF-8), "byte N of the line" counts
// bytes from 1 at the start of that line (after a UTF-8 BOM on line 1). CSV cells are "field N".
std::string hex_byte(unsigned char byte);  // "FF"

}  // namespace ftblock::detail
