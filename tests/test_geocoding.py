"""geopy geocoders: the offline one over the gazetteer, and a self-hosted Nominatim over real HTTP."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from geopy.geocoders import Nominatim, Photon
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from mapsvc.config import load_config
from mapsvc.errors import ConfigError, InvalidParameter
from mapsvc.gazetteer.geocoders import (GEOCODERS, CachedGeocoder, OfflineGeocoder, geocoder_from_config,
                              get_geocoder)


@pytest.fixture(scope="module")
def offline(gazetteer):
    return OfflineGeocoder(gazetteer)


def test_offline_is_a_geopy_geocoder(offline):
    assert isinstance(offline, Geocoder)
    assert GEOCODERS["offline"] is OfflineGeocoder


def test_geocode_returns_location(offline):
    loc = offline.geocode("Kyiv")
    assert isinstance(loc, Location)
    assert abs(loc.latitude - 50.45) < 0.1 and abs(loc.longitude - 30.52) < 0.1
    assert loc.address.endswith("Ukraine") and loc.raw["id"].startswith("geonames:")


def test_geocode_many_and_none(offline):
    many = offline.geocode("Tripoli", exactly_one=False, limit=5)
    assert 2 <= len(many) <= 5 and {loc.raw["country"] for loc in many} >= {"LY", "LB"}
    assert offline.geocode("Qwxzzyq Nowhere") is None
    assert offline.geocode("Qwxzzyq Nowhere", exactly_one=False) == []
    assert offline.geocode("") is None and offline.geocode(None) is None


def test_geocode_with_country_after_comma(offline):
    assert offline.geocode("Tripoli, Lebanon").raw["country"] == "LB"
    assert offline.geocode("Athens, Georgia").raw["admin"] == ["Georgia", "United States"]
    assert offline.geocode("Athens, Greece").raw["country"] == "GR"
    assert offline.geocode("Tripoli", country="LB").raw["country"] == "LB"


@pytest.mark.parametrize("point", [(50.0892, 36.2494), "50.0892, 36.2494", Point(50.0892, 36.2494)])
def test_reverse_takes_geopy_points(offline, point):
    loc = offline.reverse(point)
    assert isinstance(loc, Location) and abs(loc.latitude - 50.09) < 0.05


def test_reverse_rejects_non_points(offline):
    with pytest.raises(InvalidParameter):
        offline.reverse("not a point")


# Cases written the way geopy's own geocoder tests are (``geocode_run``/``reverse_run``):
# the call's parameters and where the answer must lie, or None.
GEOCODE_CASES = [
    ({"query": "Paris"}, (48.86, 2.35)),
    ({"query": "Paris", "country_codes": "us"}, (33.66, -95.56)),
    ({"query": "Paris", "country_codes": ["ca"]}, (43.2, -80.38)),
    ({"query": "Paris, TX"}, (33.66, -95.56)),
    ({"query": "Paris, Tennessee"}, (36.30, -88.33)),
    ({"query": "Athens, Georgia"}, (33.96, -83.38)),
    ({"query": "Kharkiv, Ukraine"}, (49.99, 36.23)),
    ({"query": "Hodeidah"}, (14.80, 42.95)),
    ({"query": "Zamzam camp"}, (13.49, 25.29)),
    ({"query": "Boryspil airport"}, (50.34, 30.89)),
    ({"query": "Bankass cercle"}, (14.08, -3.52)),
    ({"query": "Kyiv", "country_codes": "fr"}, None),
]


@pytest.mark.parametrize("call, expected", GEOCODE_CASES, ids=[str(c[0]) for c in GEOCODE_CASES])
def test_geocode_run(offline, call, expected):
    found = offline.geocode(**call)
    if expected is None:
        assert found is None
    else:
        assert found is not None and abs(found.latitude - expected[0]) < 0.3 and abs(found.longitude - expected[1]) < 0.3


REVERSE_CASES = [
    ((50.0892, 36.2494), "Kharkiv"),  # in a city: its nearest named place
    ((0.0, 0.0), None),  # Gulf of Guinea: Nominatim answers nothing at sea
    ((-60.0, -140.0), None),  # Southern Ocean
    ((17.0, 19.5), "Chad"),  # in the desert, far from towns: the country that holds the point
]


@pytest.mark.parametrize("point, expected", REVERSE_CASES, ids=[str(c[0]) for c in REVERSE_CASES])
def test_reverse_run(offline, point, expected):
    found = offline.reverse(point)
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in found.address


def test_reverse_several_nearest_first(offline):
    many = offline.reverse((50.45, 30.52), exactly_one=False, limit=5)
    assert len(many) == 5
    distances = [abs(loc.latitude - 50.45) + abs(loc.longitude - 30.52) for loc in many]
    assert all(d < 0.2 for d in distances)
    assert offline.reverse((0.0, 0.0), exactly_one=False) == []


def test_geocode_language_names_the_country(offline):
    assert offline.geocode("Berlin", language="fr").address.endswith("Allemagne")
    assert offline.geocode("Berlin", language="de-DE").address.endswith("Deutschland")
    assert offline.geocode("Berlin", language="xx").address.endswith("Germany")  # no translation: as stored


def test_geocode_refuses_bad_country_codes(offline):
    with pytest.raises(InvalidParameter):
        offline.geocode("Paris", country_codes="USA")


def test_display_names_never_repeat(offline):
    assert offline.geocode("Chad").address == "Chad"
    assert offline.geocode("Georgia").address == "Georgia"


def test_unknown_geocoder_is_a_config_error():
    with pytest.raises(ConfigError, match="choose one of"):
        get_geocoder("google")


@pytest.mark.parametrize("name", ["nominatim", "photon"])
def test_online_geocoders_need_a_self_hosted_domain(name):
    with pytest.raises(ConfigError, match="domain"):
        get_geocoder(name)
    with pytest.raises(ConfigError, match="not accepted"):
        get_geocoder(name, domain="localhost:1", colour="red")
    wrapped = get_geocoder(name, domain="localhost:1", scheme="http")
    assert isinstance(wrapped, CachedGeocoder)
    assert isinstance(wrapped.geocoder, {"nominatim": Nominatim, "photon": Photon}[name])


def test_geocoder_from_config_offline(gazetteer, tmp_path):
    cfg = load_config(tmp_path, {"GEOCODER": "offline"})
    geo = geocoder_from_config(cfg, gazetteer=gazetteer)
    assert isinstance(geo, OfflineGeocoder) and geo.geocode("Mariupol").raw["country"] == "UA"


class _Nominatim(BaseHTTPRequestHandler):
    """A small server answering /search in Nominatim's JSON format, counting requests."""

    hits = 0

    def do_GET(self):  # noqa: N802 - http.server API
        type(self).hits += 1
        _reply_json(self, [{"lat": "50.45", "lon": "30.52", "display_name": "Kyiv, Ukraine", "place_id": 1}])

    def log_message(self, *args):
        pass


