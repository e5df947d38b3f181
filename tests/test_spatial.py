"""Offsets, radii and circles on the WGS84 ellipsoid; spatial expressions."""
import math

import pytest
from geopy.distance import geodesic
from shapely.geometry import shape

from mapsvc.geodesy import area_km2, azimuth_deg
from mapsvc.model import Place
from mapsvc.geoparse.spatial import (apply_relation, area_of, bearing_of, distance_km, offset_point, parse_relation,
                            parse_trailing_offset, radius_km)

KYIV = Place("t:kyiv", "Kyiv", "city", 30.5234, 50.4501, population=2_950_000, radius_km=17.7)
ADEN = Place("t:aden", "Aden", "city", 45.03, 12.78, population=550_000)
REGION = Place("t:sumy", "Sumy region", "admin1", 34.32, 50.82, radius_km=86.0)


def _geodesic(lon1, lat1, lon2, lat2):
    """WGS84 distance in km by geopy (geographiclib), independent of pyproj."""
    return geodesic((lat1, lon1), (lat2, lon2), ellipsoid="WGS-84").km


@pytest.mark.parametrize("distance,bearing", [(14.48, 0), (20, 315), (130, 270), (111.1, 135), (800, 270), (0, 90)])
def test_offset_point_lands_at_the_distance(distance, bearing):
    lon, lat = offset_point(KYIV.lon, KYIV.lat, distance_km=distance, bearing_deg=bearing)
    assert _geodesic(KYIV.lon, KYIV.lat, lon, lat) == pytest.approx(distance, abs=0.05)
    if distance:
        if bearing == 0:
            assert lat > KYIV.lat and lon == pytest.approx(KYIV.lon, abs=1e-9)
        if bearing == 270:
            assert lon < KYIV.lon


def test_offset_point_refuses_negative_distance():
    with pytest.raises(ValueError):
        offset_point(0, 0, distance_km=-1, bearing_deg=0)


def test_distance_km_matches_geodesic():
    assert distance_km(30.5234, 50.4501, 36.2304, 49.9935) == pytest.approx(
        _geodesic(30.5234, 50.4501, 36.2304, 49.9935), rel=1e-6)


@pytest.mark.parametrize("word,bearing", [
    ("north", 0), ("north-west", 315), ("northwest", 315), ("south-eastern", 135), ("western", 270), ("NE", 45),
    ("up", None)])
def test_bearing_words(word, bearing):
    assert bearing_of(word) == bearing


@pytest.mark.parametrize("before,kind,dist,bearing", [
    ("a commuter town about 20km north-west of the ", "offset", 20.0, 315),
    ("a tanker hit about 60 nautical miles south-east of ", "offset", 111.12, 135),
    ("some 800km west of ", "offset", 800.0, 270),
    ("a fire broke out west of the ", "direction", 0.0, 270),
    ("a fire broke out in the west of the ", "inside_part", 0.0, 270),
    ("a base in north-east ", "inside_part", 0.0, 45),
    ("fighting near ", "near", 0.0, None),
    ("a shell landed on the outskirts of ", "outskirts", 0.0, None),
    ("attacks probed into central ", "centre", 0.0, None),
    # the kind of place between the relation and the name is no part of it
    ("the village lies just north of the rebel-held city of ", "direction", 0.0, 0),
    ("a depot 30km south of the port town of ", "offset", 30.0, 180),
])
def test_parse_relation(before, kind, dist, bearing):
    rel = parse_relation(before)
    assert rel.kind == kind
    assert rel.distance_km == pytest.approx(dist, abs=0.01)
    assert rel.bearing_deg == bearing


@pytest.mark.parametrize("before", ["troops in ", "the city of ", "", "residents of the town of "])
def test_no_relation(before):
    assert parse_relation(before) is None


def test_trailing_offset_nine_miles_north():
    rel = parse_trailing_offset(" suburb, nine miles north.")
    assert rel.kind == "offset" and rel.bearing_deg == 0
    assert rel.distance_km == pytest.approx(14.48, abs=0.01)
    assert parse_trailing_offset(", nine miles north of Kharkiv") is None


def test_apply_offset_from_a_city():
    loc = apply_relation(ADEN, parse_relation("about 60 nautical miles south-east of "))
    assert _geodesic(ADEN.lon, ADEN.lat, loc.lon, loc.lat) == pytest.approx(111.12, abs=0.1)
    assert loc.lat < ADEN.lat and loc.lon > ADEN.lon and loc.geo_precision == 2


