"""Benchmark the items endpoint: requests/s and p50/p99 for three kinds of page, this checkout and
another revision side by side in one run.

A store of ``--size`` synthetic incidents (``bench_web.fill_store``, which is ``web_fixtures.fill_synthetic``: random points between
10W-60E and 10N-60N, dates over four years) is written for each version (each with its own
code, since the schema may differ), the app runs under gunicorn (``--workers``, 4 threads
each) on a free port, and ``--threads`` client threads send ``--requests`` requests of

- ``unfiltered``: ``/collections/incidents/items?limit=100`` (offsets 0-900);
- ``city bbox``: a 0.5-degree box (a city and its outskirts), ``limit=100``;
- ``bbox+datetime``: a 5-degree box and a 90-day window, ``limit=100``.

Clients ask for ``Accept-Encoding: gzip`` as browsers and GIS clients do.  Run from the
project root::

    python bench/bench_items.py --compare 35e903f            # this checkout against 35e903f
    python bench/bench_items.py --size 20000 --requests 300   # this checkout only
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SCENARIOS = ("unfiltered", "city bbox", "bbox+datetime")


def _urls(base: str, scenario: str, n: int, seed: int = 11) -> list:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        if scenario == "unfiltered":
            out.append(f"{base}/collections/incidents/items?limit=100&offset={100 * rng.randrange(10)}")
        elif scenario == "city bbox":
            lon, lat = rng.uniform(-10, 59.5), rng.uniform(10, 59.5)
            out.append(f"{base}/collections/incidents/items?limit=100&bbox={lon:.3f},{lat:.3f},"
                       f"{lon + 0.5:.3f},{lat + 0.5:.3f}")
        else:
            lon, lat = rng.uniform(-10, 55), rng.uniform(10, 55)
            day = 18262 + rng.randrange(1400)  # days since 1970: 2020-01-01 on
            start = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
            end = time.strftime("%Y-%m-%d", time.gmtime((day + 90) * 86400))
            out.append(f"{base}/collections/incidents/items?limit=100&bbox={lon:.3f},{lat:.3f},"
                       f"{lon + 5:.3f},{lat + 5:.3f}&datetime={start}/{end}")
    return out


def load(urls: list, threads: int, *, headers: dict = None, timeout: float = 60, stop=None) -> dict:
    """GET ``urls`` from ``threads`` threads (also ``bench_web.load_test``'s loader); requests/s and
    latency percentiles in ms.  A failed request (an error status too) is counted, not timed.
    ``stop``: a threading.Event that ends the run early (each thread finishes its request)."""
    latencies, errors, lock = [], [], threading.Lock()

    def worker(chunk):
        for url in chunk:
            if stop is not None and stop.is_set():
                return
            request = urllib.request.Request(url, headers=headers or {})
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    response.read()
                with lock:
                    latencies.append(time.perf_counter() - t0)
            except OSError as exc:
                with lock:
                    errors.append(str(exc))

    pool = [threading.Thread(target=worker, args=(urls[i::threads],)) for i in range(threads)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {"requests": len(latencies), "errors": len(errors), "rps": round(len(latencies) / wall, 1),
            "p50_ms": round(pick(0.5), 1), "p95_ms": round(pick(0.95), 1), "p99_ms": round(pick(0.99), 1),
            "max_ms": round(latencies[-1] * 1000, 1)}


def measure_here(size: int, requests: int, threads: int, workers: int) -> dict:
    """Fill a store with this checkout's code, serve it, load it; the figures per scenario."""
    sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]
    from bench_web import fill_store
    from browser_support import AppServer

    out = {}
    with tempfile.TemporaryDirectory(prefix="mapsvc-items-") as tmp:
        fill_store(Path(tmp), size)
        server = AppServer(Path(tmp), env={"MAPSVC_TILES": "offline", "MAPSVC_MAX_ITEMS": "1000"},
                           workers=workers)
        try:
            gzip = {"Accept-Encoding": "gzip"}
            load(_urls(server.url, "unfiltered", 50), threads, headers=gzip)  # warm the caches and the workers
            for scenario in SCENARIOS:
                out[scenario] = load(_urls(server.url, scenario, requests), threads, headers=gzip)
        finally:
            server.stop()
    return out


def measure_revision(rev: str, args) -> dict:
    """The same measurement with the code of ``rev`` (a git worktree, run in its own process)."""
    with tempfile.TemporaryDirectory(prefix="mapsvc-rev-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), rev],
                       check=True, capture_output=True)
        try:
            script = tree / "bench" / "bench_items.py"
            if not script.exists():  # an older revision: run this script against its code
                script.parent.mkdir(exist_ok=True)
                script.write_text(Path(__file__).read_text())
            env = dict(os.environ, PYTHONPATH=str(tree))
            done = subprocess.run([sys.executable, str(script), "--size", str(args.size), "--requests",
                                   str(args.requests), "--threads", str(args.threads), "--workers",
                                   str(args.workers), "--json"], check=True, capture_output=True, text=True,
                                  env=env, cwd=str(tree))
            return json.loads(done.stdout.strip().splitlines()[-1])
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                           capture_output=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--compare", help="another git revision to measure in the same run")
    parser.add_argument("--json", action="store_true", help="print one JSON line (used by --compare)")
    args = parser.parse_args(argv)
    here = measure_here(args.size, args.requests, args.threads, args.workers)
    if args.json:
        print(json.dumps(here))
        return 0
    results = {"this checkout": here}
    if args.compare:
        results[args.compare] = measure_revision(args.compare, args)
    for name, figures in results.items():
        for scenario, f in figures.items():
            print(f"{name:>14}  {scenario:<14} size={args.size} {f['requests']} requests ({f['errors']} errors) "
                  f"{args.threads} threads {args.workers} workers: {f['rps']} req/s p50={f['p50_ms']} ms "
                  f"p99={f['p99_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
