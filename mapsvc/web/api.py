"""OGC API - Features (Part 1 core, GeoJSON, OpenAPI 3.0; Part 3 queryables), downloads and
service introspection.  Every JSON resource refuses parameters it does not take (400) and
answers ``f=`` and ``Accept`` (:mod:`mapsvc.web.negotiate`)."""
from __future__ import annotations

import hashlib
import logging

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from ..errors import MapsvcError, NotFound, StoreError
from ..export import FORMATS
from .errors import error_response
from .features import DownloadCache
from .negotiate import FILTER_PARAMS, ITEMS_PARAMS, check_params, wanted_format
from .openapi import OPENAPI_MEDIA, openapi_document, queryables_document
from .params import Filters, parse_filters
from .urls import external_url

__all__ = ["bp", "request_filters", "query_store", "items_links"]

logger = logging.getLogger(__name__)

bp = Blueprint("api", __name__)

GEOJSON = "application/geo+json"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
]
COLLECTION_ID = "incidents"


def request_filters(*, max_limit=None, default_limit=None) -> Filters:
    """Validate the filter parameters of the current request."""
    cfg = current_app.config
    return parse_filters(request.args,
                         default_limit=default_limit or int(cfg["DEFAULT_ITEMS"]),
                         max_limit=max_limit or int(cfg["MAX_ITEMS"]), strict=True)


def query_store(filters: Filters):
    """Run the filters against the store; database failures become StoreError."""
    from . import get_store
    return store_answer(lambda: get_store().query(**filters.store_kwargs()))


def store_answer(read):
    """``read()``, with the database driver's own errors turned into StoreError (a 503, no trace)."""
    try:
        return read()
    except MapsvcError:
        raise
    except Exception as exc:  # the database driver's own errors
        raise StoreError(f"the store could not answer: {type(exc).__name__}") from exc


def _link(href: str, rel: str, type_: str, title: str = "") -> dict:
    link = {"href": href, "rel": rel, "type": type_}
    if title:
        link["title"] = title
    return link


def items_links(filters: Filters, *, returned: int, matched: int) -> list:
    """self/next/prev links of an items page (absolute URLs)."""
    base = filters.query_args()

    def page(offset: int) -> str:
        return external_url("api.items", collection_id=COLLECTION_ID, **base, limit=filters.limit, offset=offset)

    links = [_link(page(filters.offset), "self", GEOJSON, "this page"),
             _link(external_url("api.collection", collection_id=COLLECTION_ID), "collection", "application/json")]
    if filters.offset + returned < matched:
        links.append(_link(page(filters.offset + filters.limit), "next", GEOJSON, "next page"))
    if filters.offset > 0:
        links.append(_link(page(max(0, filters.offset - filters.limit)), "prev", GEOJSON,
                           "previous page"))
    return links


def _json(payload, *, mimetype="application/json") -> Response:
    from .features import dumps
    return Response(dumps(payload), mimetype=mimetype)


def landing_page() -> Response:
    """The OGC landing page (``GET /`` for clients that do not ask for HTML, or ``?f=json``)."""
    check_params({"f"})
    return _json({
        "title": "mapsvc",
        "description": "Incidents extracted from news reports, geocoded offline.",
        "links": [
            _link(external_url("pages.index", f="json"), "self", "application/json"),
            _link(external_url("pages.index", f="html"), "alternate", "text/html", "the map"),
            _link(external_url("api.api"), "service-desc", OPENAPI_MEDIA, "the API definition"),
            _link(external_url("api.api", f="html"), "service-doc", "text/html", "the API documentation"),
            _link(external_url("api.conformance"), "conformance", "application/json"),
            _link(external_url("api.collections"), "data", "application/json"),
            _link(external_url("api.health"), "status", "application/json"),
        ],
    })


@bp.get("/api")
def api():
    """The OpenAPI 3.0 document (JSON), or a page listing its operations (``f=html`` or a browser)."""
    check_params({"f"})
    fmt = wanted_format(("json", "html"))
    from importlib import metadata
    try:
        own = metadata.version("mapsvc")
    except metadata.PackageNotFoundError:  # a source checkout
        from .. import __version__ as own
    base = external_url("pages.index").rstrip("/") or "/"
    doc = openapi_document(base, own)
    if fmt == "html":
        from flask import render_template
        operations = [(method.upper(), path, op.get("summary", "")) for path, ops in doc["paths"].items()
                      for method, op in ops.items()]
        return Response(render_template("api.html", operations=operations, json_url=external_url("api.api", f="json")),
                        mimetype="text/html")
    return _json(doc, mimetype=OPENAPI_MEDIA)


