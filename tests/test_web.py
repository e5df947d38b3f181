"""The pages as HTML: local assets only, configuration in the page, CSP, escaping."""
from __future__ import annotations

import json
import re

import pytest

from mapsvc.web import create_app
from mapsvc.web.headers import tile_origin
from mapsvc.web.pages import parse_controls
from test_api import app, web_instance, assert_error  # noqa: F401  pytest fixtures
from web_fixtures import HOSTILE
from conftest import BROWSER_ACCEPT

ASSET = re.compile(r'(?:src|href)="([^"]+)"')


def test_no_module_level_app():
    import mapsvc.web as web
    from flask import Flask
    assert not any(isinstance(v, Flask) for v in vars(web).values())


@pytest.mark.parametrize("path", ["/", "/embed"])
def test_pages_use_only_local_assets(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    # the page's random nonces and element ids may spell anything: leave them out of the word check
    words = re.sub(r'(nonce="[^"]*"|nonce-[A-Za-z0-9_-]+|map_[0-9a-f]+)', "", html).lower()
    assert "cdn" not in words and "bootstrap" not in words and "jquery" not in words
    for url in ASSET.findall(html):
        url = url.replace("http://localhost/", "/")  # links to this server's own pages
        assert not url.startswith(("http:", "https:", "//")), url
        if url.startswith("/"):
            assert client.get(url).status_code == 200, url


def test_leaflet_marker_images_are_served(client):
    for name in ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png", "layers.png"):
        response = client.get(f"/vendor/leaflet/images/{name}")
        assert response.status_code == 200 and response.mimetype == "image/png"


def test_vendor_unknown_is_404(client):
    assert_error(client.get("/vendor/bootstrap/bootstrap.js"), 404)
    assert client.get("/vendor/leaflet/../../../etc/passwd").status_code == 404


def test_world_outlines_served(client):
    doc = json.loads(client.get("/basemap/world.geojson").data)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) > 150
    names = {f["properties"]["name"] for f in doc["features"]}
    assert {"Ukraine", "Sudan", "Libya", "Turkey"} <= names


