// ftblock_form_bench — what the form costs with many drafts (issue 9, item 6): the form of web/
// driven headless, natively, the way tests/web/ui_harness.h drives it (an ImGui context fed
// synthetic input, frame by frame, a fake Host standing in for the browser). For each size it
// prints the import time, one keystroke in the Customer field (median and p90, split into the
// app's frames and the host's storage writes) and the load time of a new App over the same
// storage (a reload). A program that prints figures, not a timed test (CONTRIBUTING.md#running-tests).
//
//   ftblock_form_bench [--sizes 1,100,1000,10000,100000] [--keystrokes 30] [--timeout 60]
//                      [--seed 1] [--max-file-mb M]
//
// Each size runs in a forked child; one that is still going after --timeout seconds is killed
// and its phase is reported as "> S s" (the form of commit 83359c2 is quadratic in the number
// of drafts). The records come from generate.cpp (the JSON array flavour, which has no broken
// syntax: the form imports all or nothing) as one JSON Lines file, or several files of at most
// --max-file-mb MB. The form starts with one blank draft of its own, so N imported records
// make N + 1 drafts; the table shows the count the form reports.
//
// The bench compiles against the form before and after the per-draft store (web/app.h's
// StoreContents, StoreBatch, Host::store_open/store_write, App::store_done): where they exist
// its host implements the store and acknowledges every write at once after the frame, so the
// store path is what it measures; where they do not, the form saves through storage_set.
#include <imgui.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "app.h"
#include "generate.h"

// Declared (and defined) by web/app.h once the per-draft store exists; before that these stay
// incomplete types, which is what StoreHost below checks.
namespace ftblock::web {
struct StoreContents;
struct StoreBatch;
}  // namespace ftblock::web

namespace {

using namespace ftblock;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// ---------------------------------------------------------------------------------------------
// The host: tests/web/ui_harness.h's FakeHost, reduced to what the bench needs, counting the
// storage writes (calls, bytes, time spent in them).
class BenchHost : public web::Host {
public:
    static constexpr bool kStore = false;
    std::map<std::string, std::string> storage;
    std::uint64_t writes = 0, bytes = 0;  // storage_set or store_write calls, and what they carried
    double write_s = 0;                   // time spent inside them

