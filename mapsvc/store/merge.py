"""Writing incidents: validation, rows, merging across reports, corrections.

Two incidents from different reports are the same event when they have the
same category, overlapping date ranges and each lies within the other's
radius (at least :data:`MERGE_MIN_KM`, so two precise points at one place
still meet). Incidents of one report never merge with each other: the
extractor already decided they are different events.
"""
from __future__ import annotations

import hashlib
import json
import math
from datetime import date
from typing import Optional

import sqlalchemy as sa

from ..config import DEFAULTS
from ..errors import InvalidParameter
from ..geodesy import haversine_km
from ..model import CATEGORIES, DATE_PRECISIONS, Incident, check_point
from ..text.reports import parse_date
from .query import search_text
from .schema import corrections, incidents, lat_band, month_index, sources

__all__ = ["MERGE_MIN_KM", "check_incident", "incident_row", "find_merge_target", "merge_into",
           "apply_corrections", "reanchor_corrections", "unique_id", "store_incidents", "CORRECTABLE",
           "replace_report_incidents", "report_changes", "capped_links", "MAX_SOURCES"]

#: Two incidents closer than this may merge even when both radii are smaller.
MERGE_MIN_KM = 1.0
#: Source spans kept per incident unless the store is told otherwise (``MAX_SOURCES``).
MAX_SOURCES = DEFAULTS["MAX_SOURCES"]
#: Fields a human correction may set (``counts``: a JSON object of the nouns corrected).  A correction
#: that only adds a note is stored under the field ``note`` and changes nothing else.
CORRECTABLE = ("lon", "lat", "category", "date", "place_name", "title", "counts")


def check_incident(inc: Incident) -> None:
    """Raise InvalidParameter when an incident cannot be stored."""
    if inc.category not in CATEGORIES:
        raise InvalidParameter(f"incident {inc.id!r}: unknown category {inc.category!r}")
    check_point(inc.lon, inc.lat, what=f"incident {inc.id!r}")
    for name in ("date", "date_start", "date_end"):
        if not isinstance(getattr(inc, name), date):
            raise InvalidParameter(f"incident {inc.id!r}: {name} is not a date")
    if inc.date_start > inc.date_end:
        raise InvalidParameter(f"incident {inc.id!r}: date_start is after date_end")


def _clean(text) -> str:
    """Text as a database can hold it (PostgreSQL refuses NUL characters)."""
    return str(text or "").replace("\x00", "\ufffd")


def incident_row(inc: Incident, *, now: str) -> dict:
    """The ``incidents`` row of an incident (without its sources)."""
    row = {
        "id": inc.id, "category": inc.category, "title": inc.title or "", "lon": float(inc.lon),
        "lat": float(inc.lat), "lat_band": lat_band(float(inc.lat)), "date": inc.date,
        "date_start": inc.date_start, "date_end": inc.date_end,
        "duration_days": (inc.date_end - inc.date_start).days, "start_month": month_index(inc.date_start),
        "date_precision": inc.date_precision or "day", "place_name": inc.place_name or "",
        "place_kind": inc.place_kind or "", "place_admin": json.dumps(list(inc.place_admin or ())),
        "gazetteer_id": inc.gazetteer_id or "", "geo_precision": int(inc.geo_precision),
        "radius_km": float(inc.radius_km or 0.0),
        "counts": json.dumps({str(k): int(v) for k, v in dict(inc.counts or {}).items()}, sort_keys=True),
        "quote": inc.quote or "", "area": json.dumps(inc.area) if inc.area else None,
        "search": search_text(inc.title, inc.place_name, " ".join(inc.place_admin or ()), inc.quote),
        "created_at": now, "updated_at": now,
    }
    for key in ("title", "place_name", "place_kind", "place_admin", "gazetteer_id", "quote", "search"):
        row[key] = _clean(row[key])
    return row


_ID_TAKEN = sa.select(incidents.c.id).where(incidents.c.id == sa.bindparam("id"))


def _id_free(conn: sa.Connection, candidate: str, taken) -> bool:
    return candidate not in taken and conn.execute(_ID_TAKEN, {"id": candidate}).first() is None


