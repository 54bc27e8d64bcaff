// The L2 suggestion (docs/suggest.md). A note becomes features in one pass: lexicon concepts first
// (longest match, English phrases over normalised words, Chinese terms over characters), then the
// words, word pairs and Chinese character n-grams (the model's zh_grams) the concepts did not cover. A class's score is
// the sum of the integer weights of the distinct features, scaled by the constraint rules; no floating point, so every
// build scores alike.
//
// Speed (docs/suggest.md#cost): the checker scores every record's note, so matching builds no
// string and no hash-table node per word. prepare() turns the lexicon and the features into
// integer-keyed tables — words by a 64-bit hash of their normalised bytes (checked against the
// word), phrases, Chinese terms and n-grams as tries whose edges are (node, word or character)
// pairs — and a note's words and characters are looked up in those, with per-thread buffers
// reused from note to note.
#include "ftblock/suggest.h"

#include <algorithm>
#include <unordered_set>

#include "ftblock/text.h"
#include "ftblock/writer.h"

namespace ftblock {

namespace detail {
extern const char l2_model_json[];
extern const std::size_t l2_model_json_size;

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// uint64 key → uint32 value: open addressing, linear probing, at most half full. Built once by
// prepare(); then only read (by any number of threads).
class FlatMap {
public:
    std::uint32_t find(std::uint64_t key) const {
        if (keys_.empty()) return kNone;
        for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
            if (keys_[i] == key) return values_[i];
            if (keys_[i] == kEmpty) return kNone;
        }
    }
    // The key's value; `value` when the key is new.
    std::uint32_t insert(std::uint64_t key, std::uint32_t value) {
        if ((size_ + 1) * 2 > keys_.size()) grow();
        for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
            if (keys_[i] == key) return values_[i];
            if (keys_[i] == kEmpty) {
                keys_[i] = key;
                values_[i] = value;
                ++size_;
                return value;
            }
        }
    }

private:
    static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // no key is: nodes and ids stay below 2^31
    std::size_t slot(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
    }
    void grow() {
        std::vector<std::uint64_t> keys = std::move(keys_);
        std::vector<std::uint32_t> values = std::move(values_);
        const std::size_t capacity = keys.empty() ? 64 : keys.size() * 2;
        keys_.assign(capacity, kEmpty);
        values_.assign(capacity, 0);
        mask_ = capacity - 1;
        shift_ = 64;
        for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
        size_ = 0;
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] != kEmpty) insert(keys[i], values[i]);
    }
    std::vector<std::uint64_t> keys_;
    std::vector<std::uint32_t> values_;
    std::size_t mask_ = 0, size_ = 0;
    int shift_ = 64;
};

// FNV-1a, 64 bits: a word's key in the word table (the word itself is compared after).
inline std::uint64_t word_hash(const char* s, std::size_t n) {
    std::uint64_t h = 14695981039346656037ull;
    for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 1099511628211ull;
    return h;
}

inline std::uint64_t edge(std::uint32_t node, std::uint32_t label) {
    return (static_cast<std::uint64_t>(node) << 32) | label;
}

}  // namespace detail

// The tables prepare() builds (see the top of this file). Node 0 of each trie is its root.
struct L2Model::Tables {
    static constexpr int kNoEnd = -2;  // no phrase or term ends at this node (-1: a stop word does)

    std::vector<std::string> word;            // word id → the normalised word
    std::vector<std::uint32_t> word_unigram;  // word id → its "w:" feature, or kNone
    std::vector<char> word_bigram_start;      // word id → some "b:" feature starts with it
    detail::FlatMap word_ids;                 // word_hash → word id

    detail::FlatMap phrase_edges;             // edge(node, word id) → node
    std::vector<int> phrase_end;              // node → the concept of the phrase ending here, -1 stop, kNoEnd
    detail::FlatMap term_edges;               // edge(node, code point) → node
    std::vector<int> term_end;                // node → the concept of the Chinese term ending here, …
    detail::FlatMap gram_edges;               // edge(node, code point) → node
    std::vector<std::uint32_t> gram_feature;  // node → the "g:" feature ending here, or kNone
    detail::FlatMap bigrams;                  // edge(word id, word id) → its "b:" feature

