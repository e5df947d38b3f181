"""Watching RSS/Atom feeds: conditional GETs, new entries through the ingest path, back-off on errors.

A :class:`Watcher` polls its feeds when they are due. Each poll sends the
stored ETag and Last-Modified (a 304 answer costs one request and nothing
else), stores the entries of a changed feed with :func:`~.ingest.ingest_feed`
(extraction, dedup by content hash and merging as for ``mapsvc ingest``) and
only then records the new ETag, so a watcher stopped between the two polls the
feed again and stores nothing twice. A failing feed is retried later and later
(doubling from ``every`` up to ``max_backoff``); the other feeds go on. The
state lives in the store's ``feeds`` table (:mod:`.feeds`), so a restarted
watcher, or several watchers on one PostgreSQL, carry on where it stood.

>>> parse_duration("10m"), parse_duration("1.5h"), parse_duration("30s")
(600.0, 5400.0, 30.0)
>>> [backoff_s(60, n, cap=600) for n in range(6)]
[60, 120, 240, 480, 600, 600]
"""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, Optional

from ..config import DEFAULTS
from ..errors import InputError, MapsvcError
from .feeds import FeedState
from .fetch import fetch
from .ingest import IngestSummary, ingest_feed
from .schema import utcnow

__all__ = ["Watcher", "PollResult", "parse_duration", "format_duration", "backoff_s", "check_feed_urls",
           "MAX_BACKOFF_S", "CLAIM_LEASE_S"]

logger = logging.getLogger(__name__)

#: The longest wait after repeated errors (unless ``every`` is longer).
MAX_BACKOFF_S = 6 * 3600
#: How long a claimed feed is kept from other watchers while it is polled: longer than a
#: download (30 s) plus the extraction of a feed's entries.
CLAIM_LEASE_S = 15 * 60
#: The longest sleep between looks at the feed table (a stop request is seen within it too).
MAX_IDLE_S = 5.0
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds of a duration written ``30s``, ``10m``, ``1h`` or ``2d``; InputError otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", str(text), flags=re.ASCII)
    if not match or float(match.group(1)) <= 0:
        raise InputError(f"{text!r} is not a duration: write a positive number and a unit, "
                         "e.g. 30s, 10m, 1h or 1d")
    return float(match.group(1)) * _UNITS[match.group(2)]


def format_duration(seconds: float) -> str:
    """A duration the way it is written on the command line.

    >>> format_duration(600), format_duration(45), format_duration(5400)
    ('10m', '45s', '1.5h')
    """
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.3g}{unit}"
    return f"{seconds:.3g}s"


def check_feed_urls(urls: list) -> None:
    """InputError unless ``urls`` is a non-empty list of http(s) URLs."""
    bad = [u for u in urls if not str(u).lower().startswith(("http://", "https://"))]
    if bad or not urls:
        raise InputError(f"{bad[0]}: only http(s) feed URLs can be watched" if bad
                         else "no feed to watch: give FEED_URL... or set WATCH_FEEDS")


def backoff_s(every: float, errors: int, *, cap: float = MAX_BACKOFF_S) -> float:
    """Seconds until the next poll after ``errors`` failed polls in a row: ``every`` doubled per
    error, at most ``cap`` (or ``every``, when that is longer)."""
    return min(every * 2 ** errors, max(every, cap))


@dataclass(frozen=True)
class PollResult:
    """What one poll of one feed did; ``str()`` is the line a watcher prints."""

    url: str
    status: str  # "changed", "not modified" or "error"
    next_in_s: float
    summary: Optional[IngestSummary] = None
    error: str = ""
    errors: int = 0  # consecutive failed polls, this one included

    def __str__(self) -> str:
        then = f"next poll in {format_duration(self.next_in_s)}"
        if self.status == "error":
            return f"{self.url}: error ({self.error}), {self.errors} in a row; {then}"
        if self.status == "not modified":
            return f"{self.url}: 304 not modified; {then}"
        s = self.summary
        return (f"{self.url}: 200, entries {s.reports_new} new, {s.reports_unchanged} unchanged, "
                f"{s.reports_failed} failed; incidents {s.incidents_new} new, {s.incidents_merged} merged; {then}")


