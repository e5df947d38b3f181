"""Spatial expressions, with offsets, radii and circles on the WGS84 ellipsoid.

"nine miles north", "20km north-west of the capital", "west of the capital",
"near", "on the outskirts of", "in the west of", "in north-east Jordan":
each becomes a point, an ACLED-style geo_precision (1-3) and a radius in km.
Offsets, distances, outline areas and circles are geodesics computed by
:mod:`mapsvc.geodesy` (one ``pyproj.Geod`` on WGS84): a circle is the ring of
points its radius away along geodesics, so it is a true circle on the ground.
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from typing import Optional

import numpy as np
import shapely
import shapely.affinity
import shapely.geometry
from shapely.geometry import shape

from ..geodesy import EARTH_RADIUS_KM, area_km2, circle_ring, destination, haversine_km

#: The point a distance along a compass bearing from a place, on the WGS84 geodesic.
offset_point = destination
from ..text.sentences import parse_number

__all__ = [
    "EARTH_RADIUS_KM", "Located", "offset_point", "radius_km", "area_of", "distance_km",
    "bearing_of", "parse_relation", "relation_before", "apply_relation", "Relation",
]

logger = logging.getLogger(__name__)


_BEARINGS = {
    "north": 0, "north-east": 45, "northeast": 45, "east": 90, "south-east": 135, "southeast": 135,
    "south": 180, "south-west": 225, "southwest": 225, "west": 270, "north-west": 315, "northwest": 315,
    "north-north-east": 22.5, "east-north-east": 67.5, "east-south-east": 112.5, "south-south-east": 157.5,
    "south-south-west": 202.5, "west-south-west": 247.5, "west-north-west": 292.5, "north-north-west": 337.5,
}
_UNITS_KM = {"km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0,
             "kilometer": 1.0, "mile": 1.609344, "miles": 1.609344, "mi": 1.609344,
             "nautical mile": 1.852, "nautical miles": 1.852, "nm": 1.852, "metres": 0.001, "meters": 0.001,
             "m": 0.001}
# rough extents when the gazetteer gives none
#: kinds of place that only say the region an event was in (ACLED geo_precision 3)
_WIDE_KINDS = ("country", "admin1", "admin2", "continent", "sea", "region")
_KIND_RADIUS = {"sea": 400.0, "region": 200.0, "continent": 2000.0, "country": 300.0, "admin1": 80.0, "admin2": 30.0, "city": 6.0,
                "town": 3.0, "village": 1.5, "district": 3.0, "neighbourhood": 1.0, "poi": 0.5}


def _vectorised(fn):
    """A point function made into a coordinate-array function for ``shapely.transform``."""
    def apply(coords):
        return np.array([fn(x, y) for x, y in coords], dtype=float).reshape(-1, 2)
    return apply


def transform(fn, geom):
    """``geom`` with every coordinate passed through ``fn(x, y) -> (x, y)``."""
    return shapely.transform(geom, _vectorised(fn))


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance in km on the WGS84 ellipsoid (``Geod.inv``).

    >>> round(distance_km(30.5234, 50.4501, 36.2304, 49.9935), 1)
    410.3
    """
    return haversine_km(lon1, lat1, lon2, lat2)


def bearing_of(word: str) -> Optional[float]:
    """Compass bearing of a direction word ("north-west", "northern", "NE"), or None.

    >>> bearing_of("north-western"), bearing_of("SE"), bearing_of("up")
    (315, 135, None)
    """
    w = word.lower().strip().replace(" ", "-")
    w = re.sub(r"(?<=[a-z])ern$", "", w)
    w = re.sub(r"ern-", "-", w)
    abbrev = {"n": "north", "s": "south", "e": "east", "w": "west", "ne": "north-east", "nw": "north-west",
              "se": "south-east", "sw": "south-west"}
    w = abbrev.get(w, w)
    return _BEARINGS.get(w)


