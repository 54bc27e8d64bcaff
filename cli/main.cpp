// ftblock — the command-line checker (docs/record-format.md#command-line). The host: it reads files and the
// clock and writes to stdout/stderr; every decision is the core's.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "ftblock/check.h"
#include "ftblock/messages.h"
#include "ftblock/playbook.h"
#include "ftblock/report.h"
#include "ftblock/schema.h"
#include "ftblock/validator.h"
#include "options.h"

namespace {

using namespace ftblock;

constexpr std::size_t kBlock = 1 << 20;

struct Output {
    std::string& buffer;
    void drain() {  // after each block read: records are reported as they are checked
        if (buffer.empty()) return;
        std::fwrite(buffer.data(), 1, buffer.size(), stdout);
        std::fflush(stdout);
        buffer.clear();
    }
};

// Feeds a file (or stdin for "-") to `feed` in blocks as they arrive (read(2), so records from
// a pipe are reported without waiting for a full block); returns an error text, or "" on success.
template <typename Feed>
std::string read_blocks(const std::string& path, Feed&& feed) {
    int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::strerror(errno);
    std::vector<char> block(kBlock);
    std::string error;
    for (;;) {
        ssize_t n = ::read(fd, block.data(), block.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::strerror(errno);
            break;
        }
        if (n == 0 || !feed(std::string_view(block.data(), static_cast<std::size_t>(n)))) break;
    }
    if (fd != STDIN_FILENO) ::close(fd);
    return error;
}

Date local_today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

int usage_error(Lang lang, const std::string& message) {
    std::fprintf(stderr, "ftblock: %s\n\n%s", message.c_str(), cli::usage(lang).c_str());
    return 2;
}

int bad_usage(Lang lang, Msg id, std::initializer_list<std::string_view> args) {
    std::fprintf(stderr, "ftblock: %s\n", say(lang, id, args).c_str());
    return 2;
}

int run(const cli::Options& o) {
    std::shared_ptr<const Playbook> playbook = builtin_playbook();
    if (!o.playbook.empty()) {
        std::string text;
        std::string err = read_blocks(o.playbook, [&](std::string_view b) {
            text.append(b);
            return true;
        });
        if (!err.empty()) return bad_usage(o.lang, Msg::CliCannotReadPlaybook, {o.playbook, err});
        PlaybookResult loaded = load_playbook(text);
        if (!loaded.playbook) return bad_usage(o.lang, Msg::CliPlaybookUnusable, {o.playbook, loaded.error});
        playbook = loaded.playbook;
    }
    if (o.command == cli::Command::Schema) {
        std::string schema = json_schema(*playbook);
        std::fwrite(schema.data(), 1, schema.size(), stdout);
        return 0;
    }

    const Date today = o.today ? *o.today : local_today();
    auto previous = std::make_unique<PreviousRecords>(*playbook, today);
    for (const std::string& path : o.previous) {
        previous->begin_file(format_from_file_name(path), o.lang);
        std::string err = read_blocks(path, [&](std::string_view b) {
            previous->feed(b);
            return !previous->failed();
        });
        if (!err.empty()) return bad_usage(o.lang, Msg::CliCannotReadPrevious, {path, err});
        if (const FileError* e = previous->end_file())
            return bad_usage(o.lang, Msg::CliPreviousUnreadable,
                             {path, std::to_string(e->line), std::to_string(e->column), e->message});
    }

    CheckRun run(*playbook, o.format, o.lang, today, std::move(previous));
    Output out{run.out()};
    for (const std::string& path : o.files) {
        run.begin_input(path, o.input_format);
        std::string err = read_blocks(path, [&](std::string_view b) {
            run.feed(b);
            out.drain();
            return true;
        });
        if (!err.empty()) run.fail_input(err);
        if (const FileError* e = run.end_input()) {  // exit 2: say it on stderr too
            std::string where = path;
            if (e->line) where += ":" + std::to_string(e->line) + ":" + std::to_string(e->column);
            std::fprintf(stderr, "ftblock: %s: error: %s\n", where.c_str(), e->message.c_str());
        }
        out.drain();
    }
    run.finish();
    out.drain();
    std::fflush(stdout);
    return run.exit_code();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    cli::ParseResult parsed = cli::parse_options(args, std::getenv("LANG"));
    const cli::Options& o = parsed.options;
    if (!parsed.error.empty()) return usage_error(o.lang, parsed.error);
    switch (o.command) {
        case cli::Command::Help: std::fputs(cli::usage(o.lang).c_str(), stdout); return 0;
        case cli::Command::Version:
            std::printf("ftblock %s (playbook data %s)\n", FTBLOCK_VERSION, builtin_playbook()->version.c_str());
            return 0;
        default: return run(o);
    }
}