@bp.get("/conformance")
def conformance():
    """The conformance classes this service implements."""
    check_params({"f"})
    wanted_format(("json",))
    return _json({"conformsTo": CONFORMANCE})


def _store_token() -> str:
    from . import get_store
    return get_store().last_modified()


def _extent(token: str) -> dict:
    """The data's bounding box and time interval, recomputed when the store changes (``token``)."""
    from . import get_store
    store = get_store()
    cached = current_app.extensions.get("mapsvc.extent")
    if cached is None or cached[0] != token:
        cached = (token, store.extent())
        current_app.extensions["mapsvc.extent"] = cached
    box, interval = cached[1]
    crs = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    spatial = {"bbox": [list(box) if box else [-180, -90, 180, 90]], "crs": crs}
    temporal = {"interval": [[d.isoformat() if d else None for d in interval] if interval else [None, None]],
                "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
    return {"spatial": spatial, "temporal": temporal}


def _collection_doc(token: str) -> dict:
    return {
        "id": COLLECTION_ID,
        "title": "Incidents",
        "description": "Reported events (what, where, when, how many), one point each.",
        "itemType": "feature",
        "crs": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"],
        "extent": _extent(token),
        "links": [
            _link(external_url("api.collection", collection_id=COLLECTION_ID), "self", "application/json"),
            _link(external_url("api.items", collection_id=COLLECTION_ID), "items", GEOJSON, "the incidents"),
            _link(external_url("api.queryables", collection_id=COLLECTION_ID),
                  "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json",
                  "what items can be filtered by"),
            *(_link(external_url("api.download", fmt=f.name), "enclosure", f.media_type.split(";")[0],
                    f"download as {f.title}") for f in FORMATS.values()),
        ],
    }


@bp.get("/collections")
def collections():
    """The one collection: incidents."""
    check_params({"f"})
    wanted_format(("json",))
    return _json({"links": [_link(external_url("api.collections"), "self",
                                  "application/json")],
                  "collections": [_collection_doc(_store_token())]})


@bp.get("/collections/<collection_id>")
def collection(collection_id: str = COLLECTION_ID):
    """The incidents collection document."""
    _check_collection(collection_id)
    check_params({"f"})
    wanted_format(("json",))
    token = _store_token()
    response = _json(_collection_doc(token))
    # the ETag follows the store's change token (weak: the same for every encoding), so a client,
    # such as the map page, learns of new incidents by a conditional GET that is answered 304 until then
    validator = f"{token}|{external_url('api.collection', collection_id=COLLECTION_ID)}"  # links too
    response.set_etag(hashlib.sha256(validator.encode()).hexdigest()[:24], weak=True)
    return response


@bp.get("/collections/<collection_id>/queryables")
def queryables(collection_id: str = COLLECTION_ID):
    """What items can be filtered by, as JSON Schema (OGC API - Features Part 3)."""
    _check_collection(collection_id)
    check_params({"f"})
    wanted_format(("json", "jsonschema"))
    doc = queryables_document(external_url("api.queryables", collection_id=COLLECTION_ID))
    return _json(doc, mimetype="application/schema+json")


def _check_collection(collection_id: str) -> None:
    if collection_id != COLLECTION_ID:
        raise NotFound(f"no collection {collection_id!r}; the one collection is {COLLECTION_ID!r}")


@bp.get("/collections/<collection_id>/items")
def items(collection_id: str = COLLECTION_ID):
    """A page of incidents as a FeatureCollection, assembled from cached Features (:mod:`.features`)."""
    from . import get_store
    from .features import FeatureCache, items_page
    _check_collection(collection_id)
    check_params(ITEMS_PARAMS)
    wanted_format(("geojson", "json"))
    filters = request_filters()
    cache = current_app.extensions.setdefault("mapsvc.features", FeatureCache())
    seen = {}

    def links_for(returned: int, matched: int) -> list:
        seen["links"] = items_links(filters, returned=returned, matched=matched)
        return seen["links"]

    body = store_answer(lambda: items_page(get_store(), cache, filters, links_for))
    response = Response(body, mimetype=GEOJSON)
    paging = [f'<{l["href"]}>; rel="{l["rel"]}"' for l in seen["links"] if l["rel"] in ("next", "prev")]
    if paging:
        response.headers["Link"] = ", ".join(paging)
    return response


@bp.get("/collections/<collection_id>/items/<item_id>")
def item(collection_id: str, item_id: str):
    """One incident as a Feature."""
    from ..geojson import to_feature
    from . import get_store
    _check_collection(collection_id)
    check_params({"f"})
    wanted_format(("geojson", "json"))
    feature = to_feature(get_store().get(item_id))
    feature["links"] = [
        _link(external_url("api.item", collection_id=COLLECTION_ID, item_id=item_id),
              "self", GEOJSON),
        _link(external_url("api.collection", collection_id=COLLECTION_ID), "collection", "application/json"),
    ]
    return _json(feature, mimetype=GEOJSON)


def _download_chunks(form, filters) -> tuple:
    """The download's bytes as chunks, and its numberMatched; the store is asked before the first chunk."""
    if form.name == "geojson":  # from the Features the items pages keep encoded: after a change
        body, matched = _geojson_download(filters)  # only the changed incidents are encoded again
        return [body], matched
    result = query_store(filters)
    # the one writer per format (export.*_chunks), a row or a Placemark at a time
    chunks = form.chunks(result.incidents, number_matched=result.number_matched)
    return (chunk.encode("utf-8") for chunk in chunks), result.number_matched


def _geojson_download(filters) -> tuple[bytes, int]:
    from . import get_store
    from .features import FeatureCache, items_page
    matched = []

    def no_links(returned, number_matched):
        matched.append(number_matched)
        return []

    cache = current_app.extensions.setdefault("mapsvc.features", FeatureCache())
    body = store_answer(lambda: items_page(get_store(), cache, filters, no_links))
    return body + b"\n", matched[0]


@bp.get("/incidents.<fmt>")
def download(fmt: str):
    """All incidents matching the filters, as a file to save."""
    form = FORMATS.get(fmt)
    if form is None:
        raise NotFound(f"no download format {fmt!r}; use {', '.join(FORMATS)}")
    check_params(FILTER_PARAMS | {"limit", "offset"})
    max_items = int(current_app.config["MAX_ITEMS"])
    filters = request_filters(default_limit=max_items, max_limit=max_items)
    from . import get_store
    token = store_answer(lambda: get_store().last_modified())
    cache = current_app.extensions.setdefault("mapsvc.downloads", DownloadCache())
    # many clients downloading the same export while the store is unchanged get one build's bytes;
    # errors (a bad filter, the store down) are answered before the body starts
    chunks, matched = cache.get((fmt, request.query_string, token), lambda: _download_chunks(form, filters))
    # sent a chunk at a time (a body too large to keep is written as it is sent, never whole in memory)
    response = Response(stream_with_context(chunks), content_type=form.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="incidents.{form.extension}"'
    response.headers["X-Number-Matched"] = str(matched)
    response.headers["Cache-Control"] = "public, max-age=60"  # streamed: no ETag
    return response


@bp.get("/-/health")
def health():
    """Can the store be read and written, and how many incidents does it hold."""
    from . import get_store
    try:
        store = get_store()
        count = store.count()
    except Exception as exc:  # report any failure as unhealthy, never a trace
        logger.warning("health check failed: %s", exc)
        return error_response(503, "StoreUnavailable", "The store cannot be read.")
    try:
        store.check_writable()
    except Exception as exc:
        logger.warning("health check: the store cannot be written: %s", exc)
        return error_response(503, "StoreUnavailable",
                              "The store can be read but not written: it is read-only or full.")
    response = jsonify({"status": "ok", "incidents": count, "writable": True})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/-/version")
def version():
    """The service and library versions."""
    import folium
    from importlib import metadata
    try:
        own = metadata.version("mapsvc")
    except metadata.PackageNotFoundError:  # a source checkout
        from .. import __version__ as own
    return jsonify({"mapsvc": own, "flask": metadata.version("flask"),
                    "folium": folium.__version__, "python": __import__("sys").version.split()[0]})
