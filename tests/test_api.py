"""OGC API - Features, downloads, errors and headers through Flask's test client."""
from __future__ import annotations

import csv
from datetime import date
import io
import json
import xml.etree.ElementTree as ET

import pytest

from mapsvc.model import CATEGORIES, Incident, Report, Source
from mapsvc.store.store import Store
from mapsvc.web import create_app
from web_fixtures import sample_incidents, sample_report

TOKEN = "api-test-token"


@pytest.fixture
def web_instance(tmp_path, monkeypatch):
    """An instance folder in tmp without a gazetteer (reads never need one)."""
    folder = tmp_path / "instance"
    folder.mkdir()
    monkeypatch.setenv("MAPSVC_INSTANCE_PATH", str(folder))
    return folder


@pytest.fixture
def app(web_instance):
    app = create_app({"TESTING": True, "API_TOKENS": [TOKEN], "DEMO_DATA": False,
                      "TILES": "offline", "DEFAULT_ITEMS": 5, "MAX_ITEMS": 50,
                      "EMBED_ORIGINS": ["'self'", "https://news.example.org"]})
    with Store.from_config(dict(app.config)) as store:
        report = sample_report()
        store.ingest(report, sample_incidents(report))
    return app


def assert_error(response, status):
    assert response.status_code == status, response.data
    doc = response.get_json()
    assert set(doc) == {"code", "description", "status"}
    assert doc["status"] == status
    assert doc["code"] and doc["description"]
    assert "Traceback" not in response.get_data(as_text=True)
    return doc


def items(client, query=""):
    response = client.get("/collections/incidents/items" + query)
    assert response.status_code == 200, response.data
    assert response.mimetype == "application/geo+json"
    return response.get_json()


# ---------------------------------------------------------------- OGC documents

def test_landing_page_json_links(client):
    doc = client.get("/?f=json").get_json()
    rels = {link["rel"] for link in doc["links"]}
    assert {"self", "conformance", "data", "alternate"} <= rels


def test_conformance_lists_core_and_geojson(client):
    classes = client.get("/conformance").get_json()["conformsTo"]
    assert any(c.endswith("/conf/core") for c in classes)
    assert any(c.endswith("/conf/geojson") for c in classes)


def test_collections_and_collection(client):
    doc = client.get("/collections").get_json()
    assert [c["id"] for c in doc["collections"]] == ["incidents"]
    one = client.get("/collections/incidents").get_json()
    assert any(l["rel"] == "items" for l in one["links"])


def test_unknown_collection_is_404(client):
    assert_error(client.get("/collections/nope/items"), 404)
    assert_error(client.get("/collections/nope"), 404)


# ---------------------------------------------------------------- items and filters

def test_items_counts_and_paging_links(client):
    doc = items(client, "?limit=5")
    assert doc["numberMatched"] == 12 and doc["numberReturned"] == 5
    rels = {l["rel"]: l["href"] for l in doc["links"]}
    assert "next" in rels and "prev" not in rels
    seen = [f["id"] for f in doc["features"]]
    href = rels["next"]
    while href:
        page = client.get(href.replace("http://localhost", "")).get_json()
        seen += [f["id"] for f in page["features"]]
        links = {l["rel"]: l["href"] for l in page["links"]}
        assert "prev" in links
        href = links.get("next")
    assert len(seen) == len(set(seen)) == 12


def test_items_default_limit_from_config(client):
    assert items(client)["numberReturned"] == 5


def test_offset_past_the_end_is_empty(client):
    doc = items(client, "?offset=100")
    assert doc["numberReturned"] == 0 and doc["numberMatched"] == 12
    assert "next" not in {l["rel"] for l in doc["links"]}


def test_bbox_filter(client):
    doc = items(client, "?bbox=29,46,39,53&limit=50")  # Ukraine
    places = {f["properties"]["place"]["name"] for f in doc["features"]}
    assert {"Kyiv", "Kharkiv", "Mariupol", "Sumy"} <= places
    assert not places & {"Derna", "Khartoum", "Gaziantep", "Minsk"}
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 29 <= lon <= 39 and 46 <= lat <= 53


