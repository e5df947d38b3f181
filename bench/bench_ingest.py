"""Benchmark running it for real: ``mapsvc ingest --processes N`` and the health check under downloads.

1. ``ingest``: the 200 GeoWebNews texts (read from ``../shared/eval/benchmarks/GeoWebNews.jsonl``,
   written as report files to a temporary folder, never into the project) are ingested by the
   real command, ``mapsvc ingest FOLDER --published 2019-01-01 --processes N``, into a fresh
   SQLite file or PostgreSQL schema; the wall time includes starting the command and the workers
   (each loads its spaCy pipeline), as an operator sees it.
2. ``health``: ``mapsvc serve`` (gunicorn, its default workers and threads) over a store of
   ``--size`` synthetic incidents (``web_fixtures.fill_synthetic``); ``/-/health`` is timed alone,
   then while ``--clients`` threads download the full GeoJSON export (``/incidents.geojson``, every
   incident: ``MAX_ITEMS`` is raised to the store's size) over and over.

Run from the project root::

    python bench/bench_ingest.py ingest --db sqlite,postgresql --processes 1,2
    python bench/bench_ingest.py health --db sqlite,postgresql --size 10000 --clients 8
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from bench_store import Database  # noqa: E402

GEOWEBNEWS = REPO.parent / "shared" / "eval" / "benchmarks" / "GeoWebNews.jsonl"
GAZETTEER = os.environ.get("MAPSVC_TEST_GAZETTEER", "")


def write_reports(folder: Path) -> int:
    """The GeoWebNews texts as report files in ``folder``; returns how many."""
    count = 0
    with open(GEOWEBNEWS, encoding="utf-8") as fp:
        for line in fp:
            doc = json.loads(line)
            (folder / f"{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")
            count += 1
    return count


def _env(instance: Path, url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAPSVC_")}
    env.update(MAPSVC_INSTANCE_PATH=str(instance), MAPSVC_DATABASE_URL=url, PYTHONPATH=str(REPO))
    if GAZETTEER:
        env["MAPSVC_GAZETTEER_PATH"] = GAZETTEER
    return env


def bench_ingest(kind: str, processes: int, folder: Path, reports: int) -> dict:
    """One ``mapsvc ingest --processes N`` run into a fresh database."""
    db = Database(kind)
    try:
        with tempfile.TemporaryDirectory(prefix="mapsvc-bench-") as instance:
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "mapsvc.cli", "ingest", str(folder), "--published",
                                   "2019-01-01", "--processes", str(processes)], env=_env(Path(instance), db.url),
                                  capture_output=True, text=True)
            wall = time.perf_counter() - started
    finally:
        db.drop()
    if done.returncode != 0:
        raise SystemExit(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return {"seconds": round(wall, 1), "reports_per_s": round(reports / wall, 2), "summary": done.stdout.strip()}


def time_health(base: str, *, seconds: float, stop: threading.Event = None) -> dict:
    """``/-/health`` asked every 100 ms for ``seconds``: latency p50/p95/max in ms."""
    import urllib.request

    latencies, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline and not (stop and stop.is_set()):
        t0 = time.perf_counter()
        with urllib.request.urlopen(base + "/-/health", timeout=60) as response:
            response.read()
        latencies.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.1)
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1)  # noqa: E731
    return {"n": len(latencies), "p50_ms": pick(0.5), "p95_ms": pick(0.95), "max_ms": round(latencies[-1], 1)}


def bench_health(kind: str, *, size: int, clients: int, seconds: float, workers: int) -> dict:
    """Health-check latency alone and while ``clients`` threads download the full GeoJSON export."""
    from bench_items import load
    from browser_support import AppServer
    from mapsvc.store.store import Store
    from web_fixtures import fill_synthetic

    db = Database(kind)
    try:
        with tempfile.TemporaryDirectory(prefix="mapsvc-bench-") as tmp:
            with Store(db.url) as store:
                fill_synthetic(store, size)
            env = {"MAPSVC_DATABASE_URL": db.url, "MAPSVC_DEMO_DATA": "0", "MAPSVC_MAX_ITEMS": str(size)}
            server = AppServer(Path(tmp), env=env, serve=True, workers=workers)
            try:
                quiet = time_health(server.url, seconds=3)
                urls = [server.url + "/incidents.geojson"] * (clients * 1000)
                stop, loaded = threading.Event(), {}
                loader = threading.Thread(target=lambda: loaded.update(
                    load(urls, clients, timeout=120, stop=stop)))
                loader.start()
                time.sleep(1.0)  # every client busy before timing
                busy = time_health(server.url, seconds=seconds)
                stop.set()
                loader.join()
            finally:
                server.stop()
    finally:
        db.drop()
    return {"quiet": quiet, "busy": busy, "downloads": loaded}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("ingest", "health"))
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    for kind in args.db.split(","):
        if args.what == "ingest":
            with tempfile.TemporaryDirectory(prefix="mapsvc-gwn-") as folder:
                n = write_reports(Path(folder))
                for processes in (int(p) for p in args.processes.split(",")):
                    got = bench_ingest(kind, processes, Path(folder), n)
                    print(f"ingest db={kind} processes={processes} reports={n}: {got['seconds']} s, "
                          f"{got['reports_per_s']} reports/s ({got['summary']})", flush=True)
        else:
            got = bench_health(kind, size=args.size, clients=args.clients, seconds=args.seconds,
                               workers=args.workers)
            d = got["downloads"]
            print(f"health db={kind} incidents={args.size} workers={args.workers}: alone p50={got['quiet']['p50_ms']} "
                  f"p95={got['quiet']['p95_ms']} ms; with {args.clients} clients downloading /incidents.geojson "
                  f"({d.get('requests')} downloads, p50 {d.get('p50_ms')} ms each): p50={got['busy']['p50_ms']} "
                  f"p95={got['busy']['p95_ms']} max={got['busy']['max_ms']} ms (n={got['busy']['n']})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
