"""US state abbreviations after a comma, read as the state ("Morgan County, Ala."), or as the capital ("D.C.")."""
from __future__ import annotations

import re

from ..text.names import normalise_name
from .lexicon import US_STATE_ABBREVIATIONS

__all__ = ["state_abbreviations"]


_ABBREVIATION = re.compile(r",\s*(" + "|".join(
    re.escape(a).replace(r"\.", r"\.\s?") for a in sorted(US_STATE_ABBREVIATIONS, key=len, reverse=True)
    if "." in a) + r")(?!\w)")


def state_abbreviations(text: str) -> list:
    """(start, end, text, match key, kind) of the US state abbreviations after a comma ("Morgan County, Ala.",
    "Charleston, W. Va.")."""
    out = []
    if "." not in text:
        return out
    for m in _ABBREVIATION.finditer(text):
        abbr = m.group(1).replace(" ", "")
        name = US_STATE_ABBREVIATIONS.get(abbr)
        if name and "," not in name:
            out.append((m.start(1), m.end(1), m.group(1), normalise_name(name), "admin1"))
        elif name:  # "Washington, D.C.": the capital itself
            out.append((m.start(1), m.end(1), m.group(1), normalise_name(name.split(",")[0]), "city"))
    return out
