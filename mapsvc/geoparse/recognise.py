"""Recognition: the spans of a text that may name places.

Led by the gazetteer: every capitalised span whose match key the gazetteer
holds is a candidate, longest first; a kind word after it ("Sumy region",
"Morgan County") joins the span and becomes a kind hint.  Then the context
removes what is no place: person names (after a title, after a given name,
initials, a surname already seen as a person), organisations and media ("Fox
News"), ships, aircraft, storms and operations.  Demonyms ("Russian") are
mentions of kind ``demonym``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from .filters import (compound, heading_words, in_line_of_capitals, name_like_run, names_a_model,
                      numbered_designation, opens_sentence_only, person_runs, run_starts_with_vessel,
                      speech_around, storm_names, tail_of_run, vessel_before, whole_part)
from .abbreviations import state_abbreviations
from .lexicon import CONNECTORS, lexicon
from .tokens import ARABIC_ARTICLES, Token, joined as _joined, opens_name as _opens_name, tokenise
from ..text.names import KIND_WORDS

__all__ = ["Token", "Mention", "tokenise", "recognise", "match_key"]

#: Two-letter country abbreviations used in English prose (other ISO codes are not read as countries).
_COUNTRY_SHORT = {"US", "UK"}
#: Unit words that make the name before them a unit's ("the Azov regiment").
_UNIT_WORDS = {"regiment", "brigade", "battalion", "militia"}
#: Aircraft and missiles that a name before them is the model of ("a Black Hawk helicopter", "Shahed drones").
_MODEL_NOUNS = frozenset({"helicopter", "helicopters", "jet", "jets", "plane", "planes", "aircraft", "airliner",
                          "airliners", "warplane", "warplanes", "drone", "drones", "missile", "missiles", "bomber",
                          "bombers", "gunship", "gunships"})
#: Lower-case words that may close a name the gazetteer holds whole ("Benina airport").
_POI_WORDS = {"airport", "airfield", "airbase", "base", "dam", "bridge", "port", "crossing", "camp"}
#: Lower-case words that only say which kind of such a place it is ("international airport", "border crossing").
_POI_QUALIFIERS = frozenset({"international", "regional", "domestic", "military", "border", "naval", "air"})


@dataclass(frozen=True)
class Mention:
    """A recognised span, before resolution."""

    start: int
    end: int
    text: str
    key: str  # gazetteer match key of the name part
    kind_hint: Optional[str] = None  # from a kind word, or "demonym"
    country: Optional[str] = None  # demonyms: ISO2
    role: str = "name"  # name | demonym | street
    sentence_initial: bool = False
    org_modifier: bool = False  # followed by an organisation word ("Fox News")
    all_caps: bool = False
    given_name: bool = False  # a single word that is also a given name
    speech: bool = False  # right before or after a verb of saying ("Clark said")
    compound: bool = False  # hyphen-joined to another capitalised word ("Wal-Mart")
    run_tail: str = ""  # set when a one-word match sits in a short capitalised run ("Dwight Jones")
    # a determiner opens its noun phrase ("this small Texas city"): the kind word after it heads a common noun
    determined: bool = False


@functools.lru_cache(maxsize=500_000)
def match_key(text: str) -> str:
    """The gazetteer match key of ``text`` (cached ``normalise_name``)."""
    from ..text.names import normalise_name

    return normalise_name(text)


def _runs(text: str, tokens: list, lex) -> list:
    """Run index of each token: maximal sequences of capitalised words."""
    run_of = [-1] * len(tokens)
    run = -1
    for i, tok in enumerate(tokens):
        opener = tok.initial and (tok.text.lower() in lex.common_words or opens_sentence_only(tok.text, lex))
        if not tok.cap or opener:
            continue
        if i and run_of[i - 1] >= 0 and _joined(text, tokens[i - 1], tok) and not tokens[i].initial:
            run_of[i] = run
        else:
            run += 1
            run_of[i] = run
    return run_of


def _longest_match(text, tokens, i, gazetteer, max_words):
    """The longest span starting at token ``i`` whose key the gazetteer holds."""
    first = tokens[i]
    best = None
    j = i
    while j < len(tokens) and j - i < max_words:
        tok = tokens[j]
        if j > i:
            possessive = text[tokens[j - 1].end:tok.start] in ("'s ", "’s ")  # "Cox's Bazar"
            if not (_joined(text, tokens[j - 1], tok) or possessive) or (tok.initial and not possessive):
                break
            # "Lewotobi Laki-laki": a word hyphen-joined to a name goes on with it ("Forty-two" opening a
            # sentence is a number)
            hyphened = text[tokens[j - 1].end:tok.start] == "-" and tokens[j - 1].cap and not (j - 1 == i and first.initial)
            if not (tok.cap or tok.text.isdigit() or tok.text.lower() in CONNECTORS or hyphened):
                # "Benina airport": a name the gazetteer holds with its kind word, also across a word that
                # only qualifies the kind ("Salgado Filho international airport")
                poi = j + 1 if tok.text in _POI_QUALIFIERS and j + 1 < len(tokens) else j
                if tokens[poi].text in _POI_WORDS and _joined(text, tokens[poi - 1], tokens[poi]):
                    key = match_key(text[first.start:tokens[j - 1].end] + " " + tokens[poi].text)
                    if key and gazetteer.has_key(key):
                        best = (poi, key)
                break
        if tok.cap or tok.text.isdigit() or (j > i and hyphened):
            span = text[first.start:tok.end]
            key = match_key(span)
            if key and gazetteer.has_key(key):
                best = (j, key)
            elif j > i and tok.text.lower().startswith(ARABIC_ARTICLES) and hasattr(gazetteer, "variant_key"):
                # "Ras al-Ain" for the indexed Ra's al 'Ayn: an Arabic name's transliteration varies as a whole
                variant = gazetteer.variant_key(key)
                best = (j, variant) if variant else best
        j += 1
    return best


def _kind_word_after(text, tokens, j):
    """Kind hint and last token index when a kind word follows token ``j``."""
    if j + 1 < len(tokens) and _joined(text, tokens[j], tokens[j + 1]):
        word = tokens[j + 1].text.lower()
        if _opens_name(text, tokens, j + 1):
            return None, j
        if word in KIND_WORDS:
            return KIND_WORDS[word], j + 1
        singular = _singular(word)
        if singular in KIND_WORDS:  # "the Odesa and Mykolaiv regions": the plural names each of a list
            return KIND_WORDS[singular], j + 1
    return None, j


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def _gazetteer_matches(text, tokens, gazetteer, lex) -> list:
    """(first, last, key, kind_hint, role) spans, longest first, left to right."""
    max_words = max(1, int(getattr(gazetteer, "max_key_words", 4) or 4))
    out, i = [], 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.cap:
            i += 1
            continue
        low = tok.text.lower()
        two = (low + " " + tokens[i + 1].text.lower()) if i + 1 < len(tokens) else ""
        if two in lex.demonyms and _joined(text, tok, tokens[i + 1]) and tokens[i + 1].cap:
            out.append((i, i + 1, "", "demonym", "demonym"))
            i += 2
            continue
        hit = _longest_match(text, tokens, i, gazetteer, max_words)
        if (hit is None or hit[0] == i) and tok.text.isupper() and 2 <= len(tok.text) <= 4 and \
                (code := _country_code(text, tokens, i, gazetteer, lex)) is not None:
            if code:
                out.append((i, i, "", code, "code"))
            i += 1
            continue
        if hit is None or (hit[0] == i and low in lex.demonyms):
            street = None if low in lex.demonyms else _street_end(text, tokens, i, lex)
            if low in lex.demonyms:
                out.append((i, i, "", "demonym", "demonym"))
            elif street is not None:
                out.append((i, street, "", None, "street"))
                i = street
            i += 1
            continue
        last, key = hit
        if last == i and low in lex.peoples and not _name_goes_on(text, tokens, i):
            i += 1  # "the Jewish community": a people's adjective, not the oblast the index also calls "Jewish"
            continue
        if last == i and tok.initial and low in lex.common_words and i + 1 < len(tokens) and \
                (after := _longest_match(text, tokens, i + 1, gazetteer, max_words)) is not None and after[0] > i + 1:
            i += 1  # "In Port Charlotte": a common word opening a sentence takes no kind word from the name after it
            continue
        kind, end, role = _kind_and_role(text, tokens, i, last, out, lex)
        out.append((i, end, key, kind, role))
        if end > last and tokens[end].text.lower() not in KIND_WORDS and (kind is not None or role == "street"):
            _share_plural_kind(text, tokens, out, kind, role)  # a plural kind word after a list of names
        i = end + 1
    return out


def _country_code(text, tokens, i, gazetteer, lex) -> Optional[str]:
    """The country a short word in capitals stands for ("US", "UKR"), "" for a word of a heading in capitals
    ("ACCESS AND CONSTRAINTS": no code nor name), None for neither."""
    if in_line_of_capitals(text, tokens, i):
        return ""
    word = tokens[i].text
    if word in _COUNTRY_SHORT or (len(word) >= 3 and word.lower() not in lex.common_words):
        place = gazetteer.country(word)
        if place is not None and place.kind == "country":
            return place.country
    return None


def _name_goes_on(text, tokens, i) -> bool:
    """The capitalised word after token ``i`` continues its name ("Jewish Autonomous Oblast")."""
    return i + 1 < len(tokens) and tokens[i + 1].cap and _joined(text, tokens[i], tokens[i + 1])


def _kind_and_role(text, tokens, i, last, out, lex) -> tuple:
    """(kind hint, last token, role) of the name from token ``i`` to ``last``: with the kind word after it, or a
    street's."""
    kind, end = _kind_word_after(text, tokens, last)
    if kind is not None and tokens[end].text.lower() not in KIND_WORDS and not (
            out and out[-1][4] == "name" and text[tokens[out[-1][1]].end:tokens[i].start] in _LIST_JOINS):
        kind, end = None, last  # "nine Florida counties": a plural after one name counts the name's parts
    role = "name"
    if kind is not None and _singular(tokens[end].text.lower()) in lex.street_heads:
        kind, role = None, "street"  # "Parrish Street", and each of "Brown and Parrish Streets"
    if kind is None and end + 1 < len(tokens) and _joined(text, tokens[end], tokens[end + 1]) \
            and tokens[end + 1].text.lower() in lex.street_heads and tokens[end + 1].cap \
            and not _opens_name(text, tokens, end + 1):
        role, end = "street", end + 1
    return kind, end, role


