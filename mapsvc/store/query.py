"""WHERE clauses and row decoding for :mod:`mapsvc.store.store` (the parameters are checked by
:mod:`mapsvc.store.filters`)."""
from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Iterable, Sequence

import sqlalchemy as sa

from ..errors import InvalidParameter
from ..model import Incident, Source
from .filters import BBox
from .schema import corrections, incidents, lat_band, month_index, reports, sources

__all__ = ["where_clauses", "bbox_clause", "search_text", "decode_rows", "load_sources", "load_notes",
           "MatchCounts"]

#: Above this many latitude bands a bbox is searched as a plain latitude range.
MAX_BANDS = 60
#: Up to this many months a time window is searched month by month (the month+band index).
MAX_MONTHS = 48


def _lon_clause(minlon: float, maxlon: float):
    col = incidents.c.lon
    if minlon <= maxlon:
        return col.between(minlon, maxlon)
    return sa.or_(col >= minlon, col <= maxlon)  # across the antimeridian


def bbox_clause(bbox: BBox):
    """WHERE clause for a bbox, shaped for the (lat_band, lon) index."""
    minlon, minlat, maxlon, maxlat = bbox.as_tuple()
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


def load_notes(conn: sa.Connection, incident_ids: Sequence[str]) -> dict:
    """``{incident_id: note}`` for the given incidents that have a correction: the latest non-empty note
    (or "")."""
    out: dict = {}
    ids = list(incident_ids)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        stmt = (sa.select(corrections.c.incident_id, corrections.c.note)
                .where(corrections.c.incident_id.in_(chunk)).order_by(corrections.c.id))
        for row in conn.execute(stmt):
            out[row.incident_id] = row.note or out.get(row.incident_id, "")
    return out


def decode_rows(conn: sa.Connection, rows: Iterable) -> list[Incident]:
    """Turn ``incidents`` rows into Incident values, with their sources and whether they were corrected."""
    rows = list(rows)
    srcs = load_sources(conn, [r.id for r in rows])
    notes = load_notes(conn, [r.id for r in rows])
    return [Incident(
        id=r.id, category=r.category, title=r.title, lon=r.lon, lat=r.lat, date=r.date,
        date_start=r.date_start, date_end=r.date_end, date_precision=r.date_precision,
        place_name=r.place_name, place_kind=r.place_kind, place_admin=tuple(json.loads(r.place_admin)),
        gazetteer_id=r.gazetteer_id, geo_precision=r.geo_precision, radius_km=r.radius_km,
        counts=json.loads(r.counts), quote=r.quote, sources=srcs[r.id],
        area=json.loads(r.area) if r.area else None, corrected=r.id in notes, note=notes.get(r.id, ""))
        for r in rows]




class MatchCounts:
    """``numberMatched`` of a filter set, counted once while the incidents stay as they are.

    The count is kept with the latest ``updated_at`` (one index probe), which every
    write moves, and for at most ``max_age`` seconds, so that a deletion with no other
    write shows within that time.  Counting is the costliest part of an unfiltered page
    (every row is read).
    """

    def __init__(self, *, size: int = 4096, max_age: float = 30.0):
        import threading
        from collections import OrderedDict

        self._cache: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._size, self._max_age = size, max_age

    def count(self, conn: sa.Connection, key: tuple, clauses: list) -> int:
        import time

        token = conn.execute(sa.select(sa.func.max(incidents.c.updated_at))).scalar() or ""
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == token and now - hit[2] <= self._max_age:
                self._cache.move_to_end(key)
                return hit[1]
        total = conn.execute(sa.select(sa.func.count()).select_from(incidents).where(*clauses)).scalar_one()
        with self._lock:
            self._cache[key] = (token, total, now)
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return total
