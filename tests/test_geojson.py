"""GeoJSON serialisation: the contract of ARCHITECTURE 3.2 and the round trip."""
import json
from datetime import date

import pytest

from mapsvc.errors import InputError
from mapsvc.geojson import from_collection, from_feature, to_collection, to_feature
from mapsvc.model import Incident, Source

D = date(2022, 3, 15)


def make(**kw):
    base = dict(id="inc-9f1c2a7b", category="strike", title="Fire after strike", lon=30.371234567,
                lat=50.4571234567, date=D, date_start=date(2022, 3, 14), date_end=D,
                date_precision="day", place_name="Sviatoshynskyi district", place_kind="district",
                place_admin=("Kyiv", "Ukraine"), gazetteer_id="geonames:1", geo_precision=2,
                radius_km=4.0, counts={"killed": 2, "injured": 5},
                quote='He said "<script>alert(`x`)</script> ${x}"',
                sources=(Source("rep-1", "T", "http://example.org/a", date(2022, 3, 16), (312, 418)),))
    base.update(kw)
    return Incident(**base)


def test_feature_shape_follows_contract():
    f = to_feature(make())
    assert f["type"] == "Feature" and f["id"] == "inc-9f1c2a7b"
    assert f["geometry"] == {"type": "Point", "coordinates": [30.371235, 50.457123]}
    p = f["properties"]
    assert p["place"] == {"name": "Sviatoshynskyi district", "kind": "district",
                          "admin": ["Kyiv", "Ukraine"], "gazetteer_id": "geonames:1"}
    assert (p["date"], p["date_start"], p["date_end"]) == ("2022-03-15", "2022-03-14", "2022-03-15")
    assert p["sources"] == [{"report": "rep-1", "title": "T", "url": "http://example.org/a",
                             "published": "2022-03-16", "span": [312, 418]}]
    assert p["counts"] == {"killed": 2, "injured": 5}
    assert "area" not in p
    json.dumps(f)  # serialisable as is


def test_text_stays_plain():
    p = to_feature(make())["properties"]
    assert p["quote"] == 'He said "<script>alert(`x`)</script> ${x}"'


def test_round_trip_with_area():
    area = {"type": "Polygon", "coordinates": [[[30.0, 50.0], [30.5, 50.0], [30.5, 50.5], [30.0, 50.0]]]}
    inc = make(lon=30.37, lat=50.457, area=area)
    back = from_feature(json.loads(json.dumps(to_feature(inc))))
    assert back == inc


def test_collection_members():
    c = to_collection([make(), make(id="inc-2")], number_matched=10,
                      links=[{"rel": "self", "href": "x"}], timeStamp="t")
    assert c["type"] == "FeatureCollection"
    assert (c["numberMatched"], c["numberReturned"], c["timeStamp"]) == (10, 2, "t")
    assert [i.id for i in from_collection(c)] == ["inc-9f1c2a7b", "inc-2"]
    assert "numberMatched" not in to_collection([])


@pytest.mark.parametrize("bad", [
    None, [], {"type": "Point"},
    {"type": "Feature", "geometry": None, "properties": {}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [200, 0]}, "properties": {"date": "2022-01-01"}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["a", 0]}, "properties": {}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"date": "yesterday"}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]},
     "properties": {"date": "2022-01-01", "category": "nope"}},
])
def test_malformed_features_raise_input_error(bad):
    with pytest.raises(InputError):
        from_feature(bad)
