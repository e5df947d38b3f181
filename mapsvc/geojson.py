"""Incidents to and from GeoJSON (RFC 7946), the one serialisation (ARCHITECTURE 3.2).

Coordinates are ``[lon, lat]`` rounded to 6 decimals (about 0.1 m); every text
value stays plain text (escaping is the job of whoever renders it).
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Mapping, Optional

from .errors import InputError
from .model import CATEGORIES, Incident, Source, check_point
from .text.reports import parse_date

__all__ = ["COORD_DECIMALS", "to_feature", "to_collection", "from_feature", "from_collection"]

#: Decimals kept in coordinates (1e-6 degree is about 0.11 m).
COORD_DECIMALS = 6


def _iso(value: Optional[date]) -> Optional[str]:
    return value.isoformat() if value else None


def _round_coords(value: Any) -> Any:
    """Round every number in a (nested) coordinate list."""
    if isinstance(value, (list, tuple)):
        return [_round_coords(item) for item in value]
    if isinstance(value, float):
        return round(value, COORD_DECIMALS)
    return value


def _source_dict(source: Source) -> dict:
    span = list(source.span) if source.span else [0, 0]
    return {"report": source.report, "title": source.title, "url": source.url,
            "published": _iso(source.published), "span": [int(span[0]), int(span[1])]}


def to_feature(incident: Incident) -> dict:
    """One incident as a GeoJSON Feature.

    Parameters
    ----------
    incident : Incident

    Returns
    -------
    dict
        ``{"type": "Feature", "id", "geometry": Point [lon, lat], "properties"}``.

    Examples
    --------
    >>> from datetime import date
    >>> inc = Incident(id="inc-1", category="strike", title="Strike", lon=30.3712345678,
    ...                lat=50.457, date=date(2022, 3, 15), date_start=date(2022, 3, 15),
    ...                date_end=date(2022, 3, 15))
    >>> f = to_feature(inc)
    >>> f["geometry"]["coordinates"], f["properties"]["date"]
    ([30.371235, 50.457], '2022-03-15')
    """
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": {"type": "Point",
                     "coordinates": [round(float(incident.lon), COORD_DECIMALS),
                                     round(float(incident.lat), COORD_DECIMALS)]},
        "properties": _properties(incident),
    }


def _properties(incident: Incident) -> dict:
    """The ``properties`` member of an incident's Feature (ARCHITECTURE 3.2)."""
    props = {
        "category": incident.category,
        "title": incident.title,
        "date": _iso(incident.date),
        "date_start": _iso(incident.date_start),
        "date_end": _iso(incident.date_end),
        "date_precision": incident.date_precision,
        "place": {"name": incident.place_name, "kind": incident.place_kind,
                  "admin": list(incident.place_admin or ()),
                  "gazetteer_id": incident.gazetteer_id},
        "geo_precision": int(incident.geo_precision),
        "radius_km": float(incident.radius_km),
        "counts": {str(k): int(v) for k, v in dict(incident.counts or {}).items()},
        "quote": incident.quote,
        "sources": [_source_dict(s) for s in incident.sources],
        "corrected": bool(incident.corrected),  # a human correction applies; ``note`` says why
        "note": incident.note or "",
    }
    if incident.area:
        area = dict(incident.area)
        if "coordinates" in area:
            area["coordinates"] = _round_coords(area["coordinates"])
        props["area"] = area
    return props


def to_collection(incidents: Iterable[Incident], *, number_matched: Optional[int] = None,
                  links: Optional[list] = None, **extra: Any) -> dict:
    """Incidents as a GeoJSON FeatureCollection (with OGC API paging members).

    Parameters
    ----------
    incidents : iterable of Incident
    number_matched : int, optional
        Total matching the query; adds ``numberMatched`` when given.
    links : list of dict, optional
        OGC ``links`` (self, next, prev ...).
    **extra
        Further top-level members, e.g. ``timeStamp``.

    Examples
    --------
    >>> c = to_collection([], number_matched=0, links=[])
    >>> c["type"], c["numberReturned"], c["numberMatched"]
    ('FeatureCollection', 0, 0)
    """
    features = [to_feature(inc) for inc in incidents]
    collection: dict = {"type": "FeatureCollection", "features": features}
    if number_matched is not None:
        collection["numberMatched"] = int(number_matched)
    collection["numberReturned"] = len(features)
    if links is not None:
        collection["links"] = list(links)
    collection.update(extra)
    return collection


