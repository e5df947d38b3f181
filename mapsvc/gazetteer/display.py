"""How a gazetteer place is shown: its name with its admin path, and as a JSON-ready dict."""
from __future__ import annotations

from ..model import Place

__all__ = ["display_path", "place_to_dict"]


def display_path(place: Place) -> list[str]:
    """The place's name, then its admin path, each name once ("Chad", not "Chad, Chad").

    >>> display_path(Place("mapsvc:x", "Chad", "country", 18.7, 15.4, 0, "TD", ("Chad",)))
    ['Chad']
    """
    parts = [place.name]
    for part in place.admin:
        if part and part not in parts:
            parts.append(part)
    return parts


def place_to_dict(place: Place) -> dict:
    """A place as a JSON-ready dict: id, name, kind, lat, lon, population, country, admin.

    >>> place_to_dict(Place("mapsvc:x", "X", "city", 30.5, 50.4, 10, "UA", ("Kyiv", "Ukraine")))["admin"]
    ['Kyiv', 'Ukraine']
    """
    return {"id": place.id, "name": place.name, "kind": place.kind, "lat": place.lat,
            "lon": place.lon, "population": place.population, "country": place.country,
            "admin": list(place.admin), "admin1_code": place.admin1_code,
            "radius_km": place.radius_km}
