"""Resolution: choose a gazetteer place for each recognised mention.

Signals, added up per candidate: population (or a default size by kind), the
kind a kind word asks for, the document's and the paragraph's country and
admin-1 focus (votes of the other mentions), a container named right after a
comma ("Athens, Georgia", "Morgan County, Ala."), containment in a place named
elsewhere in the text, and capitals.  When the two best candidates are nearly
tied and far apart, the mention stays unresolved (``Toponym.place is None``).
"""
from __future__ import annotations

import bisect
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from ..gazetteer.labels import capitals
from ..geodesy import haversine_km
from ..model import PLACE_KINDS, Toponym
from .candidates import BIG_KINDS as _BIG_KINDS, finder as _finder
from .context import _SUM, Focus as _Focus, admin1_key as _admin1, contains as _contains, \
    container_after as _container_after, frames as _frames, kinds_of_lists, one_sense_as_placed, \
    near_places, near_the_documents_towns, number_sentences, paragraphs as _paragraphs, towns_of_named_counties
from .lexicon import lexicon
from .recognise import match_key
from .streets import LOCAL_KINDS as _LOCAL_KINDS, resolve_streets
from .support import (alias_far_from_story, dateline_town, introduced_as_place, name_key, needs_support,
                      outside_story_region, stray, town_without_country, village_of_a_side_country,
                      within as _within)

__all__ = ["resolve", "resolve_document", "capitals"]

logger = logging.getLogger(__name__)

_STRONG_POPULATION = 100_000
_TIE = 0.02
_PASSES = 2  # resolve, vote, resolve again

#: Weights of the context signals (tuned on the project's own dev reports and sentences).
W = {"doc": 6.0, "para": 4.0, "admin1": 4.0, "frame": 3.0, "pop": 1.0, "capital": 1.5, "near": 2.0,
     "pair": 6.0, "list": 3.0, "doc_near": 1.5}
#: Candidates this far below the best context-free score are dropped before the passes. A wider margin (7,
#: the document's vote and one order of magnitude) let "Lebanon" near Boone County be the town of Indiana and
#: raised LGL A@161 by 0.003, but cost the incidents of unseen reports more (docs/geoparse.md).
_PRUNE_MARGIN = 5.0
#: A candidate this near a place named in the same sentence is the likelier sense ("LaGrange and West Point").
NEAR_KM = 100.0


def _size(place) -> float:
    kind = PLACE_KINDS.get(place.kind)
    size = float(place.population) if place.population else (kind.population if kind else 1e3)
    return max(size, 10.0)


def prior(place) -> float:
    """Score of a candidate with no context: size, kind, capital."""
    kind = PLACE_KINDS.get(place.kind)
    score = W["pop"] * math.log10(_size(place)) + (kind.prior_bonus if kind else 0.0)
    if (place.country, place.name.lower()) in capitals():
        score += W["capital"]
    return score


def strong(place) -> bool:
    """A place that a capitalised common word may well mean (country, region, big city)."""
    return place.kind in _BIG_KINDS or (place.population or 0) >= _STRONG_POPULATION


def _keep(mention, cands, lower_words) -> list:
    """Candidates a mention keeps after the context filters ([] drops the mention)."""
    if not cands:
        return []
    if mention.role in ("demonym", "code"):
        return cands
    if mention.given_name:
        word = mention.text.lower()
        return [c for c in cands if strong(c) and c.name.lower() == word]
    if mention.all_caps:
        cands = [c for c in cands if c.kind in _BIG_KINDS]
        return cands
    lex = lexicon()
    word = mention.key
    single = " " not in word and mention.role == "name"
    weak = not any(strong(c) for c in cands)
    if single and (word in lex.titles or word in lex.org_heads):
        return []
    if mention.org_modifier and (weak or single and word in lex.common_words):
        return []
    if weak and (mention.speech or mention.compound or mention.run_tail):
        return []
    if single and word in lex.common_words and (mention.sentence_initial or not any(
            c.kind == "country" or (c.kind in ("city", "town") and (c.population or 0) >= _STRONG_POPULATION)
            for c in cands)):
        return []
    if single and mention.sentence_initial and word in lower_words and weak:
        return []
    # "Wales": the unit of a country that bears the name, not the country that has it only as an alternate name
    own = {c.country for c in cands if c.kind == "admin1" and name_key(c) == word}
    return [c for c in cands if not (c.kind == "country" and c.country in own and name_key(c) != word)]


