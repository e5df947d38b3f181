"""Benchmark the web service: items endpoint under loopback load, map time-to-markers in chromium.

For each size, a store of synthetic incidents (random points between 10W-60E and
10N-60N, random dates and categories) is written to a temporary instance, the
app runs under gunicorn on a free port, then

1. a Python client with threads sends ``--requests`` items requests
   (random bbox views of 5-20 degrees, ``limit=100``) and reports latency
   percentiles and throughput;
2. headless Debian chromium opens the map page and reports the time until the
   first marker or cluster is drawn and until the view has finished loading.

Run from the project root::

    python bench/bench_web.py                       # sizes 1000 and 100000
    python bench/bench_web.py --sizes 1000 --requests 200 --threads 4
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from mapsvc.config import load_config  # noqa: E402
from mapsvc.store.store import Store  # noqa: E402

__all__ = ["fill_store", "load_test", "time_to_markers", "main"]

BATCH = 5000


def fill_store(instance: Path, size: int, *, seed: int = 7) -> float:
    """Write ``size`` synthetic incidents (``web_fixtures.fill_synthetic``, over 1,500 days); return the
    seconds it took."""
    from web_fixtures import fill_synthetic

    started = time.perf_counter()
    with Store.from_config(load_config(instance, {})) as store:
        fill_synthetic(store, size, seed=seed, days=1500, killed=5, batch=BATCH)
    return time.perf_counter() - started


def load_test(base: str, *, requests: int, threads: int, seed: int = 3) -> dict:
    """Items requests for random views from ``threads`` threads; latency and throughput."""
    rng = random.Random(seed)
    urls = []
    for _ in range(requests):
        span = rng.uniform(5, 20)
        lon, lat = rng.uniform(-10, 60 - span), rng.uniform(10, 60 - span / 2)
        urls.append(f"{base}/collections/incidents/items?limit=100"
                    f"&bbox={lon:.3f},{lat:.3f},{lon + span:.3f},{lat + span / 2:.3f}")
    from bench_items import load

    return load(urls, threads, timeout=30)


def time_to_markers(base: str, path: str, *, runs: int) -> dict:
    """Median seconds until the first marker/cluster is drawn and until the view is loaded."""
    from playwright.sync_api import sync_playwright
    from browser_support import launch_chromium
    first, done, loaded = [], [], 0
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 860})
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(base + path)
            page.wait_for_function("() => document.querySelector('.mapsvc-pin, .marker-cluster')",
                                   timeout=60000, polling=20)
            first.append(time.perf_counter() - t0)
            page.wait_for_function("() => window.mapsvc && !window.mapsvc.busy", timeout=120000,
                                   polling=20)
            done.append(time.perf_counter() - t0)
            loaded = page.evaluate("() => window.mapsvc.markers.size")
            context.close()
        browser.close()
    return {"first_s": statistics.median(first), "done_s": statistics.median(done), "loaded": loaded}


def main(argv=None) -> int:
    from browser_support import AppServer
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="mapsvc-bench-") as tmp:
            instance = Path(tmp)
            seconds = fill_store(instance, size)
            print(f"size={size} store_fill={seconds:.1f}s", flush=True)
            server = AppServer(instance, env={"MAPSVC_TILES": "offline"}, workers=args.workers)
            try:
                load = load_test(server.url, requests=args.requests, threads=args.threads)
                print(f"size={size} items bbox limit=100: {load['requests']} requests "
                      f"({load['errors']} errors), {args.threads} threads, {args.workers} workers: "
                      f"{load['rps']:.0f} req/s, p50={load['p50_ms']:.1f} ms, "
                      f"p95={load['p95_ms']:.1f} ms, max={load['max_ms']:.0f} ms", flush=True)
                for label, path in (("default view", "/"), ("Europe view", "/?center=25,45&zoom=5")):
                    timing = time_to_markers(server.url, path, runs=args.runs)
                    print(f"size={size} map {label}: first markers {timing['first_s']:.2f}s, "
                          f"view loaded {timing['done_s']:.2f}s ({timing['loaded']} incidents loaded), "
                          f"median of {args.runs}", flush=True)
            finally:
                server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