#: Kinds a settlement word announces ("Tipperary town").
_SETTLEMENT_KINDS = frozenset({"city", "town", "village"})
#: Words that open a common noun phrase: "a Texas city", "this small border town".
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "another", "each", "every"})


def _determined(tokens, i) -> bool:
    """A determiner opens the noun phrase the name at token ``i`` stands in, with at most three words between
    ("this small South Texas city"): the name modifies a common noun."""
    for j in range(i - 1, max(-1, i - 5), -1):
        word = tokens[j].text.lower()
        if word in _DETERMINERS:
            return True
        if not tokens[j].text.isalpha() or word in _PHRASE_BREAKS:
            return False
    return False


#: Words a noun phrase does not run across: "on Main Street in Tipperary town".
_PHRASE_BREAKS = frozenset({"in", "on", "at", "of", "from", "to", "near", "and", "or", "by", "for", "with"})


#: What joins the names of a list: "Odesa and Mykolaiv regions", "Farah, Herat and Badghis provinces".
_LIST_JOINS = frozenset({", ", " and ", ", and ", " & ", " or ", ", or "})


def _share_plural_kind(text, tokens, out: list, kind, shared_role: str = "name") -> None:
    """Give the plural kind word of the list's last name to the names listed before it (a street word
    makes each a street: "between Brown and Parrish Streets")."""
    k = len(out) - 1
    while k > 0:
        first, last, key, hint, role = out[k - 1]
        if hint is not None or role != "name" or text[tokens[last].end:tokens[out[k][0]].start] not in _LIST_JOINS:
            return
        out[k - 1] = (first, last, key, kind, shared_role)
        k -= 1


