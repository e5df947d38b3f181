"""Watching feeds (mapsvc.store.watch, ``mapsvc watch``) against a real feed server on localhost.

The server publishes entries the test adds between polls, answers 304 when the
client's ETag matches, fails with 500 on demand, and serves each entry's article
page (the entries are teasers, as in most news feeds). The store is a real SQLite
file and a real PostgreSQL schema; the extractor is the real one.
"""
from __future__ import annotations

import hashlib
import http.server
import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from email.utils import format_datetime
from datetime import datetime, timezone
from html import escape

import pytest

from mapsvc.errors import InputError
from mapsvc.store.ingest import ingest_feed
from mapsvc.store.store import Store
from mapsvc.store.watch import Watcher, backoff_s, parse_duration

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: Report-like entries (title, text, published): each names a place and an event.
ENTRIES = [
    ("Warehouse fire in Lyon", "A fire destroyed a warehouse in Lyon on Tuesday, officials said. "
     "Firefighters fought the blaze for six hours.", (2024, 2, 7)),
    ("Floods in Valencia", "Floods forced 300 people to leave their homes in Valencia on Monday, "
     "the regional government said.", (2024, 2, 6)),
    ("Earthquake in Izmir", "An earthquake damaged dozens of buildings in Izmir on Wednesday, killing "
     "two people, the disaster agency said.", (2024, 2, 8)),
    ("Market shelled in Kharkiv", "Shelling hit a market in Kharkiv on Thursday, injuring five people, "
     "the regional governor said.", (2024, 2, 9)),
    ("Landslide near Genoa", "A landslide buried a road near Genoa on Friday, killing one driver, "
     "officials said.", (2024, 2, 10)),
    ("Protesters detained in Tbilisi", "Police detained 40 protesters in Tbilisi on Saturday after "
     "clashes outside the parliament.", (2024, 2, 11)),
    ("Flooding in Derna", "Floodwater swept through Derna on Sunday, leaving 30 people missing, "
     "rescuers said.", (2024, 2, 12)),
    ("Strike on Odesa port", "A missile strike hit the port of Odesa on Monday, killing three people, "
     "officials said.", (2024, 2, 12)),
]


