"""Query parameters, WHERE clauses and row decoding for :mod:`mapsvc.store.store`."""
from __future__ import annotations

import json
import logging
import math
from datetime import date, datetime, timedelta
from typing import Iterable, Optional, Sequence

import sqlalchemy as sa

from ..errors import InvalidParameter
from ..model import CATEGORIES, Incident, Source
from .schema import incidents, lat_band, month_index, reports, sources

__all__ = [
    "MAX_LIMIT", "validate_bbox", "validate_interval", "validate_categories", "validate_paging",
    "where_clauses", "bbox_clause", "search_text", "decode_rows", "load_sources",
]

logger = logging.getLogger(__name__)

#: Hard ceiling on one page (the web layer applies its own, smaller MAX_ITEMS).
MAX_LIMIT = 1_000_000
#: Above this many latitude bands a bbox is searched as a plain latitude range.
MAX_BANDS = 60
#: Up to this many months a time window is searched month by month (the month+band index).
MAX_MONTHS = 48


def validate_bbox(bbox) -> Optional[tuple]:
    """Check ``(minlon, minlat, maxlon, maxlat)``; ``minlon > maxlon`` crosses the antimeridian.

    >>> validate_bbox([170, -10, -170, 10])
    (170.0, -10.0, -170.0, 10.0)
    """
    if bbox is None:
        return None
    try:
        values = tuple(float(v) for v in bbox)
    except (TypeError, ValueError) as exc:
        raise InvalidParameter(f"bbox must be four numbers, got {bbox!r}") from exc
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise InvalidParameter(f"bbox must be four finite numbers, got {bbox!r}")
    minlon, minlat, maxlon, maxlat = values
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180):
        raise InvalidParameter(f"bbox longitudes must lie in [-180, 180], got {bbox!r}")
    if not (-90 <= minlat <= maxlat <= 90):
        raise InvalidParameter(f"bbox latitudes must lie in [-90, 90] with minlat <= maxlat, got {bbox!r}")
    return values


def _as_date(value, what: str) -> Optional[date]:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InvalidParameter(f"{what}: not an ISO date: {value!r}") from exc


def validate_interval(interval) -> Optional[tuple]:
    """Check a closed ``(start, end)`` date interval; either end may be None (open).

    >>> validate_interval(("2022-03-01", None))
    (datetime.date(2022, 3, 1), None)
    """
    if interval is None:
        return None
    if isinstance(interval, (date, str)):
        day = _as_date(interval, "datetime")
        return (day, day)
    try:
        start, end = interval
    except (TypeError, ValueError) as exc:
        raise InvalidParameter(f"datetime must be (start, end), got {interval!r}") from exc
    start, end = _as_date(start, "datetime start"), _as_date(end, "datetime end")
    if start and end and start > end:
        raise InvalidParameter(f"datetime start {start} is after end {end}")
    return (start, end)


def validate_categories(categories) -> Optional[tuple]:
    """Check category names against the taxonomy; an empty selection means all."""
    if categories is None:
        return None
    if isinstance(categories, str):
        categories = [c for c in categories.split(",") if c.strip()]
    names = tuple(dict.fromkeys(str(c).strip() for c in categories))
    unknown = [c for c in names if c not in CATEGORIES]
    if unknown:
        raise InvalidParameter(f"unknown categories {unknown}; use {', '.join(CATEGORIES)}")
    return names or None


def validate_paging(limit, offset) -> tuple[int, int]:
    """Check ``limit`` and ``offset`` (non-negative integers, limit at most MAX_LIMIT;
    ``None`` means no limit, or offset 0)."""
    out = []
    for name, value in (("limit", MAX_LIMIT if limit is None else limit), ("offset", offset or 0)):
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value), 10)
            except ValueError as exc:
                raise InvalidParameter(f"{name} must be an integer, got {value!r}") from exc
        if value < 0:
            raise InvalidParameter(f"{name} must be >= 0, got {value}")
        out.append(value)
    if out[0] > MAX_LIMIT:
        raise InvalidParameter(f"limit must be <= {MAX_LIMIT}, got {out[0]}")
    return out[0], out[1]


def _lon_clause(minlon: float, maxlon: float):
    col = incidents.c.lon
    if minlon <= maxlon:
        return col.between(minlon, maxlon)
    return sa.or_(col >= minlon, col <= maxlon)  # across the antimeridian


