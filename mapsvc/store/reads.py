"""Reading the store: pages of incidents, single ones, counts and extent, and aggregates for the map
(clusters by map cell, counts by day, week or month).  :class:`Reading` is mixed into
:class:`mapsvc.store.store.Store`, which holds the engines (``_read``) and the count cache (``_counts``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import sqlalchemy as sa

from ..errors import InvalidParameter, MapsvcError, NotFound, StoreError
from ..model import Incident, Report
from .filters import validate_bbox, validate_categories, validate_interval, validate_paging
from .query import decode_rows, where_clauses
from .schema import corrections, incidents, reports

__all__ = ["Reading", "QueryResult", "db_errors", "SORT_MATCHES", "HISTOGRAM_INTERVALS", "bucket_start", "next_bucket"]

#: Up to this many matches of a bounded time window are sorted rather than read in date order.
SORT_MATCHES = 200_000


@dataclass(frozen=True)
class QueryResult:
    """One page of incidents and how many match in all."""

    incidents: list = field(default_factory=list)
    number_matched: int = 0


def db_errors(what: str):
    """Decorator: database failures become StoreError (chained)."""
    def wrap(func):
        @functools.wraps(func)
        def inner(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except MapsvcError:
                raise
            except sa.exc.SQLAlchemyError as exc:
                raise StoreError(f"{what} failed: {exc.__class__.__name__}: "
                                 f"{str(exc).splitlines()[0]}") from exc
        return inner
    return wrap


class Reading:
    """The read methods of the store."""

    # -- reading --------------------------------------------------------------------------

    @db_errors("query")
    def query(self, *, bbox=None, datetime=None, categories=None, q=None, limit: int = 100,
              offset: int = 0) -> QueryResult:
        """Incidents matching every filter, newest first, and how many match in all.

        Parameters
        ----------
        bbox : (minlon, minlat, maxlon, maxlat), optional
            ``minlon > maxlon`` crosses the antimeridian.
        datetime : (start, end), optional
            Closed interval of dates (either may be None); an incident matches when
            its ``[date_start, date_end]`` overlaps it. A single date is an instant.
        categories : iterable of str, optional
        q : str, optional
            Words that must all occur in title, place or quote (case-insensitive).
        limit, offset : int
            ``limit=None`` returns every match (up to ``filters.MAX_LIMIT``).
        """
        with self._read.connect() as conn:
            total, refs = self._page(conn, bbox, datetime, categories, q, limit, offset)
            if not refs:
                return QueryResult([], total)
            order = {ref.id: i for i, ref in enumerate(refs)}
            full = conn.execute(sa.select(incidents).where(incidents.c.id.in_(list(order)))).all()
            full.sort(key=lambda r: order[r.id])
            return QueryResult(decode_rows(conn, full), total)

    @db_errors("query")
    def page_refs(self, *, bbox=None, datetime=None, categories=None, q=None, limit: int = 100,
                  offset: int = 0) -> tuple[int, list]:
        """``(number matched, [(id, updated_at), ...])``: :meth:`query`'s page as references, so that a
        caller holding the features of unchanged incidents fetches only the others (:meth:`get_many`)."""
        with self._read.connect() as conn:
            total, refs = self._page(conn, bbox, datetime, categories, q, limit, offset)
        return total, [(ref.id, ref.updated_at) for ref in refs]

    @db_errors("get_many")
    def get_many(self, ids: list) -> list:
        """The incidents with these ids, in the order given (unknown ids are left out)."""
        with self._read.connect() as conn:
            rows = conn.execute(sa.select(incidents).where(incidents.c.id.in_(list(ids)))).all()
            order = {i: n for n, i in enumerate(ids)}
            rows.sort(key=lambda r: order[r.id])
            return decode_rows(conn, rows)

    @staticmethod
    def _where(conn, bbox, datetime, categories, q) -> tuple:
        """``(bbox, interval, categories, clauses)``: the filters checked, and their WHERE clauses."""
        bbox, interval = validate_bbox(bbox), validate_interval(datetime)
        categories = validate_categories(categories)
        max_duration = None
        if interval is not None and interval[0] is not None:
            max_duration = conn.execute(sa.select(sa.func.max(incidents.c.duration_days))).scalar() or 0
        clauses = where_clauses(bbox=bbox, interval=interval, categories=categories, q=q,
                                max_duration=max_duration)
        return bbox, interval, categories, clauses

    def _page(self, conn, bbox, datetime, categories, q, limit, offset) -> tuple[int, list]:
        limit, offset = validate_paging(limit, offset)
        bbox, interval, categories, clauses = self._where(conn, bbox, datetime, categories, q)
        if bbox is None:  # counting reads every matching row: keep the count while nothing changes
            key = (repr(interval), tuple(categories) if categories else None, q)
            total = self._counts.count(conn, key, clauses)
        else:  # a box is counted from the covering index, faster than asking whether anything changed
            total = conn.execute(sa.select(sa.func.count()).select_from(incidents).where(*clauses)).scalar_one()
        if limit == 0 or offset >= total:
            return total, []
        # the page's ids and order from the covering indexes (or the (date, id) index when
        # unfiltered, which stops after the page); then only the page's rows
        newest = incidents.c.date
        if interval is not None and None not in interval and total <= SORT_MATCHES:
            # few matches in a bounded window: sort them, rather than walk the (date, id)
            # index hoping to meet matches (PostgreSQL's planner does not know that date
            # and date_start go together, and may walk most of the table)
            newest = sa.func.coalesce(incidents.c.date, incidents.c.date)
        page = (sa.select(incidents.c.id, incidents.c.updated_at).where(*clauses)
                .order_by(newest.desc(), incidents.c.id).limit(limit).offset(offset))
        return total, conn.execute(page).all()

    @db_errors("get")
    def get(self, incident_id: str) -> Incident:
        """One incident by id; raises NotFound."""
        with self._read.connect() as conn:
            rows = conn.execute(sa.select(incidents).where(incidents.c.id == str(incident_id))).all()
            if not rows:
                raise NotFound(f"no incident {incident_id!r}")
            return decode_rows(conn, rows)[0]

    @db_errors("get_report")
    def get_report(self, report_id: str) -> Report:
        """One stored report by id; raises NotFound."""
        with self._read.connect() as conn:
            row = conn.execute(sa.select(reports).where(reports.c.id == str(report_id))).first()
        if row is None:
            raise NotFound(f"no report {report_id!r}")
        return Report(text=row.text, published=row.published, title=row.title, url=row.url,
                      origin=row.origin)

    def _rows(self, table: sa.Table) -> int:
        with self._read.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()

    @db_errors("count")
    def count(self) -> int:
        """How many incidents are stored."""
        return self._rows(incidents)

    @db_errors("extent")
    def extent(self) -> tuple:
        """``((minlon, minlat, maxlon, maxlat), (first date_start, last date_end))`` of the stored
        incidents, or ``(None, None)`` when there are none."""
        c = incidents.c
        with self._read.connect() as conn:
            row = conn.execute(sa.select(sa.func.min(c.lon), sa.func.min(c.lat), sa.func.max(c.lon),
                                         sa.func.max(c.lat), sa.func.min(c.date_start),
                                         sa.func.max(c.date_end))).first()
        if row is None or row[0] is None:
            return None, None
        return tuple(float(v) for v in row[:4]), (row[4], row[5])

    @db_errors("report_count")
    def report_count(self) -> int:
        """How many reports are stored."""
        return self._rows(reports)

    @db_errors("last_modified")
    def last_modified(self) -> str:
        """A token that changes whenever stored incidents change (for ETags): the
        latest change time, the incident count and the correction count."""
        with self._read.connect() as conn:
            latest = conn.execute(sa.select(sa.func.max(incidents.c.updated_at))).scalar() or ""
            n = conn.execute(sa.select(sa.func.count()).select_from(incidents)).scalar_one()
            m = conn.execute(sa.select(sa.func.count()).select_from(corrections)).scalar_one()
        return f"{latest}|{n}|{m}"

    # -- aggregates for the map -------------------------------------------------------------

    @db_errors("clusters")
    def clusters(self, *, cell: float, bbox=None, datetime=None, categories=None, q=None) -> list[dict]:
        """The matching incidents grouped by map cell (a square of ``cell`` degrees): per cell
        ``count``, ``categories`` (category -> count), the mean point ``lon``/``lat`` and, for a
        cell of one incident, its ``id``.  Every matching incident is in one cell."""
        if not 0 < float(cell) <= 360:
            raise InvalidParameter(f"cell must be in (0, 360] degrees, got {cell!r}")
        c = incidents.c
        with self._read.connect() as conn:
            _, _, _, clauses = self._where(conn, bbox, datetime, categories, q)
            cx, cy = self._cell_index(c.lon + 180.0, cell), self._cell_index(c.lat + 90.0, cell)
            rows = conn.execute(sa.select(cx.label("cx"), cy.label("cy"), c.category, sa.func.count().label("n"),
                                          sa.func.sum(c.lon).label("lon"), sa.func.sum(c.lat).label("lat"),
                                          sa.func.min(c.id).label("id"))
                                .where(*clauses).group_by("cx", "cy", c.category)).all()
        cells: dict = {}
        for row in rows:
            one = cells.setdefault((row.cx, row.cy), {"count": 0, "categories": {}, "lon": 0.0, "lat": 0.0,
                                                      "id": row.id})
            one["count"] += row.n
            one["categories"][row.category] = row.n
            one["lon"] += float(row.lon)
            one["lat"] += float(row.lat)
            one["id"] = min(one["id"], row.id)
        out = []
        for (x, y), one in sorted(cells.items()):
            n = one["count"]
            out.append({"cell": (x, y), "count": n, "categories": one["categories"], "lon": one["lon"] / n,
                        "lat": one["lat"] / n, "id": one["id"] if n == 1 else None})
        return out

    def _cell_index(self, value, cell: float):
        """floor(value / cell) for a value that is never negative (PostgreSQL rounds a cast to integer)."""
        if self.dialect == "postgresql":
            return sa.cast(sa.func.floor(value / cell), sa.Integer)
        return sa.cast(value / cell, sa.Integer)

    @db_errors("histogram")
    def histogram(self, *, interval: str = "day", bbox=None, datetime=None, categories=None, q=None) -> list:
        """``[(bucket start, count), ...]`` of the matching incidents by their date, every bucket from
        the first to the last (empty ones too); ``interval`` is day, week (from Monday) or month."""
        if interval not in HISTOGRAM_INTERVALS:
            raise InvalidParameter(f"interval must be one of {', '.join(HISTOGRAM_INTERVALS)}, got {interval!r:.20}")
        with self._read.connect() as conn:
            _, _, _, clauses = self._where(conn, bbox, datetime, categories, q)
            rows = conn.execute(sa.select(incidents.c.date, sa.func.count()).where(*clauses)
                                .group_by(incidents.c.date)).all()
        counts: dict = {}
        for day, n in rows:
            start = bucket_start(day, interval)
            counts[start] = counts.get(start, 0) + n
        if not counts:
            return []
        out, start, last = [], min(counts), max(counts)
        while start <= last:
            out.append((start, counts.get(start, 0)))
            start = next_bucket(start, interval)
        return out


HISTOGRAM_INTERVALS = ("day", "week", "month")


def bucket_start(day, interval: str):
    """The first day of the day, week (Monday) or month holding ``day``.

    >>> from datetime import date
    >>> bucket_start(date(2022, 3, 17), "week"), bucket_start(date(2022, 3, 17), "month")
    (datetime.date(2022, 3, 14), datetime.date(2022, 3, 1))
    """
    from datetime import timedelta

    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def next_bucket(start, interval: str):
    """The first day of the bucket after the one that starts on ``start``."""
    from datetime import timedelta

    if interval == "week":
        return start + timedelta(days=7)
    if interval == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)
