// ftblock/note_quality.h — the playbook's note guidance as hints (the `note_quality` warning,
// docs/diagnostics.md#note-quality): which kinds of poor note a Blocked status note is, found with
// the word lists of the playbook data ($.note_guidance, docs/playbook-format.md). A list holds
// English and Chinese words alike, so a mixed-language note is read with both. Pure functions
// over bytes, linear in the note's length; no I/O, no clock, no UI, no words of any language here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ftblock {

// The word lists of $.note_guidance, one bit each: the same term may be in several lists.
enum NoteList : unsigned {
    kNoteVague = 1u << 0,              // vague time words that always count ("for now")
    kNoteVagueBeforeStatus = 1u << 1,  // vague only just before a status word ("currently blocked")
    kNoteStatusAfterVague = 1u << 2,   // those status words
    kNoteVagueExcept = 1u << 3,        // spans where vague words do not count (", yet" the conjunction)
    kNoteWhy = 1u << 4,                // a cause or blocking construction (because, unable, lack of)
    kNoteWhyExcept = 1u << 5,          // spans where why words do not count
    kNoteWaitsFor = 1u << 6,           // what the block waits for (until, once, a month)
    kNoteStatus = 1u << 7,             // the words of a note that only restates the status
    kNoteEngagement = 1u << 8,         // engagement chatter (kickoff, meeting, follow up)
};

struct NoteTerm {                            // one entry of a list, split into units
    std::string text;                        // as written in the data
    std::vector<std::string> units;          // lowercase ASCII words, single ideographs, "#" (any number)
    bool prefix = false;                     // "lack*": the last unit is a prefix of the note's word
    bool after_comma = false;                // ", yet": the first unit follows a comma
    unsigned lists = 0;                      // NoteList bits
    unsigned numbers = 0;                    // bit k: unit k is "#" (index())
    std::vector<std::uint32_t> unit_hashes;  // each unit's hash, compared before its text (index())
};

struct NoteGuidance {                  // $.note_guidance; field -1 when the data has none
    int field = -1;                    // the notes field
    std::size_t max_characters = 0;    // longer than this (weighted) is too long; 0: no limit
    std::size_t max_sentences = 0;     // more sentences than this is too long; 0: no limit
    std::size_t sentences_from = 0;    // ... when the note is over this many (weighted) characters
    std::size_t ideograph_weight = 1;  // an ideograph counts this many toward max_characters
    std::vector<NoteTerm> terms;       // every entry of every list, each text once
    // The index (index()): terms by a hash of their first unit, or of its first three bytes for
    // prefixes, as one array with bucket starts; terms that start with a number; short prefixes.
    std::vector<unsigned> exact_start, exact_terms, prefix_start, prefix_terms, number_first, short_prefix;
    std::vector<std::uint32_t> exact_hashes, prefix_hashes;  // beside exact_terms, prefix_terms
    std::unordered_map<std::string, unsigned> by_text;       // add(): each text's term, so each text is once

    // Adds one entry to a list: "" or what is wrong with it. English entries are lowercase
    // words separated by single spaces; Chinese entries are ideographs. Both may use "#".
    std::string add(unsigned list, std::string_view entry, bool chinese);
    void index();  // after the last add
};

enum class NoteIssue {
    StatusOnly,  // only the status or a usage figure ("customer is blocked", "usage 0.0%")
    Engagement,  // engagement chatter and no blocker stated
    NoWhy,       // no cause or blocker stated (not reported with the two above)
    VagueTime,   // vague time words that will be wrong next week
    TooLong,     // far longer than one or two sentences
};

struct NoteFinding {
    NoteIssue issue;
    std::vector<std::string> words;  // VagueTime, Engagement: the note's words, each term once, in order
    std::size_t characters = 0;      // TooLong: code points
    std::size_t sentences = 0;       // TooLong
};

// What is wrong with a note (valid UTF-8), in the order of NoteIssue; empty for a good note.
std::vector<NoteFinding> assess_note(const NoteGuidance& guidance, std::string_view note);

}  // namespace ftblock