class FeedSite:
    """A real HTTP server with RSS feeds (``/NAME.xml``) and article pages (``/article/N``)."""

    def __init__(self):
        self.feeds: dict = {}  # name -> list of entry numbers
        self.failures: dict = {}  # name -> how many 500 answers are still to come
        self.retry_after: dict = {}  # name -> seconds: its failures are 503 with Retry-After
        self.log: list = []  # (path, If-None-Match sent, status answered)
        self.lock = threading.Lock()
        self.hold = None  # an Event the first feed request waits for (the concurrency test)
        self.arrived = 0
        self.edition = 0  # article pages say when they were last updated, as live pages do
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.answer(self)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, name: str) -> str:
        return f"{self.base}/{name}.xml"

    def rss(self, name: str) -> bytes:
        items = []
        for n in self.feeds[name]:
            title, text, (y, m, d) = ENTRIES[n]
            when = format_datetime(datetime(y, m, d, 9, 0, tzinfo=timezone.utc), usegmt=True)
            items.append(f"<item><title>{escape(title)}</title><link>{self.base}/article/{n}</link>"
                         f"<guid>{self.base}/article/{n}</guid><pubDate>{when}</pubDate>"
                         f"<description>{escape(text)}</description></item>")
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
                f"<link>{self.base}/</link>{''.join(items)}</channel></rss>").encode()

    def answer(self, handler) -> None:
        path = handler.path
        sent = handler.headers.get("If-None-Match", "")
        if path.startswith("/article/"):
            title, text, _ = ENTRIES[int(path.rsplit("/", 1)[1])]
            body = (f"<html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>"
                    f"<p>{escape(text)}</p><p>This article was updated {self.edition} times since it was "
                    "first published, as more details became known.</p></article></body></html>").encode()
            return self._send(handler, 200, body, "text/html; charset=utf-8")
        name = path.strip("/").removesuffix(".xml")
        self._wait_for_company()
        with self.lock:
            if name not in self.feeds:
                status, body = 404, b"no such feed"
            elif self.failures.get(name):
                self.failures[name] -= 1
                status, body = (503, b"busy") if name in self.retry_after else (500, b"server error")
            else:
                body = self.rss(name)
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                status = 304 if sent == etag else 200
            self.log.append((path, sent, status))
        if status == 200:
            return self._send(handler, 200, body, "application/rss+xml", etag=etag)
        self._send(handler, status, b"" if status == 304 else body, "text/plain",
                   retry_after=self.retry_after.get(name) if status == 503 else None)

    def _wait_for_company(self) -> None:
        """With ``hold`` set: the first feed request waits (up to 60 s) for a second one to arrive."""
        if self.hold is None:
            return
        with self.lock:
            self.arrived += 1
            first = self.arrived == 1
        if first:
            self.hold.wait(60)
        else:
            self.hold.set()

    @staticmethod
    def _send(handler, status: int, body: bytes, ctype: str, etag: str = "", retry_after=None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        if retry_after is not None:
            handler.send_header("Retry-After", str(retry_after))
        if etag:
            handler.send_header("ETag", etag)
        if status != 304:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if status != 304:
            handler.wfile.write(body)

    def statuses(self, name: str) -> list:
        return [status for path, _, status in self.log if path == f"/{name}.xml"]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site():
    server = FeedSite()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def extractor(gazetteer):
    from mapsvc.runtime import make_extractor
    return make_extractor(gazetteer)


def poll_when_due(watcher: Watcher, *, until: str, timeout: float = 30.0) -> dict:
    """Poll the watcher's feeds as they fall due until ``until`` has been polled; url -> last PollResult."""
    deadline, got = time.monotonic() + timeout, {}
    while until not in got:
        assert time.monotonic() < deadline, f"{until} did not fall due"
        got.update((r.url, r) for r in watcher.poll_due())
        time.sleep(0.01)
    return got


def stored(store) -> tuple:
    """(report titles, incidents as comparable tuples) of a store."""
    import sqlalchemy as sa
    from mapsvc.store.schema import reports
    with store._read.connect() as conn:
        titles = sorted(conn.execute(sa.select(reports.c.title)).scalars())
    incidents = sorted((i.category, i.place_name, i.date.isoformat(), tuple(sorted(i.counts.items())))
                       for i in store.query(limit=None).incidents)
    return titles, incidents


def watch_cli(*args, env: dict) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith("MAPSVC_")}
    full.update(env, PYTHONPATH=REPO)
    return subprocess.run([sys.executable, "-m", "mapsvc.cli", "watch", *args], env=full,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("10m", 600), ("1h", 3600), ("1.5h", 5400), ("2d", 172800)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "10", "0s", "-5m", "10x", "1e3s", "5 minutes", "١٠m"])
def test_bad_durations_are_input_errors(text):
    with pytest.raises(InputError):
        parse_duration(text)


def test_backoff_doubles_up_to_the_cap_but_never_below_every():
    assert [backoff_s(10, n, cap=100) for n in range(6)] == [10, 20, 40, 80, 100, 100]
    assert backoff_s(3600, 5, cap=600) == 3600