def bbox_clause(bbox: tuple):
    """WHERE clause for a validated bbox, shaped for the (lat_band, lon) index."""
    minlon, minlat, maxlon, maxlat = bbox
    lo, hi = lat_band(minlat), lat_band(maxlat)
    all_lon = minlon <= -180 and maxlon >= 180
    if all_lon and minlat <= -90 and maxlat >= 90:
        return sa.true()  # the whole world: no clause, so counting and paging use the fast paths
    if all_lon:
        return incidents.c.lat.between(minlat, maxlat)
    lat = incidents.c.lat.between(minlat, maxlat)
    if hi - lo + 1 > MAX_BANDS:
        return sa.and_(incidents.c.lat_band.between(lo, hi), lat, _lon_clause(minlon, maxlon))
    return sa.and_(incidents.c.lat_band.in_(list(range(lo, hi + 1))), _lon_clause(minlon, maxlon), lat)


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_text(*parts: str) -> str:
    """The lower-cased text that ``q`` is matched against."""
    return "\n".join(p for p in parts if p).casefold()


def where_clauses(*, bbox=None, interval=None, categories=None, q=None, max_duration=None) -> list:
    """WHERE clauses for validated query parameters (joined with AND).

    ``max_duration`` (the longest stored ``date_end - date_start`` in days) turns the
    open-ended ``date_end >= start`` into a bounded range on ``date_start`` as well."""
    clauses = []
    if bbox is not None:
        clauses.append(bbox_clause(bbox))
    if interval is not None:
        start, end = interval
        if end is not None:
            clauses.append(incidents.c.date_start <= end)
        if start is not None:
            clauses.append(incidents.c.date_end >= start)
            if max_duration is not None:
                # a start near year 1 has nothing before it to widen to
                low = max(date.min + timedelta(days=int(max_duration)), start) - timedelta(days=int(max_duration))
                clauses.append(incidents.c.date_start >= low)
                if end is not None and month_index(end) - month_index(low) < MAX_MONTHS:
                    months = list(range(month_index(low), month_index(end) + 1))
                    clauses.append(incidents.c.start_month.in_(months))
    if categories:
        clauses.append(incidents.c.category.in_(list(categories)))
    if q is not None:
        if not isinstance(q, str):
            raise InvalidParameter(f"q must be text, got {q!r}")
        for word in q.casefold().split()[:20]:
            clauses.append(incidents.c.search.like(f"%{_like_escape(word)}%", escape="\\"))
    return clauses


def load_sources(conn: sa.Connection, incident_ids: Sequence[str]) -> dict:
    """``{incident_id: (Source, ...)}`` for the given incidents, oldest report first."""
    out: dict = {i: [] for i in incident_ids}
    ids = list(incident_ids)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        stmt = (sa.select(sources.c.incident_id, sources.c.report_id, sources.c.span_start,
                          sources.c.span_end, reports.c.title, reports.c.url, reports.c.published,
                          reports.c.ingested_at)
                .join(reports, reports.c.id == sources.c.report_id)
                .where(sources.c.incident_id.in_(chunk))
                .order_by(sources.c.incident_id, reports.c.ingested_at, sources.c.report_id,
                          sources.c.span_start))
        for row in conn.execute(stmt):
            out[row.incident_id].append(Source(report=row.report_id, title=row.title, url=row.url,
                                               published=row.published,
                                               span=(row.span_start, row.span_end)))
    return {k: tuple(v) for k, v in out.items()}


def decode_rows(conn: sa.Connection, rows: Iterable) -> list[Incident]:
    """Turn ``incidents`` rows into Incident values, with their sources."""
    rows = list(rows)
    srcs = load_sources(conn, [r.id for r in rows])
    return [Incident(
        id=r.id, category=r.category, title=r.title, lon=r.lon, lat=r.lat, date=r.date,
        date_start=r.date_start, date_end=r.date_end, date_precision=r.date_precision,
        place_name=r.place_name, place_kind=r.place_kind, place_admin=tuple(json.loads(r.place_admin)),
        gazetteer_id=r.gazetteer_id, geo_precision=r.geo_precision, radius_km=r.radius_km,
        counts=json.loads(r.counts), quote=r.quote, sources=srcs[r.id],
        area=json.loads(r.area) if r.area else None) for r in rows]