    Date today() override { return Date{2026, 11, 24}; }  // generate.cpp's "today"
    bool storage_available() override { return true; }
    bool storage_get(const std::string& key, std::string& value) override {
        auto it = storage.find(key);
        if (it == storage.end()) return false;
        value = it->second;
        return true;
    }
    bool storage_set(const std::string& key, const std::string& value) override {
        const Clock::time_point start = Clock::now();
        storage[key] = value;
        ++writes;
        bytes += value.size();
        write_s += seconds_since(start);
        return true;
    }
    void storage_remove(const std::string& key) override { storage.erase(key); }
    void download(const std::string&, const std::string&, const std::string&) override {}
    void copy_text(const std::string&) override {}
    void open_import_dialog() override {}
    template <class A>
    void acknowledge(A&) {}  // nothing is pending without the per-draft store
};

template <class T, class = void>
struct IsComplete : std::false_type {};
template <class T>
struct IsComplete<T, std::void_t<decltype(sizeof(T))>> : std::true_type {};
template <class T, class>
struct Dependent {  // T, looked into only when a template is instantiated
    using type = T;
};

// With the per-draft store: one map of uid → draft JSON plus the meta object, like IndexedDB's
// object store; every write succeeds and is acknowledged after the frame that made it.
template <class Contents, class Batch, class = void>
class StoreHost : public BenchHost {};

template <class Contents, class Batch>
class StoreHost<Contents, Batch, std::enable_if_t<IsComplete<Contents>::value && IsComplete<Batch>::value>>
    : public BenchHost {
public:
    static constexpr bool kStore = true;
    using State =
        decltype(std::declval<typename Dependent<web::Host, Contents>::type&>().store_open(std::declval<Contents&>()));

    State store_open(Contents& contents) override {
        for (const auto& [uid, json] : drafts_) contents.drafts.push_back({uid, json});
        contents.meta = meta_;
        return State::Ready;
    }
    void store_write(std::uint64_t batch_id, const Batch& batch) override {
        const Clock::time_point start = Clock::now();
        for (const auto& d : batch.put) {
            drafts_[d.uid] = d.json;
            bytes += d.json.size();
        }
        for (std::uint64_t uid : batch.remove) drafts_.erase(uid);
        if (!batch.meta.empty()) {
            meta_ = batch.meta;
            bytes += batch.meta.size();
        }
        ++writes;
        pending_.push_back(batch_id);
        write_s += seconds_since(start);
    }
    template <class A>
    void acknowledge(A& app) {
        // store_done may hand over the next batch at once: keep going (bounded, in case it never stops).
        for (int round = 0; round < 100 && !pending_.empty(); ++round) {
            std::vector<std::uint64_t> done;
            done.swap(pending_);
            for (std::uint64_t id : done) app.store_done(id, true, std::string());
        }
    }

private:
    std::map<std::uint64_t, std::string> drafts_;
    std::string meta_;
    std::vector<std::uint64_t> pending_;
};

using Host = StoreHost<web::StoreContents, web::StoreBatch>;

// App::importing() exists with the streamed import; before it, import_file finished at once.
template <class A>
auto importing(const A& app, int) -> decltype(app.importing()) {
    return app.importing();
}
template <class A>
bool importing(const A&, long) {
    return false;
}

// ---------------------------------------------------------------------------------------------
// The form in an ImGui context (ui_harness.h's Ui without doctest).
class Form {
public:
    explicit Form(Host& host) : host_(host) {
        ctx_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1280, 1000);
        io.IniFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        unsigned char* pixels;
        int w, h;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k + 1;
    }
    ~Form() {
        app_.reset();
        ImGui::DestroyContext(ctx_);
    }
    void start() { app_ = std::make_unique<web::App>(host_, Lang::En); }  // what a page load does
    web::App& app() { return *app_; }

    void frame() {
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        app_->frame();
        ImGui::Render();
        host_.acknowledge(*app_);
    }
    bool click(const std::string& name) {
        nlohmann::json rects = nlohmann::json::parse(app_->item_rects_json());
        if (!rects.contains(name)) return false;
        const auto& r = rects[name];
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos =
            ImVec2(r[0].get<float>() + r[2].get<float>() * 0.5f, r[1].get<float>() + r[3].get<float>() * 0.5f);
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        frame();
        return true;
    }
    std::size_t draft_count() {  // the drafts the form holds (drafts_json has one "uid" each)
        const std::string json = app_->drafts_json();
        std::size_t n = 0;
        for (std::size_t p = json.find("\"uid\":"); p != std::string::npos; p = json.find("\"uid\":", p + 1)) ++n;
        return n;
    }

private:
    Host& host_;
    ImGuiContext* ctx_;
    std::unique_ptr<web::App> app_;
};

// ---------------------------------------------------------------------------------------------
// The data: generate.cpp's JSON array (no broken syntax) turned into JSON Lines. Its records
// hold no raw newline (strings escape it), so every newline ends an element.
std::vector<std::string> jsonl_files(std::uint64_t n, std::uint64_t seed, double max_file_mb) {
    char* buf = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&buf, &size);
    ftblock_bench::generate(out, n, ftblock_bench::Format::Json, seed);
    std::fclose(out);
    const std::string array(buf, size);
    std::free(buf);
    const std::size_t limit =
        max_file_mb > 0 ? static_cast<std::size_t>(max_file_mb * 1e6) : std::string::npos;  // 10^6 bytes
    std::vector<std::string> files(1);
    std::size_t start = 1;  // after '['
    while (start < array.size()) {
        std::size_t end = array.find('\n', start);
        if (end == std::string::npos) break;  // "]\n" was the last line
        std::size_t stop = end;
        if (array[stop - 1] == ',' || array[stop - 1] == ']') --stop;  // "},": between elements, "}]": the last
        if (stop > start) {
            if (!files.back().empty() && files.back().size() + (stop - start) + 1 > limit) files.emplace_back();
            files.back().append(array, start, stop - start);
            files.back() += '\n';
        }
        start = end + 1;
    }
    return files;
}

