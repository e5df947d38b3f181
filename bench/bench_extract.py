"""Benchmark: incident extraction throughput and peak memory.

Usage::

    python bench/bench_extract.py [--gazetteer PATH] [--corpus CORPUS.jsonl] [--limit N] [--sizes 1,20,100]

Two figures:

1. documents per second over a JSONL corpus of news texts (default
   ../shared/eval/benchmarks/GeoWebNews.jsonl, only ``text`` is read), one
   ``extract_incidents`` call per document, publication date fixed;
2. seconds and peak Python memory (tracemalloc) for one long report made of the
   five dev reports (../shared/eval/dev) repeated ``--sizes`` times.

The gazetteer is opened once, outside the timing; the time includes geoparsing.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapsvc.extract.pipeline import extract_incidents  # noqa: E402
from mapsvc.gazetteer.index import Gazetteer  # noqa: E402
from mapsvc.model import Report  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"


def _throughput(gazetteer, corpus: Path, limit: int) -> None:
    texts = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    t = time.perf_counter()
    found = sum(len(extract_incidents(Report(x, published=date(2018, 6, 1)), gazetteer=gazetteer)) for x in texts)
    dt = time.perf_counter() - t
    chars = sum(map(len, texts))
    print(f"corpus {corpus.name}: {len(texts)} docs, {chars:,} chars, {found} incidents in {dt:.2f} s "
          f"= {len(texts) / dt:.1f} docs/s")


def _long_report(gazetteer, sizes: list) -> None:
    parts = []
    for path in sorted((SHARED / "dev").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parts.append(text.split("\n\n", 1)[1] if text.startswith("Published:") else text)
    body = "\n\n".join(parts)
    for n in sizes:
        text = "\n\n".join([body] * n)
        tracemalloc.start()
        t = time.perf_counter()
        incidents = extract_incidents(Report(text, published=date(2023, 9, 12)), gazetteer=gazetteer)
        dt = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"long report x{n}: {len(text):,} chars, {len(incidents)} incidents, {dt:.2f} s, "
              f"peak {peak / 1e6:.1f} MB")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gazetteer", default=str(ROOT / "instance" / "gazetteer.sqlite3"))
    ap.add_argument("--corpus", default=str(SHARED / "benchmarks" / "GeoWebNews.jsonl"))
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--sizes", default="1,20,100")
    args = ap.parse_args(argv)
    gazetteer = Gazetteer.open(args.gazetteer, progress=False)
    if Path(args.corpus).is_file():
        _throughput(gazetteer, Path(args.corpus), args.limit)
    if (SHARED / "dev").is_dir():
        _long_report(gazetteer, [int(s) for s in args.sizes.split(",") if s.strip()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