def unique_id(conn: sa.Connection, inc: Incident, report_id: str, *, taken=frozenset()) -> str:
    """The incident's own id when free (in the database and in ``taken``), else one derived
    from the report and that id."""
    wanted = inc.id or ""
    if wanted and _id_free(conn, wanted, taken):
        return wanted
    seed = f"{report_id}\n{wanted}\n{inc.category}\n{inc.lon:.6f},{inc.lat:.6f}\n{inc.date}"
    for salt in range(1000):
        candidate = "inc-" + hashlib.sha256(f"{seed}\n{salt}".encode()).hexdigest()[:12]
        if _id_free(conn, candidate, taken):
            return candidate
    raise RuntimeError("cannot find a free incident id")  # pragma: no cover


def _candidates_statement(lon_mode: str):
    """The merge-candidate query, built once per longitude mode (statements are cached)."""
    col, bp = incidents.c, sa.bindparam
    clauses = [col.category == bp("category"), col.date_start <= bp("end"), col.date_end >= bp("start"),
               # an IN list (not BETWEEN) so that SQLite's planner picks the (lat_band, lon) index
               col.lat_band.in_(bp("bands", expanding=True)), col.lat.between(bp("lat_lo"), bp("lat_hi"))]
    if lon_mode == "plain":
        clauses.append(col.lon.between(bp("lon_lo"), bp("lon_hi")))
    elif lon_mode == "wrap":  # the window crosses the antimeridian
        clauses.append(sa.or_(col.lon >= bp("lon_lo"), col.lon <= bp("lon_hi")))
    return (sa.select(col.id, col.lon, col.lat, col.radius_km, col.date)
            .where(*clauses).limit(200))


_CANDIDATES = {mode: _candidates_statement(mode) for mode in ("plain", "wrap", "any")}


def find_merge_target(conn: sa.Connection, inc: Incident, *, exclude=frozenset()) -> Optional[str]:
    """The id of a stored incident that is the same event, or None.

    ``exclude`` holds the ids the current report already produced or merged into
    (a report's incidents never merge with each other)."""
    reach = max(float(inc.radius_km or 0.0), MERGE_MIN_KM)
    dlat = reach / 111.0 + 1e-9
    coslat = max(math.cos(math.radians(min(abs(inc.lat) + dlat, 89.9))), 1e-6)
    dlon = reach / (111.320 * coslat) + 1e-9
    lat_lo, lat_hi = max(inc.lat - dlat, -90.0), min(inc.lat + dlat, 90.0)
    params = {"category": inc.category, "start": inc.date_start, "end": inc.date_end,
              "bands": list(range(lat_band(lat_lo), lat_band(lat_hi) + 1)), "lat_lo": lat_lo, "lat_hi": lat_hi}
    lo, hi = inc.lon - dlon, inc.lon + dlon
    if dlon >= 180:
        mode = "any"
    elif lo < -180:
        mode, params["lon_lo"], params["lon_hi"] = "wrap", lo + 360, hi
    elif hi > 180:
        mode, params["lon_lo"], params["lon_hi"] = "wrap", lo, hi - 360
    else:
        mode, params["lon_lo"], params["lon_hi"] = "plain", lo, hi
    best = None
    for row in conn.execute(_CANDIDATES[mode], params):
        if row.id in exclude:
            continue
        dist = haversine_km(inc.lon, inc.lat, row.lon, row.lat)
        if dist > max(min(float(inc.radius_km or 0.0), row.radius_km), MERGE_MIN_KM):
            continue
        key = (dist, abs((row.date - inc.date).days), row.id)
        if best is None or key < best[0]:
            best = (key, row.id)
    return best[1] if best else None


def _finer(a: str, b: str) -> bool:
    """Is date precision ``a`` finer than ``b``?"""
    order = {p: i for i, p in enumerate(DATE_PRECISIONS)}
    return order.get(a, 99) < order.get(b, 99)


