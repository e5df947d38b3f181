"""The gunicorn worker mapsvc runs under: threaded, and its own errors in mapsvc's JSON shape.

gunicorn answers requests it cannot parse (a request line over its limit: 414,
too many or too large headers: 431, a malformed request: 400) itself, before
the app sees them, as an HTML page written by ``gunicorn.util.write_error``.
This worker class replaces that writer in its process, so those answers carry
the documented ``{"code", "description", "status"}`` body too.
"""
from __future__ import annotations

import json

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker

from .errors import HTTP_CODES

__all__ = ["JsonErrorWorker", "json_error_bytes"]


def json_error_bytes(status: int, reason: str, message: str) -> bytes:
    """A whole HTTP/1.1 error response with mapsvc's JSON error body.

    >>> json_error_bytes(414, "URI Too Long", "").split(b"\\r\\n")[0]
    b'HTTP/1.1 414 URI Too Long'
    """
    code = HTTP_CODES.get(status, reason.replace(" ", ""))
    body = json.dumps({"code": code, "description": message or reason, "status": status}).encode()
    head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            "Cache-Control: no-store\r\nAccess-Control-Allow-Origin: *\r\n\r\n")
    return head.encode("latin-1") + body


def _write_json_error(sock, status_int, reason, mesg):
    util.write_nonblock(sock, json_error_bytes(int(status_int), str(reason), str(mesg)))


class JsonErrorWorker(ThreadWorker):
    """gunicorn's threaded worker, answering its own errors as JSON."""

    def init_process(self):
        util.write_error = _write_json_error
        super().init_process()
