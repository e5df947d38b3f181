"""Benchmark: geoparse throughput (documents per second) over a JSONL corpus.

Usage::

    python bench/bench_geoparse.py [CORPUS.jsonl] [--gazetteer PATH] [-o PRED.jsonl] [--repeat N]

The corpus defaults to ../shared/eval/benchmarks/LGL.jsonl (beside the project);
only each line's ``id`` and ``text`` are read.  The gazetteer is opened once
(outside the timing), then ``geoparse_jsonl`` runs over the whole corpus in one
process; the figures are documents / wall-clock seconds and documents / CPU
seconds of the process, each the best of N runs (the first run also fills the
look-up caches, as a long-running service would).
Score the predictions with the evaluation kit's ``geoparse_score.py`` or
``mapsvc eval``.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapsvc.gazetteer.index import Gazetteer  # noqa: E402
from mapsvc.geoparse.pipeline import geoparse_jsonl  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared/eval/benchmarks/LGL.jsonl"))
    ap.add_argument("--gazetteer", default=None, help="default: the configured GAZETTEER_PATH")
    ap.add_argument("-o", "--output", help="write the predictions here")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if args.gazetteer is None:
        from mapsvc.config import load_config
        args.gazetteer = load_config()["GAZETTEER_PATH"]
    lines = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                doc = json.loads(line)
                lines.append(json.dumps({"id": doc.get("id"), "text": doc.get("text", "")}))
    chars = sum(len(json.loads(l)["text"]) for l in lines)
    t0 = time.perf_counter()
    gaz = Gazetteer.open(args.gazetteer, progress=False)
    opened = time.perf_counter() - t0
    best, best_cpu, out = None, None, None
    for _ in range(max(1, args.repeat)):
        out = io.StringIO()
        t0, c0 = time.perf_counter(), time.process_time()
        counts = geoparse_jsonl(lines, out, gazetteer=gaz)
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
        best = took if best is None else min(best, took)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    if args.output:
        Path(args.output).write_text(out.getvalue(), encoding="utf-8")
    print(f"corpus={Path(args.corpus).name} documents={counts['documents']} chars={chars} "
          f"toponyms={counts['toponyms']} gazetteer_open_s={opened:.3f} best_of={args.repeat} "
          f"seconds={best:.3f} docs_per_s={counts['documents'] / best:.0f} "
          f"chars_per_s={chars / best:.0f} cpu_seconds={best_cpu:.3f} docs_per_cpu_s={counts['documents'] / best_cpu:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