def radius_km(place) -> float:
    """Rough radius of a place in km: its own, else from its outline, population or kind.

    From an outline it is the radius of the disc with the outline's geodesic area.

    >>> from mapsvc.model import Place
    >>> round(radius_km(Place("x", "Kyiv", "city", 30.52, 50.45, population=2_900_000)), 1)
    15.3
    """
    own = float(getattr(place, "radius_km", 0.0) or 0.0)
    if own > 0:
        return own
    outline = getattr(place, "outline", None)
    if outline:
        try:
            return max(0.5, math.sqrt(area_km2(shape(outline)) / math.pi))
        except Exception as exc:  # a broken outline falls back to the estimates below
            logger.debug("outline of %s unusable: %s", getattr(place, "id", "?"), exc)
    kind = getattr(place, "kind", "") or ""
    pop = int(getattr(place, "population", 0) or 0)
    if kind in ("city", "town", "village", "district", "neighbourhood") and pop > 0:
        return round(max(1.0, min(40.0, 0.009 * math.sqrt(pop))), 1)
    return _KIND_RADIUS.get(kind, 5.0)


def area_of(place, *, radius: Optional[float] = None) -> Optional[dict]:
    """GeoJSON geometry of a place's area: its outline, else a circle of its radius.

    Circles are rings of points the radius away along WGS84 geodesics, so they
    are true circles on the ground. None when the place has no extent worth drawing (under 1 km).

    >>> from mapsvc.model import Place
    >>> area_of(Place("x", "Sumy Oblast", "admin1", 34.8, 50.9))["type"]
    'Polygon'
    """
    outline = getattr(place, "outline", None)
    if outline and radius is None:
        return outline
    r = radius if radius is not None else radius_km(place)
    if r < 1.0:
        return None
    return circle(place.lon, place.lat, r)


