"""The commands that run beside ``serve``: ``mapsvc watch`` (feeds) and ``mapsvc work`` (the job queue).

Each runs once (``--once``) or until SIGTERM, or, started by ``serve``'s gunicorn hooks
(:mod:`mapsvc.serve`), until its server is gone (``--stop-with``). One line on standard error
per poll or job.
"""
from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["cmd_watch", "cmd_work", "say_store"]


def say_store(cfg) -> None:
    """Name, in one line on standard error, the store a command used (a password is hidden)."""
    import sqlalchemy as sa

    url = sa.engine.make_url(cfg["DATABASE_URL"]).render_as_string(hide_password=True)
    print(f"mapsvc: store {url} (instance {cfg['INSTANCE_PATH']})", file=sys.stderr)


def cmd_watch(args, cfg) -> int:
    from .runtime import extractor_from_config, open_gazetteer, open_store
    from .serve import stop_event
    from .store.watch import Watcher, check_feed_urls, parse_duration

    every = parse_duration(args.every or cfg.get("WATCH_EVERY") or "10m")
    feeds = args.feeds or cfg.get("WATCH_FEEDS") or []
    check_feed_urls(feeds)  # before the store and the gazetteer (built on first use) are opened
    Path(cfg["INSTANCE_PATH"]).mkdir(parents=True, exist_ok=True)
    store = open_store(cfg)
    try:
        watcher = Watcher(store, feeds, every=every, extractor=extractor_from_config(open_gazetteer(cfg), cfg),
                          max_bytes=int(cfg["MAX_FEED_BYTES"]))
        say_store(cfg)
        say = lambda result: print(f"mapsvc: watch {result}", file=sys.stderr, flush=True)  # noqa: E731
        if args.once:
            results = watcher.poll_due(on_poll=say)
            return 1 if any(r.status == "error" for r in results) else 0
        watcher.run(stop=stop_event(parent_pid=args.stop_with), on_poll=say)
    finally:
        store.close()
    return 0


def cmd_work(args, cfg) -> int:
    """Run the queued jobs: all that can be claimed (``--once``), or as they come."""
    from .runtime import extractor_from_config, open_gazetteer, open_store
    from .serve import stop_event
    from .store.watch import parse_duration
    from .store.worker import Worker

    every = parse_duration(args.every or cfg.get("WORK_EVERY") or "5s")
    lease = parse_duration(cfg.get("JOB_LEASE") or "10m")
    Path(cfg["INSTANCE_PATH"]).mkdir(parents=True, exist_ok=True)
    store = open_store(cfg)
    try:
        # the gazetteer and spaCy are loaded on the first job: an idle worker stays small
        worker = Worker(store, make_extractor=lambda: extractor_from_config(open_gazetteer(cfg), cfg),
                        lease_s=lease, max_attempts=max(1, int(cfg.get("JOB_ATTEMPTS") or 1)))
        say_store(cfg)
        say = lambda outcome: print(f"mapsvc: work {outcome}", file=sys.stderr, flush=True)  # noqa: E731
        if args.once:
            outcomes = worker.drain(on_job=say)
            return 1 if any(o.status != "done" for o in outcomes) else 0
        worker.run(stop=stop_event(parent_pid=args.stop_with), every=every, on_job=say)
    finally:
        store.close()
    return 0
