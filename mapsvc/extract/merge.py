"""One incident per event: when two events read from a report are the same one (CODEBOOK section 6).

Two events are one when they are of one kind (a strike and the fighting it is
part of are one story of violence), at one place (the same place, or a finer
place inside the coarser one) and not stated on different days. The merged
event keeps every quote span, the higher toll of each count, the more precise
place and the stated date.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

from .counts import merge_counts
from .places import KIND_RANK, Candidate
from ..geoparse.context import contains
from ..geoparse.spatial import distance_km
from ..text.timeparse import DateRange

__all__ = ["Event", "add_event", "date_tolls_by_onset", "political_act", "settle_area_totals", "story_kind"]

_VIOLENT = frozenset({"strike", "battle", "civilian_harm"})
#: How long after an event its tolls are still told as news of it.
_ONSET_SPAN = timedelta(days=7)


@dataclass
class Event:
    """An event read from a report, before it becomes an :class:`~mapsvc.model.Incident`."""

    category: str
    cand: Candidate
    dates: DateRange
    explicit_date: bool
    counts: dict
    spans: list = field(default_factory=list)
    noun: str = ""  # the frame's title noun
    target: str = ""  # what was hit, for the title
    policing: bool = False  # police dispersing or detaining (frame flag): part of a protest at its place and day
    area_total: bool = False  # a toll over an area that holds other places of the event: settled at the end
    names: frozenset = frozenset()  # the names in its subject ("the leaders of Poland", "Mayor Klitschko")
    damage: bool = False  # told only by its toll or damage ("three people died in Kushiro"), not by what hit
    undated: Optional[date] = None  # the day of the news, when only the news default or the story's first
    # day dated the event (None when its text did)
    stated: bool = False  # told again in a dated statement: the day is the statement's
    again: bool = False  # named again ("the shooting happened on Sunday"): its day is the told event's
    settled: bool = False  # a toll over an area kept as its own incident beside the finer places it holds
    fell_back: bool = False  # told in a sentence with no place of its own, placed by the story (CODEBOOK 3)


def story_kind(category: str) -> str:
    """Strikes, battles and attacks on civilians tell one story of violence; other categories each their own."""
    return "violence" if category in _VIOLENT else category


def _same_place(a: Candidate, b: Candidate) -> bool:
    la, lb = a.located, b.located
    d = distance_km(la.lon, la.lat, lb.lon, lb.lat)
    if a.place.id == b.place.id:
        return d <= max(la.radius_km, lb.radius_km, 2.0)
    ra, rb = KIND_RANK.get(a.place.kind, 3), KIND_RANK.get(b.place.kind, 3)
    if ra == rb:
        return False  # two towns are two places
    coarse = la if ra < rb else lb
    return d <= max(coarse.radius_km, 2.0)


def _rescue_within(ev: Event, new: Event) -> bool:
    """A rescue at the place and on the day of the disaster or attack it follows is part of it
    (CODEBOOK 6: "the rescue under the rubble that follows on the same day"); on another day or
    elsewhere it is its own incident."""
    rescue, cause = (new, ev) if new.noun == "Rescue" else (ev, new)
    # at a town, a county or a site, not over a region: a country's rescue total is its own incident
    return rescue.noun == "Rescue" and cause.noun != "Rescue" and \
        (cause.category == "disaster" or story_kind(cause.category) == "violence") and \
        min(KIND_RANK.get(ev.cand.place.kind, 0), KIND_RANK.get(new.cand.place.kind, 0)) >= 3 and \
        cause.dates.start <= rescue.dates.best <= cause.dates.end


#: Title nouns of political events that gather no crowd for the police to disperse or detain.
_NO_CROWD = frozenset({"Talks", "Meeting", "Visit", "Declaration", "Mourning", "Vote", "Election", "Resignation",
                       "Exchange", "Ceasefire", "Truce", "Conference", "Summit", "Expulsion"})


def _policing_of_protest(ev: Event, new: Event) -> bool:
    """Police dispersing or detaining at a protest, at its place and on its day, are part of it (CODEBOOK 2:
    "a protest and the police action against it ... are one incident")."""
    police, protest = (new, ev) if new.policing else (ev, new)
    # nationwide arrests are not the police action at one town's protest; a visit or a meeting is no protest
    return police.policing and protest.category == "political" and not protest.policing and \
        protest.noun not in _NO_CROWD and \
        KIND_RANK.get(police.cand.place.kind, 0) >= KIND_RANK.get(protest.cand.place.kind, 0) and \
        protest.dates.start <= police.dates.best <= protest.dates.end


def _same_act(ev: Event, new: Event) -> bool:
    """Two political acts of one kind ("declared national mourning" does not continue a visit)."""
    return ev.category != "political" or new.category != "political" or \
        political_act(ev.noun) == political_act(new.noun)


def political_act(noun: str) -> str:
    """The kind of a political act: "crowd" for a protest, a rally, a riot or a march (one crowd's at one
    place on one day), else its kind in :data:`_ACTS` or its title noun."""
    return _ACTS.get(noun, noun) if noun in _NO_CROWD else "crowd"


#: Title nouns of acts of one kind: closing or halting things, police taking people (restrictions); a
#: visit, the meeting it holds and the talks there, a truce and a ceasefire (political acts).
_ACTS = {**dict.fromkeys(("Closure", "Suspension", "Cancellations", "Grounding", "Blockade", "Lockdown",
                          "Restrictions"), "closure"),
         **dict.fromkeys(("Arrest", "Arrests", "Detentions", "Raid", "Dispersal", "Seizure"), "policing"),
         **dict.fromkeys(("Talks", "Meeting", "Visit", "Conference", "Summit"), "meeting"),
         **dict.fromkeys(("Ceasefire", "Truce"), "ceasefire")}


def _same_event(ev: Event, new: Event) -> bool:
    if _rescue_within(ev, new) or _policing_of_protest(ev, new):
        return _same_place(ev.cand, new.cand)
    if story_kind(ev.category) != story_kind(new.category):
        return False
    if ev.category == new.category == "political" and ev.names and new.names and not ev.names & new.names \
            and not set(ev.spans) & set(new.spans):
        # two visits by different people are two events ("the leaders of Poland", "Klitschko"); in one
        # sentence the names are the parties of one act ("the ministers ... met for talks mediated by Angola")
        return False
    if not _same_act(ev, new):
        return False  # a vote in parliament and the protest outside it are two acts ("Vote", a crowd)
    if ev.category == new.category == "restriction" and _ACTS.get(ev.noun, ev.noun) != _ACTS.get(new.noun, new.noun) \
            and not set(ev.spans) & set(new.spans):
        return False  # a curfew, and an internet shutdown told apart, are two restrictions (one decree's are one)
    if ev.category != new.category and not (ev.explicit_date and new.explicit_date
                                            and ev.dates.best == new.dates.best):
        return False  # a strike and fighting are one event only when told for one day
    if not _same_place(ev.cand, new.cand):
        return False
    if new.explicit_date and ev.explicit_date:
        return new.dates.best == ev.dates.best or _own_day_of_stated(ev, new) or _own_day_of_stated(new, ev)
    if new.explicit_date or ev.explicit_date:
        # a stated day outside the other's implied range is another day ("the night before")
        stated, implied = (new, ev) if new.explicit_date else (ev, new)
        if stated.again and implied.undated is not None and \
                timedelta(0) <= implied.dates.best - stated.dates.best <= _ONSET_SPAN:
            return True  # "A man was shot dead in Kisumu. The shooting happened on Sunday": that day
        return implied.dates.start <= stated.dates.best <= implied.dates.end
    return new.dates.start <= ev.dates.end and ev.dates.start <= new.dates.end


def _own_day_of_stated(stated: Event, own: Event) -> bool:
    """ "The government said on Monday that 61 people had died in a crush ... The disaster happened on Sunday":
    the day of a statement about an event, then the event's own day, at most a week before it."""
    return stated.stated and not own.stated and not _coarser_toll(stated, own) and \
        timedelta(0) <= stated.dates.best - own.dates.best <= _ONSET_SPAN


