"""POST /reports and PATCH corrections: tokens, bad input, nothing lost."""
from __future__ import annotations

import pytest

from mapsvc.web import create_app
from test_api import TOKEN, assert_error, items  # noqa: F401  (fixtures below reuse them)
from test_api import app, web_instance  # noqa: F401  pytest fixtures

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": "Bearer "}])
def test_post_report_needs_a_token(client, headers):
    doc = assert_error(client.post("/reports", json={"text": "Kyiv was shelled."}, headers=headers), 401)
    assert doc["code"] == "Unauthorized"


def test_writing_disabled_without_tokens(web_instance):
    client = create_app({"TESTING": True, "API_TOKENS": []}).test_client()
    assert_error(client.post("/reports", json={"text": "x"}, headers={"Authorization": "Bearer "}), 401)
    assert_error(client.patch("/collections/incidents/items/x", json={}, headers=AUTH), 401)


@pytest.mark.parametrize("kwargs,status", [
    ({"data": b"{not json", "content_type": "application/json"}, 400),
    ({"json": ["a", "list"]}, 400),
    ({"json": {"title": "no text"}}, 400),
    ({"json": {"text": 42}}, 400),
    ({"json": {"text": "   \n  "}}, 400),
    ({"json": {"text": "Kyiv.", "published": "last week"}}, 400),
    ({"json": {"text": "Kyiv.", "title": ["x"]}}, 400),
    ({"data": b"\x00\x01\x02binary", "content_type": "text/plain"}, 400),
    ({"data": b"caf\xe9 latin-1", "content_type": "text/plain"}, 400),
    ({"data": b"", "content_type": "text/plain"}, 400),
    ({"data": b"<x/>", "content_type": "application/xml"}, 400),
])
def test_bad_reports_are_refused_and_nothing_is_lost(app, client, kwargs, status):
    before = client.get("/-/health").get_json()["incidents"]
    assert_error(client.post("/reports", headers=AUTH, **kwargs), status)
    assert client.get("/-/health").get_json()["incidents"] == before


def test_huge_report_is_413(web_instance):
    app = create_app({"TESTING": True, "API_TOKENS": [TOKEN], "MAX_REPORT_BYTES": 1000})
    client = app.test_client()
    doc = assert_error(client.post("/reports", json={"text": "word " * 400}, headers=AUTH), 413)
    assert doc["code"] == "PayloadTooLarge"
    assert_error(client.post("/reports", data=b"x" * 200_000, content_type="text/plain",
                             headers=AUTH), 413)


# ---------------------------------------------------------------- PATCH

def _first(client):
    return items(client, "?limit=1")["features"][0]


def test_patch_needs_a_token(client):
    feature = _first(client)
    assert_error(client.patch(f"/collections/incidents/items/{feature['id']}",
                              json={"category": "other"}), 401)


def test_patch_unknown_item_is_404(client):
    assert_error(client.patch("/collections/incidents/items/inc-nope", json={"category": "other"},
                              headers=AUTH), 404)


@pytest.mark.parametrize("body", [
    {}, {"category": "bogus"}, {"lon": 30.0}, {"lon": 200, "lat": 0}, {"lon": "x", "lat": 1},
    {"lon": True, "lat": 1}, {"date": "soon"}, {"date": 20220301}, {"colour": "red"},
    {"place_name": ["x"]},
])
def test_patch_bad_bodies_are_400(client, body):
    feature = _first(client)
    assert_error(client.patch(f"/collections/incidents/items/{feature['id']}", json=body,
                              headers=AUTH), 400)
    after = client.get(f"/collections/incidents/items/{feature['id']}").get_json()
    assert after["properties"] == feature["properties"]


def test_patch_malformed_json_is_400(client):
    feature = _first(client)
    assert_error(client.patch(f"/collections/incidents/items/{feature['id']}", data=b"{",
                              content_type="application/json", headers=AUTH), 400)


def test_patch_corrects_place_category_and_date(client):
    feature = _first(client)
    iid = feature["id"]
    response = client.patch(f"/collections/incidents/items/{iid}", headers=AUTH,
                            json={"lon": 24.03, "lat": 49.84, "category": "political",
                                  "date": "2022-03-09", "place_name": "Lviv",
                                  "note": "checked against the city council statement"})
    assert response.status_code == 200, response.data
    doc = client.get(f"/collections/incidents/items/{iid}").get_json()
    assert doc["geometry"]["coordinates"] == [24.03, 49.84]
    assert doc["properties"]["category"] == "political"
    assert doc["properties"]["date"] == "2022-03-09"
    assert doc["properties"]["place"]["name"] == "Lviv"


def test_post_without_a_publication_date_is_400(client):
    response = client.post("/reports", data="Shelling hit Kharkiv on Monday.", content_type="text/plain",
                           headers=AUTH)
    doc = assert_error(response, 400)
    assert "publication date" in doc["description"]


def test_items_pages_show_a_correction_at_once(client):
    """Pages are assembled from cached Features: a correction must reach the next page and its count."""
    page = client.get("/collections/incidents/items?limit=50").get_json()
    iid = page["features"][0]["id"]
    before = client.get("/collections/incidents/items?category=political&limit=50").get_json()["numberMatched"]
    response = client.patch(f"/collections/incidents/items/{iid}", headers=AUTH,
                            json={"category": "political", "place_name": "Lviv"})
    assert response.status_code == 200, response.data
    again = {f["id"]: f for f in client.get("/collections/incidents/items?limit=50").get_json()["features"]}
    assert again[iid]["properties"]["place"]["name"] == "Lviv"
    after = client.get("/collections/incidents/items?category=political&limit=50").get_json()["numberMatched"]
    assert after == before + (page["features"][0]["properties"]["category"] != "political")


# ---------------------------------------------------------------- POST through the real pipeline

@pytest.fixture
def pipeline_client(request):
    """An app whose instance folder holds the session's real gazetteer."""
    pytest.importorskip("mapsvc.extract.pipeline", reason="the extraction stage has not landed yet")
    request.getfixturevalue("instance")
    app = create_app({"TESTING": True, "API_TOKENS": [TOKEN], "DEMO_DATA": False})
    return app.test_client()


REPORT = ("Published: 2022-03-16\nTitle: Web test report\n\n"
          "A missile strike hit an apartment block in Kharkiv on Tuesday, killing four people, "
          "the regional governor said. In Mariupol, 2,000 people were evacuated by bus.")


def test_post_report_json_extracts_and_is_idempotent(pipeline_client):
    client = pipeline_client
    response = client.post("/reports", json={"text": REPORT, "url": "https://example.org/r1"},
                           headers=AUTH)
    assert response.status_code == 201, response.data
    doc = response.get_json()
    assert doc["report"].startswith("rep-") and doc["new"] is True
    stored = items(client, "?limit=50")
    assert stored["numberMatched"] >= 1
    again = client.post("/reports", json={"text": REPORT, "url": "https://example.org/r1"}, headers=AUTH)
    assert again.status_code == 200 and again.get_json()["new"] is False
    assert items(client, "?limit=50")["numberMatched"] == stored["numberMatched"]


def test_post_report_plain_text(pipeline_client):
    response = pipeline_client.post("/reports?published=2022-03-16", data=REPORT.split("\n\n", 1)[1],
                                    content_type="text/plain; charset=utf-8", headers=AUTH)
    assert response.status_code == 201, response.data