// ---------------------------------------------------------------------------------------------
// One size, in the child: "key value" lines to `out` as each phase ends ("phase NAME" as it
// begins), so the parent knows where a killed run was.
struct Keystroke {
    double total_s, write_s;
    std::uint64_t writes, bytes;
    int frames;
};

double quantile(std::vector<double> v, double q) {  // nearest rank
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t rank = static_cast<std::size_t>(q * static_cast<double>(v.size()) + 0.999999);
    return v[std::min(v.size(), std::max<std::size_t>(rank, 1)) - 1];
}

void say(std::FILE* out, const char* key, double value) {
    std::fprintf(out, "%s %.9g\n", key, value);
    std::fflush(out);
}

void measure(std::FILE* out, std::uint64_t n, int keystrokes, std::uint64_t seed, double max_file_mb) {
    const std::vector<std::string> files = jsonl_files(n, seed, max_file_mb);
    std::uint64_t file_bytes = 0;
    for (const std::string& f : files) file_bytes += f.size();
    say(out, "file_bytes", static_cast<double>(file_bytes));
    say(out, "files", static_cast<double>(files.size()));

    Host host;
    auto form = std::make_unique<Form>(host);
    form->start();
    form->frame();
    form->frame();

    // Import: every file handed over, then frames until the form has them and is idle again.
    std::fprintf(out, "phase import\n");
    std::fflush(out);
    Clock::time_point start = Clock::now();
    int frames = 0;
    for (std::size_t k = 0; k < files.size(); ++k) {
        form->app().import_file("records-" + std::to_string(k + 1) + ".jsonl", files[k]);
        do {
            form->frame();
            ++frames;
        } while (importing(form->app(), 0));
    }
    say(out, "import_s", seconds_since(start));
    say(out, "import_frames", frames);
    const std::size_t drafts = form->draft_count();
    say(out, "drafts", static_cast<double>(drafts));
    if (n > 0 && drafts <= 1) {  // nothing added: the other figures would describe an empty form
        std::fprintf(out, "refused 1\nerror the form added nothing (a file over its size limit? see --max-file-mb)\n");
        return;
    }

    // One keystroke: a character into the active Customer field, then the frames until nothing
    // more is written (at least two: the edit, then the frame that draws its consequences).
    std::fprintf(out, "phase keystroke\n");
    std::fflush(out);
    // A click that does not make the field active (something swallowed it) is repeated, and
    // counted: the table's notes show it.
    int clicks = 0;
    while (clicks < 3 && !ImGui::GetIO().WantTextInput) {
        if (!form->click("field_customer")) {
            std::fprintf(out, "error no field_customer rectangle\n");
            return;
        }
        ++clicks;
    }
    say(out, "clicks", clicks);
    if (!ImGui::GetIO().WantTextInput) {
        std::fprintf(out, "error the Customer field is not active after 3 clicks\n");
        return;
    }
    for (int k = 0; k < 3; ++k) form->frame();
    std::vector<Keystroke> ks;
    for (int k = 0; k < keystrokes; ++k) {
        host.writes = host.bytes = 0;
        host.write_s = 0;
        Keystroke s{};
        start = Clock::now();
        ImGui::GetIO().AddInputCharactersUTF8("x");
        std::uint64_t writes_before = 0;
        do {
            writes_before = host.writes;
            form->frame();
            ++s.frames;
        } while (s.frames < 2 || (host.writes != writes_before && s.frames < 5));
        s.total_s = seconds_since(start);
        s.write_s = host.write_s;
        s.writes = host.writes;
        s.bytes = host.bytes;
        ks.push_back(s);
    }
    std::vector<double> total, app, write, writes, bytes, key_frames;
    for (const Keystroke& s : ks) {
        total.push_back(s.total_s);
        app.push_back(s.total_s - s.write_s);
        write.push_back(s.write_s);
        writes.push_back(static_cast<double>(s.writes));
        bytes.push_back(static_cast<double>(s.bytes));
        key_frames.push_back(s.frames);
    }
    say(out, "key_median_s", quantile(total, 0.5));
    say(out, "key_p90_s", quantile(total, 0.9));
    say(out, "key_app_median_s", quantile(app, 0.5));
    say(out, "key_write_median_s", quantile(write, 0.5));
    say(out, "key_writes_median", quantile(writes, 0.5));
    say(out, "key_bytes_median", quantile(bytes, 0.5));
    say(out, "key_frames_max", quantile(key_frames, 1.0));
    // The typed text must have landed in the record, or the figures measured nothing.
    const nlohmann::json current = nlohmann::json::parse(form->app().current_json());
    const auto it = current.find("customer");
    const std::string customer = it != current.end() && it->is_string() ? it->get<std::string>() : std::string();
    const std::string typed(static_cast<std::size_t>(keystrokes), 'x');
    say(out, "typed_ok",
        customer.size() >= typed.size() && customer.compare(customer.size() - typed.size(), typed.size(), typed) == 0);

    std::vector<double> idle;  // a frame without input
    for (int k = 0; k < 10; ++k) {
        start = Clock::now();
        form->frame();
        idle.push_back(seconds_since(start));
    }
    say(out, "idle_median_s", quantile(idle, 0.5));

    // Load: a new page over the same storage — a new ImGui context (untimed), the App, its first frame.
    std::fprintf(out, "phase load\n");
    std::fflush(out);
    form.reset();
    form = std::make_unique<Form>(host);
    start = Clock::now();
    form->start();
    form->frame();
    say(out, "load_s", seconds_since(start));
    say(out, "loaded_drafts", static_cast<double>(form->draft_count()));
    std::fprintf(out, "phase done\n");
    std::fflush(out);
}

