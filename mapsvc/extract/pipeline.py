"""Incidents from a report: events read from a dependency parse, one incident per event.

The report is split into sentences (``text.sentences``), each parsed once
with spaCy (``text.nlp``) and geoparsed (``geoparse``). The reader
(``reader``) finds the event heads of each sentence in the frame table
(``frames``, ``events``), places, dates and counts them through the tree,
and merges what tells the same event (``merge``). Each event becomes an
:class:`~mapsvc.model.Incident` with its quote spans.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import logging
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Optional

from .anaphora import ANAPHOR_KINDS
from .arguments import names_no_side
from .dates import dateline_end
from .docplaces import DocumentPlaces
from .events import event_heads
from .frames import may_tell_event
from .merge import date_tolls_by_onset, political_act, settle_area_totals
from .places import KIND_RANK
from .reach import settle_country_events
from .reader import Reader
from .title import display_name, event_title
from ..gazetteer.index import display_path
from ..geoparse.spatial import area_of, distance_km, relation_before
from ..model import Incident, Source
from ..text.nlp import parse_many
from ..text.sentences import classify_lines, mask_quotes, split_sentences

__all__ = ["extract_incidents", "incident_id"]

logger = logging.getLogger(__name__)

#: "the Dnipro river": the mention names a river, no place an event can be pinned to.
_RIVER_AFTER = re.compile(r"\s+[Rr]ivers?\b")
#: A name in a list that a plural street word closes: "between Kelton and Wilson avenues" names streets.
_STREETS_AFTER = re.compile(r"(?:(?:,\s*|,?\s+and\s+|\s*&\s*)[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?)*"
                            r"\s+(?:streets|avenues|roads|boulevards|lanes|drives)\b")
_KIND_WORD = re.compile(r"\b(?:region|oblast|province|governorate|state|county|district|department)\b", re.I)


def incident_id(report_hash: str, span: tuple) -> str:
    """Deterministic incident id: "inc-" and 8 hex digits of the report hash and the first span.

    >>> incident_id("ab" * 32, (10, 20))
    'inc-6fc7a9a9'
    """
    digest = hashlib.sha256(f"{report_hash}:{span[0]}:{span[1]}".encode()).hexdigest()
    return "inc-" + digest[:8]


def _one_sense_per_name(toponyms) -> list:
    """A name means one place throughout a report: later mentions of "Geneva" take the place of the
    most confident one (the geoparser weighs each mention on its own)."""
    best: dict = {}
    for t in toponyms:
        if t.place is not None and t.kind != "demonym":
            key = t.text.lower()
            if key not in best or t.confidence > best[key].confidence:
                best[key] = t
    return [replace(t, place=best[t.text.lower()].place, kind=best[t.text.lower()].kind)
            if t.place is not None and t.text.lower() in best and t.kind != "demonym" else t for t in toponyms]


def _with_outline(t, text: str, gazetteer):
    """An area named by its part ("southern Lebanon", "in the west of Victoria") carries its outline,
    so that the part is found in its shape rather than a circle around its centre."""
    if t.place.kind not in ("country", "admin1") or getattr(t.place, "outline", None):
        return t
    relation = relation_before(text[max(0, t.start - 80):t.start], t.text)
    if relation is None or relation.kind not in ("inside_part", "edge"):
        return t
    try:
        full = gazetteer.get(t.place.id)
    except Exception as exc:  # noqa: BLE001 - no outline: the circle estimate stays
        logger.debug("no outline for %s: %s", t.place.id, exc)
        return t
    return replace(t, place=full) if full is not None and full.outline else t


def _prefer_city(t, gazetteer):
    """A bare name resolved to a region that shares its name with its main city means the city."""
    place = t.place
    if place.kind not in ("admin1", "admin2") or _KIND_WORD.search(t.text):
        return t
    try:
        found = gazetteer.lookup(t.text, country=place.country or None, kind="city", limit=5)
    except Exception as exc:  # noqa: BLE001 - the gazetteer refused the name: keep the region
        logger.debug("city lookup for %r failed: %s", t.text, exc)
        return t
    cities = [p for p in found if p.kind in ("city", "town") and p.population >= 50_000
              and distance_km(p.lon, p.lat, place.lon, place.lat) < 3 * max(place.radius_km, 50.0)]
    if not cities:
        return t
    return replace(t, place=max(cities, key=lambda p: p.population), kind=cities[0].kind)


def _capital(code: str, gazetteer):
    from ..geoparse.resolve import capitals

    for iso, name in capitals():
        if iso != code:
            continue
        try:
            found = [p for p in gazetteer.lookup(name, country=code, limit=5) if p.kind in ("city", "town")]
        except Exception as exc:  # noqa: BLE001 - an unknown code means no capital, not a failed report
            logger.debug("no capital for %s: %s", code, exc)
            return None
        if found:
            return max(found, key=lambda p: p.population)
    return None


def document_places(result, gazetteer, text: str) -> DocumentPlaces:
    """The report's usable mentions (no demonyms, rivers or numbered things), and the main country
    and its capital that geoparse's document focus names."""
    mentions = [_with_outline(_prefer_city(t, gazetteer), text, gazetteer) for t in _one_sense_per_name(result.toponyms)
                if t.place is not None and t.kind != "demonym" and t.place.kind != "demonym"
                and not re.match(r"(?:the|a|an)\s+[a-z]", t.text, re.I)
                and not re.match(r"-?\d", text[t.end:t.end + 2])
                and not _RIVER_AFTER.match(text, t.end) and not _STREETS_AFTER.match(text, t.end)]
    demonyms = [t for t in result.toponyms if t.kind == "demonym" and t.place is not None
                and t.place.kind == "country"]
    code = result.focus.country
    airport_of = functools.partial(_airport_of, gazetteer=gazetteer)
    if not code:
        return DocumentPlaces(mentions, text=text, airport_of=airport_of, demonyms=demonyms)
    try:
        country = gazetteer.country(code)
    except Exception:  # noqa: BLE001 - no country place, no country fallback
        country = None
    return DocumentPlaces(mentions, country=country, capital=_capital(code, gazetteer), text=text,
                          airport_of=airport_of, demonyms=demonyms)


