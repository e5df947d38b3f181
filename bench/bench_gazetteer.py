#!/usr/bin/env python
"""Benchmark the offline gazetteer: build time, index size, open time, lookups/s, memory.

    python bench/bench_gazetteer.py              # builds a fresh index in a temporary folder
    python bench/bench_gazetteer.py --path IDX   # measures an existing index (no build)
"""
from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mapsvc.gazetteer.index import Gazetteer  # noqa: E402
from mapsvc.gazetteer.build import build_index  # noqa: E402

_RSS_PROBE = """
import sys, time
sys.path.insert(0, {root!r})
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS'):
            return int(line.split()[1]) / 1024
from mapsvc.gazetteer.index import Gazetteer
before = rss()
t = time.perf_counter()
gaz = Gazetteer.open({path!r}, build_missing=False, progress=False)
opened = time.perf_counter() - t
print(before, rss(), opened)
"""


def rate(func, items, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            func(item)
    return len(items) * repeat / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", type=Path, help="an existing index: skip the build")
    ap.add_argument("--n", type=int, default=20_000, help="distinct keys to look up")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.path
    if path is None:
        path = Path(tmp.name) / "gazetteer.sqlite3"
        t0, c0 = time.perf_counter(), time.process_time()
        build_index(path, progress=False)
        print(f"build: {time.perf_counter() - t0:.1f} s wall, {time.process_time() - c0:.1f} s CPU")
    print(f"index size: {path.stat().st_size / 1e6:.1f} MB")
    opens = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _RSS_PROBE.format(root=str(Path(__file__).resolve().parent.parent),
                                                                      path=str(path))],
                             capture_output=True, text=True, check=True).stdout.split()
        before, after, opened = map(float, out)
        opens.append(opened)
    print(f"open (fresh process, best of 3): {min(opens) * 1000:.0f} ms")
    print(f"resident memory of an open gazetteer: {after - before:.0f} MB (process {after:.0f} MB)")

    gaz = Gazetteer.open(path, build_missing=False, progress=False)
    rnd = random.Random(7)
    keys = rnd.sample(sorted(gaz._keys), min(args.n, len(gaz._keys)))
    print(f"keys in memory: {len(gaz._keys):,}; longest name: {gaz.max_key_words} words")
    misses = [k + " qq" for k in keys]
    print(f"has_key: {rate(gaz.has_key, keys + misses, repeat=5):,.0f} /s")
    print(f"lookup_key, {len(keys):,} distinct keys, first time (SQLite): {rate(gaz.lookup_key, keys):,.0f} /s")
    print(f"lookup_key, same keys again (cached): {rate(gaz.lookup_key, keys, repeat=3):,.0f} /s")
    names = ["Kyiv", "Kharkiv", "Sumy region", "Mariupol", "Svyatoshynskyi district", "Tripoli", "Georgia",
             "Washington", "Khartoum", "Derna", "Київ", "Aleppo", "Paris", "Gaza", "Moscow"] * 200
    print(f"lookup (normalise + kind word + rank), news names: {rate(gaz.lookup, names):,.0f} /s")
    print(f"lookup of unknown names (loose fallback): {rate(gaz.lookup, ['Qwxzzyq' + str(i) for i in range(2000)]):,.0f} /s")
    print(f"max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    gaz.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
