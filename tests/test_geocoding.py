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
        body = json.dumps([{"lat": "50.45", "lon": "30.52", "display_name": "Kyiv, Ukraine",
                            "place_id": 1}]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def nominatim_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Nominatim.hits = 0
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_self_hosted_nominatim_is_rate_limited_and_cached(nominatim_server):
    cfg = {"GEOCODER": "nominatim",
           "GEOCODER_OPTIONS": {"domain": nominatim_server, "scheme": "http", "min_delay_seconds": 0.05}}
    geo = geocoder_from_config(cfg)
    first = geo.geocode("Kyiv")
    assert isinstance(first, Location) and first.address == "Kyiv, Ukraine"
    assert geo.geocode("Kyiv") is first  # the cache answered
    geo.geocode("Kyiv Oblast")
    assert _Nominatim.hits == 2
