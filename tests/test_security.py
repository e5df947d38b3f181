"""Hostile input: template syntax, control characters, odd bodies, forged hosts, downloads.

Each case runs on SQLite and on PostgreSQL (the ``database_url`` fixture). A
request is answered 2xx or 4xx with the documented error shape, never 5xx, and
request or report text never becomes template source, markup or a formula.
"""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from mapsvc.store.store import Store
from mapsvc.web import create_app
from web_fixtures import hostile_incidents, hostile_report, sample_incidents, sample_report

TOKEN = "security-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

#: Template syntax of Jinja, JavaScript template literals and friends; 7*191 = 1337.
TEMPLATE_PAYLOADS = [
    "{{7*191}}", "{% print(7*191) %}", "${7*191}", "`${7*191}`", "#{7*191}",
    "{{ cycler.__init__.__globals__.os.getpid() }}", "{{config}}", "<%= 7*191 %>",
]
PAGE_PARAMETERS = ["q", "datetime", "category", "bbox", "center", "zoom", "controls", "f", "limit"]


def assert_error(response, status=None):
    assert response.status_code < 500, response.data[:300]
    assert 400 <= response.status_code < 500, response.data[:300]
    if status is not None:
        assert response.status_code == status, response.data[:300]
    doc = response.get_json()
    assert set(doc) == {"code", "description", "status"}, doc
    assert doc["status"] == response.status_code and doc["code"] and doc["description"]
    return doc


@pytest.fixture
def secure_app(database_url, tmp_path, monkeypatch):
    folder = tmp_path / "instance"
    folder.mkdir()
    monkeypatch.setenv("MAPSVC_INSTANCE_PATH", str(folder))
    app = create_app({"TESTING": True, "API_TOKENS": [TOKEN], "DEMO_DATA": False,
                      "TILES": "offline", "DATABASE_URL": database_url})
    with Store.from_config(dict(app.config)) as store:
        report = sample_report()
        store.ingest(report, sample_incidents(report))
        hostile = hostile_report()
        store.ingest(hostile, hostile_incidents(hostile))
    return app


@pytest.fixture
def client(secure_app):
    from conftest import BROWSER_ACCEPT

    test_client = secure_app.test_client()
    test_client.environ_base["HTTP_ACCEPT"] = BROWSER_ACCEPT
    return test_client


#: 7*191 evaluated; not the "1337" that a random hex element id (map_1337ab...) may hold.
_EVALUATED = re.compile(r"(?<![0-9A-Za-z_])1337(?![0-9A-Za-z_])")


