"""CSV and KML downloads: content, escaping and formula-injection guard."""
import csv
import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from mapsvc.errors import InvalidParameter
from mapsvc.export import CSV_COLUMNS, write_csv, write_incidents, write_kml
from mapsvc.model import Incident, Source

D = date(2023, 2, 6)
KML = "{http://www.opengis.net/kml/2.2}"


def make(i=1, **kw):
    base = dict(id=f"inc-{i}", category="disaster", title="Quake <b>&</b> \"damage\"", lon=37.0123456,
                lat=37.5, date=D, date_start=D, date_end=D, place_name="Gaziantep",
                place_admin=("Gaziantep", "Turkey"), counts={"killed": 12},
                quote="Buildings fell\x00 in <script>x</script>",
                sources=(Source("rep-a", "t", "https://example.org/?a=1&b=2", D, (1, 5)),))
    base.update(kw)
    return Incident(**base)


def test_csv_rows_and_header():
    buf = io.StringIO()
    assert write_csv([make(1), make(2)], buf) == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert rows[1]["id"] == "inc-2" and rows[0]["lon"] == "37.012346"
    assert rows[0]["place_admin"] == "Gaziantep; Turkey"
    assert rows[0]["source_urls"] == "https://example.org/?a=1&b=2"


@pytest.mark.parametrize("evil", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_formula_injection_is_defused(evil):
    buf = io.StringIO()
    write_csv([make(title=evil, place_name=evil)], buf)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["title"] == "'" + evil
    assert row["place_name"] == "'" + evil


def test_csv_negative_numbers_stay_numbers():
    buf = io.StringIO()
    write_csv([make(lon=-70.5, lat=-33.25)], buf)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert (row["lon"], row["lat"]) == ("-70.5", "-33.25")


def test_kml_parses_and_escapes():
    buf = io.StringIO()
    assert write_kml([make(1), make(2)], buf) == 2
    text = buf.getvalue()
    assert "<script>" not in text and "<b>" not in text
    root = ET.fromstring(text.encode("utf-8"))
    marks = root.findall(f"{KML}Document/{KML}Placemark")
    assert len(marks) == 2
    assert marks[0].find(f"{KML}name").text == 'Quake \u2039b\u203a&\u2039/b\u203a "damage"'
    assert marks[0].find(f"{KML}Point/{KML}coordinates").text == "37.012346,37.5"
    assert "\u2039script\u203ax\u2039/script\u203a" in marks[0].find(f"{KML}description").text
    assert marks[0].find(f"{KML}styleUrl").text == "#disaster"
    assert root.find(f"{KML}Document/{KML}Style[@id='disaster']/{KML}IconStyle/{KML}color").text == "ff0e7fff"


def test_write_incidents_dispatch():
    buf = io.StringIO()
    assert write_incidents([make()], buf, fmt="geojson") == 1
    assert '"FeatureCollection"' in buf.getvalue()
    with pytest.raises(InvalidParameter):
        write_incidents([], io.StringIO(), fmt="xls")


def test_kml_to_binary_file():
    buf = io.BytesIO()
    assert write_kml([make()], buf) == 1
    root = ET.fromstring(buf.getvalue())
    assert root.find(f"{KML}Document/{KML}Placemark/{KML}name").text == 'Quake \u2039b\u203a&\u2039/b\u203a "damage"'