@pytest.mark.parametrize("value,expected", [
    ("2022-03-01", {"Missile strike on a depot"}),
    ("2023-01-01/..", {"Flood closes a bridge", "Earthquake damages apartment blocks",
                       "Civilians wounded at a checkpoint", "Curfew declared in the region"}),
    ("../2022-02-28", {"Troops redeployed to the north"}),
    ("2022-03-04T10:00:00Z", {"Fighting near the ring road"}),
])
def test_datetime_filter(client, value, expected):
    doc = items(client, "?limit=50&datetime=" + value)
    assert {f["properties"]["title"] for f in doc["features"]} == expected


def test_category_filter(client):
    doc = items(client, "?limit=50&category=disaster,strike")
    cats = [f["properties"]["category"] for f in doc["features"]]
    assert set(cats) == {"disaster", "strike"} and len(cats) == 5


def test_q_filter(client):
    doc = items(client, "?limit=50&q=mariupol")
    assert {f["properties"]["place"]["name"] for f in doc["features"]} == {"Mariupol"}


def test_limit_above_maximum(client):
    response = client.get("/collections/incidents/items?limit=51")
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.get_json()["numberReturned"] <= 50
    else:
        assert_error(response, 400)


@pytest.mark.parametrize("param,value", [
    ("bbox", "1,2,3"), ("bbox", "a,b,c,d"), ("bbox", "0,10,1,5"), ("bbox", "0,0,1,nan"),
    ("bbox", "0,-91,1,1"), ("bbox", "181,0,182,1"), ("bbox", "1,2,3,4,5"), ("bbox", ",,,"),
    ("datetime", "yesterday"), ("datetime", "2022-13-01"), ("datetime", "2022-03-10/2022-03-01"),
    ("datetime", "a/b/c"), ("datetime", "../.."), ("datetime", ".."),
    ("limit", "-1"), ("limit", "abc"), ("limit", "1.5"), ("limit", "1e3"),
    ("offset", "-1"), ("offset", "x"),
    ("category", "bogus"), ("category", "strike,bogus"), ("category", "<script>"),
    ("q", "x" * 201),
    ("f", "xml"),
])
def test_bad_parameters_are_400_with_the_error_shape(client, param, value):
    response = client.get("/collections/incidents/items", query_string={param: value})
    doc = assert_error(response, 400)
    assert doc["code"] == "InvalidParameterValue"
    assert param in doc["description"]


@pytest.mark.parametrize("path", ["/incidents.geojson", "/incidents.csv", "/incidents.kml", "/embed", "/"])
@pytest.mark.parametrize("query", ["bbox=1,2,3", "datetime=never", "category=bogus"])
def test_bad_parameters_everywhere(client, path, query):
    assert_error(client.get(f"{path}?{query}"), 400)


def test_every_category_is_accepted(client):
    for name in CATEGORIES:
        items(client, "?category=" + name)


# ---------------------------------------------------------------- single items

def test_single_item(client):
    first = items(client, "?limit=1")["features"][0]
    response = client.get(f"/collections/incidents/items/{first['id']}")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    doc = response.get_json()
    assert doc["type"] == "Feature" and doc["id"] == first["id"]
    assert any(l["rel"] == "collection" for l in doc["links"])


def test_unknown_item_is_404(client):
    assert_error(client.get("/collections/incidents/items/inc-nope"), 404)


# ---------------------------------------------------------------- errors and headers

def test_unknown_route_and_wrong_method(client):
    assert_error(client.get("/no/such/page"), 404)
    doc = assert_error(client.delete("/collections/incidents/items"), 405)
    assert doc["code"] == "MethodNotAllowed"
    assert_error(client.post("/conformance"), 405)


def test_store_failure_is_503_not_a_trace(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "inst"),
                      "DATABASE_URL": f"sqlite:///{blocker}/sub/db.sqlite3"})
    client = app.test_client()
    assert_error(client.get("/-/health"), 503)
    assert_error(client.get("/collections/incidents/items"), 503)