def test_west_of_the_capital_lies_outside_it_and_in_the_west_inside():
    outside = apply_relation(KYIV, parse_relation("west of the "))
    inside = apply_relation(KYIV, parse_relation("in the west of the "))
    d_out = _geodesic(KYIV.lon, KYIV.lat, outside.lon, outside.lat)
    d_in = _geodesic(KYIV.lon, KYIV.lat, inside.lon, inside.lat)
    assert d_in < radius_km(KYIV) < d_out
    assert outside.lon < KYIV.lon and inside.lon < KYIV.lon
    assert outside.geo_precision == inside.geo_precision == 2


def test_near_and_outskirts_keep_the_point_and_widen_the_radius():
    plain = apply_relation(KYIV, None)
    near = apply_relation(KYIV, parse_relation("near "))
    outskirts = apply_relation(KYIV, parse_relation("on the outskirts of "))
    assert (near.lon, near.lat) == (outskirts.lon, outskirts.lat) == (KYIV.lon, KYIV.lat)
    assert plain.geo_precision == 1 and near.geo_precision == outskirts.geo_precision == 2
    assert near.radius_km > plain.radius_km and outskirts.radius_km > plain.radius_km


def test_region_is_precision_three():
    assert apply_relation(REGION, None).geo_precision == 3
    assert apply_relation(REGION, parse_relation("the northeast ")).geo_precision == 3


@pytest.mark.parametrize("place,expected", [
    (Place("a", "A", "city", 0, 0, population=1_000_000), 9.0),
    (Place("b", "B", "village", 0, 0), 1.5),
    (Place("c", "C", "country", 0, 0), 300.0),
    (Place("d", "D", "town", 0, 0, radius_km=3.3), 3.3),
])
def test_radius_km(place, expected):
    assert radius_km(place) == pytest.approx(expected)


def test_area_of_is_a_true_circle_on_the_ground():
    geom = area_of(REGION)
    assert geom["type"] == "Polygon"
    ring = geom["coordinates"][0]
    for lon, lat in ring[::8]:
        assert _geodesic(REGION.lon, REGION.lat, lon, lat) == pytest.approx(86.0, rel=0.01)
    assert shape(geom).is_valid


def test_area_of_small_place_is_none_and_outline_wins():
    assert area_of(Place("p", "Spot", "poi", 1, 1)) is None
    outline = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    assert area_of(Place("o", "O", "admin1", 0.5, 0.5, outline=outline)) is outline


def test_southern_suburbs_lie_south_within_the_city():
    rel = parse_relation("air strikes hit the southern suburbs of ")
    assert rel.kind == "edge" and rel.bearing_deg == 180
    loc = apply_relation(KYIV, rel)
    assert loc.lat < KYIV.lat and _geodesic(KYIV.lon, KYIV.lat, loc.lon, loc.lat) < radius_km(KYIV)


@pytest.mark.parametrize("kind", ["sea", "region", "country", "admin1"])
def test_wide_places_are_precision_three(kind):
    assert apply_relation(Place("w", "Wide", kind, 40.0, 20.0), None).geo_precision == 3


@pytest.mark.parametrize("bearing", [0, 45, 135, 270, 337.5])
def test_offset_point_starts_on_the_bearing(bearing):
    lon, lat = offset_point(KYIV.lon, KYIV.lat, distance_km=50, bearing_deg=bearing)
    assert azimuth_deg(KYIV.lon, KYIV.lat, lon, lat) == pytest.approx(bearing, abs=1e-6)


def test_offset_point_across_the_antimeridian_wraps_the_longitude():
    lon, lat = offset_point(179.9, -17.0, distance_km=50, bearing_deg=90)
    assert -180 <= lon < -179 and _geodesic(179.9, -17.0, lon, lat) == pytest.approx(50, abs=1e-6)


def test_area_of_circle_is_closed_counter_clockwise_with_the_disc_area():
    geom = area_of(REGION)
    ring = geom["coordinates"][0]
    assert len(ring) == 65 and ring[0] == ring[-1]
    assert shape(geom).exterior.is_ccw
    assert area_km2(geom) == pytest.approx(math.pi * 86.0 ** 2, rel=0.01)


def test_circle_across_the_antimeridian_is_one_valid_ring():
    geom = area_of(Place("f", "Fiji", "country", 179.9, -17.0))
    poly = shape(geom)
    assert poly.is_valid and poly.bounds[2] - poly.bounds[0] < 10


def test_radius_from_an_outline_is_the_disc_of_its_geodesic_area():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    place = Place("s", "Square", "admin2", 0.5, 0.5, outline=square)
    assert radius_km(place) == pytest.approx(math.sqrt(12308.778 / math.pi), rel=1e-4)