def _airport_of(town, *, gazetteer):
    """The airport the gazetteer knows as "<town> airport" within 60 km of the town, or None."""
    try:
        found = gazetteer.lookup(f"{town.name} airport", country=town.country or None, kind="poi", limit=3)
    except Exception as exc:  # noqa: BLE001 - no airport: the town stays
        logger.debug("airport look-up for %r failed: %s", town.name, exc)
        return None
    return next((p for p in found if p.id.startswith("iata:")
                 and distance_km(p.lon, p.lat, town.lon, town.lat) <= 60), None)


#: The categories whose tolls a bare "five people were injured" can be.
_TOLL_CATEGORIES = ("strike", "battle", "civilian_harm", "disaster")


def _names_a_place(sentence, starts: list) -> bool:
    i = bisect.bisect_left(starts, sentence.start)
    return i < len(starts) and starts[i] < sentence.end


def _sentences_to_parse(sentences: list, mentions: list) -> tuple:
    """(wanted, labelled): the indexes of the sentences that need the parse, and ``labelled(i, doc)``,
    whether sentence ``i`` also needs the entity labels (the recogniser is half of the parse's time).

    A sentence with a word that may head an event is read for events; one without needs the parse only
    when it names a place below a country (the town the next sentences are about, a body's name that is
    no place) and a later sentence of its paragraph may point back to it. Entity labels are evidence
    about an event's numbers and names: only a sentence that may tell an event, and names a place or
    holds a number, needs them.
    """
    eventful = [may_tell_event(s.text) for s in sentences]
    starts = sorted(t.start for t in mentions)
    local = sorted(t.start for t in mentions if t.place.kind != "country")
    named = [_names_a_place(s, starts) for s in sentences]
    locals_ = [_names_a_place(s, local) for s in sentences]
    # a sentence without an event word is read only for the sentences after it in its paragraph that may
    # point back to its town: an eventful one without a town of its own, or with an anaphor ("the town")
    pointing = [eventful[i] and (not locals_[i] or bool(_ANAPHOR_WORDS.search(s.text)))
                for i, s in enumerate(sentences)]
    wanted = [i for i, s in enumerate(sentences) if eventful[i] or locals_[i] and any(
        pointing[j] for j in range(i + 1, len(sentences)) if sentences[j].paragraph == s.paragraph)]
    return wanted, lambda i, doc: eventful[i] and (named[i] or any(t.like_num for t in doc))


#: Words that point back to a place named before ("the town", "its residents", "there"): the anaphor nouns
#: the reader resolves (``anaphora.ANAPHOR_KINDS``, "the capital", "the scene"), and "the area".
_ANAPHOR_WORDS = re.compile(r"\b(?:the (?:\w+ )?(?:" + "|".join((*ANAPHOR_KINDS, "capital", "area", "scene", "site"))
                            + r")|its|there|nationwide)\b", re.I)


def _parse_and_find_heads(sentences: list, mentions: list, nlp_model: Optional[str]) -> tuple:
    """(docs, heads): each sentence's parse (None when it needs none) and its event heads.

    The entity labels are weighed only in a sentence with an event head: the heads are found first
    without them, and found again with them where the recogniser ran (labels may refine a head away).
    """
    wanted, may_need_labels = _sentences_to_parse(sentences, mentions)
    docs, heads, labelled = [None] * len(sentences), [[] for _ in sentences], set()

    def needs_labels(j: int, doc) -> bool:
        i = wanted[j]
        heads[i] = event_heads(doc[:])
        if heads[i] and may_need_labels(i, doc):
            labelled.add(i)
        return i in labelled

    # a dateline ("TOKYO (AP) —") is no part of the sentence's grammar: blanked, offsets kept
    parsed = parse_many([_without_dateline(sentences[i].text) for i in wanted], model=nlp_model,
                        entities=needs_labels)
    for i, doc in zip(wanted, parsed):
        docs[i] = doc
        if i in labelled or not heads[i]:
            heads[i] = event_heads(doc[:])
    return docs, heads