def circle(lon: float, lat: float, r_km: float, *, segments: int = 16) -> dict:
    """A GeoJSON Polygon approximating a circle of ``r_km`` around (lon, lat).

    Its ring has ``4 * segments`` points, each ``r_km`` from the centre along a
    WGS84 geodesic (``Geod.fwd``), counter-clockwise, rounded to 5 decimals.

    Parameters
    ----------
    lon, lat : float
        The centre, degrees.
    r_km : float
        The radius, km.
    segments : int, optional
        Points per quarter circle.

    Returns
    -------
    dict
        ``{"type": "Polygon", "coordinates": [ring]}``.

    Examples
    --------
    >>> ring = circle(34.32, 50.82, 86.0)["coordinates"][0]
    >>> len(ring), ring[0]
    (65, [34.32, 51.59302])
    """
    ring = circle_ring(lon, lat, r_km, npts=4 * max(1, segments))
    return {"type": "Polygon", "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring]]}


@dataclass(frozen=True)
class Relation:
    """A spatial expression found before a place mention."""

    kind: str  # offset | direction | near | outskirts | edge | inside_part | centre
    distance_km: float = 0.0
    bearing_deg: Optional[float] = None
    text: str = ""


@dataclass(frozen=True)
class Located:
    """Where an event is: a point, ACLED geo_precision and an uncertainty radius."""

    lon: float
    lat: float
    geo_precision: int
    radius_km: float


_DIR = (r"(?P<dir>(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|"
        r"(?:north|south)(?:ern)?[- ](?:east|west)(?:ern)?)")
_DIST = (r"(?P<num>\d+(?:[.,]\d+)?|[a-z]+(?:[- ][a-z]+)?)\s*(?P<unit>km|kms|kilometres|kilometers|nautical miles|"
         r"miles|mi|nm)\b")
_REL_PATTERNS = [
    ("offset", re.compile(r"(?:about |some |roughly |around |nearly |almost |approximately |just |only )?"
                          + _DIST + r"(?:\s*\([^)]*\))?\s+(?:to the\s+)?" + _DIR + r"\s+of\s+(?:the\s+)?$", re.I)),
    ("inside_part", re.compile(r"\bin the " + _DIR + r"(?: part)? of\s+(?:the\s+)?$", re.I)),
    ("direction", re.compile(r"(?:just |due |to the |directly )?" + _DIR + r"\s+of\s+(?:the\s+)?$", re.I)),
    ("edge", re.compile(r"\b(?:the\s+)?" + _DIR + r"\s+(?:suburbs?|outskirts|edge|fringes?|approaches|"
                        r"districts?|neighbourhoods?|areas?|parts?)\s+of\s+(?:the\s+)?$", re.I)),
    ("outskirts", re.compile(r"\bthe (?:outskirts|edge|fringes?|suburbs) of\s+(?:the\s+)?$", re.I)),
    ("near", re.compile(r"\b(?:near|nearby|close to|outside|around|in the vicinity of|not far from|"
                        r"on the approaches to|in the suburbs of|just outside)\s+(?:the\s+)?$", re.I)),
    ("inside_part", re.compile(r"\b(?:in |across |of |from )?(?:the )?" + _DIR + r"\s+$", re.I)),
    ("centre", re.compile(r"\b(?:in )?(?:central|the centre of|the center of|downtown)\s+$", re.I)),
]


#: "the Russian-held city of ", "the port town of ": the place's kind, written between a relation and its name.
_KIND_OF = re.compile(r"(?<=\bof )the\s+(?:[\w-]+\s+){0,2}(?:city|town|village|port|settlement|island|region|"
                      r"province|district|oblast)\s+of\s+$", re.I)


def parse_relation(before: str) -> Optional[Relation]:
    """The spatial expression that ``before`` (text up to a place mention) ends with.

    >>> parse_relation("a town about 20km north-west of the ")
    Relation(kind='offset', distance_km=20.0, bearing_deg=315, text='about 20km north-west of the ')
    >>> parse_relation("shelling in the west of the ").kind
    'inside_part'
    >>> parse_relation("a village near ").kind
    'near'
    """
    # "just north of the Russian-held city of ": the kind of place named is no part of the relation
    tail = _KIND_OF.sub("", before[-80:])
    for kind, rx in _REL_PATTERNS:
        m = rx.search(tail)
        if not m:
            continue
        bearing = bearing_of(m.group("dir")) if "dir" in rx.groupindex and m.group("dir") else None
        dist = 0.0
        if kind == "offset":
            num = m.group("num").replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", m.group("num")) \
                else m.group("num").replace(",", "")
            value = float(num) if re.fullmatch(r"\d+(?:\.\d+)?", num) else parse_number(num)
            if value is None or bearing is None:
                continue
            dist = float(value) * _UNITS_KM[m.group("unit").lower()]
        if kind in ("direction", "inside_part", "edge") and bearing is None:
            continue
        return Relation(kind, dist, bearing, m.group(0))
    return None


_AFTER_OFFSET = re.compile(r"^\W{0,3}(?:about |some |roughly |around |nearly |almost |approximately )?"
                           + _DIST + r"\s+(?:to the\s+)?" + _DIR + r"(?![\w-])(?!\s+of\b)", re.I)


def parse_trailing_offset(after: str) -> Optional[Relation]:
    """An offset written after a mention without "of" ("..., nine miles north"): it counts
    from the place the sentence is about, not from the mention.

    >>> round(parse_trailing_offset(" suburb, nine miles north.").distance_km, 2)
    14.48
    """
    m = _AFTER_OFFSET.search(re.sub(r"^\s*(?:suburb|district|area|village|town|neighbourhood|airfield|base)\b",
                                    "", after[:60], flags=re.I))
    if not m:
        return None
    value = parse_number(m.group("num").replace(",", ""))
    bearing = bearing_of(m.group("dir"))
    if value is None or bearing is None:
        return None
    return Relation("offset", value * _UNITS_KM[m.group("unit").lower()], bearing, m.group(0))


def part_of_outline(outline: dict, bearing_deg: float) -> Optional[tuple]:
    """(lon, lat, radius_km) of the third of an area that lies towards ``bearing_deg``: "southern
    Lebanon" is the south of Lebanon's outline, wherever its centre is and however long it is.

    >>> box = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 3], [0, 3], [0, 0]]]}
    >>> lon, lat, r = part_of_outline(box, 180)
    >>> round(lon, 1), round(lat, 1)
    (0.5, 0.5)
    """
    try:
        geom = shape(outline)
        if geom.is_empty:
            return None
        scale = math.cos(math.radians(geom.centroid.y))  # to near-equal-area axes, so bearings stay true
        flat = shapely.affinity.scale(geom, xfact=scale, yfact=1.0, origin=(0, 0))
        vx, vy = math.sin(math.radians(bearing_deg)), math.cos(math.radians(bearing_deg))
        coords = np.asarray(shapely.get_coordinates(flat))
        along = coords @ np.array([vx, vy])
        lo, hi = float(along.min()), float(along.max())
        cut, far = hi - (hi - lo) / 3.0, hi + 1.0
        ux, uy, span = -vy, vx, float(np.abs(coords).max()) + 10.0
        band = shapely.geometry.Polygon([(vx * cut + ux * span, vy * cut + uy * span),
                                         (vx * cut - ux * span, vy * cut - uy * span),
                                         (vx * far - ux * span, vy * far - uy * span),
                                         (vx * far + ux * span, vy * far + uy * span)])
        part = flat.intersection(band)
        if part.is_empty:
            return None
        part = shapely.affinity.scale(part, xfact=1.0 / scale, yfact=1.0, origin=(0, 0))
        point = part.centroid if part.contains(part.centroid) else part.representative_point()
        return point.x, point.y, math.sqrt(area_km2(part) / math.pi)
    except Exception as exc:  # noqa: BLE001 - a broken outline falls back to the radius estimate
        logger.debug("part of outline unusable: %s", exc)
        return None


_KIND_HEAD = re.compile(r"\b(?:region|province|oblast|state|district|county|governorate|department|prefecture)$",
                        re.I)


def relation_before(before: str, mention: str) -> Optional[Relation]:
    """The spatial expression before a mention, read with the mention: "the northeast Sumy region"
    only says where the region lies (the direction describes the kind word), while "southern Lebanon"
    and "the northern Gaza Strip" name a part.

    >>> relation_before("evacuated from the northeast ", "Sumy region") is None
    True
    >>> relation_before("shelling in northeast ", "Sumy region").kind
    'inside_part'
    """
    relation = parse_relation(before)
    if relation is not None and relation.kind == "inside_part" and \
            re.match(r"(?:\w+ )?the\s+\S+\s*$", relation.text, re.I) and _KIND_HEAD.search(mention.strip()):
        return None
    return relation


def apply_relation(place, relation: Optional[Relation]) -> Located:
    """Locate an event given the place it is related to and how.

    >>> from mapsvc.model import Place
    >>> aden = Place("x", "Aden", "city", 45.03, 12.78, population=550_000)
    >>> loc = apply_relation(aden, parse_relation("about 60 nautical miles south-east of "))
    >>> round(loc.lat, 2), round(loc.lon, 2), loc.geo_precision
    (12.07, 45.75, 2)
    """
    r = radius_km(place)
    base_precision = 3 if place.kind in _WIDE_KINDS else 1
    if relation is None:
        return Located(place.lon, place.lat, base_precision, round(r, 1))
    if relation.kind == "offset":
        lon, lat = offset_point(place.lon, place.lat, distance_km=relation.distance_km,
                                bearing_deg=relation.bearing_deg)
        return Located(lon, lat, 2, round(max(2.0, relation.distance_km * 0.15), 1))
    if relation.kind == "direction":
        d = r + max(5.0, 0.5 * r) if base_precision == 1 else 1.2 * r
        lon, lat = offset_point(place.lon, place.lat, distance_km=d, bearing_deg=relation.bearing_deg)
        return Located(lon, lat, 2 if base_precision == 1 else 3, round(max(5.0, 0.75 * d), 1))
    if relation.kind in ("inside_part", "edge") and getattr(place, "outline", None) and base_precision == 3:
        part = part_of_outline(place.outline, relation.bearing_deg)
        if part is not None:
            lon, lat, part_r = part
            return Located(lon, lat, 3, round(max(1.0, part_r), 1))
    if relation.kind == "inside_part":
        d = 0.6 * r
        lon, lat = offset_point(place.lon, place.lat, distance_km=d, bearing_deg=relation.bearing_deg)
        return Located(lon, lat, 2 if base_precision == 1 else 3, round(max(1.0, 0.5 * r), 1))
    if relation.kind == "edge":
        d = 0.6 * r
        lon, lat = offset_point(place.lon, place.lat, distance_km=d, bearing_deg=relation.bearing_deg)
        return Located(lon, lat, 2 if base_precision == 1 else 3, round(max(2.0, 0.5 * r), 1))
    if relation.kind == "near":
        return Located(place.lon, place.lat, 2, round(r + 10.0, 1))
    if relation.kind == "outskirts":
        return Located(place.lon, place.lat, 2, round(1.2 * r + 2.0, 1))
    if relation.kind == "centre":
        return Located(place.lon, place.lat, base_precision, round(max(1.0, 0.3 * r), 1))
    return Located(place.lon, place.lat, base_precision, round(r, 1))
