"""A property-based fuzzer over every route and parameter, on SQLite and PostgreSQL.

hypothesis draws query strings (known parameter names and random ones, values
from raw bytes, template syntax, numbers at the edges), paths and bodies; every
answer must be below 500, and every error must have the documented shape.
Bounded: ``FUZZ_EXAMPLES`` examples per test (``MAPSVC_FUZZ_EXAMPLES`` overrides).
"""
from __future__ import annotations

import json
import os
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from mapsvc.store.store import Store
from mapsvc.web import create_app
from web_fixtures import hostile_incidents, hostile_report, sample_incidents, sample_report

TOKEN = "fuzz-token"
FUZZ_EXAMPLES = int(os.environ.get("MAPSVC_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

READ_PATHS = ["/", "/embed", "/collections", "/collections/incidents", "/collections/incidents/items",
              "/collections/incidents/items/inc-a01", "/collections/incidents/items/{word}",
              "/collections/{word}/items", "/conformance", "/incidents.geojson", "/incidents.csv",
              "/incidents.kml", "/incidents.{word}", "/-/health", "/-/version",
              "/basemap/world.geojson", "/vendor/leaflet/{word}", "/static/{word}"]
PARAMETERS = ["bbox", "datetime", "category", "q", "limit", "offset", "f", "center", "zoom",
              "controls"]
EDGE_VALUES = ["", "..", "../..", "0001-01-01", "9999-12-31", "0001-01-01/9999-12-31", "-0", "+5",
               "\u0665", "1e400", "nan", "-inf", "1" * 400, "-180,-90,180,90", "181,0,0,1",
               "0,0,0,0,0,0", "strike,,", "{{7*191}}", "${7*191}", "`x`", "<script>", "all", "none",
               "2022-02-30", "2022-03-01T25:00:00Z", "%", "\x00", "\ud800"]

_bytes_value = st.binary(max_size=40).map(lambda b: quote_from_bytes(b, safe=""))
_text_value = st.one_of(st.sampled_from(EDGE_VALUES), st.text(max_size=30)).map(
    lambda t: quote_from_bytes(t.encode("utf-8", "surrogatepass"), safe=""))
_value = st.one_of(_bytes_value, _text_value, st.integers(-10**30, 10**30).map(str))
_name = st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=8).map(
    lambda t: quote_from_bytes(t.encode("utf-8", "surrogatepass"), safe="")))
_query = st.lists(st.tuples(_name, _value), max_size=5).map(
    lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))
_word = st.one_of(st.text(min_size=1, max_size=12), st.binary(min_size=1, max_size=12)).map(
    lambda t: quote_from_bytes(t if isinstance(t, bytes) else t.encode("utf-8", "surrogatepass"), safe=""))

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-10**400, 10**400) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12)
_report_doc = st.fixed_dictionaries({}, optional={
    "text": st.one_of(st.text(max_size=200), _json), "published": st.one_of(
        st.sampled_from(EDGE_VALUES), _json), "title": st.one_of(st.text(max_size=30), _json),
    "url": st.one_of(st.text(max_size=30), _json)})
_correction_doc = st.fixed_dictionaries({}, optional={
    "lon": _json, "lat": _json, "category": st.one_of(st.sampled_from(["strike", "other", "x"]), _json),
    "date": st.one_of(st.sampled_from(EDGE_VALUES), _json), "place_name": _json, "note": _json,
    "extra": _json})
_body = st.one_of(
    _report_doc.map(lambda d: json.dumps(d, ensure_ascii=True).encode()),
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n))
_content_type = st.sampled_from(["application/json", "text/plain", "text/plain; charset=utf-16",
                                 "application/xml", "", "multipart/form-data"])

SEEN = {"requests": 0, "5xx": 0}


@pytest.fixture
def fuzz_client(database_url, tmp_path, gazetteer_path, monkeypatch):
    folder = tmp_path / "instance"
    folder.mkdir()
    monkeypatch.setenv("MAPSVC_INSTANCE_PATH", str(folder))
    app = create_app({"TESTING": True, "API_TOKENS": [TOKEN], "DEMO_DATA": False, "TILES": "offline",
                      "DATABASE_URL": database_url, "GAZETTEER_PATH": str(gazetteer_path),
                      "MAX_ITEMS": 50, "RATELIMIT_WRITES": ""})  # hundreds of writes a minute, on purpose
    with Store.from_config(dict(app.config)) as store:
        report = sample_report()
        store.ingest(report, sample_incidents(report))
        hostile = hostile_report()
        store.ingest(hostile, hostile_incidents(hostile))
    return app.test_client()


def _check(response) -> None:
    SEEN["requests"] += 1
    if response.status_code >= 500:
        SEEN["5xx"] += 1
    assert response.status_code < 500, response.get_data()[:300]
    if response.status_code >= 400 and response.request.method != "HEAD":
        doc = json.loads(response.get_data())
        assert set(doc) == {"code", "description", "status"}, doc
        assert doc["status"] == response.status_code


def _fill(path: str, word: str) -> str:
    return path.replace("{word}", word)


@FUZZ
@given(path=st.sampled_from(READ_PATHS), word=_word, query=_query,
       method=st.sampled_from(["GET", "GET", "HEAD", "OPTIONS", "DELETE", "PUT"]))
def test_fuzz_reads(fuzz_client, path, word, query, method):
    _check(fuzz_client.open(_fill(path, word) + "?" + query, method=method))


@FUZZ
@given(body=_body, content_type=_content_type, query=_query,
       auth=st.sampled_from([f"Bearer {TOKEN}", "Bearer nope", "", "Basic x"]))
def test_fuzz_post_reports(fuzz_client, body, content_type, query, auth):
    headers = {"Content-Type": content_type} if content_type else {}
    if auth:
        headers["Authorization"] = auth
    _check(fuzz_client.post("/reports?" + query, data=body, headers=headers))


@FUZZ
@given(doc=_correction_doc, item=st.one_of(st.just("inc-a01"), _word), raw=st.binary(max_size=60),
       use_raw=st.booleans())
def test_fuzz_corrections(fuzz_client, doc, item, raw, use_raw):
    body = raw if use_raw else json.dumps(doc, ensure_ascii=True).encode()
    _check(fuzz_client.patch(f"/collections/incidents/items/{item}", data=body,
                             headers={"Authorization": f"Bearer {TOKEN}",
                                      "Content-Type": "application/json"}))


def test_fuzz_figures_reported():
    """Runs after the fuzz tests of this module: prints how many requests and 5xx it saw."""
    print(f"fuzzed requests={SEEN['requests']} 5xx={SEEN['5xx']}")
    assert SEEN["5xx"] == 0
