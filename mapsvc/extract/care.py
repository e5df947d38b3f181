"""People taken to a hospital: the transfer of the hurt, an act of its own when the hospital is a particular one.

CODEBOOK 2 counts people moved or helped as ``humanitarian`` and CODEBOOK 6 makes aftermath of a new
kind its own incident: "the three injured were taken to the Royal Berkshire Hospital" moved people to a
place the text names. "Nine were taken to hospital" names no hospital: it only says how badly they were
hurt, a count of the event that hurt them (``counts.py``). People moved out of a place to hospitals
("evacuated 104 injured from Nahrin district to hospitals") are an evacuation, placed where they left.
"The scene" and "the site" named again are where the last event that hurt people happened.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from .arguments import pobjs
from .clauses import is_definite
from .frames import classes_of
from .places import locate

__all__ = ["HURTING", "transfer_site", "names_its_site", "site_mentions", "arrival_of_transfer", "day_of_hurt",
           "scene_of_hurt"]

#: Events that hurt people, whose tolls a bare "three people were killed" continues.
HURTING = frozenset({"strike", "battle", "civilian_harm", "disaster"})

#: Prepositions that place a hospital ("the university hospital in Treichville", "on London Road").
_PLACING = frozenset({"in", "at", "on", "near", "outside"})


def transfer_site(token) -> Optional[object]:
    """The care site ("hospital", "clinic") a verb takes people to, when it says no place they left from.

    >>> from mapsvc.text.nlp import parse
    >>> s = next(parse("The wounded were rushed to Kosevo hospital.").sents)
    >>> transfer_site(next(t for t in s if t.lemma_ == "rush")).lower_
    'hospital'
    """
    # "ferried by cars and vans to Kosevo hospital": the parser may hang the destination on the means
    carriers = [token, *pobjs(token, {"by"}), *(p for c in token.children if c.dep_ == "agent"
                                                for p in c.children if p.dep_ == "pobj")]
    sites = [p for w in carriers for p in pobjs(w, {"to", "into"}) if "care" in classes_of(p.lemma_)]
    if not sites:
        return None
    moved = [token, *(c for c in token.children if c.dep_ == "dobj")]
    if any(c.lower_ in ("from", "out") and c.dep_ in ("prep", "prt", "advmod") for w in moved for c in w.children):
        return None  # "evacuated 104 injured from Nahrin district to hospitals", "flew them out of": evacuations
    return sites[0]


def names_its_site(site) -> bool:
    """The hospital is a particular one: named ("J.J. Hospital", "Kosevo hospital") or placed ("the
    university hospital in Treichville"), not "hospital", "a local hospital" or "hospitals"."""
    if site.tag_ in ("NNS", "NNPS"):
        return False  # "airlifted to hospitals in Surkhet and Nepalgunj": where the hurt went, no one act
    if site.pos_ == "PROPN":
        return True
    if any(c.dep_ in ("compound", "amod", "nmod", "poss") and c.pos_ == "PROPN" for c in site.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in _PLACING and any(p.pos_ == "PROPN" for p in c.subtree)
               for c in site.children)


def site_mentions(site, mentions: list) -> list:
    """The place mentions that say where the hospital is ("in Funchal", "in Parel"), not those inside its
    name ("Royal Berkshire Hospital"): the first is where the hurt arrived."""
    placing = [c for c in site.children if c.dep_ == "prep" and c.lower_ in _PLACING]
    inside = {t.i for c in placing for t in c.subtree}
    return [m for m in mentions if m.root.i in inside and m.toponym.place is not None]


def arrival_of_transfer(token, category: str, mentions: list, sent):
    """The candidate place of the hospital people were taken to ("taken to J.J. Hospital in Parel"), or None."""
    site = transfer_site(token) if category == "humanitarian" else None
    arrived = site_mentions(site, mentions) if site is not None else []
    return locate(arrived[0], sent.text, sent.start, score=5.0) if arrived else None


def day_of_hurt(token, category: str, events: list):
    """The days of the last event told that hurt people, for an undated transfer of the hurt: they are taken
    to hospital on the day they were hurt, not on the day the news is published (CODEBOOK 4 and 6)."""
    if category != "humanitarian" or transfer_site(token) is None:
        return None
    return next((ev.dates for ev in reversed(events) if ev.category in HURTING), None)


#: Words for where the story's event happened, named again: "visited the scene".
_SCENES = frozenset({"scene", "site", "wreck", "wreckage"})


def scene_of_hurt(tokens: list, events: list):
    """ "visited the scene", "at the site": the place (a Candidate, via "anaphor") where the last event of
    ``events`` that hurt people happened, or None when ``tokens`` name no scene."""
    if not any(t.lemma_.lower() in _SCENES and t.pos_ == "NOUN" and is_definite(t) for t in tokens):
        return None
    hit = next((ev for ev in reversed(events) if ev.category in HURTING), None)
    return None if hit is None else replace(hit.cand, via="anaphor")
