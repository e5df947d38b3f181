"""A place name in a parsed sentence, and a place an event may have happened at.

A :class:`Mention` ties a resolved toponym to the tokens of the sentence's
parse it covers; a :class:`Candidate` is a gazetteer place with the point a
spatial expression moved it to and how sure the reader is of it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..geoparse.spatial import Located

__all__ = ["KIND_RANK", "Candidate", "Mention", "mentions_in"]

#: How precise a place kind is (higher is finer); the codebook wants the most precise place.
KIND_RANK = {"continent": 0, "sea": 0, "region": 1, "country": 1, "admin1": 2, "admin2": 3, "city": 4, "town": 4,
             "village": 4, "district": 5, "neighbourhood": 6, "poi": 6}


@dataclass(frozen=True)
class Candidate:
    """A possible event place: the gazetteer place, where exactly, and how sure."""

    place: object  # mapsvc.model.Place
    located: Located
    score: float
    start: int  # absolute offset of the mention in the report text
    via: str = "mention"  # mention | focus | capital | country


@dataclass(frozen=True)
class Mention:
    """A resolved toponym in a parsed sentence: the toponym and the token at the top of its span."""

    toponym: object  # mapsvc.model.Toponym
    root: object  # spacy Token
    token_ids: frozenset


def mentions_in(sent_doc, offset: int, toponyms: list) -> list:
    """The toponyms that fall inside a parsed sentence, each tied to its tokens.

    ``offset`` is where the sentence starts in the report text.
    """
    out = []
    for t in toponyms:
        if t.end <= offset or t.start >= offset + len(sent_doc.text):
            continue
        tokens = [tok for tok in sent_doc if tok.idx + offset < t.end and tok.idx + len(tok) + offset > t.start]
        if not tokens:
            continue
        ids = frozenset(tok.i for tok in tokens)
        root = next((tok for tok in tokens if tok.head.i not in ids or tok.head.i == tok.i), tokens[-1])
        out.append(Mention(t, root, ids))
    return out
