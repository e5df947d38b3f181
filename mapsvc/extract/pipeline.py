"""Incidents from a report: one per reported event, with category, place, dates, counts and quote.

The report is read sentence by sentence (live-blog entry headers such as
"Tue 16:40" set the day that relative dates count from). Each sentence is cut
into clauses at conjunctions where the clauses describe different kinds of
event; a clause is an event when its trigger words (``extract_lexicon``) weigh
enough. Its place is chosen among the clause's toponyms by role
(``extract_places``), or carried over from the sentence before where the text
continues the same story; its date comes from ``timeparse``; its counts from
``extract_counts``. Repeated or continued mentions of one event merge into
one incident that keeps every quote span.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

from .counts import extract_counts, merge_counts
from .lexicon import CASUALTY, HEADLINE_CATEGORIES, PRIORITY, category_scores
from .places import (KIND_RANK, Candidate, PlaceContext, better_place, choose_place, listed_with,
                             place_candidates)
from .title import display_name, event_title
from .segment import classify_lines, doc_prior, segments_of
from ..model import Incident, Source
from ..geoparse.spatial import area_of, distance_km
from ..text.sentences import mask_quotes, split_sentences
from .dates import background, date_for, past_date
from ..text.timeparse import DateRange, is_time_line, parse_entry_header, resolve_dates

__all__ = ["extract_incidents", "incident_id"]

logger = logging.getLogger(__name__)

#: "the Dnipro river": the mention names a river, no place an event can be pinned to.
_RIVER_AFTER = re.compile(r"\s+[Rr]ivers?\b")
_BLAME = re.compile(r"\b(?:blamed|blames|blaming)\b", re.I)
_VIOLENT = {"strike", "battle"}
#: Events that a list of towns places at each town ("strikes hit Lviv, Dnipro and Kharkiv").
_AT_EACH_PLACE = {"strike", "battle", "disaster"}
_FUTURE = re.compile(r"\b(?:will|would|plans? to|intends? to|(?:is|are) (?:set|due|expected|going) to|"
                     r"to be held)\b", re.I)
_SPEECH = re.compile(r"\b(?:said|says|say|told|warned|hinted|added|insisted|claimed|stressed|argued|"
                     r"tweeted|wrote|called for|cautioned)\b", re.I)
_POLITICAL_ACT = re.compile(r"\b(?:met|meeting|visit(?:ed|s)?|arriv(?:ed|es)|resign\w*|step(?:ped)? down|"
                            r"declared|elect(?:ed|ions?)|protest\w*|summit|conference|signed|sworn|voted|sanctions|"
                            r"agreed (?:to|on) (?:a |an )?(?:ceasefire|truce|deal)|talks (?:in|at|that ended|ended))\b",
                            re.I)
_SAME_EVENT = re.compile(r"\b(?:the|that|this) (?:drone|attack|strike|blast|explosion|crash|quake|earthquake|"
                         r"flood|assault|raid|shelling|fire|bombing|missile|storm)\b", re.I)


@dataclass
class _Event:
    category: str
    cand: Candidate
    dates: DateRange
    explicit_date: bool
    counts: dict
    spans: list = field(default_factory=list)
    clause: str = ""  # the plain text of the first clause, for the title


def incident_id(report_hash: str, span: tuple) -> str:
    """Deterministic incident id: "inc-" and 8 hex digits of the report hash and the first span.

    >>> incident_id("ab" * 32, (10, 20))
    'inc-6fc7a9a9'
    """
    digest = hashlib.sha256(f"{report_hash}:{span[0]}:{span[1]}".encode()).hexdigest()
    return "inc-" + digest[:8]


def _prefer_city(t, gazetteer):
    """A bare name resolved to a region that shares its name with its main city means the city."""
    place = t.place
    if place is None or place.kind not in ("admin1", "admin2"):
        return t
    if re.search(r"\b(?:region|oblast|province|governorate|state|county|district|department)\b", t.text, re.I):
        return t
    try:
        found = gazetteer.lookup(t.text, country=place.country or None, kind="city", limit=5)
    except Exception as exc:  # the gazetteer refused the name: keep the region
        logger.debug("city lookup for %r failed: %s", t.text, exc)
        return t
    cities = [p for p in found if p.kind in ("city", "town") and p.population >= 50_000
              and distance_km(p.lon, p.lat, place.lon, place.lat) < 3 * max(place.radius_km, 50.0)]
    if not cities:
        return t
    from dataclasses import replace
    return replace(t, place=max(cities, key=lambda p: p.population), kind=cities[0].kind)


def _document_places(toponyms, gazetteer, toponyms_text: str):
    mentions = [_prefer_city(t, gazetteer) for t in toponyms
                if t.place is not None and t.kind != "demonym" and t.place.kind != "demonym"
                and not re.match(r"(?:the|a|an)\s+[a-z]", t.text, re.I)
                and not re.match(r"-?\d", toponyms_text[t.end:t.end + 2])
                and not _RIVER_AFTER.match(toponyms_text, t.end)]
    votes: dict = {}
    for t in toponyms:
        if t.place is not None and t.place.country:
            votes[t.place.country] = votes.get(t.place.country, 0) + (1 if t.kind != "demonym" else 0.5)
    country = capital = None
    if votes:
        code = max(votes, key=votes.get)
        try:
            country = gazetteer.country(code)
        except Exception:  # noqa: BLE001 - no country, no capital
            country = None
        capital = _capital(code, gazetteer)
    return mentions, country, capital


def _capital(code: str, gazetteer):
    try:
        from ..geoparse.resolve import capitals
        names = [name for iso, name in capitals() if iso == code]
    except ImportError:
        names = []
    for name in names:
        try:
            found = [p for p in gazetteer.lookup(name, country=code, limit=5) if p.kind in ("city", "town")]
        except Exception as exc:  # noqa: BLE001 - an unknown code means no capital, not a failed report
            logger.debug("no capital for %s: %s", code, exc)
            return None
        if found:
            return max(found, key=lambda p: p.population)
    return None


def _kind(category: str) -> str:
    """Strikes and battles tell one story of violence; other categories each their own."""
    return "violence" if category in _VIOLENT else category


def _same_event(ev: _Event, new: _Event) -> bool:
    if ev.category != new.category:
        # a strike and fighting at one place on one stated day are one event
        if not (ev.category in _VIOLENT and new.category in _VIOLENT and ev.explicit_date
                and new.explicit_date and ev.dates.best == new.dates.best):
            return False
    a, b = ev.cand.located, new.cand.located
    d = distance_km(a.lon, a.lat, b.lon, b.lat)
    if ev.cand.place.id == new.cand.place.id:
        if d > max(a.radius_km, b.radius_km, 2.0):
            return False
    else:
        ra, rb = KIND_RANK.get(ev.cand.place.kind, 3), KIND_RANK.get(new.cand.place.kind, 3)
        if ra == rb:
            return False  # two different towns are two places
        coarse = a if ra < rb else b
        if d > max(coarse.radius_km, 2.0):
            return False
    if new.explicit_date and new.dates.best != ev.dates.best:
        return False
    return True


def _merge(ev: _Event, new: _Event) -> None:
    ev.spans.extend(s for s in new.spans if s not in ev.spans)
    ev.counts = merge_counts(ev.counts, new.counts)
    if better_place(ev.cand, new.cand):
        ev.cand = new.cand
    if not ev.explicit_date and new.explicit_date:
        ev.dates, ev.explicit_date = new.dates, True


def _category(scores: dict, seg_text: str, prior: str, counts: dict) -> tuple:
    """(category, weight, own): ``own`` is False when only casualty words made it an event."""
    own = bool(scores) and max(scores.values()) >= 3
    casualty = bool(CASUALTY.search(seg_text))
    if casualty and "civilian_harm" in scores:
        scores["civilian_harm"] += 2
    if casualty and ({"killed", "injured", "missing"} & set(counts)) and prior in PRIORITY:
        scores[prior] = scores.get(prior, 0) + 3  # casualty figures belong to what the report is about
    if prior == "disaster" and "disaster" in scores:
        scores["disaster"] += 1
    if not scores:
        return (prior, 2.0, False) if casualty else (None, 0.0, False)
    best = max(scores, key=lambda c: (scores[c], -PRIORITY.index(c)))
    return best, scores[best] + (1.0 if casualty else 0.0), own


def extract_incidents(report, *, gazetteer) -> list:
    """Incidents of one report (ARCHITECTURE section 3.2), in text order.

    Parameters
    ----------
    report : Report
        The report; ``published`` anchors relative dates (today when unknown).
    gazetteer : Gazetteer
        The offline gazetteer the geoparser resolves places in.

    Examples
    --------
    >>> from mapsvc.model import Report
    >>> from mapsvc.runtime import default_gazetteer  # doctest: +SKIP
    >>> r = Report("Shelling hit Kharkiv on Tuesday.", published=date(2022, 3, 16))  # doctest: +SKIP
    >>> [(i.category, i.place_name, str(i.date)) for i in extract_incidents(r, gazetteer=default_gazetteer())]  # doctest: +SKIP
    [('strike', 'Kharkiv', '2022-03-15')]
    """
    from ..geoparse.pipeline import geoparse

    text = report.text or ""
    published = report.published or date.today()
    if not text.strip():
        return []
    toponyms = geoparse(text, published=published, gazetteer=gazetteer)
    mentions, country, capital = _document_places(toponyms, gazetteer, text)
    ctx = PlaceContext(text, mentions, capital=capital, country=country,
                       demonym_ends=frozenset(t.end for t in toponyms if t.kind == "demonym"))
    masked_all = mask_quotes(text, fill="\uffff")
    prior = doc_prior(masked_all.replace("\uffff", " "))
    events = _read(report, ctx, masked_all, prior, published)
    content_hash = report.content_hash
    return [_incident(report, ev, published, content_hash, ctx.mentions) for ev in events]


class _Reader:
    """Reads a report sentence by sentence, keeping the state the next sentence needs."""

    def __init__(self, ctx: PlaceContext, prior: str, published: date):
        self.ctx, self.prior, self.published = ctx, prior, published
        self.events: list = []
        self.anchor: Optional[date] = None  # the day of the current live-blog entry
        self.previous: Optional[date] = None  # the date of the last event read
        self.last_event_sentence = -10
        self.story_days: dict = {}  # kind of event -> day of the paragraph's last dated event of that kind
        self.index = 0  # the sentence being read
        self.paragraph = -1
        self.lead: Optional[tuple] = None  # (sentence index, DateRange) of a paragraph's dated first sentence

    def _names_place(self, start: int, end: int) -> bool:
        return bool(self.ctx.between(start, end))

    def _new_entry(self, day: date) -> None:
        """A live-blog entry starts: its day anchors dates, and nothing carries over from the last entry."""
        self.anchor, self.previous, self.ctx.focus = day, day, None
        self.last_event_sentence, self.story_days = -10, {}

    def _paragraph_lead(self, i: int, sent, masked: str) -> None:
        """Remember the date stated in a paragraph's first sentence: the next sentence may lack its own."""
        if sent.paragraph == self.paragraph:
            return
        self.paragraph = sent.paragraph
        self.story_days = {}
        plain = masked.replace("\uffff", " ")
        found = resolve_dates(plain, published=self.published, anchor=self.anchor or self.published,
                              previous=self.previous)
        self.lead = (i, found) if found is not None and found.precision == "day" else None

    def sentence(self, i: int, sent, kind: str, masked: str) -> None:
        header_day = parse_entry_header(sent.text, published=self.published)
        if header_day is None and is_time_line(sent.text):
            header_day = self.anchor or self.published  # "18:20": a new entry of the same day
        if header_day is not None:
            self._new_entry(header_day)
            return
        self.index = i
        if kind == "body":
            self._paragraph_lead(i, sent, masked)
        if kind == "title" or masked.count("\uffff") > 0.6 * len(masked):
            return
        continuing = i - self.last_event_sentence <= 3 and kind == "body"
        got_event = False
        for seg in segments_of(sent, masked, prior=self.prior, names_place=self._names_place):
            # a clause after an event clause of the same sentence continues its story
            got_event = self.segment(seg, sent, kind, continuing or (got_event and kind == "body")) or got_event
        if got_event:
            self.last_event_sentence = i
        elif kind == "body":
            _topic(self.ctx, sent, masked)

    def _is_event(self, category, weight, kind, plain, ref) -> bool:
        if category is None or weight < 3.0:
            return False
        if kind == "headline" and category not in HEADLINE_CATEGORIES:
            return False
        if category != "restriction" and _FUTURE.search(plain) and not past_date(
                plain, ref=ref, published=self.published):
            return False  # plans and forecasts are not events yet
        # someone said something: a statement, not an event
        return not (category == "political" and _SPEECH.search(plain) and not _POLITICAL_ACT.search(plain))

    def segment(self, seg, sent, kind: str, continuing: bool) -> bool:
        ref = self.anchor or self.published
        plain = seg.masked_text.replace("\uffff", " ")
        counts = extract_counts(plain)
        category, weight, own = _category(category_scores(plain), plain, self.prior, counts)
        if not self._is_event(category, weight, kind, plain, ref):
            return False
        if continuing and _BLAME.search(plain):
            return False  # "and Moscow blamed Ukrainian shelling": who did it, not another event
        ctx = self.ctx
        cand = choose_place(ctx, seg.start, seg.end, seg.masked_text, category=category)
        if cand is not None and category == "political" and cand.via != "mention":
            cand = None  # a statement needs a named place to be an event
        carried = False
        if cand is None and ctx.focus is not None and kind == "body" and category != "political" \
                and (continuing or seg.has_anaphor):
            cand, carried = Candidate(ctx.focus.place, ctx.focus.located, 0.0, seg.start, "focus"), True
        if cand is None:
            return False
        same_story = carried or (continuing and (seg.has_anaphor or bool(_SAME_EVENT.search(plain))))
        dates, explicit = date_for(seg.masked_text, sent.text, ref=ref, published=self.published, previous=self.previous,
                                    continuing=same_story)
        if not explicit and not same_story and self.lead is not None and self.lead[0] == self.index - 1:
            dates, explicit = self.lead[1], True  # "On Tuesday, X. A strike hit Y." : Y on Tuesday
        elif not explicit and self.story_days.get(_kind(category), ref + timedelta(days=1)) <= ref:
            # the paragraph's story of this kind goes on: the day of its last dated event
            dates = DateRange.day(self.story_days[_kind(category)])
        if background(dates, ref, carried):
            return False
        new = _Event(category, cand, dates, explicit, counts, [(seg.start, seg.end)], plain)
        logger.debug("event %s %s at %s (%s, %.1f) on %s%s: %.60s", category, counts, cand.place.name, cand.via,
                     cand.score, dates.best, "" if explicit else " (implied)", plain.strip())
        _add(self.events, new, carried=carried, own=own)
        if explicit and kind == "body":
            self.story_days[_kind(category)] = dates.best
        if not carried and category in _AT_EACH_PLACE:
            for other in listed_with(ctx, cand, seg.end, seg.masked_text, seg.start):
                _add(self.events, _Event(category, other, dates, explicit, {}, [(seg.start, seg.end)], plain),
                     carried=False, own=own)
        if not carried and kind == "body":
            ctx.focus = cand
        self.previous = dates.best
        return True


