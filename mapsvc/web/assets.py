"""Static assets from installed packages: Leaflet, markercluster, the offline base map.

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
