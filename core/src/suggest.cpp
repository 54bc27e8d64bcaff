// The L2 suggestion (docs/suggest.md). A note becomes features in one pass: lexicon concepts first
// (longest match, English phrases over normalised words, Chinese terms over characters), then the
// words, word pairs and Chinese character n-grams (the model's zh_grams) the concepts did not cover. A class's score is
// the sum of the integer weights of the distinct features, scaled by the constraint rules; no floating point, so every
// build scores alike.
#include "ftblock/suggest.h"

#include <algorithm>
#include <unordered_set>

#include "ftblock/text.h"
#include "ftblock/writer.h"

namespace ftblock {

namespace detail {
extern const char l2_model_json[];
extern const std::size_t l2_model_json_size;
}  // namespace detail

namespace {

bool is_ascii_alnum(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_han(char32_t cp) {
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct Word {
    std::string norm;
    std::size_t begin, end;
    bool joined;  // only spaces or hyphens since the previous word: phrases and bigrams may span
    bool covered = false;
};

struct Han {
    char32_t cp;
    std::size_t begin, end;
    bool joined;  // directly after the previous Chinese character
    bool covered = false;
};

// A feature of the note: a concept (index >= 0) or another key, with where it first appears.
struct Hit {
    int cid;          // -1: key
    std::string key;  // only when all keys are asked for (the trainer)
    std::size_t begin, end;
    bool repeat = false;                                 // the concept again: evidence, but no more score
    const std::vector<std::int32_t>* weights = nullptr;  // a key's weights in the model
};

void split(std::string_view note, std::vector<Word>& words, std::vector<Han>& hans) {
    std::size_t pos = 0;
    bool word_joined = false, han_joined = false;
    while (pos < note.size()) {
        unsigned char c = static_cast<unsigned char>(note[pos]);
        if (is_ascii_alnum(c)) {
            std::size_t begin = pos;
            while (pos < note.size() && is_ascii_alnum(static_cast<unsigned char>(note[pos]))) ++pos;
            words.push_back(Word{l2_normalize_word(note.substr(begin, pos - begin)), begin, pos, word_joined});
            word_joined = true;
            han_joined = false;
            continue;
        }
        if (c < 0x80) {
            if (c != ' ' && c != '-') word_joined = false;
            han_joined = false;
            ++pos;
            continue;
        }
        std::size_t at = pos;
        char32_t cp = 0;
        if (!decode_utf8(note, pos, cp)) {
            pos = at + 1;
            word_joined = han_joined = false;
            continue;
        }
        if (is_han(cp)) {
            hans.push_back(Han{cp, at, pos, han_joined});
            han_joined = true;
        } else {
            han_joined = false;
        }
        word_joined = false;
    }
}

}  // namespace

std::string l2_normalize_word(std::string_view word) {
    if (word == "IT") return "IT";  // the department, not the pronoun
    std::string s(word);
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (s.size() > 4) {
        if (ends_with(s, "ies"))
            s.replace(s.size() - 3, 3, "y");
        else if (ends_with(s, "sses") || ends_with(s, "xes") || ends_with(s, "ches") || ends_with(s, "shes") ||
                 ends_with(s, "ses"))
            s.resize(s.size() - 2);
        else if (ends_with(s, "s") && !ends_with(s, "ss") && !ends_with(s, "us") && !ends_with(s, "is"))
            s.pop_back();
    }
    if (s.size() > 5 && ends_with(s, "ing"))
        s.resize(s.size() - 3);
    else if (s.size() > 4 && ends_with(s, "ed"))
        s.resize(s.size() - 2);
    if (s.size() > 4 && ends_with(s, "e")) s.pop_back();
    return s;
}

void L2Model::prepare() {
    phrases.clear();
    terms.clear();
    auto add_phrase = [&](std::string_view text, int cid) {
        std::vector<Word> words;
        std::vector<Han> hans;
        split(text, words, hans);
        if (words.empty()) return;
        Phrase p;
        for (const Word& w : words) p.tokens.push_back(w.norm);
        p.cid = cid;
        std::vector<Phrase>& list = phrases[p.tokens.front()];
        for (const Phrase& q : list)
            if (q.tokens == p.tokens) return;  // the first concept naming it keeps it
        list.push_back(std::move(p));
    };
    auto add_term = [&](const std::string& text, int cid) {
        std::size_t pos = 0;
        char32_t cp = 0;
        if (!decode_utf8(text, pos, cp)) return;
        std::vector<Term>& list = terms[cp];
        for (const Term& t : list)
            if (t.text == text) return;
        list.push_back(Term{text, cid});
    };
    for (std::size_t c = 0; c < concepts.size(); ++c) {
        for (const std::string& e : concepts[c].en) add_phrase(e, static_cast<int>(c));
        for (const std::string& z : concepts[c].zh) add_term(z, static_cast<int>(c));
    }
    for (const std::string& e : stop_en) add_phrase(e, -1);
    for (const std::string& z : stop_zh) add_term(z, -1);
    for (auto& entry : phrases)
        std::stable_sort(entry.second.begin(), entry.second.end(),
                         [](const Phrase& a, const Phrase& b) { return a.tokens.size() > b.tokens.size(); });
    for (auto& entry : terms)
        std::stable_sort(entry.second.begin(), entry.second.end(),
                         [](const Term& a, const Term& b) { return a.text.size() > b.text.size(); });
}

namespace {

// Every feature of the note once, in order of first appearance: with all_keys every word and
// n-gram (for the trainer), else only those the model has weights for (scoring: no allocation
// per key, one reused buffer).
std::vector<Hit> note_hits(const L2Model& model, std::string_view note, bool all_keys) {
    std::vector<Word> words;
    std::vector<Han> hans;
    split(note, words, hans);
    std::vector<Hit> hits;
    std::vector<bool> seen_concept(model.concepts.size(), false);
    std::unordered_set<std::string> seen_key;
    auto concept_hit = [&](int cid, std::size_t begin, std::size_t end) {
        if (cid < 0) return;
        bool repeat = seen_concept[static_cast<std::size_t>(cid)];
        seen_concept[static_cast<std::size_t>(cid)] = true;
        hits.push_back(Hit{cid, {}, begin, end, repeat});
    };
    std::string key;
    auto key_hit = [&](std::size_t begin, std::size_t end) {  // the key is in `key`
        if (all_keys) {
            if (seen_key.insert(key).second) hits.push_back(Hit{-1, key, begin, end});
            return;
        }
        auto it = model.features.find(key);
        if (it == model.features.end()) return;
        for (const Hit& h : hits)
            if (h.weights == &it->second) return;
        hits.push_back(Hit{-1, {}, begin, end, false, &it->second});
    };

    for (std::size_t i = 0; i < words.size();) {
        auto it = model.phrases.find(words[i].norm);
        std::size_t matched = 0;
        if (it != model.phrases.end()) {
            for (const L2Model::Phrase& p : it->second) {
                if (i + p.tokens.size() > words.size()) continue;
                bool ok = true;
                for (std::size_t k = 1; k < p.tokens.size() && ok; ++k)
                    ok = words[i + k].joined && words[i + k].norm == p.tokens[k];
                if (!ok) continue;
                matched = p.tokens.size();
                concept_hit(p.cid, words[i].begin, words[i + matched - 1].end);
                break;
            }
        }
        if (!matched) {
            ++i;
            continue;
        }
        for (std::size_t k = 0; k < matched; ++k) words[i + k].covered = true;
        i += matched;
    }
    for (std::size_t i = 0; i < hans.size();) {
        auto it = model.terms.find(hans[i].cp);
        std::size_t matched = 0;
        if (it != model.terms.end()) {
            for (const L2Model::Term& t : it->second) {
                if (note.compare(hans[i].begin, t.text.size(), t.text) != 0) continue;
                std::size_t end = hans[i].begin + t.text.size();
                std::size_t n = 1;
                while (i + n < hans.size() && hans[i + n].joined && hans[i + n].begin < end) ++n;
                if (hans[i + n - 1].end != end) continue;  // a term reaching past the Chinese run
                matched = n;
                concept_hit(t.cid, hans[i].begin, end);
                break;
            }
        }
        if (!matched) {
            ++i;
            continue;
        }
        for (std::size_t k = 0; k < matched; ++k) hans[i + k].covered = true;
        i += matched;
    }

    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].covered) continue;
        key.assign("w:").append(words[i].norm);
        key_hit(words[i].begin, words[i].end);
        if (i + 1 < words.size() && !words[i + 1].covered && words[i + 1].joined) {
            key.assign("b:").append(words[i].norm).append(" ").append(words[i + 1].norm);
            key_hit(words[i].begin, words[i + 1].end);
        }
    }
    for (std::size_t i = 0; i < hans.size(); ++i) {
        if (hans[i].covered) continue;
        const std::size_t min = static_cast<std::size_t>(model.zh_gram_min),
                          max = static_cast<std::size_t>(model.zh_gram_max);
        for (std::size_t n = 1; n <= max && i + n <= hans.size(); ++n) {
            const Han& last = hans[i + n - 1];
            if (last.covered || (n > 1 && !last.joined)) break;
            if (n < min) continue;
            key.assign("g:").append(note.substr(hans[i].begin, last.end - hans[i].begin));
            key_hit(hans[i].begin, last.end);
        }
    }
    return hits;
}

struct Span {
    std::size_t begin, end;
    std::int64_t weight;
};

std::vector<std::string> evidence_of(std::string_view note, std::vector<Span> spans) {
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    std::vector<Span> merged;
    for (const Span& s : spans) {
        if (!merged.empty() && s.begin < merged.back().end) {
            merged.back().end = std::max(merged.back().end, s.end);
            merged.back().weight += s.weight;
        } else {
            merged.push_back(s);
        }
    }
    std::stable_sort(merged.begin(), merged.end(), [](const Span& a, const Span& b) { return a.weight > b.weight; });
    std::vector<std::string> out;
    for (const Span& s : merged) {
        std::string word(note.substr(s.begin, s.end - s.begin));
        if (std::find(out.begin(), out.end(), word) == out.end()) out.push_back(std::move(word));
        if (out.size() == 6) break;
    }
    return out;
}

}  // namespace