def better_place(old: Candidate, new: Candidate) -> bool:
    """True when ``new`` says more precisely where the event of ``old`` was (and agrees with it): a finer
    place, or a part of the same one ("in the west of the capital" after "Kyiv")."""
    whole = (old.located.lon, old.located.lat) == (old.place.lon, old.place.lat)
    if old.place.id == new.place.id and whole and new.located.radius_km < old.located.radius_km:
        return True
    if new.located.geo_precision > old.located.geo_precision:
        return False
    d = distance_km(old.located.lon, old.located.lat, new.located.lon, new.located.lat)
    if d > max(old.located.radius_km, 5.0) + new.located.radius_km:
        return False
    return (new.located.geo_precision < old.located.geo_precision
            or KIND_RANK.get(new.place.kind, 3) > KIND_RANK.get(old.place.kind, 3))


#: How an event with no place of its own is placed: the story's town, region or country, or the capital.
FALLBACK_VIAS = frozenset({"focus", "country", "capital"})


def _merge(ev: Event, new: Event) -> None:
    ev.fell_back = ev.fell_back or new.fell_back
    ev.spans.extend(s for s in new.spans if s not in ev.spans)
    ev.counts = merge_counts(ev.counts, new.counts)
    if better_place(ev.cand, new.cand):
        ev.cand = new.cand
    if new.explicit_date and (not ev.explicit_date or (ev.stated and not new.stated)):
        # a day of its own, or the event's own day after a statement's ("said on Monday that ... died")
        ev.dates, ev.explicit_date, ev.stated = new.dates, True, False
    elif not ev.explicit_date and not new.explicit_date and new.dates.best < ev.dates.best:
        ev.dates = new.dates  # told undated twice (a live blog's entries): it happened by the earlier day
    ev.target = ev.target or new.target
    ev.names = ev.names | new.names
    ev.damage = ev.damage and new.damage
    ev.undated = max(ev.undated, new.undated) if ev.undated and new.undated else None
    if (ev.noun == "Rescue" and new.noun != "Rescue") or (ev.policing and not new.policing):
        # the rescue or the policing joins the event it is part of
        ev.category, ev.noun, ev.target, ev.policing = new.category, new.noun, new.target or ev.target, False


