"""End to end: real extractor and gazetteer, the demo report and a later report from another outlet."""
import pytest

from mapsvc.extract.pipeline import extract_incidents
from mapsvc.text.reports import parse_report_text, read_report_file
from mapsvc.resources import demo_dir
from mapsvc.store.store import Store
from mapsvc.geodesy import haversine_km

MARIUPOL = (37.5494, 47.0971)

# Written for this test: the same evacuation as the demo report, told by another outlet a day later.
LATER_REPORT = """Published: 2022-03-17
Title: Thousands escape Mariupol in private cars

Around 20,000 civilians were evacuated from Mariupol on Tuesday, city officials said on Thursday, after a \
humanitarian corridor out of the besieged port held for a second day. Families drove out in about 4,000 \
private cars, many with white cloth tied to the mirrors.

The city council said shelling continued in several districts while the convoys were leaving.
"""


def _mariupol(incidents, category):
    return [i for i in incidents if i.category == category and haversine_km(i.lon, i.lat, *MARIUPOL) < 15]


@pytest.mark.slow
def test_two_outlets_one_evacuation(database_url, gazetteer):
    demo = read_report_file(demo_dir() / "01_ukraine_2022-03-16.txt")
    later = parse_report_text(LATER_REPORT, origin="outlet-b")
    extractor = lambda report: extract_incidents(report, gazetteer=gazetteer)  # noqa: E731
    # precondition: the extractor sees the evacuation at Mariupol in both reports
    assert _mariupol(extractor(demo), "humanitarian") and _mariupol(extractor(later), "humanitarian")
    with Store(database_url) as store:
        first = store.ingest_report(demo, extractor=extractor)
        second = store.ingest_report(later, extractor=extractor)
        assert first.new and second.new and second.incidents_merged >= 1
        everything = store.query(limit=1000).incidents
        evacuations = _mariupol(everything, "humanitarian")
        assert len(evacuations) == 1
        assert {s.report for s in evacuations[0].sources} == {demo.id, later.id}
        assert evacuations[0].counts.get("evacuated", 0) >= 20000
        # the demo report's hostage-taking at Mariupol is another event: it keeps its one source
        hostages = _mariupol(everything, "civilian_harm")
        assert all(s.report == demo.id for i in hostages for s in i.sources)
        count = store.count()
        assert not store.ingest_report(later, extractor=extractor).new
        assert store.count() == count
