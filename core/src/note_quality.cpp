// The note guidance's matcher. One pass cuts the note into units (a word of Latin script, lowercased
// ASCII; or one ideograph, as Chinese has no spaces), with the sentence each is in, whether a comma
// comes before it and whether it is inside quotation marks. A second pass looks up, at every
// unit, the few terms that start with it (a hash of the first unit), so the cost is linear in the
// note with a small constant however long the lists are. The lists say what counts; this file
// only says how the five kinds combine (docs/diagnostics.md#note-quality).
#include "ftblock/note_quality.h"

#include <cstdint>
#include <utility>

#include "ftblock/text.h"

namespace ftblock {

namespace {

constexpr std::size_t kBuckets = 2048;
constexpr std::size_t kStatusGap = 3;    // units allowed between a "currently" word and its status word
constexpr std::size_t kShownBytes = 60;  // a word shown in a message is cut here (a long "meetings…")
constexpr std::size_t kPrefixBytes = 3;  // prefixes are indexed by their first three bytes

// A unit's hash: eight bytes at a time (most units are one step), the same in every build (the
// index and the note use it alike).
std::uint32_t unit_hash(const char* p, std::size_t n) {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = (n + 1) * kMul;
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
        h = (h ^ v) * kMul;
        h ^= h >> 29;
    }
    if (n) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i)
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
        h = (h ^ v) * kMul;
        h ^= h >> 29;
    }
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}
std::uint32_t unit_hash(std::string_view s) { return unit_hash(s.data(), s.size()); }

bool is_ascii_alnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

