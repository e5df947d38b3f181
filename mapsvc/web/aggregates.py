"""What the map draws at every zoom: every matching incident, in clusters by map cell, and the
timeline's counts by day, week or month.

``GET /collections/incidents/clusters`` takes the items filters and ``zoom``; a cell is a
quarter of a 256-pixel tile at that zoom (about 64 pixels), so clusters never overlap
much on screen.  A cell of one incident is that incident's own Feature.  The counts add
up to ``numberMatched`` of the items with the same filters: nothing is cut.
``GET /collections/incidents/histogram`` takes the filters and ``interval``.
"""
from __future__ import annotations

from flask import Blueprint, Response, request

from .features import dumps
from .negotiate import FILTER_PARAMS, check_params, wanted_format
from .params import parse_filters, parse_zoom

__all__ = ["bp", "cell_degrees"]

bp = Blueprint("aggregates", __name__)

GEOJSON = "application/geo+json"


def cell_degrees(zoom: int) -> float:
    """The side of a cluster cell at ``zoom``: a quarter of a tile's width in degrees.

    >>> cell_degrees(0), cell_degrees(3)
    (90.0, 11.25)
    """
    return 360.0 / (2 ** zoom) / 4


def _filters():
    return parse_filters(request.args, default_limit=1, max_limit=10**9, strict=True)


@bp.get("/collections/incidents/clusters")
def clusters():
    """Every matching incident at ``zoom``: cluster Features (``count``, ``categories``) and lone incidents."""
    from ..geojson import to_feature
    from . import get_store

    check_params(FILTER_PARAMS | {"zoom", "f"})
    wanted_format(("geojson", "json"))
    raw = request.args.get("zoom")
    zoom = 2 if raw is None else parse_zoom(raw or "none")  # "zoom=" names no zoom: refused
    filters = _filters()
    store = get_store()
    cells = store.clusters(cell=cell_degrees(zoom), **filters.where_kwargs())
    lone = {inc.id: inc for inc in store.get_many([c["id"] for c in cells if c["id"]])}
    features = []
    for cell in cells:
        incident = lone.get(cell["id"]) if cell["id"] else None
        if incident is not None:
            feature = to_feature(incident)
            feature["properties"].update(cluster=False, count=1)
        else:
            x, y = cell["cell"]
            feature = {"type": "Feature", "id": f"cluster-{zoom}-{x}-{y}",
                       "geometry": {"type": "Point", "coordinates": [round(cell["lon"], 5), round(cell["lat"], 5)]},
                       "properties": {"cluster": True, "count": cell["count"], "categories": cell["categories"]}}
        features.append(feature)
    body = {"type": "FeatureCollection", "features": features, "zoom": zoom,
            "numberMatched": sum(c["count"] for c in cells), "numberReturned": len(features)}
    return Response(dumps(body), mimetype=GEOJSON)


@bp.get("/collections/incidents/histogram")
def histogram():
    """Matching incidents counted by ``interval`` (day, week, month) of their date."""
    from datetime import timedelta

    from ..store.reads import next_bucket
    from . import get_store

    check_params(FILTER_PARAMS | {"interval", "f"})
    wanted_format(("json",))
    interval = request.args.get("interval", "day")  # "interval=" is refused by the store
    filters = _filters()
    buckets = get_store().histogram(interval=interval, **filters.where_kwargs())
    doc = {"interval": interval, "numberMatched": sum(n for _, n in buckets),
           "buckets": [{"start": start.isoformat(),
                        "end": (next_bucket(start, interval) - timedelta(days=1)).isoformat(), "count": n}
                       for start, n in buckets]}
    return Response(dumps(doc), mimetype="application/json")
