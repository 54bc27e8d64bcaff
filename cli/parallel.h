// ftblock check -j N (docs/record-format.md#command-line): the inputs cut into pieces at record
// boundaries (ftblock/split.h), the pieces checked on N threads, and their records merged into
// the run in input order, so the report is byte for byte the one of -j 1. Threads, queues and
// files live here; every decision about records is the core's.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

#include "ftblock/check.h"
#include "options.h"
#include "progress.h"

namespace ftblock::cli {

// Writes what the run has reported so far to stdout (the progress line cleared first).
void write_report(std::string& text, Progress& progress);

// Checks o.files into `run` (begun, not finished) with `jobs` threads (>= 2): the main thread
// reads, cuts and merges, and checks pieces too when the queue is full. At most 2 x jobs pieces
// of about piece_bytes are in flight. File errors are said on stderr as -j 1 says them.
void check_in_parallel(const Options& o, const Playbook& playbook, CheckRun& run, int jobs, std::size_t piece_bytes,
                       Progress& progress);

}  // namespace ftblock::cli