L2NoteFeatures l2_note_features(const L2Model& model, std::string_view note) {
    L2NoteFeatures out;
    for (Hit& h : note_hits(model, note, true)) {
        if (h.repeat) continue;
        if (h.cid >= 0)
            out.concepts.push_back(h.cid);
        else
            out.keys.push_back(std::move(h.key));
    }
    return out;
}

L2Suggestion suggest_l2(const L2Model& model, std::string_view note, bool with_evidence) {
    const std::size_t n = model.classes.size();
    std::vector<Hit> hits = note_hits(model, note, false);
    std::vector<std::int64_t> score(n, 0);
    std::vector<std::vector<Span>> spans(n);
    std::vector<bool> present(model.concepts.size(), false);
    for (const Hit& h : hits) {
        const std::vector<std::int32_t>* w = nullptr;
        if (h.cid >= 0) {
            present[static_cast<std::size_t>(h.cid)] = true;
            w = &model.concepts[static_cast<std::size_t>(h.cid)].weights;
        } else {
            w = h.weights;
        }
        for (std::size_t k = 0; k < n && k < w->size(); ++k) {
            if ((*w)[k] <= 0) continue;
            if (!h.repeat) score[k] += (*w)[k];
            if (with_evidence) spans[k].push_back(Span{h.begin, h.end, (*w)[k]});
        }
    }
    for (const L2Rule& r : model.rules) {
        bool when = r.when_any.empty();
        for (int c : r.when_any) when = when || present[static_cast<std::size_t>(c)];
        bool unless = false;
        for (int c : r.unless_any) unless = unless || present[static_cast<std::size_t>(c)];
        if (when && !unless)
            score[static_cast<std::size_t>(r.cls)] = score[static_cast<std::size_t>(r.cls)] * r.percent / 100;
    }

    L2Suggestion out;
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < model.l2_count; ++k) order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
    for (std::size_t k : order)
        out.ranking.push_back(
            L2Rank{model.classes[k], score[k],
                   score[k] > 0 && with_evidence ? evidence_of(note, spans[k]) : std::vector<std::string>{}});
    if (out.ranking.empty()) return out;
    std::int64_t top = out.ranking[0].score, second = out.ranking.size() > 1 ? out.ranking[1].score : 0;
    std::int64_t outside = 0;
    for (std::size_t k = model.l2_count; k < n; ++k) outside = std::max(outside, score[k]);
    const L2Thresholds& t = model.thresholds;
    bool clear = top >= t.min_score && second * 100 <= top * (100 - t.min_margin_percent) &&
                 outside * 100 < top * t.out_of_scope_percent;
    if (clear) out.suggested = out.ranking[0].l2;
    return out;
}