def _read(report, ctx: PlaceContext, masked_all: str, prior: str, published: date) -> list:
    sentences = split_sentences(report.text)
    kinds = classify_lines(sentences, report.text, title=report.title)
    reader = _Reader(ctx, prior, published)
    for i, sent in enumerate(sentences):
        reader.sentence(i, sent, kinds[i], masked_all[sent.start:sent.end])
    return reader.events


def _topic(ctx: PlaceContext, sent, masked: str) -> None:
    """A sentence without an event may still name the town the next ones are about."""
    towns = [c for c in place_candidates(ctx, sent.start, sent.end, masked, category="other")
             if c.via == "mention" and c.score >= 3.0 and KIND_RANK.get(c.place.kind, 0) >= 4]
    if towns:
        ctx.focus = max(towns, key=lambda c: (c.score, -c.start))


def _add(events: list, new: _Event, *, carried: bool, own: bool = True) -> None:
    if carried and events and not new.explicit_date:
        last = events[-1]
        if last.category == new.category or (last.category in _VIOLENT and new.category in _VIOLENT) or not own:
            _merge(last, new)
            return
    if new.category == "disaster" and not own and new.cand.place.kind in ("country", "admin1"):
        # a national toll of a disaster belongs to the disaster itself, where it struck in that country
        code = new.cand.place.country
        struck = [ev for ev in events if ev.category == "disaster" and code and ev.cand.place.country == code]
        first = next((ev for ev in struck if KIND_RANK.get(ev.cand.place.kind, 0) >= 4), None)
        if first is not None or struck:
            _merge(first or struck[0], new)
            return
    for ev in reversed(events):
        if _same_event(ev, new):
            _merge(ev, new)
            return
    events.append(new)


