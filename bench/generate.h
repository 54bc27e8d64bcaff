// ftblock_bench's record generator (generate.cpp): deterministic, prefix-stable synthetic
// records for the benchmark. Standard library only.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string_view>

namespace ftblock_bench {

enum class Format { Jsonl, Json, Csv };

bool parse_format(std::string_view text, Format& format);  // jsonl | json | csv
std::uint64_t generate(std::FILE* out, std::uint64_t n, Format format,
                       std::uint64_t seed);  // returns the invalid count

}  // namespace ftblock_bench
