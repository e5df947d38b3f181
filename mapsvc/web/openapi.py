"""The OpenAPI 3.0 document of the service (``GET /api``) and the queryables of the collection.

Written as data here, next to nothing else, so that a route added without its
description fails ``tests/test_openapi.py`` (every Flask rule must appear).
"""
from __future__ import annotations

from ..export import FORMATS
from ..model import CATEGORIES

__all__ = ["openapi_document", "queryables_document", "OPENAPI_MEDIA"]

OPENAPI_MEDIA = "application/vnd.oai.openapi+json;version=3.0"

_ERROR = {"$ref": "#/components/responses/Error"}


def _param(name: str, where: str, schema: dict, description: str, *, required: bool = False, **extra) -> dict:
    out = {"name": name, "in": where, "schema": schema, "description": description, "required": required}
    out.update(extra)
    return out


_F_JSON = _param("f", "query", {"type": "string", "enum": ["json"]}, "The format: json.")
_COLLECTION = _param("collectionId", "path", {"type": "string", "enum": ["incidents"]},
                     "The one collection.", required=True)
_FILTERS = [
    _param("bbox", "query", {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number"}},
           "minlon,minlat,maxlon,maxlat in WGS 84 (minlon > maxlon crosses the antimeridian).",
           style="form", explode=False),
    _param("datetime", "query", {"type": "string"},
           "A date (YYYY-MM-DD) or an interval start/end with .. for an open end; "
           "an incident matches when its date range overlaps."),
    _param("category", "query", {"type": "array", "items": {"type": "string", "enum": sorted(CATEGORIES)}},
           "One or more categories, comma-separated.", style="form", explode=False),
    _param("q", "query", {"type": "string", "maxLength": 200},
           "Words that must all occur in the title, place or quote."),
]
_PAGING = [
    _param("limit", "query", {"type": "integer", "minimum": 0}, "Page size (at most MAX_ITEMS)."),
    _param("offset", "query", {"type": "integer", "minimum": 0}, "Incidents to skip."),
]


def _json_response(description: str, schema: dict = None, media: str = "application/json") -> dict:
    return {"description": description, "content": {media: {"schema": schema or {"type": "object"}}}}


def _get(summary: str, op_id: str, params: list, ok: dict, *, errors=(400,)) -> dict:
    responses = {"200": ok}
    for status in (*errors, 414):  # 414: a request line longer than the server takes (gunicorn: 4094 bytes)
        responses[str(status)] = _ERROR
    responses["default"] = _ERROR
    return {"get": {"summary": summary, "operationId": op_id, "parameters": params, "responses": responses}}


_FEATURE_COLLECTION = {
    "type": "object", "required": ["type", "features"],
    "properties": {"type": {"type": "string", "enum": ["FeatureCollection"]},
                   "features": {"type": "array", "items": {"$ref": "#/components/schemas/Feature"}},
                   "numberMatched": {"type": "integer"}, "numberReturned": {"type": "integer"},
                   "links": {"type": "array", "items": {"type": "object"}}}}
_FEATURE_ID = _param("featureId", "path", {"type": "string"}, "The incident id.", required=True)


_JOB = {"type": "object", "required": ["id", "status"],
        "properties": {"id": {"type": "integer"}, "kind": {"type": "string"},
                       "status": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
                       "attempts": {"type": "integer"}, "report": {"type": "string"},
                       "incidents_new": {"type": "integer"}, "incidents_merged": {"type": "integer"},
                       "error": {"type": "string"}, "links": {"type": "array", "items": {"type": "object"}}}}


def _json_or_html(description: str, json_media: str = "application/json") -> dict:
    return {"description": description, "content": {json_media: {"schema": {"type": "object"}},
                                                    "text/html": {"schema": {"type": "string"}}}}


def _ogc_paths() -> dict:
    """OGC API - Features: landing page, API, conformance, collections, queryables, items."""
    f_html = _param("f", "query", {"type": "string", "enum": ["json", "html"]}, "json or html.")
    f_geojson = _param("f", "query", {"type": "string", "enum": ["json", "geojson"]}, "json or geojson.")
    return {
        "/": _get("Landing page (JSON) or the map (HTML, by Accept or f=html)", "getLandingPage", [f_html],
                  _json_or_html("The landing page.")),
        "/api": _get("This OpenAPI document", "getOpenAPI", [f_html], _json_or_html("The API description.", OPENAPI_MEDIA)),
        "/conformance": _get("Conformance classes", "getConformance", [_F_JSON],
                             _json_response("The conformance classes.")),
        "/collections": _get("The collections", "getCollections", [_F_JSON],
                             _json_response("The one collection, incidents.")),
        "/collections/{collectionId}": _get("The incidents collection", "describeCollection",
                                            [_COLLECTION, _F_JSON], _json_response("The collection."),
                                            errors=(400, 404)),
        "/collections/{collectionId}/queryables": _get(
            "The properties items can be filtered by (JSON Schema)", "getQueryables",
            [_COLLECTION, _param("f", "query", {"type": "string", "enum": ["json", "jsonschema"]}, "json.")],
            _json_response("The queryables.", media="application/schema+json"), errors=(400, 404)),
        "/collections/{collectionId}/items": _get(
            "Incidents, newest first", "getFeatures", [_COLLECTION, *_FILTERS, *_PAGING, f_geojson],
            _json_response("A page of incidents.", _FEATURE_COLLECTION, "application/geo+json"), errors=(400, 404)),
        "/collections/{collectionId}/items/{featureId}": {
            **_get("One incident", "getFeature", [_COLLECTION, _FEATURE_ID, f_geojson],
                   _json_response("The incident.", {"$ref": "#/components/schemas/Feature"}, "application/geo+json"),
                   errors=(400, 404)),
            "patch": {"summary": "Correct an incident (needs the write token)", "operationId": "correctFeature",
                      "security": [{"bearer": []}], "parameters": [_COLLECTION, _FEATURE_ID],
                      "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}},
                      "responses": {"200": _json_response("The corrected incident."), "400": _ERROR, "401": _ERROR,
                                    "404": _ERROR, "413": _ERROR, "414": _ERROR, "429": _ERROR,
                                    "default": _ERROR}},
        },
    }


def _map_paths() -> dict:
    """What the map draws: clusters by map cell and the timeline's counts."""
    f_geojson = _param("f", "query", {"type": "string", "enum": ["json", "geojson"]}, "json or geojson.")
    return {
        "/collections/incidents/clusters": _get(
            "Every matching incident at a zoom: clusters (count, categories) and lone incidents", "getClusters",
            [*_FILTERS, _param("zoom", "query", {"type": "integer", "minimum": 0, "maximum": 19},
                               "The map zoom (default 2): cells are a quarter of a tile."), f_geojson],
            _json_response("Clusters and lone incidents; their counts add up to numberMatched.", _FEATURE_COLLECTION,
                           "application/geo+json")),
        "/collections/incidents/histogram": _get(
            "Matching incidents by day, week or month", "getHistogram",
            [*_FILTERS, _param("interval", "query", {"type": "string", "enum": ["day", "week", "month"]},
                               "The bucket (default day)."), _F_JSON],
            _json_response("Buckets from the first to the last, with their counts.")),
    }


def _service_paths() -> dict:
    """Downloads, report intake and the service's own health and version."""
    return {
        "/incidents.{format}": _get(
            "Every matching incident as a file", "download",
            [_param("format", "path", {"type": "string", "enum": sorted(FORMATS)}, "The file format.", required=True),
             *_FILTERS, *_PAGING],
            {"description": "The file.", "content": {
                media.split(";")[0]: {"schema": {"type": "object" if media.endswith("json") else "string"}}
                for media in sorted({f.media_type for f in FORMATS.values()})}},
            errors=(400, 404)),
        "/reports": {"post": {
            "summary": "Add a report (text, or JSON with text, published, title, url); needs the write token",
            "operationId": "postReport", "security": [{"bearer": []}],
            "parameters": [
                _param("async", "query", {"type": "boolean"}, "true: queue the report for a worker (202) "
                       "instead of extracting it while the client waits."),
                _param("Prefer", "header", {"type": "string"}, "respond-async: queue the report (202), as async=true.")],
            "requestBody": {"required": True, "content": {
                "text/plain": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "object"}}}},
            "responses": {"200": _json_response("Already stored (updated: a new date or title re-extracted it)."),
                          "201": _json_response("Stored, with its incidents."),
                          "202": {**_json_response("Queued (asked for, or larger than QUEUE_ABOVE_BYTES): the job, "
                                                   "whose status the Location header's /jobs/{jobId} answers.", _JOB),
                                  "headers": {"Location": {"schema": {"type": "string"},
                                                           "description": "The job's address."}}},
                          "400": _ERROR, "401": _ERROR, "413": _ERROR, "414": _ERROR, "415": _ERROR, "429": _ERROR,
                          "503": _ERROR, "default": _ERROR}}},
        "/jobs/{jobId}": _get(
            "A queued report's job: queued, running, done (its report id and incident counts) or failed (its error)",
            "getJob", [_param("jobId", "path", {"type": "integer", "minimum": 1}, "The job id.", required=True)],
            _json_response("The job.", _JOB), errors=(404,)),
        "/incidents/{incidentId}": _get(
            "One incident's page (HTML: the sources and the report text with the quote marked), or its Feature",
            "getIncidentPage",
            [_param("incidentId", "path", {"type": "string"}, "The incident id.", required=True),
             _param("f", "query", {"type": "string", "enum": ["json", "html"]}, "json or html.")],
            _json_or_html("The incident.", "application/geo+json"), errors=(400, 404)),
        "/-/health": _get("Can the store be read and written", "getHealth", [],
                          _json_response("Healthy."), errors=(503,)),
        "/-/version": _get("Service and library versions", "getVersion", [], _json_response("Versions.")),
    }


