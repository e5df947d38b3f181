"""Store on a real SQLite file, and on PostgreSQL when MAPSVC_TEST_DATABASE_URL is set."""
from datetime import date

import pytest
import sqlalchemy as sa

from mapsvc.errors import InvalidParameter, NotFound, StoreError
from mapsvc.model import Incident, Report, Source
from mapsvc.store.store import IngestResult, Store

MARIUPOL = (37.5494, 47.0971)
D14, D15, D16 = date(2022, 3, 14), date(2022, 3, 15), date(2022, 3, 16)

# Two reports written for these tests about one evacuation from Mariupol, from two outlets.
REPORT_A = Report(
    text="About 20,000 residents left Mariupol in private cars on Tuesday through a corridor "
         "towards Zaporizhzhia, the city council said.",
    published=D16, title="Thousands leave Mariupol", url="https://outlet-a.example/mariupol")
REPORT_B = Report(
    text="A convoy of some 4,000 cars carrying residents out of the besieged port of Mariupol "
         "reached Zaporizhzhia late on Tuesday, regional officials said on Wednesday.",
    published=date(2022, 3, 17), title="Convoy from Mariupol arrives", url="https://outlet-b.example/x")


def inc(id_, *, category="humanitarian", lon=MARIUPOL[0], lat=MARIUPOL[1], day=D15, start=None,
        end=None, radius=5.0, counts=None, span=(0, 10), title="", precision=1, place="Mariupol", quote=""):
    return Incident(id=id_, category=category, title=title or f"{category} at {place}", lon=lon, lat=lat,
                    date=day, date_start=start or day, date_end=end or day, place_name=place,
                    place_kind="city", place_admin=("Donetsk Oblast", "Ukraine"), geo_precision=precision,
                    radius_km=radius, counts=counts or {}, quote=quote or f"quote about {place}",
                    sources=(Source("", span=span),))


@pytest.fixture
def store(database_url):
    s = Store(database_url)
    yield s
    s.close()


def test_reingest_is_idempotent(store):
    first = store.ingest(REPORT_A, [inc("inc-a1", counts={"evacuated": 20000})])
    assert first == IngestResult(REPORT_A.id, True, 1, 0)
    stamp = store.last_modified()
    again = store.ingest(REPORT_A, [inc("inc-a1", counts={"evacuated": 20000})])
    assert again == IngestResult(REPORT_A.id, False, 0, 0)
    assert (store.count(), store.report_count(), store.last_modified()) == (1, 1, stamp)
    assert store.get("inc-a1").sources[0].report == REPORT_A.id


def test_ingest_report_runs_extractor_only_for_new_reports(store):
    calls = []

    def extractor(report):
        calls.append(report.id)
        return [inc("inc-x")]

    assert store.ingest_report(REPORT_A, extractor=extractor).new
    assert not store.ingest_report(REPORT_A, extractor=extractor).new
    assert calls == [REPORT_A.id]


def test_same_event_from_two_reports_merges(store):
    store.ingest(REPORT_A, [inc("inc-a1", counts={"evacuated": 20000}, span=(0, 90))])
    result = store.ingest(REPORT_B, [inc("inc-b1", lon=MARIUPOL[0] + 0.01, day=D15, start=D14, end=D15,
                                         counts={"evacuated": 16000, "cars": 4000}, span=(2, 60))])
    assert (result.incidents_new, result.incidents_merged) == (0, 1)
    assert store.count() == 1
    merged = store.get("inc-a1")
    assert [s.report for s in merged.sources] == [REPORT_A.id, REPORT_B.id]
    assert merged.sources[1].url == REPORT_B.url and merged.sources[1].span == (2, 60)
    assert merged.sources[1].published == REPORT_B.published
    assert merged.counts == {"evacuated": 20000, "cars": 4000}
    with pytest.raises(NotFound):
        store.get("inc-b1")


