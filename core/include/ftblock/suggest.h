// ftblock/suggest.h — the L2 suggestion (docs/suggest.md): from a status note in Chinese, English
// or both, the eight Blocked L2s ranked with an integer score and the words of the note that drove
// it, or no suggestion when the note says too little. The model is data (assets/l2/model.json,
// built in like the playbook); scoring is integer arithmetic only, so the native and the
// WebAssembly builds give the same scores bit for bit. Pure: no files, no clock, no UI.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ftblock {

struct L2Rank {
    std::string l2;                     // the L2's id (assets/playbook/playbook.json's l2 list)
    std::int64_t score = 0;             // fixed point, model points (100 = one unit of evidence)
    std::vector<std::string> evidence;  // the note's words behind the score, as written, strongest first
};

struct L2Suggestion {
    std::vector<L2Rank> ranking;  // the eight L2s, best first (ties in list order)
    std::string suggested;        // ranking[0].l2, or "" = abstain (weak, ambiguous or out of scope)
};

// A concept of the lexicon: words of both languages that mean one thing (assets/l2/lexicon.json).
struct L2Concept {
    std::string id;
    std::vector<std::string> en;        // phrases, as written; normalised by prepare()
    std::vector<std::string> zh;        // substrings of the note
    std::vector<std::int32_t> weights;  // one per class
};

// A constraint sentence of the playbook as a rule: class `cls`'s score is scaled by percent/100
// when a concept of when_any is in the note (or when_any is empty) and none of unless_any is.
struct L2Rule {
    int cls = 0;
    std::vector<int> when_any, unless_any;  // concept indexes
    std::int32_t percent = 100;
};

struct L2Thresholds {
    std::int64_t min_score = 150;              // below: abstain
    std::int64_t min_margin_percent = 15;      // the second must be this much below the first
    std::int64_t out_of_scope_percent = 50;    // an out-of-scope class this close to the first: abstain
    std::int64_t fit_min_score = 200;          // l2_fit: the suggestion's score at least this
    std::int64_t fit_max_chosen_percent = 35;  // l2_fit: the chosen L2's score at most this share of it
};

// The model: the lexicon, the learned weights and the rules. Built by load_l2_model, or field by
// field by the model builder (tools/l2_build.cpp) followed by prepare().
struct L2Model {
    std::vector<std::string> classes;  // the eight L2 ids, then the out-of-scope classes
    std::size_t l2_count = 0;          // classes [0, l2_count) are ftblock's L2s
    L2Thresholds thresholds;
    std::vector<std::string> stop_en, stop_zh;  // words that are never evidence
    int zh_gram_min = 1, zh_gram_max = 3;       // the Chinese character n-grams outside concepts
    std::vector<L2Concept> concepts;
    std::unordered_map<std::string, std::vector<std::int32_t>>
        features;  // "w:word", "b:two words", "g:" + Chinese characters
    std::vector<L2Rule> rules;

    void prepare();  // builds the matching tables below; after filling the fields above

    // Matching tables (prepare()): flat, integer-keyed, so a note is matched without building a
    // string or a hash-table node per word (docs/suggest.md#cost).
    struct Tables;
    std::shared_ptr<const Tables> tables;
};

struct L2ModelResult {
    std::shared_ptr<const L2Model> model;  // null on error
    std::string error;                     // English, names the path in the data
};

L2ModelResult load_l2_model(std::string_view json_text);  // parse and check a model file
std::shared_ptr<const L2Model> builtin_l2_model();        // assets/l2/model.json, built in
std::string_view builtin_l2_model_text();                 // its source text

// note: UTF-8 (bad bytes separate words). with_evidence = false leaves every evidence empty: the
// same ranking and suggestion, cheaper (the validator asks for the words only when it warns).
L2Suggestion suggest_l2(const L2Model& model, std::string_view note, bool with_evidence = true);

// The suggestion as one line of JSON (ftblock suggest --format json; a JavaScript suggest() can
// return the same): {"text", "suggested": id | null, "ranking": [{"l2", "score", "evidence"}]},
// the ranking cut to its first `top`. No newline.
std::string l2_suggestion_json(std::string_view note, const L2Suggestion& suggestion, std::size_t top = 8);

// l2_fit: the note points confidently at another L2 than `chosen` — a suggestion that is not
// `chosen`, scoring at least fit_min_score, with `chosen` at most fit_max_chosen_percent of it.
// Never true when the note supports the chosen L2 about as well.
bool confidently_other(const L2Model& model, const L2Suggestion& suggestion, std::string_view chosen);
bool confidently_other(const L2Model& model, std::string_view note, std::string_view chosen);  // the same, cheaper

// What the note holds, for the model builder and the evaluation: concept indexes and the keys
// of the other features ("w:…", "b:…", "g:…"), each once, in order of appearance.
struct L2NoteFeatures {
    std::vector<int> concepts;
    std::vector<std::string> keys;
};
L2NoteFeatures l2_note_features(const L2Model& model, std::string_view note);

// The English word normalisation: lower case (but "IT", the department, stays apart from "it"),
// light stemming ("licenses", "licensing", "license" → "licens").
std::string l2_normalize_word(std::string_view word);

}  // namespace ftblock
