"""The incident store: idempotent ingest, merging across reports, queries, corrections.

SQLAlchemy Core over a SQLite file (default, WAL mode) or PostgreSQL
(``DATABASE_URL=postgresql://...``); the same code runs on both. Each report
is ingested in one transaction under a write lock, so a crash leaves no half
report and concurrent writers neither lose nor double anything.

>>> import tempfile, os
>>> from datetime import date
>>> from mapsvc.model import Report, Incident
>>> store = Store("sqlite:///" + os.path.join(tempfile.mkdtemp(), "s.db"))
>>> d = date(2022, 3, 15)
>>> inc = Incident(id="inc-1", category="strike", title="Strike", lon=30.4, lat=50.5,
...                date=d, date_start=d, date_end=d, radius_km=5)
>>> store.ingest(Report("Text", published=d), [inc]).incidents_new
1
>>> store.ingest(Report("Text", published=d), [inc]).new
False
>>> store.query(bbox=(30, 50, 31, 51)).number_matched
1
>>> store.close()
"""
from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Optional

import sqlalchemy as sa

from ..errors import InvalidParameter, NotFound
from ..model import CATEGORIES, COUNT_KEYS, Incident, Report, check_coordinate
from ..text.reports import parse_date
from .feeds import FeedStates
from .jobs import JobQueue
from .merge import (CORRECTABLE, MAX_SOURCES, apply_corrections, check_incident, replace_report_incidents, report_changes,
                    store_incidents)
from .query import MatchCounts
from .reads import QueryResult, Reading, db_errors as _db_errors
from .schema import (corrections, incidents, make_engines, migrate, reports, schema_version, sources,
                     utcnow, write_lock)

__all__ = ["Store", "IngestResult", "QueryResult"]

logger = logging.getLogger(__name__)

#: The largest figure a count correction takes.
MAX_COUNT = 10**9


def check_counts(counts) -> dict:
    """Corrected counts: ``{noun: int}`` with nouns of :data:`~mapsvc.model.COUNT_KEYS`; raises InvalidParameter.

    >>> check_counts({"killed": 3})
    {'killed': 3}
    """
    if not isinstance(counts, dict) or not counts:
        raise InvalidParameter("counts must be an object of count nouns and figures")
    out = {}
    for noun, value in counts.items():
        if noun not in COUNT_KEYS:
            raise InvalidParameter(f"unknown count {noun!r:.40}; use {', '.join(COUNT_KEYS)}")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
            raise InvalidParameter(f"counts.{noun} must be a whole number from 0 to {MAX_COUNT}, got {value!r:.40}")
        out[noun] = value
    return out


@dataclass(frozen=True)
class IngestResult:
    """What one ingest did."""

    report_id: str
    new: bool
    incidents_new: int = 0
    incidents_merged: int = 0
    updated: bool = False  # stored already; a new date or title replaced its incidents


