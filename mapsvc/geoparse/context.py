"""Context signals of the resolver: paragraphs, vote shares, frames, commas, containment.

Kept apart from :mod:`mapsvc.geoparse.resolve`, which adds them up.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ..geodesy import haversine_km
from ..model import PLACE_KINDS
from .lexicon import US_STATE_ABBREVIATIONS

__all__ = ["DocumentFocus", "Focus", "admin1_key", "contains", "container_after", "frames", "paragraphs",
           "towns_of_named_counties", "kinds_of_lists", "one_sense_as_placed", "within", "near_places",
           "number_sentences", "BIG_KINDS"]

_SUM = object()  # key of a Counter's cached total
#: Kinds as big as an admin-1 area or bigger (continent, sea, region, country, admin1): no nearness speaks for them.
BIG_KINDS = frozenset(name for name, kind in PLACE_KINDS.items() if kind.rank <= PLACE_KINDS["admin1"].rank)
_APPOSITION = re.compile(r"\s*,\s*(?:in\s+)?")


def admin1_key(place) -> str:
    """"UA:kharkiv"-style key of the admin-1 area a place lies in ("" for countries)."""
    if place.kind in ("continent", "country"):
        return ""
    if place.kind == "admin1":
        return place.country + ":" + place.name.lower()
    if len(place.admin) >= 2:
        return place.country + ":" + str(place.admin[-2]).lower()
    return ""


#: Where a sentence ends: a stop (and closing quotes) before a capital or a digit, or a line break.
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n")


def paragraphs(text: str) -> list:
    """Start offsets of the paragraphs (lines) of ``text``."""
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def container_after(text, item, items_by_start, gazetteer) -> tuple:
    """(places, item) named right after a comma: "Athens, Georgia", "Morgan County, Ala.".

    ``item`` is the resolver's item of that name, or None when the places come
    from a US state abbreviation (or there are none).
    """
    m = _APPOSITION.match(text, item.mention.end)
    if not m:
        return [], None
    nxt = items_by_start.get(m.end())
    if nxt is not None:
        return nxt.cands, nxt
    abbr = re.match(r"(?:[A-Z]\.){2}|[A-Z][a-z]{1,3}\.|[A-Z]{2}\b", text[m.end():m.end() + 6])
    if abbr and abbr.group() in US_STATE_ABBREVIATIONS:
        return gazetteer.lookup(US_STATE_ABBREVIATIONS[abbr.group()], country="US", kind="admin1", limit=1), None
    return [], None


def contains(container, place) -> bool:
    if container.kind == "country":
        return place.country == container.country and place.kind != "country"
    if container.kind == "continent":
        return place.kind == "country"
    names = [str(a).lower() for a in place.admin]
    if container.kind == "admin1":
        return place.country == container.country and (
            container.name.lower() in names or (container.admin1_code and container.admin1_code == place.admin1_code))
    # a town holds places filed under its name in its own admin-1 area ("Tacoma" is filed under the state of
    # Washington, not under the city of Washington in the District of Columbia)
    return place.country == container.country and container.name.lower() in names[:-1] and \
        not (container.admin1_code and place.admin1_code and container.admin1_code != place.admin1_code)


#: Weight of a demonym's vote ("Russian forces") against a named place's.
DEMONYM_VOTE = 0.4


@dataclass(frozen=True)
class DocumentFocus:
    """Where a document is, by the votes of its resolved mentions.

    ``country`` is the ISO alpha-2 code with the most votes ("" when no mention
    has a country), ``country_share`` its share of all votes (0 to 1);
    ``admin1`` is the admin-1 key with the most votes ("UA:kharkiv", "" when
    none), ``admin1_share`` its share of the admin-1 votes.

    >>> DocumentFocus().country
    ''
    """

    country: str = ""
    country_share: float = 0.0
    admin1: str = ""
    admin1_share: float = 0.0


def _top(votes: Counter) -> tuple:
    """(key, share) of the most voted non-empty key (the first named wins a tie), or ("", 0.0)."""
    ranked = [(k, v) for k, v in votes.items() if k is not _SUM]
    total = sum(v for _, v in ranked)
    named = [kv for kv in ranked if kv[0]]  # seas and continents vote with country ""
    if not named or total <= 1e-9:
        return "", 0.0
    key, value = max(named, key=lambda kv: kv[1])
    return key, value / total


def _total(votes: Counter) -> float:
    """The sum of a counter's votes, kept under the ``_SUM`` key once counted."""
    t_sum = votes.get(_SUM)
    if t_sum is None:
        t_sum = votes[_SUM] = sum(v for k, v in votes.items() if k is not _SUM)
    return t_sum