def recognise(text: str, gazetteer, *, tokens: Optional[list] = None) -> list:
    """Place mentions of ``text`` before resolution, in text order.

    >>> from mapsvc.geoparse.lexicon import lexicon
    >>> class Gaz:
    ...     max_key_words = 3
    ...     def has_key(self, key): return key in {"jordan", "lincoln", "kyiv"}
    >>> [m.text for m in recognise("Jordan Lincoln said Kyiv and Russian forces", Gaz())]
    ['Kyiv', 'Russian']
    """
    lex = lexicon()
    tokens = tokenise(text) if tokens is None else tokens
    run_of = _runs(text, tokens, lex)
    person, surnames, titled = person_runs(text, tokens, run_of, lex)
    surnames = surnames | storm_names(tokens)  # "Winston passed close to Koro": the storm named before
    mentions = [Mention(*span) for span in state_abbreviations(text)]
    taken = [(m.start, m.end) for m in mentions]
    found = _gazetteer_matches(text, tokens, gazetteer, lex)
    if taken:
        found = [f for f in found if not any(tokens[f[0]].start < e and s < tokens[f[1]].end for s, e in taken)]
    matched = {i for first, last, _, _, _ in found for i in range(first, last + 1)
               if last > first or tokens[first].text.lower() not in lex.common_words}
    multi = {i for first, last, _, _, _ in found if last > first for i in range(first, last + 1)}
    for first, last, key, kind, role in found:
        words = [t.text.lower() for t in tokens[first:last + 1]]
        if first in titled or heading_words(text, tokens, first, last, lex) or \
                _rejected(tokens, run_of, first, last, role, words, lex, person, surnames, matched):
            continue
        mention = _mention(text, tokens, run_of, (first, last, key, kind, role), lex, multi)
        if mention is not None:
            mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return mentions


