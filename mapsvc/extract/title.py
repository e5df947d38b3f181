"""Short titles and display names for incidents.

A title says what happened, where: the frame's title noun ("Missile strike",
"Evacuation", "Curfew"), what was hit when the clause names it as the head's
object ("on apartment block"), the place as the report writes it, and the
main counts. Plain text, at most :data:`MAX_TITLE` characters.
"""
from __future__ import annotations

import re

from .frames import classes_of

__all__ = ["MAX_TITLE", "event_title", "target_phrase", "title_noun", "display_name"]

MAX_TITLE = 90
#: Title nouns whose place is what was taken, visited or left.
_PLACE_PREP = {"Capture": "of", "Visit": "to", "Evacuation": "from", "Flight": "from", "Relocation": "from"}
_TARGET_CLASSES = frozenset({"civilian", "security"})


def target_phrase(head) -> str:
    """The object of an event head when it is a building or people ("apartment block", "police post")."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                for p in c.children if p.dep_ == "pobj"]
    for obj in objects:
        if obj.ent_type_ in ("GPE", "LOC") or obj.pos_ == "PROPN" or not classes_of(obj.lemma_) & _TARGET_CLASSES:
            continue
        words = [c for c in obj.children if c.dep_ in ("compound", "amod", "nummod") and c.i < obj.i] + [obj]
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    return ""


def _count_phrase(counts: dict) -> str:
    return ", ".join(f"{v:,} {k}" for k, v in list(counts.items())[:2])


def event_title(noun: str, *, target: str, place_name: str, near: bool, counts: dict) -> str:
    """Title of an event: "Missile strike on apartment block in Kyiv (3 killed)".

    >>> event_title("Evacuation", target="", place_name="Mariupol", near=False, counts={"evacuated": 20000})
    'Evacuation from Mariupol (20,000 evacuated)'
    """
    prep = "near" if near else _PLACE_PREP.get(noun, "in")
    where = f"{prep} {place_name}" if place_name else ""
    extra = f"({_count_phrase(counts)})" if counts else ""
    for parts in ([noun, f"on {target}" if target else "", where, extra], [noun, where, extra], [noun, where]):
        title = " ".join(p for p in parts if p)
        if len(title) <= MAX_TITLE:
            return title
    return title[:MAX_TITLE - 3].rstrip() + "..."


def display_name(place, start: int, mentions: list) -> str:
    """The place's name as the report writes it: the mention at ``start`` or the nearest one before.

    Falls back to the gazetteer name when no mention resolved to ``place``
    (a leading "the" and a possessive are dropped, kind words such as "region" are kept).
    """
    same = [t for t in mentions if t.place is not None and t.place.id == place.id]
    for t in sorted(same, key=lambda t: (t.start > start, abs(t.start - start))):
        name = re.sub(r"(?:'s|’s)$", "", re.sub(r"^the\s+", "", " ".join(t.text.split()), flags=re.I))
        if name and not (name.isupper() and len(name) > 4):
            return name
    return place.name


def title_noun(head, category: str, events: list) -> str:
    """The frame's title noun, unless the means made a disaster of a verb of attack ("a storm hit
    Galway", "a second hit near Elbistan"): then the storm, or the last disaster told in ``events``."""
    if category != "disaster" or head.frame.category == "disaster":
        return head.frame.title_for(category)
    means = [w for t in head.token.children if t.dep_ in ("nsubj", "nsubjpass")
             for w in (t, *(c for c in t.children if c.dep_ == "compound")) if "disaster" in classes_of(w.lemma_)]
    if means:
        return means[0].lemma_.capitalize()
    told = next((ev.noun for ev in reversed(events) if ev.category == "disaster"), "")
    return told or "Disaster"
