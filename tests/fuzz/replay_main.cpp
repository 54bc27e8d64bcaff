// A main() for the fuzz targets without libFuzzer (g++, the native-asan preset): runs
// LLVMFuzzerTestOneInput once on each file named, or on each file of each folder named (sorted,
// not recursive; a folder that does not exist is skipped). A violated property aborts, which
// fails the CTest; so does an ASan or UBSan report.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool run_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
        return false;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), bytes.size());
    // A copy of exactly `size` bytes, so ASan sees a read past the end as libFuzzer would.
    std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(data.empty() ? nullptr : data.data(), data.size());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t count = 0;
    bool ok = true;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg(argv[i]);
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            std::vector<fs::path> files;
            for (const fs::directory_entry& e : fs::directory_iterator(arg))
                if (e.is_regular_file()) files.push_back(e.path());
            std::sort(files.begin(), files.end());
            for (const fs::path& f : files) ok = run_file(f) && ok, ++count;
        } else if (fs::exists(arg, ec)) {
            ok = run_file(arg) && ok;
            ++count;
        } else {
            std::fprintf(stderr, "replay: %s does not exist, skipped\n", argv[i]);
        }
    }
    std::printf("replay: %zu inputs replayed%s\n", count, ok ? "" : ", some unreadable");
    return ok ? 0 : 1;
}
