"""Re-ingesting a stored report with a new publication date or title updates it and re-extracts its
incidents; the same text with the same date and title stays unchanged (store on real SQLite and
PostgreSQL, the command line and POST /reports through the real pipeline)."""
from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import pytest

from mapsvc.model import Incident, Report, Source
from mapsvc.store.store import IngestResult, Store
from test_cli import run_cli

TEXT = "Invented report: a strike hit a depot in Kharkiv yesterday, officials said."
D1, D2 = date(2022, 3, 16), date(2022, 3, 20)


def _yesterday_extractor(calls: list):
    """An extractor that dates its one incident the day before publication, as "yesterday" reads."""
    def extract(report):
        calls.append((report.published, report.title))
        day = report.published - timedelta(days=1)
        return [Incident(id="inc-depot", category="strike", title="Depot strike", lon=36.23, lat=49.99,
                         date=day, date_start=day, date_end=day, radius_km=5.0,
                         sources=(Source("", span=(0, 20)),))]
    return extract


@pytest.fixture
def store(database_url):
    s = Store(database_url)
    yield s
    s.close()


def test_a_new_date_updates_the_report_and_moves_its_incidents(store):
    calls = []
    extract = _yesterday_extractor(calls)
    first = store.ingest_report(Report(TEXT, published=D1, title="Depot hit"), extractor=extract)
    assert first.new and store.get("inc-depot").date == D1 - timedelta(days=1)
    store.correct("inc-depot", title="Fuel depot strike", note="checked")

    again = store.ingest_report(Report(TEXT, published=D2, title="Depot hit"), extractor=extract)
    assert (again.new, again.updated, again.incidents_new) == (False, True, 1)
    moved = store.get("inc-depot")
    assert moved.date == D2 - timedelta(days=1), "the incident's date follows the new publication date"
    assert moved.title == "Fuel depot strike", "the correction survives the update"
    assert store.get_report(first.report_id).published == D2
    assert moved.sources[0].published == D2
    assert (store.count(), store.report_count()) == (1, 1)


def test_a_new_title_updates_the_report_and_keeps_the_date(store):
    calls = []
    extract = _yesterday_extractor(calls)
    store.ingest_report(Report(TEXT, published=D1, title="Depot hit"), extractor=extract)
    result = store.ingest_report(Report(TEXT, title="Depot in Kharkiv hit"), extractor=extract)
    assert result.updated
    assert calls[-1] == (D1, "Depot in Kharkiv hit"), "what the new copy leaves out comes from the stored one"
    assert store.get("inc-depot").sources[0].title == "Depot in Kharkiv hit"


@pytest.mark.parametrize("copy", [dict(), dict(published=None), dict(title=""), dict(published=None, title="")])
def test_the_same_text_with_the_same_or_no_date_and_title_is_unchanged(store, copy):
    calls = []
    extract = _yesterday_extractor(calls)
    original = Report(TEXT, published=D1, title="Depot hit")
    store.ingest_report(original, extractor=extract)
    stamp = store.last_modified()
    result = store.ingest_report(dataclasses.replace(original, **copy), extractor=extract)
    assert result == IngestResult(original.id, False)
    assert len(calls) == 1 and store.last_modified() == stamp


def test_ingest_with_incidents_given_updates_too(store):
    extract = _yesterday_extractor([])
    store.ingest(Report(TEXT, published=D1), extract(Report(TEXT, published=D1)))
    result = store.ingest(Report(TEXT, published=D2), extract(Report(TEXT, published=D2)))
    assert result.updated and store.get("inc-depot").date == D2 - timedelta(days=1)


# ---------------------------------------------------------------- the command line and the API

REPORT_FILE = """Published: {day}
Title: {title}

Floodwater swept through Benghazi on Saturday night, and at least 12 people were killed, the city council said.
"""


def _dates():
    exported = json.loads(run_cli("export").stdout)
    return sorted({f["properties"]["date"] for f in exported["features"]})


def test_cli_reingest_with_a_new_published_header_moves_the_dates(instance, tmp_path):
    path = tmp_path / "flood.txt"
    path.write_text(REPORT_FILE.format(day="2023-04-02", title="Flood in Benghazi"))
    assert "1 new" in run_cli("ingest", str(path)).stdout
    assert _dates() == ["2023-04-01"]  # the Saturday before Sunday 2 April
    path.write_text(REPORT_FILE.format(day="2023-04-09", title="Flood in Benghazi"))
    updated = run_cli("ingest", str(path))
    assert updated.returncode == 0 and "0 new, 1 updated, 0 unchanged" in updated.stdout, updated.stdout
    assert _dates() == ["2023-04-08"]
    same = run_cli("ingest", str(path))
    assert "0 new, 0 updated, 1 unchanged" in same.stdout


def test_post_reports_updates_a_stored_report(instance):
    from mapsvc.web import create_app

    client = create_app({"TESTING": True, "API_TOKENS": ["tok"], "DEMO_DATA": False}).test_client()
    auth = {"Authorization": "Bearer tok"}
    body = REPORT_FILE.split("\n\n", 1)[1]
    first = client.post("/reports", json={"text": body, "published": "2023-04-02"}, headers=auth)
    assert first.status_code == 201, first.data
    items = client.get("/collections/incidents/items").get_json()["features"]
    assert {f["properties"]["date"] for f in items} == {"2023-04-01"}
    second = client.post("/reports", json={"text": body, "published": "2023-04-09", "title": "Flood"}, headers=auth)
    assert second.status_code == 200 and second.get_json()["updated"] is True, second.data
    items = client.get("/collections/incidents/items").get_json()["features"]
    assert {f["properties"]["date"] for f in items} == {"2023-04-08"}
    assert {s["title"] for f in items for s in f["properties"]["sources"]} == {"Flood"}
    third = client.post("/reports", json={"text": body, "published": "2023-04-09", "title": "Flood"}, headers=auth)
    assert third.status_code == 200 and third.get_json()["updated"] is False
