"""Streets and sites inside a town: a name the gazetteer has no sense of there ("Kharkiv Street in
Dnipro", "Union Station" in a Kansas City story) is placed at the town the text names with it."""
from __future__ import annotations

import re

from ..model import PLACE_KINDS, Toponym

__all__ = ["resolve_streets", "LOCAL_KINDS"]

#: The kinds of place a street or site lies in: settlements.
LOCAL_KINDS = tuple(name for name, kind in PLACE_KINDS.items() if kind.settlement)


def resolve_streets(text: str, streets: list, toponyms: list) -> list:
    """A street takes the place of the town named right after it ("Kharkiv Street in Dnipro"),
    else of the last town named before it in the same paragraph; else it is left out."""
    out = []
    for m in streets:
        place = None
        for t in toponyms:
            if t.place is not None and 0 <= t.start - m.end <= 40 and t.kind in LOCAL_KINDS and \
                    re.fullmatch(r",?\s+(?:in|of)\s+(?:the\s+)?(?:\w+\s+)?", text[m.end:t.start]):
                place = t.place
                break
        if place is None:
            before = [t for t in toponyms if t.end <= m.start and t.place is not None and t.kind in LOCAL_KINDS
                      and "\n\n" not in text[t.end:m.start] and m.start - t.end < 600]
            place = before[-1].place if before else None
        if place is not None:
            out.append(Toponym(m.start, m.end, m.text, place, "poi", 0.5))
    return out