@pytest.mark.parametrize("other", [
    dict(category="strike"),                                  # another kind of event at the same place
    dict(day=date(2022, 3, 20)),                              # the same kind, days later
    dict(lon=MARIUPOL[0] + 0.5, radius=5.0),                  # 38 km away: outside both radii
])
def test_different_events_stay_apart(store, other):
    store.ingest(REPORT_A, [inc("inc-a1")])
    result = store.ingest(REPORT_B, [inc("inc-b1", **other)])
    assert (result.incidents_new, result.incidents_merged) == (1, 0)
    assert store.count() == 2


def test_one_reports_incidents_never_merge_with_each_other(store):
    result = store.ingest(REPORT_A, [inc("inc-a1", span=(0, 5)), inc("inc-a2", span=(6, 9))])
    assert (result.incidents_new, store.count()) == (2, 2)
    # the second report's two events: one merges with each stored one, none doubles up
    result = store.ingest(REPORT_B, [inc("inc-b1"), inc("inc-b2")])
    assert (result.incidents_new, result.incidents_merged, store.count()) == (0, 2, 2)
    assert all(len(i.sources) == 2 for i in store.query().incidents)


def test_merge_needs_each_within_the_others_radius(store):
    store.ingest(REPORT_A, [inc("inc-a1", radius=50.0)])            # only "somewhere in the region"
    result = store.ingest(REPORT_B, [inc("inc-b1", lon=MARIUPOL[0] + 0.2, radius=2.0)])  # 15 km off
    assert result.incidents_merged == 0


def test_colliding_ids_from_different_reports_get_their_own(store):
    store.ingest(REPORT_A, [inc("inc-1")])
    store.ingest(REPORT_B, [inc("inc-1", category="strike")])
    ids = sorted(i.id for i in store.query().incidents)
    assert len(ids) == 2 and "inc-1" in ids
    assert store.get("inc-1").category == "humanitarian"


def test_bad_incident_stores_nothing(store):
    bad = inc("inc-bad", category="weather")
    with pytest.raises(InvalidParameter):
        store.ingest(REPORT_A, [inc("inc-ok"), bad])
    assert (store.count(), store.report_count()) == (0, 0)
    with pytest.raises(InvalidParameter):
        store.ingest(REPORT_A, [inc("inc-nan", lat=float("nan"))])


def _world(store):
    rows = [
        ("inc-kyiv", "strike", 30.52, 50.45, date(2022, 3, 1), date(2022, 3, 1), "Strike hits TV tower"),
        ("inc-fiji", "disaster", 179.9, -17.0, date(2022, 3, 5), date(2022, 3, 5), "Cyclone damage"),
        ("inc-samoa", "disaster", -179.9, -14.0, date(2022, 3, 6), date(2022, 3, 6), "Flooding 100% of village"),
        ("inc-long", "humanitarian", 37.5, 47.1, date(2022, 2, 20), date(2022, 3, 20), "Siege blocks aid"),
        ("inc-lima", "political", -77.0, -12.0, date(2023, 1, 1), date(2023, 1, 1), "Talks in Lima"),
    ]
    for i, (id_, cat, lon, lat, start, end, title) in enumerate(rows):
        store.ingest(Report(f"report {i}", published=end),
                     [inc(id_, category=cat, lon=lon, lat=lat, day=start, start=start, end=end, title=title)])


def _ids(result):
    return sorted(i.id for i in result.incidents)


def test_query_filters(store):
    _world(store)
    assert store.query().number_matched == 5
    assert _ids(store.query(bbox=(20, 40, 40, 55))) == ["inc-kyiv", "inc-long"]
    assert _ids(store.query(bbox=(170, -20, -170, -10))) == ["inc-fiji", "inc-samoa"]  # antimeridian
    assert _ids(store.query(bbox=(-180, -90, 180, 90))) == _ids(store.query())
    assert _ids(store.query(datetime=(date(2022, 3, 2), date(2022, 3, 5)))) == ["inc-fiji", "inc-long"]
    assert _ids(store.query(datetime=(None, date(2022, 2, 28)))) == ["inc-long"]
    assert _ids(store.query(datetime=(date(2022, 12, 1), None))) == ["inc-lima"]
    assert _ids(store.query(datetime=date(2022, 3, 1))) == ["inc-kyiv", "inc-long"]
    assert _ids(store.query(categories=["disaster", "political"])) == ["inc-fiji", "inc-lima", "inc-samoa"]
    assert _ids(store.query(q="tv TOWER")) == ["inc-kyiv"]
    assert _ids(store.query(q="100%")) == ["inc-samoa"]
    assert _ids(store.query(q="1_0")) == []
    both = store.query(bbox=(170, -20, -170, -10), datetime=(date(2022, 3, 6), None), categories=["disaster"])
    assert _ids(both) == ["inc-samoa"]


