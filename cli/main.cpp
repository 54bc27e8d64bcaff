// ftblock — the command-line checker (docs/record-format.md#command-line). The host: it reads files and the
// clock and writes to stdout/stderr; every decision is the core's.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "ftblock/check.h"
#include "ftblock/messages.h"
#include "ftblock/playbook.h"
#include "ftblock/report.h"
#include "ftblock/schema.h"
#include "ftblock/simd.h"
#include "ftblock/suggest.h"
#include "ftblock/validator.h"
#include "ftblock/writer.h"
#include "options.h"
#include "parallel.h"
#include "progress.h"

namespace {

using namespace ftblock;

constexpr std::size_t kBlock = 1 << 20;

struct Output {
    std::string& buffer;
    cli::Progress& progress;
    void drain() { cli::write_report(buffer, progress); }  // after each block read: records reported as checked
};

// -j's default: one thread per core.
int default_jobs() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n > 256 ? 256 : static_cast<int>(n);
}

// The pieces' size; FTBLOCK_PIECE_BYTES (not documented: for the tests, which cut small inputs
// into many pieces) overrides the 1 MiB default.
std::size_t piece_bytes() {
    const char* v = std::getenv("FTBLOCK_PIECE_BYTES");
    if (v && *v) {
        char* end = nullptr;
        const unsigned long long n = std::strtoull(v, &end, 10);
        if (end && *end == '\0' && n > 0) return static_cast<std::size_t>(n);
    }
    return std::size_t{1} << 20;
}

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

// ftblock suggest (docs/suggest.md): one note → a JSON line, or a line and the ranking as text.
std::string suggestion_output(const cli::Options& o, const Playbook& playbook, std::string_view note) {
    const L2Model& model = *builtin_l2_model();
    L2Suggestion s = suggest_l2(model, note);
    const std::size_t top = static_cast<std::size_t>(o.top ? o.top : o.format == ReportFormat::Json ? 8 : 3);
    const ValueList* l2s = playbook.list_of(playbook.l2_fit_field);
    auto label = [&](const std::string& id) {
        const Choice* c = l2s ? l2s->find(id) : nullptr;
        return c ? c->label.in(o.lang) : id;
    };
    if (o.format == ReportFormat::Json) return l2_suggestion_json(note, s, top) + "\n";
    std::string quoted;
    append_json_string(quoted, note);  // one line, whatever the note holds
    std::string out = s.suggested.empty() ? say(o.lang, Msg::SuggestNone, {quoted})
                                          : say(o.lang, Msg::SuggestNote, {quoted, label(s.suggested), s.suggested});
    out += "\n";
    for (std::size_t i = 0; i < s.ranking.size() && i < top; ++i) {
        const L2Rank& r = s.ranking[i];
        std::string words;
        for (std::size_t k = 0; k < r.evidence.size(); ++k) {
            if (k) words += say(o.lang, Msg::WordSeparator);
            words += r.evidence[k];
        }
        std::string evidence = words.empty() ? "" : say(o.lang, Msg::SuggestEvidence, {words});
        out += say(o.lang, Msg::SuggestRank,
                   {std::to_string(i + 1), label(r.l2), r.l2, std::to_string(r.score), evidence});
        out += "\n";
    }
    return out;
}

int run_suggest(const cli::Options& o) {
    const Playbook& playbook = *builtin_playbook();
    auto emit = [](const std::string& text) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);  // a note per line of a pipe: answered as it comes
    };
    for (const std::string& arg : o.files) {
        if (arg != "-") {
            emit(suggestion_output(o, playbook, arg));
            continue;
        }
        std::string pending;
        read_blocks("-", [&](std::string_view block) {
            pending.append(block);
            std::size_t start = 0, nl;
            while ((nl = pending.find('\n', start)) != std::string::npos) {
                std::string_view line(pending.data() + start, nl - start);
                if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                emit(suggestion_output(o, playbook, line));
                start = nl + 1;
            }
            pending.erase(0, start);
            return true;
        });
        if (!pending.empty()) emit(suggestion_output(o, playbook, pending));
    }
    return 0;
}

int run(const cli::Options& o) {
    if (o.command == cli::Command::Suggest) return run_suggest(o);
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
    cli::Progress progress(o.lang, ::isatty(STDERR_FILENO) == 1, ::isatty(STDOUT_FILENO) == 1);
    Output out{run.out(), progress};
    const int jobs = o.jobs ? o.jobs : default_jobs();
    if (jobs > 1) {
        cli::check_in_parallel(o, *playbook, run, jobs, piece_bytes(), progress);
        run.finish();
        out.drain();
        progress.clear();
        return run.exit_code();
    }
    std::uint64_t bytes_read = 0;
    for (const std::string& path : o.files) {
        run.begin_input(path, o.input_format);
        std::string err = read_blocks(path, [&](std::string_view b) {
            run.feed(b);
            out.drain();
            bytes_read += b.size();
            progress.update(run.summary().records, bytes_read);
            return true;
        });
        if (!err.empty()) run.fail_input(err);
        if (const FileError* e = run.end_input()) {  // exit 2: say it on stderr too
            std::string where = path;
            if (e->line) where += ":" + std::to_string(e->line) + ":" + std::to_string(e->column);
            progress.clear();
            std::fprintf(stderr, "ftblock: %s: error: %s\n", where.c_str(), e->message.c_str());
        }
        out.drain();
    }
    run.finish();
    out.drain();
    progress.clear();
    std::fflush(stdout);
    return run.exit_code();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    cli::ParseResult parsed = cli::parse_options(args, std::getenv("LANG"));
    const cli::Options& o = parsed.options;
    if (!parsed.error.empty()) return usage_error(o.lang, parsed.error);
    if (const char* simd = std::getenv("FTBLOCK_SIMD")) {  // benchmarks: a lower level of block scans
        SimdLevel level = SimdLevel::Scalar;
        if (!parse_simd_level(simd, level)) return bad_usage(o.lang, Msg::CliBadSimd, {simd});
        set_simd_level(level);
    }
    switch (o.command) {
        case cli::Command::Help: std::fputs(cli::usage(o.lang).c_str(), stdout); return 0;
        case cli::Command::Version:
            std::printf("ftblock %s (playbook data %s, block scans %s)\n", FTBLOCK_VERSION,
                        builtin_playbook()->version.c_str(), simd_level_name(simd_level()));
            return 0;
        default: return run(o);
    }
}
