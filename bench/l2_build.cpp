// ftblock_l2_build — builds assets/l2/model.json from assets/l2/source/l2_examples_train.json and
// assets/l2/lexicon.json (scripts/build_l2_model.sh). Deterministic: the same inputs give the
// same bytes. With --check it writes nothing and fails when the model file differs from a
// rebuild (the CTest l2_model_current), so nobody forgets to rebuild after editing the lexicon.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "l2_train.h"

namespace {

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    bool check = argc == 5 && std::string(argv[1]) == "--check";
    if (argc != 4 && !check) {
        std::cerr << "usage: ftblock_l2_build [--check] EXAMPLES.json LEXICON.json MODEL.json\n";
        return 2;
    }
    const int first = check ? 2 : 1;
    std::string examples_text, lexicon_text, current;
    if (!read_file(argv[first], examples_text) || !read_file(argv[first + 1], lexicon_text)) {
        std::cerr << "ftblock_l2_build: cannot read " << argv[first] << " or " << argv[first + 1] << "\n";
        return 2;
    }
    std::string model;
    try {
        ftblock::l2::Trainer trainer(lexicon_text);
        model = trainer.train(ftblock::l2::read_examples(examples_text));
    } catch (const std::exception& e) {
        std::cerr << "ftblock_l2_build: " << e.what() << "\n";
        return 2;
    }
    ftblock::L2ModelResult loaded = ftblock::load_l2_model(model);
    if (!loaded.model) {
        std::cerr << "ftblock_l2_build: the built model does not load: " << loaded.error << "\n";
        return 1;
    }
    const std::string out_path = argv[first + 2];
    if (check) {
        if (!read_file(out_path, current) || current != model) {
            std::cerr << out_path << " is not the model its sources build: run scripts/build_l2_model.sh\n";
            return 1;
        }
        std::cout << out_path << ": up to date (" << model.size() << " bytes)\n";
        return 0;
    }
    std::ofstream out(out_path, std::ios::binary);
    out << model;
    if (!out) {
        std::cerr << "ftblock_l2_build: cannot write " << out_path << "\n";
        return 2;
    }
    std::cout << "wrote " << out_path << " (" << model.size() << " bytes, " << loaded.model->features.size()
              << " learned features, " << loaded.model->concepts.size() << " concepts)\n";
    return 0;
}