def test_query_paging_newest_first(store):
    _world(store)
    page1 = store.query(limit=2)
    page2 = store.query(limit=2, offset=2)
    page3 = store.query(limit=2, offset=4)
    assert [i.id for i in page1.incidents] == ["inc-lima", "inc-samoa"]
    assert len(page2.incidents) == 2 and len(page3.incidents) == 1
    assert {page.number_matched for page in (page1, page2, page3)} == {5}
    assert store.query(limit=0).incidents == [] and store.query(limit=0).number_matched == 5
    assert store.query(offset=50).incidents == []
    assert len(store.query(limit=None).incidents) == 5


@pytest.mark.parametrize("kwargs", [
    dict(bbox=(1, 2, 3)), dict(bbox=("a", 1, 2, 3)), dict(bbox=(0, 10, 1, 5)), dict(bbox=(0, -91, 1, 5)),
    dict(bbox=(-181, 0, 1, 5)), dict(bbox=(0, 0, float("inf"), 1)),
    dict(datetime=("2022-03-05", "2022-03-01")), dict(datetime=("yesterday", None)), dict(datetime=(1, 2, 3)),
    dict(categories=["strike", "weather"]), dict(limit=-1), dict(offset=-5), dict(limit="ten"),
    dict(limit=10**9), dict(q=5),
])
def test_query_rejects_bad_parameters(store, kwargs):
    with pytest.raises(InvalidParameter):
        store.query(**kwargs)


def test_get_unknown_raises_not_found(store):
    with pytest.raises(NotFound):
        store.get("inc-nope")


def test_corrections_win_over_later_merges(store):
    store.ingest(REPORT_A, [inc("inc-a1", category="humanitarian", precision=2, radius=10.0)])
    fixed = store.correct("inc-a1", lon=37.55, lat=47.10, category="civilian_harm",
                          date=date(2022, 3, 14), place_name="Mariupol port", note="checked")
    assert (fixed.lon, fixed.lat, fixed.category, fixed.date, fixed.place_name) == (
        37.55, 47.10, "civilian_harm", date(2022, 3, 14), "Mariupol port")
    assert fixed.date_start == fixed.date_end == date(2022, 3, 14)
    # a more precise later report of the same (corrected) event must not undo the correction
    result = store.ingest(REPORT_B, [inc("inc-b1", category="civilian_harm", lon=37.551, lat=47.101,
                                         day=date(2022, 3, 14), precision=1, radius=3.0)])
    assert result.incidents_merged == 1
    after = store.get("inc-a1")
    assert (after.lon, after.lat, after.category, after.place_name) == (37.55, 47.10, "civilian_harm",
                                                                         "Mariupol port")
    assert len(after.sources) == 2
    assert [c["field"] for c in store.corrections_of("inc-a1")] == ["lon", "lat", "category", "date",
                                                                     "place_name"]
    assert store.query(bbox=(37.5, 47.05, 37.6, 47.15)).number_matched == 1


@pytest.mark.parametrize("kwargs", [
    dict(), dict(lat=95), dict(lon="east"), dict(category="weather"), dict(date="soon"), dict(place_name=" "),
])
def test_correct_rejects_bad_values(store, kwargs):
    store.ingest(REPORT_A, [inc("inc-a1")])
    with pytest.raises(InvalidParameter):
        store.correct("inc-a1", **kwargs)
    assert store.corrections_of("inc-a1") == []