bool is_ideograph(char32_t cp) {  // CJK Unified Ideographs, extension A and B+, compatibility
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

// Letters of other scripts (accented Latin, Cyrillic, kana, …) join words; punctuation and symbols
// of the common blocks separate them. Rough on purpose: no list holds such words.
bool is_other_letter(char32_t cp) {
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, shapes
    if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK symbols and punctuation
    if (cp >= 0xFE30 && cp <= 0xFE4F) return false;  // CJK compatibility forms
    if ((cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
        (cp >= 0xFF5B && cp <= 0xFF65))
        return false;                 // full-width punctuation
    if (cp >= 0x1F000) return false;  // emoji and pictographs
    return !is_white_space(cp);
}

bool ends_sentence(char32_t cp) {  // '.' is decided by its context (see cut())
    return cp == '!' || cp == '?' || cp == '\n' || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61;
}
bool is_comma(char32_t cp) { return cp == ',' || cp == ';' || cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B; }

// Quotation marks around a name: an opening mark and its closing one ('"' is both).
char32_t closing_quote(char32_t cp) {
    switch (cp) {
        case '"': return '"';
        case 0x201C: return 0x201D;  // double quotation marks
        case 0x300C: return 0x300D;  // corner brackets
        case 0x300E: return 0x300F;  // white corner brackets
        case 0x300A: return 0x300B;  // double angle brackets (titles)
        default: return 0;
    }
}

enum UnitFlag : unsigned char { kNumber = 1, kAfterComma = 2, kQuoted = 4 };

struct Unit {
    std::uint32_t begin, end;          // in the normalized text
    std::uint32_t src_begin, src_end;  // in the note
    std::uint32_t sentence;
    std::uint32_t hash, hash3;  // unit_hash of the unit, and of its first kPrefixBytes bytes (when it has them)
    unsigned char flags;
};

struct Cut {
    std::string text;  // the units' normalized bytes, one after another
    std::vector<Unit> units;
    std::size_t sentences = 0;  // sentences holding at least one unit
    std::size_t code_points = 0, ideographs = 0;
    std::string_view unit(std::size_t i) const {
        return std::string_view(text).substr(units[i].begin, units[i].end - units[i].begin);
    }
};

// One code point at `pos` (advanced past it); ASCII and three-byte sequences (Chinese) without a
// call. Not UTF-8: false.
inline bool next_code_point(std::string_view s, std::size_t& pos, char32_t& cp) {
    const unsigned char b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
        cp = b;
        ++pos;
        return true;
    }
    if (b >= 0xE1 && b <= 0xEC && pos + 2 < s.size() && (static_cast<unsigned char>(s[pos + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(s[pos + 2]) & 0xC0) == 0x80) {
        cp = (static_cast<char32_t>(b & 0x0F) << 12) |
             (static_cast<char32_t>(static_cast<unsigned char>(s[pos + 1]) & 0x3F) << 6) |
             static_cast<char32_t>(static_cast<unsigned char>(s[pos + 2]) & 0x3F);
        pos += 3;
        return true;
    }
    return decode_utf8(s, pos, cp);
}

void cut(std::string_view note, Cut& c) {
    // The normalized text is never longer than the note (an apostrophe ’ becomes '), so it is
    // written through a pointer into a buffer of the note's size.
    c.text.resize(note.size());
    char* const out = &c.text[0];
    std::uint32_t len = 0;
    c.units.clear();
    c.code_points = c.ideographs = 0;
    std::uint32_t sentence = 0;
    std::size_t pos = 0;
    bool sentence_has_units = false, comma = false, in_word = false, word_is_number = false;
    char32_t quote_close = 0;
    std::size_t quote_from = 0;
    auto end_sentence = [&] {
        if (sentence_has_units) ++sentence;
        sentence_has_units = false;
        comma = false;
    };
    auto start_unit = [&](std::size_t src) {
        c.units.push_back(Unit{len, len, static_cast<std::uint32_t>(src), static_cast<std::uint32_t>(src), sentence, 0,
                               0, static_cast<unsigned char>(comma ? kAfterComma : 0)});
        sentence_has_units = true;
        comma = false;
    };
    auto peek = [&](std::size_t at) -> char32_t {  // the code point at byte `at`, 0 at the end
        char32_t cp = 0;
        return at < note.size() && next_code_point(note, at, cp) ? cp : 0;
    };
    while (pos < note.size()) {
        const std::size_t at = pos;
        char32_t cp = 0;
        if (!next_code_point(note, pos, cp)) {  // not expected (the readers check UTF-8): a separator
            pos = at + 1;
            in_word = false;
            continue;
        }
        ++c.code_points;
        if (cp >= 0x3400 && is_ideograph(cp)) {
            ++c.ideographs;
            in_word = false;
            start_unit(at);
            for (std::size_t b = at; b < pos; ++b) out[len++] = note[b];
            Unit& u = c.units.back();
            u.end = len;
            u.src_end = static_cast<std::uint32_t>(pos);
            continue;
        }
        if (in_word && (cp == '\'' || cp == 0x2019 || cp == '.' || cp == ',')) {
            // Inside a word: an apostrophe before a letter (can't, customer's), a point or comma
            // between digits (0.0, 1,000) continue it.
            const char32_t next = peek(pos);
            const bool apostrophe = (cp == '\'' || cp == 0x2019) && is_ascii_alnum(next);
            const bool in_number = (cp == '.' || cp == ',') && word_is_number && is_digit(next);
            if (apostrophe || in_number) {
                out[len++] = apostrophe ? '\'' : static_cast<char>(cp);
                Unit& u = c.units.back();
                u.end = len;
                u.src_end = static_cast<std::uint32_t>(pos);
                continue;
            }
        }
        if (is_ascii_alnum(cp) || (cp >= 0x80 && is_other_letter(cp))) {
            if (!in_word) {
                start_unit(at);
                in_word = true;
                word_is_number = true;
            }
            if (cp < 0x80) {
                // The rest of an ASCII run at once: most of a note's bytes.
                while (pos < note.size() && is_ascii_alnum(static_cast<unsigned char>(note[pos]))) ++pos;
                bool digits = true;
                for (std::size_t b = at; b < pos; ++b) {
                    const auto ch = static_cast<unsigned char>(note[b]);
                    digits = digits && is_digit(ch);
                    out[len++] = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
                }
                word_is_number = word_is_number && digits;
                c.code_points += pos - at - 1;
            } else {
                for (std::size_t b = at; b < pos; ++b) out[len++] = note[b];
                word_is_number = false;
            }
            Unit& u = c.units.back();
            u.end = len;
            u.src_end = static_cast<std::uint32_t>(pos);
            u.flags = static_cast<unsigned char>(word_is_number ? (u.flags | kNumber) : (u.flags & ~kNumber));
            continue;
        }
        // A separator.
        const bool was_single_letter =
            in_word && c.units.back().end - c.units.back().begin == 1 && !(c.units.back().flags & kNumber);
        in_word = false;
        if (cp == ' ') continue;
        if (quote_close && cp == quote_close) {
            for (std::size_t u = quote_from; u < c.units.size(); ++u) c.units[u].flags |= kQuoted;
            quote_close = 0;
        } else if (!quote_close && closing_quote(cp)) {
            quote_close = closing_quote(cp);
            quote_from = c.units.size();
        }
        if (cp == '.') {
            // A full stop ends a sentence before a space or the end, unless it closes a one-letter
            // abbreviation (e.g., i.e.) or the text goes on in lower case.
            const char32_t next = peek(pos);
            std::size_t look = pos;
            char32_t after = next;
            while (after == ' ') after = peek(++look);
            const bool spaced = next == 0 || is_white_space(next) || next == '"' || next == 0x201D || next == ')' ||
                                next == 0x300D || next == 0x300F || next == 0x300B;
            if (spaced && !was_single_letter && !(after >= 'a' && after <= 'z')) end_sentence();
        } else if (ends_sentence(cp)) {
            end_sentence();
        } else if (is_comma(cp)) {
            comma = true;
        }
    }
    c.text.resize(len);
    for (Unit& u : c.units) {
        u.hash = unit_hash(out + u.begin, u.end - u.begin);
        u.hash3 = u.end - u.begin >= kPrefixBytes ? unit_hash(out + u.begin, kPrefixBytes) : 0;
    }
    c.sentences = sentence + (sentence_has_units ? 1 : 0);
}

struct Match {
    unsigned term;
    std::size_t first, last;  // units [first, last)
};

void try_term(const NoteGuidance& g, const Cut& c, std::size_t u, unsigned t, std::vector<Match>& out) {
    const NoteTerm& term = g.terms[t];
    const std::size_t n = term.units.size();
    if (u + n > c.units.size()) return;
    if (term.after_comma && !(c.units[u].flags & kAfterComma)) return;
    for (std::size_t k = 0; k < n; ++k) {
        const Unit& unit = c.units[u + k];
        if (term.numbers >> k & 1u) {
            if (!(unit.flags & kNumber)) return;
            continue;
        }
        const std::string& want = term.units[k];
        const std::string_view have = c.unit(u + k);
        if (term.prefix && k + 1 == n) {
            if (have.size() < want.size() || have.compare(0, want.size(), want) != 0) return;
        } else if (unit.hash != term.unit_hashes[k] || have != want) {
            return;
        }
    }
    out.push_back(Match{t, u, u + n});
}

// Buckets as one array: the terms of bucket b are items[start[b] .. start[b + 1]).
void fill_buckets(const std::vector<std::pair<std::uint32_t, unsigned>>& keyed, std::vector<unsigned>& start,
                  std::vector<unsigned>& items, std::vector<std::uint32_t>& hashes) {
    start.assign(kBuckets + 1, 0);
    for (const auto& k : keyed) ++start[(k.first & (kBuckets - 1)) + 1];
    for (std::size_t b = 0; b < kBuckets; ++b) start[b + 1] += start[b];
    items.assign(keyed.size(), 0);
    hashes.assign(keyed.size(), 0);
    std::vector<unsigned> next(start.begin(), start.end() - 1);
    for (const auto& k : keyed) {  // in term order
        const unsigned at = next[k.first & (kBuckets - 1)]++;
        items[at] = k.second;
        hashes[at] = k.first;  // compared before the term's text
    }
}

std::string shown(std::string_view note, const Cut& c, const Match& m) {
    std::string_view s =
        note.substr(c.units[m.first].src_begin, c.units[m.last - 1].src_end - c.units[m.first].src_begin);
    if (s.size() <= kShownBytes) return std::string(s);
    std::size_t cut_at = kShownBytes;
    while (cut_at > 0 && (static_cast<unsigned char>(s[cut_at]) & 0xC0) == 0x80) --cut_at;
    return std::string(s.substr(0, cut_at)) + "…";
}

// The words a finding names: each term once, in note order, none inside an earlier one ("gather
// intent" hides its "intent"; matches come in the order of their first unit).
struct FoundWords {
    std::vector<unsigned> terms;
    std::vector<std::string> words;
    std::size_t covered = 0;  // units before this are inside a named word
    void add(std::string_view note, const Cut& c, const Match& m) {
        if (m.first < covered) return;
        covered = m.last;
        for (unsigned t : terms)
            if (t == m.term) return;
        terms.push_back(m.term);
        words.push_back(shown(note, c, m));
    }
};

bool is_year(std::string_view unit) {  // 1900-2099: a date written with digits (2026-03-31)
    return unit.size() == 4 && (unit.compare(0, 2, "19") == 0 || unit.compare(0, 2, "20") == 0) &&
           is_digit(static_cast<unsigned char>(unit[2])) && is_digit(static_cast<unsigned char>(unit[3]));
}

}  // namespace

std::string NoteGuidance::add(unsigned list, std::string_view entry, bool chinese) {
    NoteTerm term;
    term.text = std::string(entry);
    std::string_view rest = entry;
    if (!chinese && rest.substr(0, 2) == ", ") {
        term.after_comma = true;
        rest.remove_prefix(2);
    }
    if (rest.empty()) return "empty entry";
    if (chinese) {
        std::size_t pos = 0;
        char32_t cp = 0;
        while (pos < rest.size()) {
            const std::size_t at = pos;
            if (!decode_utf8(rest, pos, cp)) return "invalid UTF-8";
            if (cp != '#' && !is_ideograph(cp)) return "expected Chinese characters (and # for a number)";
            term.units.emplace_back(rest.substr(at, pos - at));
        }
    } else {
        std::size_t start = 0;
        for (std::size_t i = 0; i <= rest.size(); ++i) {
            if (i < rest.size() && rest[i] != ' ') continue;
            std::string_view word = rest.substr(start, i - start);
            const bool last = i == rest.size();
            if (last && word.size() > 1 && word.back() == '*') {
                term.prefix = true;
                word.remove_suffix(1);
            }
            bool ok = !word.empty() && word.front() != '\'' && word.back() != '\'';
            for (char ch : word)
                ok = ok && ((ch >= 'a' && ch <= 'z') || is_digit(static_cast<unsigned char>(ch)) || ch == '\'' ||
                            (ch == '#' && word.size() == 1));
            if (!ok) return "expected lowercase words separated by single spaces, the last one may end in *";
            term.units.emplace_back(word);
            start = i + 1;
        }
    }
    const auto [it, added] = by_text.emplace(term.text, static_cast<unsigned>(terms.size()));
    if (!added) {
        terms[it->second].lists |= list;
        return "";
    }
    term.lists = list;
    terms.push_back(std::move(term));
    return "";
}

void NoteGuidance::index() {
    std::vector<std::pair<std::uint32_t, unsigned>> exact, prefixes;
    number_first.clear();
    short_prefix.clear();
    for (std::size_t i = 0; i < terms.size(); ++i) {
        NoteTerm& term = terms[i];
        const auto t = static_cast<unsigned>(i);
        term.numbers = 0;
        term.unit_hashes.clear();
        for (const std::string& unit : term.units) term.unit_hashes.push_back(unit_hash(unit));
        for (std::size_t k = 0; k < term.units.size() && k < 32; ++k)
            if (term.units[k] == "#") term.numbers |= 1u << k;
        const std::string& first = term.units.front();
        if (term.numbers & 1u)
            number_first.push_back(t);
        else if (!(term.prefix && term.units.size() == 1))
            exact.emplace_back(unit_hash(first), t);
        else if (first.size() >= kPrefixBytes)
            prefixes.emplace_back(unit_hash(first.data(), kPrefixBytes), t);
        else
            short_prefix.push_back(t);
    }
    fill_buckets(exact, exact_start, exact_terms, exact_hashes);
    fill_buckets(prefixes, prefix_start, prefix_terms, prefix_hashes);
}

namespace {

struct Scratch {  // kept between notes: no allocation per note once warm
    Cut cut;
    std::vector<Match> matches;
    std::vector<unsigned char> marks;
};

enum Mark : unsigned char { kNotVague = 1, kNotWhy = 2, kStatusUnit = 4, kStatusWord = 8 };

}  // namespace

std::vector<NoteFinding> assess_note(const NoteGuidance& g, std::string_view note) {
    std::vector<NoteFinding> out;
    if (g.terms.empty() && g.max_characters == 0 && g.max_sentences == 0) return out;
    static thread_local Scratch scratch;
    Cut& c = scratch.cut;
    cut(note, c);
    const std::size_t n = c.units.size();

    std::vector<Match>& matches = scratch.matches;
    matches.clear();
    if (g.exact_start.size() == kBuckets + 1) {
        for (std::size_t u = 0; u < n; ++u) {
            const Unit& unit = c.units[u];
            const std::size_t b = unit.hash & (kBuckets - 1);
            for (unsigned i = g.exact_start[b]; i < g.exact_start[b + 1]; ++i)
                if (g.exact_hashes[i] == unit.hash) try_term(g, c, u, g.exact_terms[i], matches);
            if (unit.flags & kNumber) {
                for (unsigned t : g.number_first) try_term(g, c, u, t, matches);
                continue;
            }
            if (unit.end - unit.begin >= kPrefixBytes) {
                const std::size_t p = unit.hash3 & (kBuckets - 1);
                for (unsigned i = g.prefix_start[p]; i < g.prefix_start[p + 1]; ++i)
                    if (g.prefix_hashes[i] == unit.hash3) try_term(g, c, u, g.prefix_terms[i], matches);
            }
            for (unsigned t : g.short_prefix) try_term(g, c, u, t, matches);
        }
    }

    // Spans where a list's words do not count, then what each list found.
    std::vector<unsigned char>& marks = scratch.marks;
    marks.assign(n, 0);
    for (const Match& m : matches) {
        const unsigned lists = g.terms[m.term].lists;
        unsigned char span = 0;
        if (lists & kNoteVagueExcept) span |= kNotVague;
        if (lists & kNoteWhyExcept) span |= kNotWhy;
        if (lists & kNoteStatus) span |= kStatusUnit;
        if (span)
            for (std::size_t u = m.first; u < m.last; ++u) marks[u] |= span;
        if (lists & kNoteStatusAfterVague) marks[m.first] |= kStatusWord;
    }
    bool why = false, waits_for = false, dated = false;
    FoundWords vague_words, engagement_words;
    for (std::size_t u = 0; u < n; ++u) dated = dated || ((c.units[u].flags & kNumber) && is_year(c.unit(u)));
    for (const Match& m : matches) {
        const unsigned lists = g.terms[m.term].lists;
        if ((lists & kNoteWhy) && !(marks[m.first] & kNotWhy)) why = true;
        if (lists & kNoteWaitsFor) waits_for = true;
        if (lists & kNoteEngagement) engagement_words.add(note, c, m);
    }
    for (const Match& m : matches) {
        const unsigned lists = g.terms[m.term].lists;
        if (!(lists & (kNoteVague | kNoteVagueBeforeStatus)) || (c.units[m.first].flags & kQuoted) ||
            (marks[m.first] & kNotVague))
            continue;
        bool vague = (lists & kNoteVague) != 0;
        // "currently" is vague when it hedges the status ("currently blocked", "currently unable") and the
        // note does not say what the block waits for; "currently in place" describes a fact.
        if (!vague && !waits_for && !dated)
            for (std::size_t u = m.last; u < n && u <= m.last + kStatusGap; ++u) {
                if (c.units[u].sentence != c.units[m.first].sentence) break;
                if (marks[u] & kStatusWord) {
                    vague = true;
                    break;
                }
            }
        if (vague) vague_words.add(note, c, m);
    }

    bool status_only = n > 0;
    for (std::size_t u = 0; u < n && status_only; ++u)
        status_only = (marks[u] & kStatusUnit) || (c.units[u].flags & kNumber);
    const bool engagement = !engagement_words.words.empty() && !why;
    if (status_only) out.push_back(NoteFinding{NoteIssue::StatusOnly, {}, 0, 0});
    if (engagement && !status_only)
        out.push_back(NoteFinding{NoteIssue::Engagement, std::move(engagement_words.words), 0, 0});
    if (!status_only && !engagement && !why && !waits_for) out.push_back(NoteFinding{NoteIssue::NoWhy, {}, 0, 0});
    if (!vague_words.words.empty())
        out.push_back(NoteFinding{NoteIssue::VagueTime, std::move(vague_words.words), 0, 0});
    const std::size_t weighted = c.code_points + c.ideographs * (g.ideograph_weight > 0 ? g.ideograph_weight - 1 : 0);
    // Four short sentences are still concise: the sentence count matters on a note of some length.
    if ((g.max_characters > 0 && weighted > g.max_characters) ||
        (g.max_sentences > 0 && c.sentences > g.max_sentences && weighted > g.sentences_from))
        out.push_back(NoteFinding{NoteIssue::TooLong, {}, count_code_points(trim_white_space(note)), c.sentences});
    return out;
}

}  // namespace ftblock