#: How many votes the document's country shares count for in a paragraph's (a prior, not a veto).
PARAGRAPH_PRIOR = 1.0


class Focus:
    """Vote shares of countries and admin-1 areas, leaving out one name's own votes."""

    def __init__(self, items, choice, conf=None):
        self.doc_c, self.doc_a, self.para_c = Counter(), Counter(), {}
        self.key_c, self.key_a, self.key_para = {}, {}, {}
        for it in items:
            place = choice.get(it)
            if place is None or it.unmet:
                continue
            m = it.mention
            key, para, a1 = m.key or m.country, it.para, admin1_key(place)
            w = 1.0 if place.kind in ("country", "continent") else (conf or {}).get(it, 0.7)
            if m.role == "demonym":
                w *= DEMONYM_VOTE  # "a Russian missile hit Pokrovsk": the attacker's country, not the place's
            self.doc_c[place.country] += w
            self.key_c.setdefault(key, Counter())[place.country] += w
            self.para_c.setdefault(para, Counter())[place.country] += w
            self.key_para.setdefault((key, para), Counter())[place.country] += w
            if a1:
                self.doc_a[a1] += w
                self.key_a.setdefault(key, Counter())[a1] += w
        self.multi_para = len(self.para_c) > 1

    @staticmethod
    def _share(total: Counter, own: Optional[Counter], value) -> float:
        t_sum = _total(total)
        if own:
            denom = t_sum - _total(own)
            return (total.get(value, 0.0) - own.get(value, 0.0)) / denom if denom > 1e-9 else 0.0
        return total.get(value, 0.0) / t_sum if t_sum > 1e-9 else 0.0

    def country(self, key, value) -> float:
        return self._share(self.doc_c, self.key_c.get(key), value)

    def paragraph(self, key, para, value) -> float:
        """Share of ``value`` among the other names of paragraph ``para``, its votes taken with
        the document's share as a prior worth :data:`PARAGRAPH_PRIOR` votes: one weak name in a
        paragraph ("Gaston" of a university's name) does not outvote the whole document."""
        total = self.para_c.get(para)
        if not total:
            return 0.0
        own = self.key_para.get((key, para))
        votes = _total(total) - (_total(own) if own else 0.0)
        mine = total.get(value, 0.0) - (own.get(value, 0.0) if own else 0.0)
        return (mine + PARAGRAPH_PRIOR * self.country(key, value)) / (votes + PARAGRAPH_PRIOR)

    def admin1(self, key, value) -> float:
        return self._share(self.doc_a, self.key_a.get(key), value) if value else 0.0

    def document(self) -> DocumentFocus:
        """The document's main country and admin-1 area, all votes counted."""
        country, country_share = _top(self.doc_c)
        admin1, admin1_share = _top(self.doc_a)
        return DocumentFocus(country, country_share, admin1, admin1_share)


_FRAME_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:In|From|Across|Inside)[ \t]+$")
_FRAME_AFTER = re.compile(r"[ \t]*(?::|[,]?[ \t]+[-–—])")


def frames(text, items) -> None:
    """"In Lebanon, ..." or a "Lebanon:" dateline frames the rest of its paragraph."""
    frame = {}
    for it in items:
        m = it.mention
        top = it.cands[0]
        para = it.para
        if para in frame:
            it.frame = frame[para]
        if top.kind != "country" or m.role == "demonym":
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        before = text[line_start:m.start]
        if _FRAME_BEFORE.search(before) or (not before.strip() and _FRAME_AFTER.match(text, m.end)):
            frame[para] = top.country


#: How far beyond a county's radius its towns may lie (county points are centres of irregular shapes).
_COUNTY_REACH_KM = 10.0
_TOWN_KINDS = ("city", "town", "village")


def within(a, b, km: float) -> bool:
    """Whether two places lie within ``km`` of each other (a degree of latitude is 111 km: most pairs
    need no haversine)."""
    return abs(a.lat - b.lat) < km / 100.0 and haversine_km(a.lon, a.lat, b.lon, b.lat) <= km


def towns_of_named_counties(items) -> None:
    """"Paris and Henry County": a town named in the paragraph of an ambiguous county is the town of that name
    lying in one of the county's senses, when exactly one such pair exists (Paris, Tennessee, the seat of
    Henry County, Tennessee); both items, and the other mentions of their names (one sense per text), get
    their sense of the pair as ``paired``. A paragraph, not the whole text: a roundup's paragraphs tell
    stories of different states."""
    by_paragraph: dict = {}
    for it in items:
        by_paragraph.setdefault(it.para, []).append(it)
    for group in by_paragraph.values():
        counties = [it for it in group if len(it.cands) > 1 and all(c.kind == "admin2" for c in it.cands)]
        for county in counties:
            for it in group:
                if it is county or it.mention.role != "name" or it in counties:
                    continue
                pairs = {(t.id, c.id): (t, c) for t in it.cands if t.kind in _TOWN_KINDS for c in county.cands
                         if within(t, c, (c.radius_km or 0.0) + _COUNTY_REACH_KM)}
                if len({t for t, _ in pairs}) == 1 and len({c for _, c in pairs}) == 1:
                    it.paired, county.paired = next(iter(pairs.values()))
    senses = {it.mention.key: it.paired for it in items if it.paired is not None}
    for it in items:
        if it.paired is None and senses.get(it.mention.key) in it.cands:
            it.paired = senses[it.mention.key]