def _parse_date(value: Any, name: str) -> Optional[date]:
    return None if value in (None, "") else parse_date(value, what=name, error=InputError)


def _parse_point(feature: Mapping) -> tuple[float, float]:
    geometry = feature.get("geometry")
    if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
        raise InputError("feature geometry must be a Point")
    coords = geometry.get("coordinates")
    try:
        lon, lat = coords[0], coords[1]
    except (TypeError, IndexError, KeyError) as exc:
        raise InputError(f"bad Point coordinates: {coords!r}") from exc
    return check_point(lon, lat, what="Point", error=InputError)


def _parse_sources(raw: Any) -> tuple:
    sources = []
    for item in raw or ():
        if not isinstance(item, Mapping):
            raise InputError("each source must be an object")
        span = item.get("span") or (0, 0)
        try:
            span = (int(span[0]), int(span[1]))
        except (TypeError, ValueError, IndexError) as exc:
            raise InputError(f"bad source span: {span!r}") from exc
        sources.append(Source(report=str(item.get("report") or ""), title=str(item.get("title") or ""),
                              url=str(item.get("url") or ""),
                              published=_parse_date(item.get("published"), "source.published"),
                              span=span))
    return tuple(sources)


def from_feature(feature: Mapping) -> Incident:
    """Read an Incident back from a Feature made by :func:`to_feature`.

    Raises :class:`~mapsvc.errors.InputError` when the feature is malformed.

    Examples
    --------
    >>> from datetime import date
    >>> inc = Incident(id="inc-1", category="strike", title="Strike", lon=30.37, lat=50.457,
    ...                date=date(2022, 3, 15), date_start=date(2022, 3, 15), date_end=date(2022, 3, 15))
    >>> from_feature(to_feature(inc)) == inc
    True
    """
    if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
        raise InputError("not a GeoJSON Feature")
    lon, lat = _parse_point(feature)
    props = feature.get("properties") or {}
    if not isinstance(props, Mapping):
        raise InputError("feature properties must be an object")
    category = props.get("category") or "other"
    if category not in CATEGORIES:
        raise InputError(f"unknown category {category!r}")
    place = props.get("place") or {}
    day = _parse_date(props.get("date"), "date")
    start = _parse_date(props.get("date_start"), "date_start") or day
    end = _parse_date(props.get("date_end"), "date_end") or day
    if day is None:
        day = start
    if day is None:
        raise InputError("feature has no date")
    try:
        counts = {str(k): int(v) for k, v in dict(props.get("counts") or {}).items()}
        geo_precision = int(props.get("geo_precision", 1))
        radius = float(props.get("radius_km", 0.0))
    except (TypeError, ValueError) as exc:
        raise InputError(f"bad numeric property: {exc}") from exc
    return Incident(
        id=str(feature.get("id") or ""), category=category, title=str(props.get("title") or ""),
        lon=lon, lat=lat, date=day, date_start=start, date_end=end,
        date_precision=str(props.get("date_precision") or "day"),
        place_name=str(place.get("name") or ""), place_kind=str(place.get("kind") or ""),
        place_admin=tuple(place.get("admin") or ()), gazetteer_id=str(place.get("gazetteer_id") or ""),
        geo_precision=geo_precision, radius_km=radius, counts=counts,
        quote=str(props.get("quote") or ""), sources=_parse_sources(props.get("sources")),
        area=props.get("area") or None, corrected=props.get("corrected") is True,
        note=str(props.get("note") or ""),
    )


def from_collection(collection: Mapping) -> list[Incident]:
    """Every incident of a FeatureCollection (see :func:`from_feature`).

    >>> from_collection({"type": "FeatureCollection", "features": []})
    []
    """
    if not isinstance(collection, Mapping) or collection.get("type") != "FeatureCollection":
        raise InputError("not a GeoJSON FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list):
        raise InputError("FeatureCollection.features must be a list")
    return [from_feature(f) for f in features]