def test_correct_unknown_incident(store):
    with pytest.raises(NotFound):
        store.correct("inc-nope", category="strike")


def test_reopen_keeps_data_and_schema_version(database_url):
    with Store(database_url) as s:
        s.ingest(REPORT_A, [inc("inc-a1")])
    with Store(database_url) as s:  # second open: migration is a no-op
        assert s.count() == 1
        with s._read.connect() as conn:
            assert conn.execute(sa.text("SELECT version FROM schema_version")).scalars().all() == [1, 2, 3]
    with Store(database_url, create=False) as s:
        assert s.report_count() == 1
        assert s.get_report(REPORT_A.id).text == REPORT_A.text


def test_from_config_sqlite_file_in_wal_mode(tmp_path):
    from mapsvc.config import load_config

    cfg = load_config(tmp_path / "inst", {})
    with Store.from_config(cfg) as s:
        s.ingest(REPORT_A, [inc("inc-a1")])
        with s._read.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert (tmp_path / "inst" / "mapsvc.sqlite3").is_file()


def test_unreachable_database_is_a_store_error(tmp_path):
    with pytest.raises(StoreError):
        Store("postgresql://nobody@127.0.0.1:1/none")


def test_one_report_repeating_an_id_gets_two_incidents(store):
    result = store.ingest(REPORT_A, [inc("inc-dup", span=(0, 5)), inc("inc-dup", category="strike", span=(6, 9))])
    assert result.incidents_new == 2 and store.count() == 2


def test_corrections_survive_reextraction(store):
    store.ingest(REPORT_A, [inc("inc-a1", span=(0, 40)), inc("inc-a2", category="strike", span=(41, 80))])
    store.correct("inc-a1", lat=47.2, note="the corridor started north of the centre")
    store.correct("inc-a2", category="battle")

    def new_extractor(report):  # a "better" extractor: new ids, shifted spans, other coordinates
        return [inc("inc-new-1", lon=37.56, span=(2, 38), counts={"evacuated": 21000}),
                inc("inc-new-2", category="strike", lon=37.56, span=(41, 80))]

    totals = store.reextract(extractor=new_extractor)
    assert totals == {"reports": 1, "incidents_new": 2, "incidents_merged": 0, "failed": 0}
    assert store.count() == 2
    by_id = {i.id: i for i in store.query().incidents}
    assert set(by_id) == {"inc-new-1", "inc-new-2"}
    assert (by_id["inc-new-1"].lat, by_id["inc-new-1"].lon) == (47.2, 37.56)  # corrected lat wins
    assert by_id["inc-new-1"].counts == {"evacuated": 21000}
    assert by_id["inc-new-2"].category == "battle"
    assert [c["field"] for c in store.corrections_of("inc-new-2")] == ["category"]


def test_reextraction_keeps_a_report_the_extractor_fails_on(store):
    store.ingest(REPORT_A, [inc("inc-a1")])

    def broken(report):
        raise RuntimeError("model missing")

    assert store.reextract(extractor=broken)["failed"] == 1
    assert store.get("inc-a1").sources[0].report == REPORT_A.id


def test_reextraction_with_same_ids_reapplies_corrections(store):
    store.ingest(REPORT_A, [inc("inc-a1")])
    store.ingest(REPORT_B, [inc("inc-b1", category="strike", lon=38.0)])
    store.correct("inc-a1", place_name="Mariupol (left bank)")
    store.reextract(extractor=lambda r: [inc("inc-a1")] if r.id == REPORT_A.id else [inc("inc-b1", lon=38.0)])
    assert store.get("inc-a1").place_name == "Mariupol (left bank)"
    assert [i.id for i in store.query(q="left bank").incidents] == ["inc-a1"]
    assert store.get("inc-b1").category == "humanitarian"  # re-extracted, no correction there
    assert store.report_count() == 2


