"""Events the text places only at a whole country it names (or a continent, or a region of the world).

A dot in the middle of a country says where nothing happened. An event whose
only place is a country the sentence names ("in Ecuador", "Niger began
mourning") stays an incident there when the country is its reach (a nationwide
curfew, schools closed across the country, a country's toll beside the towns
it is made of: CODEBOOK 3), when a part of the country is meant ("central
Greece", "north-western Syria") or the sea off its coast. A political act
placed at a country is a national act, and a national act is the capital's
(CODEBOOK 3). Any other event told only at a country it names is a summary,
background or an event whose own place the reader did not find, and is left
out (docs/extraction.md, "Events at a whole country"). An event told in a
sentence with no place of its own (a village the gazetteer lacks) keeps the
country it falls back to: CODEBOOK 3's last resort, "else its country"; a
political act that falls back to a country is a national act too, and goes to
its capital.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Optional

from ..geoparse.spatial import apply_relation

__all__ = ["settle_country_events", "tells_country_reach"]

#: Words that make a country an event's reach: "nationwide", "across the country", "throughout the nation".
_REACH = re.compile(r"\b(?:nation-?wide|country-?wide|(?:across|throughout|all over)\s+the\s+(?:country|nation))\b",
                    re.I)


def tells_country_reach(text: str, country_name: str) -> bool:
    """The sentence says the event covers the whole country ("a nationwide curfew", "schools across Taiwan").

    >>> tells_country_reach("Schools were closed across Taiwan on Monday.", "Taiwan")
    True
    >>> tells_country_reach("A bomb exploded in Taiwan on Monday.", "Taiwan")
    False
    """
    if _REACH.search(text):
        return True
    name = re.escape(country_name)
    return bool(re.search(rf"\b(?:across|throughout|all over)\s+(?:the\s+)?{name}\b", text, re.I))


#: "off Sri Lanka", "off the coast of Yemen": the sea beside a country, whose nearest named area it is.
_OFF_COAST = re.compile(r"\boff\s+(?:the\s+(?:[a-z-]+\s+)?coast\s+of\s+)?$", re.I)


def _names_a_part(cand, text: str) -> bool:
    """ "in central Greece", "north-western Syria": a part of the country, narrower than the whole; "off Sri
    Lanka": the sea beside it (CODEBOOK 3: a place the gazetteer lacks is anchored to the nearest named area)."""
    return cand.located.radius_km < 0.9 * (cand.place.radius_km or 0.0) or \
        bool(_OFF_COAST.search(text[max(0, cand.start - 40):cand.start]))


def _is_whole_land(place) -> bool:
    """A country, a continent or a region of the world no country holds ("the Middle East", "West Africa")."""
    return place.kind in ("country", "continent") or (place.kind in ("region", "sea") and not place.country)


def settle_country_events(events: list, text: str, capital_of: Callable[[str], Optional[object]]) -> list:
    """``events`` without those told only at a whole country that is not their reach; a political act placed
    at a country moves to its capital (``capital_of``: ISO code -> the capital's Place, or None)."""
    out = []
    for ev in events:
        place = ev.cand.place
        if not _is_whole_land(place) or ev.settled or _names_a_part(ev.cand, text) or \
                tells_country_reach(" ".join(text[start:end] for start, end in ev.spans), place.name):
            out.append(ev)
            continue
        capital = capital_of(place.country) if ev.category == "political" and place.country else None
        if capital is not None:  # a national act, named at its country or placed there for want of a place
            ev.cand = replace(ev.cand, place=capital, located=apply_relation(capital, None), via="capital")
            out.append(ev)
        elif ev.fell_back:
            out.append(ev)
    return out