class Watcher:
    """Polls ``urls`` every ``every`` seconds into ``store``, running ``extractor`` on new entries.

    Parameters
    ----------
    store : mapsvc.store.store.Store
    urls : iterable of str
        The feeds this watcher polls (http or https).
    every : float
        Seconds between two polls of a feed.
    extractor : callable
        ``extractor(report) -> list[Incident]``, called only for new entries.
    max_backoff, lease_s : float
        The longest wait after errors; how long a claimed feed is kept from other watchers.
    max_bytes : int
        The largest feed or teaser page fetched (``MAX_FEED_BYTES``); a larger feed is that feed's error.
    """

    def __init__(self, store, urls: Iterable[str], *, every: float, extractor: Callable,
                 max_backoff: float = MAX_BACKOFF_S, lease_s: float = CLAIM_LEASE_S,
                 max_bytes: int = DEFAULTS["MAX_FEED_BYTES"]):
        self.store, self.urls, self.every = store, list(dict.fromkeys(urls)), float(every)
        self.extractor, self.max_backoff, self.lease_s = extractor, max_backoff, lease_s
        self.max_bytes = int(max_bytes)
        check_feed_urls(self.urls)
        if self.every <= 0:
            raise InputError("the poll interval must be positive")

    def poll(self, state: FeedState) -> PollResult:
        """Poll one (claimed) feed: a conditional GET, its new entries stored, its state recorded."""
        try:
            fetched = fetch(state.url, max_bytes=self.max_bytes, etag=state.etag,
                            last_modified=state.last_modified)
            if fetched.status == 304:
                self.store.record_poll(state.url, status="304 not modified", errors=0, next_in_s=self.every)
                return PollResult(state.url, "not modified", self.every)
            summary = ingest_feed(self.store, fetched.body, origin=state.url, extractor=self.extractor,
                                  max_bytes=self.max_bytes)
            unreadable = [reason for origin, reason in summary.failures if origin == state.url]
            if unreadable:
                raise InputError(unreadable[0])
        except Exception as exc:  # a bad answer, a store hiccup, a parser bug: this feed waits, the rest go on
            return self._failed(state, exc)
        # the ETag is recorded only after the entries are stored: stopped in between, the next poll
        # fetches the feed again and the store's idempotent ingest keeps each entry once
        self.store.record_poll(state.url, status=f"200: {summary}", errors=0, next_in_s=self.every,
                               etag=fetched.etag, last_modified=fetched.last_modified)
        return PollResult(state.url, "changed", self.every, summary=summary)

    def _failed(self, state: FeedState, exc: Exception) -> PollResult:
        if isinstance(exc, MapsvcError):
            reason = exc.description
        else:
            reason = f"{type(exc).__name__}: {exc}"
            logger.exception("watch %s: unexpected failure", state.url)
        errors = state.errors + 1
        wait = backoff_s(self.every, errors, cap=self.max_backoff)
        # a 429 or 503 may say how long to stay away (Retry-After): heeded, up to the longest back-off
        wait = max(wait, min(getattr(exc, "retry_after_s", 0.0), max(self.every, self.max_backoff)))
        self.store.record_poll(state.url, status=f"error: {reason}", errors=errors, next_in_s=wait)
        return PollResult(state.url, "error", wait, error=_short(reason, state.url), errors=errors)

    def poll_due(self, *, on_poll: Optional[Callable[[PollResult], None]] = None,
                 stop: Optional[threading.Event] = None) -> list[PollResult]:
        """Poll each feed that is due, once, one after another; returns what each poll did."""
        self.store.watch_feeds(self.urls)
        done: list[str] = []
        results = []
        while stop is None or not stop.is_set():
            state = self.store.claim_due_feed(self.urls, lease_s=self.lease_s, skip=done)
            if state is None:
                break
            done.append(state.url)
            results.append(self.poll(state))
            if on_poll is not None:
                on_poll(results[-1])
        return results

    def run(self, *, stop: threading.Event, on_poll: Optional[Callable[[PollResult], None]] = None) -> None:
        """Poll the feeds as they fall due until ``stop`` is set (seen within MAX_IDLE_S)."""
        while not stop.is_set():
            try:
                self.poll_due(on_poll=on_poll, stop=stop)
            except MapsvcError as exc:  # the store is unreachable: wait, then try again
                logger.warning("watch: %s", exc.description)
            stop.wait(self._idle_s())

    def _idle_s(self) -> float:
        """Seconds until the first of this watcher's feeds is due (at most MAX_IDLE_S)."""
        try:
            due = min((s.next_due for s in self.store.feed_states(self.urls)), default="")
        except MapsvcError:
            return MAX_IDLE_S
        if not due:
            return 0.0
        left = (datetime.fromisoformat(due) - datetime.fromisoformat(utcnow())).total_seconds()
        return max(0.05, min(MAX_IDLE_S, left))


def _short(description: str, url: str) -> str:
    """An error without the URL it starts with (the poll line names the feed already)."""
    return description[len(url) + 2:] if description.startswith(url + ": ") else description

