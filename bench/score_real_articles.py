"""Measure: incident extraction on real published articles, scored against codebook gold.

Usage::

    python bench/score_real_articles.py [--benchmarks ../shared/eval/benchmarks] [SET ...]

The gold files in ``bench/real_articles/<set>/`` were written by helper sessions
that saw no code, following ``../shared/eval/CODEBOOK.md``, for articles of the
geoparsing benchmarks (LGL, GeoWebNews). The article texts are third-party data
and stay out of the project: each gold file is named ``NN_<lgl|gwn>_<id>_<topic>``,
and the report is rebuilt from the benchmark file at run time (a ``Published:``
header from the gold's date, a ``Title:`` header from the article's metadata, the
text unchanged) in a temporary folder, then scored as ``mapsvc eval`` does. Sets:
``never_read``, ``never_read2`` and ``never_read3`` (failures never read while changing the extractor), ``read``,
``read2`` and ``read3`` (read for failures).
Prints each set's pooled line.
"""
from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapsvc.evaluation import main_eval  # noqa: E402

SOURCES = {"lgl": "LGL.jsonl", "gwn": "GeoWebNews.jsonl"}


def _articles(benchmarks: Path) -> dict:
    out = {}
    for source, name in SOURCES.items():
        with open(benchmarks / name, encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                out[(source, str(doc["id"]))] = doc
    return out


def _rebuild(gold_path: Path, articles: dict, folder: Path) -> Path:
    """Copy ``gold_path`` into ``folder`` with its report rebuilt beside it; return the copy's path."""
    source, doc_id = re.match(r"\d+_(lgl|gwn)_(.+?)_", gold_path.name).groups()
    doc, gold = articles[(source, doc_id)], json.loads(gold_path.read_text(encoding="utf-8"))
    text = f"Published: {gold['published']}\nTitle: {doc['meta'].get('title', '')}\n\n{doc['text']}\n"
    (folder / gold["report"]).write_text(text, encoding="utf-8")
    return Path(shutil.copy(gold_path, folder / gold_path.name))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--benchmarks", type=Path, default=ROOT.parent / "shared" / "eval" / "benchmarks")
    parser.add_argument("sets", nargs="*",
                        default=["never_read", "never_read2", "never_read3", "read", "read2", "read3"])
    args = parser.parse_args(argv)
    articles = _articles(args.benchmarks)
    for name in args.sets:
        with tempfile.TemporaryDirectory() as tmp:
            golds = [_rebuild(p, articles, Path(tmp)) for p in sorted((Path(__file__).parent / "real_articles" / name)
                                                                      .glob("*.gold.json"))]
            out = io.StringIO()
            main_eval(golds, out=out)
            print(f"{name}: {out.getvalue().strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