def test_watching_over_time_with_304s_errors_and_restarts(database_url, site, extractor, gazetteer_path, tmp_path):
    every = 0.05
    site.feeds = {"a": [0, 1], "b": [2]}
    urls = [site.url("a"), site.url("b")]
    store = Store(database_url)
    watcher = Watcher(store, urls, every=every, extractor=extractor, max_backoff=10)

    first = watcher.poll_due()  # new feeds are due at once
    first = {r.url: r for r in first}
    assert {u: (r.status, r.summary.reports_new) for u, r in first.items()} == {
        urls[0]: ("changed", 2), urls[1]: ("changed", 1)}
    assert all(r.summary.incidents_new >= 1 for r in first.values())
    again = poll_when_due(watcher, until=urls[0])  # nothing new: the stored ETag earns a 304
    assert again[urls[0]].status == "not modified"
    assert site.statuses("a") == [200, 304] and site.log[-1][1].startswith('"')

    # feed a fails three times while b publishes: b goes on, a waits longer after each failure;
    # the article pages change meanwhile, and entries already stored are not read again
    site.edition += 1
    site.feeds["a"].append(3)
    site.feeds["b"].append(4)
    site.failures["a"] = 3
    waits = []
    for _ in range(3):
        result = poll_when_due(watcher, until=urls[0])
        assert result[urls[0]].status == "error" and "HTTP 500" in result[urls[0]].error
        waits.append(result[urls[0]].next_in_s)
    assert waits == [every * 2, every * 4, every * 8]
    assert store.feed_states([urls[0]])[0].errors == 3
    assert store.report_count() == 4  # b's new entry went in while a was failing
    store.close()

    # a restart: a new store object and a new watcher, running its loop in a thread
    store = Store(database_url)
    site.edition += 1
    site.feeds["b"].append(5)
    watcher = Watcher(store, urls, every=every, extractor=extractor, max_backoff=10)
    stop = threading.Event()
    lines = []
    loop = threading.Thread(target=watcher.run, kwargs={"stop": stop, "on_poll": lines.append})
    loop.start()
    deadline = time.monotonic() + 60
    while store.report_count() < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    loop.join(30)
    assert not loop.is_alive() and store.report_count() == 6
    assert {(r.url, r.status) for r in lines} >= {(urls[0], "changed"), (urls[1], "changed")}
    assert store.feed_states([urls[0]])[0].errors == 0  # recovered
    store.close()

    # and a new process: mapsvc watch --once prints one line per poll
    site.feeds["a"].append(6)
    site.edition += 1
    env = {"MAPSVC_INSTANCE_PATH": str(tmp_path / "inst"), "MAPSVC_DATABASE_URL": database_url,
           "MAPSVC_GAZETTEER_PATH": str(gazetteer_path)}
    time.sleep(every * 2)
    done = watch_cli(*urls, "--every", "1h", "--once", env=env)
    assert done.returncode == 0, done.stderr
    polls = [line for line in done.stderr.splitlines() if line.startswith("mapsvc: watch ")]
    said = {url: [line[len(f"mapsvc: watch {url}: "):] for line in polls if line.startswith(f"mapsvc: watch {url}: ")]
            for url in urls}
    assert len(polls) == 2 and said[urls[1]] == ["304 not modified; next poll in 1h"], polls
    assert re.fullmatch(r"200, entries 1 new, 3 unchanged, 0 failed; incidents [1-9]\d* new, 0 merged; "
                        r"next poll in 1h", said[urls[0]][0]), polls

    # every entry stored exactly once: the same reports and incidents as one reading of the final feeds
    with Store(database_url) as watched, Store(f"sqlite:///{tmp_path / 'once.sqlite3'}") as once:
        for name in ("a", "b"):
            ingest_feed(once, site.rss(name), origin=site.url(name), extractor=extractor)
        assert stored(watched) == stored(once)
        assert watched.report_count() == 7 and len(stored(watched)[1]) >= 7
    assert sum(1 for _, sent, status in site.log if sent and status == 304) >= 2


def test_retry_after_is_heeded_up_to_the_longest_back_off(site, tmp_path, extractor):
    site.feeds = {"busy": [0], "slow": [1]}
    site.failures = {"busy": 1, "slow": 1}
    site.retry_after = {"busy": 120, "slow": 86400}
    with Store(f"sqlite:///{tmp_path / 's.sqlite3'}") as store:
        watcher = Watcher(store, [site.url("busy"), site.url("slow")], every=1, extractor=extractor, max_backoff=600)
        got = {r.url: r for r in watcher.poll_due()}
    assert got[site.url("busy")].next_in_s == 120 and "HTTP 503" in got[site.url("busy")].error
    assert got[site.url("slow")].next_in_s == 600  # a day asked, the longest back-off given


def test_two_watchers_share_the_feeds_without_doubles(database_url, site, gazetteer_path, tmp_path):
    names = [f"f{n}" for n in range(6)]
    site.feeds = {name: [n] for n, name in enumerate(names)}
    site.hold = threading.Event()  # the first feed answer waits until the other watcher asks too
    urls = [site.url(name) for name in names]
    env = {"MAPSVC_INSTANCE_PATH": str(tmp_path / "inst"), "MAPSVC_DATABASE_URL": database_url,
           "MAPSVC_GAZETTEER_PATH": str(gazetteer_path)}
    Store(database_url).close()  # the schema exists before the two start
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda _: watch_cli(*urls, "--every", "1h", "--once", env=env), range(2)))
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    polled = [[line for line in r.stderr.splitlines() if line.startswith("mapsvc: watch ")] for r in runs]
    assert all(polled), polled  # both took part
    assert sum(map(len, polled)) == len(names)
    assert all(site.statuses(name) == [200] for name in names)  # each feed fetched once, by one of them
    with Store(database_url) as store:
        titles, incidents = stored(store)
        assert titles == sorted(ENTRIES[n][0] for n in range(6)) and len(incidents) >= 6


