"""Context filters of recognition: persons, ships, organisation runs, speech, compounds.

Each function looks at the tokens around a candidate span (see
:mod:`mapsvc.geoparse.recognise`) and says whether it reads as something other
than a place.
"""
from __future__ import annotations

import re

from ..text.sentences import dateline_end, line_around
from .lexicon import CONNECTORS

__all__ = ["person_runs", "vessel_before", "run_starts_with_vessel", "whole_part", "tail_of_run",
           "speech_around", "compound", "name_like_run", "in_line_of_capitals", "opens_sentence_only",
           "storm_names", "names_a_model", "numbered_designation", "heading_words", "GEO_PREFIXES"]

_INITIAL = re.compile(r"^[A-Z]$")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _title_before(tokens, i, lex) -> bool:
    """A title word right before token ``i`` in the same sentence ("Gov. Perry" counts)."""
    if i == 0:
        return False
    prev = tokens[i - 1].text
    if prev.lower().rstrip(".") not in lex.titles:
        return False
    return not tokens[i].initial or (len(prev) <= 4 and prev[:1].isupper())


#: Words after which a vessel or storm word is a verb ("tried to storm Kharkiv", "will ferry"), not a title.
_VERB_MARKERS = frozenset({"to", "will", "would", "could", "can", "may", "might", "must", "should", "shall", "did"})


def vessel_before(tokens, i, lex) -> bool:
    for k in (i - 1, i - 2):
        if tokens[k + 1].initial:
            break
        if k >= 0 and tokens[k].text.lower() in lex.vessel_words:
            return k == 0 or tokens[k - 1].text.lower() not in _VERB_MARKERS
        if k >= 0 and tokens[k].cap is False:
            break
    return False


def _split_at_titles(idx, tokens, lex) -> list:
    """Parts of a capitalised run split at title words, each with "follows a title"."""
    parts, cur, after = [], [], False
    for i in idx:
        if tokens[i].text.lower().rstrip(".") in lex.titles:
            if cur:
                parts.append((cur, after))
            cur, after = [], True
            continue
        cur.append(i)
    if cur:
        parts.append((cur, after))
    return parts


def _strong_title_before(tokens, i, lex) -> bool:
    """A title right before token ``i`` that is capitalised or abbreviated ("Mr", "Gov.")."""
    return _title_before(tokens, i, lex) and tokens[i - 1].text[:1].isupper()


#: ", 34," right after a name: a person's age ("said Savannah Brooks, 34, who ...").
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*,")
#: "said Carolina Hayes, a Red Cross volunteer": a speaker introduced by an apposition.
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|according to|added|wrote)\s+$")
_APPOSITION_AFTER = re.compile(r",\s+(?:a|an|the|who|whose)\b")


#: A quoted nickname between a given name and a surname: Elizabeth "Lisa" Lopez-Galvan.
_NICKNAME_AFTER = re.compile(r"\s+[\"\u201c][A-Z][\w.'-]*[\"\u201d]\s+[A-Z]")


def person_runs(text, tokens, run_of, lex) -> tuple:
    """Token indices that belong to person names, the surnames seen, and the indices of names a title
    introduces ("Prime Minister Pedro Sanchez": a person, though a town bears the whole name)."""
    person, surnames, titled = set(), set(), set()
    runs: dict = {}
    for i, r in enumerate(run_of):
        if r >= 0:
            runs.setdefault(r, []).append(i)
    for idx in runs.values():
        for part, after_title in _split_at_titles(idx, tokens, lex):
            words = [tokens[i].text for i in part]
            low = [w.lower().rstrip(".") for w in words]
            if len(part) >= 2:
                # a run an organisation word closes is the organisation ("the Georgia School Boards Association")
                is_person = (after_title or _title_before(tokens, part[0], lex) or low[0] in lex.given_names
                             or low[-1] in _SUFFIXES or any(_INITIAL.match(w.rstrip(".")) for w in words[1:-1])) \
                    and low[-1] not in lex.org_heads
                start, end = tokens[part[0]].start, tokens[part[-1]].end
                if not is_person and (_AGE_AFTER.match(text, end) or (
                        len(part) == 2 and _SAID_BEFORE.search(text, max(0, start - 20), start)
                        and _APPOSITION_AFTER.match(text, end))):
                    person.update(part)  # a person by age or apposition; the surname may still be a town
                    if _AGE_AFTER.match(text, end):
                        surnames.add(low[-1])  # "Rodrigo Quintana, 25, ...": later "pictures of Quintana"
                    continue
            else:
                is_person = after_title or _strong_title_before(tokens, part[0], lex) or \
                    bool(_NICKNAME_AFTER.match(text, tokens[part[0]].end))
            if is_person:
                person.update(part)
                if after_title or _title_before(tokens, part[0], lex):
                    titled.update(part)
                tail = [w for w in low if w not in _SUFFIXES]
                if tail:
                    surnames.add(tail[-1])
    return person, surnames, titled