def test_cors_etag_cache_and_304(client):
    response = client.get("/collections/incidents/items?limit=3")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = client.get("/collections/incidents/items?limit=3", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other = client.get("/collections/incidents/items?limit=4", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag


def test_etag_changes_when_data_changes(app, client):
    etag = client.get("/collections/incidents/items?limit=50").headers["ETag"]
    feature = items(client, "?limit=1")["features"][0]
    response = client.patch(f"/collections/incidents/items/{feature['id']}",
                            json={"category": "other" if feature["properties"]["category"] != "other"
                                  else "strike"},
                            headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    fresh = client.get("/collections/incidents/items?limit=50", headers={"If-None-Match": etag})
    assert fresh.status_code == 200


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_collection_etag_follows_the_store(app, client, encoding):
    # the map page polls this with If-None-Match to learn of new incidents
    headers = {"Accept-Encoding": encoding}
    etag = client.get("/collections/incidents", headers=headers).headers["ETag"]
    assert etag.startswith('W/"')
    assert client.get("/collections/incidents", headers={**headers, "If-None-Match": etag}).status_code == 304
    assert client.head("/collections/incidents", headers={**headers, "If-None-Match": etag}).status_code == 304
    report = Report(text="One more invented report.", published=date(2022, 3, 20))
    day = date(2022, 3, 19)  # inside the stored extent: the document's body does not change, its ETag does
    with Store.from_config(dict(app.config)) as store:
        store.ingest(report, [Incident(id="inc-more", category="strike", title="More", lon=30.5, lat=50.4,
                                       date=day, date_start=day, date_end=day,
                                       sources=(Source(report=report.id, span=(0, 4)),))])
    fresh = client.get("/collections/incidents", headers={**headers, "If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.headers["ETag"] != etag


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_a_repeated_download_is_never_stale(app, client, fmt):
    # downloads are kept per process by the store's change token: a change is in the next one
    first = client.get(f"/incidents.{fmt}?category=strike")
    assert client.get(f"/incidents.{fmt}?category=strike").data == first.data
    report = Report(text="Another invented report.", published=date(2022, 3, 20))
    day = date(2022, 3, 19)
    with Store.from_config(dict(app.config)) as store:
        store.ingest(report, [Incident(id="inc-late", category="strike", title="Late strike", lon=30.5,
                                       lat=50.4, date=day, date_start=day, date_end=day,
                                       sources=(Source(report=report.id, span=(0, 4)),))])
    again = client.get(f"/incidents.{fmt}?category=strike")
    assert b"inc-late" in again.data and b"inc-late" not in first.data
    assert int(again.headers["X-Number-Matched"]) == int(first.headers["X-Number-Matched"]) + 1


def test_geojson_download_holds_the_features_export_writes(app, client):
    from mapsvc.geojson import to_collection
    got = json.loads(client.get("/incidents.geojson?category=strike").data)
    with Store.from_config(dict(app.config)) as store:
        want = to_collection(store.query(categories=["strike"], limit=None).incidents, number_matched=3)
    assert got["features"] == json.loads(json.dumps(want["features"], default=str))
    assert (got["numberMatched"], got["numberReturned"]) == (3, 3)


def test_preflight_allows_authorization(client):
    response = client.options("/reports", headers={"Origin": "https://x.example",
                                                   "Access-Control-Request-Method": "POST"})
    assert response.status_code == 200
    assert "Authorization" in response.headers["Access-Control-Allow-Headers"]


def test_health_and_version(client):
    health = client.get("/-/health").get_json()
    assert health == {"status": "ok", "incidents": 12, "writable": True}
    version = client.get("/-/version").get_json()
    assert version["mapsvc"] and version["folium"]


# ---------------------------------------------------------------- downloads

def test_download_geojson(client):
    response = client.get("/incidents.geojson?category=strike")
    assert response.headers["Content-Disposition"] == 'attachment; filename="incidents.geojson"'
    doc = json.loads(response.data)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 3
    assert {f["properties"]["category"] for f in doc["features"]} == {"strike"}


def test_download_csv(client):
    response = client.get("/incidents.csv?bbox=29,46,39,53")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 7
    assert all(29 <= float(r["lon"]) <= 39 for r in rows)


def test_download_kml(client):
    response = client.get("/incidents.kml?datetime=2023-01-01/..")
    assert 'filename="incidents.kml"' in response.headers["Content-Disposition"]
    root = ET.fromstring(response.data)
    placemarks = [el for el in root.iter() if el.tag.endswith("Placemark")]
    assert len(placemarks) == 4


def test_download_unknown_format_is_404(client):
    assert_error(client.get("/incidents.xlsx"), 404)


def test_api_over_both_databases(web_instance, database_url):
    """The same reads over SQLite and, where configured, PostgreSQL."""
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "TILES": "offline",
                      "MAX_ITEMS": 50})
    with Store.from_config(dict(app.config)) as store:
        report = sample_report()
        store.ingest(report, sample_incidents(report))
    client = app.test_client()
    doc = items(client, "?bbox=29,46,39,53&category=strike&limit=2")
    assert doc["numberMatched"] == 3 and doc["numberReturned"] == 2
    nxt = [l["href"] for l in doc["links"] if l["rel"] == "next"][0]
    assert len(client.get(nxt.replace("http://localhost", "")).get_json()["features"]) == 1
    assert items(client, "?q=mariupol&datetime=2022-03-12")["numberMatched"] == 1
    assert len(json.loads(client.get("/incidents.geojson?category=disaster").data)["features"]) == 2


# ---------------------------------------------------------------- negotiation, strictness, compression

@pytest.mark.parametrize("accept, kind", [
    (None, "application/json"), ("*/*", "application/json"), ("application/json", "application/json"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html"), ("application/json;q=0.5,text/html", "text/html"),
])
def test_landing_page_by_accept(app, accept, kind):
    response = app.test_client().get("/", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == kind
    assert "Accept" in response.headers["Vary"]


def test_f_decides_over_accept(app):
    client = app.test_client()
    assert client.get("/?f=json", headers={"Accept": "text/html"}).mimetype == "application/json"
    assert client.get("/?f=html", headers={"Accept": "application/json"}).mimetype == "text/html"
    assert_error(client.get("/conformance?f=html"), 400)  # no HTML form of this resource


def test_landing_page_links_the_openapi_document(client):
    links = {link["rel"]: link for link in client.get("/?f=json").get_json()["links"]}
    assert links["service-desc"]["type"].startswith("application/vnd.oai.openapi+json")
    assert links["service-doc"]["type"] == "text/html"
    api = client.get("/api?f=json")
    assert api.status_code == 200 and api.get_json()["openapi"].startswith("3.0")
    page = client.get("/api?f=html")
    assert page.mimetype == "text/html" and b"/collections/{collectionId}/items" in page.data


def test_queryables(client):
    response = client.get("/collections/incidents/queryables")
    assert response.mimetype == "application/schema+json"
    doc = response.get_json()
    assert doc["type"] == "object" and set(doc["properties"]["category"]["enum"]) == set(CATEGORIES)
    assert any(l["rel"].endswith("/queryables") for l in client.get("/collections/incidents").get_json()["links"])
    assert_error(client.get("/collections/nope/queryables"), 404)


def test_extent_follows_the_data(app, client):
    extent = client.get("/collections/incidents").get_json()["extent"]
    assert extent["spatial"]["bbox"] == [[22.64, 15.5, 37.62, 53.9]]
    assert extent["temporal"]["interval"] == [["2022-02-27", "2023-09-11"]]


@pytest.mark.parametrize("path", ["/?f=json", "/conformance", "/collections", "/collections/incidents",
                                  "/collections/incidents/items", "/collections/incidents/items/inc-a01",
                                  "/collections/incidents/queryables", "/api", "/incidents.csv"])
def test_unknown_parameters_are_400(client, path):
    sep = "&" if "?" in path else "?"
    doc = assert_error(client.get(f"{path}{sep}limt=5"), 400)
    assert "limt" in doc["description"]


def test_pages_stay_lenient_about_unknown_parameters(client):
    assert client.get("/?utm_source=newsletter").status_code == 200
    assert client.get("/embed?utm_source=newsletter").status_code == 200


@pytest.mark.parametrize("value", ["+5", " 5", "5 ", "5_0", "\u0665", "05.0", "0x5", "99999999999999999999"])
def test_integers_are_ascii_digits_only(client, value):
    assert_error(client.get("/collections/incidents/items", query_string={"limit": value}), 400)


def test_json_is_compressed_and_conditional_requests_still_work(client):
    plain = client.get("/collections/incidents/items?limit=12")
    for encoding in ("br", "gzip"):
        packed = client.get("/collections/incidents/items?limit=12", headers={"Accept-Encoding": encoding})
        assert packed.headers["Content-Encoding"] == encoding
        assert len(packed.data) < len(plain.data) / 2
        again = client.get("/collections/incidents/items?limit=12",
                           headers={"Accept-Encoding": encoding, "If-None-Match": packed.headers["ETag"]})
        assert again.status_code == 304
    import gzip
    packed = client.get("/collections/incidents/items?limit=12", headers={"Accept-Encoding": "gzip"})
    assert json.loads(gzip.decompress(packed.data)) == plain.get_json()


# ---------------------------------------------------------------- clusters and histogram

@pytest.mark.parametrize("zoom", [0, 2, 5, 9, 14])
def test_cluster_counts_add_up_to_number_matched(client, zoom):
    doc = client.get(f"/collections/incidents/clusters?zoom={zoom}").get_json()
    matched = client.get("/collections/incidents/items?limit=0").get_json()["numberMatched"]
    counts = [f["properties"]["count"] for f in doc["features"]]
    assert sum(counts) == doc["numberMatched"] == matched == 12
    for feature in doc["features"]:
        props = feature["properties"]
        if props["cluster"]:
            assert props["count"] >= 2 and sum(props["categories"].values()) == props["count"]
        else:
            assert props["count"] == 1 and feature["id"].startswith("inc-") and "title" in props


def test_clusters_split_as_the_map_zooms_in(client):
    world = client.get("/collections/incidents/clusters?zoom=0").get_json()["features"]
    street = client.get("/collections/incidents/clusters?zoom=14").get_json()["features"]
    assert len(world) < len(street) == 12  # at street level every incident stands alone


def test_clusters_follow_the_filters(client):
    doc = client.get("/collections/incidents/clusters?zoom=3&category=strike").get_json()
    assert doc["numberMatched"] == 3
    assert all(set(f["properties"].get("categories", {"strike": 1})) == {"strike"} for f in doc["features"])
    boxed = client.get("/collections/incidents/clusters?zoom=3&bbox=29,46,39,53").get_json()
    assert boxed["numberMatched"] == client.get("/collections/incidents/items?bbox=29,46,39,53").get_json()["numberMatched"]


@pytest.mark.parametrize("interval, first, count", [("day", "2022-02-27", 12), ("week", "2022-02-21", 12),
                                                    ("month", "2022-02-01", 12)])
def test_histogram_buckets_add_up(client, interval, first, count):
    doc = client.get(f"/collections/incidents/histogram?interval={interval}").get_json()
    assert doc["buckets"][0]["start"] == first
    assert sum(b["count"] for b in doc["buckets"]) == doc["numberMatched"] == count
    starts = [b["start"] for b in doc["buckets"]]
    assert starts == sorted(starts) and len(starts) == len(set(starts))


def test_histogram_fills_empty_buckets_and_follows_filters(client):
    months = client.get("/collections/incidents/histogram?interval=month").get_json()["buckets"]
    assert len(months) == 20  # February 2022 to September 2023, empty months included
    assert any(b["count"] == 0 for b in months)
    march = client.get("/collections/incidents/histogram?interval=day&datetime=2022-03-01/2022-03-05").get_json()
    assert march["numberMatched"] == 5


@pytest.mark.parametrize("query", ["zoom=20", "zoom=-1", "zoom=x", "zoom=", "interval=year", "interval=",
                                   "bbox=1,2,3", "limit=5", "category="])
def test_aggregates_refuse_bad_parameters(client, query):
    path = "/collections/incidents/histogram" if query.startswith("interval") else "/collections/incidents/clusters"
    assert_error(client.get(f"{path}?{query}"), 400)
