"""Static assets from installed packages: Leaflet, markercluster, the offline base map and its place names.

No page needs a CDN: Leaflet 1.9 (with its marker images) and
Leaflet.markercluster come from the ``xstatic-*`` packages, the country
outlines from ``geodata/world.geojson``.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, send_from_directory

from ..errors import NotFound
from ..resources import geodata_dir

__all__ = ["bp", "vendor_dirs"]

bp = Blueprint("assets", __name__)


def vendor_dirs() -> dict:
    """Map vendor names to the folders of their installed files."""
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster
    return {"leaflet": Path(leaflet.BASE_DIR), "markercluster": Path(markercluster.BASE_DIR)}


@bp.get("/vendor/<name>/<path:filename>")
def vendor(name: str, filename: str):
    """Serve a file of a vendored JavaScript library."""
    folder = vendor_dirs().get(name)
    if folder is None:
        raise NotFound(f"no vendored library {name!r}")
    response = send_from_directory(folder, filename, max_age=86400)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/basemap/world.geojson")
def world():
    """The offline base map: simplified country outlines (Natural Earth)."""
    response = send_from_directory(geodata_dir(), "world.geojson", max_age=86400,
                                   mimetype="application/geo+json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/basemap/labels.json")
def labels():
    """Place names for the offline base map's view (``bbox``, ``zoom``), from the gazetteer."""
    from flask import current_app, jsonify, request

    from ..gazetteer.labels import MapLabels
    from ..store.filters import parse_bbox
    from .negotiate import check_params
    from .params import parse_zoom

    check_params({"bbox", "zoom"})
    bbox = parse_bbox(request.args.get("bbox") or "-180,-90,180,90")
    zoom = parse_zoom(request.args.get("zoom"))
    source = current_app.extensions.get("mapsvc.labels")
    if source is None:
        source = current_app.extensions["mapsvc.labels"] = MapLabels(current_app.config["GAZETTEER_PATH"])
    west, south, east, north = bbox.as_tuple()
    if west > east:  # across the antimeridian: the wider side is enough for labels
        west, east = (west, 180.0) if 180.0 - west > east + 180.0 else (-180.0, east)
    response = jsonify({"labels": source.labels((west, south, east, north), 3 if zoom is None else zoom)})
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


#: Kinds of area named in a suggestion, so that a region and its city are told apart.
_AREA_WORDS = {"admin1": "region", "admin2": "district", "region": "area", "sea": "sea", "continent": "continent"}


@bp.get("/basemap/places.json")
def places():
    """Places named ``q`` in the gazetteer, for the map's search box (``[]`` without an index)."""
    from flask import current_app, jsonify, request

    from ..errors import GazetteerError
    from ..gazetteer.index import Gazetteer, display_path
    from .negotiate import check_params
    from .params import check_text

    check_params({"q"})
    query = check_text("q", (request.args.get("q") or "").strip())[:100]
    found = []
    if len(query) >= 2:
        gazetteer = current_app.extensions.get("mapsvc.search-gazetteer")
        if gazetteer is None:
            try:  # never built from a web request: a missing index means no suggestions
                gazetteer = Gazetteer.open(current_app.config["GAZETTEER_PATH"], build_missing=False, progress=False)
            except GazetteerError:
                gazetteer = False
            current_app.extensions["mapsvc.search-gazetteer"] = gazetteer
        if gazetteer:
            labels = set()
            for place in gazetteer.lookup(query, limit=8):
                path = display_path(place)
                if place.kind in _AREA_WORDS:  # "Kharkiv (region), Ukraine" beside the city "Kharkiv, Ukraine"
                    path[0] = f"{path[0]} ({_AREA_WORDS[place.kind]})"
                label = ", ".join(path)
                if label not in labels:
                    labels.add(label)
                    found.append({"label": label, "lon": place.lon, "lat": place.lat, "kind": place.kind,
                                  "radius_km": place.radius_km})
    response = jsonify({"places": found})
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
