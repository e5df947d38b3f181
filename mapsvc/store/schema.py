"""Database schema, engines and migrations of :mod:`mapsvc.store.store` (SQLAlchemy Core).

The same tables serve SQLite (default, a WAL-mode file in the instance
folder) and PostgreSQL. ``schema_version`` records which migrations ran;
:func:`migrate` brings any older database forward under a write lock so that
several processes starting at once do not race.
"""
from __future__ import annotations

import logging
import math
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from ..errors import ConfigError, StoreError

__all__ = [
    "SCHEMA_VERSION", "metadata", "reports", "incidents", "sources", "corrections", "feeds", "jobs", "schema_version",
    "normalise_url", "make_engines", "migrate", "write_lock", "lat_band", "month_index", "utcnow",
]

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 3
SQLITE_BUSY_TIMEOUT_S = 60.0
#: PostgreSQL advisory lock key serialising writers (schema changes, ingest, corrections).
PG_WRITE_LOCK = 0x6D617073  # "maps"

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

reports = sa.Table(
    "reports", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("origin", sa.Text, nullable=False, default=""),
    sa.Column("published", sa.Date, nullable=True),
    sa.Column("ingested_at", sa.String(40), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)
# feed entries already stored are found by origin ("feed#link"); a hash index on PostgreSQL, whose
# b-trees refuse values over about 2.7 kB, as a very long link would make one
ix_reports_origin = sa.Index("ix_reports_origin", reports.c.origin, postgresql_using="hash")

incidents = sa.Table(
    "incidents", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lat_band", sa.Integer, nullable=False),  # floor(lat): the bbox index's first key
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("date_start", sa.Date, nullable=False),
    sa.Column("date_end", sa.Date, nullable=False),
    # date_end - date_start in days; MAX over its index bounds date_start from below in queries
    sa.Column("duration_days", sa.Integer, nullable=False, default=0),
    sa.Column("start_month", sa.Integer, nullable=False),  # year * 12 + month - 1 of date_start
    sa.Column("date_precision", sa.String(8), nullable=False, default="day"),
    sa.Column("place_name", sa.Text, nullable=False, default=""),
    sa.Column("place_kind", sa.String(32), nullable=False, default=""),
    sa.Column("place_admin", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("gazetteer_id", sa.String(64), nullable=False, default=""),
    sa.Column("geo_precision", sa.Integer, nullable=False, default=1),
    sa.Column("radius_km", sa.Float, nullable=False, default=0.0),
    sa.Column("counts", sa.Text, nullable=False, default="{}"),  # JSON object
    sa.Column("quote", sa.Text, nullable=False, default=""),
    sa.Column("area", sa.Text, nullable=True),  # JSON geometry
    sa.Column("search", sa.Text, nullable=False, default=""),  # lower-cased text for q=
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    # bbox queries: equality on lat_band, range on lon; the other columns make the index
    # covering for filtering, counting and ordering, so only the returned page touches the table
    sa.Index("ix_incidents_band_lon", "lat_band", "lon", "lat", "date_start", "date_end", "category",
             "date", "id"),
    # bbox + time queries: equality on start_month (IN list) and lat_band, range on lon
    sa.Index("ix_incidents_month_band", "start_month", "lat_band", "lon", "lat", "date_start", "date_end",
             "category", "date", "id"),
    sa.Index("ix_incidents_duration", "duration_days"),
    sa.Index("ix_incidents_date_id", "date", "id"),
    sa.Index("ix_incidents_category", "category", "date_start"),
    sa.Index("ix_incidents_updated", "updated_at"),
)

sources = sa.Table(
    "sources", metadata,
    sa.Column("incident_id", sa.String(64), sa.ForeignKey("incidents.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("report_id", sa.String(40), sa.ForeignKey("reports.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("span_start", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("span_end", sa.Integer, primary_key=True, autoincrement=False),
    sa.Index("ix_sources_report", "report_id"),
)

corrections = sa.Table(
    "corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.String(64), nullable=False, index=True),
    # the source the incident was first known by, to find it again after re-extraction
    sa.Column("anchor_report", sa.String(40), nullable=False, default=""),
    sa.Column("anchor_start", sa.Integer, nullable=False, default=0),
    sa.Column("anchor_end", sa.Integer, nullable=False, default=0),
    sa.Column("field", sa.String(32), nullable=False),
    sa.Column("value", sa.Text, nullable=False),  # JSON
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("created_at", sa.String(40), nullable=False),
)

#: Watched RSS/Atom feeds (``mapsvc watch``): what the next conditional GET sends and when it is due.
feeds = sa.Table(
    "feeds", metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text, nullable=False, default=""),
    sa.Column("last_modified", sa.Text, nullable=False, default=""),
    sa.Column("last_polled", sa.String(40), nullable=False, default=""),
    sa.Column("last_status", sa.Text, nullable=False, default=""),
    sa.Column("errors", sa.Integer, nullable=False, default=0),  # consecutive failed polls
    # a claimed feed's next_due is pushed past the poll (a lease), so other watchers skip it
    sa.Column("next_due", sa.String(40), nullable=False, default=""),
    sa.Index("ix_feeds_next_due", "next_due"),
)

#: The job queue (:mod:`.jobs`): reports posted to be extracted off the request path (``mapsvc work``).
jobs = sa.Table(
    "jobs", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(32), nullable=False),  # "report"
    sa.Column("payload", sa.Text, nullable=False),  # JSON: the report's text and metadata
    sa.Column("status", sa.String(16), nullable=False, default="queued"),  # queued, running, done, failed
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("error", sa.Text, nullable=False, default=""),  # the last failure, one line
    sa.Column("result", sa.Text, nullable=False, default=""),  # JSON: the report id and incident counts
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("started_at", sa.String(40), nullable=False, default=""),
    sa.Column("finished_at", sa.String(40), nullable=False, default=""),
    # a running job's lease: past it, the worker is taken for gone and another may claim the job
    sa.Column("lease_until", sa.String(40), nullable=False, default=""),
    sa.Index("ix_jobs_status_created", "status", "created_at", "id"),
)


def utcnow() -> str:
    """Now, as a sortable ISO timestamp with microseconds (UTC)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def month_index(day) -> int:
    """The month bucket of a date (``year * 12 + month - 1``).

    >>> from datetime import date
    >>> month_index(date(2022, 3, 15)) - month_index(date(2021, 12, 31))
    3
    """
    return day.year * 12 + day.month - 1


def lat_band(lat: float) -> int:
    """The integer latitude band an incident is indexed under (``floor(lat)``, 90 folded to 89)."""
    return min(int(math.floor(lat)), 89)


def normalise_url(url: str) -> str:
    """Choose the installed PostgreSQL driver (psycopg 3) for bare ``postgresql://`` URLs.

    >>> normalise_url("postgres://u@h/db")
    'postgresql+psycopg://u@h/db'
    >>> normalise_url("sqlite:///x.db")
    'sqlite:///x.db'
    """
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_engine(url) -> sa.Engine:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - trivial
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):
        # writers take the lock up front so that concurrent writers wait (busy timeout)
        # instead of failing on a read-to-write upgrade
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def make_engines(url: str) -> tuple[sa.Engine, sa.Engine]:
    """A reading engine and a writing engine for ``url`` (the same pool).

    Raises :class:`ConfigError` for an unusable URL.
    """
    try:
        parsed = make_url(normalise_url(url))
    except sa.exc.ArgumentError as exc:
        raise ConfigError(f"DATABASE_URL {url!r} is not a database URL") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(parsed)
            return engine, engine.execution_options(sqlite_begin="IMMEDIATE")
        engine = sa.create_engine(parsed, pool_pre_ping=True)
    except (ImportError, sa.exc.NoSuchModuleError) as exc:
        raise ConfigError(f"DATABASE_URL {url!r}: no driver for it ({exc})") from exc
    return engine, engine


def write_lock(conn: sa.Connection) -> None:
    """Serialise writers: SQLite already holds its write lock (BEGIN IMMEDIATE); PostgreSQL takes
    a transaction-scoped advisory lock."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})


def _current_version(conn: sa.Connection) -> int:
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def _to_v1(conn: sa.Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


def _to_v2(conn: sa.Connection) -> None:
    feeds.create(conn, checkfirst=True)
    ix_reports_origin.create(conn, checkfirst=True)


def _to_v3(conn: sa.Connection) -> None:
    jobs.create(conn, checkfirst=True)


#: version -> function bringing the schema from version-1 to it
MIGRATIONS = {1: _to_v1, 2: _to_v2, 3: _to_v3}


def migrate(write_engine: sa.Engine) -> int:
    """Create or upgrade the schema; return the version now in place."""
    try:
        with write_engine.begin() as conn:
            write_lock(conn)
            current = _current_version(conn)
            if current > SCHEMA_VERSION:
                raise StoreError(f"database schema version {current} is newer than this mapsvc "
                                 f"({SCHEMA_VERSION}); upgrade mapsvc")
            for version in range(current + 1, SCHEMA_VERSION + 1):
                logger.info("migrating store schema to version %d", version)
                MIGRATIONS[version](conn)
                conn.execute(schema_version.insert().values(version=version, applied_at=utcnow()))
            return max(current, SCHEMA_VERSION)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"cannot create or migrate the database schema: {exc}") from exc