def merge_into(conn: sa.Connection, target_id: str, inc: Incident, *, now: str) -> None:
    """Fold a newly reported incident into a stored one (sources are added by the caller).

    Counts keep the highest figure per noun (later reports revise tolls upward);
    place and date come from whichever report is more precise; corrections are
    re-applied afterwards so that they win.
    """
    row = conn.execute(sa.select(incidents).where(incidents.c.id == target_id)).one()
    counts = json.loads(row.counts)
    for noun, value in dict(inc.counts or {}).items():
        counts[noun] = max(int(value), int(counts.get(noun, 0)))
    update: dict = {"counts": json.dumps(counts, sort_keys=True), "updated_at": now}
    if int(inc.geo_precision) < row.geo_precision or (
            int(inc.geo_precision) == row.geo_precision and 0 < inc.radius_km < row.radius_km):
        new = incident_row(inc, now=now)
        for key in ("lon", "lat", "lat_band", "place_name", "place_kind", "place_admin",
                    "gazetteer_id", "geo_precision", "radius_km", "area"):
            update[key] = new[key]
    if _finer(inc.date_precision, row.date_precision):
        update.update(date=inc.date, date_start=inc.date_start, date_end=inc.date_end,
                      duration_days=(inc.date_end - inc.date_start).days,
                      start_month=month_index(inc.date_start), date_precision=inc.date_precision)
    if not row.quote and inc.quote:
        update["quote"] = inc.quote
    place = update.get("place_name", row.place_name)
    admin = " ".join(json.loads(update.get("place_admin", row.place_admin)))
    update["search"] = search_text(row.title, place, admin, update.get("quote", row.quote), inc.title)
    conn.execute(incidents.update().where(incidents.c.id == target_id).values(**update))
    apply_corrections(conn, target_id, now=now)


def apply_corrections(conn: sa.Connection, incident_id: str, *, now: str) -> int:
    """Re-apply every stored correction of an incident, oldest first; return how many."""
    rows = conn.execute(sa.select(corrections.c.field, corrections.c.value)
                        .where(corrections.c.incident_id == incident_id)
                        .order_by(corrections.c.id)).all()
    if not rows:
        return 0
    row = conn.execute(sa.select(incidents.c.title, incidents.c.place_name, incidents.c.place_admin,
                                 incidents.c.quote, incidents.c.counts)
                       .where(incidents.c.id == incident_id)).one()
    update: dict = {}
    counts = json.loads(row.counts)
    for field, raw in rows:
        value = json.loads(raw)
        if field == "date":
            day = parse_date(value)
            update.update(date=day, date_start=day, date_end=day, duration_days=0,
                          start_month=month_index(day), date_precision="day")
        elif field == "lat":
            update.update(lat=float(value), lat_band=lat_band(float(value)))
        elif field == "counts":  # only the nouns corrected; a later report's other counts stay
            counts.update({str(k): int(v) for k, v in value.items()})
        elif field in CORRECTABLE:
            update[field] = value
    update.update(counts=json.dumps(counts, sort_keys=True), updated_at=now)
    if "place_name" in update or "title" in update:  # keep q= finding the corrected words
        update["search"] = search_text(update.get("title", row.title), update.get("place_name", row.place_name),
                                       " ".join(json.loads(row.place_admin)), row.quote)
    conn.execute(incidents.update().where(incidents.c.id == incident_id).values(**update))
    return len(rows)


def source_rows(incident_id: str, report_id: str, inc: Incident) -> list[dict]:
    """Source rows linking an incident to the report (one per quoted span)."""
    spans = {tuple(int(x) for x in (s.span or (0, 0))[:2]) for s in inc.sources} or {(0, 0)}
    return [{"incident_id": incident_id, "report_id": report_id, "span_start": start,
             "span_end": end} for start, end in sorted(spans)]


