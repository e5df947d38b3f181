"""Write endpoints behind a bearer token: ``POST /reports`` and ``PATCH`` corrections."""
from __future__ import annotations

import dataclasses
import hmac
import json
import logging

from flask import Blueprint, Response, current_app, request

from ..errors import InputError, InvalidParameter, MapsvcError, PayloadTooLarge, StoreError, Unauthorized
from ..model import CATEGORIES, check_coordinate
from ..store.ingest import require_date
from ..store.store import check_counts
from ..text.reports import parse_date, parse_report_text
from .jobs import queued_response, wants_queue
from .limits import extraction_slot
from .params import check_text
from .urls import external_url

__all__ = ["bp", "require_token", "read_report_request", "read_correction"]

logger = logging.getLogger(__name__)

bp = Blueprint("write", __name__)

_CORRECTION_FIELDS = {"lon", "lat", "category", "date", "place_name", "title", "counts", "note"}


def require_token() -> None:
    """Raise Unauthorized unless the request carries one of ``API_TOKENS``."""
    tokens = [str(t) for t in current_app.config.get("API_TOKENS") or [] if t]
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if not tokens:
        raise Unauthorized("writing is disabled: no API_TOKENS are configured")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("send 'Authorization: Bearer <token>'")
    given = given.strip().encode("utf-8")
    if not any(hmac.compare_digest(given, t.encode("utf-8")) for t in tokens):
        raise Unauthorized("the bearer token is not valid")


def _body() -> bytes:
    limit = int(current_app.config["MAX_REPORT_BYTES"])
    length = request.content_length
    if length is not None and length > limit + 64 * 1024:
        raise PayloadTooLarge(f"the body is larger than MAX_REPORT_BYTES ({limit})")
    raw = request.get_data(cache=False)
    if len(raw) > limit + 64 * 1024:
        raise PayloadTooLarge(f"the body is larger than MAX_REPORT_BYTES ({limit})")
    return raw


def _json_body(raw: bytes) -> dict:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"the body is not valid JSON: {exc}") from exc
    except RecursionError as exc:  # thousands of nested brackets
        raise InputError("the JSON body is nested too deeply") from exc
    if not isinstance(doc, dict):
        raise InputError("the JSON body must be an object")
    return doc


def _field_text(doc: dict, key: str, *, max_chars: int = 2000, multiline: bool = False):
    """A string member of a JSON body (or None), checked as text."""
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > max_chars:
        raise InvalidParameter(f"{key}: must be a string of at most {max_chars} characters")
    return check_text(key, value, multiline=multiline)


def read_report_request():
    """The request body as a :class:`Report` (JSON object or text/plain)."""
    raw = _body()
    mimetype = request.mimetype or ""
    args = request.args
    if mimetype == "application/json":
        doc = _json_body(raw)
        if not isinstance(doc.get("text"), str):
            raise InputError("the JSON body needs a 'text' string")
        payload = _field_text(doc, "text", max_chars=10**9, multiline=True)
        meta = {key: _field_text(doc, key) for key in ("published", "title", "url")}
    elif mimetype in ("text/plain", "") or mimetype.startswith("text/"):
        meta = {key: args.get(key) for key in ("published", "title", "url")}
        payload = raw
    else:
        raise InputError(f"unsupported Content-Type {mimetype!r}: send application/json or text/plain")
    if len((payload.encode("utf-8") if isinstance(payload, str) else payload)) > int(
            current_app.config["MAX_REPORT_BYTES"]):
        raise PayloadTooLarge(f"the report is larger than MAX_REPORT_BYTES "
                              f"({current_app.config['MAX_REPORT_BYTES']})")
    return parse_report_text(payload, published=meta.get("published") or None,
                             title=meta.get("title") or "", url=meta.get("url") or "",
                             origin="api")


