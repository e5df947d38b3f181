"""``mapsvc serve``: gunicorn over the app, one feed watcher beside it when WATCH_FEEDS is set, and
one job worker draining the queue of reports (QUEUE_WORKER, on by default).

gunicorn loads this module as its configuration (``--config python:mapsvc.serve``) for two
hooks that run in its master process only: :func:`when_ready` starts ``mapsvc watch`` and
``mapsvc work`` as child processes (so one of each per server, never one per worker, and no
spaCy pipeline in the master that forks the workers), :func:`on_exit` stops them. They also
stop by themselves when the master is gone (``--stop-with``), should the master be killed outright.

gunicorn takes every module-level name of this module that is one of its settings
(``workers``, ``timeout``, ``check_config`` ...) as that setting: name nothing else so.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from .config import instance_path, load_config
from .errors import MapsvcError

__all__ = ["check_port_free", "check_watch_settings", "seed_demo_data", "exec_gunicorn", "when_ready", "on_exit", "stop_event"]

_CHILDREN: list = []  # the watcher and worker processes the master started


def check_port_free(host: str, port: int) -> None:
    """One clear line, before anything is started, when the address is taken (gunicorn would
    print "serving on" and then a page of errors)."""
    family = socket.AF_INET6 if ":" in (host or "") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
        try:
            probe.bind((host or "0.0.0.0", port))
        except OSError as exc:
            raise MapsvcError(f"cannot serve on {host}:{port}: {exc.strerror or exc} "
                              "(another server uses it: choose --port)") from exc


def check_watch_settings(cfg: dict) -> None:
    """InputError, before the server starts, when WATCH_FEEDS or WATCH_EVERY would stop its watcher,
    or WORK_EVERY or JOB_LEASE its job worker."""
    from .store.watch import check_feed_urls, parse_duration
    if cfg.get("WATCH_FEEDS"):
        check_feed_urls(cfg["WATCH_FEEDS"])
        parse_duration(cfg.get("WATCH_EVERY") or "10m")
    if cfg.get("QUEUE_WORKER"):
        parse_duration(cfg.get("WORK_EVERY") or "5s")
        parse_duration(cfg.get("JOB_LEASE") or "10m")


def seed_demo_data(cfg: dict) -> tuple[int, int]:
    """Ingest the demo reports into an empty store (``DEMO_DATA``); returns (reports, incidents) added."""
    from .runtime import extractor_from_config, open_gazetteer, open_store
    from .store.demo import ingest_demo_if_empty

    Path(cfg["INSTANCE_PATH"]).mkdir(parents=True, exist_ok=True)
    store = open_store(cfg)
    try:
        if not cfg.get("DEMO_DATA") or store.report_count():
            return 0, 0
        count = ingest_demo_if_empty(store, extractor=extractor_from_config(open_gazetteer(cfg), cfg))
        return count, store.count()
    finally:
        store.close()


def exec_gunicorn(cfg: dict, *, host: str, port: int, workers: int = 0, threads: int = 0) -> None:
    """Replace this process with gunicorn serving the app (and its hooks, below), sized as
    :mod:`mapsvc.web.server` says (0 workers: one per usable core, at least 2; 0 threads: 4 each)."""
    from .web.server import THREADS_PER_WORKER, default_workers, gunicorn_argv  # here: names at module
    # level would be read by gunicorn as its settings

    workers, threads = workers or default_workers(), threads or THREADS_PER_WORKER
    print(f"mapsvc: serving on http://{host}:{port}/ ({workers} workers x {threads} threads)", file=sys.stderr)
    if cfg.get("WATCH_FEEDS"):
        print(f"mapsvc: watching {len(cfg['WATCH_FEEDS'])} feeds every {cfg.get('WATCH_EVERY')} "
              "(one watcher process beside gunicorn)", file=sys.stderr)
    if cfg.get("QUEUE_WORKER"):
        print("mapsvc: one job worker beside gunicorn runs the queued reports", file=sys.stderr)
    os.environ["MAPSVC_INSTANCE_PATH"] = cfg["INSTANCE_PATH"]
    if not cfg.get("BASE_URL"):  # links name the address served, never a request's Host
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        shown = f"[{shown}]" if ":" in shown else shown
        os.environ["MAPSVC_BASE_URL"] = f"http://{shown}:{port}"
    argv = gunicorn_argv(host=host, port=port, workers=workers, threads=threads, config="python:mapsvc.serve")
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, argv)


def when_ready(server) -> None:
    """gunicorn hook (master, once): start the feed watcher when WATCH_FEEDS names feeds, and the
    job worker unless QUEUE_WORKER is off."""
    cfg = load_config(instance_path())
    if cfg.get("WATCH_FEEDS"):
        _start_child(server, "watch", "feed watcher")
    if cfg.get("QUEUE_WORKER"):
        _start_child(server, "work", "job worker")


def _start_child(server, command: str, what: str) -> None:
    """Start ``mapsvc COMMAND`` beside the server; it stops with the master (``--stop-with``)."""
    argv = [sys.executable, "-m", "mapsvc.cli", command, "--stop-with", str(os.getpid())]
    _CHILDREN.append(subprocess.Popen(argv, stdin=subprocess.DEVNULL))
    server.log.info("%s started (pid %s)", what, _CHILDREN[-1].pid)


def on_exit(server) -> None:
    """gunicorn hook (master, at shutdown): stop the feed watcher and the job worker, and wait for them."""
    for proc in _CHILDREN:
        proc.terminate()
    for proc in _CHILDREN:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def stop_event(*, parent_pid=None) -> threading.Event:
    """An event set on SIGTERM, or (``--stop-with PID``) once that parent process is gone."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    if parent_pid:
        def watch_parent():
            while not stop.wait(2.0):
                if os.getppid() != parent_pid:  # reparented: the server died without stopping us
                    stop.set()
        threading.Thread(target=watch_parent, daemon=True).start()
    return stop