def whole_part(first, last, run_of, tokens, person) -> bool:
    """True when tokens first..last are all of their person-marked stretch."""
    before = first - 1 >= 0 and (first - 1) in person and run_of[first - 1] == run_of[first]
    after = last + 1 < len(tokens) and (last + 1) in person and run_of[last + 1] == run_of[last]
    return not before and not after


def run_starts_with_vessel(tokens, run_of, first, lex) -> bool:
    run = run_of[first]
    k = first
    while k - 1 >= 0 and run_of[k - 1] == run:
        k -= 1
    return k < first and tokens[k].text.lower() in lex.vessel_words


#: Landscape nouns that end a name ("Tampa Bay", "Swat Valley") and are never a place of their own there.
LANDSCAPE_NOUNS = frozenset({"bay", "valley", "river", "lake", "beach", "harbor", "harbour", "coast", "hills",
                             "mountains", "canyon", "creek", "delta", "basin", "plain", "plains", "heights",
                             "island", "islands"})

#: Words that may stand before a place name inside a capitalised run ("Lake Michigan").
GEO_PREFIXES = frozenset({
    "lake", "mount", "mt", "river", "gulf", "bay", "port", "fort", "ft", "cape", "north", "south", "east",
    "west", "northeast", "northwest", "southeast", "southwest", "central", "northern", "southern", "eastern", "western", "greater", "upper", "lower", "new",
    "old", "downtown", "metro", "metropolitan", "inner", "outer", "st", "saint", "san", "santa", "sao",
    "el", "la", "los", "las", "le", "isle", "island", "islands", "sea", "strait", "straits", "wadi",
    "jebel", "jabal", "ras", "tel", "kafr", "bir", "deir", "ain", "al", "ad", "as", "ar",
})


def tail_of_run(tokens, run_of, i, lex, matched) -> bool:
    """True for a one-word match closing a longer capitalised run ("Pacific Fleet")."""
    run = run_of[i]
    if run < 0 or i == 0 or run_of[i - 1] != run:
        return False
    if i + 1 < len(tokens) and run_of[i + 1] == run:
        return False
    if tokens[i].text.lower() in LANDSCAPE_NOUNS:
        return True  # "Tampa Bay", "Swat Valley": the noun closes the name before it
    prev = tokens[i - 1]
    low = prev.text.lower().rstrip(".")
    if low in GEO_PREFIXES or (i - 1) in matched or low in lex.demonyms or low in lex.titles:
        return False
    return True


_SPEECH = frozenset({"said", "says", "told", "added", "explained", "noted", "stated", "asked", "wrote",
                     "recalled", "admitted", "insisted", "argued", "replied"})


def speech_around(tokens, first, last) -> bool:
    after = tokens[last + 1].text.lower() if last + 1 < len(tokens) else ""
    before = tokens[first - 1].text.lower() if first > 0 else ""
    return after in _SPEECH or before in _SPEECH


def compound(text, tokens, first, last) -> bool:
    if first > 0 and text[tokens[first - 1].end:tokens[first].start] == "-" and tokens[first - 1].cap:
        return True
    return last + 1 < len(tokens) and text[tokens[last].end:tokens[last + 1].start] == "-" and tokens[last + 1].cap


