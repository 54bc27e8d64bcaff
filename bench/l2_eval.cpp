// ftblock_l2_eval — the L2 suggestion's evaluation figures (README, docs/suggest.md#evaluation):
// leave-one-out on the training examples (the model retrained without the held-out sentence each
// time), top-1 / top-3 per language, coverage and precision of the suggestion, translation
// agreement, two baselines, the l2_fit warning's false alarms, and the time per note.
//   ftblock_l2_eval [EXAMPLES.json LEXICON.json]   (default: the files under assets/l2/)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ftblock/playbook.h"
#include "l2_train.h"

#ifndef FTBLOCK_SOURCE_DIR
#define FTBLOCK_SOURCE_DIR "."
#endif

namespace {

using namespace ftblock;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Tally {
    int n = 0, top1 = 0, top3 = 0, answered = 0, right = 0;
    void add(const L2Suggestion& s, const std::string& truth) {
        ++n;
        for (std::size_t i = 0; i < s.ranking.size() && i < 3; ++i)
            if (s.ranking[i].l2 == truth) {
                top1 += i == 0;
                ++top3;
            }
        if (!s.suggested.empty()) {
            ++answered;
            right += s.suggested == truth;
        }
    }
};

double pct(int a, int b) { return b ? 100.0 * a / b : 0.0; }

// Leave-one-out top-1 / precision of a lexicon variant (the design's ablations).
Tally leave_one_out(const std::string& lexicon, const std::vector<l2::Example>& examples) {
    l2::Trainer trainer(lexicon);
    Tally t;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        std::vector<l2::Example> rest = examples;
        rest.erase(rest.begin() + static_cast<long>(i));
        t.add(suggest_l2(*load_l2_model(trainer.train(rest)).model, examples[i].text), examples[i].l2);
    }
    return t;
}

