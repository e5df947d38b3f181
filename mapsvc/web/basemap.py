"""The offline base map's data beyond the country outlines: place names by zoom, admin-1 lines,
and the search box's place suggestions, all from the gazetteer index (read-only: a web request
never builds it; without one the answers are empty)."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from ..errors import GazetteerError
from ..gazetteer.index import Gazetteer, display_path
from ..gazetteer.labels import MapLabels
from ..store.filters import parse_bbox
from .features import dumps
from .negotiate import check_params
from .params import check_text, parse_zoom

__all__ = ["bp"]

bp = Blueprint("basemap", __name__)

#: Kinds of area named in a suggestion, so that a region and its city are told apart.
_AREA_WORDS = {"admin1": "region", "admin2": "district", "region": "area", "sea": "sea", "continent": "continent"}


def _labels() -> MapLabels:
    source = current_app.extensions.get("mapsvc.labels")
    if source is None:
        source = current_app.extensions["mapsvc.labels"] = MapLabels(current_app.config["GAZETTEER_PATH"])
    return source


def _view() -> tuple:
    """The ``bbox`` parameter as (west, south, east, north); across the antimeridian, its wider side."""
    west, south, east, north = parse_bbox(request.args.get("bbox") or "-180,-90,180,90").as_tuple()
    if west > east:
        west, east = (west, 180.0) if 180.0 - west > east + 180.0 else (-180.0, east)
    return west, south, east, north


@bp.get("/basemap/labels.json")
def labels():
    """Place names for the offline base map's view (``bbox``, ``zoom``)."""
    check_params({"bbox", "zoom"})
    view = _view()
    zoom = parse_zoom(request.args.get("zoom"))
    response = jsonify({"labels": _labels().labels(view, 3 if zoom is None else zoom)})
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get("/basemap/admin1.geojson")
def admin1_lines():
    """Admin-1 outlines around a view (``bbox``), drawn from zoom 5."""
    check_params({"bbox"})
    response = Response(dumps(_labels().admin_lines(_view())), mimetype="application/geo+json")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def _search_gazetteer():
    gazetteer = current_app.extensions.get("mapsvc.search-gazetteer")
    if gazetteer is None:
        try:
            gazetteer = Gazetteer.open(current_app.config["GAZETTEER_PATH"], build_missing=False, progress=False)
        except GazetteerError:
            gazetteer = False
        current_app.extensions["mapsvc.search-gazetteer"] = gazetteer
    return gazetteer


@bp.get("/basemap/places.json")
def places():
    """Places named ``q``, for the map's search box."""
    check_params({"q"})
    query = check_text("q", (request.args.get("q") or "").strip())[:100]
    found, seen = [], set()
    gazetteer = _search_gazetteer() if len(query) >= 2 else None
    for place in gazetteer.lookup(query, limit=8) if gazetteer else ():
        path = display_path(place)
        if place.kind in _AREA_WORDS:  # "Kharkiv (region), Ukraine" beside the city "Kharkiv, Ukraine"
            path[0] = f"{path[0]} ({_AREA_WORDS[place.kind]})"
        label = ", ".join(path)
        if label not in seen:
            seen.add(label)
            found.append({"label": label, "lon": place.lon, "lat": place.lat, "kind": place.kind,
                          "radius_km": place.radius_km})
    response = jsonify({"places": found})
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