@dataclass(eq=False)  # identity equality and hash: items key the choice and confidence dicts
class _Item:
    """A mention with the candidates it kept, on its way through the resolver."""

    mention: object
    cands: list
    unmet: bool  # a kind word asked for a kind no candidate has
    para: int
    containers: list = field(default_factory=list)  # "Athens, Georgia": Athens gets Georgia's places
    contained: list = field(default_factory=list)  # and Georgia gets Athens's candidates
    frame: Optional[str] = None  # country of an "In Lebanon, ..." frame over its paragraph
    sentence: int = 0
    near: tuple = ()  # the local places the other mentions of its sentence resolved to (last pass)
    doc_near: tuple = ()  # the local places the other names of the document resolved to (last pass)
    introduced: bool = False  # the text says it is a place: a kind word, "the town of"
    dateline: bool = False  # the town a story was filed from ("UVALDE -")
    paired: object = None  # its sense of a town-and-county pair of its paragraph ("Paris and Henry County")
    list_kind: str = ""  # the kind of the names listed beside it ("Oregon, Washington and Idaho": admin1)


_STATIC: dict = {}


def _static(place, key, kind_hint) -> float:
    """The context-free part of a candidate's score (cached): prior, exact name, kind word."""
    ck = (place.id, key, kind_hint)
    value = _STATIC.get(ck)
    if value is None:
        value = prior(place)
        if kind_hint and place.kind == kind_hint:
            value += 2.0
        if key and name_key(place) == key:
            value += 1.0
        if len(_STATIC) > 500_000:
            _STATIC.clear()
        _STATIC[ck] = value
    return value


def _score(it: _Item, place, focus, named_cities, ctx_country) -> float:
    m = it.mention
    key = m.key or m.country
    s = _static(place, m.key, m.kind_hint)
    s += W["doc"] * focus.country(key, place.country)
    if focus.multi_para:
        s += W["para"] * focus.paragraph(key, it.para, place.country)
    if place.kind != "country" and place.kind != "continent":
        s += W["admin1"] * focus.admin1(key, _admin1(place))
    if it.frame and it.frame == place.country:
        s += W["frame"]
    if it.containers and any(_contains(c, place) for c in it.containers):
        s += 5.0
    if it.contained and any(_contains(place, c) for c in it.contained):
        s += 3.0
    if named_cities and place.kind in ("district", "neighbourhood", "poi"):
        path = {str(a).lower() for a in place.admin[:-1]}
        if path & (named_cities - {place.name.lower()}):
            s += 2.0
    if ctx_country and place.country == ctx_country:
        s += 2.0
    if it.near and place.kind not in _BIG_KINDS and any(_within(place, p, NEAR_KM) for p in it.near):
        s += W["near"]
    elif near_the_documents_towns(it, place, NEAR_KM):
        s += W["doc_near"]
    if it.paired is place:
        s += W["pair"]
    if it.list_kind and place.kind == it.list_kind:
        s += W["list"]
    return s


def _choose(it: _Item, focus, named_cities, ctx_country, memo):
    m = it.mention
    mk = (m.key, m.country, m.kind_hint, it.para) if not (
        it.containers or it.contained or it.near or it.paired or it.list_kind) else None
    if mk is not None and mk in memo:
        return memo[mk]
    cands = it.cands
    if len(cands) == 1:
        result = (cands[0], 0.95)
    else:
        best_score = second_score = -1e9
        best = second = None
        for c in cands:
            sc = _score(it, c, focus, named_cities, ctx_country)
            if sc > best_score:
                best, second, best_score, second_score = c, best, sc, best_score
            elif sc > second_score:
                second, second_score = c, sc
        margin = best_score - second_score
        if haversine_km(best.lon, best.lat, second.lon, second.lat) <= 161:
            result = (best, 0.9)
        elif margin < _TIE:
            result = (None, 0.5)
        else:
            result = (best, round(1.0 / (1.0 + math.exp(-2.0 * margin)), 3))
    if mk is not None:
        memo[mk] = result
    return result


def _items(text, mentions, gazetteer) -> tuple:
    finder = _finder(gazetteer)
    lower_words = set(re.findall(r"\b[a-z][a-z'’-]*\b", text))
    paras = _paragraphs(text)
    items, streets = [], []
    persons: set = set()
    for m in mentions:
        if m.role == "street":
            streets.append(m)
            continue
        cands, unmet = finder.get_with_hint(m)
        if m.key in persons and " " not in m.key and not any(strong(c) for c in cands):
            continue
        cands = _keep(m, cands, lower_words)
        if m.run_tail and not cands:
            persons.add(m.run_tail)
        if len(cands) > 1:
            top = max(_static(c, m.key, m.kind_hint) for c in cands)
            cands = [c for c in cands if _static(c, m.key, m.kind_hint) > top - _PRUNE_MARGIN]
        if cands:
            items.append(_Item(m, cands, unmet, bisect.bisect_right(paras, m.start) - 1))
    _link(text, items, gazetteer)
    return items, streets