#: Prepositions that put a place, not an organisation, right after them ("in East Bank", not "the Red Cross").
_LOCATIVE_WORDS = frozenset({"in", "near", "outside"})


def _mention(text, tokens, run_of, match, lex, multi) -> Optional[Mention]:
    """The Mention of a gazetteer match that is no person or ship, with the context facts
    resolution weighs; None for a military unit's name or an unknown demonym."""
    first, last, key, kind, role = match
    span_tokens = tokens[first:last + 1]
    words = [t.text.lower() for t in span_tokens]
    nxt = tokens[last + 1] if last + 1 < len(tokens) else None
    if nxt and nxt.text.lower() in _UNIT_WORDS and _joined(text, tokens[last], nxt) and role == "name":
        return None  # "the Azov regiment", "the Kharkiv Brigade": a unit's name
    start, end = span_tokens[0].start, span_tokens[-1].end
    if role == "name" and names_a_model(text, start, end):
        return None  # "a P-3 Orion", "an AH-64 Apache"
    org = bool(nxt and nxt.cap and _joined(text, tokens[last], nxt) and nxt.text.lower() in lex.org_heads)
    # a place's own name may end in such a word ("East Bank", "Lee's Summit"): after "in" or "near" it is one
    org = org or (last > first and role == "name" and words[-1] in lex.org_heads and not (
        first > 0 and tokens[first - 1].text.lower() in _LOCATIVE_WORDS))
    org = org or bool(nxt and role == "name" and nxt.text in _MODEL_NOUNS and _joined(text, tokens[last], nxt))
    country = lex.demonyms.get(" ".join(words)) if role == "demonym" else None
    if role == "code":
        country, kind = kind, None
    if role == "demonym" and country is None:
        return None
    one = last == first
    return Mention(
        start, end, text[start:end], key, kind, country, role,
        sentence_initial=span_tokens[0].initial,
        org_modifier=org,
        all_caps=one and span_tokens[0].text.isupper() and len(span_tokens[0].text) <= 4,
        given_name=one and words[0] in lex.given_names,
        speech=one and speech_around(tokens, first, last),
        compound=compound(text, tokens, first, last),
        determined=kind in _SETTLEMENT_KINDS and _determined(tokens, first),
        run_tail=name_like_run(tokens, run_of, first, last, lex, multi) if role == "name" else "",
    )


def _rejected(tokens, run_of, first, last, role, words, lex, person, surnames, matched) -> bool:
    """True when the span is part of a person's name, a ship's, or closes a longer name."""
    if first in person and not (last > first and all(i in person for i in range(first, last + 1))
                                and role == "name" and run_of[first] == run_of[last]
                                and whole_part(first, last, run_of, tokens, person)):
        return True
    if vessel_before(tokens, first, lex) or (run_of[first] >= 0 and run_starts_with_vessel(
            tokens, run_of, first, lex)):
        return True
    if last == first and role == "name" and (words[0] in surnames and first not in person
                                             or numbered_designation(tokens, first, lex)):
        return True
    if role == "name" and last + 2 < len(tokens) and tokens[last + 1].text in _NAME_LINKS and tokens[last + 2].cap:
        return True  # "Esplanada dos Ministérios", "Praça dos Três Poderes": the first word of a longer name
    return role == "name" and last == first and tail_of_run(tokens, run_of, first, lex, matched)


#: Small words inside Romance, Dutch and German names ("Plaza de Mayo", "Esplanada dos Ministérios").
_NAME_LINKS = frozenset({"de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "van", "von"})


def _street_end(text, tokens, i, lex) -> Optional[int]:
    """Index of the street word when tokens from ``i`` read "Vokzalna Street" (up to 3 name words)."""
    if tokens[i].initial and tokens[i].text.lower() in lex.common_words:
        return None
    j = i
    while j < len(tokens) - 1 and j - i < 3:
        nxt = tokens[j + 1]
        if not (_joined(text, tokens[j], nxt) and nxt.cap):
            return None
        head = _singular(nxt.text.lower())
        if head in lex.street_heads and head not in ("st", "way", "place"):
            return j + 1
        j += 1
    return None
