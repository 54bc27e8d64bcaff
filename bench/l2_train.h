// The L2 suggestion's trainer (docs/suggest.md#the-model), shared by the model builder
// (l2_build.cpp) and the evaluation (l2_eval.cpp, which retrains once per held-out sentence).
// Native only: floating point and nlohmann live here, never in the core's scoring.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ftblock/suggest.h"

namespace ftblock::l2 {

struct Example {
    std::string lang, text, l2;
};

std::vector<Example> read_examples(std::string_view json_text);  // l2_examples_train.json; throws on a bad file

class Trainer {
public:
    explicit Trainer(std::string_view lexicon_json);                // assets/l2/lexicon.json; throws on a bad file
    std::string train(const std::vector<Example>& examples) const;  // the model file's text, deterministic
    const L2Model& lexicon_model() const { return base_; }          // concepts and stop words, no weights

private:
    L2Model base_;
    std::vector<std::vector<int>> strengths_;  // per concept, per class: the lexicon's 0–3
    std::vector<bool> learn_;                  // per concept: examples may add to its weights
    std::vector<std::string> rules_json_;      // the rules, copied as written
    int points_ = 100, learned_percent_ = 60, smoothing_percent_ = 50, min_learned_ = 40;
};

}  // namespace ftblock::l2
