"""geopy-compatible geocoders: the offline gazetteer, or a self-hosted Nominatim / Photon.

``get_geocoder(name, **options)`` is the one entry point; ``GEOCODERS`` maps
configuration names to classes (as geopy does).  The offline geocoder answers
from :class:`mapsvc.gazetteer.index.Gazetteer` and never touches the network; the
online ones must be pointed at a server named in ``GEOCODER_OPTIONS`` (``domain``,
``scheme``) and are wrapped in geopy's ``RateLimiter`` and an in-memory cache.
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from typing import Any, Optional

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim, Photon
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from ..errors import ConfigError, InvalidParameter
from .index import Gazetteer, display_path, place_to_dict
from ..model import Place
from ..text.names import normalise_name

__all__ = ["OfflineGeocoder", "CachedGeocoder", "GEOCODERS", "get_geocoder", "geocoder_from_config", "fallback_geocoder",
           "place_to_location", "REVERSE_MAX_KM"]

USER_AGENT = "mapsvc"


#: A reverse look-up answers the nearest town within this distance, else the country the
#: point is in, else None (at sea), as Nominatim does.
REVERSE_MAX_KM = 50.0


@functools.lru_cache(maxsize=32)
def _country_names_in(language: str):
    """ISO 3166 country names in ``language`` (pycountry's translations), or None when it has none."""
    import gettext

    import pycountry

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


def _country_name(code: str, language: Optional[str]) -> Optional[str]:
    if not language or not code:
        return None
    lang = str(language).split(",")[0].split(";")[0].strip().replace("-", "_")
    names = _country_names_in(lang) or _country_names_in(lang.split("_")[0])
    if names is None:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return names.gettext(country.name) if country else None


def place_to_location(place: Place, *, language: Optional[str] = None) -> Location:
    """A gazetteer place as a geopy ``Location`` (``point`` is ``(lat, lon)``, as geopy wants).

    The address is the place's name and its admin path, each name once; with
    ``language``, the country is named in that language where pycountry has a
    translation (the gazetteer keeps no other names by language).

    >>> loc = place_to_location(Place("mapsvc:x", "X", "city", 30.5, 50.4, 0, "UA", ("Kyiv", "Ukraine")))
    >>> loc.address, loc.latitude, loc.raw["id"]
    ('X, Kyiv, Ukraine', 50.4, 'mapsvc:x')
    >>> place_to_location(Place("mapsvc:td", "Chad", "country", 18.7, 15.4, 0, "TD", ("Chad",))).address
    'Chad'
    >>> place_to_location(Place("mapsvc:x", "X", "city", 13.4, 52.5, 0, "DE", ("Berlin", "Germany")),
    ...                   language="fr").address
    'X, Berlin, Allemagne'
    """
    parts = display_path(place)
    translated = _country_name(place.country, language)
    if translated and parts and parts[-1] in (place.admin[-1:] or (place.name,)) and (
            place.kind == "country" or len(parts) > 1):
        parts[-1] = translated
    return Location(", ".join(parts), Point(place.lat, place.lon), place_to_dict(place))


def _country_codes(country_codes) -> tuple:
    """geopy's ``country_codes`` (a code or a list of ISO 3166-1 alpha-2 codes) as upper-case codes."""
    if not country_codes:
        return ()
    codes = [country_codes] if isinstance(country_codes, str) else list(country_codes)
    out = []
    for code in codes:
        if not isinstance(code, str) or len(code.strip()) != 2 or not code.strip().isalpha():
            raise InvalidParameter(f"country_codes takes ISO 3166-1 alpha-2 codes, got {code!r:.20}")
        out.append(code.strip().upper())
    return tuple(out)


class OfflineGeocoder(Geocoder):
    """geopy ``Geocoder`` over the offline gazetteer.

    It honours geopy's contract (``geopy.geocoders.base.Geocoder``): ``geocode``
    takes ``exactly_one``, ``limit``, ``country_codes``, ``language`` and
    ``timeout`` (accepted; nothing here waits on a network) and qualified
    queries ("Paris, TX", "Athens, Georgia", "Kharkiv, Ukraine"); ``reverse``
    answers the nearest town within ``reverse_max_km``, else the country that
    holds the point, else None (at sea), and several places with
    ``exactly_one=False``.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        An open gazetteer; otherwise ``path`` is opened (and built when missing).
    path : str or Path, optional
        The gazetteer index; default the configured ``GAZETTEER_PATH``.
    reverse_max_km : float
        How far ``reverse`` looks for a town (default :data:`REVERSE_MAX_KM`).

    Examples
    --------
    >>> geo = OfflineGeocoder(path="/tmp/gazetteer.sqlite3")       # doctest: +SKIP
    >>> geo.geocode("Kyiv").point[:2]                               # doctest: +SKIP
    (50.45466, 30.5238)
    """

    def __init__(self, gazetteer: Optional[Gazetteer] = None, *, path=None, progress: bool = False,
                 user_agent: Optional[str] = None, reverse_max_km: float = REVERSE_MAX_KM, **_ignored: Any):
        super().__init__(user_agent=user_agent or USER_AGENT)
        if gazetteer is None:
            if path is None:
                from ..config import load_config
                path = load_config()["GAZETTEER_PATH"]
            gazetteer = Gazetteer.open(path, progress=progress)
        self.gazetteer = gazetteer
        self.reverse_max_km = float(reverse_max_km)

    def geocode(self, query, *, exactly_one: bool = True, timeout=None, limit: Optional[int] = None,
                country_codes=None, language: Optional[str] = None, country: Optional[str] = None,
                kind: Optional[str] = None, **_ignored: Any):
        """Places named ``query``: one ``Location`` (or ``None``), or a list when not ``exactly_one``."""
        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        if not isinstance(query, str):
            return None if exactly_one else []
        want = 1 if exactly_one else max(1, int(limit or 10))
        codes = _country_codes(country_codes)
        if country and not codes:  # mapsvc's own spelling: a country name or code
            found = self.gazetteer.country(country)
            if found is None:
                raise InvalidParameter(f"unknown country {country!r}")
            codes = (found.country,)
        name, _, rest = query.partition(",")
        if rest.strip():  # "Tripoli, Lebanon", "Athens, Georgia", "Paris, TX": qualified by admin path or country
            places = self._qualified(name, rest, codes=codes, kind=kind)
        else:
            places = self._named(query, codes=codes, kind=kind, want=want)
        locations = [place_to_location(p, language=language) for p in places[:want]]
        if exactly_one:
            return locations[0] if locations else None
        return locations

    def _named(self, name: str, *, codes: tuple, kind, want: int) -> list:
        if len(codes) == 1:
            return self.gazetteer.lookup(name, country=codes[0], kind=kind, limit=want)
        found = self.gazetteer.lookup(name, kind=kind, limit=max(want, 50) if codes else want)
        if codes:
            found = [p for p in found if p.country in codes]
        return found

    def _qualified(self, name: str, rest: str, *, codes: tuple, kind) -> list:
        """Candidates for ``name`` whose admin path, ISO 3166-2 code ("TX") or country matches the parts after the comma."""
        candidates = self._named(name, codes=codes, kind=kind, want=50)
        parts = [p.strip() for p in rest.split(",") if p.strip()]
        wanted = {normalise_name(part) for part in parts}
        in_countries = {c.country for c in map(self.gazetteer.country, parts) if c}

        def score(place) -> int:
            admin = {normalise_name(a) for a in place.admin}
            subdivision = place.admin1_code.rpartition("-")[2].lower() if place.admin1_code else ""
            return len(wanted & admin) + (subdivision in wanted) + (place.country in in_countries)

        best = sorted(candidates, key=score, reverse=True)  # stable: gazetteer ranking within a score
        return best if best and score(best[0]) else candidates

    def reverse(self, query, *, exactly_one: bool = True, timeout=None, language: Optional[str] = None,
                limit: Optional[int] = None, **_ignored: Any):
        """The place at a point given geopy-style as ``(lat, lon)``, ``"lat, lon"`` or ``Point``:
        the nearest towns within ``reverse_max_km``, else the country holding the point, else None."""
        try:
            point = Point(query)
        except (TypeError, ValueError) as exc:
            raise InvalidParameter(f"not a point: {query!r}") from exc
        want = 1 if exactly_one else max(1, int(limit or 10))
        places = self.gazetteer.nearest(point.longitude, point.latitude, limit=want, max_km=self.reverse_max_km)
        if not places:
            area = self.gazetteer.containing(point.longitude, point.latitude)
            places = [area] if area is not None else []
        locations = [place_to_location(p, language=language) for p in places]
        if exactly_one:
            return locations[0] if locations else None
        return locations


class CachedGeocoder:
    """An online geocoder behind geopy's ``RateLimiter`` and a bounded in-memory cache."""

    def __init__(self, geocoder: Geocoder, *, min_delay_seconds: float = 1.0, cache_size: int = 10_000,
                 max_retries: int = 2, name: str = "geocoder"):
        self.geocoder = geocoder
        self.name = name  # the configuration's name ("nominatim"): the prefix of the place ids it gives
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=max_retries, error_wait_seconds=min_delay_seconds)
        self._reverse = RateLimiter(geocoder.reverse, min_delay_seconds=min_delay_seconds,
                                    max_retries=max_retries, error_wait_seconds=min_delay_seconds)
        self._cache: OrderedDict = OrderedDict()
        self._size = cache_size
        self._lock = threading.Lock()

    def _cached(self, func, kind: str, query, kwargs: dict):
        key = (kind, repr(query), tuple(sorted((k, repr(v)) for k, v in kwargs.items())))
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        result = func(query, **kwargs)
        with self._lock:
            self._cache[key] = result
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return result

    def geocode(self, query, **kwargs):
        """geopy ``geocode``, rate-limited and cached."""
        return self._cached(self._geocode, "geocode", query, kwargs)

    def reverse(self, query, **kwargs):
        """geopy ``reverse``, rate-limited and cached."""
        return self._cached(self._reverse, "reverse", query, kwargs)


