"""Benchmark: incident extraction throughput, across cores, and the parse's share of the time.

Usage::

    python bench/bench_extract.py [--gazetteer PATH] [--corpus CORPUS.jsonl] [--limit N]
                                  [--compare REV [--compare-gazetteer PATH]] [--sizes 1,20]

Figures, one line each:

1. reports per second over a JSONL corpus of news texts (default
   ../shared/eval/benchmarks/GeoWebNews.jsonl, 200 texts, only ``text`` is read),
   one core (one ``extract_incidents`` call after another) and every core
   (``extract.bulk.extract_many`` over a process pool), publication date fixed;
2. the share of the one-core time spent inside the spaCy parse (``text.nlp.parse_many``);
3. seconds and peak Python memory (tracemalloc) for one long report made of the
   five dev reports repeated ``--sizes`` times.

``--compare REV`` first runs figure 1 (one core) for the code of git revision
REV, checked out into a temporary worktree, so the two versions are measured
in one run on the same machine. The gazetteer is opened outside the timing;
the time includes geoparsing.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
PUBLISHED = date(2018, 6, 1)


def _texts(corpus: Path, limit: int) -> list:
    texts = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return texts


def _one_core(texts: list, gazetteer_path: str) -> tuple:
    """(seconds, seconds inside the spaCy parse) for one report after another."""
    from mapsvc.extract import pipeline
    from mapsvc.gazetteer.index import Gazetteer
    from mapsvc.model import Report

    gazetteer = Gazetteer.open(gazetteer_path, progress=False)
    pipeline.extract_incidents(Report(texts[0], published=PUBLISHED), gazetteer=gazetteer)  # models load outside
    parse_many, spent = getattr(pipeline, "parse_many", None), [0.0]
    if parse_many is not None:  # the regex extractor of earlier versions parses nothing
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return parse_many(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - t0
        pipeline.parse_many = timed
    t = time.perf_counter()
    found = sum(len(pipeline.extract_incidents(Report(x, published=PUBLISHED), gazetteer=gazetteer)) for x in texts)
    dt = time.perf_counter() - t
    if parse_many is not None:
        pipeline.parse_many = parse_many
    print(f"one core: {len(texts)} reports, {found} incidents in {dt:.2f} s = {len(texts) / dt:.1f} reports/s")
    return dt, spent[0]


def _every_core(texts: list, gazetteer_path: str) -> None:
    from mapsvc.extract.bulk import default_processes, extract_many
    from mapsvc.model import Report

    n = default_processes()
    reports = [Report(x, published=PUBLISHED) for x in texts]
    t = time.perf_counter()
    found = sum(map(len, extract_many(reports, gazetteer_path=gazetteer_path, processes=n)))
    dt = time.perf_counter() - t
    print(f"every core ({n} processes, start-up included): {len(texts)} reports, {found} incidents in {dt:.2f} s "
          f"= {len(texts) / dt:.1f} reports/s")


def _parse_share(total: float, parse: float) -> None:
    print(f"parse: {parse:.2f} s of {total:.2f} s = {100 * parse / total:.0f}% of the one-core time")


def _long_report(gazetteer_path: str, sizes: list) -> None:
    from mapsvc.extract.pipeline import extract_incidents
    from mapsvc.gazetteer.index import Gazetteer
    from mapsvc.model import Report

    gazetteer = Gazetteer.open(gazetteer_path, progress=False)
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


def _compare(rev: str, args) -> None:
    """Figure 1 (one core) for the code of ``rev``, in a worktree, in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "previous"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev],
                       check=True, capture_output=True)
        try:
            code = (f"import sys; sys.path.insert(0, {str(tree)!r}); sys.path.insert(1, {str(ROOT / 'bench')!r})\n"
                    f"import bench_extract as b\n"
                    f"b._one_core(b._texts(b.Path({args.corpus!r}), {args.limit}), "
                    f"{args.compare_gazetteer or args.gazetteer!r})")
            print(f"-- previous version {rev}:", flush=True)
            subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gazetteer", default=None, help="default: the configured GAZETTEER_PATH")
    ap.add_argument("--corpus", default=str(SHARED / "benchmarks" / "GeoWebNews.jsonl"))
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--compare", metavar="REV", help="also time the code of this git revision, first")
    ap.add_argument("--compare-gazetteer", metavar="PATH",
                    help="the index REV opens, when its geodata differ (an index built from other sources is "
                         "rebuilt in place when opened: never share one between versions)")
    ap.add_argument("--sizes", default="1,20")
    args = ap.parse_args(argv)
    if args.gazetteer is None:
        from mapsvc.config import load_config
        args.gazetteer = load_config()["GAZETTEER_PATH"]
    if args.compare:
        _compare(args.compare, args)
    sys.path.insert(0, str(ROOT))
    print("-- this version:", flush=True)
    if Path(args.corpus).is_file():
        texts = _texts(Path(args.corpus), args.limit)
        total, parse = _one_core(texts, args.gazetteer)
        _parse_share(total, parse)
        _every_core(texts, args.gazetteer)
    if (SHARED / "dev").is_dir():
        _long_report(args.gazetteer, [int(s) for s in args.sizes.split(",") if s.strip()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