void print_tally(const char* name, const Tally& t) {
    std::printf(
        "  %-8s n=%3d  top-1 %5.1f %%  top-3 %5.1f %%  coverage %5.1f %%  precision on answered %5.1f %% (%d/%d)\n",
        name, t.n, pct(t.top1, t.n), pct(t.top3, t.n), pct(t.answered, t.n), pct(t.right, t.answered), t.right,
        t.answered);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string root = FTBLOCK_SOURCE_DIR;
    std::string examples_path = argc > 2 ? argv[1] : root + "/assets/l2/source/l2_examples_train.json";
    std::string lexicon_path = argc > 2 ? argv[2] : root + "/assets/l2/lexicon.json";
    std::vector<l2::Example> examples = l2::read_examples(read_file(examples_path));
    l2::Trainer trainer(read_file(lexicon_path));
    const std::string full_text = trainer.train(examples);
    std::shared_ptr<const L2Model> full = load_l2_model(full_text).model;
    if (!full) {
        std::fprintf(stderr, "the model does not load\n");
        return 1;
    }
    std::printf("L2 suggestion evaluation: %zu examples (%s), model %zu bytes, %zu concepts, %zu learned features\n\n",
                examples.size(), examples_path.c_str(), full_text.size(), full->concepts.size(), full->features.size());

    // Leave-one-out.
    std::vector<L2Suggestion> loo;
    std::map<std::string, Tally> by_lang;
    Tally all;
    int false_fit = 0;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        std::vector<l2::Example> rest = examples;
        rest.erase(rest.begin() + static_cast<long>(i));
        std::shared_ptr<const L2Model> m = load_l2_model(trainer.train(rest)).model;
        loo.push_back(suggest_l2(*m, examples[i].text));
        by_lang[examples[i].lang].add(loo.back(), examples[i].l2);
        all.add(loo.back(), examples[i].l2);
        false_fit += confidently_other(*m, loo.back(), examples[i].l2);
    }
    std::printf("Leave-one-out (retrained without the held-out sentence):\n");
    for (const auto& [lang, t] : by_lang) print_tally(lang.c_str(), t);
    print_tally("all", all);
    std::printf("  l2_fit would warn on %d of %zu correctly labelled examples (false alarms)\n\n", false_fit,
                examples.size());

    // Baselines, leave-one-out as well.
    {
        Tally majority;
        for (std::size_t i = 0; i < examples.size(); ++i) {
            std::map<std::string, int> count;
            for (std::size_t j = 0; j < examples.size(); ++j)
                if (j != i) ++count[examples[j].l2];
            std::vector<std::pair<int, std::string>> order;
            for (const auto& [l2, c] : count) order.push_back({-c, l2});
            std::sort(order.begin(), order.end());
            L2Suggestion s;
            for (const auto& o : order) s.ranking.push_back(L2Rank{o.second, -o.first, {}});
            s.suggested = s.ranking.front().l2;
            majority.add(s, examples[i].l2);
        }
        print_tally("majority", majority);
        std::map<std::string, int> whole;
        int most = 0;
        for (const l2::Example& e : examples) most = std::max(most, ++whole[e.l2]);
        std::printf(
            "    (majority class: always the most frequent L2 of the other examples; two L2s tie at %d of %zu,\n"
            "     so leaving one out always tips the other: on the whole set the majority guess is %.1f %% right)\n",
            most, examples.size(), pct(most, static_cast<int>(examples.size())));
        // Keyword lexicon: the words (English) and character 2–3-grams (Chinese) of each L2's
        // definition and constraint in assets/playbook/playbook.json, both languages; score =
        // number of them in the note. The lexicon model's stop words only, no concepts.
        L2Model words_only;
        words_only.stop_en = trainer.lexicon_model().stop_en;
        words_only.stop_zh = trainer.lexicon_model().stop_zh;
        words_only.prepare();
        const ValueList* l2s = nullptr;
        std::shared_ptr<const Playbook> pb = builtin_playbook();
        for (const ValueList& l : pb->lists)
            if (l.name == "l2") l2s = &l;
        std::vector<std::vector<std::string>> keywords;
        for (const Choice& c : l2s->choices) {
            std::string text = c.definition.en + " " + c.constraint.en + " " + c.definition.zh + " " + c.constraint.zh;
            std::vector<std::string> keys;
            for (const std::string& k : l2_note_features(words_only, text).keys)
                if (k[0] == 'w' || (k[0] == 'g' && k.size() > 5)) keys.push_back(k);
            keywords.push_back(keys);
        }
        Tally keyword;
        for (const l2::Example& e : examples) {
            std::vector<std::string> keys = l2_note_features(words_only, e.text).keys;
            std::vector<std::pair<int, std::size_t>> order;
            for (std::size_t k = 0; k < keywords.size(); ++k) {
                int hits = 0;
                for (const std::string& key : keys)
                    hits += std::find(keywords[k].begin(), keywords[k].end(), key) != keywords[k].end();
                order.push_back({-hits, k});
            }
            std::stable_sort(order.begin(), order.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            L2Suggestion s;
            for (const auto& o : order) s.ranking.push_back(L2Rank{l2s->choices[o.second].id, -o.first, {}});
            if (s.ranking[0].score > 0 && s.ranking[0].score > s.ranking[1].score) s.suggested = s.ranking[0].l2;
            keyword.add(s, e.l2);
        }
        print_tally("keywords", keyword);
        std::printf(
            "    (keyword lexicon from the playbook's L2 definitions only; answers when one L2 has most hits)\n\n");
    }

    // Ablations: what each part of the design adds (leave-one-out, all languages).
    {
        using nlohmann::json;
        const json lexicon = json::parse(read_file(lexicon_path));
        std::printf("Ablations (leave-one-out, all examples):\n");
        json v = lexicon;
        v["concepts"] = json::array();
        v["rules"] = json::array();
        print_tally("no lexicon", leave_one_out(v.dump(), examples));
        std::printf("    (words and n-grams learned from the examples only: no concepts, no rules)\n");
        v = lexicon;
        v["rules"] = json::array();
        print_tally("no rules", leave_one_out(v.dump(), examples));
        v = lexicon;
        v["settings"]["zh_gram_min"] = 1;
        print_tally("zh 1-3gram", leave_one_out(v.dump(), examples));
        std::printf("    (Chinese character unigrams too: single characters are mostly noise)\n\n");
    }

    // Translation agreement: each Chinese example with the English example of the same L2 just before it
    // in the file (the file gives each translation after its original).
    int pairs = 0, same_full = 0, same_loo = 0, same_top_full = 0;
    for (std::size_t i = 1; i < examples.size(); ++i) {
        if (examples[i].lang != "zh-CN") continue;
        std::size_t j = i;
        while (j > 0 && examples[j - 1].lang != "en") --j;
        if (j == 0 || examples[j - 1].l2 != examples[i].l2) continue;
        const l2::Example& en = examples[j - 1];
        ++pairs;
        L2Suggestion a = suggest_l2(*full, en.text), b = suggest_l2(*full, examples[i].text);
        same_full += a.suggested == b.suggested;
        same_top_full += a.ranking[0].l2 == b.ranking[0].l2;
        same_loo += loo[j - 1].suggested == loo[i].suggested;
    }
    std::printf("Translation agreement on %d en/zh-CN pairs (same suggestion, abstaining included):\n", pairs);
    std::printf("  full model %5.1f %% (%d/%d); same top-1 %5.1f %%; leave-one-out models %5.1f %% (%d/%d)\n\n",
                pct(same_full, pairs), same_full, pairs, pct(same_top_full, pairs), pct(same_loo, pairs), same_loo,
                pairs);

    // Time per note, the full model, every example note.
    const int rounds = 2000;
    std::int64_t sink = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < rounds; ++r)
        for (const l2::Example& e : examples) sink += suggest_l2(*full, e.text).ranking[0].score;
    auto t1 = std::chrono::steady_clock::now();
    double us = std::chrono::duration<double, std::micro>(t1 - t0).count() / (rounds * examples.size());
    std::printf("Time: %.2f us per note (%d x %zu notes; checksum %lld)\n", us, rounds, examples.size(),
                static_cast<long long>(sink));
    return 0;
}
