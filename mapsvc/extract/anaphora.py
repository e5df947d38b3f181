"""Anaphora: the place an anaphor ("the city", "the island", "the capital", "nationwide") points back to, and
the buildings or sites an event happened at, which a later "the market" names again; places a text points to
without naming them ("the Texas city", "the Tierra Blanca neighborhood")."""
from __future__ import annotations

from typing import Optional

from .clauses import is_definite
from .frames import classes_of
from ..text.names import KIND_WORDS

__all__ = ["ANAPHOR_KINDS", "anaphor_kinds", "antecedent", "names_unknown_town_part", "points_back_with_area",
           "sites_of"]


#: "the city", "the region": the kinds of place an anaphor noun points back to.
ANAPHOR_KINDS = {
    "city": ("city", "town"), "town": ("town", "city", "village"), "village": ("village", "town"),
    "settlement": ("village", "town"), "region": ("admin1", "admin2"), "province": ("admin1",),
    "oblast": ("admin1",), "state": ("admin1",), "county": ("admin2",), "district": ("district", "admin2"),
    "country": ("country",), "port": ("city", "town"), "airfield": ("poi",), "airport": ("airport",),
    "terminal": ("airport",), "island": ("island", "admin2", "admin1", "region", "city", "town"),
}


#: The places people live in: what "its people", "its residents" point back to.
_DWELT_IN = ("village", "town", "city", "district", "neighbourhood", "island", "admin2", "admin1", "region", "poi",
             "country")


def anaphor_kinds(tokens) -> tuple:
    """(kinds, word): the place kinds an anaphor among ``tokens`` points to ("the eastern city": city or
    town) and the anaphor's token, or (None, None). "the capital" is ``("capital",)``.
    """
    for tok in tokens:
        lemma = tok.lemma_.lower()
        if tok.lower_ in ("nationwide", "countrywide"):
            return ANAPHOR_KINDS["country"], tok
        if tok.pos_ == "NOUN" and "civilian" in classes_of(lemma) and \
                any(c.dep_ == "poss" and c.lower_ == "its" for c in tok.children):
            return _DWELT_IN, tok  # "moving 11,000 of its people": the people of the place just named
        if lemma not in ANAPHOR_KINDS and lemma != "capital" or tok.pos_ != "NOUN":
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue  # "the city of Kharkiv" names its place
        if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
            continue  # "the Korabelnyi district": a name, though the gazetteer may lack it
        if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
            continue  # "Antsiranana, the main town in the far north": what the named place is
        if is_definite(tok) or any(c.dep_ == "poss" and c.lower_ == "its" for c in tok.children):
            return (("capital",) if lemma == "capital" else ANAPHOR_KINDS[lemma]), tok
    return None, None


def _of_kind(place, kinds: tuple) -> bool:
    """The place is of one of ``kinds``; "airport" is a place the airport list gave ("the terminal" is no
    volcano)."""
    return place.kind in kinds or ("airport" in kinds and place.id.startswith("iata:"))


def antecedent(kinds: tuple, earlier: list, country: str = "", skip=frozenset(), sentence_start: int = -1,
               own_sentence: int = -1, subjects=frozenset()) -> Optional[object]:
    """The latest of the ``earlier`` mentions (latest first) of one of ``kinds``, in the report's
    country when one is given ("the island" of a Greek story is not the tourist's Leeds) unless it is
    named after ``sentence_start``, in the anaphor's own sentence or the one before it ("in Krnov, ...
    70 per cent of the town"); mentions starting at ``skip`` (landmarks of an offset: "800km west of
    Khartoum", names) are passed over. An anaphor whose own sentence (from ``own_sentence``) names no
    such place points back to the paragraph's subject ("Avdiivka lies ... since they took Bakhmut ... was
    rushed into the town": Avdiivka), a place at ``subjects``, before a place named in passing."""
    if subjects and not any(_of_kind(t.place, kinds) for t in earlier if t.start >= own_sentence >= 0):
        topic = next((t for t in earlier if t.start in subjects and _of_kind(t.place, kinds) and t.start not in skip
                      and (not country or t.place.country == country)), None)
        if topic is not None:
            return topic
    fallback = None
    for t in earlier:
        if _of_kind(t.place, kinds) and t.start not in skip:
            if not country or t.place.country == country or t.start >= sentence_start >= 0:
                return t
            fallback = fallback or t
    return fallback


#: Prepositions of where an event happened.
_AT = frozenset({"at", "in", "on", "inside", "near", "outside"})


def sites_of(head) -> list:
    """The buildings or sites an event happened at: its object ("attacked a market", "visited the market")
    or where it was ("at a crowded cattle market")."""
    out = []
    for tok in head.children:
        if tok.dep_ in ("dobj", "nsubjpass"):
            out.append(tok)
        elif tok.dep_ == "prep" and tok.lower_ in _AT:
            out.extend(p for p in tok.children if p.dep_ == "pobj")
    return [t for t in out if t.pos_ == "NOUN" and "venue" in classes_of(t.lemma_)]


#: Kind nouns of settlements, and the kinds of area a settlement lies in.
_SETTLEMENTS = frozenset({"city", "town", "village"})
_AREAS = frozenset({"continent", "region", "country", "admin1", "admin2"})


def points_back_with_area(root, kind_of_name: str) -> bool:
    """ "in the Texas city", "in this small South Texas city": a town told before, pointed back to with the
    area it lies in; the area names no place of the event (the anaphor does). The kind noun asks for a finer
    place than the name is (``kind_of_name``, the kind of the place the name was found to be, and ``root``,
    the mention's root: the kind noun), and "the" or "this" marks it as known."""
    kind = KIND_WORDS.get(root.lower_)
    return root.pos_ == "NOUN" and kind in _SETTLEMENTS and kind_of_name in _AREAS and is_definite(root)


def names_unknown_town_part(sent) -> bool:
    """The sentence names a part of a town by a name no toponym holds ("the Tierra Blanca neighborhood")."""
    return any("citypart" in classes_of(t.lemma_) and
               any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children) for t in sent)
