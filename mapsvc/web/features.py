"""Items pages assembled from each incident's GeoJSON, encoded once while the incident is unchanged.

A page is ``numberMatched`` (counted once per filter set while the store is
unchanged: :class:`mapsvc.store.query.MatchCounts`), the page's ids with their
``updated_at`` (one index query), and the encoded Feature of each: taken from a
per-process cache keyed by ``(id, updated_at)``, so that only incidents not seen
since their last change are read, decoded and encoded (orjson).  Every write moves
``updated_at``, so a cached Feature is never stale.
"""
from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from datetime import date, datetime
from typing import Iterator

import orjson

__all__ = ["FeatureCache", "DownloadCache", "dumps", "items_page"]


def _default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(payload) -> bytes:
    """Compact UTF-8 JSON (orjson; dates as ISO strings)."""
    return orjson.dumps(payload, default=_default)


class FeatureCache:
    """Encoded Features by ``(id, updated_at)``, least recently used dropped past ``size``."""

    def __init__(self, size: int = 20_000):
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get_many(self, refs: list) -> dict:
        with self._lock:
            found = {}
            for ref in refs:
                hit = self._items.get(ref)
                if hit is not None:
                    self._items.move_to_end(ref)
                    found[ref] = hit
            return found

    def put_many(self, encoded: dict) -> None:
        with self._lock:
            self._items.update(encoded)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


class DownloadCache:
    """Recent download bodies by key (format, query, the store's change token), least recently used
    dropped past ``size``, bodies over ``max_bytes`` not kept. One body is built at a time per
    process: clients asking at once for the same export wait for one build instead of each
    building it, and builds of different downloads take turns rather than all threads at once.
    A body is sent in chunks of ``CHUNK_BYTES``; one that grows past ``max_bytes`` while it is
    built is not kept: its rest is sent as it is written (memory stays bounded either way)."""

    CHUNK_BYTES = 64 * 1024

    def __init__(self, size: int = 4, max_bytes: int = 64_000_000):
        self._items: OrderedDict = OrderedDict()
        self._lock, self._building = threading.Lock(), threading.Lock()
        self._size, self._max_bytes = size, max_bytes

    def _lookup(self, key):
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def _keep(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def get(self, key, build) -> tuple[Iterator[bytes], object]:
        """The body for ``key`` as an iterator of byte chunks, and its ``extra``: the cached one, or
        what ``build() -> (byte chunks, extra)`` writes, kept for the next caller when it fits."""
        hit = self._lookup(key)
        if hit is None:
            with self._building:
                hit = self._lookup(key)  # built by the caller this one waited for
                if hit is None:
                    chunks, extra = build()
                    chunks, kept, size = iter(chunks), [], 0
                    for chunk in chunks:
                        kept.append(chunk)
                        size += len(chunk)
                        if size > self._max_bytes:  # too large to keep: the rest is written as it is sent
                            return itertools.chain(kept, chunks), extra
                    hit = (b"".join(kept), extra)
                    self._keep(key, hit)
        body = hit[0]
        return (body[i:i + self.CHUNK_BYTES] for i in range(0, len(body), self.CHUNK_BYTES)), hit[1]


def items_page(store, cache: FeatureCache, filters, links_for) -> bytes:
    """The FeatureCollection of one items page as bytes.

    ``links_for(returned, matched)`` gives the page's links once the counts are known.
    """
    from ..geojson import to_feature

    matched, refs = store.page_refs(**filters.store_kwargs())
    found = cache.get_many(refs)
    missing = [ref for ref in refs if ref not in found]
    if missing:
        fresh = {}
        stamps = dict(missing)
        for incident in store.get_many([ref[0] for ref in missing]):
            fresh[(incident.id, stamps[incident.id])] = dumps(to_feature(incident))
        cache.put_many(fresh)
        found.update(fresh)
    parts = [found[ref] for ref in refs if ref in found]  # an incident deleted in between is left out
    links = links_for(len(parts), matched)
    return b"".join((b'{"type":"FeatureCollection","features":[', b",".join(parts),
                     b'],"numberMatched":', str(int(matched)).encode(), b',"numberReturned":',
                     str(len(parts)).encode(), b',"links":', dumps(links), b"}"))
