"""Limits on writing: a per-client rate limit on every write (Flask-Limiter), and slots for the
extraction that ``POST /reports`` runs while its client waits.

The rate limit counts every POST, PUT, PATCH and DELETE of a client address together
(``RATELIMIT_WRITES``, e.g. ``60 per minute``; empty: no limit), in memory per worker
process by default or in a shared store (``RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379``)
so that every worker counts the same writes.  The client address is ``remote_addr``:
``X-Forwarded-For`` counts only behind ``PROXY_FIX`` trusted proxies (ProxyFix rewrites
``remote_addr`` from it), so a client cannot pick a new address per request.  Reads are
never limited.  A client over the limit gets 429 with the JSON error body and ``Retry-After``.
"""
from __future__ import annotations

import functools
import math
import threading
import time

from flask import Flask, current_app, request

from ..errors import Busy
from .errors import error_response

__all__ = ["WRITE_METHODS", "register_limits", "client_address", "extraction_slot"]

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: What a client told "busy" is asked to wait before trying again, in seconds.
BUSY_RETRY_AFTER_S = 5


def client_address() -> str:
    """The rate limit's key: the peer address (the first proxy's client with ``PROXY_FIX``)."""
    return request.remote_addr or "unknown"


def register_limits(app: Flask) -> None:
    """The process's extraction slots (``EXTRACT_SLOTS``), and the count of writes per client address
    (``RATELIMIT_WRITES``; none when that is empty)."""
    app.extensions["mapsvc.extract_slots"] = threading.BoundedSemaphore(max(1, int(app.config["EXTRACT_SLOTS"])))
    rule = str(app.config.get("RATELIMIT_WRITES") or "").strip()
    if not rule:
        return
    from flask_limiter import Limiter

    limiter = Limiter(client_address, app=app, application_limits=[rule],
                      application_limits_exempt_when=lambda: request.method not in WRITE_METHODS,
                      storage_uri=str(app.config.get("RATELIMIT_STORAGE_URI") or "memory://"),
                      headers_enabled=False, strategy="fixed-window",
                      in_memory_fallback_enabled=True)  # Redis down: count in memory, keep answering
    app.extensions["mapsvc.limiter"] = limiter

    # its own headers would also put the window's Retry-After on a 503 "busy": only 429 gets one
    @app.errorhandler(429)
    def _too_many_writes(exc):
        response = error_response(429, "TooManyRequests", f"writes from this address are limited to {rule}; "
                                                          "try again in Retry-After seconds")
        current = limiter.current_limit
        wait = current.reset_at - time.time() if current is not None else 1
        response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
        return response


def extraction_slot(extract):
    """``extract`` run in one of the process's ``EXTRACT_SLOTS``; :class:`~mapsvc.errors.Busy` (503,
    ``Retry-After``) at once when all are taken, so that reports posted together do not queue up on
    the worker's threads while reads wait behind them."""
    slots = current_app.extensions["mapsvc.extract_slots"]

    @functools.wraps(extract)
    def guarded(report):
        if not slots.acquire(blocking=False):
            raise Busy("every extraction slot of this worker is busy; try again shortly",
                       retry_after=BUSY_RETRY_AFTER_S)
        try:
            return extract(report)
        finally:
            slots.release()
    return guarded
