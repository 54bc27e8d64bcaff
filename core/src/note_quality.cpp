// The note guidance's matcher. One pass cuts the note into units (a word of Latin script, lowercased
// ASCII; or one ideograph, as Chinese has no spaces), with the sentence each is in, whether a comma
// comes before it and whether it is inside quotation marks. A second pass looks up, at every
// unit, the few terms that start with it (a hash of the first unit), so the cost is linear in the
// note with a small constant however long the lists are. The lists say what counts; this file
// only says how the five kinds combine (docs/diagnostics.md#note-quality).
#include "ftblock/note_quality.h"

#include <functional>

#include "ftblock/text.h"

namespace ftblock {

namespace {

constexpr std::size_t kBuckets = 512;
constexpr std::size_t kStatusGap = 3;    // units allowed between a "currently" word and its status word
constexpr std::size_t kShownBytes = 60;  // a word shown in a message is cut here (a long "meetings…")

std::size_t bucket_of(std::string_view unit) { return std::hash<std::string_view>{}(unit) & (kBuckets - 1); }

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

struct Unit {
    std::size_t begin = 0, end = 0;          // in the normalized text
    std::size_t src_begin = 0, src_end = 0;  // in the note
    std::size_t sentence = 0;
    bool number = false, after_comma = false, quoted = false;
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

Cut cut(std::string_view note) {
    Cut c;
    c.text.reserve(note.size());
    c.units.reserve(note.size() / 4 + 1);
    std::size_t sentence = 0, pos = 0;
    bool sentence_has_units = false, comma = false, in_word = false, word_is_number = false;
    char32_t quote_close = 0;
    std::size_t quote_from = 0;
    auto end_word = [&] { in_word = false; };
    auto end_sentence = [&] {
        if (sentence_has_units) ++sentence;
        sentence_has_units = false;
        comma = false;
    };
    auto start_unit = [&](std::size_t src) {
        Unit u;
        u.begin = u.end = c.text.size();
        u.src_begin = u.src_end = src;
        u.sentence = sentence;
        u.after_comma = comma;
        c.units.push_back(u);
        sentence_has_units = true;
        comma = false;
    };
    auto peek = [&](std::size_t at) -> char32_t {  // the code point at byte `at`, 0 at the end
        char32_t cp = 0;
        return at < note.size() && decode_utf8(note, at, cp) ? cp : 0;
    };
    while (pos < note.size()) {
        const std::size_t at = pos;
        char32_t cp = 0;
        if (!decode_utf8(note, pos, cp)) {  // not expected (the readers check UTF-8): a separator
            pos = at + 1;
            end_word();
            continue;
        }
        ++c.code_points;
        if (is_ideograph(cp)) {
            ++c.ideographs;
            end_word();
            start_unit(at);
            c.text.append(note.substr(at, pos - at));
            c.units.back().end = c.text.size();
            c.units.back().src_end = pos;
            continue;
        }
        const char32_t next = peek(pos);
        if (in_word) {
            // Inside a word: an apostrophe before a letter (can't, customer's), a point or comma
            // between digits (0.0, 1,000) continue it.
            const bool apostrophe = (cp == '\'' || cp == 0x2019) && is_ascii_alnum(next);
            const bool in_number = (cp == '.' || cp == ',') && word_is_number && is_digit(next);
            if (apostrophe || in_number) {
                c.text += apostrophe ? '\'' : static_cast<char>(cp);
                c.units.back().end = c.text.size();
                c.units.back().src_end = pos;
                continue;
            }
        }
        if (is_ascii_alnum(cp) || is_other_letter(cp)) {
            if (!in_word) {
                start_unit(at);
                in_word = true;
                word_is_number = true;
            }
            if (cp < 0x80) {
                c.text += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
            } else {
                c.text.append(note.substr(at, pos - at));
            }
            word_is_number = word_is_number && is_digit(cp);
            c.units.back().end = c.text.size();
            c.units.back().src_end = pos;
            c.units.back().number = word_is_number;
            continue;
        }
        // A separator.
        const bool was_single_letter =
            in_word && c.units.back().end - c.units.back().begin == 1 && !c.units.back().number;
        end_word();
        if (quote_close && cp == quote_close) {
            for (std::size_t u = quote_from; u < c.units.size(); ++u) c.units[u].quoted = true;
            quote_close = 0;
        } else if (!quote_close && closing_quote(cp)) {
            quote_close = closing_quote(cp);
            quote_from = c.units.size();
        }
        if (cp == '.') {
            // A full stop ends a sentence before a space or the end, unless it closes a one-letter
            // abbreviation (e.g., i.e.) or the text goes on in lower case.
            std::size_t look = pos;
            char32_t after = next;
            while (after == ' ') after = peek(++look);
            const bool spaced = next == 0 || is_white_space(next) || closing_quote(next) || next == 0x201D ||
                                next == ')' || next == 0x300D || next == 0x300F || next == 0x300B;
            if (spaced && !was_single_letter && !(after >= 'a' && after <= 'z')) end_sentence();
        } else if (ends_sentence(cp)) {
            end_sentence();
        } else if (is_comma(cp)) {
            comma = true;
        }
    }
    c.sentences = sentence + (sentence_has_units ? 1 : 0);
    return c;
}

struct Match {
    int term;
    std::size_t first, last;  // units [first, last)
};

bool unit_matches(const Cut& c, std::size_t u, const std::string& want, bool prefix) {
    if (want == "#") return c.units[u].number;
    std::string_view have = c.unit(u);
    if (prefix) return have.size() >= want.size() && have.compare(0, want.size(), want) == 0;
    return have == want;
}

void try_term(const NoteGuidance& g, const Cut& c, std::size_t u, int t, std::vector<Match>& out) {
    const NoteTerm& term = g.terms[static_cast<std::size_t>(t)];
    const std::size_t n = term.units.size();
    if (u + n > c.units.size()) return;
    if (term.after_comma && !c.units[u].after_comma) return;
    for (std::size_t k = 0; k < n; ++k)
        if (!unit_matches(c, u + k, term.units[k], term.prefix && k + 1 == n)) return;
    out.push_back(Match{t, u, u + n});
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
    std::vector<int> terms;
    std::vector<std::string> words;
    std::size_t covered = 0;  // units before this are inside a named word
    void add(std::string_view note, const Cut& c, const Match& m) {
        if (m.first < covered) return;
        covered = m.last;
        for (int t : terms)
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
    for (NoteTerm& t : terms)
        if (t.text == term.text) {
            t.lists |= list;
            return "";
        }
    term.lists = list;
    terms.push_back(std::move(term));
    return "";
}

void NoteGuidance::index() {
    buckets.assign(kBuckets, {});
    prefix_first.clear();
    for (std::size_t t = 0; t < terms.size(); ++t) {
        const NoteTerm& term = terms[t];
        if (term.prefix && term.units.size() == 1)
            prefix_first.push_back(static_cast<int>(t));
        else
            buckets[bucket_of(term.units.front())].push_back(static_cast<int>(t));
    }
}

std::vector<NoteFinding> assess_note(const NoteGuidance& g, std::string_view note) {
    std::vector<NoteFinding> out;
    if (g.terms.empty() && g.max_characters == 0 && g.max_sentences == 0) return out;
    const Cut c = cut(note);
    const std::size_t n = c.units.size();

    std::vector<Match> matches;
    const bool indexed = g.buckets.size() == kBuckets;
    const std::size_t number_bucket = bucket_of("#");
    for (std::size_t u = 0; u < n && indexed; ++u) {
        for (int t : g.buckets[bucket_of(c.unit(u))]) try_term(g, c, u, t, matches);
        if (c.units[u].number)
            for (int t : g.buckets[number_bucket]) try_term(g, c, u, t, matches);
        if (c.units[u].number) continue;
        for (int t : g.prefix_first) try_term(g, c, u, t, matches);
    }

    // Spans where a list's words do not count, then what each list found.
    std::vector<char> not_vague(n, 0), not_why(n, 0), status(n, 0), status_word(n, 0);
    for (const Match& m : matches) {
        const unsigned lists = g.terms[static_cast<std::size_t>(m.term)].lists;
        for (std::size_t u = m.first; u < m.last; ++u) {
            if (lists & kNoteVagueExcept) not_vague[u] = 1;
            if (lists & kNoteWhyExcept) not_why[u] = 1;
            if (lists & kNoteStatus) status[u] = 1;
        }
        if (lists & kNoteStatusAfterVague) status_word[m.first] = 1;
    }
    bool why = false, waits_for = false, dated = false;
    FoundWords vague_words, engagement_words;
    for (std::size_t u = 0; u < n; ++u) dated = dated || (c.units[u].number && is_year(c.unit(u)));
    for (const Match& m : matches) {
        const unsigned lists = g.terms[static_cast<std::size_t>(m.term)].lists;
        if ((lists & kNoteWhy) && !not_why[m.first]) why = true;
        if (lists & kNoteWaitsFor) waits_for = true;
        if (lists & kNoteEngagement) engagement_words.add(note, c, m);
    }
    for (const Match& m : matches) {
        const unsigned lists = g.terms[static_cast<std::size_t>(m.term)].lists;
        if (!(lists & (kNoteVague | kNoteVagueBeforeStatus)) || c.units[m.first].quoted || not_vague[m.first]) continue;
        bool vague = (lists & kNoteVague) != 0;
        // "currently" is vague when it hedges the status ("currently blocked", "currently unable") and the
        // note does not say what the block waits for; "currently in place" describes a fact.
        if (!vague && !waits_for && !dated)
            for (std::size_t u = m.last; u < n && u <= m.last + kStatusGap; ++u) {
                if (c.units[u].sentence != c.units[m.first].sentence) break;
                if (status_word[u]) {
                    vague = true;
                    break;
                }
            }
        if (vague) vague_words.add(note, c, m);
    }

    bool status_only = n > 0;
    for (std::size_t u = 0; u < n && status_only; ++u) status_only = status[u] || c.units[u].number;
    const bool engagement = !engagement_words.words.empty() && !why;
    if (status_only) out.push_back(NoteFinding{NoteIssue::StatusOnly, {}, 0, 0});
    if (engagement && !status_only)
        out.push_back(NoteFinding{NoteIssue::Engagement, std::move(engagement_words.words), 0, 0});
    if (!status_only && !engagement && !why && !waits_for) out.push_back(NoteFinding{NoteIssue::NoWhy, {}, 0, 0});
    if (!vague_words.words.empty())
        out.push_back(NoteFinding{NoteIssue::VagueTime, std::move(vague_words.words), 0, 0});
    const std::size_t weighted = c.code_points + c.ideographs * (g.ideograph_weight > 0 ? g.ideograph_weight - 1 : 0);
    if ((g.max_characters > 0 && weighted > g.max_characters) || (g.max_sentences > 0 && c.sentences > g.max_sentences))
        out.push_back(NoteFinding{NoteIssue::TooLong, {}, count_code_points(trim_white_space(note)), c.sentences});
    return out;
}

}  // namespace ftblock