    std::vector<const std::vector<std::int32_t>*> weights;  // feature → its weights (in L2Model::features)

    std::uint32_t find_word(std::string_view norm) const {
        const std::uint32_t id = word_ids.find(detail::word_hash(norm.data(), norm.size()));
        return id != detail::kNone && word[id] == norm ? id : detail::kNone;
    }
    std::uint32_t add_word(std::string_view norm) {
        const auto next = static_cast<std::uint32_t>(word.size());
        const std::uint32_t id = word_ids.insert(detail::word_hash(norm.data(), norm.size()), next);
        if (id == next) {
            word.emplace_back(norm);
            word_unigram.push_back(detail::kNone);
            word_bigram_start.push_back(0);
        }
        return id;  // two words of one hash (never seen): the second shares the first's entry, unmatched
    }
    static std::uint32_t child(const detail::FlatMap& edges, std::uint32_t node, std::uint32_t label) {
        return edges.find(detail::edge(node, label));
    }
    template <typename End>
    static std::uint32_t add_child(detail::FlatMap& edges, std::vector<End>& ends, End none, std::uint32_t node,
                                   std::uint32_t label) {
        const auto next = static_cast<std::uint32_t>(ends.size());
        const std::uint32_t id = edges.insert(detail::edge(node, label), next);
        if (id == next) ends.push_back(none);
        return id;
    }
};

