"""Value types shared by every stage of the pipeline, and the taxonomy.

Every value is a frozen dataclass; coordinates are named ``lon`` and ``lat``.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping, Optional

__all__ = [
    "CATEGORIES", "CATEGORY_COLOURS", "COUNT_NOUNS", "PLACE_KINDS", "DATE_PRECISIONS",
    "Report", "Place", "Toponym", "Source", "Incident",
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

#: Plain nouns under which counts are reported.
COUNT_NOUNS = (
    "killed", "injured", "missing", "evacuated", "refugees", "displaced", "hostages",
    "detained", "trapped", "rescued", "missiles", "drones", "homes", "buildings",
)

#: Kinds of place, from the largest to the smallest.
PLACE_KINDS = (
    "continent", "country", "admin1", "admin2", "city", "town", "village",
    "district", "neighbourhood", "poi", "demonym",
    "region", "sea",  # curated multi-country regions (Middle East, Donbas) and seas/gulfs
)

DATE_PRECISIONS = ("day", "week", "month", "year")


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

    @property
    def resolved(self) -> bool:
        return self.place is not None


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