def test_schema_v1_store_gains_the_feed_table(tmp_path):
    import sqlalchemy as sa
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    with Store(url) as store:  # make it a version-1 store, as mapsvc before watching left it
        with store._write.begin() as conn:
            conn.exec_driver_sql("DROP TABLE feeds")
            conn.exec_driver_sql("DROP TABLE jobs")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 2")
    with Store(url) as store:
        store.watch_feeds(["http://127.0.0.1:9/feed.xml"])
        assert [s.url for s in store.feed_states()] == ["http://127.0.0.1:9/feed.xml"]
        with store._read.connect() as conn:
            assert conn.execute(sa.text("SELECT version FROM schema_version")).scalars().all() == [1, 2, 3]


@pytest.mark.parametrize("args, message", [
    (["http://127.0.0.1:9/f.xml", "--every", "10x"], "is not a duration"),
    (["ftp://example.org/f.xml", "--once"], "only http(s) feed URLs"),
    (["--once"], "no feed to watch"),
])
def test_watch_command_errors_are_one_line(args, message, tmp_path, gazetteer_path):
    done = watch_cli(*args, env={"MAPSVC_INSTANCE_PATH": str(tmp_path), "MAPSVC_GAZETTEER_PATH": str(gazetteer_path)})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("mapsvc: error: ") and message in done.stderr


def _watchers_of(pid: int) -> list:
    from browser_support import children_started_with

    return children_started_with("watch", pid)


def test_serve_runs_one_watcher_beside_gunicorn(site, tmp_path, gazetteer_path):
    from browser_support import AppServer

    site.feeds = {"news": [0]}
    instance = tmp_path / "inst"
    instance.mkdir()
    server = AppServer(instance, serve=True, workers=3, env={
        "MAPSVC_GAZETTEER_PATH": str(gazetteer_path), "MAPSVC_DEMO_DATA": "0",
        "MAPSVC_WATCH_FEEDS": site.url("news"), "MAPSVC_WATCH_EVERY": "1s"})
    try:
        deadline = time.monotonic() + 120
        while server.get_json("/-/health")["incidents"] < 1:
            assert time.monotonic() < deadline, (instance / "server.log").read_text()[-3000:]
            time.sleep(0.3)
        assert len(_watchers_of(server.proc.pid)) == 1  # one for the server, not one per worker
        site.feeds["news"].append(1)  # published while serving: the map gets it within a poll or two
        while len(server.get_json("/collections/incidents/items?f=json")["features"]) < 2:
            assert time.monotonic() < deadline
            time.sleep(0.3)
    finally:
        server.stop()
    deadline = time.monotonic() + 40
    while _watchers_of(server.proc.pid):
        assert time.monotonic() < deadline, "the watcher outlived the server"
        time.sleep(0.2)
    log = (instance / "server.log").read_text()
    assert log.count(f"mapsvc: watch {site.url('news')}: 200, entries 1 new") == 2


def test_the_watcher_stops_when_the_server_is_killed(site, tmp_path, gazetteer_path):
    import signal

    from browser_support import AppServer

    site.feeds = {"news": [0]}
    instance = tmp_path / "inst"
    instance.mkdir()
    server = AppServer(instance, serve=True, workers=1, env={
        "MAPSVC_GAZETTEER_PATH": str(gazetteer_path), "MAPSVC_DEMO_DATA": "0",
        "MAPSVC_WATCH_FEEDS": site.url("news"), "MAPSVC_WATCH_EVERY": "1h"})
    try:
        deadline = time.monotonic() + 30
        while not _watchers_of(server.proc.pid):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        os.kill(server.proc.pid, signal.SIGKILL)  # no on_exit hook runs
        server.proc.wait(10)
        deadline = time.monotonic() + 30
        while _watchers_of(server.proc.pid):
            assert time.monotonic() < deadline, "the watcher outlived a killed server"
            time.sleep(0.2)
    finally:
        server.stop()


@pytest.mark.parametrize("env, message", [
    ({"MAPSVC_WATCH_FEEDS": "file:///etc/passwd"}, "only http(s) feed URLs"),
    ({"MAPSVC_WATCH_FEEDS": "http://127.0.0.1:9/f.xml", "MAPSVC_WATCH_EVERY": "often"}, "is not a duration"),
])
def test_serve_refuses_bad_watch_settings_in_one_line(env, message, tmp_path):
    from browser_support import free_port

    full = {k: v for k, v in os.environ.items() if not k.startswith("MAPSVC_")}
    full.update(env, MAPSVC_INSTANCE_PATH=str(tmp_path), MAPSVC_DEMO_DATA="0", PYTHONPATH=REPO)
    done = subprocess.run([sys.executable, "-m", "mapsvc.cli", "serve", "--port", str(free_port())], env=full,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
