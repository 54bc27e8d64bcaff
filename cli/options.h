// The command line of docs/record-format.md#command-line, parsed into a value. No I/O here: main.cpp prints and reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ftblock/date.h"
#include "ftblock/reader.h"
#include "ftblock/report.h"

namespace ftblock::cli {

enum class Command { Check, Schema, Suggest, Help, Version };

struct Options {
    Command command = Command::Help;
    ReportFormat format = ReportFormat::Text;
    Lang lang = Lang::En;
    InputFormat input_format = InputFormat::Auto;  // for FILE arguments only
    std::vector<std::string> previous;
    std::optional<Date> today;
    std::string playbook;            // empty: the built-in data
    std::vector<std::string> files;  // check: FILEs; suggest: the notes ("-": standard input, a note per line)
    int top = 0;                     // suggest: L2s shown per note; 0 = the format's default
    int jobs = 0;                    // check: threads; 0 = one per core (the host decides)
};

struct ParseResult {
    Options options;
    std::string error;  // bad usage when not empty (exit 2)
};

// args: argv[1..]; env_lang: the value of LANG (may be null).
ParseResult parse_options(const std::vector<std::string>& args, const char* env_lang);
std::string usage(Lang lang);

}  // namespace ftblock::cli