class Store(Reading, FeedStates, JobQueue):
    """Incidents and reports in one database.

    Parameters
    ----------
    url : str
        SQLAlchemy URL: ``sqlite:///path/to/file.sqlite3`` or ``postgresql://user@host/db``.
    create : bool
        Create or migrate the schema (default). With False the schema must exist.
    max_sources : int
        Source spans kept per incident (``MAX_SOURCES``): the first ones.
    """

    def __init__(self, url: str, *, create: bool = True, max_sources: int = MAX_SOURCES):
        self.url = url
        self.max_sources = int(max_sources)
        self._read, self._write = make_engines(url)
        self._counts = MatchCounts()
        if create:
            migrate(self._write)

    @classmethod
    def from_config(cls, cfg: dict, *, create: bool = True) -> "Store":
        """The store of a configuration (``cfg["DATABASE_URL"]``)."""
        return cls(cfg["DATABASE_URL"], create=create, max_sources=int(cfg.get("MAX_SOURCES") or MAX_SOURCES))

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({sa.engine.make_url(self._read.url).render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        """Release every database connection."""
        self._read.dispose()

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._read.dialect.name

    # -- ingest ---------------------------------------------------------------------------

    def has_report(self, report: Report) -> bool:
        """Is a report with this text already stored?"""
        return self._stored_report(report) is not None

    def _stored_report(self, report: Report):
        """The stored ``(published, title)`` row of a report with this text, or None."""
        with self._read.connect() as conn:
            stmt = sa.select(reports.c.published, reports.c.title).where(
                reports.c.content_hash == report.content_hash)
            return conn.execute(stmt).first()

    @_db_errors("ingest")
    def ingest(self, report: Report, incidents_in: Iterable[Incident]) -> IngestResult:
        """Store a report and its incidents in one transaction; idempotent by content hash.

        Incidents that are the same event as a stored one from another report are
        merged into it (one id, both sources). A report stored already with another
        publication date or title (:func:`~mapsvc.store.merge.report_changes`) takes the new
        ones and ``incidents_in`` replace its incidents (``updated``); with the same ones nothing
        changes. Raises InvalidParameter for an incident that cannot be stored, and then stores nothing.
        """
        items = list(incidents_in)
        if not isinstance(report.text, str) or "\x00" in report.text:
            raise InvalidParameter(f"report {report.id}: the text must be text without NUL characters")
        for inc in items:
            check_incident(inc)
        now = utcnow()
        with self._write.begin() as conn:
            write_lock(conn)
            stored = conn.execute(sa.select(reports.c.published, reports.c.title).where(
                reports.c.content_hash == report.content_hash)).first()
            if stored is not None:
                changes = report_changes(report, stored)
                if not changes:
                    return IngestResult(report.id, False)
                conn.execute(reports.update().where(reports.c.id == report.id).values(**changes))
                new, merged = replace_report_incidents(conn, report.id, items, now=now, max_sources=self.max_sources)
                logger.info("updated %s (%s): incidents re-extracted", report.id, ", ".join(changes))
                return IngestResult(report.id, False, new, merged, updated=True)
            conn.execute(reports.insert().values(
                id=report.id, content_hash=report.content_hash, title=report.title or "",
                url=report.url or "", origin=report.origin or "", published=report.published,
                ingested_at=now, text=report.text))
            new, merged = store_incidents(conn, report.id, items, now=now, max_sources=self.max_sources)
        logger.info("ingested %s: %d new incidents, %d merged", report.id, new, merged)
        return IngestResult(report.id, True, new, merged)

    def ingest_report(self, report: Report, *, extractor: Callable[[Report], list]) -> IngestResult:
        """Ingest a report, running ``extractor(report) -> incidents`` only when it is new or comes with
        another publication date or title than the stored copy (then re-extracted with them)."""
        stored = self._stored_report(report)
        if stored is None:
            return self.ingest(report, extractor(report))
        if not report_changes(report, stored):
            return IngestResult(report.id, False)
        # what the new copy does not say (a title, a date) is kept from the stored one
        report = dataclasses.replace(report, published=report.published or stored.published,
                                     title=report.title or stored.title)
        return self.ingest(report, extractor(report))

    @_db_errors("reextract")
    def reextract(self, *, extractor: Callable[[Report], list], report_ids=None) -> dict:
        """Run ``extractor`` again over stored reports (all, or ``report_ids``) and replace
        their incidents; human corrections are carried over and win.

        Each report is redone in its own transaction. Returns counts
        ``{"reports", "incidents_new", "incidents_merged", "failed"}``.
        """
        with self._read.connect() as conn:
            stmt = sa.select(reports.c.id).order_by(reports.c.ingested_at, reports.c.id)
            ids = [r.id for r in conn.execute(stmt)] if report_ids is None else list(report_ids)
        totals = {"reports": 0, "incidents_new": 0, "incidents_merged": 0, "failed": 0}
        for report_id in ids:
            report = self.get_report(report_id)
            try:
                items = list(extractor(report))
                for inc in items:
                    check_incident(inc)
            except Exception as exc:  # keep the old incidents of a report the extractor fails on
                logger.warning("re-extraction of %s failed, kept as it was: %s", report_id, exc)
                totals["failed"] += 1
                continue
            with self._write.begin() as conn:
                write_lock(conn)
                new, merged = replace_report_incidents(conn, report_id, items, now=utcnow(),
                                                       max_sources=self.max_sources)
            totals["reports"] += 1
            totals["incidents_new"] += new
            totals["incidents_merged"] += merged
        return totals

    @_db_errors("write check")
    def check_writable(self) -> None:
        """Raise :class:`StoreError` unless the database accepts a write (rolled back)."""
        with self._write.connect() as conn:
            with conn.begin() as transaction:
                conn.execute(schema_version.update().values(applied_at=schema_version.c.applied_at))
                transaction.rollback()

    # -- corrections ----------------------------------------------------------------------

    @staticmethod
    def _correction_values(lon, lat, category, date_, place_name, title=None, counts=None) -> dict:
        values: dict = {}
        for axis, value in (("lon", lon), ("lat", lat)):
            if value is not None:
                values[axis] = check_coordinate(axis, value)
        if category is not None:
            if category not in CATEGORIES:
                raise InvalidParameter(f"unknown category {category!r}")
            values["category"] = category
        if date_ is not None:
            values["date"] = parse_date(date_).isoformat()
        for name, text in (("place_name", place_name), ("title", title)):
            if text is not None:
                if not isinstance(text, str) or not text.strip():
                    raise InvalidParameter(f"{name} must be non-empty text")
                values[name] = text.strip()
        if counts is not None:
            values["counts"] = check_counts(counts)
        return values

    @_db_errors("correct")
    def correct(self, incident_id: str, *, lon=None, lat=None, category=None, date: Optional[date] = None,
                place_name=None, title=None, counts=None, note: str = "") -> Incident:
        """Record a human correction (kept apart, re-applied after merges and re-extraction)
        and return the corrected incident; ``counts`` maps count nouns to the corrected figures, and a
        ``note`` alone is recorded as a correction that changes nothing else. Raises NotFound and
        InvalidParameter."""
        values = self._correction_values(lon, lat, category, date, place_name, title, counts)
        if not values and not str(note or "").strip():
            raise InvalidParameter(f"a correction needs at least one of {', '.join(CORRECTABLE)} or a note")
        values = values or {"note": str(note).strip()}
        now = utcnow()
        with self._write.begin() as conn:
            write_lock(conn)
            if conn.execute(sa.select(incidents.c.id).where(incidents.c.id == incident_id)).first() is None:
                raise NotFound(f"no incident {incident_id!r}")
            anchor = conn.execute(sa.select(sources.c.report_id, sources.c.span_start, sources.c.span_end)
                                  .where(sources.c.incident_id == incident_id)
                                  .order_by(sources.c.report_id, sources.c.span_start)).first()
            for name, value in values.items():
                conn.execute(corrections.insert().values(
                    incident_id=incident_id, field=name, value=json.dumps(value), note=str(note or ""),
                    created_at=now, anchor_report=anchor.report_id if anchor else "",
                    anchor_start=anchor.span_start if anchor else 0,
                    anchor_end=anchor.span_end if anchor else 0))
            apply_corrections(conn, incident_id, now=now)
        return self.get(incident_id)

    @_db_errors("corrections")
    def corrections_of(self, incident_id: str) -> list[dict]:
        """The corrections recorded for an incident, oldest first."""
        with self._read.connect() as conn:
            rows = conn.execute(sa.select(corrections).where(corrections.c.incident_id == incident_id)
                                .order_by(corrections.c.id)).all()
        return [{"field": r.field, "value": json.loads(r.value), "note": r.note,
                 "created_at": r.created_at} for r in rows]
