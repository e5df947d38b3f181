"""Downloading pages and feeds over HTTP for ingest and the feed watcher, and reading feed
files, never past a size limit (``MAX_FEED_BYTES``).

One GET with a timeout and errors as :class:`~mapsvc.errors.InputError`; with an
ETag or Last-Modified it is a conditional GET that may be answered 304, and an
error answer carries the wait its ``Retry-After`` asks for (``retry_after_s``).
A body is read in chunks and the reading stops as soon as it passes the limit
(a server that declares a larger ``Content-Length`` is refused before any of
the body is read), so a 50 MB feed costs one chunk past the limit, not 50 MB
of memory.
"""
from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..errors import InputError

__all__ = ["Fetched", "fetch", "read_capped", "read_feed_file", "FETCH_TIMEOUT_S", "USER_AGENT", "CHUNK_BYTES"]

FETCH_TIMEOUT_S = 30
USER_AGENT = "mapsvc (+https://example.invalid/mapsvc) report ingest"
#: Bytes read at a time.
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    """An HTTP answer: ``status`` 200, or 304 (empty body) to a conditional GET."""

    status: int
    body: bytes
    content_type: str
    etag: str = ""
    last_modified: str = ""


def _too_large(what: str, max_bytes: int) -> InputError:
    return InputError(f"{what}: larger than the {max_bytes} byte limit (MAX_FEED_BYTES); not read further")


def read_capped(stream, *, max_bytes: int, what: str) -> bytes:
    """Everything ``stream.read`` gives, or InputError as soon as it passes ``max_bytes``.

    >>> import io
    >>> read_capped(io.BytesIO(b"abc"), max_bytes=3, what="x")
    b'abc'
    >>> read_capped(io.BytesIO(b"abcd"), max_bytes=3, what="x")
    Traceback (most recent call last):
    ...
    mapsvc.errors.InputError: x: larger than the 3 byte limit (MAX_FEED_BYTES); not read further
    """
    chunks, size = [], 0
    while True:
        chunk = stream.read(min(CHUNK_BYTES, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(what, max_bytes)
        chunks.append(chunk)


def fetch(url: str, *, max_bytes: int, etag: str = "", last_modified: str = "") -> Fetched:
    """GET a URL (a body of at most ``max_bytes``, content type lower-cased); with ``etag`` /
    ``last_modified`` a conditional GET (If-None-Match / If-Modified-Since) that may be answered
    304. Raises InputError for an HTTP error, an unreachable server or a body over the limit."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                    timeout=FETCH_TIMEOUT_S) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes)
            body = read_capped(response, max_bytes=max_bytes, what=url)
            answer = response.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and (etag or last_modified):
            return Fetched(304, b"", "", etag, last_modified)
        error = InputError(f"{url}: HTTP {exc.code} {exc.reason}")
        error.retry_after_s = _retry_after_s(exc.headers.get("Retry-After") if exc.headers else None)
        raise error from exc
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        if isinstance(exc, InputError):
            raise
        # HTTPException: a link with a space or a control character ("URL can't contain control characters")
        reason = getattr(exc, "reason", exc)
        raise InputError(f"{url}: cannot be fetched ({reason})") from exc
    return Fetched(200, body, answer.get("Content-Type", "").lower(), answer.get("ETag", ""),
                   answer.get("Last-Modified", ""))


def read_feed_file(path, *, max_bytes: int) -> bytes:
    """A feed file's bytes; InputError, before reading it, when it is larger than ``max_bytes``."""
    path = Path(path)
    if path.stat().st_size > max_bytes:
        raise _too_large(str(path), max_bytes)
    with open(path, "rb") as fp:  # a file growing while read stops at the limit too
        return read_capped(fp, max_bytes=max_bytes, what=str(path))


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
