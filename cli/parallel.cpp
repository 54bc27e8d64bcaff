#include "parallel.h"

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ftblock::cli {

void write_report(std::string& text, Progress& progress) {
    if (text.empty()) return;
    progress.before_output();
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    text.clear();
}

namespace {

constexpr std::size_t kBlock = 1 << 20;

struct Job {
    std::size_t file = 0;
    bool end_of_file = false;  // no piece: the file's end (and its read error) in the report
    InputPiece piece;
    bool finish = true;  // the input's last piece, read to its end (not after a read error)
    std::unique_ptr<PartCheck> part;
    std::string read_error;
    bool done = false;  // under the mutex
};

struct FileState {
    std::size_t count = 0;  // records merged
    bool failed = false;    // a piece stopped the file: later pieces are discarded
    FileError error;
};

class ParallelCheck {
public:
    ParallelCheck(const Options& o, const Playbook& playbook, CheckRun& run, int jobs, std::size_t piece_bytes,
                  Progress& progress)
        : o_(o),
          playbook_(playbook),
          run_(run),
          piece_bytes_(piece_bytes),
          max_in_flight_(2 * static_cast<std::size_t>(jobs)),
          progress_(progress),
          files_(o.files.size()) {
        for (int i = 1; i < jobs; ++i) workers_.emplace_back([this] { work(); });  // the main thread is the Nth
    }

    ~ParallelCheck() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        work_ready_.notify_all();
        for (std::thread& t : workers_) t.join();
    }

    void run() {
        for (std::size_t i = 0; i < o_.files.size(); ++i) check_file(i);
        std::unique_lock<std::mutex> lock(mutex_);
        while (!in_flight_.empty()) step(lock);
    }

private:
    static void execute(Job& job) {
        job.part->feed(job.piece.bytes);
        if (job.finish) job.part->finish();
        std::string().swap(job.piece.bytes);  // its memory back before the merge
    }

    void work() {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            work_ready_.wait(lock, [this] { return stop_ || !todo_.empty(); });
            if (todo_.empty()) return;
            Job* job = todo_.front();
            todo_.pop_front();
            lock.unlock();
            execute(*job);
            lock.lock();
            job->done = true;
            job_done_.notify_all();
        }
    }

    // One step towards an emptier queue: merge the oldest piece if it is checked, else check
    // a waiting piece here, else wait for a worker.
    void step(std::unique_lock<std::mutex>& lock) {
        if (!in_flight_.empty() && in_flight_.front()->done) {
            std::unique_ptr<Job> job = std::move(in_flight_.front());
            in_flight_.pop_front();
            lock.unlock();
            merge(*job);
            lock.lock();
        } else if (!todo_.empty()) {
            Job* job = todo_.front();
            todo_.pop_front();
            lock.unlock();
            execute(*job);
            lock.lock();
            job->done = true;
        } else {
            job_done_.wait(lock);
        }
    }

    void merge_ready(std::unique_lock<std::mutex>& lock) {
        while (!in_flight_.empty() && in_flight_.front()->done) step(lock);
    }

    void wait_all() {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!in_flight_.empty()) step(lock);
    }

    void submit(std::unique_ptr<Job> job) {
        std::unique_lock<std::mutex> lock(mutex_);
        while (in_flight_.size() >= max_in_flight_) step(lock);
        Job* raw = job.get();
        if (job->end_of_file) job->done = true;
        in_flight_.push_back(std::move(job));
        if (!raw->done) {
            todo_.push_back(raw);
            work_ready_.notify_one();
        }
        merge_ready(lock);
    }

    void submit_piece(std::size_t file, InputPiece& piece, bool finish = true) {
        auto job = std::make_unique<Job>();
        job->file = file;
        job->part = run_.part(o_.files[file], piece);
        job->finish = finish && piece.last;  // the others end at a record boundary
        job->piece = std::move(piece);
        submit(std::move(job));
    }

    void take(std::size_t file, PartCheck& part) {  // the main thread's merge of a checked piece
        FileState& f = files_[file];
        if (f.failed) return;  // speculative: the file stopped before this piece
        run_.take_part(part);
        f.count += part.count();
        if (part.failed()) {
            f.failed = true;
            f.error = part.error();
        }
        write_report(run_.out(), progress_);
        progress_.update(run_.summary().records, bytes_read_);
    }

    void merge(Job& job) {
        if (!job.end_of_file) {
            take(job.file, *job.part);
            return;
        }
        const std::string& path = o_.files[job.file];
        const FileState& f = files_[job.file];
        if (const FileError* e = run_.end_parts(path, f.count, f.failed ? &f.error : nullptr, job.read_error)) {
            std::string where = path;  // exit 2: say it on stderr too, as -j 1 does
            if (e->line) where += ":" + std::to_string(e->line) + ":" + std::to_string(e->column);
            progress_.clear();
            std::fprintf(stderr, "ftblock: %s: error: %s\n", where.c_str(), e->message.c_str());
        }
        write_report(run_.out(), progress_);
    }

    // Takes the splitter's pieces; after a Rest, the rest of the file goes through `rest`.
    void pull(std::size_t file, InputSplitter& splitter, std::unique_ptr<PartCheck>& rest, bool flush) {
        InputPiece piece;
        for (;;) {
            const InputSplitter::Next next = splitter.next(piece, flush);
            if (next == InputSplitter::Next::None) return;
            if (next == InputSplitter::Next::Piece) {
                submit_piece(file, piece);
                continue;
            }
            wait_all();  // everything before the rest is in the report
            rest = run_.part(o_.files[file], piece);
            feed_rest(file, *rest, piece.bytes);
            return;
        }
    }

    void feed_rest(std::size_t file, PartCheck& rest, std::string_view bytes) {
        if (files_[file].failed) return;
        rest.feed(bytes);
        run_.take_part(rest);
        write_report(run_.out(), progress_);
        progress_.update(run_.summary().records, bytes_read_);
    }

    void check_file(std::size_t file) {
        const std::string& path = o_.files[file];
        InputSplitter splitter(playbook_, run_.input_format(path, o_.input_format), piece_bytes_);
        std::unique_ptr<PartCheck> rest;
        std::string read_error;
        const int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            read_error = std::strerror(errno);
        } else {
            struct stat st {};
            const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
            std::vector<char> block(kBlock);
            for (;;) {
                if (!regular && !rest) {  // about to wait for a pipe or terminal: report what we have first
                    pollfd p{fd, POLLIN, 0};
                    if (::poll(&p, 1, 0) == 0) {
                        pull(file, splitter, rest, true);
                        if (!rest) wait_all();
                    }
                }
                const ssize_t n = ::read(fd, block.data(), block.size());
                if (n < 0) {
                    if (errno == EINTR) continue;
                    read_error = std::strerror(errno);
                    break;
                }
                if (n == 0) break;
                const std::string_view bytes(block.data(), static_cast<std::size_t>(n));
                bytes_read_ += static_cast<std::uint64_t>(n);
                if (rest) {
                    feed_rest(file, *rest, bytes);
                    continue;
                }
                if (files_[file].failed) continue;  // read on, as -j 1 does: a read error still counts
                splitter.feed(bytes);
                pull(file, splitter, rest, false);
            }
            if (fd != STDIN_FILENO) ::close(fd);
        }
        if (rest) {
            if (read_error.empty()) rest->finish();
            take(file, *rest);
        } else if (read_error.empty()) {
            splitter.end();
            pull(file, splitter, rest, false);
            if (rest) {
                rest->finish();
                take(file, *rest);
            }
        } else {
            InputPiece piece;  // what was read before the error, without the reader's finish
            if (splitter.take_rest(piece)) submit_piece(file, piece, false);
        }
        auto end = std::make_unique<Job>();
        end->file = file;
        end->end_of_file = true;
        end->read_error = std::move(read_error);
        submit(std::move(end));
    }

    const Options& o_;
    const Playbook& playbook_;
    CheckRun& run_;
    std::size_t piece_bytes_;
    std::size_t max_in_flight_;
    Progress& progress_;
    std::vector<FileState> files_;  // the main thread's
    std::uint64_t bytes_read_ = 0;

    std::mutex mutex_;  // guards the queues, `done` and stop_
    std::condition_variable work_ready_, job_done_;
    std::deque<std::unique_ptr<Job>> in_flight_;  // in input order, merged from the front
    std::deque<Job*> todo_;                       // not yet started
    bool stop_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace

void check_in_parallel(const Options& o, const Playbook& playbook, CheckRun& run, int jobs, std::size_t piece_bytes,
                       Progress& progress) {
    ParallelCheck(o, playbook, run, jobs, piece_bytes, progress).run();
}

}  // namespace ftblock::cli