def store_incidents(conn: sa.Connection, report_id: str, items: list, *, now: str,
                    max_sources: int = MAX_SOURCES) -> tuple[int, int]:
    """Insert or merge a report's incidents and link them to it (at most ``max_sources`` source spans
    per incident: :func:`capped_links`); return (new, merged)."""
    new = merged = 0
    rows, links, taken = [], [], set()
    for inc in items:
        target = find_merge_target(conn, inc, exclude=taken)
        if target is None:
            target = unique_id(conn, inc, report_id, taken=taken)
            rows.append(dict(incident_row(inc, now=now), id=target))
            new += 1
        else:
            merge_into(conn, target, inc, now=now)
            merged += 1
        taken.add(target)
        links.extend(source_rows(target, report_id, inc))
    if rows:
        conn.execute(incidents.insert(), rows)
    links = capped_links(conn, links, max_sources=max_sources)
    if links:
        conn.execute(sources.insert(), links)
    return new, merged


def capped_links(conn: sa.Connection, links: list, *, max_sources: int) -> list:
    """The source rows to add, leaving each incident with at most ``max_sources`` of them: the first
    ones stay, so an incident reported hundreds of times keeps its earliest sources and a bounded
    size (its figures, place and date still take every report in)."""
    room: dict = {}
    kept = []
    for link in links:
        incident_id = link["incident_id"]
        if incident_id not in room:
            held = conn.execute(sa.select(sa.func.count()).select_from(sources)
                                .where(sources.c.incident_id == incident_id)).scalar_one()
            room[incident_id] = max(0, int(max_sources) - held)
        if room[incident_id] > 0:
            room[incident_id] -= 1
            kept.append(link)
    return kept


def reanchor_corrections(conn: sa.Connection, report_id: str, *, now: str) -> int:
    """After re-extracting a report: point corrections whose incident is gone at the incident
    now holding their anchor (the report and quote span it was first known by), and re-apply
    the corrections of every incident of the report; return how many moved."""
    gone = sa.select(incidents.c.id).where(incidents.c.id == corrections.c.incident_id)
    rows = conn.execute(sa.select(corrections.c.id, corrections.c.anchor_report, corrections.c.anchor_start,
                                  corrections.c.anchor_end).where(~sa.exists(gone))).all()
    moved = 0
    again = {r.incident_id for r in conn.execute(
        sa.select(sources.c.incident_id).where(sources.c.report_id == report_id))}
    for row in rows:
        hit = conn.execute(
            sa.select(sources.c.incident_id).where(
                sources.c.report_id == row.anchor_report,
                sa.or_(sa.and_(sources.c.span_start == row.anchor_start, sources.c.span_end == row.anchor_end),
                       sa.and_(sources.c.span_start < row.anchor_end, sources.c.span_end > row.anchor_start)))
            .order_by(sources.c.span_start).limit(1)).first()
        if hit is None:
            continue
        conn.execute(corrections.update().where(corrections.c.id == row.id).values(incident_id=hit.incident_id))
        again.add(hit.incident_id)
        moved += 1
    for incident_id in sorted(again):
        apply_corrections(conn, incident_id, now=now)
    return moved


def report_changes(report, stored) -> dict:
    """The ``reports`` columns a copy of a stored report changes: its publication date or title when it
    gives one that differs from the stored ``(published, title)`` row (what it leaves out stays)."""
    changes = {}
    if report.published is not None and report.published != stored.published:
        changes["published"] = report.published
    if report.title and report.title != stored.title:
        changes["title"] = report.title
    return changes


def replace_report_incidents(conn: sa.Connection, report_id: str, items: list, *, now: str,
                             max_sources: int = MAX_SOURCES) -> tuple[int, int]:
    """Replace what a stored report says with ``items`` (re-extraction): its sources go, incidents no
    other report holds go, ``items`` are stored or merged, corrections are re-anchored and re-applied;
    return (new, merged)."""
    old = sa.select(sources.c.incident_id).where(sources.c.report_id == report_id)
    touched = [r.incident_id for r in conn.execute(old)]
    conn.execute(sources.delete().where(sources.c.report_id == report_id))
    orphans = sa.select(sources.c.incident_id).where(sources.c.incident_id == incidents.c.id)
    conn.execute(incidents.delete().where(incidents.c.id.in_(touched), ~sa.exists(orphans)))
    new, merged = store_incidents(conn, report_id, items, now=now, max_sources=max_sources)
    reanchor_corrections(conn, report_id, now=now)
    return new, merged