def _link(text, items, gazetteer) -> None:
    """Comma pairs ("Athens, Georgia") both ways, and paragraph frames."""
    by_start = {it.mention.start: it for it in items}
    for it in items:
        it.containers, after = _container_after(text, it, by_start, gazetteer)
        if after is not None:
            after.contained = it.cands
    _frames(text, items)


def resolve(text: str, mentions: list, gazetteer, *, context: Optional[dict] = None) -> list:
    """Toponyms for ``mentions`` of ``text``, resolved against ``gazetteer``.

    Returns a list of :class:`~mapsvc.model.Toponym` in text order; a mention
    whose best candidates are tied has ``place=None``.
    """
    return resolve_document(text, mentions, gazetteer, context=context)[0]


def resolve_document(text: str, mentions: list, gazetteer, *, context: Optional[dict] = None) -> tuple:
    """``(toponyms, focus)``: :func:`resolve`'s toponyms and the document's
    :class:`~mapsvc.geoparse.context.DocumentFocus`, from the votes of the last pass."""
    items, streets = _items(text, mentions, gazetteer)
    ctx_country = None
    if context and context.get("country"):
        place = gazetteer.country(str(context["country"]))
        ctx_country = place.country if place is not None else None
    choice = {it: max(it.cands, key=lambda c: _static(c, it.mention.key, it.mention.kind_hint)) for it in items}
    conf: dict = {}
    number_sentences(text, items)
    towns_of_named_counties(items)
    kinds_of_lists(text, items, choice)  # before the passes change ``choice``: each name's likeliest sense
    for _ in range(_PASSES):
        near_places(items, choice, conf)
        focus = _Focus(items, choice, conf)
        named = {p.name.lower() for p in choice.values()
                 if p is not None and p.kind in ("city", "town", "admin2", "village")}
        memo: dict = {}
        for it in items:
            choice[it], conf[it] = _choose(it, focus, named, ctx_country, memo)
    one_sense_as_placed(items, choice, conf)
    _variants_near_their_sentence(items, choice, conf, gazetteer)
    sites = [it for it in items if _site_far_from_story(text, it, choice, items)]
    for it in items:
        it.introduced = introduced_as_place(text, it.mention)
        it.dateline = dateline_town(text, it.mention)
    doubtful = {it for it in items if choice[it] is not None and needs_support(it.mention, choice[it])}
    sure = _Focus([it for it in items if it not in doubtful], choice, conf)
    senses = {(it.mention.key or it.mention.country): choice[it] for it in doubtful}
    every = {(it.mention.key or it.mention.country): choice[it] for it in items if choice[it] is not None}
    # the towns the text names without a kind word: "Muan county" in a story that names Muan is that town's
    towns = {choice[it].id for it in items if not it.unmet and choice[it] is not None}
    out = [t for t in (_toponym(it, choice[it], conf[it], focus, (sure, senses, every, towns), gazetteer) for it in items
                       if it not in sites)
           if t is not None]
    found = resolve_streets(text, sorted([*streets, *(it.mention for it in sites)], key=lambda m: m.start), out)
    # a site whose town is not found stays a site, unresolved: no other sense of its name is looked for
    out.extend([*found, *(Toponym(it.mention.start, it.mention.end, it.mention.text, None, "poi", 0.0) for it in sites
                          if not any(t.start == it.mention.start for t in found))])
    out.sort(key=lambda t: t.start)
    return out, focus.document()


#: Confidence of a sense found as a spelling variant near its sentence's towns.
VARIANT_NEAR_CONFIDENCE = 0.6


def _variants_near_their_sentence(items: list, choice: dict, conf: dict, gazetteer) -> None:
    """A town chosen far from every town of its sentence (two or more, all in another country) is that
    country's town of a variant spelling when one lies near them: "the harbour town of Sousse, below
    the hills of Shahat, 25km from Al Bayda" is Susah in Libya, not Sousse in Tunisia."""
    for it in items:
        place = choice.get(it)
        near = list({p.id: p for p in it.near if p.kind in _LOCAL_KINDS}.values())
        if place is None or place.kind not in _LOCAL_KINDS or len(near) < 2 or it.mention.kind_hint:
            continue  # one other town ("between London and Amsterdam") says too little
        countries = {p.country for p in near}
        if len(countries) != 1 or place.country in countries or any(_within(place, p, NEAR_KM) for p in near):
            continue
        country = next(iter(countries))
        if gazetteer.lookup_key(it.mention.key, country=country, limit=1):
            continue  # the same name there was weighed already ("Jerusalem" beside Washington and New York)
        variant = next((v for v in gazetteer.lookup_key(it.mention.key, country=country, limit=5, loose=True)
                        if v.kind in _LOCAL_KINDS and any(_within(v, p, NEAR_KM) for p in near)), None)
        if variant is not None:
            choice[it], conf[it] = variant, VARIANT_NEAR_CONFIDENCE


