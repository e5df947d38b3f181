"""Reports queued instead of extracted on the request path: ``202 Accepted`` and ``GET /jobs/<id>``.

``POST /reports`` queues a report (:mod:`mapsvc.store.jobs`) when the client asks for it
(``Prefer: respond-async``, or ``?async=true``) or when the report is larger than
``QUEUE_ABOVE_BYTES``; a worker (``mapsvc work``, one beside ``serve``) extracts it later.
The answer is 202 with ``Location: /jobs/<id>``, where the job's status is read.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, request

from ..errors import InvalidParameter, NotFound
from ..model import Report
from ..store.worker import report_payload
from .urls import external_url

__all__ = ["bp", "wants_queue", "queued_response", "job_document"]

bp = Blueprint("jobs", __name__)

#: The largest job id looked up (larger ones are no job: 404, not a driver's overflow).
_MAX_JOB_ID = 2**62
_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no", "")


def _prefers_async() -> bool:
    """Does a ``Prefer`` header ask for ``respond-async`` (RFC 7240)?"""
    return any(pref.split(";")[0].strip().lower() == "respond-async"
               for header in request.headers.getlist("Prefer") for pref in header.split(","))


def wants_queue(report: Report) -> bool:
    """Should this request's report be queued rather than extracted while the client waits?"""
    flag = request.args.get("async", "").strip().lower()
    if flag not in _TRUE + _FALSE:
        raise InvalidParameter(f"async: {flag!r:.40} is not true or false")
    limit = int(current_app.config.get("QUEUE_ABOVE_BYTES") or 0)
    large = limit > 0 and len(report.text.encode("utf-8", "surrogatepass")) > limit
    return flag in _TRUE or _prefers_async() or large


def _json(doc: dict, status: int = 200) -> Response:
    response = Response(json.dumps(doc, ensure_ascii=False, default=str), status=status,
                        mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"  # a job's status changes: never cached
    return response


def queued_response(report: Report, store) -> Response:
    """Queue ``report`` and answer 202 with the job's address."""
    job_id = store.enqueue_job("report", report_payload(report))
    doc = job_document(store.get_job(job_id))
    response = _json(doc, 202)
    response.headers["Location"] = external_url("jobs.get_job", job_id=job_id)
    if _prefers_async():
        response.headers["Preference-Applied"] = "respond-async"
    return response


def job_document(job) -> dict:
    """A job as ``GET /jobs/<id>`` answers it (never its payload)."""
    doc = {"id": job.id, "kind": job.kind, "status": job.status, "attempts": job.attempts,
           "created": job.created_at, "started": job.started_at or None, "finished": job.finished_at or None}
    links = [{"href": external_url("jobs.get_job", job_id=job.id), "rel": "self", "type": "application/json"}]
    if job.status == "done" and job.result:
        doc.update(job.result)
        links.append({"href": external_url("api.items", collection_id="incidents"), "rel": "items",
                      "type": "application/geo+json"})
    if job.error:
        doc["error"] = job.error
    doc["links"] = links
    return doc


@bp.get("/jobs/<job_id>")
def get_job(job_id: str):
    """A queued report's job: queued, running, done (report id, incident counts) or failed (error)."""
    from . import get_store
    if not job_id.isascii() or not job_id.isdigit() or not 0 < int(job_id) <= _MAX_JOB_ID:
        raise NotFound(f"no job {job_id!r:.40}")
    return _json(job_document(get_store().get_job(int(job_id))))
