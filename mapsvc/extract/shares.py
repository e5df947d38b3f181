"""One event at several places (CODEBOOK 3: one incident per listed place): the places listed with the
chosen one ("strikes hit Lviv, Dnipro and Kharkiv", ``lists``), and a toll shared out among places ("157
killed: 105 in Jajarkot and 52 in Rukum West", "with 105 dead in Jajarkot and 52 in Rukum West"), each
place with its own share and the total its own incident over the area that holds them (a total beside
precisely placed parts)."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from ..geoparse.spatial import apply_relation
from ..text.sentences import parse_number
from .lists import gapped_number, listed_places
from .merge import Event, add_event
from .places import KIND_RANK, Candidate, locate

__all__ = ["add_at_each_place", "shared_toll"]


def add_at_each_place(events: list, event: Event, chosen: Candidate, head, mentions: list, sent,
                      at_airport=None) -> None:
    """Add ``event`` to ``events`` at each of its places: a toll shared out among places, else the chosen
    place and each place listed with it (``at_airport``: a flight's place from a town, when it is one);
    a gapped clause's own number counts ("four killed in Padang Pariaman and two in Padang Panjang")."""
    shared = shared_toll(event, mentions, sent)
    for ev in shared or [event]:
        add_event(events, ev, carried=False)
    if shared:
        return
    for other in listed_places(chosen, mentions, sent.text, sent.start, head=head):
        other = at_airport(other) if at_airport is not None else other
        number = gapped_number(other, mentions) if len(event.counts) == 1 else None
        add_event(events, Event(event.category, other, event.dates, event.explicit_date,
                                {} if number is None else {key: number for key in event.counts},
                                list(event.spans), event.noun), carried=False)


#: The prepositions that place a share ("105 in Jajarkot").
_SHARE_PREPS = frozenset({"in", "at", "near", "across", "over"})


def _share_number(holder) -> Optional[int]:
    """The number a share is counted by: the word itself ("105 in Jajarkot") or its numeral ("105 dead in")."""
    word = holder if holder.like_num else next((c for c in holder.children if c.dep_ == "nummod" and c.like_num),
                                               None)
    return None if word is None else parse_number(word.text)


def _shares(mentions: list) -> list:
    """(mention, number) of each place a number coordinated with another is placed in by its own
    preposition; [] unless there are two or more."""
    out = []
    for m in mentions:
        root = m.root
        if root.dep_ != "pobj" or root.head.lower_ not in _SHARE_PREPS or KIND_RANK.get(m.toponym.place.kind, 0) < 2:
            continue
        holder = root.head.head
        number = _share_number(holder)
        coordinated = holder.dep_ in ("appos", "conj") or any(c.dep_ in ("appos", "conj") for c in holder.children)
        if number is not None and coordinated:
            out.append((m, number))
    return out if len(out) >= 2 and len({m.toponym.place.id for m, _ in out}) == len(out) else []


def _share_key(counts: dict, total: int) -> Optional[str]:
    """The count the shares divide: the one they add up to, else the dead, else the only one."""
    return next((k for k, v in counts.items() if v == total), None) or \
        ("killed" if "killed" in counts else next(iter(counts), None) if len(counts) == 1 else None)


def shared_toll(event: Event, mentions: list, sent) -> list:
    """The events a toll shared out among places makes, the places' first and the total's last; [] when
    the event's sentence shares out no toll of it. The total is an incident only where the sentence names
    the area it covers ("across Libya"): placed at the report's country instead it cost more than it gave
    (a total that only adds up its places, "5,000 evacuated ..., including 3,300 in Hualien")."""
    shares = _shares(mentions)
    if not shares:
        return []
    # a number the codebook does not count ("destroyed 41 drones: 18 over the Belgorod region, 14 over ...")
    # still places the event at each place it is shared out among
    key = _share_key(event.counts, sum(n for _, n in shares))
    parts = [replace(event, cand=locate(m, sent.text, sent.start, score=event.cand.score),
                     counts={key: n} if key else {}, spans=list(event.spans)) for m, n in shares]
    finest = max(KIND_RANK.get(m.toponym.place.kind, 0) for m, _ in shares)
    coarser = [m for m in mentions if KIND_RANK.get(m.toponym.place.kind, 9) < finest
               and all(m is not s for s, _ in shares)]
    if not coarser:
        return parts
    place = coarser[0].toponym.place
    area = Candidate(place, apply_relation(place, None), event.cand.score, coarser[0].toponym.start)
    return [*parts, replace(event, cand=area, spans=list(event.spans))]