// ---------------------------------------------------------------------------------------------
// The parent: one child per size, a deadline, the table.
struct Result {
    std::uint64_t n = 0;
    std::map<std::string, double> v;
    std::string phase;     // the last phase begun
    std::string status;    // "" finished, else why not
    bool refused = false;  // the form added nothing from the file(s)
    double peak_mib = 0;
    bool has(const char* key) const { return v.count(key) != 0; }
};

Result run_size(std::uint64_t n, int keystrokes, std::uint64_t seed, double max_file_mb, double timeout_s) {
    Result r;
    r.n = n;
    int fds[2];
    if (pipe(fds) != 0) {
        r.status = "pipe failed";
        return r;
    }
    const Clock::time_point start = Clock::now();
    const pid_t pid = fork();
    if (pid < 0) {
        r.status = "fork failed";
        return r;
    }
    if (pid == 0) {
        close(fds[0]);
        std::FILE* out = fdopen(fds[1], "w");
        measure(out, n, keystrokes, seed, max_file_mb);
        std::fclose(out);
        _exit(0);
    }
    close(fds[1]);
    std::string pending;
    bool timed_out = false;
    for (;;) {
        const double left = timeout_s - seconds_since(start);
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(std::min(left, 1.0) * 1000) + 1) <= 0) continue;
        char buf[4096];
        const ssize_t got = read(fds[0], buf, sizeof buf);
        if (got <= 0) break;
        pending.append(buf, static_cast<std::size_t>(got));
        for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos; pending.erase(0, nl + 1)) {
            const std::string line = pending.substr(0, nl);
            const std::size_t sp = line.find(' ');
            const std::string key = line.substr(0, sp), value = sp == std::string::npos ? "" : line.substr(sp + 1);
            if (key == "phase")
                r.phase = value;
            else if (key == "error")
                r.status = value;
            else if (key == "refused")
                r.refused = true;
            else
                r.v[key] = std::atof(value.c_str());
        }
    }
    close(fds[0]);
    if (timed_out) kill(pid, SIGKILL);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    r.peak_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;
    if (timed_out)
        r.status = "timeout";
    else if (WIFSIGNALED(status))
        r.status = "killed by signal " + std::to_string(WTERMSIG(status)) + " in " + r.phase;
    else if (WEXITSTATUS(status) != 0 || (r.status.empty() && r.phase != "done"))
        r.status = r.status.empty() ? "stopped in " + r.phase : r.status;
    return r;
}

