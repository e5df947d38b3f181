"""Where an event happened: score the toponyms of a clause by their role in it.

A place named after "in", "at", "near", "outside" is where things happen; one
named as the speaker ("Moscow denied ..."), the actor ("leaders of Poland",
"Russia's defence ministry"), the origin or destination of a movement ("from",
"towards Dnipro") is not. Anaphors ("the city", "the capital", "the region")
point back to an earlier mention. A spatial expression before the mention
("20km north-west of", "in the west of", "near") moves or widens the point.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from typing import Optional

from .lexicon import ANAPHOR
from ..geoparse.spatial import Located, apply_relation, distance_km, parse_relation, parse_trailing_offset

__all__ = ["Candidate", "PlaceContext", "choose_place", "place_candidates", "better_place", "listed_with",
           "KIND_RANK"]

logger = logging.getLogger(__name__)

KIND_RANK = {"continent": 0, "sea": 0, "region": 1, "country": 1, "admin1": 2, "admin2": 3, "city": 4, "town": 4,
             "village": 4, "district": 5, "neighbourhood": 6, "poi": 6}
_BASE = {"continent": -1.0, "sea": 1.0, "region": 1.0, "country": 1.0, "admin1": 2.0, "admin2": 2.5, "city": 3.0, "town": 3.0,
         "village": 3.0, "district": 3.5, "neighbourhood": 3.5, "poi": 3.5}

_ACTOR_NOUNS = (r"government|army|military|forces|troops|ministry|president|leaders?|officials|authorities|"
                r"general staff|defen[cs]e|foreign|health ministry|interior|navy|air force|police|prime minister|"
                r"embassy|envoys?|delegation|state media|spokesm[ae]n|parliament|intelligence|media|"
                r"people|team|teams|negotiators?|diplomats?|soldiers|reservists|national|nationals|officers")
_AFTER_ACTOR = re.compile(r"^(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?:" + _ACTOR_NOUNS + r")\b", re.I)
_AFTER_MODIFIER = re.compile(r"^\s+(?:[a-z-]+\s+){0,1}(?:" + _ACTOR_NOUNS + r"|base|bases|congress|company|"
                             r"consultancy|firm)\b|^-", re.I)
_AFTER_OFFICIALS = re.compile(r"^\s+(?:[a-z-]+\s+){0,1}(?:officials|authorities|ministry|media)\b", re.I)
_AFTER_SPEAKER = re.compile(
    r"^\s*(?:,[^,]{0,80},\s*)?(?:has |have |had |is |are |was |were )?(?:also |still |again |now )?"
    r"(?:says|said|say|denied|denies|claimed|claims|accused|accuses|blamed|blames|insisted|insists|announced|"
    r"warned|warns|urged|demanded|demanding|told|called|believes|confirmed|condemned|rejected|vowed|"
    r"threatened|responded|met|has met|is weighing|weighs|brokered)\b", re.I)
_BEFORE_ACTOR = re.compile(
    r"\b(?:leaders?|presidents?|prime ministers?|governments?|army|forces|troops|envoys?|ambassadors?|"
    r"ministers?|ministry|kings?|rulers?|delegations?|representatives?|allies|citizens|nationals|"
    r"reservists|businessm[ae]n|supporters|embassy|people|head|chief|governor|mayor|leadership|"
    r"spokesm[ae]n|spokeswom[ae]n)\s+(?:of|from)\s+(?:the\s+)?$", re.I)
_BEFORE_TARGET = re.compile(r"\b(?:storm|stormed|attack(?:ed|ing)?|shell(?:ed|ing)|hit|struck|captured?|seized?|"
                            r"bomb(?:ed|ing)|besieged?|enter(?:ed)?|recaptured?|pounded|devastated|flooded)\s+"
                            r"(?:the\s+)?(?:[\w-]+\s+){0,1}$", re.I)
_BEFORE_NATIONAL_SPEAKER = re.compile(
    r"\b(?:ministry|government|embassy|diplomats?|reporters|correspondents?|headquarters|agency|"
    r"spokesm[ae]n|federation|delegation|negotiators?|parliament|congress)\s+(?:in|at)\s+(?:the\s+)?$", re.I)
_BEFORE_SPEECH = re.compile(r"\b(?:speaking|spoke|told reporters|press conference|news conference|briefing)\b"
                            r"[^,.;]{0,30}\b(?:in|at)\s+$", re.I)
_BEFORE_OBJECT = re.compile(r"\b(?:accused|accusing|blamed|blaming|condemned|urged|warned|told|with|against|"
                            r"than|like|unlike|joining|join)\s+(?:the\s+)?$", re.I)
_BEFORE_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_BEFORE_TO = re.compile(r"\bto\s+(?:the\s+)?$|\b(?:towards?|into|for|bound for|heading for|reach|reached|onto|via)\s+"
                        r"(?:the\s+)?(?:(?!(?:around|in|near|outside|at|on|of|off|by|across)\b)[\w-]+\s+){0,2}$", re.I)
_BEFORE_IN = re.compile(r"\b(?:in|at|near|outside|inside|over|across|around|on|off|throughout|within|through|"
                        r"of|by|beneath|above|below|along)\s+(?:the\s+)?"
                        r"(?:(?!(?:to|of|and|in|for|a|an|at|by|with|from|that|which)\b)[\w-]+\s+){0,3}$", re.I)
_BEFORE_VISIT = re.compile(r"\b(?:visit(?:s|ed|ing)?|arriv(?:e|es|ed|ing) in|toured|landed (?:in|at))\s+(?:the\s+)?"
                           r"(?:[\w-]+\s+){0,2}$", re.I)
_BEFORE_RESIDENTS = re.compile(r"\b(?:residents|people|inhabitants|outskirts|centre|center|suburbs?|city|town|"
                               r"village|province|region|streets)\s+of\s+(?:the\s+)?$", re.I)
_DATELINE = re.compile(r"^\s*(?:,\s*[A-Za-z][\w .]{0,30})?\s*(?:\((?:AP|Reuters|AFP|UPI|dpa|Xinhua|CNN|BBC|"
                       r"Bloomberg|Anadolu)\)|[—–]|--)", re.I)
_EVAC = re.compile(r"\b(?:evacu\w+|escape\w*|fled|flee\w*|refugees?|rescued|displaced)\b", re.I)
_APPOSITIVE = re.compile(r"(?:\b(?:the|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?:city|town|village|port|region|province|"
                         r"state|district|capital|suburb|island|country|republic|kingdom)\s+of\s+(?:the\s+)?$", re.I)
_WHERE_AFTER = re.compile(r"^(?:\s+and\s+(?:the\s+)?(?:[\w-]+\s+){0,3}[\w-]+)?,\s+where\b")
#: A place named only as the landmark of an offset or a border: "800km west of Khartoum", "the border with Chad".
_LANDMARK_BEFORE = re.compile(
    r"(?:\b(?:north|south|east|west)[\w-]*|\bborder with|\bfrom|\btowards?)\s+(?:of\s+)?(?:the\s+)?$", re.I)
_DELIVERED_TO = re.compile(r"\b(?:deliver\w*|brought|taken|admitted|rushed|sent|flown|trucked|reached|"
                           r"arrived)\b[^.;]{0,60}$", re.I)
#: "1,500 people were evacuated from Villanueva": a disaster's evacuees come from where it struck.
_FLED_FROM = re.compile(r"\b(?:evacuated|rescued|fled|escaped)\s+(?:[\w-]+\s+){0,3}from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$")
_FELT_IN = re.compile(r"\bfelt\s+(?:in|as far as|across|throughout)\b[^.;:]{0,80}$", re.I)
#: "40km north-west of the city of Herat": the offset counts from the city.
_CITY_OF = re.compile(r"\bthe\s+(?:[a-z-]+\s+){0,2}?(?:city|town|village|port|capital|settlement)\s+of\s+$")
_CONTAINER_AFTER_TOWN = re.compile(r"[A-Za-z],\s+(?:in\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:province|region|state|county|"
                                   r"district|governorate|department|prefecture|oblast)\s+of\s+$", re.I)
_COORDINATED = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?$")
#: What may stand between two members of a list of places: "Dnipro, Zaporizhzhia and in Kharkiv",
#: "Lviv, where power was cut, and Dnipro".
_LIST_GAP = re.compile(r"^\s*(?:,[^,.;:()]{1,60},\s*)?(?:,\s*)?(?:and\s+|or\s+)?(?:also\s+)?"
                       r"(?:(?:in|at|near|on)\s+)?(?:the\s+)?$")
_NEAR_PREP = re.compile(r"\b(?:in|at|of|from|near|outside|into|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$", re.I)
_NATIONWIDE = re.compile(r"\b(?:nationwide|across the country|countrywide|throughout the country)\b", re.I)
_TRAILING_OFFSET = re.compile(
    r",\s*(?:about |some |roughly |around |nearly )?(?:\d+(?:\.\d+)?|[a-z]+)\s*(?:km|kilometres|kilometers|miles|"
    r"nautical miles)\s+(?:to the\s+)?(?:north|south|east|west)[\w-]*(?![\w-])(?!\s+of\b)", re.I)


@dataclass(frozen=True)
class Candidate:
    """A possible event place: the gazetteer place, where exactly, and how sure."""

    place: object  # mapsvc.model.Place
    located: Located
    score: float
    start: int  # absolute offset of the mention (or anaphor) in the report text
    via: str = "mention"  # mention | anaphor | focus | offset


@dataclass
class PlaceContext:
    """What the extractor knows while reading: mentions so far, the focus place, the capital."""

    text: str
    mentions: list  # Toponym values (resolved, not demonyms) in text order
    capital: object = None  # Place of the document country's capital
    country: object = None  # Place of the document's main country
    focus: Optional[Candidate] = None
    starts: list = field(default_factory=list)  # mention starts, for bisect
    demonym_ends: frozenset = frozenset()  # where demonyms ("Russian") end: "Russian TV" is no place

    def __post_init__(self):
        self.mentions = sorted(self.mentions, key=lambda t: t.start)
        self.starts = [t.start for t in self.mentions]

    def between(self, start: int, end: int) -> list:
        """Mentions that start in [start, end)."""
        return self.mentions[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]

    def before(self, pos: int, *, limit: int = 200) -> list:
        """Up to ``limit`` mentions starting before ``pos``, nearest first."""
        i = bisect.bisect_left(self.starts, pos)
        return self.mentions[max(0, i - limit):i][::-1]


def _role_score(text: str, seg_start: int, start: int, end: int, *, category: str, kind: str) -> float:
    before = text[max(seg_start, start - 60):start]
    after = text[end:end + 70]
    score = _BASE.get(kind, 2.0)
    humanitarian_move = (category == "humanitarian" and _EVAC.search(text[seg_start:start + 200])) or (
        category == "disaster" and _FLED_FROM.search(text[max(seg_start, start - 60):start]))
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and _DATELINE.match(after):
        return score - 5.0  # "BEIRUT (AP) —": where the reporter files from
    if _WHERE_AFTER.match(after) and KIND_RANK.get(kind, 0) >= 4:
        score += 2.5  # "over Asheville and the valleys, where the rivers rose": the where-clause happened there
    if _AFTER_ACTOR.match(after):
        score -= 3.5
    elif _AFTER_MODIFIER.match(after):
        official = _AFTER_OFFICIALS.match(after)
        score -= 3.0 if kind in ("country", "admin1", "continent") or official else 1.0
    if _AFTER_SPEAKER.match(after) and not _NEAR_PREP.search(before):
        score -= 3.5
    residents = _BEFORE_RESIDENTS.search(before)
    governed = _APPOSITIVE.sub("", before)
    stripped = governed != before and bool(governed.strip())
    before = governed if stripped else before
    if _FELT_IN.search(before):
        score -= 3.0  # "the tremor was felt in Farah": far from where it struck
    elif KIND_RANK.get(kind, 0) >= 4 and re.search(r"\bmayors?\s+of\s+$", before):
        score += 1.0  # "the mayor of Nysa ordered ...": a mayor acts in the town
    elif _BEFORE_ACTOR.search(before) or _BEFORE_NATIONAL_SPEAKER.search(before) or _BEFORE_SPEECH.search(before):
        score -= 3.5
    elif _BEFORE_OBJECT.search(before):
        score -= 2.5
    elif _BEFORE_VISIT.search(before):
        score += 2.5
    elif _BEFORE_TARGET.search(before):
        score += 2.0
    elif residents and not stripped and not re.search(r"\b(?:from|to|towards|into)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", before):
        score += 1.5
    elif _BEFORE_FROM.search(before):
        score += 1.0 if humanitarian_move else -2.5
    elif _BEFORE_TO.search(before) and category == "humanitarian" and _DELIVERED_TO.search(before):
        score += 1.5  # aid delivered to a hospital, teams that reached a village: the help arrived there
    elif _BEFORE_TO.search(before):
        score += -0.5 if humanitarian_move else (-1.0 if re.search(r"\binto\s", before[-25:]) else -2.5)
    elif _BEFORE_IN.search(before):
        score += 2.0
    if start == seg_start and kind in ("country", "continent", "admin1") and not _BEFORE_IN.search(before):
        score -= 1.0  # a country as the subject is an actor
    return score


def _anaphor_place(ctx: PlaceContext, noun: str, pos: int):
    noun = noun.lower()
    if noun == "capital" and ctx.capital is not None:
        return ctx.capital
    if noun in ("country", "republic"):
        named = _country_of_paragraph(ctx, pos)
        if named is not None or ctx.country is not None:
            return named or ctx.country  # "across the country": the one the paragraph is about
    if noun in ("region", "province", "oblast", "state"):
        tiers = [("admin1", "admin2")]
    elif noun in ("country", "republic"):
        tiers = [("country",)]
    elif noun in ("city", "capital"):
        tiers = [("city", "town"), ("village",)]
    elif noun in ("town", "village", "port", "settlement", "suburb"):
        tiers = [("town", "village", "city")]
    else:
        tiers = [("city", "town", "village", "district", "neighbourhood", "poi", "admin2")]
    for kinds in tiers:
        named = next((t for t in ctx.before(pos) if t.place is not None and t.place.kind in kinds
                      and not _LANDMARK_BEFORE.search(ctx.text[max(0, t.start - 40):t.start])), None)
        focus = ctx.focus if ctx.focus is not None and ctx.focus.place.kind in kinds else None
        if focus is not None and (named is None or focus.start >= named.start
                                  or re.search(r"[.!?]\s", ctx.text[named.end:pos])):
            return focus.place  # a town named in an earlier sentence does not outweigh the story's place
        if named is not None:
            return named.place  # "Rafah is counting its dead ... in the city": the town named last
    return None


def _country_of_paragraph(ctx: PlaceContext, pos: int):
    """The last country the paragraph names as a topic (not "the border with X", "from X")."""
    para_start = ctx.text.rfind("\n\n", 0, pos)
    for t in ctx.before(pos, limit=30):
        if t.start < para_start:
            return None
        if t.place.kind == "country" and not re.search(r"\b(?:with|from|to|and|than)\s+(?:the\s+)?$",
                                                        ctx.text[max(0, t.start - 20):t.start]):
            return t.place
    return None


def _mention_candidates(ctx: PlaceContext, seg_start: int, seg_end: int, masked: str, category: str) -> list:
    out = []
    text = ctx.text
    previous = None  # (mention, role score) of the clause's last mention
    for t in ctx.between(seg_start, seg_end):
        if masked[t.start - seg_start] == "\uffff":
            continue
        place = t.place
        if previous is not None and _COORDINATED.match(text[previous[0].end:t.start]):
            score = previous[1]  # "teams from Britain and Qatar": one role for the whole list
        else:
            score = _role_score(text, seg_start, t.start, t.end, category=category, kind=place.kind)
        previous = (t, score)
        if t.start - 1 in ctx.demonym_ends or t.start in ctx.demonym_ends:
            score -= 3.0  # "Russian TV", "Syrian Red Crescent": a name, not a place
        if _CONTAINER_AFTER_TOWN.search(text[max(seg_start, t.start - 60):t.start]):
            score -= 2.0  # "in Umbertide, in the province of Perugia": the province only says where the town is
        relation = parse_relation(_CITY_OF.sub("the ", text[seg_start:t.start]))
        via = "mention"
        if relation is not None and relation.kind == "offset":
            via = "offset"
            score += 0.5
        out.append(Candidate(place, apply_relation(place, relation), score, t.start, via))
    return out


def _anaphor_candidates(ctx: PlaceContext, seg_start: int, seg_end: int, masked: str, category: str) -> list:
    out = []
    text = ctx.text
    seg = masked
    for m in ANAPHOR.finditer(seg):
        a_start, a_end = seg_start + m.start(), seg_start + m.end()
        if any(t.end > a_start for t in ctx.between(a_start - 200, a_end)):
            continue  # "the Kyiv region": a mention, not an anaphor
        if re.match(r"\s+(?:of|called|named)\b|\s*,\s*[A-Z]", text[a_end:a_end + 12]):
            continue  # "the city of Mariupol", "the capital, Kyiv"
        place = _anaphor_place(ctx, m.group("noun"), a_start)
        if place is None:
            continue
        score = _role_score(text, seg_start, a_start, a_end, category=category, kind=place.kind) - 0.5
        relation = parse_relation(text[seg_start:a_start])
        via = "offset" if relation is not None and relation.kind == "offset" else "anaphor"
        out.append(Candidate(place, apply_relation(place, relation), score, a_start, via))
    return out


def _consistent(named: Candidate, offset: Candidate) -> bool:
    d = distance_km(named.located.lon, named.located.lat, offset.located.lon, offset.located.lat)
    return d <= max(30.0, 0.5 * distance_km(offset.place.lon, offset.place.lat, offset.located.lon, offset.located.lat))


def _apply_trailing_offset(ctx: PlaceContext, best: Optional[Candidate], seg_start: int, seg: str):
    m = _TRAILING_OFFSET.search(seg)
    if not m:
        return best
    rel = parse_trailing_offset(seg[m.start():])
    if rel is None:
        return best
    base = None
    if best is not None and best.place.kind in ("city", "town") and seg_start + m.start() - best.start > 40:
        base = best.place
    elif ctx.focus is not None:
        base = ctx.focus.place if ctx.focus.place.kind in ("city", "town") else None
    if base is None:
        return best
    shifted = Candidate(base, apply_relation(base, rel), (best.score if best else 2.0), seg_start + m.start(), "offset")
    if best is None or best.via != "mention" or best.place.kind not in ("neighbourhood", "district", "town", "village"):
        return shifted
    return best if _consistent(best, shifted) else shifted


def place_candidates(ctx: PlaceContext, seg_start: int, seg_end: int, masked: str, *, category: str) -> list:
    """Every mention and anaphor of the clause as a scored :class:`Candidate`."""
    return (_mention_candidates(ctx, seg_start, seg_end, masked, category)
            + _anaphor_candidates(ctx, seg_start, seg_end, masked, category))


def choose_place(ctx: PlaceContext, seg_start: int, seg_end: int, masked: str, *, category: str) -> Optional[Candidate]:
    """The best event place of the clause ``text[seg_start:seg_end]`` (``masked``: quotes blanked with U+FFFF).

    Returns None when no mention or anaphor plays the role of a place where
    something happened; the caller may then carry over the focus.
    """
    cands = place_candidates(ctx, seg_start, seg_end, masked, category=category)
    best = None
    for c in cands:
        key = (c.score, KIND_RANK.get(c.place.kind, 3), -c.start)
        if best is None or key > (best.score, KIND_RANK.get(best.place.kind, 3), -best.start):
            best = c
    # a named place right next to an offset from another place: trust the name when they agree
    offsets = [c for c in cands if c.via == "offset"]
    if best is not None and best.via == "offset":
        named = [c for c in cands if c.via == "mention" and c.score >= best.score - 1.5
                 and KIND_RANK.get(c.place.kind, 3) >= 4 and _consistent(c, best)]
        if named:
            best = max(named, key=lambda c: c.score)
    elif best is not None and offsets and best.via == "mention" and KIND_RANK.get(best.place.kind, 3) >= 4:
        near = [o for o in offsets if 0 < o.start - best.start < 120]
        if near and not _consistent(best, near[0]):
            best = near[0]
    best = _apply_trailing_offset(ctx, best, seg_start, masked)
    if best is not None and best.score < 1.0:
        if _NATIONWIDE.search(masked):
            country = next((c for c in cands if c.place.kind == "country"), None)
            if country is not None:
                return Candidate(country.place, apply_relation(country.place, None), 1.0, country.start, "mention")
        return None if best.score < 0.5 or best.via != "mention" else best
    return best


def better_place(old: Candidate, new: Candidate) -> bool:
    """True when ``new`` says more precisely where the event of ``old`` was (and agrees with it)."""
    if new.located.geo_precision > old.located.geo_precision:
        return False
    d = distance_km(old.located.lon, old.located.lat, new.located.lon, new.located.lat)
    if d > max(old.located.radius_km, 5.0) + new.located.radius_km:
        return False
    return (new.located.geo_precision < old.located.geo_precision
            or KIND_RANK.get(new.place.kind, 3) > KIND_RANK.get(old.place.kind, 3))


def listed_with(ctx: PlaceContext, best: Candidate, seg_end: int, masked: str, seg_start: int) -> list:
    """Towns listed after the chosen place, sharing its role: "strikes hit Lviv, Dnipro and Kharkiv".

    Each becomes a place of its own event; only named towns and finer places (not
    countries or regions) join the list, and the list ends at the first gap that
    is more than a comma, "and" or a repeated preposition.
    """
    if best.via != "mention" or KIND_RANK.get(best.place.kind, 0) < 4:
        return []
    out, previous = [], None
    for t in ctx.between(best.start, seg_end):
        if t.start == best.start:
            previous = t
            continue
        if previous is None or masked[t.start - seg_start] == "\uffff":
            break
        if not _LIST_GAP.match(ctx.text[previous.end:t.start]) or KIND_RANK.get(t.place.kind, 0) < 4:
            break
        if t.place.id != best.place.id and all(c.place.id != t.place.id for c in out):
            out.append(Candidate(t.place, apply_relation(t.place, None), best.score, t.start, "mention"))
        previous = t
    return out
