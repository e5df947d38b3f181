"""Downloading pages and feeds over HTTP for ingest and the feed watcher.

One GET with a size limit (``MAX_FILE_BYTES``), a timeout and errors as
:class:`~mapsvc.errors.InputError`; with an ETag or Last-Modified it is a
conditional GET that may be answered 304, and an error answer carries the
wait its ``Retry-After`` asks for (``retry_after_s``).
"""
from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from ..errors import InputError
from ..text.reports import MAX_FILE_BYTES

__all__ = ["Fetched", "fetch", "FETCH_TIMEOUT_S", "USER_AGENT"]

FETCH_TIMEOUT_S = 30
USER_AGENT = "mapsvc (+https://example.invalid/mapsvc) report ingest"


@dataclass(frozen=True)
class Fetched:
    """An HTTP answer: ``status`` 200, or 304 (empty body) to a conditional GET."""

    status: int
    body: bytes
    content_type: str
    etag: str = ""
    last_modified: str = ""


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    """GET a URL (at most MAX_FILE_BYTES); with ``etag``/``last_modified`` a conditional GET
    (If-None-Match / If-Modified-Since) that may be answered 304. Raises InputError."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                    timeout=FETCH_TIMEOUT_S) as response:
            body = response.read(MAX_FILE_BYTES + 1)
            answer = response.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and (etag or last_modified):
            return Fetched(304, b"", "", etag, last_modified)
        error = InputError(f"{url}: HTTP {exc.code} {exc.reason}")
        error.retry_after_s = _retry_after_s(exc.headers.get("Retry-After") if exc.headers else None)
        raise error from exc
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        # HTTPException: a link with a space or a control character ("URL can't contain control characters")
        reason = getattr(exc, "reason", exc)
        raise InputError(f"{url}: cannot be fetched ({reason})") from exc
    if len(body) > MAX_FILE_BYTES:
        raise InputError(f"{url}: larger than the {MAX_FILE_BYTES} byte limit")
    return Fetched(200, body, answer.get("Content-Type", "").lower(), answer.get("ETag", ""),
                   answer.get("Last-Modified", ""))


def _retry_after_s(value) -> float:
    """Seconds a ``Retry-After`` header asks to wait (a number of seconds or an HTTP date); 0 if none.

    >>> _retry_after_s("120"), _retry_after_s(None), _retry_after_s("soon")
    (120.0, 0.0, 0.0)
    """
    if not value:
        return 0.0
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return 0.0
