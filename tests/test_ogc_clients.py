"""OGC API - Features as real clients read it: OWSLib, GDAL's OAPIF and CSV drivers (ogrinfo),
geopandas, and openapi-spec-validator on the OpenAPI document; the service under gunicorn."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.request

import pytest

from browser_support import AppServer
from web_fixtures import sample_instance


def _need(module: str):
    try:
        return pytest.importorskip(module)
    except pytest.skip.Exception:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the OGC client tests: {module} is not installed (pip install '.[test]')")
        raise


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    instance = sample_instance(tmp_path_factory.mktemp("ogc-instance"))
    app = AppServer(instance, env={"MAPSVC_TILES": "offline"})
    yield app
    app.stop()


def _get(url: str, accept: str = None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


# -- OWSLib ----------------------------------------------------------------------------

def test_owslib_lists_collections_and_reads_items(server):
    features = _need("owslib.ogcapi.features")
    api = features.Features(server.url)
    assert any(link["rel"] == "service-desc" for link in api.links)
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in api.conformance()["conformsTo"]
    assert [c["id"] for c in api.collections()["collections"]] == ["incidents"]
    everything = api.collection_items("incidents", limit=100)
    assert everything["numberMatched"] == 12
    kyiv = api.collection_items("incidents", bbox=[30.0, 50.0, 31.0, 51.0], limit=100)
    assert {f["properties"]["place"]["name"] for f in kyiv["features"]} == {"Kyiv", "Sviatoshynskyi district"}
    assert kyiv["numberMatched"] == 2
    march = api.collection_items("incidents", datetime_="2022-03-01/2022-03-05", limit=2)
    assert march["numberMatched"] == 5 and march["numberReturned"] == 2


def test_owslib_reads_queryables_and_the_openapi_document(server):
    features = _need("owslib.ogcapi.features")
    api = features.Features(server.url)
    queryables = api.collection_queryables("incidents")
    assert {"category", "date", "q"} <= set(queryables["properties"])
    document = api.api()
    assert document["openapi"].startswith("3.0") and "/collections/{collectionId}/items" in document["paths"]


def test_openapi_document_is_valid_and_describes_every_route(server):
    validator = _need("openapi_spec_validator")
    _, body = _get(server.url + "/api")
    document = json.loads(body)
    validator.validate(document)
    from mapsvc.web import create_app
    # every route but the page's own files (scripts, styles, the offline base map) and the embed page
    rules = {str(rule) for rule in create_app({"TESTING": True}).url_map.iter_rules()
             if not str(rule).startswith(("/static", "/vendor", "/basemap", "/embed"))}
    described = {path.replace("{collectionId}", "<collection_id>").replace("{featureId}", "<item_id>")
                 .replace("{format}", "<fmt>").replace("{incidentId}", "<incident_id>").replace("{jobId}", "<job_id>")
                 for path in document["paths"]}
    # the write route names the collection literally
    described.add("/collections/incidents/items/<item_id>")
    missing = rules - described
    assert not missing, missing


def test_landing_page_answers_json_to_clients_and_html_to_browsers(server):
    for accept in (None, "*/*", "application/json"):
        headers, body = _get(server.url + "/", accept)
        assert headers["Content-Type"].startswith("application/json") and json.loads(body)["links"]
        assert "Accept" in headers.get("Vary", "")
    headers, body = _get(server.url + "/", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert headers["Content-Type"].startswith("text/html")


def test_collection_extent_is_the_data(server):
    doc = server.get_json("/collections/incidents")
    assert doc["extent"]["spatial"]["bbox"] == [[22.64, 15.5, 37.62, 53.9]]
    assert doc["extent"]["temporal"]["interval"] == [["2022-02-27", "2023-09-11"]]


# -- GDAL ------------------------------------------------------------------------------

def _ogrinfo():
    path = shutil.which("ogrinfo")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the GDAL tests: ogrinfo is absent (apt-get install gdal-bin)")
        pytest.skip("ogrinfo is absent (apt-get install gdal-bin)")
    return path


def test_gdal_oapif_lists_the_layer_with_its_extent(server):
    out = subprocess.run([_ogrinfo(), "-ro", "-so", "-al", f"OAPIF:{server.url}"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Layer name: incidents" in out.stdout
    assert "Feature Count: 12" in out.stdout
    assert "Extent: (22.640000, 15.500000) - (37.620000, 53.900000)" in out.stdout


def test_gdal_reads_the_csv_download_as_points(server, tmp_path):
    _, body = _get(server.url + "/incidents.csv")
    path = tmp_path / "incidents.csv"
    path.write_bytes(body)
    out = subprocess.run([_ogrinfo(), "-ro", "-so", "-al", str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Geometry: Point" in out.stdout or "Geometry: Unknown (any)" in out.stdout
    assert "Extent: (22.640000, 15.500000) - (37.620000, 53.900000)" in out.stdout


# -- geopandas -------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml"])
def test_geopandas_reads_every_download(server, tmp_path, fmt):
    geopandas = _need("geopandas")
    _, body = _get(server.url + f"/incidents.{fmt}")
    path = tmp_path / f"incidents.{fmt}"
    path.write_bytes(body)
    frame = geopandas.read_file(path)
    assert len(frame) == 12
    assert set(frame.geometry.geom_type) == {"Point"}
    assert abs(frame.geometry.x.min() - 22.64) < 1e-6 and abs(frame.geometry.y.max() - 53.9) < 1e-6


def test_acled_csv_has_acled_columns(server):
    import csv
    import io

    _, body = _get(server.url + "/incidents.acled")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert len(rows) == 12
    assert {"event_date", "event_type", "location", "latitude", "longitude", "geo_precision",
            "time_precision", "fatalities", "notes", "source"} <= set(rows[0])
    kyiv = next(r for r in rows if r["event_id_cnty"] == "inc-a01")
    assert kyiv["event_type"] == "Explosions/Remote violence" and kyiv["fatalities"] == "2"
