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

int bad_usage(Lang lang, const std::string& en, const std::string& zh) {
    std::fprintf(stderr, "ftblock: %s\n", (lang == Lang::ZhCN ? zh : en).c_str());
    return 2;
}

class PreviousLoader : public RecordSink {
public:
    PreviousLoader(PreviousIndex& index, Date today) : index_(index), today_(today) {}
    void on_record(std::size_t, std::uint64_t, Record& record) override { index_.add(record, today_); }

private:
    PreviousIndex& index_;
    Date today_;
};

int run(const cli::Options& o) {
    std::shared_ptr<const Playbook> playbook = builtin_playbook();
    if (!o.playbook.empty()) {
        std::string text;
        std::string err = read_blocks(o.playbook, [&](std::string_view b) {
            text.append(b);
            return true;
        });
        if (!err.empty())
            return bad_usage(o.lang, "cannot read the playbook file " + o.playbook + ": " + err,
                             "无法读取行动手册文件 " + o.playbook + "：" + err);
        PlaybookResult loaded = load_playbook(text);
        if (!loaded.playbook)
            return bad_usage(o.lang, "the playbook file " + o.playbook + " is not usable: " + loaded.error,
                             "行动手册文件 " + o.playbook + " 无法使用：" + loaded.error);
        playbook = loaded.playbook;
    }
    if (o.command == cli::Command::Schema) {
        std::string schema = json_schema(*playbook);
        std::fwrite(schema.data(), 1, schema.size(), stdout);
        return 0;
    }

    const Date today = o.today ? *o.today : local_today();
    PreviousIndex previous(*playbook);
    for (const std::string& path : o.previous) {
        PreviousLoader loader(previous, today);
        auto reader = make_reader(format_from_file_name(path), *playbook, o.lang, loader);
        std::string err = read_blocks(path, [&](std::string_view b) {
            reader->feed(b);
            return !reader->failed();
        });
        if (!err.empty())
            return bad_usage(o.lang, "cannot read the --previous file " + path + ": " + err,
                             "无法读取 --previous 文件 " + path + "：" + err);
        reader->finish();
        if (reader->failed()) {
            const FileError& e = reader->error();
            return bad_usage(o.lang,
                             "the --previous file " + path + ":" + std::to_string(e.line) + ":" +
                                 std::to_string(e.column) + " cannot be read: " + e.message,
                             "--previous 文件 " + path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) +
                                 " 无法读取：" + e.message);
        }
    }

    ValidationContext context{o.lang, today, &previous};
    Report report(o.format, o.lang);
    Output out{report.out()};
    report.begin();
    for (const std::string& path : o.files) {
        InputFormat format = o.input_format != InputFormat::Auto ? o.input_format : format_from_file_name(path);
        CheckedInput input(report, *playbook, context, path, format);
        std::string err = read_blocks(path, [&](std::string_view b) {
            input.feed(b);
            out.drain();
            return true;
        });
        if (!err.empty()) {
            input.fail(FileError{0, 0, o.lang == Lang::ZhCN ? "无法读取文件：" + err : "cannot read the file: " + err});
        } else {
            input.finish();
        }
        if (const FileError* e = input.file_error()) {  // exit 2: say it on stderr too
            std::string where = path;
            if (e->line) where += ":" + std::to_string(e->line) + ":" + std::to_string(e->column);
            std::fprintf(stderr, "ftblock: %s: error: %s\n", where.c_str(), e->message.c_str());
        }
        out.drain();
    }
    report.end();
    out.drain();
    std::fflush(stdout);
    return report.exit_code();
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