def _page_config(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="mapsvc-config">(.*?)</script>', html, re.S)
    assert match, "the page has its JSON settings block"
    return json.loads(match.group(1))


# ------------------------------------------------------------ template injection

@pytest.mark.parametrize("path", ["/", "/embed"])
@pytest.mark.parametrize("payload", TEMPLATE_PAYLOADS)
def test_template_syntax_in_page_parameters_is_never_evaluated(client, path, payload):
    for name in PAGE_PARAMETERS + ["unknown"]:
        response = client.get(path, query_string={name: payload})
        body = response.get_data(as_text=True)
        assert not _EVALUATED.search(body) and "SECRET_KEY" not in body, (name, payload)
        if response.status_code != 200:
            assert_error(response, 400)
        elif name == "q":
            assert _page_config(body)["filters"]["q"] == payload


def test_the_query_text_reaches_the_page_as_data(client):
    payload = "{{7*191}} </script><script>alert(1)</script> ${7*191} `x`"
    html = client.get("/", query_string={"q": payload}).get_data(as_text=True)
    assert _page_config(html)["filters"]["q"] == payload
    assert "</script><script>alert(1)" not in html


@pytest.mark.parametrize("payload", TEMPLATE_PAYLOADS)
def test_template_syntax_in_api_and_downloads(client, payload):
    for path in ["/collections/incidents/items", "/incidents.geojson", "/incidents.csv",
                 "/incidents.kml", "/collections/incidents"]:
        for name in ["q", "datetime", "category", "bbox", "limit", "offset", "f"]:
            response = client.get(path, query_string={name: payload})
            assert not _EVALUATED.search(response.get_data(as_text=True))
            if response.status_code != 200:
                assert_error(response, 400)


def test_page_csp_has_no_unsafe_inline_scripts(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    nonce = re.search(r"'nonce-([^']+)'", script_src).group(1)
    html = response.get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline, "the page has inline scripts to check"
    for attrs in inline:
        assert f'nonce="{nonce}"' in attrs or 'type="application/json"' in attrs
    assert client.get("/").headers["Content-Security-Policy"] != csp  # a new nonce each time


# ------------------------------------------------------------ bad input is 4xx

@pytest.mark.parametrize("path", [
    "/collections/incidents/items?datetime=0001-01-01",
    "/collections/incidents/items?datetime=0001-01-01/0001-01-02",
    "/collections/incidents/items?datetime=9999-12-31",
    "/incidents.csv?datetime=0001-01-01",
    "/incidents.kml?datetime=0001-01-01/..",
])
def test_extreme_dates_are_answered(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.data[:300]


@pytest.mark.parametrize("path", [
    "/collections/incidents/items?q=a%00b", "/collections/incidents/items/inc-a01%00",
    "/incidents.csv?q=%01", "/?q=a%00", "/embed?q=%7f", "/collections/incidents/items?x%00=1",
])
def test_control_characters_in_requests_are_400(client, path):
    assert_error(client.get(path), 400)


@pytest.mark.parametrize("body,content_type", [
    (b'{"text": "\\ud800 Kyiv", "published": "2022-03-01"}', "application/json"),
    (b'{"text": "Kyiv", "published": "2022-03-01", "title": "a\\u0000b"}', "application/json"),
    (b'{"text": "Kyiv", "published": "2022-03-01", "url": "https://x.org/\\u0000"}', "application/json"),
    (b'{"text": "Kyiv \\u0000 was shelled", "published": "2022-03-01"}', "application/json"),
    (b"[" * 2000 + b"]" * 2000, "application/json"),
    (b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}", "application/json"),
    ("Published: 2022-03-01\n\nKyiv".encode("utf-16")[:-1], "text/plain; charset=utf-16"),
    (b"\xff\xfe\x00", "text/plain"),
])
def test_bad_report_bodies_are_400_and_nothing_is_lost(secure_app, client, body, content_type):
    before = client.get("/-/health").get_json()["incidents"]
    assert_error(client.post("/reports", data=body, headers={**AUTH, "Content-Type": content_type}), 400)
    assert client.get("/-/health").get_json()["incidents"] == before


@pytest.mark.parametrize("doc", [
    {"lon": int("1" * 400), "lat": 1}, {"lon": 1, "lat": -int("9" * 400)},
    {"lon": 1e308, "lat": 1}, {"place_name": "Kyiv\x00"},
    {"note": "\ud800"}, {"note": None}, {"place_name": "x" * 501}, {"date": "0000-01-01"},
    {"category": "{{7*191}}"},
])
def test_bad_corrections_are_400(client, doc):
    body = json.dumps(doc, ensure_ascii=True).encode("ascii")  # a lone surrogate as an escape
    response = client.patch("/collections/incidents/items/inc-a01", data=body,
                            headers={**AUTH, "Content-Type": "application/json"})
    assert_error(response, 400)
    assert client.get("/collections/incidents/items/inc-a01").get_json()["properties"]["place"][
        "name"] == "Kyiv"


def test_hostile_correction_text_is_kept_as_text(client):
    note = "{{7*191}} <img src=x onerror=alert(1)> ${7*191}"
    response = client.patch("/collections/incidents/items/inc-a01",
                            json={"place_name": note, "note": note}, headers=AUTH)
    assert response.status_code == 200, response.data
    feature = client.get("/collections/incidents/items/inc-a01").get_json()
    assert feature["properties"]["place"]["name"] == note


# ------------------------------------------------------------ links and hosts

def test_a_forged_host_never_reaches_links(client):
    response = client.get("/collections/incidents/items?limit=1",
                          headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
    assert response.status_code == 200
    assert "evil.example" not in response.get_data(as_text=True)
    assert "evil.example" not in response.headers.get("Link", "")
    page = client.get("/", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in page


def test_links_come_from_base_url(database_url, tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "DATABASE_URL": database_url,
                      "BASE_URL": "https://maps.example.org/incidents/"})
    doc = app.test_client().get("/collections/incidents/items?limit=1",
                                headers={"Host": "evil.example"}).get_json()
    hrefs = [link["href"] for link in doc["links"]]
    assert hrefs and all(h.startswith("https://maps.example.org/incidents/collections/") for h in hrefs)


def test_links_from_a_trusted_proxy(database_url, tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "DATABASE_URL": database_url,
                      "PROXY_FIX": 1})
    doc = app.test_client().get("/collections/incidents/items?limit=1", headers={
        "X-Forwarded-Host": "maps.example.org", "X-Forwarded-Proto": "https"}).get_json()
    assert doc["links"][0]["href"].startswith("https://maps.example.org/collections/")


def test_untrusted_host_is_refused_when_hosts_are_listed(database_url, tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "DATABASE_URL": database_url,
                      "TRUSTED_HOSTS": ["maps.example.org"]})
    client = app.test_client()
    assert_error(client.get("/collections", headers={"Host": "evil.example"}), 400)
    doc = client.get("/collections", headers={"Host": "maps.example.org"}).get_json()
    assert doc["links"][0]["href"].startswith("http://maps.example.org/")


# ------------------------------------------------------------ store failures

def test_health_says_when_the_store_cannot_be_written(tmp_path):
    path = tmp_path / "store.sqlite3"
    with Store(f"sqlite:///{path}") as store:
        report = sample_report()
        store.ingest(report, sample_incidents(report))
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "API_TOKENS": [TOKEN],
                      "DATABASE_URL": f"sqlite:///file:{path}?mode=ro&uri=true"})
    client = app.test_client()
    doc = assert_error_5xx(client.get("/-/health"))
    assert "written" in doc["description"]
    assert client.get("/collections/incidents/items").status_code == 200  # reads still work
    failed = assert_error_5xx(client.patch("/collections/incidents/items/inc-a01",
                                           json={"category": "other"}, headers=AUTH))
    assert "sqlite" not in failed["description"].lower()
    assert "readonly" not in failed["description"].lower()


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_health_says_when_postgresql_is_read_only(database_url, tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "DATABASE_URL": database_url})
    assert app.test_client().get("/-/health").status_code == 200
    read_only = database_url.replace("options=", "options=-cdefault_transaction_read_only%3Don%20")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "DATABASE_URL": read_only})
    doc = assert_error_5xx(app.test_client().get("/-/health"))
    assert "written" in doc["description"] and "psycopg" not in doc["description"]


