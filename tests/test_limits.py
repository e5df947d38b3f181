"""Limits: feed and page size on ingest (a real local HTTP server streaming 50 MB), source spans kept
per incident (real SQLite and PostgreSQL), report size and extraction slots of POST /reports."""
from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from datetime import date

import pytest

from mapsvc.config import DEFAULTS
from mapsvc.errors import InputError
from mapsvc.model import Incident, Report, Source
from mapsvc.store.ingest import ingest_inputs, read_inputs
from mapsvc.store.store import Store

BIG = 50_000_000
GOOD_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>http://x/</link><description>d</description>
<item><title>Derna floods</title><pubDate>Tue, 12 Sep 2023 08:00:00 GMT</pubDate>
<description>Floodwater swept through Derna overnight, rescuers said, and thousands of residents are missing.
</description></item></channel></rss>"""


class _Feeds(http.server.BaseHTTPRequestHandler):
    """/big.rss: 50 MB of feed with its Content-Length; /endless.rss: 50 MB without one; /good.rss."""

    protocol_version = "HTTP/1.0"
    sent: dict = {}

    def do_GET(self):
        if self.path == "/good.rss":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(GOOD_FEED)))
            self.end_headers()
            self.wfile.write(GOOD_FEED)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if self.path == "/big.rss":
            self.send_header("Content-Length", str(BIG))
        self.end_headers()
        chunk = b"<item><title>x</title></item>" * 2000
        sent = 0
        try:
            self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
            while sent < BIG:
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            type(self).sent[self.path] = sent

    def log_message(self, *args):
        pass


@pytest.fixture
def feeds():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Feeds)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _day_extractor(report):
    day = report.published or date(2023, 9, 12)
    return [Incident(id=f"inc-{report.id}", category="disaster", title="Flood", lon=22.64, lat=32.76, date=day,
                     date_start=day, date_end=day, radius_km=5.0, sources=(Source("", span=(0, 10)),))]


def test_a_50_mb_feed_is_refused_and_the_run_goes_on(feeds, tmp_path):
    with Store(f"sqlite:///{tmp_path / 's.sqlite3'}") as store:
        summary = ingest_inputs(store, [f"{feeds}/big.rss", f"{feeds}/endless.rss", f"{feeds}/good.rss"],
                                extractor=_day_extractor, progress=False)
        assert (summary.reports_new, summary.reports_failed) == (1, 2)
    reasons = dict(summary.failures)
    limit = DEFAULTS["MAX_FEED_BYTES"]
    for name in ("big.rss", "endless.rss"):
        assert f"larger than the {limit} byte limit (MAX_FEED_BYTES)" in reasons[f"{feeds}/{name}"]
    # the declared size is refused before the body is read; the undeclared one stops reading at the limit
    # (the server gets a few socket buffers further, never the 50 MB)
    assert _Feeds.sent["/endless.rss"] < limit + 16_000_000


def test_the_feed_limit_is_a_setting(feeds):
    got = dict(read_inputs([f"{feeds}/good.rss"], max_bytes=100))
    assert isinstance(got[f"{feeds}/good.rss"], InputError)
    assert "larger than the 100 byte limit" in str(got[f"{feeds}/good.rss"])


def test_the_watcher_refuses_a_50_mb_feed_and_the_other_feeds_go_on(feeds, tmp_path):
    from mapsvc.store.watch import Watcher

    with Store(f"sqlite:///{tmp_path / 's.sqlite3'}") as store:
        watcher = Watcher(store, [f"{feeds}/big.rss", f"{feeds}/endless.rss", f"{feeds}/good.rss"], every=60,
                          extractor=_day_extractor, max_bytes=DEFAULTS["MAX_FEED_BYTES"])
        results = {r.url: r for r in watcher.poll_due()}
        assert store.report_count() == 1
    assert results[f"{feeds}/good.rss"].status == "changed"
    for name in ("big.rss", "endless.rss"):
        result = results[f"{feeds}/{name}"]
        assert result.status == "error" and result.next_in_s == 120  # that feed's back-off
        assert "(MAX_FEED_BYTES)" in result.error
    assert _Feeds.sent["/endless.rss"] < DEFAULTS["MAX_FEED_BYTES"] + 16_000_000


def test_cli_refuses_a_50_mb_feed_file_in_one_line_and_goes_on(instance, tmp_path):
    big = tmp_path / "big.rss"
    with open(big, "wb") as fp:  # sparse: 50 MB that costs no disk
        fp.truncate(BIG)
    good = tmp_path / "good.rss"
    good.write_bytes(GOOD_FEED)
    result = subprocess.run([sys.executable, "-m", "mapsvc.cli", "ingest", str(big), str(good)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "1 new" in result.stdout and "1 failed" in result.stdout
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert skipped == [f"mapsvc: skipped {big}: larger than the {DEFAULTS['MAX_FEED_BYTES']} byte limit "
                       "(MAX_FEED_BYTES); not read further"]


# ---------------------------------------------------------------- sources kept per incident


def test_an_incident_merged_from_many_reports_keeps_at_most_max_sources(database_url):
    with Store(database_url, max_sources=3) as store:
        for n in range(6):
            report = Report(f"Invented report {n} of one strike on a depot in Kharkiv.", published=date(2022, 3, 16),
                            title=f"Report {n}")
            incident = Incident(id=f"inc-{n}", category="strike", title="Depot strike", lon=36.23, lat=49.99,
                                date=date(2022, 3, 15), date_start=date(2022, 3, 15), date_end=date(2022, 3, 15),
                                radius_km=5.0, counts={"killed": n}, sources=(Source("", span=(0, 5)),
                                                                              Source("", span=(6, 9))))
            store.ingest(report, [incident])
        (merged,) = store.query().incidents
        assert len(merged.sources) == 3
        assert [s.title for s in merged.sources] == ["Report 0", "Report 0", "Report 1"]  # the first ones stay
        assert merged.counts == {"killed": 5}, "reports past the limit still merge their figures"
        assert store.report_count() == 6


def test_max_sources_comes_from_the_configuration(tmp_path):
    from mapsvc.config import load_config

    with Store.from_config(load_config(tmp_path, {"MAX_SOURCES": 7})) as store:
        assert store.max_sources == 7


# ---------------------------------------------------------------- POST /reports


@pytest.fixture
def web(instance):
    from mapsvc.web import create_app

    return create_app({"TESTING": True, "API_TOKENS": ["tok"], "DEMO_DATA": False, "TILES": "offline"})


def test_a_report_over_max_report_bytes_is_413_before_extraction(web):
    client = web.test_client()
    text = "Shelling hit Kharkiv on Monday. " * (DEFAULTS["MAX_REPORT_BYTES"] // 30)
    response = client.post("/reports", data=text, content_type="text/plain",
                           query_string={"published": "2022-03-16"}, headers={"Authorization": "Bearer tok"})
    assert response.status_code == 413, response.data
    assert response.get_json()["code"] == "PayloadTooLarge"


def test_a_report_posted_while_every_extraction_slot_is_busy_is_503_at_once(web):
    import time

    slots = web.extensions["mapsvc.extract_slots"]
    assert slots.acquire(blocking=False)  # another request is extracting
    try:
        started = time.monotonic()
        response = web.test_client().post("/reports", json={"text": "Shelling hit Kharkiv on Monday.",
                                                            "published": "2022-03-16"},
                                          headers={"Authorization": "Bearer tok"})
        assert time.monotonic() - started < 5
    finally:
        slots.release()
    assert response.status_code == 503, response.data
    assert response.headers["Retry-After"] == "5"
    assert set(response.get_json()) == {"code", "description", "status"} and response.get_json()["code"] == "Busy"
    with Store.from_config(dict(web.config)) as store:
        assert store.report_count() == 0
