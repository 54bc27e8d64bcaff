// Private: what the core's message code shares beyond the public catalog (ftblock/messages.h):
// bounded name lists and the conventions for positions. The public list of diagnostics is
// docs/diagnostics.md.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ftblock/messages.h"

namespace ftblock::detail {

// Names listed in a message, bounded however many there are: the first kMaxListed in full,
// then "… and N more" (NameListMore). Adding costs O(1) once the list is full.
class NameList {
public:
    static constexpr std::size_t kMaxListed = 20;

    void add(std::string_view name) {
        if (listed_.size() < kMaxListed) listed_.emplace_back(name);
        ++count_;
    }
    std::size_t size() const { return count_; }
    MessageArg arg() const;  // the list as a message argument
    std::string str(Lang lang) const {
        MessageArg a = arg();
        return a.message ? a.message->in(lang) : a.text;
    }

private:
    std::vector<std::string> listed_;
    std::size_t count_ = 0;
};

// Positions in messages (one convention everywhere): "line N" and "column N" count from 1, a
// column counts code points; where a byte helps (invalid UTF-8), "byte N of the line" counts
// bytes from 1 at the start of that line (after a UTF-8 BOM on line 1). CSV cells are "field N".
std::string hex_byte(unsigned char byte);  // "FF"

}  // namespace ftblock::detail