#: Configuration name -> geocoder class.
GEOCODERS: dict[str, type] = {"offline": OfflineGeocoder, "nominatim": Nominatim, "photon": Photon}
_WRAPPER_OPTIONS = ("min_delay_seconds", "cache_size", "max_retries")


def get_geocoder(name: Optional[str] = "offline", **options: Any):
    """The geocoder named in the configuration.

    ``offline`` (default) gives an :class:`OfflineGeocoder` (options: ``gazetteer``,
    ``path``).  ``nominatim`` and ``photon`` need ``domain`` (a self-hosted
    server, e.g. ``"localhost:8080"``) and take ``scheme``, ``timeout``,
    ``user_agent`` and ``min_delay_seconds`` / ``cache_size``; they come wrapped
    in a :class:`CachedGeocoder`.

    Raises
    ------
    ConfigError
        For an unknown name, a missing ``domain`` or options the class refuses.

    Examples
    --------
    >>> get_geocoder("nominatim", domain="localhost:8080", scheme="http").geocoder.domain
    'localhost:8080'
    >>> get_geocoder("google")
    Traceback (most recent call last):
    ...
    mapsvc.errors.ConfigError: unknown GEOCODER 'google'; choose one of: nominatim, offline, photon
    """
    key = (name or "offline").strip().lower()
    cls = GEOCODERS.get(key)
    if cls is None:
        raise ConfigError(f"unknown GEOCODER {name!r}; choose one of: {', '.join(sorted(GEOCODERS))}")
    if cls is OfflineGeocoder:
        return OfflineGeocoder(**options)
    options = dict(options)
    wrap = {k: options.pop(k) for k in _WRAPPER_OPTIONS if k in options}
    if not options.get("domain"):
        raise ConfigError(f"GEOCODER {key!r} needs GEOCODER_OPTIONS with the 'domain' of a self-hosted server")
    options.setdefault("user_agent", USER_AGENT)
    try:
        geocoder = cls(**options)
    except TypeError as exc:
        raise ConfigError(f"GEOCODER_OPTIONS for {key!r} not accepted: {exc}") from exc
    return CachedGeocoder(geocoder, name=key, **wrap)


def fallback_geocoder(cfg: dict):
    """The online geocoder that names the gazetteer lacks are sent to, or None with ``GEOCODER = "offline"``.

    >>> fallback_geocoder({"GEOCODER": "offline"}) is None
    True
    >>> fallback_geocoder({"GEOCODER": "nominatim", "GEOCODER_OPTIONS": {"domain": "localhost:8080"}}).name
    'nominatim'
    """
    name = (cfg.get("GEOCODER") or "offline").strip().lower()
    if name == "offline":
        return None
    return get_geocoder(name, **dict(cfg.get("GEOCODER_OPTIONS") or {}))


def geocoder_from_config(cfg: dict, *, gazetteer: Optional[Gazetteer] = None):
    """The geocoder a loaded configuration asks for (``GEOCODER``, ``GEOCODER_OPTIONS``)."""
    name = cfg.get("GEOCODER") or "offline"
    options = dict(cfg.get("GEOCODER_OPTIONS") or {})
    if name == "offline":
        options.setdefault("gazetteer", gazetteer)
        options.setdefault("path", cfg.get("GAZETTEER_PATH"))
    return get_geocoder(name, **options)