std::string duration(double s) {
    char buf[32];
    if (s < 1e-3)
        std::snprintf(buf, sizeof buf, "%.3f ms", s * 1e3);
    else if (s < 0.1)
        std::snprintf(buf, sizeof buf, "%.2f ms", s * 1e3);
    else if (s < 1)
        std::snprintf(buf, sizeof buf, "%.0f ms", s * 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.2f s", s);
    return buf;
}

std::string bytes_text(double b) {
    char buf[32];
    if (b < 1e4)
        std::snprintf(buf, sizeof buf, "%.0f B", b);
    else if (b < 1e6)
        std::snprintf(buf, sizeof buf, "%.1f kB", b / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.1f MB", b / 1e6);
    return buf;
}

// A figure's cell: the figure; in the first column of a phase (`phase` given), "> S s" when the
// run was killed in it and "refused" for an import that added nothing; else "–".
std::string cell(const Result& r, const char* key, const char* phase, double timeout_s, bool is_bytes = false) {
    if (phase && r.refused && std::string(phase) == "import") return "refused";
    if (r.has(key)) return is_bytes ? bytes_text(r.v.at(key)) : duration(r.v.at(key));
    if (phase && r.status == "timeout" && r.phase == phase) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "> %.0f s", timeout_s);
        return buf;
    }
    return "–";
}

void print_table(const std::vector<Result>& results, double timeout_s) {
    const Result* one = nullptr;
    for (const Result& r : results)
        if (r.n == 1 && r.has("key_median_s")) one = &r;
    std::printf(
        "\n| records | drafts | import | keystroke median | p90 | of it: validate + draw | of it: host writes | "
        "writes | bytes written | idle frame | load | keystroke ÷ 1 record | peak RSS |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Result& r : results) {
        std::string ratio = "–";
        if (one && r.has("key_median_s")) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.2f×", r.v.at("key_median_s") / one->v.at("key_median_s"));
            ratio = buf;
        }
        char drafts[32] = "–", writes[32] = "–", peak[32];
        if (r.has("drafts")) std::snprintf(drafts, sizeof drafts, "%.0f", r.v.at("drafts"));
        if (r.has("key_writes_median")) std::snprintf(writes, sizeof writes, "%.0f", r.v.at("key_writes_median"));
        std::snprintf(peak, sizeof peak, "%.0f MiB", r.peak_mib);
        std::printf("| %llu | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                    static_cast<unsigned long long>(r.n), drafts, cell(r, "import_s", "import", timeout_s).c_str(),
                    cell(r, "key_median_s", "keystroke", timeout_s).c_str(),
                    cell(r, "key_p90_s", nullptr, timeout_s).c_str(),
                    cell(r, "key_app_median_s", nullptr, timeout_s).c_str(),
                    cell(r, "key_write_median_s", nullptr, timeout_s).c_str(), writes,
                    cell(r, "key_bytes_median", nullptr, timeout_s, true).c_str(),
                    cell(r, "idle_median_s", nullptr, timeout_s).c_str(), cell(r, "load_s", "load", timeout_s).c_str(),
                    ratio.c_str(), peak);
    }
    for (const Result& r : results) {  // anything that makes a row mean less than it says
        const unsigned long long n = r.n;
        if (!r.status.empty() && r.status != "timeout") std::printf("%llu records: %s\n", n, r.status.c_str());
        if (!r.refused && r.has("drafts") && r.v.at("drafts") != static_cast<double>(r.n + 1))
            std::printf(
                "%llu records: the form holds %.0f drafts after the import, not %llu (refused or deduplicated)\n", n,
                r.v.at("drafts"), n + 1);
        if (r.has("clicks") && r.v.at("clicks") > 1)
            std::printf("%llu records: the Customer field became active only after %.0f clicks\n", n, r.v.at("clicks"));
        if (r.has("key_frames_max") && r.v.at("key_frames_max") > 2)
            std::printf("%llu records: a keystroke took up to %.0f frames until nothing more was written\n", n,
                        r.v.at("key_frames_max"));
        if (r.has("typed_ok") && r.v.at("typed_ok") == 0)
            std::printf("%llu records: the typed characters are not in the current record's customer\n", n);
        if (r.has("loaded_drafts") && r.has("drafts") && r.v.at("loaded_drafts") != r.v.at("drafts"))
            std::printf("%llu records: %.0f drafts after the reload's first frame, %.0f before\n", n,
                        r.v.at("loaded_drafts"), r.v.at("drafts"));
    }
}

