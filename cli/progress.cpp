#include "progress.h"

#include <cstdio>
#include <string>

namespace ftblock::cli {

Progress::Progress(Lang lang, bool enabled, bool stdout_is_terminal)
    : lang_(lang), enabled_(enabled), stdout_is_terminal_(stdout_is_terminal), start_(Clock::now()), last_(start_) {}

void Progress::update(std::size_t records, std::uint64_t bytes) {
    if (!enabled_) return;
    const Clock::time_point now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    if (seconds < 1.0 || (shown_ && now - last_ < std::chrono::milliseconds(250))) return;
    last_ = now;
    char mb[32];
    std::snprintf(mb, sizeof mb, "%.1f", static_cast<double>(bytes) / 1e6);
    const std::string line =
        say(lang_, Msg::CliProgress,
            {std::to_string(records), mb, std::to_string(static_cast<std::uint64_t>(records / seconds))});
    std::string out = "\r" + line;
    if (line.size() < shown_) out.append(shown_ - line.size(), ' ');  // wipe a longer previous line
    std::fputs(out.c_str(), stderr);
    std::fflush(stderr);
    shown_ = line.size();
}

void Progress::clear() {
    if (!shown_) return;
    std::string out = "\r" + std::string(shown_, ' ') + "\r";
    std::fputs(out.c_str(), stderr);
    std::fflush(stderr);
    shown_ = 0;
}

}  // namespace ftblock::cli