#: How far from every other town of the story a small place named like a site ("Union Station") is not it.
SITE_FAR_KM = 300.0
#: From this size on, a place named with a site word is itself meant ("Leeds station"), however far.
SITE_MAX_POPULATION = 20_000


def _site_far_from_story(text: str, it: _Item, choice: dict, items: list) -> bool:
    """A name ending in a site word or followed by one ("Union Station", "Lido Beach", "Medina hospital")
    whose sense is a small place far from every town the document names is a site in the story's town
    (CODEBOOK 3: a place the gazetteer does not know is anchored to the nearest named one), found as a
    street is."""
    place, words = choice.get(it), it.mention.text.lower().split()
    after = re.match(r" ([a-z]+)", text[it.mention.end:it.mention.end + 20])
    site = words[-1] if len(words) > 1 else after.group(1) if after else ""
    if place is None or site not in lexicon().site_heads or \
            place.kind not in _LOCAL_KINDS or (place.population or 0) >= SITE_MAX_POPULATION:
        return False
    towns = [choice[o] for o in items if o is not it and o.mention.key != it.mention.key
             and choice.get(o) is not None and choice[o].kind in _LOCAL_KINDS]
    return bool(towns) and not any(_within(place, t, SITE_FAR_KM) for t in towns)


#: From this size on, a city of the very name stands in for a small sense rejected far from the story.
STANDALONE_CITY = 1_000_000


def _its_unit_bears_the_name(place, cands) -> bool:
    """ "Hodeidah district": the town's own province is among the name's senses (Al Hudaydah governorate, one
    of whose names is Hodeidah), so the name and its kind word speak of the town's area."""
    return any(c.kind in ("admin1", "admin2") and c.country == place.country and c.admin1_code
               and c.admin1_code == place.admin1_code for c in cands)


def _toponym(it: _Item, place, conf: float, focus, support: tuple, gazetteer) -> Optional[Toponym]:
    """The toponym of a resolved item, or None when it is left out (``support``: the focus of the names
    that need no support and the senses of those that do, for :func:`~mapsvc.geoparse.support.stray`)."""
    m = it.mention
    key = m.key or m.country
    if place is None and " " not in m.text and (m.sentence_initial or m.text.lower() in lexicon().common_words):
        return None  # a tie on a doubtful single word: leave it out rather than flag it
    if place is not None and it.unmet and focus.admin1(key, _admin1(place)) == 0 and \
            not (place.admin and match_key(place.admin[0]) == key) and not _its_unit_bears_the_name(place, it.cands) \
            and place.id not in support[3]:
        # "Anderson County" with no county of that name known: the focus state of the same country, coarsely,
        # or nothing ("Nakuru County", a unit the index knows only by its town Nakuru, stays the town)
        region = _focus_region(focus, key, gazetteer) if m.kind_hint == "admin2" else None
        place = region if region is not None and region.country == place.country else None
        conf = 0.3 if place is not None else 0.0
    if place is not None and not it.dateline and (stray(m, place, support[0], key, it.para, support[1]) or
                                                  not it.introduced and (
            outside_story_region(m, place, support[0], key, support[2])
            or alias_far_from_story(m, place, key, support[2])
            or town_without_country(m, place, support[0], key, it.para, support[2])
            or village_of_a_side_country(m, place, support[0], key))):
        # a small sense far from the story gives way to a city of that very name, which stands on its own
        # ("the road from Mashhad" in a report on Herat: not a village of Badakhshan but the city in Iran)
        place = next((c for c in sorted(it.cands, key=lambda c: -(c.population or 0))
                      if (c.population or 0) >= STANDALONE_CITY and name_key(c) == m.key), None)
        if place is None:
            return None
    kind = "demonym" if m.role == "demonym" else (place.kind if place is not None else (m.kind_hint or ""))
    return Toponym(m.start, m.end, m.text, place, kind, conf)




def _focus_region(focus, key, gazetteer):
    """The admin-1 area most of the other mentions lie in, if any."""
    own = focus.key_a.get(key) or Counter()
    ranked = sorted(((v - own.get(k, 0.0), k) for k, v in focus.doc_a.items() if k is not _SUM), reverse=True)
    if not ranked or ranked[0][0] <= 0:
        return None
    code, _, name = ranked[0][1].partition(":")
    found = [p for p in gazetteer.lookup(name, country=code, kind="admin1", limit=3) if p.kind == "admin1"]
    return found[0] if found else None
