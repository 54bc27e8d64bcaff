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

std::uint64_t pair_key(char32_t a, char32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; }

struct Word {
    std::string norm;
    std::size_t begin, end;
    bool joined;  // only spaces or hyphens since the previous word: phrases and bigrams may span
    bool covered = false;
    const L2Model::WordEntry* entry = nullptr;  // the model's, when it knows the word
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
    words.reserve(note.size() / 6);
    hans.reserve(note.size() / 3);
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
        // Chinese is three bytes; the common case without a call (decode_utf8 checks the rest).
        if (c >= 0xE1 && c <= 0xEC && pos + 2 < note.size() &&
            (static_cast<unsigned char>(note[pos + 1]) & 0xC0) == 0x80 &&
            (static_cast<unsigned char>(note[pos + 2]) & 0xC0) == 0x80) {
            cp = (static_cast<char32_t>(c & 0x0F) << 12) |
                 (static_cast<char32_t>(static_cast<unsigned char>(note[pos + 1]) & 0x3F) << 6) |
                 static_cast<char32_t>(static_cast<unsigned char>(note[pos + 2]) & 0x3F);
            pos += 3;
        } else if (!decode_utf8(note, pos, cp)) {
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
    auto ends = [&s](std::string_view suffix) {
        return s.size() >= suffix.size() && std::string_view(s).substr(s.size() - suffix.size()) == suffix;
    };
    if (s.size() > 4 && s.back() == 's') {
        if (ends("ies"))
            s.replace(s.size() - 3, 3, "y");
        else if (ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("ses"))
            s.resize(s.size() - 2);
        else if (!ends("ss") && !ends("us") && !ends("is"))
            s.pop_back();
    }
    if (s.size() > 5 && ends("ing"))
        s.resize(s.size() - 3);
    else if (s.size() > 4 && ends("ed"))
        s.resize(s.size() - 2);
    if (s.size() > 4 && s.back() == 'e') s.pop_back();
    return s;
}

void L2Model::prepare() {
    words.clear();
    terms.clear();
    pair_terms.clear();
    auto add_phrase = [&](std::string_view text, int cid) {
        std::vector<Word> words;
        std::vector<Han> hans;
        split(text, words, hans);
        if (words.empty()) return;
        Phrase p;
        for (const Word& w : words) p.tokens.push_back(w.norm);
        p.cid = cid;
        std::vector<Phrase>& list = this->words[p.tokens.front()].phrases;
        for (const Phrase& q : list)
            if (q.tokens == p.tokens) return;  // the first concept naming it keeps it
        list.push_back(std::move(p));
    };
    auto add_term = [&](const std::string& text, int cid) {
        std::size_t pos = 0;
        char32_t cp = 0, next = 0;
        if (!decode_utf8(text, pos, cp)) return;
        const bool single = pos == text.size();
        if (!single && !decode_utf8(text, pos, next)) return;
        std::vector<Term>& list = single ? terms[cp] : pair_terms[pair_key(cp, next)];
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
    gram_starts.clear();
    for (const auto& feature : features) {
        std::size_t pos = 2;
        char32_t cp = 0;
        if (feature.first.compare(0, 2, "g:") == 0 && decode_utf8(feature.first, pos, cp)) gram_starts.insert(cp);
    }
    for (const auto& feature : features) {
        if (feature.first.compare(0, 2, "w:") == 0) words[feature.first.substr(2)].unigram = feature.second;
        if (feature.first.compare(0, 2, "b:") == 0)
            words[feature.first.substr(2, feature.first.find(' ') - 2)].bigram_start = true;
    }
    for (auto& entry : words)
        std::stable_sort(entry.second.phrases.begin(), entry.second.phrases.end(),
                         [](const Phrase& a, const Phrase& b) { return a.tokens.size() > b.tokens.size(); });
    for (auto& entry : pair_terms)
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
    hits.reserve(32);
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
        auto it = model.words.find(words[i].norm);
        std::size_t matched = 0;
        if (it != model.words.end()) {
            words[i].entry = &it->second;
            for (const L2Model::Phrase& p : it->second.phrases) {
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
        std::size_t matched = 0;
        if (i + 1 < hans.size() && hans[i + 1].joined) {
            auto it = model.pair_terms.find(pair_key(hans[i].cp, hans[i + 1].cp));
            if (it != model.pair_terms.end()) {
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
        }
        if (!matched) {
            auto it = model.terms.find(hans[i].cp);
            if (it != model.terms.end()) {
                matched = 1;
                concept_hit(it->second.front().cid, hans[i].begin, hans[i].end);
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
        const L2Model::WordEntry* entry = words[i].entry;
        if (all_keys) {
            key.assign("w:").append(words[i].norm);
            key_hit(words[i].begin, words[i].end);
        } else if (entry && !entry->unigram.empty()) {  // the word's feature without building its key
            bool seen = false;
            for (const Hit& h : hits) seen = seen || h.weights == &entry->unigram;
            if (!seen) hits.push_back(Hit{-1, {}, words[i].begin, words[i].end, false, &entry->unigram});
        }
        if ((all_keys || (entry && entry->bigram_start)) && i + 1 < words.size() && !words[i + 1].covered &&
            words[i + 1].joined) {
            key.assign("b:").append(words[i].norm).append(" ").append(words[i + 1].norm);
            key_hit(words[i].begin, words[i + 1].end);
        }
    }
    for (std::size_t i = 0; i < hans.size(); ++i) {
        if (hans[i].covered || (!all_keys && !model.gram_starts.count(hans[i].cp))) continue;
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

namespace {

// The classes' scores of a note (rules applied); spans of every contribution when asked for.
std::vector<std::int64_t> score_note(const L2Model& model, std::string_view note,
                                     std::vector<std::vector<Span>>* spans) {
    const std::size_t n = model.classes.size();
    std::vector<std::int64_t> score(n, 0);
    std::vector<bool> present(model.concepts.size(), false);
    for (const Hit& h : note_hits(model, note, false)) {
        const std::vector<std::int32_t>* w = h.weights;
        if (h.cid >= 0) {
            present[static_cast<std::size_t>(h.cid)] = true;
            w = &model.concepts[static_cast<std::size_t>(h.cid)].weights;
        }
        for (std::size_t k = 0; k < n && k < w->size(); ++k) {
            if ((*w)[k] <= 0) continue;
            if (!h.repeat) score[k] += (*w)[k];
            if (spans) (*spans)[k].push_back(Span{h.begin, h.end, (*w)[k]});
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
    return score;
}

// The L2s best first (ties in list order).
std::vector<std::size_t> ranked(const L2Model& model, const std::vector<std::int64_t>& score) {
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < model.l2_count; ++k) order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
    return order;
}

// Whether the first of `order` is a suggestion: strong, clear of the second, not out of scope.
bool clear_first(const L2Model& model, const std::vector<std::int64_t>& score, const std::vector<std::size_t>& order) {
    if (order.empty()) return false;
    std::int64_t top = score[order[0]], second = order.size() > 1 ? score[order[1]] : 0, outside = 0;
    for (std::size_t k = model.l2_count; k < score.size(); ++k) outside = std::max(outside, score[k]);
    const L2Thresholds& t = model.thresholds;
    return top >= t.min_score && second * 100 <= top * (100 - t.min_margin_percent) &&
           outside * 100 < top * t.out_of_scope_percent;
}

bool fits_other(const L2Model& model, std::int64_t top, std::int64_t chosen) {
    const L2Thresholds& t = model.thresholds;
    return top >= t.fit_min_score && chosen * 100 <= top * t.fit_max_chosen_percent;
}

}  // namespace

L2Suggestion suggest_l2(const L2Model& model, std::string_view note, bool with_evidence) {
    std::vector<std::vector<Span>> spans(model.classes.size());
    const std::vector<std::int64_t> score = score_note(model, note, with_evidence ? &spans : nullptr);
    const std::vector<std::size_t> order = ranked(model, score);
    L2Suggestion out;
    for (std::size_t k : order)
        out.ranking.push_back(
            L2Rank{model.classes[k], score[k],
                   score[k] > 0 && with_evidence ? evidence_of(note, spans[k]) : std::vector<std::string>{}});
    if (clear_first(model, score, order)) out.suggested = out.ranking[0].l2;
    return out;
}

bool confidently_other(const L2Model& model, const L2Suggestion& suggestion, std::string_view chosen) {
    if (suggestion.suggested.empty() || suggestion.suggested == chosen) return false;
    for (const L2Rank& r : suggestion.ranking)
        if (r.l2 == chosen) return fits_other(model, suggestion.ranking.front().score, r.score);
    return false;  // not one of the eight
}

bool confidently_other(const L2Model& model, std::string_view note, std::string_view chosen) {
    std::size_t mine = model.l2_count;
    for (std::size_t k = 0; k < model.l2_count; ++k)
        if (model.classes[k] == chosen) mine = k;
    if (mine == model.l2_count) return false;  // not one of the eight
    const std::vector<std::int64_t> score = score_note(model, note, nullptr);
    const std::vector<std::size_t> order = ranked(model, score);
    return order[0] != mine && clear_first(model, score, order) && fits_other(model, score[order[0]], score[mine]);
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
