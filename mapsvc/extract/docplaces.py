"""What a whole report says about places: its mentions, its main country, capital and town, and the
places that only measure a distance ("800km west of Khartoum")."""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Optional

from .frames import classes_of
from .places import KIND_RANK, Candidate
from .telling import described_noun
from ..geoparse.spatial import apply_relation, parse_relation

__all__ = ["DocumentPlaces", "EventTowns", "flights_told", "tells_flights"]


class DocumentPlaces:
    """What the whole report says about places: its mentions, main country, capital and main town."""

    def __init__(self, mentions: list, country=None, capital=None, text: str = "", airport_of=None,
                 demonyms: tuple = ()):
        self.mentions = sorted(mentions, key=lambda t: t.start)
        # "Czech police": no place of an event, but the nation a "nationwide" of their sentence means
        self.demonyms = sorted(demonyms, key=lambda t: t.start)
        self.demonym_starts = [t.start for t in self.demonyms]
        self.airport_of = airport_of  # Place -> its airport (a Place) or None
        self.starts = [t.start for t in self.mentions]
        self.landmarks = {t.start for t in self.mentions if _is_offset_landmark(text[max(0, t.start - 80):t.start])}
        self.country, self.capital = country, capital
        towns = _named_most(self.mentions, lambda place: KIND_RANK.get(place.kind, 0) >= 4)
        # a story about one town falls back to it: the town named most, when it holds a good share of the towns
        # named or no other town is named as often (a story of one city that follows a chase through five
        # towns); a roundup of many towns, each named alike, to its region, else its country
        self.main_town = towns[0] if towns and (towns[1] >= 0.4 * towns[2] or towns[1] > towns[3]) else None
        areas = _named_most(self.mentions, lambda place: 1 <= KIND_RANK.get(place.kind, 0) <= 3 and
                            place.kind != "country" and (country is None or place.country == country.country))
        self.main_area = areas[0] if areas and areas[1] >= _AREA_NAMED else None

    def at_airport(self, cand: Candidate) -> Candidate:
        """Flights of a town are flown from its airport: "Munich cancelled its flights" is at Munich airport."""
        if self.airport_of is None or cand.place.kind not in ("city", "town") or cand.located.geo_precision != 1:
            return cand
        airport = self.airport_of(cand.place)
        return cand if airport is None else replace(cand, place=airport, located=apply_relation(airport, None))

    def between(self, start: int, end: int) -> list:
        """The mentions that start in [start, end) (a sentence's)."""
        return _starting_between(self.mentions, self.starts, start, end)

    def demonyms_between(self, start: int, end: int) -> list:
        """The nationality words ("Czech") that start in [start, end), each with its country as place."""
        return _starting_between(self.demonyms, self.demonym_starts, start, end)

    def before(self, pos: int) -> list:
        """The mentions that start before ``pos``, latest first."""
        return self.mentions[:bisect.bisect_left(self.starts, pos)][::-1]

    def main_town_candidate(self) -> Optional[Candidate]:
        """The town the story is about, as the place of an event that names none, or None."""
        return None if self.main_town is None else _story_candidate(self.main_town)

    def only_its_country(self, cands: list) -> bool:
        """The candidates name only the capital's own country (a national act's reach, "across the country")."""
        capital = self.capital
        return bool(cands) and capital is not None and \
            all(c.place.kind == "country" and c.place.country == capital.country for c in cands)

    def fallback(self, category: str) -> Optional[Candidate]:
        """Where an event with no place of its own is: the capital for national acts, else the main town, the main
        region, the country."""
        if category == "political" and self.capital is not None:
            return Candidate(self.capital, apply_relation(self.capital, None), 0.0, 0, "capital")
        town = self.main_town_candidate()
        if town is not None:
            return town
        if self.main_area is not None:  # CODEBOOK 3: an unknown place is anchored to its region before its country
            return _story_candidate(self.main_area)
        if self.country is not None:
            return Candidate(self.country, apply_relation(self.country, None), 0.0, 0, "country")
        return None


class EventTowns:
    """The towns events were read at, in the order first read, each with how often: the story's town is
    where most of them were, which a passing mention or a speaker's city never is."""

    def __init__(self):
        self.seen: dict = {}  # place id -> [first Candidate, times]

    def add(self, cand: Candidate) -> None:
        """Count an event placed at ``cand`` when it is a town the text names."""
        if cand.via == "mention" and KIND_RANK.get(cand.place.kind, 0) >= 4:
            self.seen.setdefault(cand.place.id, [cand, 0])[1] += 1

    def most(self) -> Optional[Candidate]:
        """The town most events were read at (the first read on a tie), or None."""
        return max(self.seen.values(), key=lambda v: v[1])[0] if self.seen else None


def _story_candidate(t) -> Candidate:
    """The place a toponym names, as where an event the text does not place is (the story's focus)."""
    return Candidate(t.place, apply_relation(t.place, None), 0.0, t.start, "focus")


#: How often a report names a region of its country for that region to be where its unplaced events are when no
#: town is the story's (an island's villages in turn, the region named again and again): a region named once or
#: twice is more often a passing mention.
_AREA_NAMED = 3


def _named_most(mentions: list, wanted) -> Optional[tuple]:
    """(first mention, times named, mentions of all wanted places, times the next place is named) of the
    ``wanted`` place named most often (the earliest on a tie), or None.

    >>> from types import SimpleNamespace as NS
    >>> a, b = NS(id=1, kind="town"), NS(id=2, kind="town")
    >>> found = _named_most([NS(place=a, start=0), NS(place=b, start=5), NS(place=b, start=9)], lambda p: True)
    >>> found[0].start, found[1:]
    (5, (2, 3, 1))
    """
    named: dict = {}
    for t in mentions:
        if wanted(t.place):
            named.setdefault(t.place.id, [t, 0])[1] += 1
    if not named:
        return None
    first, times = max(named.values(), key=lambda v: (v[1], -v[0].start))
    runner_up = max((v[1] for v in named.values() if v[0] is not first), default=0)
    return first, times, sum(v[1] for v in named.values()), runner_up


def _starting_between(items: list, starts: list, start: int, end: int) -> list:
    """The ``items`` (sorted by their ``starts``) that start in [start, end)."""
    return items[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


_DISTANCE_FROM = re.compile(r"\b\d+(?:\.\d+)?\s*(?:km|kilometres|kilometers|miles)\s+(?:from|of|outside)\s+"
                            r"(?:the\s+)?(?:central\s+|downtown\s+)?$", re.I)


def _is_offset_landmark(before: str) -> bool:
    """ "800km west of Khartoum", "about 20km from central Kyiv": the place only measures a distance."""
    relation = parse_relation(before)
    return (relation is not None and relation.kind in ("offset", "direction")) or bool(_DISTANCE_FROM.search(before))


def tells_flights(tokens) -> bool:
    """Words of air services in a clause that names no train, bus or ship: "flights were cancelled" is at the
    town's airport; "the Jaffar Express was due to depart" from its station."""
    return any("flight" in classes_of(t.lemma_) for t in tokens) and \
        not any(t.lemma_.lower() in _GROUND_TRAVEL for t in tokens)


def flights_told(head, clause: list) -> bool:
    """:func:`tells_flights` of an event head's clause; a relative clause tells of the noun it describes
    ("flight operations at the airport, which were suspended")."""
    return tells_flights(clause) or head.dep_ == "relcl" and tells_flights(list(described_noun(head).subtree))


#: Words of travel on the ground or the water.
_GROUND_TRAVEL = frozenset({"train", "railway", "rail", "station", "platform", "express", "bus", "coach", "ferry",
                            "ship", "boat"})