#: What joins the names of a list: "Oregon, Washington and Idaho", "California or Washington".
_LIST_JOIN = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
_LIST_KINDS = ("country", "admin1")


def kinds_of_lists(text: str, items, best: dict) -> None:
    """A name listed beside states or countries is one too when it can be: "Oregon, Washington and Idaho" is
    the state of Washington, "Russia and Georgia" the country. ``best``: item -> its likeliest sense before
    context; an item whose neighbour in a list is best a country or an admin-1 unit gets that kind as
    ``list_kind``."""
    ordered = sorted(items, key=lambda it: it.mention.start)
    for a, b in zip(ordered, ordered[1:]):
        if not _LIST_JOIN.match(text[a.mention.end:b.mention.start]):
            continue
        for it, other in ((a, b), (b, a)):
            kind = best[other].kind if other.mention.role == "name" else ""
            if kind in _LIST_KINDS and any(c.kind == kind for c in it.cands) and it.mention.role == "name":
                it.list_kind = kind


def one_sense_as_placed(items: list, choice: dict, conf: dict) -> None:
    """A name the text introduces with its container ("Parkland, Florida") keeps that sense where it
    comes back alone ("the Parkland students"): one sense per name in a document. Not when the name came
    alone first, after the headline: "Kansas City, Kansas" after "Kansas City" names the other one."""
    placed: dict = {}
    seen: set = set()
    for it in sorted(items, key=lambda i: i.mention.start):
        key = it.mention.key
        if key not in seen and choice[it] is not None and it.containers and \
                any(contains(c, choice[it]) for c in it.containers):
            placed[key] = choice[it]
        if it.sentence > 0:  # a headline names the place it is about bare ("tackles Springfield's finances")
            seen.add(key)
    for it in items:
        sense = placed.get(it.mention.key)
        if sense is not None and choice[it] is not sense and not it.containers and sense in it.cands:
            choice[it], conf[it] = sense, max(conf.get(it, 0.0), 0.9)


def number_sentences(text: str, items: list) -> None:
    """Each item's ``sentence``: the index of the sentence its mention starts in."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    for it in items:
        it.sentence = bisect.bisect_right(ends, it.mention.start)


#: A document's places up to this size say where its namesakes lie; every town is near some big city.
_NEIGHBOUR_POPULATION = 100_000


def near_places(items: list, choice: dict, conf=None) -> None:
    """Each item's ``near``: the towns and districts the other names of its sentence resolved to; and its
    ``doc_near``: the towns of the whole document's other names resolved with confidence (``conf``, the last
    pass's), below a big city's size: a namesake near them is the likelier sense ("Hanover" in a story that
    names Bethel, Vt. is Hanover, New Hampshire, not the bigger one in Maryland)."""
    by_sentence: dict = {}
    for it in items:
        by_sentence.setdefault(it.sentence, []).append(it)
    for group in by_sentence.values():
        for it in group:
            it.near = tuple(choice[o] for o in group if o is not it and choice.get(o) is not None
                            and o.mention.key != it.mention.key and choice[o].kind not in BIG_KINDS
                            and o.mention.role not in ("demonym", "code"))
    local = [(o.mention.key, choice[o]) for o in items if choice.get(o) is not None and choice[o].kind not in BIG_KINDS
             and o.mention.role not in ("demonym", "code") and (conf or {}).get(o, 0.0) >= 0.9
             and (choice[o].population or 0) < _NEIGHBOUR_POPULATION]
    for it in items:
        it.doc_near = tuple({p.id: p for key, p in local if key != it.mention.key}.values())


def near_the_documents_towns(it, place, km: float) -> bool:
    """``place`` is a namesake of one country near the towns the document's other names resolved to (``it.doc_near``,
    :func:`near_places`), and its own sentence names no other town (the sentence's towns say more)."""
    return not it.near and bool(it.doc_near) and place.kind not in BIG_KINDS and \
        sum(c.country == place.country for c in it.cands) > 1 and any(within(place, p, km) for p in it.doc_near)