bool confidently_other(const L2Model& model, const L2Suggestion& suggestion, std::string_view chosen) {
    if (suggestion.suggested.empty() || suggestion.suggested == chosen) return false;
    std::int64_t top = suggestion.ranking.front().score, mine = -1;
    for (const L2Rank& r : suggestion.ranking)
        if (r.l2 == chosen) mine = r.score;
    if (mine < 0) return false;  // not one of the eight
    const L2Thresholds& t = model.thresholds;
    return top >= t.fit_min_score && mine * 100 <= top * t.fit_max_chosen_percent;
}

std::string l2_suggestion_json(std::string_view note, const L2Suggestion& suggestion, std::size_t top) {
    std::string out = "{\"text\": ";
    append_json_string(out, note);
    out += ", \"suggested\": ";
    if (suggestion.suggested.empty())
        out += "null";
    else
        append_json_string(out, suggestion.suggested);
    out += ", \"ranking\": [";
    for (std::size_t i = 0; i < suggestion.ranking.size() && i < top; ++i) {
        const L2Rank& r = suggestion.ranking[i];
        out += i ? ", {\"l2\": " : "{\"l2\": ";
        append_json_string(out, r.l2);
        out += ", \"score\": " + std::to_string(r.score) + ", \"evidence\": [";
        for (std::size_t k = 0; k < r.evidence.size(); ++k) {
            if (k) out += ", ";
            append_json_string(out, r.evidence[k]);
        }
        out += "]}";
    }
    return out + "]}";
}

std::string_view builtin_l2_model_text() { return std::string_view(detail::l2_model_json, detail::l2_model_json_size); }

std::shared_ptr<const L2Model> builtin_l2_model() {
    // Parsed once; the embedded text is checked by the tests, so failure here is a build defect.
    static const std::shared_ptr<const L2Model> model = load_l2_model(builtin_l2_model_text()).model;
    return model;
}

}  // namespace ftblock