def _title(ev: _Event, name: str) -> str:
    return event_title(ev.category, ev.clause, place_name=name, near=ev.cand.located.geo_precision == 2,
                       counts=ev.counts)


def _incident(report, ev: _Event, published: date, content_hash: str, mentions: list) -> Incident:
    text = report.text
    spans = sorted(ev.spans)
    quote_parts = []
    for s, e in spans:
        piece = " ".join(text[s:e].split())
        if piece not in quote_parts:
            quote_parts.append(piece)
    place, loc = ev.cand.place, ev.cand.located
    area = None
    if loc.geo_precision > 1 or place.kind in ("country", "admin1", "admin2", "continent", "sea", "region"):
        area = place.outline if (place.outline and loc.geo_precision == 3) else area_of(place, radius=loc.radius_km)
    name = display_name(place, ev.cand.start, mentions)
    report_id = "rep-" + content_hash[:12]
    sources = tuple(Source(report=report_id, title=report.title, url=report.url, published=published, span=span)
                    for span in spans)
    return Incident(
        id=incident_id(content_hash, spans[0]), category=ev.category, title=_title(ev, name),
        lon=round(loc.lon, 5), lat=round(loc.lat, 5), date=ev.dates.best, date_start=ev.dates.start,
        date_end=ev.dates.end, date_precision=ev.dates.precision, place_name=name, place_kind=place.kind,
        place_admin=tuple(place.admin), gazetteer_id=place.id, geo_precision=loc.geo_precision,
        radius_km=float(loc.radius_km), counts=dict(ev.counts), quote=" ".join(quote_parts), sources=sources,
        area=area)
