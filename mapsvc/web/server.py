"""How ``mapsvc serve`` runs gunicorn: its size, its command line, and the worker class, threaded and
answering its own errors in mapsvc's JSON shape.

Size: one worker process per usable core (at least 2, so one busy or restarting worker never
leaves the service without an answer), each with :data:`THREADS_PER_WORKER` threads.  Each
process has its own GIL, so CPU work (assembling pages, encoding JSON, extracting a posted
report) scales with processes; threads let a worker wait on the database and on slow clients.

gunicorn answers requests it cannot parse (a request line over its limit: 414,
too many or too large headers: 431, a malformed request: 400) itself, before
the app sees them, as an HTML page written by ``gunicorn.util.write_error``.
This worker class replaces that writer in its process, so those answers carry
the documented ``{"code", "description", "status"}`` body too.
"""
from __future__ import annotations

import json
import os
import sys

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker

from .errors import HTTP_CODES

__all__ = ["JsonErrorWorker", "json_error_bytes", "usable_cores", "default_workers", "THREADS_PER_WORKER",
           "WORKER_TIMEOUT_S", "gunicorn_argv"]

#: Threads per worker process (``mapsvc serve --threads``).
THREADS_PER_WORKER = 4
#: gunicorn's ``--timeout``: a worker silent this long is restarted.  A threaded worker's main loop
#: stays alive while a request runs, so this does not bound one request: POST /reports bounds its own
#: work (``MAX_REPORT_BYTES`` and ``EXTRACT_SLOTS``, mapsvc/web/write.py).
WORKER_TIMEOUT_S = 120


def usable_cores() -> int:
    """The cores this process may run on (the CPU affinity where the system has one, else cpu_count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def default_workers() -> int:
    """``mapsvc serve``'s default worker processes: one per usable core, at least 2."""
    return max(2, usable_cores())


def gunicorn_argv(*, host: str, port: int, workers: int, threads: int, config: str = "") -> list:
    """The command line that runs ``mapsvc.web:create_app()`` under gunicorn with this worker class
    (and ``--config config``: ``mapsvc serve`` passes ``python:mapsvc.serve`` for its watcher hooks)."""
    return [sys.executable, "-m", "gunicorn", *(["--config", config] if config else []),
            "--workers", str(workers), "--worker-class", "mapsvc.web.server.JsonErrorWorker",
            "--threads", str(threads), "--bind", f"{host}:{port}", "--access-logfile", "-",
            "--timeout", str(WORKER_TIMEOUT_S), "mapsvc.web:create_app()"]


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