def _without_dateline(text: str) -> str:
    end = dateline_end(text)
    return " " * end + text[end:] if end else text


def _prior(heads: list) -> str:
    """The toll-bearing category most event heads of the report have (``heads``: one list per sentence):
    what its unqualified tolls belong to."""
    votes = Counter(h.category for found in heads for h in found if h.category in _TOLL_CATEGORIES)
    return votes.most_common(1)[0][0] if votes else "civilian_harm"


def _tells_fighting(heads: list) -> bool:
    """The report tells of armed sides fighting: a strike or a battle, not only clashes whose sides it leaves
    unnamed (in a report of protests those are the protests')."""
    return any(h.category in ("strike", "battle") and not ("sides" in h.frame.flags and names_no_side(h.token))
               for found in heads for h in found)


def _tells_unrest(heads: list) -> bool:
    """The report tells of crowds: two or more protests, riots, marches or rallies (political acts of a crowd,
    not a visit, a vote or talks)."""
    return sum(h.category == "political" and political_act(h.frame.title_for("political")) == "crowd"
               for found in heads for h in found) >= 2


def extract_incidents(report, *, gazetteer, nlp_model: Optional[str] = None, geocoder=None) -> list:
    """Incidents of one report (ARCHITECTURE section 3.2), in text order.

    ``report.published`` anchors relative dates (today when unknown);
    ``nlp_model`` names the spaCy pipeline (default ``text.nlp.DEFAULT_MODEL``);
    ``geocoder`` is the online geocoder for names the gazetteer lacks
    (``gazetteer.geocoders.fallback_geocoder``; None asks nothing).
    """
    from ..geoparse.pipeline import geoparse_document

    text = report.text or ""
    published = report.published or date.today()
    if not text.strip():
        return []
    places = document_places(geoparse_document(text, published=published, gazetteer=gazetteer, geocoder=geocoder),
                             gazetteer, text)
    sentences = split_sentences(text)
    kinds = classify_lines(sentences, text, title=report.title)
    masked = mask_quotes(text, fill="\uffff")
    docs, heads = _parse_and_find_heads(sentences, places.mentions, nlp_model)
    story = "fighting" if _tells_fighting(heads) else "unrest" if _tells_unrest(heads) else ""
    reader = Reader(text, places, published, _prior(heads), story=story)
    for sent, kind, doc, found in zip(sentences, kinds, docs, heads):
        if masked[sent.start:sent.end].count("\uffff") > 0.6 * len(sent.text):
            continue  # a quotation: what someone said, not the report's account
        # nor is an event word inside a quotation ("'They burned the granaries,' said a farmer")
        found = [h for h in found if masked[sent.start + h.token.idx] != "\uffff"]
        reader.sentence(sent, kind, doc, found)
    events = settle_area_totals(date_tolls_by_onset(reader.events))
    events = settle_country_events(events, text, functools.partial(_capital, gazetteer=gazetteer))
    return [_incident(report, ev, published, places.mentions) for ev in events]


def _incident(report, ev, published: date, mentions: list) -> Incident:
    text, content_hash = report.text, report.content_hash
    spans = sorted(ev.spans)
    quote = " ".join(dict.fromkeys(" ".join(text[s:e].split()) for s, e in spans))
    place, loc = ev.cand.place, ev.cand.located
    area = None
    if loc.geo_precision > 1 or KIND_RANK.get(place.kind, 4) < 4:
        whole = place.outline and loc.geo_precision == 3 and (loc.lon, loc.lat) == (place.lon, place.lat)
        area = place.outline if whole else area_of(place, radius=loc.radius_km)
    name = display_name(place, ev.cand.start, mentions)
    title = event_title(ev.noun or ev.category.replace("_", " ").capitalize(), target=ev.target, place_name=name,
                        near=loc.geo_precision == 2, counts=ev.counts)
    report_id = "rep-" + content_hash[:12]
    sources = tuple(Source(report=report_id, title=report.title, url=report.url, published=published, span=span)
                    for span in spans)
    return Incident(
        id=incident_id(content_hash, spans[0]), category=ev.category, title=title,
        lon=round(loc.lon, 5), lat=round(loc.lat, 5), date=ev.dates.best, date_start=ev.dates.start,
        date_end=ev.dates.end, date_precision=ev.dates.precision, place_name=name, place_kind=place.kind,
        place_admin=tuple(display_path(place)[1:]), gazetteer_id=place.id[:64], geo_precision=loc.geo_precision,
        radius_km=float(loc.radius_km), counts=dict(ev.counts), quote=quote, sources=sources, area=area)