def _config(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="mapsvc-config">(.*?)</script>', html, re.S)
    assert match, "the page carries its configuration as a JSON block"
    assert re.search(r"mapsvcInit\(map_\w+, (null|tile_layer_\w+)\);", html)
    return json.loads(match.group(1))


def test_incidents_are_not_inlined(client):
    html = client.get("/").get_data(as_text=True)
    assert "Missile strike on a depot" not in html  # a title in the store
    assert _config(html)["itemsUrl"] == "/collections/incidents/items"


def test_page_state_from_the_url(client):
    html = client.get("/?category=strike,battle&datetime=2022-03-01/..&q=depot"
                      "&center=30.5,50.4&zoom=7").get_data(as_text=True)
    cfg = _config(html)
    assert cfg["filters"] == {"categories": ["strike", "battle"], "start": "2022-03-01",
                              "end": None, "q": "depot"}
    assert cfg["view"] == {"center": [30.5, 50.4], "zoom": 7}


def test_url_text_is_escaped_in_the_page(client):
    html = client.get("/", query_string={"q": HOSTILE["script"]}).get_data(as_text=True)
    assert HOSTILE["script"] not in html and "</script><" not in html.replace("</script>\n", "")
    assert _config(html)["filters"]["q"] == HOSTILE["script"]


@pytest.mark.parametrize("query", ["center=1", "center=a,b", "center=0,100", "zoom=25", "zoom=x",
                                   "controls=bogus", "f=pdf"])
def test_bad_page_parameters(client, query):
    path = "/embed" if query.startswith("controls") else "/"
    assert_error(client.get(f"{path}?{query}"), 400)


def test_embed_csp_from_configuration(client):
    embed = client.get("/embed").headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://news.example.org" in embed
    assert "connect-src 'self'" in embed
    page = client.get("/").headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in page and "news.example.org" not in page


def test_tiles_from_configuration(web_instance):
    app = create_app({"TILES": "https://tiles.example.org/{z}/{x}/{y}.png",
                      "TILES_ATTRIBUTION": "Example tiles"})
    response = app.test_client().get("/", headers={"Accept": BROWSER_ACCEPT})
    html = response.get_data(as_text=True)
    assert "https://tiles.example.org/{z}/{x}/{y}.png" in html and "Example tiles" in html
    assert "img-src 'self' data: https://tiles.example.org" in response.headers["Content-Security-Policy"]
    assert _config(html)["offline"] is False


def test_offline_tiles(client):
    html = client.get("/").get_data(as_text=True)
    assert "L.tileLayer" not in html and _config(html)["offline"] is True


def test_embed_controls():
    assert parse_controls(None, default=("zoom",)) == ("zoom",)
    assert parse_controls("none", default=("zoom",)) == ()
    assert parse_controls("list,zoom,list", default=()) == ("list", "zoom")
    assert "legend" in parse_controls("all", default=())


def test_tile_origin():
    assert tile_origin("offline") == ""
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"


def test_embed_page_has_no_side_panel(client):
    html = client.get("/embed?controls=legend").get_data(as_text=True)
    assert 'class="mapsvc-embed"' in html and "mapsvc-share" not in html
    assert 'name="category"' not in html  # a legend without filter boxes


# ---------------------------------------------------------------- an incident's own page

def test_incident_page_marks_the_quote_in_the_report_text(app):
    from mapsvc.store.store import Store
    from mapsvc.model import Incident, Report, Source
    from datetime import date

    text = "Intro line. <b>Shelling hit Kharkiv</b> at dawn, killing 8533 people. Outro."
    report = Report(text=text, published=date(2022, 3, 2), title="<script>alert(1)</script> report",
                    url="javascript:alert(2)")
    start = text.index("Shelling")
    day = date(2022, 4, 10)  # no sample incident on that day (it would merge)
    inc = Incident(id="inc-page-1", category="strike", title="Shelling <i>hit</i> Kharkiv", lon=36.23, lat=49.99,
                   date=day, date_start=day, date_end=day, place_name="Kharkiv", counts={"killed": 8533}, quote=text[start:start + 40],
                   sources=(Source(report=report.id, title=report.title, url=report.url, span=(start, start + 40)),))
    with Store(app.config["DATABASE_URL"]) as store:
        store.ingest(report, [inc])
    client = app.test_client()
    page = client.get("/incidents/inc-page-1", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "<mark>Shelling hit Kharkiv&lt;/b&gt; at dawn, killin</mark>" in html  # the 40 quoted characters
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html, [
        line for line in html.splitlines() if "alert(1)" in line]
    assert 'href="javascript:' not in html  # a source URL that is not http(s) is no link
    assert "8,533" in html and "inc-page-1" in html
    assert "nonce-" in page.headers["Content-Security-Policy"]
    doc = client.get("/incidents/inc-page-1", headers={"Accept": "application/json"})
    assert doc.mimetype == "application/geo+json" and doc.get_json()["id"] == "inc-page-1"
    assert_error(client.get("/incidents/inc-nope"), 404)


def test_marked_pieces_cut_long_text_around_the_quote():
    from mapsvc.web.incident import TEXT_CONTEXT, marked_pieces

    text = "a" * 10_000 + "QUOTE" + "b" * 10_000
    pieces = marked_pieces(text, [(10_000, 10_005)])
    assert ("QUOTE", True) in pieces and pieces[0] == ("...", False) and pieces[-1] == ("...", False)
    assert sum(len(p) for p, _ in pieces) < 2 * TEXT_CONTEXT + 20


def test_basemap_labels_endpoint(client):
    doc = client.get("/basemap/labels.json?bbox=29,46,39,53&zoom=6")
    assert doc.status_code == 200 and isinstance(doc.get_json()["labels"], list)
    assert_error(client.get("/basemap/labels.json?bbox=1,2,3"), 400)
    assert_error(client.get("/basemap/labels.json?zoom=99"), 400)
    assert_error(client.get("/basemap/labels.json?colour=red"), 400)


def test_place_search_endpoint(client, app):
    doc = client.get("/basemap/places.json?q=Kharkiv")
    assert doc.status_code == 200 and doc.get_json() == {"places": []}  # no gazetteer index in this instance
    assert_error(client.get("/basemap/places.json?q=a%00b"), 400)
    assert_error(client.get("/basemap/places.json?where=x"), 400)


def test_place_search_answers_from_the_gazetteer(web_instance, gazetteer_path):
    import shutil
    shutil.copy(gazetteer_path, web_instance / "gazetteer.sqlite3")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(web_instance)})
    places = app.test_client().get("/basemap/places.json?q=Kharkiv").get_json()["places"]
    assert places and places[0]["label"].startswith("Kharkiv") and abs(places[0]["lat"] - 50.0) < 0.2