def _reply_json(handler, doc) -> None:
    body = json.dumps(doc).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _serving(handler):
    """A stand-in server on a free local port: yields its ``host:port``, then stops it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def nominatim_server():
    _Nominatim.hits = 0
    yield from _serving(_Nominatim)


def test_self_hosted_nominatim_is_rate_limited_and_cached(nominatim_server):
    cfg = {"GEOCODER": "nominatim",
           "GEOCODER_OPTIONS": {"domain": nominatim_server, "scheme": "http", "min_delay_seconds": 0.05}}
    geo = geocoder_from_config(cfg)
    first = geo.geocode("Kyiv")
    assert isinstance(first, Location) and first.address == "Kyiv, Ukraine"
    assert geo.geocode("Kyiv") is first  # the cache answered
    geo.geocode("Kyiv Oblast")
    assert _Nominatim.hits == 2


class _Places(BaseHTTPRequestHandler):
    """A self-hosted Nominatim stand-in that knows one village the gazetteer lacks and logs every query."""

    queries: list = []

    def do_GET(self):  # noqa: N802 - http.server API
        from urllib.parse import parse_qs, urlparse

        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).queries.append(query)
        known = query.get("q", "").lower() == "qorvathpur"
        if url.path.startswith("/api"):  # Photon: GeoJSON features
            answer = {"type": "FeatureCollection", "features": [{
                "type": "Feature", "geometry": {"type": "Point", "coordinates": [89.55, 22.60]},
                "properties": {"name": "Qorvathpur", "country": "Bangladesh", "countrycode": "BD",
                               "osm_id": 4242, "type": "village"}}] if known else []}
        else:  # Nominatim
            answer = [{"lat": "22.60", "lon": "89.55", "display_name": "Qorvathpur, Khulna Division, Bangladesh",
                       "place_id": 7, "osm_id": 4242, "addresstype": "village"}] if known else []
        _reply_json(self, answer)

    def log_message(self, *args):
        pass


@pytest.fixture()
def places_server():
    _Places.queries = []
    yield from _serving(_Places)


_UNKNOWN_VILLAGE_REPORT = ("Published: 2024-05-28\n\nCyclone Remal hit Bangladesh on Monday. "
                           "Floodwater swept away a house in Qorvathpur, killing three people.\n")


def _extract_with(cfg, gazetteer, tmp_path):
    from mapsvc.runtime import extractor_from_config
    from mapsvc.text.reports import read_report_file

    path = tmp_path / "report.txt"
    path.write_text(_UNKNOWN_VILLAGE_REPORT, encoding="utf-8")
    return extractor_from_config(gazetteer, cfg)(read_report_file(str(path)))


@pytest.mark.parametrize("server", ["nominatim", "photon"])
def test_configured_geocoder_places_a_village_the_gazetteer_lacks(places_server, gazetteer, tmp_path, server):
    cfg = load_config(tmp_path, {"GEOCODER": server, "GEOCODER_OPTIONS": {
        "domain": places_server, "scheme": "http", "min_delay_seconds": 0.05}})
    incidents = _extract_with(cfg, gazetteer, tmp_path)
    placed = [i for i in incidents if i.gazetteer_id == f"{server}:4242"]
    assert placed, [(i.place_name, i.gazetteer_id) for i in incidents]
    assert abs(placed[0].lat - 22.60) < 0.01 and abs(placed[0].lon - 89.55) < 0.01
    asked = [q for q in _Places.queries if q.get("q") == "Qorvathpur"]
    assert len(asked) == 1
    if server == "nominatim":  # restricted to the document's country and its neighbours
        assert {"bd", "in"} <= set(asked[0]["countrycodes"].split(","))


def test_geocoder_answers_are_cached_and_rate_limited(places_server):
    import time

    geo = geocoder_from_config({"GEOCODER": "nominatim", "GEOCODER_OPTIONS": {
        "domain": places_server, "scheme": "http", "min_delay_seconds": 0.3}})
    started = time.perf_counter()
    geo.geocode("Qorvathpur")
    geo.geocode("Qorvathpur")  # cached: no second request
    geo.geocode("Somewhere Else")
    assert len(_Places.queries) == 2
    assert time.perf_counter() - started >= 0.3  # the second request waited its turn


def test_offline_geocoder_sends_nothing(places_server, gazetteer, tmp_path):
    cfg = load_config(tmp_path, {"GEOCODER": "offline", "GEOCODER_OPTIONS": {
        "domain": places_server, "scheme": "http"}})
    incidents = _extract_with(cfg, gazetteer, tmp_path)
    assert incidents and not any(i.gazetteer_id.startswith("nominatim:") for i in incidents)
    assert _Places.queries == []


def test_a_failing_geocoder_loses_nothing(gazetteer, tmp_path):
    cfg = load_config(tmp_path, {"GEOCODER": "nominatim", "GEOCODER_OPTIONS": {
        "domain": "127.0.0.1:9", "scheme": "http", "min_delay_seconds": 0.0, "max_retries": 0, "timeout": 1}})
    incidents = _extract_with(cfg, gazetteer, tmp_path)
    assert incidents  # placed at the country, as without a geocoder