def add_event(events: list, new: Event, *, carried: bool) -> None:
    """Add ``new`` to ``events``, merging it into the event it tells again.

    An event placed only by the story's focus, without a date of its own,
    continues the last event of its kind.
    """
    new.fell_back = new.fell_back or carried or new.cand.via in FALLBACK_VIAS
    if new.stated:  # "the army said on Monday that the assault had been repelled": Sunday's assault
        for ev in reversed(events):
            # at the told event's place or a finer one in it: "had crossed into the province of Teruel" is news
            if story_kind(ev.category) == story_kind(new.category) and _same_place(ev.cand, new.cand) \
                    and KIND_RANK.get(new.cand.place.kind, 0) >= KIND_RANK.get(ev.cand.place.kind, 0) \
                    and timedelta(0) <= new.dates.best - ev.dates.best <= _ONSET_SPAN:
                new.dates, new.explicit_date = ev.dates, ev.explicit_date
                _merge(ev, new)
                return
    if carried and not new.explicit_date:
        for ev in reversed(events[-3:]):
            if story_kind(ev.category) == story_kind(new.category) and _same_act(ev, new):
                _merge(ev, new)
                return
    for ev in reversed(events):
        if ev.area_total or not _same_event(ev, new):
            continue
        if _coarser_toll(new, ev):
            new.area_total = True  # settled once the whole report is read
            break
        _merge(ev, new)
        return
    events.append(new)


def _coarser_toll(total: Event, ev: Event) -> bool:
    """A toll over an area coarser than a town that holds ``ev``'s place."""
    rank = KIND_RANK.get(total.cand.place.kind, 4)
    return bool(total.counts) and rank < 4 and KIND_RANK.get(ev.cand.place.kind, 0) > rank


def settle_area_totals(events: list) -> list:
    """A toll over a region or country is its own incident there when the report places the event at
    two or more finer places in it (CODEBOOK section 3); at one, it is that place's count. Decided after
    the whole report is read: a live blog may tell the toll before the towns."""
    out = [ev for ev in events if not ev.area_total]
    for total in (ev for ev in events if ev.area_total):
        # places inside the area by what they are filed under, not by distance from its point (a country's
        # point and radius say little of its outline: Derna and Bayda are both Libya's)
        finer = [ev for ev in out if story_kind(ev.category) == story_kind(total.category)
                 and _coarser_toll(total, ev) and (contains(total.cand.place, ev.cand.place)
                                                  or _same_place(total.cand, ev.cand))]
        places = {ev.cand.place.id for ev in finer}
        if len(places) == 1 and _same_event(finer[-1], total):
            _merge(finer[-1], total)
        else:
            total.area_total, total.settled = False, True
            out.append(total)
    return out


def date_tolls_by_onset(events: list) -> list:
    """A place's toll of a disaster, told without a date of its own, takes the disaster's date (CODEBOOK 4:
    "a place hit by a dated storm, quake or wave of attacks, told without its own date, takes that
    event's date"), however late in the report the disaster is dated: the wire lede dated by the day's
    search ("rescuers dug on Tuesday after floods killed 50") and the live blog read newest first. The
    disaster that hit the place is the nearest one told by what hit, within a week before the news of
    the toll: a storm that crossed six states hit each on its own day."""
    onsets = [ev for ev in events if ev.category == "disaster" and not ev.damage]
    out: list = []
    for ev in events:
        if ev.category == "disaster" and ev.damage and ev.undated is not None and not ev.explicit_date:
            near = [o for o in onsets if ev.undated - _ONSET_SPAN <= o.dates.best <= ev.undated]
            if near:
                here = ev.cand.located
                onset = min(near, key=lambda o: (distance_km(here.lon, here.lat, o.cand.located.lon,
                                                             o.cand.located.lat), -o.dates.best.toordinal()))
                if onset.dates.best != ev.dates.best:
                    ev.dates = DateRange.day(onset.dates.best)
                    add_event(out, ev, carried=False)  # now of one day with the disaster told there
                    continue
        out.append(ev)
    return out
