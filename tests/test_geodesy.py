"""Geodesics on WGS84: distances, bearings, destinations, circles and areas against known values."""
import math

import pytest
from geopy.distance import geodesic
from shapely.geometry import Polygon, shape

from mapsvc.geodesy import GEOD, area_km2, azimuth_deg, circle_ring, destination, haversine_km


def _geodesic(lon1, lat1, lon2, lat2):
    """WGS84 distance in km by geopy (geographiclib), independent of pyproj."""
    return geodesic((lat1, lon1), (lat2, lon2), ellipsoid="WGS-84").km


def test_one_geod_on_wgs84():
    assert GEOD.a == 6378137.0 and GEOD.f == pytest.approx(1 / 298.257223563)


@pytest.mark.parametrize("points,km", [
    ((0, 0, 1, 0), 111.319),      # a degree of longitude on the equator
    ((0, 0, 0, 1), 110.574),      # a degree of latitude at the equator
    ((0, 89, 0, 90), 111.694),    # and next to the pole
    ((30.5234, 50.4501, 30.5234, 50.4501), 0.0),
])
def test_distance_known_values(points, km):
    assert haversine_km(*points) == pytest.approx(km, abs=1e-3)


@pytest.mark.parametrize("points", [
    (30.5234, 50.4501, 36.2304, 49.9935), (179.5, -17, -179.5, -16), (-70, -33, 151, -34)])
def test_distance_agrees_with_geographiclib(points):
    assert haversine_km(*points) == pytest.approx(_geodesic(*points), rel=1e-9)


@pytest.mark.parametrize("points,bearing", [((0, 0, 0, 1), 0), ((0, 0, 1, 0), 90), ((0, 1, 0, 0), 180),
                                            ((0, 0, -1, 0), 270), ((5, 5, 5, 5), 0)])
def test_azimuth(points, bearing):
    assert azimuth_deg(*points) == pytest.approx(bearing, abs=1e-9)


@pytest.mark.parametrize("distance,bearing", [(14.48, 0), (111.12, 135), (800, 270), (5000, 33), (0, 90)])
def test_destination_round_trips(distance, bearing):
    lon, lat = destination(36.23, 49.99, distance_km=distance, bearing_deg=bearing)
    assert _geodesic(36.23, 49.99, lon, lat) == pytest.approx(distance, abs=1e-6)
    if distance:
        assert azimuth_deg(36.23, 49.99, lon, lat) == pytest.approx(bearing, abs=1e-6)


@pytest.mark.parametrize("kwargs", [
    {"distance_km": -1, "bearing_deg": 0}, {"distance_km": math.nan, "bearing_deg": 0},
    {"distance_km": math.inf, "bearing_deg": 0}, {"distance_km": 1, "bearing_deg": math.nan}])
def test_destination_refuses_bad_numbers(kwargs):
    with pytest.raises(ValueError):
        destination(0, 0, **kwargs)


@pytest.mark.parametrize("lon,lat,r", [(34.32, 50.82, 86.0), (0, 0, 1.0), (179.9, -17.0, 300.0), (-179.95, 65, 40.0)])
def test_circle_ring_is_a_closed_ccw_circle_on_the_ground(lon, lat, r):
    ring = circle_ring(lon, lat, r, npts=32)
    assert len(ring) == 33 and ring[0] == ring[-1]
    assert all(_geodesic(lon, lat, x, y) == pytest.approx(r, rel=1e-9) for x, y in ring)
    assert all(abs(x - lon) <= 180 for x, _ in ring)
    poly = Polygon(ring)
    assert poly.is_valid and poly.exterior.is_ccw


@pytest.mark.parametrize("r,npts", [(-1, 8), (math.nan, 8), (1, 2)])
def test_circle_ring_refuses_bad_arguments(r, npts):
    with pytest.raises(ValueError):
        circle_ring(0, 0, r, npts=npts)


SQUARE = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
HOLE = [[0.25, 0.25], [0.25, 0.75], [0.75, 0.75], [0.75, 0.25], [0.25, 0.25]]


@pytest.mark.parametrize("geometry,km2", [
    ({"type": "Polygon", "coordinates": [SQUARE]}, 12308.778),
    ({"type": "Polygon", "coordinates": [SQUARE[::-1]]}, 12308.778),
    ({"type": "Polygon", "coordinates": [SQUARE, HOLE]}, 12308.778 - 3077.164),
    ({"type": "Polygon", "coordinates": [SQUARE, HOLE[::-1]]}, 12308.778 - 3077.164),
    ({"type": "MultiPolygon", "coordinates": [[SQUARE], [[[x + 2, y] for x, y in SQUARE]]]}, 2 * 12308.778),
    ({"type": "LineString", "coordinates": SQUARE}, 0.0),
    ({"type": "Point", "coordinates": [0, 0]}, 0.0),
])
def test_area_km2(geometry, km2):
    assert area_km2(geometry) == pytest.approx(km2, abs=1e-3)
    assert area_km2(shape(geometry)) == pytest.approx(km2, abs=1e-3)


def test_area_of_a_circle_ring_is_the_disc():
    ring = circle_ring(30.0, 45.0, 100.0, npts=256)
    assert area_km2(Polygon(ring)) == pytest.approx(math.pi * 100.0 ** 2, rel=1e-3)


def test_area_across_the_antimeridian():
    box = [[179.5, -17.5], [-179.5, -17.5], [-179.5, -16.5], [179.5, -16.5], [179.5, -17.5]]
    shifted = [[x - 180 if x > 0 else x + 180, y] for x, y in box]
    assert area_km2({"type": "Polygon", "coordinates": [box]}) == pytest.approx(
        area_km2({"type": "Polygon", "coordinates": [shifted]}), rel=1e-9)
