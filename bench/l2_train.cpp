#include "l2_train.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ftblock::l2 {

using json = nlohmann::json;

std::vector<Example> read_examples(std::string_view json_text) {
    json root = json::parse(json_text.begin(), json_text.end());
    std::vector<Example> out;
    for (const json& e : root)
        out.push_back(
            Example{e.at("lang").get<std::string>(), e.at("text").get<std::string>(), e.at("l2").get<std::string>()});
    return out;
}

Trainer::Trainer(std::string_view lexicon_json) {
    json lex = json::parse(lexicon_json.begin(), lexicon_json.end());
    if (lex.at("format") != "ftblock-l2-lexicon/1") throw std::runtime_error("lexicon: unknown format");
    const auto out_of_scope = lex.at("out_of_scope").get<std::vector<std::string>>();
    for (const std::string& c : lex.at("classes").get<std::vector<std::string>>())
        if (std::find(out_of_scope.begin(), out_of_scope.end(), c) == out_of_scope.end()) base_.classes.push_back(c);
    base_.l2_count = base_.classes.size();
    for (const std::string& c : out_of_scope) base_.classes.push_back(c);
    const json& s = lex.at("settings");
    points_ = s.at("points_per_strength");
    learned_percent_ = s.at("learned_percent");
    smoothing_percent_ = s.at("smoothing_percent");
    min_learned_ = s.at("min_learned_points");
    base_.thresholds.min_score = s.at("min_score");
    base_.thresholds.min_margin_percent = s.at("min_margin_percent");
    base_.thresholds.out_of_scope_percent = s.at("out_of_scope_percent");
    base_.thresholds.fit_min_score = s.at("fit_min_score");
    base_.thresholds.fit_max_chosen_percent = s.at("fit_max_chosen_percent");
    base_.zh_gram_min = s.at("zh_gram_min");
    base_.zh_gram_max = s.at("zh_gram_max");
    base_.stop_en = lex.at("stop_en").get<std::vector<std::string>>();
    base_.stop_zh = lex.at("stop_zh").get<std::vector<std::string>>();
    for (const json& c : lex.at("concepts")) {
        L2Concept entry;
        entry.id = c.at("id").get<std::string>();
        entry.en = c.at("en").get<std::vector<std::string>>();
        entry.zh = c.at("zh").get<std::vector<std::string>>();
        entry.weights.assign(base_.classes.size(), 0);
        std::vector<int> strength(base_.classes.size(), 0);
        for (auto it = c.at("l2").begin(); it != c.at("l2").end(); ++it) {
            auto found = std::find(base_.classes.begin(), base_.classes.end(), it.key());
            if (found == base_.classes.end()) throw std::runtime_error("lexicon: unknown class " + it.key());
            strength[static_cast<std::size_t>(found - base_.classes.begin())] = it.value().get<int>();
        }
        strengths_.push_back(strength);
        learn_.push_back(c.value("learn", true));
        base_.concepts.push_back(std::move(entry));
    }
    for (const json& r : lex.at("rules")) {
        json copy = {{"l2", r.at("l2")},
                     {"when_any", r.at("when_any")},
                     {"unless_any", r.at("unless_any")},
                     {"percent", r.at("percent")}};
        rules_json_.push_back(copy.dump());
    }
    base_.prepare();
}

namespace {

std::string weights_text(const std::vector<std::int32_t>& w) {
    std::string out = "[";
    for (std::size_t i = 0; i < w.size(); ++i) out += (i ? "," : "") + std::to_string(w[i]);
    return out + "]";
}

}  // namespace

