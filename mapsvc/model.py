"""Value types shared by every stage of the pipeline, the taxonomy and the kinds of place.

Every value is a frozen dataclass; coordinates are named ``lon`` and ``lat``.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping, Optional

from .errors import InvalidParameter

__all__ = [
    "CATEGORIES", "CATEGORY_COLOURS", "COUNT_KEYS", "DATE_PRECISIONS", "PlaceKind", "PLACE_KINDS", "COORDINATE_LIMITS",
    "check_coordinate", "check_point", "Report", "Place", "Toponym", "Source", "Incident",
]

#: The incident taxonomy, with a one-line definition of each category.
CATEGORIES: Mapping[str, str] = {
    "strike": "shelling, missile, air or drone strikes, bombings, explosions and what they hit",
    "battle": "armed clashes, assaults, advances and retreats, control of territory",
    "civilian_harm": "killing, wounding, abduction or hostage-taking of civilians, attacks on civilian sites",
    "humanitarian": "evacuations, humanitarian corridors, aid deliveries or their blocking, refugees and displacement",
    "restriction": "curfews, martial law, closures, bans, fines and arrests by authorities",
    "political": "talks, visits, meetings, speeches, sanctions and other political developments",
    "military": "deployments, troop movements, mobilisation and other military developments without fighting",
    "disaster": "earthquakes, floods, storms, fires and accidents not caused by an attack",
    "other": "incidents that fit none of the above",
}

#: One colour per category, on the map, its legend and in KML (distinct on light and dark).
CATEGORY_COLOURS: Mapping[str, str] = {
    "strike": "#d62728", "battle": "#8c2d04", "civilian_harm": "#e377c2",
    "humanitarian": "#1f77b4", "restriction": "#7f7f7f", "political": "#9467bd",
    "military": "#2ca02c", "disaster": "#ff7f0e", "other": "#17becf",
}

@dataclass(frozen=True)
class PlaceKind:
    """What every stage assumes about a kind of place where the gazetteer says no more."""

    name: str
    rank: int  # size order: 0 the largest (continent, sea) to 6 the smallest (neighbourhood, poi)
    radius_km: float  # typical extent
    geo_precision: int  # ACLED precision of an event known only to be there: 3 the region, 1 the place
    population: float  # typical size: the resolver's prior where the gazetteer has no population
    prior_bonus: float = 0.0  # the resolver's preference for the kind, in log10 population units
    accepts: tuple = ()  # kinds a kind word for this kind also finds in the data, best first
    settlement: bool = False  # a city, town, village or a part of one


def _kind(name, rank, radius_km, geo_precision, population, prior_bonus=0.0, *, also=(), settlement=False):
    return PlaceKind(name, rank, radius_km, geo_precision, population, prior_bonus, (name, *also), settlement)


#: Kinds of place, from the largest to the smallest (ARCHITECTURE 3.2 ``place.kind``).
PLACE_KINDS: Mapping[str, PlaceKind] = {kind.name: kind for kind in (
    #     name, rank, radius_km, geo_precision, population, prior_bonus
    _kind("continent", 0, 2000.0, 3, 1e9, 2.0),
    _kind("sea", 0, 400.0, 3, 1e7, 1.0),  # seas and gulfs (curated)
    _kind("region", 1, 200.0, 3, 1e7, 0.5, also=("admin1",)),  # multi-country regions: Middle East, Donbas
    _kind("country", 1, 300.0, 3, 5e6, 2.5),
    _kind("admin1", 2, 80.0, 3, 3e5, 0.0),
    _kind("admin2", 3, 30.0, 3, 5e4, -1.5, also=("district",)),
    _kind("city", 4, 6.0, 1, 1e5, also=("town", "village"), settlement=True),
    _kind("town", 4, 3.0, 1, 1e4, also=("city", "village"), settlement=True),
    _kind("village", 4, 1.5, 1, 1e3, also=("town", "city"), settlement=True),
    _kind("district", 5, 3.0, 1, 5e4, also=("neighbourhood", "admin2"), settlement=True),
    _kind("neighbourhood", 6, 1.0, 1, 1e4, also=("district",), settlement=True),
    _kind("poi", 6, 0.5, 1, 1e3),
)}

DATE_PRECISIONS = ("day", "week", "month", "year")

#: The nouns ``Incident.counts`` uses (ARCHITECTURE 3.2); ``extract/data/counts.csv`` maps words to them
#: and a correction may set any of them (``mapsvc correct --killed N``).
COUNT_KEYS = ("killed", "injured", "missing", "evacuated", "displaced", "refugees", "rescued", "hostages",
              "detained", "trapped", "missiles", "drones", "homes", "trucks")

#: The range of each coordinate in degrees: ``[-limit, limit]``.
COORDINATE_LIMITS: Mapping[str, float] = {"lon": 180.0, "lat": 90.0}


def check_coordinate(axis: str, value, *, what: str = "", error: type = InvalidParameter) -> float:
    """``value`` as a longitude (``axis="lon"``) or latitude (``"lat"``): a finite number in range.

    Raises ``error`` (:class:`InvalidParameter` unless told) naming ``what`` (default: the axis).

    >>> check_coordinate("lat", "50.45")
    50.45
    >>> check_coordinate("lon", 181)
    Traceback (most recent call last):
    ...
    mapsvc.errors.InvalidParameter: lon must be a number in [-180, 180], got 181
    """
    limit = COORDINATE_LIMITS[axis]
    problem = f"{what or axis} must be a number in [{-limit:g}, {limit:g}], got {value!r:.40}"
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise error(problem) from exc
    if not (math.isfinite(number) and -limit <= number <= limit):
        raise error(problem)
    return number


def check_point(lon, lat, *, what: str = "", error: type = InvalidParameter) -> tuple[float, float]:
    """``(lon, lat)`` checked by :func:`check_coordinate`; ``what`` prefixes the axis in messages.

    >>> check_point(30.5, "50.45")
    (30.5, 50.45)
    """
    prefix = f"{what}: " if what else ""
    return (check_coordinate("lon", lon, what=prefix + "lon", error=error),
            check_coordinate("lat", lat, what=prefix + "lat", error=error))


@dataclass(frozen=True)
class Report:
    """A report as read: its text and what is known about it."""

    text: str
    published: Optional[date] = None
    title: str = ""
    url: str = ""
    origin: str = ""  # file path or URL it was read from

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text, the report's identity for idempotent ingest."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def id(self) -> str:
        """Stable report id derived from the content hash."""
        return "rep-" + self.content_hash[:12]


@dataclass(frozen=True)
class Place:
    """A gazetteer entry.

    ``admin`` is the path of enclosing areas, most specific first, ending with
    the country name, e.g. ``("Kyiv", "Ukraine")`` for a Kyiv district.
    """

    id: str
    name: str
    kind: str
    lon: float
    lat: float
    population: int = 0
    country: str = ""  # ISO 3166-1 alpha-2
    admin: tuple = ()
    admin1_code: str = ""  # ISO 3166-2 where known
    radius_km: float = 0.0  # rough extent of the place
    outline: Optional[dict] = None  # GeoJSON geometry, where one exists


@dataclass(frozen=True)
class Toponym:
    """A place mention in a text: a span, what it resolved to, and how sure."""

    start: int
    end: int
    text: str
    place: Optional[Place]  # None: recognised but unresolved
    kind: str = ""  # place kind, or "demonym"
    confidence: float = 0.0


@dataclass(frozen=True)
class Source:
    """Where an incident was reported: the report and the span of the quote."""

    report: str
    title: str = ""
    url: str = ""
    published: Optional[date] = None
    span: tuple = (0, 0)


@dataclass(frozen=True)
class Incident:
    """One reported event at one place (ARCHITECTURE section 3.2)."""

    id: str
    category: str
    title: str
    lon: float
    lat: float
    date: date
    date_start: date
    date_end: date
    date_precision: str = "day"
    place_name: str = ""
    place_kind: str = ""
    place_admin: tuple = ()
    gazetteer_id: str = ""
    geo_precision: int = 1
    radius_km: float = 0.0
    counts: Mapping[str, int] = field(default_factory=dict)
    quote: str = ""
    sources: tuple = ()  # of Source
    area: Optional[dict] = None  # GeoJSON geometry of the region or uncertainty
    corrected: bool = False  # a human correction applies (the store's corrections table)
    note: str = ""  # the latest note given with a correction
