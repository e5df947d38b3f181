"""Corrections of title and counts, and notes: kept across merges and re-extraction, shown in every
export, the API, the popup data and the incident page (store on real SQLite and PostgreSQL)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from mapsvc.errors import InvalidParameter
from mapsvc.export import write_acled_csv, write_csv, write_kml
from mapsvc.geojson import from_feature, to_feature
from mapsvc.model import COUNT_KEYS, Incident, Report, Source
from mapsvc.store.store import Store
from test_cli import run_cli

D15 = date(2022, 3, 15)
REPORT_A = Report(text="Invented report A about a strike on a depot in Kharkiv.", published=date(2022, 3, 16),
                  title="Report A", url="https://a.example/1")
REPORT_B = Report(text="Invented report B, a later toll of the same strike in Kharkiv.", published=date(2022, 3, 17),
                  title="Report B", url="https://b.example/1")


def _strike(id_, *, counts, title="Strike on a depot", span=(0, 30), lon=36.23):
    return Incident(id=id_, category="strike", title=title, lon=lon, lat=49.99, date=D15, date_start=D15,
                    date_end=D15, place_name="Kharkiv", place_kind="city", place_admin=("Kharkiv Oblast", "Ukraine"),
                    radius_km=5.0, counts=counts, quote="a strike hit a depot", sources=(Source("", span=span),))


@pytest.fixture
def store(database_url):
    s = Store(database_url)
    s.ingest(REPORT_A, [_strike("inc-k1", counts={"killed": 2, "injured": 5})])
    yield s
    s.close()


def test_title_and_counts_corrections_win_over_merges_and_reextraction(store):
    fixed = store.correct("inc-k1", title="Strike on a fuel depot", counts={"killed": 4},
                          note="city council list of the dead")
    assert (fixed.title, dict(fixed.counts), fixed.corrected, fixed.note) == (
        "Strike on a fuel depot", {"killed": 4, "injured": 5}, True, "city council list of the dead")
    # a later report with higher figures merges: the corrected noun stays, the other takes the higher figure
    merged = store.ingest(REPORT_B, [_strike("inc-b1", counts={"killed": 9, "injured": 7}, title="Depot hit")])
    assert merged.incidents_merged == 1
    after = store.get("inc-k1")
    assert (after.title, dict(after.counts)) == ("Strike on a fuel depot", {"killed": 4, "injured": 7})
    store.reextract(extractor=lambda r: [_strike("inc-x", counts={"killed": 1}, title="Depot struck")])
    again = store.get("inc-k1")
    assert (again.title, again.counts["killed"], again.corrected) == ("Strike on a fuel depot", 4, True)


def test_title_and_counts_corrections_survive_reextraction_under_new_ids(store):
    store.correct("inc-k1", title="Strike on a fuel depot", counts={"killed": 4}, note="council list")
    store.reextract(extractor=lambda r: [_strike("inc-new", counts={"killed": 1, "injured": 3},
                                                 title="Depot struck", span=(2, 28))])
    again = store.get("inc-new")
    assert (again.title, dict(again.counts), again.corrected, again.note) == (
        "Strike on a fuel depot", {"killed": 4, "injured": 3}, True, "council list")
    assert [i.id for i in store.query(q="fuel depot").incidents] == ["inc-new"]  # q= finds the corrected title


def test_a_note_alone_is_a_correction_that_changes_nothing_else(store):
    before = store.get("inc-k1")
    assert (before.corrected, before.note) == (False, "")
    noted = store.correct("inc-k1", note="reviewed against the video")
    assert (noted.corrected, noted.note, noted.title, dict(noted.counts)) == (
        True, "reviewed against the video", before.title, dict(before.counts))
    assert store.corrections_of("inc-k1")[0]["field"] == "note"
    # a later correction without a note keeps the last note given
    assert store.correct("inc-k1", counts={"killed": 3}).note == "reviewed against the video"


@pytest.mark.parametrize("kwargs", [
    dict(counts={"killed": -1}), dict(counts={"killed": 1.5}), dict(counts={"killed": True}),
    dict(counts={"goats": 3}), dict(counts={}), dict(counts=[3]), dict(title="  "), dict(note="  "),
])
def test_bad_title_or_counts_are_refused_and_nothing_is_stored(store, kwargs):
    with pytest.raises(InvalidParameter):
        store.correct("inc-k1", **kwargs)
    assert store.corrections_of("inc-k1") == []
    assert store.get("inc-k1").corrected is False


def test_every_export_says_corrected_and_the_note(store):
    store.correct("inc-k1", counts={"killed": 4}, note="=HYPERLINK(\"x\") per the council")
    plain = Incident(id="inc-plain", category="other", title="t", lon=1.0, lat=2.0, date=D15, date_start=D15,
                     date_end=D15)
    incidents = [store.get("inc-k1"), plain]
    props = to_feature(incidents[0])["properties"]
    assert (props["corrected"], props["note"]) == (True, "=HYPERLINK(\"x\") per the council")
    assert to_feature(plain)["properties"]["corrected"] is False
    assert from_feature(to_feature(incidents[0])) == incidents[0]

    buf = io.StringIO()
    write_csv(incidents, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert (rows[0]["corrected"], rows[0]["note"]) == ("true", "'=HYPERLINK(\"x\") per the council")
    assert (rows[1]["corrected"], rows[1]["note"]) == ("false", "")

    buf = io.StringIO()
    write_acled_csv(incidents, buf)
    acled = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert acled[0]["notes"].endswith("[Corrected by hand: =HYPERLINK(\"x\") per the council]")
    assert acled[0]["fatalities"] == "4"
    assert "Corrected" not in acled[1]["notes"]

    buf = io.StringIO()
    write_kml(incidents, buf)
    assert "Corrected by hand: =HYPERLINK" in buf.getvalue()
    assert '<Data name="corrected"><value>true</value>' in buf.getvalue()


def test_count_keys_cover_the_extractor_table():
    """Every noun the extractor's table can produce can be corrected from the command line."""
    from mapsvc.extract.frames import count_keys

    assert set(count_keys().values()) <= set(COUNT_KEYS)


