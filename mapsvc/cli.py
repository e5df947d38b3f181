"""The ``mapsvc`` command (ARCHITECTURE section 3.1).

Every failure the user can cause ends in one line on standard error and a
non-zero exit status, never a traceback.
"""
from __future__ import annotations

import argparse
import functools
import contextlib
import json
import logging
import sys
from pathlib import Path

from . import __version__
from .background import cmd_watch, cmd_work, say_store as _say_store
from .config import instance_path, load_config
from .errors import MapsvcError
from .export import FORMATS
from .model import COUNT_KEYS, PLACE_KINDS
from .text.reports import parse_date

__all__ = ["main", "build_parser"]


@contextlib.contextmanager
def _output(path, *, binary: bool = False):
    """Open ``path`` for writing, or standard output for ``None`` and ``-``."""
    if path in (None, "-"):
        yield sys.stdout.buffer if binary else sys.stdout
        return
    try:
        with open(path, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as fp:
            yield fp
    except OSError as exc:
        raise MapsvcError(f"{path}: cannot be written ({exc.strerror or exc})") from exc


def _write_json(doc, path) -> None:
    with _output(path) as fp:
        json.dump(doc, fp, ensure_ascii=False, indent=1 if path not in (None, "-") else None)
        fp.write("\n")


def cmd_serve(args, cfg) -> int:
    from .serve import check_port_free, check_watch_settings, exec_gunicorn, seed_demo_data

    check_port_free(args.host, args.port)
    check_watch_settings(cfg)
    reports, incidents = seed_demo_data(cfg)
    if reports:
        print(f"mapsvc: ingested {reports} demo reports ({incidents} incidents)", file=sys.stderr)
    _say_store(cfg)
    exec_gunicorn(cfg, host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return 0  # not reached


def cmd_extract(args, cfg) -> int:
    from .geojson import to_collection
    from .runtime import extractor_from_config, open_gazetteer
    from .store.ingest import HTML_SUFFIXES, read_html_file
    from .text.reports import read_report_file

    published = parse_date(args.published, what="--published")
    if Path(args.report).suffix.lower() in HTML_SUFFIXES and Path(args.report).is_file():
        report = read_html_file(args.report, published=published)  # a saved web page, as ingest reads it
    else:
        report = read_report_file(args.report, published=published)
    if report.published is None:
        raise MapsvcError(f"{args.report}: no Published header; give --published YYYY-MM-DD")
    incidents = extractor_from_config(open_gazetteer(cfg), cfg)(report)
    _write_json(to_collection(incidents), args.output)
    print(f"mapsvc: {len(incidents)} incidents", file=sys.stderr)
    return 0


def cmd_geoparse(args, cfg) -> int:
    from .geoparse.pipeline import geoparse, geoparse_jsonl, toponym_to_dict
    from .text.reports import read_report_file
    from .runtime import open_gazetteer

    gazetteer = open_gazetteer(cfg)
    if args.jsonl:
        try:
            source = open(args.jsonl, encoding="utf-8")
        except OSError as exc:
            raise MapsvcError(f"{args.jsonl}: cannot be read ({exc.strerror or exc})") from exc
        with source, _output(args.output) as out:
            counts = geoparse_jsonl(source, out, gazetteer=gazetteer)
        if counts["errors"]:
            print(f"mapsvc: {counts['errors']} of {counts['documents'] + counts['errors']} lines could not be "
                  "read; each is answered with an error line", file=sys.stderr)
            return 1
        return 0
    if not args.text:
        raise MapsvcError("geoparse needs a TEXT file or --jsonl IN.jsonl")
    if args.text == "-":  # standard input, as any filter command
        from .text.reports import parse_report_text
        report = parse_report_text(sys.stdin.read(), origin="stdin")
    else:
        report = read_report_file(args.text)
    toponyms = geoparse(report.text, published=report.published, gazetteer=gazetteer)
    _write_json({"toponyms": [toponym_to_dict(t) for t in toponyms]}, args.output)
    return 0


def _batch_extractor(processes: int, cfg):
    """Extraction across ``processes`` worker processes (0: every core), or None for one at a time."""
    from .extract.bulk import default_processes, extract_many

    if processes < 0:
        raise MapsvcError(f"--processes must be 0 (every core) or more, not {processes}")
    n = processes or default_processes()
    if n == 1:
        return None
    return functools.partial(extract_many, gazetteer_path=cfg["GAZETTEER_PATH"], nlp_model=cfg.get("NLP_MODEL"),
                             processes=n, geocoder_config={k: cfg.get(k) for k in ("GEOCODER", "GEOCODER_OPTIONS")})


def cmd_ingest(args, cfg) -> int:
    from .store.ingest import ingest_inputs
    from .runtime import extractor_from_config, open_gazetteer, open_store

    Path(cfg["INSTANCE_PATH"]).mkdir(parents=True, exist_ok=True)
    store = open_store(cfg)
    try:
        gazetteer = open_gazetteer(cfg)
        summary = ingest_inputs(store, args.inputs, extractor=extractor_from_config(gazetteer, cfg),
                                published=parse_date(args.published, what="--published"), feed=args.feed,
                                batch_extractor=_batch_extractor(args.processes, cfg),
                                max_bytes=int(cfg["MAX_FEED_BYTES"]))
    finally:
        store.close()
    _say_store(cfg)
    for origin, reason in summary.failures:
        reason = str(reason)
        if not reason.startswith(str(origin)):  # most reasons already name their input
            reason = f"{origin}: {reason}"
        print(f"mapsvc: skipped {reason}", file=sys.stderr)
    print(summary)
    if not summary.reports_failed:
        return 0
    # some inputs stored and some not: 1; nothing stored: 2, as for any input the user got wrong
    return 1 if summary.reports_new or summary.reports_updated or summary.reports_unchanged else 2


def _parse_filters(args) -> dict:
    from .store.filters import parse_filters

    raw = {"bbox": args.bbox, "datetime": args.datetime, "category": args.category, "q": args.q,
           "limit": args.limit, "offset": args.offset}
    return parse_filters({k: str(v) for k, v in raw.items() if v is not None}, default_items=None, max_items=None)


def cmd_export(args, cfg) -> int:
    from .runtime import open_store

    filters = _parse_filters(args)
    fmt = FORMATS[args.format or _format_of(args.output)]
    store = open_store(cfg)
    try:
        result = store.query(**filters)
    finally:
        store.close()
    with _output(args.output, binary=fmt.binary) as fp:
        fmt.write(result.incidents, fp, number_matched=result.number_matched)
    _say_store(cfg)
    return 0


def _format_of(path) -> str:
    """The download format an output file's name asks for ("all.csv": csv); GeoJSON for standard output."""
    if path in (None, "-"):
        return "geojson"
    name = Path(path).name.lower()
    for fmt in sorted(FORMATS.values(), key=lambda f: -len(f.extension)):  # "acled.csv" before "csv"
        if name.endswith("." + fmt.extension):
            return fmt.name
    if name.endswith(".json"):
        return "geojson"
    raise MapsvcError(f"{path}: cannot tell the format from the file name; give --format "
                      f"({', '.join(FORMATS)})")


def cmd_correct(args, cfg) -> int:
    from .geojson import to_feature
    from .runtime import open_store

    if (args.lat is None) != (args.lon is None):
        raise MapsvcError("give --lat and --lon together")
    store = open_store(cfg)
    try:
        counts = {key: getattr(args, key) for key in COUNT_KEYS if getattr(args, key) is not None}
        incident = store.correct(args.id, lon=args.lon, lat=args.lat, category=args.category,
                                 date=parse_date(args.date, what="--date"), place_name=args.place,
                                 title=args.title, counts=counts or None, note=args.note or "")
    finally:
        store.close()
    _write_json(to_feature(incident), None)
    _say_store(cfg)
    return 0


def cmd_reextract(args, cfg) -> int:
    from .runtime import extractor_from_config, open_gazetteer, open_store

    store = open_store(cfg)
    try:
        totals = store.reextract(extractor=extractor_from_config(open_gazetteer(cfg), cfg), report_ids=args.report or None)
    finally:
        store.close()
    _say_store(cfg)
    print(f"reports: {totals['reports']} re-extracted, {totals['failed']} failed (kept as they were); "
          f"incidents: {totals['incidents_new']} new, {totals['incidents_merged']} merged")
    return 1 if totals["failed"] else 0


def cmd_gazetteer(args, cfg) -> int:
    from .gazetteer.index import Gazetteer, place_to_dict

    path = cfg["GAZETTEER_PATH"]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if args.action == "build":
        Gazetteer.build(path, progress=True).close()
        print(f"mapsvc: gazetteer built at {path} ({Path(path).stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
        return 0
    if not args.name:
        raise MapsvcError("gazetteer lookup needs a NAME")
    gazetteer = Gazetteer.open(path)
    places = gazetteer.lookup(args.name, country=args.country, kind=args.kind, limit=args.limit)
    _write_json([place_to_dict(p) for p in places], None)
    return 0


def cmd_eval(args, cfg) -> int:
    from .evaluation import main_eval
    from .runtime import open_gazetteer

    return main_eval(args.gold, toponyms=args.toponyms, gazetteer=open_gazetteer(cfg))


def _add_filter_options(p) -> None:
    p.add_argument("--bbox", help="minlon,minlat,maxlon,maxlat")
    p.add_argument("--datetime", help="YYYY-MM-DD, or an interval a/b with .. for open ends")
    p.add_argument("--category", help="comma-separated categories")
    p.add_argument("--q", help="text search in title, quote and place")
    p.add_argument("--limit", type=int, default=None, help="at most this many incidents (default: all)")
    p.add_argument("--offset", type=int, default=None)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mapsvc`` command."""
    parser = argparse.ArgumentParser(prog="mapsvc", description="Geographic incident maps from news reports.")
    parser.add_argument("--version", action="version", version=f"mapsvc {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to standard error")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_serve_and_ingest(sub)
    _add_pipeline_commands(sub)
    _add_store_commands(sub)
    _add_tool_commands(sub)
    return parser


def _add_serve_and_ingest(sub) -> None:
    """The server, and what fills its store."""
    p = sub.add_parser("serve", help="run the production server (gunicorn); demo data when the store is empty")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core, at least 2)")
    p.add_argument("--threads", type=int, default=0, help="threads per worker (default 4)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("ingest", help="store reports from files, directories, URLs or feeds")
    p.add_argument("inputs", nargs="+", metavar="PATH|URL")
    p.add_argument("--published", help="publication date for reports without a Published header")
    p.add_argument("--feed", action="store_true", help="read URLs as RSS/Atom feeds")
    p.add_argument("--processes", type=int, default=1, metavar="N",
                   help="extract in N worker processes (0: every core; default 1)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("watch", help="poll RSS/Atom feeds and ingest their new entries")
    p.add_argument("feeds", nargs="*", metavar="FEED_URL", help="feeds to poll (default: WATCH_FEEDS)")
    p.add_argument("--every", help="poll each feed this often: 30s, 10m, 1h (default: WATCH_EVERY, 10m)")
    p.add_argument("--once", action="store_true", help="poll each due feed once and exit")
    p.add_argument("--stop-with", type=int, default=None, help=argparse.SUPPRESS)  # serve's watcher
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("work", help="run the queued jobs (reports POSTed to be extracted later)")
    p.add_argument("--every", help="look at an empty queue this often: 2s, 1m (default: WORK_EVERY, 5s)")
    p.add_argument("--once", action="store_true", help="run every job that can be claimed and exit")
    p.add_argument("--stop-with", type=int, default=None, help=argparse.SUPPRESS)  # serve's worker
    p.set_defaults(func=cmd_work)


def _add_pipeline_commands(sub) -> None:
    """The pipeline on one text, without a database."""
    p = sub.add_parser("extract", help="incidents of one report as GeoJSON, without a database")
    p.add_argument("report", metavar="REPORT.txt")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) when the file has no header")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("geoparse", help="place mentions of a text, or of a JSONL corpus")
    p.add_argument("text", nargs="?", metavar="TEXT.txt", help="the text file; - reads standard input")
    p.add_argument("--jsonl", metavar="IN.jsonl", help='read {"id","text"} lines, write {"id","toponyms"} lines')
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.set_defaults(func=cmd_geoparse)


def _add_store_commands(sub) -> None:
    """Reading and correcting the stored incidents."""
    p = sub.add_parser("export", help="stored incidents as " + ", ".join(f.title for f in FORMATS.values()))
    p.add_argument("--format", choices=tuple(FORMATS), default=None,
                   help="default: from the -o file name (.geojson, .csv, .acled.csv, .kml), else geojson")
    _add_filter_options(p)
    p.add_argument("-o", "--output", help="output file; - or none: standard output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("correct", help="a human correction of an incident, kept across re-extraction")
    p.add_argument("id")
    p.add_argument("--lat", type=float)
    p.add_argument("--lon", type=float)
    p.add_argument("--category")
    p.add_argument("--date")
    p.add_argument("--place", help="place name")
    p.add_argument("--title")
    for key in COUNT_KEYS:
        p.add_argument(f"--{key}", type=int, metavar="N")
    p.add_argument("--note", help="why (shown with the incident; alone, it records a review)")
    p.set_defaults(func=cmd_correct)

    p = sub.add_parser("reextract", help="run extraction again over stored reports; corrections are kept")
    p.add_argument("report", nargs="*", metavar="REPORT_ID", help="report ids (default: every stored report)")
    p.set_defaults(func=cmd_reextract)


def _add_tool_commands(sub) -> None:
    """The gazetteer index and the scorer."""
    p = sub.add_parser("gazetteer", help="build the offline gazetteer index, or look a name up")
    p.add_argument("action", choices=("build", "lookup"))
    p.add_argument("name", nargs="?")
    p.add_argument("--country", help="ISO 3166-1 alpha-2 code")
    p.add_argument("--kind", help=", ".join(PLACE_KINDS))
    p.add_argument("--limit", type=int, default=10)
    p.set_defaults(func=cmd_gazetteer)

    p = sub.add_parser("eval", help="score incidents or toponyms against gold files or benchmark JSONL")
    p.add_argument("gold", nargs="+", metavar="GOLD.json")
    p.add_argument("--toponyms", action="store_true", help="score the geoparser, not the incidents")
    p.set_defaults(func=cmd_eval)


def main(argv=None) -> int:
    """Run the ``mapsvc`` command; return its exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        cfg = load_config(instance_path())
        return args.func(args, cfg) or 0
    except MapsvcError as exc:
        print(f"mapsvc: error: {exc.description}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mapsvc: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