def _result_json(result) -> dict:
    if dataclasses.is_dataclass(result):
        out = {}
        for field in dataclasses.fields(result):
            value = getattr(result, field.name)
            if isinstance(value, (list, tuple)):
                value = [getattr(v, "id", v) for v in value]
            out[field.name] = value
        return out
    return {"result": str(result)}


def _store_call(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except MapsvcError:
        raise
    except Exception as exc:  # driver errors: keep the trace in the log, not the answer
        logger.exception("store operation failed")
        raise StoreError(f"the store could not complete the operation: {type(exc).__name__}") from exc


@bp.post("/reports")
def post_report():
    """Ingest a report: extract its incidents and store them (idempotent)."""
    from . import get_extractor, get_store
    require_token()
    report = require_date(read_report_request())
    if wants_queue(report):  # asked for, or too long to extract while the client waits: 202 + /jobs/<id>
        return queued_response(report, _store_call(get_store))
    # the slot is taken before the gazetteer and the NLP pipeline are opened, and only when needed
    extractor = extraction_slot(lambda new_report: get_extractor()(new_report))
    result = _store_call(get_store().ingest_report, report, extractor=extractor)
    doc = {"report": report.id, **_result_json(result)}
    doc["links"] = [{"href": external_url("api.items", collection_id="incidents"), "rel": "items",
                     "type": "application/geo+json"}]
    status = 201 if getattr(result, "new", True) else 200
    response = Response(json.dumps(doc, default=str, ensure_ascii=False), status=status,
                        mimetype="application/json")
    return response


def read_correction(doc: dict) -> dict:
    """Validate a PATCH body into ``Store.correct`` keyword arguments."""
    unknown = set(doc) - _CORRECTION_FIELDS
    if unknown:
        raise InvalidParameter(f"unknown fields {', '.join(sorted(unknown))}; "
                               f"allowed: {', '.join(sorted(_CORRECTION_FIELDS))}")
    if not doc:
        raise InvalidParameter("nothing to correct: give lon+lat, category, date, place_name, title, counts "
                               "or a note")
    out = {"lon": None, "lat": None, "category": None, "date": None, "place_name": None, "title": None,
           "counts": None, "note": ""}
    if ("lon" in doc) != ("lat" in doc):
        raise InvalidParameter("give lon and lat together")
    if "lon" in doc:
        out["lon"], out["lat"] = _coordinate(doc, "lon"), _coordinate(doc, "lat")
    if "category" in doc:
        if not isinstance(doc["category"], str) or doc["category"] not in CATEGORIES:
            raise InvalidParameter(f"category: {doc['category']!r} is not one of {', '.join(CATEGORIES)}")
        out["category"] = doc["category"]
    if "date" in doc:
        if not isinstance(doc["date"], str):
            raise InvalidParameter("date: must be a string YYYY-MM-DD")
        out["date"] = parse_date(doc["date"], what="date")
    if "counts" in doc:
        out["counts"] = check_counts(doc["counts"])
    for key in ("place_name", "title", "note"):
        if key in doc:
            if doc[key] is None:
                raise InvalidParameter(f"{key}: must be a string of at most 500 characters")
            out[key] = _field_text(doc, key, max_chars=500)
    return out


def _coordinate(doc: dict, axis: str) -> float:
    """A JSON number that is a coordinate (a string or a bool is no number here)."""
    value = doc[axis]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidParameter(f"{axis} must be a JSON number, got {value!r:.40}")
    return check_coordinate(axis, value)


@bp.patch("/collections/incidents/items/<item_id>")
def patch_item(item_id: str):
    """A human correction of one incident, kept across re-extraction."""
    from ..geojson import to_feature
    from . import get_store
    require_token()
    doc = _json_body(_body())
    kwargs = read_correction(doc)
    store = get_store()
    store.get(item_id)  # 404 before anything else
    incident = _store_call(store.correct, item_id, **kwargs)
    return Response(json.dumps(to_feature(incident), ensure_ascii=False, default=str),
                    mimetype="application/geo+json")
