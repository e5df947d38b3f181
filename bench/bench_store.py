"""Store benchmarks: ingest rate and bbox+date query latency.

Usage (from the project root)::

    python bench/bench_store.py ingest [--db sqlite|postgresql] [--reports 200] [--gazetteer PATH]
    python bench/bench_store.py query  [--db sqlite|postgresql] [--sizes 100000,1000000] [--queries 200]

``ingest`` measures reports/s end to end (read report files from a temporary
directory, extract, store) with the real extractor when ``mapsvc.extract.pipeline`` is
available (``--extractor synthetic`` otherwise), on a fresh database.
``query`` bulk-loads N synthetic incidents (clustered around a few hotspots
over a uniform background, three years of dates, one source each) and times
``Store.query(bbox=..., datetime=..., limit=100)`` for city-sized (0.5 deg),
region-sized (5 deg) and whole-world boxes with 30-day windows, and the
unfiltered first page, reporting p50/p95 in ms.
PostgreSQL uses ``MAPSVC_TEST_DATABASE_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``) in a throwaway schema.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from mapsvc.model import CATEGORIES, Incident, Report, Source  # noqa: E402
from mapsvc.store.store import Store  # noqa: E402
from mapsvc.store.merge import incident_row  # noqa: E402
from mapsvc.store.schema import incidents, reports, sources, utcnow  # noqa: E402

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HOTSPOTS = [(31.0, 48.5, 4.0), (32.5, 15.5, 2.0), (34.4, 31.4, 0.3), (38.0, 35.5, 2.0), (22.6, 32.7, 1.0),
            (36.8, -1.3, 3.0), (-72.3, 18.5, 1.0), (96.0, 20.0, 3.0)]  # lon, lat, spread (deg)
CATS = list(CATEGORIES)
DAY0 = date(2021, 1, 1)
SPAN_DAYS = 3 * 365


class Database:
    """A throwaway database: a SQLite file in a temp dir, or a PostgreSQL schema."""

    def __init__(self, kind: str):
        self.kind = kind
        self.schema = None
        if kind == "sqlite":
            self.dir = tempfile.mkdtemp(prefix="bench_store_")
            self.url = f"sqlite:///{self.dir}/bench.sqlite3"
        else:
            base = os.environ.get("MAPSVC_TEST_DATABASE_URL") or PG_DEFAULT
            self.schema = "bench_" + uuid.uuid4().hex[:8]
            self.admin = sa.create_engine(base)
            with self.admin.begin() as conn:
                conn.execute(sa.text(f'CREATE SCHEMA "{self.schema}"'))
            self.url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{self.schema}"

    def drop(self) -> None:
        if self.schema:
            with self.admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            self.admin.dispose()
        else:
            for p in Path(self.dir).glob("*"):
                p.unlink()
            os.rmdir(self.dir)


def synthetic_point(rng: random.Random) -> tuple[float, float]:
    if rng.random() < 0.2:
        return rng.uniform(-180, 180), rng.uniform(-60, 75)
    lon, lat, spread = rng.choice(HOTSPOTS)
    return (max(-180.0, min(180.0, rng.gauss(lon, spread))), max(-89.0, min(89.0, rng.gauss(lat, spread))))


def synthetic_incident(i: int, rng: random.Random) -> Incident:
    lon, lat = synthetic_point(rng)
    start = DAY0 + timedelta(days=rng.randrange(SPAN_DAYS))
    end = start + timedelta(days=rng.choice([0, 0, 0, 0, 1, 6, 30]))
    return Incident(id=f"inc-{i:08d}", category=rng.choice(CATS), title=f"Synthetic incident {i}",
                    lon=lon, lat=lat, date=start, date_start=start, date_end=end, place_name="Somewhere",
                    radius_km=rng.choice([1.0, 5.0, 25.0]), counts={"killed": rng.randrange(5)},
                    quote=f"Synthetic quote number {i}.", sources=(Source("", span=(0, 10)),))


def bulk_load(store: Store, n: int, *, seed: int = 1, chunk: int = 20_000) -> float:
    """Insert n synthetic incidents straight into the tables (no merging); return seconds."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    now = utcnow()
    with store._write.begin() as conn:
        conn.execute(reports.insert().values(id="rep-bench", content_hash="0" * 64, title="bench",
                                             url="", origin="", published=DAY0, ingested_at=now, text="x"))
    for base in range(0, n, chunk):
        rows, links = [], []
        for i in range(base, min(n, base + chunk)):
            rows.append(incident_row(synthetic_incident(i, rng), now=now))
            links.append({"incident_id": rows[-1]["id"], "report_id": "rep-bench", "span_start": 0,
                          "span_end": 10})
        with store._write.begin() as conn:
            conn.execute(incidents.insert(), rows)
            conn.execute(sources.insert(), links)
        print(f"  loaded {min(n, base + chunk):,}/{n:,}", end="\r", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    # statistics (and on PostgreSQL the visibility map that index-only scans need), as a
    # long-running database has them from autovacuum
    if store.dialect == "sqlite":
        with store._write.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    else:
        with store._read.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE incidents"))
            conn.execute(sa.text("VACUUM ANALYZE sources"))
    return time.perf_counter() - t0


def random_query(rng: random.Random, size_deg) -> dict:
    """A bbox of size_deg around a data point with a 30-day window; the whole world's bbox
    for 360; no filter at all (the first page of everything) for None."""
    if size_deg is None:
        return {"limit": 100}
    lon, lat = synthetic_point(rng)
    half = size_deg / 2
    bbox = (max(-180.0, lon - half), max(-90.0, lat - half), min(180.0, lon + half), min(90.0, lat + half))
    start = DAY0 + timedelta(days=rng.randrange(SPAN_DAYS - 30))
    return {"bbox": bbox, "datetime": (start, start + timedelta(days=29)), "limit": 100}


def time_queries(store: Store, n_queries: int, size_deg: float, *, seed: int = 7) -> dict:
    rng = random.Random(seed)
    for _ in range(10):  # warm caches
        store.query(**random_query(rng, size_deg))
    times, matched = [], []
    for _ in range(n_queries):
        params = random_query(rng, size_deg)
        t0 = time.perf_counter()
        result = store.query(**params)
        times.append((time.perf_counter() - t0) * 1000)
        matched.append(result.number_matched)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
            "max_ms": round(times[-1], 2), "median_matched": int(statistics.median(matched))}