namespace {

using detail::kNone;

bool is_ascii_alnum(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_han(char32_t cp) {
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

// The normalisation of l2_normalize_word, written at `out` (room for the word: it never grows);
// returns its length.
std::size_t normalize_word(const char* word, std::size_t n, char* out) {
    if (n == 2 && word[0] == 'I' && word[1] == 'T') {  // the department, not the pronoun
        out[0] = 'I';
        out[1] = 'T';
        return 2;
    }
    for (std::size_t i = 0; i < n; ++i)
        out[i] = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
    auto ends = [&](std::string_view suffix) {
        return n >= suffix.size() && std::string_view(out + n - suffix.size(), suffix.size()) == suffix;
    };
    if (n > 4 && out[n - 1] == 's') {
        if (ends("ies")) {
            out[n - 3] = 'y';
            n -= 2;
        } else if (ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("ses")) {
            n -= 2;
        } else if (!ends("ss") && !ends("us") && !ends("is")) {
            n -= 1;
        }
    }
    if (n > 5 && ends("ing"))
        n -= 3;
    else if (n > 4 && ends("ed"))
        n -= 2;
    if (n > 4 && out[n - 1] == 'e') n -= 1;
    return n;
}

struct Word {
    std::uint32_t norm_begin, norm_end;  // in Scratch::norms
    std::size_t begin, end;
    bool joined;  // only spaces or hyphens since the previous word: phrases and bigrams may span
    bool covered;
    std::uint32_t id;  // the model's word id, or kNone
};

struct Han {
    char32_t cp;
    std::size_t begin, end;
    bool joined;  // directly after the previous Chinese character
    bool covered;
};

// A feature of the note: a concept (index >= 0) or another key, with where it first appears.
struct Hit {
    int cid;          // -1: key
    std::string key;  // only when all keys are asked for (the trainer)
    std::size_t begin, end;
    bool repeat = false;                                 // the concept again: evidence, but no more score
    const std::vector<std::int32_t>* weights = nullptr;  // a key's weights in the model
};

// Per thread, kept between notes: no allocation per note once warm.
struct Scratch {
    std::vector<Word> words;
    std::vector<Han> hans;
    std::string norms;
    std::vector<Hit> hits;
    std::vector<std::uint32_t> concept_seen, feature_seen;  // == stamp: seen in this note
    std::uint32_t stamp = 0;
    std::string key;
    std::vector<std::int64_t> score;
    std::vector<char> present;
    std::vector<std::size_t> order;
};

Scratch& scratch() {
    static thread_local Scratch s;
    return s;
}

void split(std::string_view note, std::vector<Word>& words, std::vector<Han>& hans, std::string& norms) {
    words.clear();
    hans.clear();
    norms.resize(note.size());  // the normalised words never take more room than the note's
    char* const out = norms.empty() ? nullptr : &norms[0];
    std::uint32_t used = 0;
    std::size_t pos = 0;
    bool word_joined = false, han_joined = false;
    while (pos < note.size()) {
        unsigned char c = static_cast<unsigned char>(note[pos]);
        if (is_ascii_alnum(c)) {
            std::size_t begin = pos;
            while (pos < note.size() && is_ascii_alnum(static_cast<unsigned char>(note[pos]))) ++pos;
            const std::uint32_t from = used;
            used += static_cast<std::uint32_t>(normalize_word(note.data() + begin, pos - begin, out + from));
            words.push_back(Word{from, used, begin, pos, word_joined, false, kNone});
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
            hans.push_back(Han{cp, at, pos, han_joined, false});
            han_joined = true;
        } else {
            han_joined = false;
        }
        word_joined = false;
    }
}

std::string_view norm_of(const Scratch& s, const Word& w) {
    return std::string_view(s.norms).substr(w.norm_begin, w.norm_end - w.norm_begin);
}

}  // namespace

std::string l2_normalize_word(std::string_view word) {
    std::string s(word.size(), '\0');
    if (!word.empty()) s.resize(normalize_word(word.data(), word.size(), &s[0]));
    return s;
}

void L2Model::prepare() {
    auto t = std::make_shared<Tables>();
    t->phrase_end.push_back(Tables::kNoEnd);  // the roots
    t->term_end.push_back(Tables::kNoEnd);
    t->gram_feature.push_back(kNone);
    std::vector<Word> words;
    std::vector<Han> hans;
    std::string norms;
    auto add_phrase = [&](std::string_view text, int cid) {
        split(text, words, hans, norms);
        if (words.empty()) return;
        std::uint32_t node = 0;
        for (const Word& w : words)
            node =
                Tables::add_child(t->phrase_edges, t->phrase_end, Tables::kNoEnd, node,
                                  t->add_word(std::string_view(norms).substr(w.norm_begin, w.norm_end - w.norm_begin)));
        if (t->phrase_end[node] == Tables::kNoEnd) t->phrase_end[node] = cid;  // the first concept naming it keeps it
    };
    auto add_term = [&](const std::string& text, int cid) {
        std::size_t pos = 0;
        std::uint32_t node = 0;
        while (pos < text.size()) {
            char32_t cp = 0;
            if (!decode_utf8(text, pos, cp)) return;
            node = Tables::add_child(t->term_edges, t->term_end, Tables::kNoEnd, node, static_cast<std::uint32_t>(cp));
        }
        if (node != 0 && t->term_end[node] == Tables::kNoEnd) t->term_end[node] = cid;
    };
    for (std::size_t c = 0; c < concepts.size(); ++c) {
        for (const std::string& e : concepts[c].en) add_phrase(e, static_cast<int>(c));
        for (const std::string& z : concepts[c].zh) add_term(z, static_cast<int>(c));
    }
    for (const std::string& e : stop_en) add_phrase(e, -1);
    for (const std::string& z : stop_zh) add_term(z, -1);
    for (const auto& feature : features) {
        const std::string& key = feature.first;
        const auto id = static_cast<std::uint32_t>(t->weights.size());
        t->weights.push_back(&feature.second);
        const std::string_view rest = std::string_view(key).substr(key.size() < 2 ? key.size() : 2);
        if (key.compare(0, 2, "w:") == 0) {
            t->word_unigram[t->add_word(rest)] = id;
        } else if (key.compare(0, 2, "b:") == 0) {
            const std::size_t space = rest.find(' ');
            if (space == std::string_view::npos) continue;
            const std::uint32_t a = t->add_word(rest.substr(0, space)), b = t->add_word(rest.substr(space + 1));
            t->word_bigram_start[a] = 1;
            t->bigrams.insert(detail::edge(a, b), id);
        } else if (key.compare(0, 2, "g:") == 0) {
            std::size_t pos = 0;
            std::uint32_t node = 0;
            bool ok = true;
            while (ok && pos < rest.size()) {
                char32_t cp = 0;
                ok = decode_utf8(rest, pos, cp);
                if (ok)
                    node =
                        Tables::add_child(t->gram_edges, t->gram_feature, kNone, node, static_cast<std::uint32_t>(cp));
            }
            if (ok && node != 0) t->gram_feature[node] = id;
        }
    }
    tables = std::move(t);
}

namespace {

// Every feature of the note once, in order of first appearance: with all_keys every word and
// n-gram (for the trainer), else only those the model has weights for. The hits live in the
// thread's scratch until the next call.
const std::vector<Hit>& note_hits(const L2Model& model, std::string_view note, bool all_keys) {
    const L2Model::Tables& t = *model.tables;
    Scratch& s = scratch();
    std::vector<Word>& words = s.words;
    std::vector<Han>& hans = s.hans;
    split(note, words, hans, s.norms);
    std::vector<Hit>& hits = s.hits;
    hits.clear();
    if (++s.stamp == 0) {  // wrapped: forget every mark
        s.concept_seen.assign(s.concept_seen.size(), 0);
        s.feature_seen.assign(s.feature_seen.size(), 0);
        s.stamp = 1;
    }
    if (s.concept_seen.size() < model.concepts.size()) s.concept_seen.resize(model.concepts.size(), 0);
    if (s.feature_seen.size() < t.weights.size()) s.feature_seen.resize(t.weights.size(), 0);
    const std::uint32_t stamp = s.stamp;
    std::unordered_set<std::string> seen_key;  // all_keys only
    auto concept_hit = [&](int cid, std::size_t begin, std::size_t end) {
        if (cid < 0) return;
        std::uint32_t& seen = s.concept_seen[static_cast<std::size_t>(cid)];
        hits.push_back(Hit{cid, {}, begin, end, seen == stamp});
        seen = stamp;
    };
    auto feature_hit = [&](std::uint32_t feature, std::size_t begin, std::size_t end) {
        if (feature == kNone) return;
        std::uint32_t& seen = s.feature_seen[feature];
        if (seen == stamp) return;
        seen = stamp;
        hits.push_back(Hit{-1, {}, begin, end, false, t.weights[feature]});
    };
    std::string& key = s.key;
    auto key_hit = [&](std::size_t begin, std::size_t end) {  // all_keys: the key is in `key`
        if (seen_key.insert(key).second) hits.push_back(Hit{-1, key, begin, end});
    };

    for (Word& w : words) w.id = t.find_word(norm_of(s, w));
    for (std::size_t i = 0; i < words.size();) {
        // The longest phrase starting here, over joined words.
        std::size_t matched = 0;
        int cid = 0;
        std::uint32_t node = 0;
        for (std::size_t k = 0; i + k < words.size(); ++k) {
            if (k > 0 && !words[i + k].joined) break;
            if (words[i + k].id == kNone) break;
            node = L2Model::Tables::child(t.phrase_edges, node, words[i + k].id);
            if (node == kNone) break;
            if (t.phrase_end[node] != L2Model::Tables::kNoEnd) {
                matched = k + 1;
                cid = t.phrase_end[node];
            }
        }
        if (!matched) {
            ++i;
            continue;
        }
        concept_hit(cid, words[i].begin, words[i + matched - 1].end);
        for (std::size_t k = 0; k < matched; ++k) words[i + k].covered = true;
        i += matched;
    }
    for (std::size_t i = 0; i < hans.size();) {
        // The longest Chinese term starting here, over adjacent characters.
        std::size_t matched = 0;
        int cid = 0;
        std::uint32_t node = 0;
        for (std::size_t k = 0; i + k < hans.size(); ++k) {
            if (k > 0 && !hans[i + k].joined) break;
            node = L2Model::Tables::child(t.term_edges, node, static_cast<std::uint32_t>(hans[i + k].cp));
            if (node == kNone) break;
            if (t.term_end[node] != L2Model::Tables::kNoEnd) {
                matched = k + 1;
                cid = t.term_end[node];
            }
        }
        if (!matched) {
            ++i;
            continue;
        }
        concept_hit(cid, hans[i].begin, hans[i + matched - 1].end);
        for (std::size_t k = 0; k < matched; ++k) hans[i + k].covered = true;
        i += matched;
    }

    for (std::size_t i = 0; i < words.size(); ++i) {
        const Word& w = words[i];
        if (w.covered) continue;
        const bool pair = i + 1 < words.size() && !words[i + 1].covered && words[i + 1].joined;
        if (all_keys) {
            key.assign("w:").append(norm_of(s, w));
            key_hit(w.begin, w.end);
            if (pair) {
                key.assign("b:").append(norm_of(s, w)).append(" ").append(norm_of(s, words[i + 1]));
                key_hit(w.begin, words[i + 1].end);
            }
            continue;
        }
        if (w.id == kNone) continue;
        feature_hit(t.word_unigram[w.id], w.begin, w.end);
        if (pair && t.word_bigram_start[w.id] && words[i + 1].id != kNone)
            feature_hit(t.bigrams.find(detail::edge(w.id, words[i + 1].id)), w.begin, words[i + 1].end);
    }
    const std::size_t min = static_cast<std::size_t>(model.zh_gram_min),
                      max = static_cast<std::size_t>(model.zh_gram_max);
    for (std::size_t i = 0; i < hans.size(); ++i) {
        if (hans[i].covered) continue;
        std::uint32_t node = 0;
        for (std::size_t n = 1; n <= max && i + n <= hans.size(); ++n) {
            const Han& last = hans[i + n - 1];
            if (last.covered || (n > 1 && !last.joined)) break;
            if (all_keys) {
                if (n < min) continue;
                key.assign("g:").append(note.substr(hans[i].begin, last.end - hans[i].begin));
                key_hit(hans[i].begin, last.end);
                continue;
            }
            node = L2Model::Tables::child(t.gram_edges, node, static_cast<std::uint32_t>(last.cp));
            if (node == kNone) break;
            if (n >= min) feature_hit(t.gram_feature[node], hans[i].begin, last.end);
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
    for (const Hit& h : note_hits(model, note, true)) {
        if (h.repeat) continue;
        if (h.cid >= 0)
            out.concepts.push_back(h.cid);
        else
            out.keys.push_back(h.key);
    }
    return out;
}

namespace {

// The classes' scores of a note (rules applied) into `score`; spans of every contribution when
// asked for.
void score_note(const L2Model& model, std::string_view note, std::vector<std::int64_t>& score,
                std::vector<std::vector<Span>>* spans) {
    const std::size_t n = model.classes.size();
    score.assign(n, 0);
    const std::vector<Hit>& hits = note_hits(model, note, false);
    std::vector<char>& present = scratch().present;
    present.assign(model.concepts.size(), 0);
    for (const Hit& h : hits) {
        const std::vector<std::int32_t>* w = h.weights;
        if (h.cid >= 0) {
            present[static_cast<std::size_t>(h.cid)] = 1;
            w = &model.concepts[static_cast<std::size_t>(h.cid)].weights;
        }
        const std::size_t m = std::min(n, w->size());
        for (std::size_t k = 0; k < m; ++k) {
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
}

// The L2s best first (ties in list order), into `order`.
void ranked(const L2Model& model, const std::vector<std::int64_t>& score, std::vector<std::size_t>& order) {
    order.clear();
    for (std::size_t k = 0; k < model.l2_count; ++k) order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
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
    std::vector<std::vector<Span>> spans(with_evidence ? model.classes.size() : 0);
    std::vector<std::int64_t> score;
    std::vector<std::size_t> order;
    score_note(model, note, score, with_evidence ? &spans : nullptr);
    ranked(model, score, order);
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
    Scratch& s = scratch();
    std::vector<std::int64_t>& score = s.score;
    std::vector<std::size_t>& order = s.order;
    score_note(model, note, score, nullptr);
    ranked(model, score, order);
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