_COMPONENTS = {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "schemas": {
        "Error": {"type": "object", "required": ["code", "description", "status"],
                  "properties": {"code": {"type": "string"}, "description": {"type": "string"},
                                 "status": {"type": "integer"}}},
        "Feature": {"type": "object", "required": ["type", "geometry", "properties"],
                    "properties": {"type": {"type": "string", "enum": ["Feature"]}, "id": {"type": "string"},
                                   "geometry": {"type": "object"}, "properties": {"type": "object"}}},
    },
    "responses": {"Error": {"description": "An error: bad parameter (400), not found (404), unauthorised (401), "
                                           "too large (413), request line too long (414), unavailable (503).",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
}


def openapi_document(base_url: str, version: str) -> dict:
    """The OpenAPI 3.0.3 description of every route, parameter and error answer."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "mapsvc", "version": version,
                 "description": "Incidents extracted from news reports, geocoded offline (OGC API - Features).",
                 "license": {"name": "see the project's README"}},
        "servers": [{"url": base_url}],
        "paths": {**_ogc_paths(), **_map_paths(), **_service_paths()},
        "components": _COMPONENTS,
    }


def queryables_document(self_url: str) -> dict:
    """OGC API - Features Part 3 queryables: a JSON Schema of what items can be filtered by."""
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": self_url,
        "type": "object",
        "title": "Incidents",
        "properties": {
            "geometry": {"$ref": "https://geojson.org/schema/Point.json", "description": "Filtered with bbox."},
            "category": {"type": "string", "enum": sorted(CATEGORIES), "description": "Filtered with category."},
            "date": {"type": "string", "format": "date", "description": "Filtered with datetime (date ranges overlap)."},
            "q": {"type": "string", "maxLength": 200,
                  "description": "Words that must all occur in the title, place name or quote."},
            "counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0},
                       "description": "Reported figures (killed, injured, evacuated ...); returned, not filtered."},
        },
        "additionalProperties": False,
    }
