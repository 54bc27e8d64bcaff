// The one-line progress of a long check on a terminal's stderr (records, MB, rate), redrawn in
// place with CR and cleared at the end; silent when stderr is not a terminal or the run is short.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "ftblock/messages.h"

namespace ftblock::cli {

class Progress {
public:
    Progress(Lang lang, bool enabled, bool stdout_is_terminal);
    ~Progress() { clear(); }
    void update(std::size_t records, std::uint64_t bytes);  // cheap: redraws at most 4 times a second
    void before_output() {                                  // the report's lines must not land on the progress line
        if (stdout_is_terminal_) clear();
    }
    void clear();  // at the end, and before a message on stderr

private:
    using Clock = std::chrono::steady_clock;
    Lang lang_;
    bool enabled_;
    bool stdout_is_terminal_;
    Clock::time_point start_, last_;
    std::size_t shown_ = 0;  // width of the line on screen (0: none)
};

}  // namespace ftblock::cli