def name_like_run(tokens, run_of, first, last, lex, multi) -> str:
    """Lower-case last word of a 2-3 word capitalised run that reads like a person's name."""
    from ..text.names import KIND_WORDS

    run = run_of[first]
    if last != first or run < 0:
        return ""
    lo = first
    while lo > 0 and run_of[lo - 1] == run:
        lo -= 1
    hi = first
    while hi + 1 < len(tokens) and run_of[hi + 1] == run:
        hi += 1
    if not 1 <= hi - lo <= 2:
        return ""
    for k in range(lo, hi + 1):
        low = tokens[k].text.lower().rstrip(".")
        if k in multi or low in GEO_PREFIXES or low in lex.demonyms or low in lex.titles \
                or low in lex.org_heads or low in lex.street_heads or low in KIND_WORDS or low in CONNECTORS \
                or tokens[k].text.isupper() or not tokens[k].text[:1].isupper():
            return ""
    return tokens[hi].text.lower()


def in_line_of_capitals(text, tokens, i) -> bool:
    """ "ACCESS AND CONSTRAINTS": between two words in capitals, a short word in capitals is a word of a
    heading, not a country code or a name ("KYIV, UKRAINE", a dateline, keeps its comma)."""
    if not 0 < i < len(tokens) - 1:
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    return all(t.text.isupper() and t.text.isalpha() and len(t.text) > 2 for t in (before, after)) and \
        text[before.end:tokens[i].start] == " " and text[tokens[i].end:after.start] == " "


#: Endings of English participles and adverbs ("Neighbouring Peru", "Besieged Mariupol", "Nearly").
_INFLECTIONS = ("ing", "ed", "ly")


def opens_sentence_only(word: str, lex) -> bool:
    """True for a participle or adverb capitalised only because it opens the sentence: it opens no name."""
    low = word.lower()
    return len(low) >= 6 and low.endswith(_INFLECTIONS) and low not in lex.given_names


#: Words that name a storm by the name after them ("Cyclone Winston", "Hurricane Ian").
_STORM_WORDS = frozenset({"hurricane", "typhoon", "cyclone", "storm"})


def storm_names(tokens) -> set:
    """The names storms are given in the text: alone later, as a surname is, each is the storm."""
    return {tokens[i + 1].text.lower() for i in range(len(tokens) - 1)
            if tokens[i].text.lower() in _STORM_WORDS and tokens[i].cap and tokens[i + 1].cap
            and not tokens[i + 1].initial}


#: A model designation right before a name: letters, a hyphen, a number ("P-3", "AH-64", "MiG-29", "Su-25").
_DESIGNATION_BEFORE = re.compile(r"\b[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Za-z]? $")
#: What follows a place named by its road ("the M-14 Odesa highway", "the M-03 Kharkiv-Kyiv road").
_ROUTE_AFTER = re.compile(r"\s*(?:[-–—/]\s*[A-Z]|(?:\S+\s+)?(?:highway|road|motorway|route|expressway|freeway)\b)")


def names_a_model(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` follows a model designation and is the aircraft's or weapon's name
    ("a P-3 Orion", "an AH-64 Apache", "C-130 Hercules"), not a road's town ("the M-14 Odesa highway")."""
    return bool(_DESIGNATION_BEFORE.search(text, max(0, start - 12), start)) and not _ROUTE_AFTER.match(text, end)


def numbered_designation(tokens, i, lex) -> bool:
    """ "Section 144", "Ward 7", "Loop 286": a common word or a road word with a number right after it is a
    designation, not a place."""
    word = tokens[i].text.lower()
    return (word in lex.common_words or word in lex.street_heads) and i + 1 < len(tokens) and \
        tokens[i + 1].text.isdigit() and tokens[i + 1].start == tokens[i].end + 1


def heading_words(text, tokens, first, last, lex) -> bool:
    """ "FLOODS IN THE CITY": common words in a line all in capitals are a heading's words, not a place
    ("The City" is London's financial district); a dateline's town ("UNION CITY, Tenn. -") is still a name."""
    span = tokens[first:last + 1]
    if len(span) < 2 or not all(t.text.isupper() and t.text.lower() in lex.common_words for t in span):
        return False
    _start, line = line_around(text, span[0].start, span[-1].end)
    return not any(ch.islower() for ch in line) and not dateline_end(line)
