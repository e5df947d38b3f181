"""The frame table: which words head an event, and how its category is decided.

The tables are data (``data/frames.csv``, ``data/nouns.csv``, ``data/counts.csv``).
A frame row names a lemma and its part of speech, a default category and how
the category changes with the event's arguments, in the codebook's order:
by the **means** (a missile, a bomb: ``by_means``), then by the **target**
(soldiers, civilians: ``by_target``), then by the **actor** (gunmen, police:
``by_actor``). ``-`` as a category means "no event" (teachers who strike).
Every row carries a sentence it must match and one it must not; the tests run
them all.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

__all__ = ["Frame", "frames", "noun_classes", "count_keys", "frame_for", "classes_of", "NO_EVENT", "may_tell_event"]

_DATA = Path(__file__).resolve().parent / "data"
NO_EVENT = "-"


@dataclass(frozen=True)
class Frame:
    """One row of the frame table."""

    lemma: str
    pos: str  # VERB or NOUN
    category: str  # default; "" = only when an argument decides; "-" = never an event
    by_means: Mapping[str, str]
    by_target: Mapping[str, str]
    by_actor: Mapping[str, str]
    flags: frozenset  # movement (placed where people leave), casualty, weapon, light (its object tells the act),
    # sides (clashes whose sides the text leaves unnamed); docs/extraction.md lists them all
    title: str
    match: str = ""
    match_category: str = ""
    no_match: str = ""
    titles: Mapping[str, str] = field(default_factory=dict)  # the title for a category an argument gave

    def title_for(self, category: str) -> str:
        """The title noun of the event the row reads as ``category`` ("Evacuation flights", or "Visit" when a
        leader flies somewhere)."""
        return self.titles.get(category, self.title)


def _mapping(text: str) -> dict:
    out = {}
    for pair in filter(None, (p.strip() for p in text.split(";"))):
        key, _, value = pair.partition("=")
        out[key.strip()] = value.strip()
    return out


@functools.lru_cache(maxsize=1)
def frames() -> dict:
    """``{(lemma, pos): Frame}`` from ``data/frames.csv``.

    >>> frames()[("strike", "NOUN")].category
    'strike'
    """
    table = {}
    with open(_DATA / "frames.csv", encoding="utf-8", newline="") as fp:
        for row in csv.DictReader(fp):
            frame = Frame(row["lemma"], row["pos"], row["category"], _mapping(row["by_means"]),
                          _mapping(row["by_target"]), _mapping(row["by_actor"]),
                          frozenset(filter(None, row["flags"].split(";"))),
                          next((p for p in row["title"].split(";") if "=" not in p), ""),
                          row["match"], row["match_category"], row["no_match"],
                          {k: v for k, v in _mapping(row["title"]).items() if v})
            table[(frame.lemma, frame.pos)] = frame
    return table


@functools.lru_cache(maxsize=1)
def noun_classes() -> dict:
    """``{lemma: frozenset(classes)}`` from ``data/nouns.csv``.

    >>> sorted(noun_classes()["missile"])
    ['weapon']
    """
    out: dict = {}
    with open(_DATA / "nouns.csv", encoding="utf-8", newline="") as fp:
        for row in csv.DictReader(fp):
            for lemma in filter(None, (w.strip() for w in row["lemmas"].split(";"))):
                out.setdefault(lemma, set()).add(row["class"])
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def count_keys() -> dict:
    """``{(lemma, pos): count key}`` from ``data/counts.csv``.

    >>> count_keys()[("kill", "VERB")]
    'killed'
    """
    with open(_DATA / "counts.csv", encoding="utf-8", newline="") as fp:
        return {(row["lemma"], row["pos"]): row["key"] for row in csv.DictReader(fp)}


@functools.lru_cache(maxsize=1)
def verb_lemmas() -> frozenset:
    """The first words of the verb rows ("cordon" of "cordon off")."""
    return frozenset(lemma.split()[0] for lemma, pos in frames() if pos == "VERB")


def frame_for(lemma: str, pos: str) -> Optional[Frame]:
    """The frame of a lemma used as ``pos`` (PROPN never heads an event)."""
    if pos not in ("VERB", "NOUN", "ADJ"):
        return None
    return frames().get((lemma.lower(), pos))


def classes_of(lemma: str) -> frozenset:
    """The noun classes of a lemma (empty when unknown); a plural the tagger left unlemmatised, taking a
    capitalised first word for a name ("Wildfires killed 112 people"), is read as its singular.

    >>> sorted(classes_of("Wildfires")), sorted(classes_of("bushes")), sorted(classes_of("Gunmen"))
    (['disaster'], [], ['armed'])
    """
    table, key = noun_classes(), lemma.lower()
    found = table.get(key)
    for plural, singular in _PLURAL_ENDINGS if found is None else ():
        if key.endswith(plural):
            found = table.get(key[:len(key) - len(plural)] + singular)
            if found is not None:
                break
    return found or frozenset()


#: English plural endings and their singulars, most specific first ("Gunmen" after a dateline is tagged a
#: name and keeps its plural; "casualties", "knives").
_PLURAL_ENDINGS = (("men", "man"), ("ies", "y"), ("ves", "fe"), ("ves", "f"), ("es", ""), ("s", ""))


def argument_category(frame: Frame, *, means: frozenset, target: frozenset, actor: frozenset) -> Optional[str]:
    """The category a means, target or actor class of the frame's tables gives, in the codebook's order, or
    None when none of them decides (the frame's own default then holds: "an attack" told without its means).

    >>> f = frames()[("attack", "NOUN")]
    >>> argument_category(f, means=frozenset(), target=frozenset({"security"}), actor=frozenset({"armed"}))
    'battle'
    >>> argument_category(f, means=frozenset({"weapon"}), target=frozenset({"civilian"}), actor=frozenset())
    'strike'
    >>> argument_category(f, means=frozenset(), target=frozenset(), actor=frozenset()) is None
    True
    """
    # an unarmed crowd is its own means (CODEBOOK 2: stones, fireworks and arson from a crowd are a protest)
    means = means | (actor & _CROWD)
    for table, classes in ((frame.by_means, means), (frame.by_target, target), (frame.by_actor, actor)):
        for name in sorted(classes):
            if name in table:
                return table[name]
    return None


#: Actor classes that are also the means of what they do.
_CROWD = frozenset({"mob"})


#: Past forms that do not start with their lemma ("struck" for "strike"); a gate, not a lemmatizer.
_IRREGULAR = frozenset({"struck", "fled", "fought", "shot", "took", "taken", "blew", "blown", "sank", "sunk",
                        "broke", "broken", "went", "gone", "flew", "flown", "met", "held", "tore", "torn",
                        "swept", "overran", "withdrew", "withdrawn", "slew", "slain", "bled", "fell",
                        "fallen", "drove", "driven", "burnt", "rang", "wounded", "dead", "died", "lives",
                        "sent", "left", "rose", "risen", "came", "overrun", "brought", "stole", "stolen"})


_ENDINGS = frozenset({"", "e", "s", "es", "ed", "d", "ing", "ings", "er", "ers"})


@functools.lru_cache(maxsize=1)
def _stems() -> dict:
    """``{first letters: stems}`` of every frame and count lemma ("strike" -> "strik", "rally" -> "ralli")."""
    lemmas = {f.lemma.split()[0] for f in frames().values()} | {lemma for lemma, _pos in count_keys()}
    stems = set()
    for w in lemmas:
        stems.add(w[:-1] if w.endswith("e") else w)
        if w.endswith("y"):
            stems.update({w, w[:-1] + "i"})
    index: dict = {}
    for stem in stems:
        index.setdefault(stem[:2], []).append(stem)
    return index


def _inflects(word: str, stem: str) -> bool:
    rest = word[len(stem):]
    if rest[:1] == stem[-1:] and rest[1:] in ("ed", "ing", "ings", "er", "ers"):
        rest = rest[1:]  # "shelled", "banning"
    return rest in _ENDINGS


def may_tell_event(text: str) -> bool:
    """Whether a sentence holds a word that could head an event or a toll (a frame or count lemma
    with an inflectional ending, or a listed irregular form): sentences without one need no parse.

    >>> may_tell_event("Missiles struck the city."), may_tell_event("The weather was mild in Bangalore.")
    (True, False)
    >>> may_tell_event("Police shelled and banned nothing; rallies followed.")
    True
    """
    stems = _stems()
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in _IRREGULAR or any(w.startswith(st) and _inflects(w, st) for st in stems.get(w[:2], ())):
            return True
    return False
