"""geopy-compatible geocoders: the offline gazetteer, or a self-hosted Nominatim / Photon.

``get_geocoder(name, **options)`` is the one entry point; ``GEOCODERS`` maps
configuration names to classes (as geopy does).  The offline geocoder answers
from :class:`mapsvc.gazetteer.index.Gazetteer` and never touches the network; the
online ones must be pointed at a server named in ``GEOCODER_OPTIONS`` (``domain``,
``scheme``) and are wrapped in geopy's ``RateLimiter`` and an in-memory cache.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Optional

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim, Photon
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from ..errors import ConfigError, InvalidParameter
from .index import Gazetteer, place_to_dict
from ..model import Place
from ..text.names import normalise_name

__all__ = ["OfflineGeocoder", "CachedGeocoder", "GEOCODERS", "get_geocoder", "geocoder_from_config",
           "place_to_location"]

USER_AGENT = "mapsvc"


def place_to_location(place: Place) -> Location:
    """A gazetteer place as a geopy ``Location`` (``point`` is ``(lat, lon)``, as geopy wants).

    >>> loc = place_to_location(Place("mapsvc:x", "X", "city", 30.5, 50.4, 0, "UA", ("Kyiv", "Ukraine")))
    >>> loc.address, loc.latitude, loc.raw["id"]
    ('X, Kyiv, Ukraine', 50.4, 'mapsvc:x')
    """
    parts = [place.name]
    for part in place.admin:
        if part and part not in parts:
            parts.append(part)
    return Location(", ".join(parts), Point(place.lat, place.lon), place_to_dict(place))


class OfflineGeocoder(Geocoder):
    """geopy ``Geocoder`` over the offline gazetteer.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        An open gazetteer; otherwise ``path`` is opened (and built when missing).
    path : str or Path, optional
        The gazetteer index; default the configured ``GAZETTEER_PATH``.

    Examples
    --------
    >>> geo = OfflineGeocoder(path="/tmp/gazetteer.sqlite3")       # doctest: +SKIP
    >>> geo.geocode("Kyiv").point[:2]                               # doctest: +SKIP
    (50.45466, 30.5238)
    """

    def __init__(self, gazetteer: Optional[Gazetteer] = None, *, path=None, progress: bool = False,
                 user_agent: Optional[str] = None, **_ignored: Any):
        super().__init__(user_agent=user_agent or USER_AGENT)
        if gazetteer is None:
            if path is None:
                from ..config import load_config
                path = load_config()["GAZETTEER_PATH"]
            gazetteer = Gazetteer.open(path, progress=progress)
        self.gazetteer = gazetteer

    def geocode(self, query, *, exactly_one: bool = True, timeout=None, limit: Optional[int] = None,
                country: Optional[str] = None, kind: Optional[str] = None, **_ignored: Any):
        """Places named ``query``: one ``Location`` (or ``None``), or a list when not ``exactly_one``."""
        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        if not isinstance(query, str):
            return None if exactly_one else []
        want = 1 if exactly_one else (limit or 10)
        name, _, rest = query.partition(",")
        if rest.strip():  # "Tripoli, Lebanon", "Athens, Georgia": qualify by admin path or country
            places = self._qualified(name, rest, country=country, kind=kind)[:want]
        else:
            places = self.gazetteer.lookup(query, country=country, kind=kind, limit=want)
        locations = [place_to_location(p) for p in places]
        if exactly_one:
            return locations[0] if locations else None
        return locations

    def _qualified(self, name: str, rest: str, *, country, kind) -> list:
        """Candidates for ``name`` whose admin path or country matches the parts after the comma."""
        candidates = self.gazetteer.lookup(name, country=country, kind=kind, limit=50)
        wanted = {normalise_name(part) for part in rest.split(",") if part.strip()}
        codes = {c.country for c in map(self.gazetteer.country, [p.strip() for p in rest.split(",")]) if c}

        def score(place) -> int:
            admin = {normalise_name(a) for a in place.admin}
            return len(wanted & admin) + (place.country in codes)

        best = sorted(candidates, key=score, reverse=True)  # stable: gazetteer ranking within a score
        return best if best and score(best[0]) else candidates

    def reverse(self, query, *, exactly_one: bool = True, timeout=None, **_ignored: Any):
        """The nearest populated place to a point given geopy-style as ``(lat, lon)``, ``"lat, lon"`` or ``Point``."""
        try:
            point = Point(query)
        except (TypeError, ValueError) as exc:
            raise InvalidParameter(f"not a point: {query!r}") from exc
        place = self.gazetteer.reverse(point.longitude, point.latitude)
        location = place_to_location(place) if place else None
        if exactly_one:
            return location
        return [location] if location else []


class CachedGeocoder:
    """An online geocoder behind geopy's ``RateLimiter`` and a bounded in-memory cache."""

    def __init__(self, geocoder: Geocoder, *, min_delay_seconds: float = 1.0, cache_size: int = 10_000,
                 max_retries: int = 2):
        self.geocoder = geocoder
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
    return CachedGeocoder(geocoder, **wrap)


def geocoder_from_config(cfg: dict, *, gazetteer: Optional[Gazetteer] = None):
    """The geocoder a loaded configuration asks for (``GEOCODER``, ``GEOCODER_OPTIONS``)."""
    name = cfg.get("GEOCODER") or "offline"
    options = dict(cfg.get("GEOCODER_OPTIONS") or {})
    if name == "offline":
        options.setdefault("gazetteer", gazetteer)
        options.setdefault("path", cfg.get("GAZETTEER_PATH"))
    return get_geocoder(name, **options)