def assert_error_5xx(response):
    assert response.status_code == 503, response.data[:300]
    doc = response.get_json()
    assert set(doc) == {"code", "description", "status"}
    assert "Error" not in doc["description"] and "sqlite" not in doc["description"].lower()
    return doc


# ------------------------------------------------------------ downloads

def test_csv_cells_are_guarded_after_every_separator(client):
    response = client.patch("/collections/incidents/items/inc-a01", headers=AUTH, json={
        "place_name": "x;=1+1", "note": "a|@SUM(A1)"})
    assert response.status_code == 200
    text = client.get("/incidents.csv?limit=50").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    row = next(r for r in rows if r["id"] == "inc-a01")
    assert row["place_name"] == "x;'=1+1"
    for row in rows:
        for key, cell in row.items():
            if key in ("lon", "lat", "radius_km", "geo_precision"):
                continue
            for piece in re.split(r"[,;\t|]", cell):
                assert not re.match(r"\s*[=+@\-]", piece), (key, cell)


def test_kml_has_no_markup_and_styles_per_category(client):
    text = client.get("/incidents.kml?limit=50").get_data(as_text=True)
    root = ET.fromstring(text.encode("utf-8"))
    ns = "{http://www.opengis.net/kml/2.2}"
    marks = root.findall(f"{ns}Document/{ns}Placemark")
    assert len(marks) == 13
    for mark in marks:
        for tag in ("name", "description"):
            value = mark.find(f"{ns}{tag}").text or ""
            assert "<" not in value and ">" not in value
        assert mark.find(f"{ns}styleUrl").text.lstrip("#") in {
            s.get("id") for s in root.findall(f"{ns}Document/{ns}Style")}
    assert "CDATA" not in text


# ------------------------------------------------------------ the WSGI server's own errors

@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory):
    from browser_support import AppServer
    folder = tmp_path_factory.mktemp("gunicorn")
    server = AppServer(folder, env={"MAPSVC_DEMO_DATA": "0", "MAPSVC_TILES": "offline"}, workers=1)
    yield server
    server.stop()


def _raw_request(server, data: bytes) -> tuple[int, dict, bytes]:
    import socket
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize("request_bytes,status", [
    (b"GET /collections?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(200)) + b"\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"v" * 9000 + b"\r\n\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n", 400),
    (b"NOT A REQUEST LINE\r\n\r\n", 400),
    (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400),
])
def test_server_level_errors_are_json(gunicorn_server, request_bytes, status):
    got, headers, body = _raw_request(gunicorn_server, request_bytes)
    assert got == status, body[:200]
    assert headers.get("Content-Type") == "application/json"
    doc = json.loads(body)
    assert set(doc) == {"code", "description", "status"} and doc["status"] == status


def test_served_links_use_the_served_address(gunicorn_server):
    status, _, body = _raw_request(gunicorn_server, b"GET /collections HTTP/1.1\r\nHost: evil.example\r\n"
                                                    b"Connection: close\r\n\r\n")
    assert status == 200 and b"evil.example" not in body
    assert gunicorn_server.url.encode() in body