def cmd_query(args) -> None:
    for n in [int(s) for s in args.sizes.split(",")]:
        db = Database(args.db)
        try:
            store = Store(db.url)
            load_s = bulk_load(store, n)
            for label, size in (("city 0.5deg", 0.5), ("region 5deg", 5.0), ("world", 360.0), ("none", None)):
                stats = time_queries(store, args.queries, size)
                print(json.dumps({"bench": "query", "db": args.db, "incidents": n, "load_s": round(load_s, 1),
                                  "bbox": label, "window_days": 30, "queries": args.queries, **stats}),
                      flush=True)
            store.close()
        finally:
            db.drop()


def synthetic_extractor(report: Report) -> list:
    rng = random.Random(report.content_hash)
    return [synthetic_incident(rng.randrange(10**8), rng) for _ in range(5)]


def _write_reports(folder: Path, count: int) -> None:
    """Report files made from the bundled demo reports and the project's own test reports,
    each with a distinct last line so that every file is a new report."""
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "mapsvc" / "demo_reports").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests" / "data").glob("**/*.txt"))]
    if not texts:
        texts = ["Published: 2022-03-16\n\nShelling hit Kharkiv on Tuesday, officials said."]
    for i in range(count):
        (folder / f"r{i:05d}.txt").write_text(texts[i % len(texts)] + f"\n\n(Bench copy {i}.)\n", encoding="utf-8")


def cmd_ingest(args) -> None:
    from mapsvc.store.ingest import ingest_inputs

    extractor, name = synthetic_extractor, "synthetic"
    if args.extractor == "real":
        from mapsvc.config import load_config
        from mapsvc.gazetteer.index import Gazetteer
        from mapsvc.runtime import make_extractor

        path = args.gazetteer or load_config()["GAZETTEER_PATH"]
        extractor, name = make_extractor(Gazetteer.open(path, build_missing=False, progress=False)), "real"
    folder = Path(tempfile.mkdtemp(prefix="bench_reports_"))
    _write_reports(folder, args.reports)
    db = Database(args.db)
    try:
        store = Store(db.url)
        t0 = time.perf_counter()
        summary = ingest_inputs(store, [str(folder)], extractor=extractor, progress=False)
        secs = time.perf_counter() - t0
        print(json.dumps({"bench": "ingest", "db": args.db, "extractor": name, "reports": args.reports,
                          "seconds": round(secs, 2), "reports_per_s": round(args.reports / secs, 1),
                          "incidents": store.count(), "failed": summary.reports_failed}), flush=True)
        store.close()
    finally:
        db.drop()
        for p in folder.glob("*"):
            p.unlink()
        folder.rmdir()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--reports", type=int, default=200)
    p.add_argument("--extractor", choices=["real", "synthetic"], default="real")
    p.add_argument("--gazetteer", help="a built gazetteer index (default: the configured GAZETTEER_PATH)")
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("query")
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--sizes", default="100000,1000000")
    p.add_argument("--queries", type=int, default=200)
    p.set_defaults(func=cmd_query)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
