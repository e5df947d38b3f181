"""Fetching pages and feeds for ingest, and reading feed files, never past a size limit.

A body is read in chunks and the reading stops as soon as it passes the limit
(a server that declares a larger ``Content-Length`` is refused before any of
the body is read), so a 50 MB feed costs one chunk past the limit, not 50 MB
of memory.
"""
from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from pathlib import Path

from ..errors import InputError

__all__ = ["fetch", "read_capped", "read_feed_file", "FETCH_TIMEOUT_S", "USER_AGENT", "CHUNK_BYTES"]

FETCH_TIMEOUT_S = 30
USER_AGENT = "mapsvc (+https://example.invalid/mapsvc) report ingest"
#: Bytes read at a time.
CHUNK_BYTES = 64 * 1024


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


def fetch(url: str, *, max_bytes: int) -> tuple[bytes, str]:
    """GET a URL; returns the body (at most ``max_bytes``) and the content type, lower-cased.

    Raises InputError for an HTTP error, an unreachable server or a body over the limit."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes)
            body = read_capped(response, max_bytes=max_bytes, what=url)
            ctype = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        if isinstance(exc, InputError):
            raise
        # HTTPException: a link with a space or a control character ("URL can't contain control characters")
        reason = getattr(exc, "reason", exc)
        raise InputError(f"{url}: cannot be fetched ({reason})") from exc
    return body, ctype.lower()


def read_feed_file(path, *, max_bytes: int) -> bytes:
    """A feed file's bytes; InputError, before reading it, when it is larger than ``max_bytes``."""
    path = Path(path)
    if path.stat().st_size > max_bytes:
        raise _too_large(str(path), max_bytes)
    with open(path, "rb") as fp:  # a file growing while read stops at the limit too
        return read_capped(fp, max_bytes=max_bytes, what=str(path))