# ---------------------------------------------------------------- the command line


def test_cli_corrects_title_and_counts(instance):
    from mapsvc.config import load_config

    with Store.from_config(load_config(instance, {})) as s:
        s.ingest(REPORT_A, [_strike("inc-k1", counts={"killed": 2})])
    done = run_cli("correct", "inc-k1", "--title", "Depot strike", "--killed", "5", "--missing", "1",
                "--note", "council list")
    assert done.returncode == 0, done.stderr
    props = json.loads(done.stdout)["properties"]
    assert (props["title"], props["counts"], props["corrected"], props["note"]) == (
        "Depot strike", {"killed": 5, "missing": 1}, True, "council list")
    exported = run_cli("export", "--format", "csv")
    row = next(csv.DictReader(io.StringIO(exported.stdout)))
    assert (row["corrected"], row["note"], row["title"]) == ("true", "council list", "Depot strike")


@pytest.mark.parametrize("args", [["--killed", "-3"], ["--title", " "], []])
def test_cli_bad_corrections_are_one_line(instance, args):
    from mapsvc.config import load_config

    with Store.from_config(load_config(instance, {})) as s:
        s.ingest(REPORT_A, [_strike("inc-k1", counts={"killed": 2})])
    result = run_cli("correct", "inc-k1", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1, result.stderr
    with Store.from_config(load_config(instance, {})) as s:
        assert s.corrections_of("inc-k1") == []


def test_cli_count_that_is_no_number_is_refused_by_the_parser(instance):
    result = run_cli("correct", "inc-k1", "--killed", "many")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "mapsvc correct: error: argument --killed: invalid int value: 'many'"


# ---------------------------------------------------------------- the web API


@pytest.fixture
def web(tmp_path, monkeypatch):
    from mapsvc.web import create_app

    monkeypatch.setenv("MAPSVC_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "API_TOKENS": ["tok"], "DEMO_DATA": False, "TILES": "offline"})
    with Store.from_config(dict(app.config)) as s:
        s.ingest(REPORT_A, [_strike("inc-k1", counts={"killed": 2})])
    return app.test_client()


AUTH = {"Authorization": "Bearer tok"}


def test_patch_corrects_title_and_counts_and_shows_them_everywhere(web):
    response = web.patch("/collections/incidents/items/inc-k1", headers=AUTH,
                         json={"title": "Depot strike", "counts": {"killed": 6}, "note": "<b>council</b> list"})
    assert response.status_code == 200, response.data
    props = web.get("/collections/incidents/items/inc-k1").get_json()["properties"]
    assert (props["title"], props["counts"], props["corrected"], props["note"]) == (
        "Depot strike", {"killed": 6}, True, "<b>council</b> list")
    page = web.get("/collections/incidents/items").get_json()["features"][0]["properties"]
    assert page["corrected"] is True
    csv_text = web.get("/incidents.csv").get_data(as_text=True)
    assert "<b>council</b> list" in csv_text
    html = web.get("/incidents/inc-k1", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Corrected by hand: &lt;b&gt;council&lt;/b&gt; list" in html


@pytest.mark.parametrize("doc", [{"counts": {"killed": -1}}, {"counts": {"goats": 1}}, {"counts": "6"},
                                 {"title": ""}, {"title": 5}, {"counts": {"killed": 2 ** 40}}])
def test_patch_bad_title_or_counts_is_400_and_changes_nothing(web, doc):
    response = web.patch("/collections/incidents/items/inc-k1", headers=AUTH, json=doc)
    assert response.status_code == 400, response.data
    assert set(response.get_json()) == {"code", "description", "status"}
    props = web.get("/collections/incidents/items/inc-k1").get_json()["properties"]
    assert (props["corrected"], props["counts"]) == (False, {"killed": 2})