std::string Trainer::train(const std::vector<Example>& examples) const {
    const std::size_t n = base_.classes.size(), l2n = base_.l2_count;
    std::vector<double> docs(n, 0);
    std::map<std::string, std::vector<double>> key_counts;
    std::vector<std::vector<double>> concept_counts(base_.concepts.size(), std::vector<double>(n, 0));
    for (const Example& e : examples) {
        auto found = std::find(base_.classes.begin(), base_.classes.begin() + static_cast<long>(l2n), e.l2);
        if (found == base_.classes.begin() + static_cast<long>(l2n))
            throw std::runtime_error("example: unknown L2 " + e.l2);
        std::size_t k = static_cast<std::size_t>(found - base_.classes.begin());
        docs[k] += 1;
        L2NoteFeatures f = l2_note_features(base_, e.text);
        for (int c : f.concepts) concept_counts[static_cast<std::size_t>(c)][k] += 1;
        for (const std::string& key : f.keys) {
            std::vector<double>& v = key_counts[key];
            v.resize(n, 0);
            v[k] += 1;
        }
    }
    double total = 0;
    for (std::size_t k = 0; k < l2n; ++k) total += docs[k];
    const double a = smoothing_percent_ / 100.0;
    // One class against the rest: the smoothed log-likelihood ratio of seeing the feature, in
    // model points, kept only when positive (evidence for, never against).
    auto learned = [&](const std::vector<double>& counts, std::size_t k) {
        double in = counts[k], all = 0;
        for (std::size_t j = 0; j < l2n; ++j) all += counts[j];
        if (in == 0) return 0;  // never seen with this L2: no evidence for it
        double p1 = (in + a) / (docs[k] + 2 * a), p0 = (all - in + a) / (total - docs[k] + 2 * a);
        double llr = std::log(p1 / p0);
        return llr > 0 ? static_cast<std::int32_t>(std::lround(llr * points_ * learned_percent_ / 100.0)) : 0;
    };

    std::string out = "{\n\"format\": \"ftblock-l2-model/1\",\n\"classes\": " + json(base_.classes).dump() +
                      ",\n\"l2_count\": " + std::to_string(l2n) + ",\n";
    const L2Thresholds& t = base_.thresholds;
    out += "\"thresholds\": {\"min_score\": " + std::to_string(t.min_score) +
           ", \"min_margin_percent\": " + std::to_string(t.min_margin_percent) +
           ", \"out_of_scope_percent\": " + std::to_string(t.out_of_scope_percent) +
           ", \"fit_min_score\": " + std::to_string(t.fit_min_score) +
           ", \"fit_max_chosen_percent\": " + std::to_string(t.fit_max_chosen_percent) + "},\n";
    out += "\"zh_grams\": [" + std::to_string(base_.zh_gram_min) + ", " + std::to_string(base_.zh_gram_max) + "],\n";
    out += "\"stop_en\": " + json(base_.stop_en).dump() + ",\n\"stop_zh\": " + json(base_.stop_zh).dump() + ",\n";
    out += "\"concepts\": [\n";
    for (std::size_t c = 0; c < base_.concepts.size(); ++c) {
        const L2Concept& entry = base_.concepts[c];
        std::vector<std::int32_t> w(n, 0);
        for (std::size_t k = 0; k < n; ++k) {
            w[k] = strengths_[c][k] * points_;
            if (learn_[c] && k < l2n) w[k] += learned(concept_counts[c], k);
        }
        out += " {\"id\": " + json(entry.id).dump() + ", \"w\": " + weights_text(w) +
               ",\n  \"en\": " + json(entry.en).dump() + ",\n  \"zh\": " + json(entry.zh).dump() + "}" +
               (c + 1 < base_.concepts.size() ? ",\n" : "\n");
    }
    out += "],\n\"rules\": [\n";
    for (std::size_t r = 0; r < rules_json_.size(); ++r)
        out += " " + rules_json_[r] + (r + 1 < rules_json_.size() ? ",\n" : "\n");
    out += "],\n\"features\": {\n";
    bool first = true;
    for (const auto& [key, counts] : key_counts) {
        std::vector<std::int32_t> w(n, 0);
        bool any = false;
        for (std::size_t k = 0; k < l2n; ++k) {
            std::int32_t v = learned(counts, k);
            if (v >= min_learned_) w[k] = v, any = true;
        }
        if (!any) continue;
        out += std::string(first ? "" : ",\n") + " " + json(key).dump() + ": " + weights_text(w);
        first = false;
    }
    out += "\n}\n}\n";
    return out;
}

}  // namespace ftblock::l2