void usage() {
    std::fprintf(stderr,
                 "usage: ftblock_form_bench [--sizes 1,100,1000,10000,100000] [--keystrokes 30] [--timeout 60]\n"
                 "                          [--seed 1] [--max-file-mb M]\n");
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::uint64_t> sizes{1, 100, 1000, 10000, 100000};
    int keystrokes = 30;
    double timeout_s = 60, max_file_mb = 0;
    std::uint64_t seed = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) {
            usage();
            return 2;
        }
        const std::string v = argv[++i];
        if (a == "--sizes") {
            sizes.clear();
            for (std::size_t p = 0; p <= v.size();) {
                const std::size_t comma = std::min(v.find(',', p), v.size());
                sizes.push_back(std::strtoull(v.substr(p, comma - p).c_str(), nullptr, 10));
                p = comma + 1;
            }
        } else if (a == "--keystrokes") {
            keystrokes = std::max(1, std::atoi(v.c_str()));
        } else if (a == "--timeout") {
            timeout_s = std::atof(v.c_str());
        } else if (a == "--seed") {
            seed = std::strtoull(v.c_str(), nullptr, 10);
        } else if (a == "--max-file-mb") {
            max_file_mb = std::atof(v.c_str());
        } else {
            usage();
            return 2;
        }
    }
    std::printf(
        "The form driven headless: import N generated records (JSON Lines%s), then %d keystrokes in the\n"
        "current draft's Customer field, then a reload. Storage: %s. Limit %.0f s per size.\n",
        max_file_mb > 0 ? ", split into files of at most --max-file-mb MB" : ", one file", keystrokes,
        Host::kStore ? "the per-draft store (store_write, acknowledged after each frame)"
                     : "localStorage (storage_set)",
        timeout_s);
    std::fflush(stdout);
    std::vector<Result> results;
    for (std::uint64_t n : sizes) {
        std::fprintf(stderr, "%llu records ...\n", static_cast<unsigned long long>(n));
        results.push_back(run_size(n, keystrokes, seed, max_file_mb, timeout_s));
        const Result& r = results.back();
        if (r.has("file_bytes"))
            std::fprintf(stderr, "  %.1f MB in %.0f file(s); %s\n", r.v.at("file_bytes") / 1e6, r.v.at("files"),
                         r.status.empty() ? "done" : (r.status + " in " + r.phase).c_str());
    }
    print_table(results, timeout_s);
    return 0;
}
