"""Candidates: the gazetteer places a recognised mention may mean, before any context.

A kind word ("Sumy region") narrows the look-up to that kind; without one, a
region named after the city it holds and bare-word counties ("Bay") drop out.
Look-ups are cached per gazetteer, since news repeats its names.
"""
from __future__ import annotations

import difflib

from .context import BIG_KINDS, admin1_key as _admin1
from .lexicon import lexicon
from .support import name_key

__all__ = ["BIG_KINDS", "Candidates", "finder"]



def _drop_namesake_regions(cands: list, key: str) -> list:
    """Without a kind word, "Kharkiv" is the city, not the region named after it that holds it; nor is
    "Telavi" Kakheti, which GeoNames also calls by the name of its main town: a town inside the region
    whose own name is the mention's, or another spelling of it ("Mykolaiv" for Mykolayiv, "Chernigov"),
    is what the name means. A town that answers to the mention only by another name (GeoNames calls
    Chiapa de Corzo "Chiapas", Oklahoma City "Oklahoma", Washington "D.C.") does not displace the region."""
    regions = [c for c in cands if c.kind == "admin1"]
    if not regions:
        return cands
    towns = [c for c in cands if c.kind in ("city", "town") and _spelt_alike(name_key(c), key)]
    return [c for c in cands if c.kind != "admin1" or not any(_inside(t, c) for t in towns)]


def _inside(town, region) -> bool:
    """The town lies in the admin-1 region: by ISO 3166-2 code where both have one (Washington, D.C. is in
    US-DC, not in the state of Washington, though both units are called Washington), else by name."""
    if town.admin1_code and region.admin1_code:
        return town.admin1_code == region.admin1_code
    return _admin1(town) == _admin1(region)


def _spelt_alike(name: str, key: str) -> bool:
    """The same name, or one word spelt another way (a transliteration: at least 3/4 of it alike)."""
    return name == key or (" " not in name and " " not in key and
                           difflib.SequenceMatcher(None, name, key).ratio() >= _SPELLING_RATIO)


_SPELLING_RATIO = 0.75


#: Landscape nouns that are also US county names ("Bay", "Lake", "Ocean", "Beach").
_GENERIC_NOUNS = frozenset("bay lake lakes river park valley beach harbor harbour island hill hills ocean coast "
                           "sea mountain forest field grove union liberty independence summit pierce".split())


def _drop_bare_counties(cands: list) -> list:
    """News writes "Bay County": a bare common word ("Bay", "Lake") is no county, unless nothing else is known."""
    kept = [c for c in cands if c.kind != "admin2"]
    return kept or cands


#: Candidates kept by rank; areas further down are kept too, since areas without a population figure
#: (admin-1: "Florida") rank behind every populated namesake; so are counties the mention names in full
#: (the 24 called "Franklin County" rank among themselves by state: Ohio's came after the first 15),
#: not those it names only by their short alternate name ("Washington" for Washington County, New York).
_TOP = 15
_DEEP_LIMIT = 60


def _top_and_big(ranked, key: str) -> list:
    return list(ranked[:_TOP]) + [c for c in ranked[_TOP:]
                                  if c.kind in BIG_KINDS or c.kind == "admin2" and name_key(c) == key]


class Candidates:
    """Cached gazetteer look-ups for one gazetteer."""

    def __init__(self, gazetteer):
        self.gaz = gazetteer
        self.cache: dict = {}

    def get(self, mention) -> list:
        if mention.role in ("demonym", "code"):
            target = mention.country or ""
            if target.startswith("@"):
                ck = ("@", target)
                if ck not in self.cache:
                    self.cache[ck] = [p for p in self.gaz.lookup(target[1:], limit=5)
                                      if p.kind in ("continent", "region", "admin1")][:1]
                return self.cache[ck]
            place = self.gaz.country(target)
            return [place] if place is not None else []
        return self.get_with_hint(mention)[0]

    def get_with_hint(self, mention) -> tuple:
        """(candidates, unmet): unmet when a kind word asked for a kind no candidate has."""
        if mention.role in ("demonym", "code"):
            return self.get(mention), False
        ck = (mention.key, mention.kind_hint, mention.determined)
        if ck not in self.cache:
            cands, unmet = [], False
            if mention.kind_hint:
                # "Tipperary town" is the town whatever the data's population band; "a Texas city" is no city
                loose = mention.kind_hint in _SETTLEMENT_WORDS and not mention.determined
                kinds = _SETTLEMENT_WORDS if loose else (mention.kind_hint,)
                cands = [c for c in self.gaz.lookup_key(mention.key, kind=mention.kind_hint, limit=_DEEP_LIMIT)
                         if c.kind in kinds]
            if not cands:
                unmet = bool(mention.kind_hint) and mention.kind_hint != "poi"
                cands = _top_and_big(self.gaz.lookup_key(mention.key, limit=_DEEP_LIMIT), mention.key)
            if not mention.kind_hint:
                cands = _drop_namesake_regions(cands, mention.key)
                if mention.key in lexicon().common_words or mention.key in _GENERIC_NOUNS:
                    cands = _drop_bare_counties(cands)
            self.cache[ck] = (list(cands), unmet)
        return self.cache[ck]


#: Kind words of a settlement ("Tipperary town", "the village of X"): prose does not follow the data's
#: population bands (Tipperary, a town of 5,000, is a village there), so each finds any settlement.
_SETTLEMENT_WORDS = ("city", "town", "village")

_FINDERS: dict = {}


def finder(gazetteer) -> Candidates:
    """The cached candidate finder of ``gazetteer``."""
    f = _FINDERS.get(id(gazetteer))
    if f is None or f.gaz is not gazetteer:
        if len(_FINDERS) > 8:
            _FINDERS.clear()
        f = _FINDERS[id(gazetteer)] = Candidates(gazetteer)
    if len(f.cache) > 200_000:
        f.cache.clear()
    return f