def test_stored_incident_round_trips_every_field(store):
    area = {"type": "Polygon", "coordinates": [[[37.4, 47.0], [37.7, 47.0], [37.7, 47.2], [37.4, 47.0]]]}
    original = Incident(id="inc-full", category="civilian_harm", title="Теплоцентраль — \"hit\" <b>", lon=37.5494,
                        lat=47.0971, date=D15, date_start=D14, date_end=D16, date_precision="week",
                        place_name="Маріуполь", place_kind="city", place_admin=("Donetsk Oblast", "Ukraine"),
                        gazetteer_id="geonames:70644", geo_precision=2, radius_km=7.5,
                        counts={"killed": 3, "trapped": 40}, quote="`${x}` </script>", area=area,
                        sources=(Source("", span=(5, 50)),))
    store.ingest(REPORT_A, [original])
    back = store.get("inc-full")
    expected = Source(REPORT_A.id, REPORT_A.title, REPORT_A.url, REPORT_A.published, (5, 50))
    assert back == Incident(**{**original.__dict__, "sources": (expected,)})
    assert [i.id for i in store.query(q="маріуполь").incidents] == ["inc-full"]


def test_nul_characters_never_reach_the_database(store):
    with pytest.raises(InvalidParameter):
        store.ingest(Report("bad\x00text"), [])
    store.ingest(REPORT_A, [inc("inc-nul", title="a\x00b", quote="q\x00")])
    assert store.get("inc-nul").title == "a\ufffdb"
    assert store.report_count() == 1


def test_bounded_window_pages_are_newest_first(store):
    _world(store)
    window = (date(2022, 2, 1), date(2022, 3, 31))
    ids = [i.id for i in store.query(datetime=window).incidents]
    assert ids == ["inc-samoa", "inc-fiji", "inc-kyiv", "inc-long"]  # by date: 6, 5, 1 March, 20 Feb
    assert [i.id for i in store.query(datetime=window, limit=2, offset=1).incidents] == ids[1:3]


def _grid_incidents(report):
    """Points on both sides of cell edges and of the prime meridian and equator (where a cast rounds)."""
    day = date(2022, 3, 1)
    points = [(-0.6, -0.6), (-0.4, -0.4), (0.4, 0.4), (0.6, 0.6), (10.9, 50.9), (11.1, 51.1), (179.9, 89.9)]
    return [Incident(id=f"inc-grid-{i}", category=("strike", "battle")[i % 2], title=f"grid {i}", lon=lon, lat=lat,
                     date=day.replace(day=1 + i), date_start=day.replace(day=1 + i), date_end=day.replace(day=1 + i),
                     sources=(Source(report=report.id, span=(i, i + 1)),)) for i, (lon, lat) in enumerate(points)]


def test_clusters_put_each_incident_in_the_cell_that_holds_it(store):
    report = Report("grid report", published=date(2022, 3, 9))
    store.ingest(report, _grid_incidents(report))
    cells = store.clusters(cell=1.0)
    assert sum(c["count"] for c in cells) == 7
    # floor, not rounding: -0.6 and -0.4 share the cell [-1, 0); 0.4 and 0.6 share [0, 1)
    pairs = sorted(c["count"] for c in cells)
    assert pairs == [1, 1, 1, 2, 2]
    lone = [c for c in cells if c["count"] == 1]
    assert all(c["id"].startswith("inc-grid-") for c in lone)
    both = next(c for c in cells if c["count"] == 2 and c["lon"] < 0)
    assert both["categories"] == {"strike": 1, "battle": 1} and abs(both["lon"] + 0.5) < 1e-9
    assert sum(c["count"] for c in store.clusters(cell=90.0)) == 7
    assert sum(c["count"] for c in store.clusters(cell=1.0, categories=["strike"])) == 4


def test_histogram_counts_every_bucket(store):
    report = Report("grid report", published=date(2022, 3, 9))
    store.ingest(report, _grid_incidents(report))
    days = store.histogram(interval="day")
    assert [n for _, n in days] == [1] * 7 and days[0][0] == date(2022, 3, 1)
    weeks = store.histogram(interval="week")
    assert weeks[0] == (date(2022, 2, 28), 6) and sum(n for _, n in weeks) == 7
    with pytest.raises(InvalidParameter):
        store.histogram(interval="year")
