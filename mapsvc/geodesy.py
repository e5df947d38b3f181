"""Geodesics on the WGS84 ellipsoid with pyproj (so any stage may use them).

One :class:`pyproj.Geod` at module level answers every question: distances
and bearings between two points (``Geod.inv``), the point a distance away on a
bearing and the ring of a circle (``Geod.fwd``), and the area of a polygon
(``Geod.geometry_area_perimeter``). Points are ``lon, lat`` in degrees,
distances in km, bearings in degrees clockwise from north.
"""
from __future__ import annotations

import logging
import math

import numpy as np
from pyproj import Geod
from shapely.geometry import Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

__all__ = ["EARTH_RADIUS_KM", "GEOD", "haversine_km", "azimuth_deg", "destination", "circle_ring",
           "area_km2"]

logger = logging.getLogger(__name__)

#: Mean Earth radius (IUGG), km; only for rough reasoning, never for geodesics.
EARTH_RADIUS_KM = 6371.0088

#: The WGS84 ellipsoid every geodesic in mapsvc is computed on.
GEOD = Geod(ellps="WGS84")


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance in km between two (lon, lat) points on the WGS84 ellipsoid.

    The name is historical: this was a spherical haversine; it is now the
    ellipsoidal distance from ``Geod.inv`` (up to 0.5 % longer or shorter).

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float
        The two points, degrees.

    Returns
    -------
    float
        Distance in km.

    Examples
    --------
    >>> round(haversine_km(30.5234, 50.4501, 36.2304, 49.9935), 1)
    410.3
    >>> round(haversine_km(0, 0, 1, 0), 3)
    111.319
    """
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def azimuth_deg(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Initial bearing at (lon1, lat1), degrees clockwise from north in [0, 360), of the geodesic
    to (lon2, lat2); 0 when the points coincide.

    >>> round(azimuth_deg(36.2304, 49.9935, 36.2304, 50.2))
    0
    >>> round(azimuth_deg(0, 0, -1, 0))
    270
    """
    azimuth, _back, metres = GEOD.inv(lon1, lat1, lon2, lat2)
    return azimuth % 360.0 if metres > 0 else 0.0


def destination(lon: float, lat: float, *, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point ``distance_km`` along the geodesic from (lon, lat) that starts on ``bearing_deg``.

    Parameters
    ----------
    lon, lat : float
        The starting point, degrees.
    distance_km : float
        How far, km; finite and not negative.
    bearing_deg : float
        Initial bearing, degrees clockwise from north.

    Returns
    -------
    tuple of float
        ``(lon, lat)`` of the point reached, lon in [-180, 180].

    Raises
    ------
    ValueError
        When the distance is negative or either number is not finite.

    Examples
    --------
    >>> lon, lat = destination(36.2304, 49.9935, distance_km=14.48, bearing_deg=0)
    >>> round(lon, 4), round(lat, 3)
    (36.2304, 50.124)
    """
    if not math.isfinite(distance_km) or distance_km < 0:
        raise ValueError("distance_km must be a finite non-negative number")
    if not math.isfinite(bearing_deg):
        raise ValueError("bearing_deg must be a finite number")
    lon2, lat2, _back = GEOD.fwd(lon, lat, bearing_deg, distance_km * 1000.0)
    return float(lon2), float(lat2)


def circle_ring(lon: float, lat: float, r_km: float, *, npts: int = 64) -> list[list[float]]:
    """A closed counter-clockwise ring of ``npts`` points ``r_km`` from (lon, lat) along geodesics.

    Longitudes are kept within 180 degrees of the centre, so a circle across the
    antimeridian stays one connected ring (some longitudes then lie beyond ±180).

    Parameters
    ----------
    lon, lat : float
        The centre, degrees.
    r_km : float
        The radius, km; finite and not negative.
    npts : int, optional
        How many distinct points; at least 3.

    Returns
    -------
    list of [lon, lat]
        ``npts + 1`` positions, the last equal to the first (a GeoJSON ring).

    Examples
    --------
    >>> ring = circle_ring(34.32, 50.82, 86.0, npts=8)
    >>> len(ring), ring[0] == ring[-1]
    (9, True)
    >>> round(haversine_km(34.32, 50.82, *ring[3]), 6)
    86.0
    """
    if not math.isfinite(r_km) or r_km < 0:
        raise ValueError("r_km must be a finite non-negative number")
    if npts < 3:
        raise ValueError("npts must be at least 3")
    azimuths = -np.arange(npts) * (360.0 / npts)  # decreasing bearings: counter-clockwise on the map
    lons, lats, _back = GEOD.fwd(np.full(npts, lon, dtype=float), np.full(npts, lat, dtype=float),
                                 azimuths, np.full(npts, r_km * 1000.0))
    lons = lon + (np.asarray(lons) - lon + 180.0) % 360.0 - 180.0
    ring = [[float(x), float(y)] for x, y in zip(lons, lats)]
    return ring + [list(ring[0])]


def area_km2(geometry) -> float:
    """Area in km² of a (multi)polygon on the WGS84 ellipsoid, holes taken out; 0 for points and lines.

    Rings may run either way round: each polygon is oriented before
    ``Geod.geometry_area_perimeter`` measures it.

    Parameters
    ----------
    geometry : shapely geometry or GeoJSON mapping
        A Polygon, MultiPolygon or GeometryCollection in (lon, lat) degrees.

    Returns
    -------
    float
        The area, km², never negative.

    Examples
    --------
    >>> round(area_km2({"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}))
    12309
    """
    geom = geometry if isinstance(geometry, BaseGeometry) else shape(geometry)
    total_m2 = sum(GEOD.geometry_area_perimeter(orient(poly, 1.0))[0] for poly in _polygons(geom))
    return abs(total_m2) / 1e6


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    """The polygons inside ``geom``, however deeply collected."""
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    return [poly for part in getattr(geom, "geoms", ()) for poly in _polygons(part)]
