"""The three journeys in Debian's chromium against a real gunicorn server.

Explore the map (markers, popups, filters, list), download GeoJSON, embed the
map in a page from another origin; plus hostile report text and the offline
base map. Every page must stay on 127.0.0.1 and log no console error.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from browser_support import (CHROMIUM, CITY_PROBE_JS, REPO, AppServer, PageWatch, StaticServer,
                             free_port, launch_chromium)
from web_fixtures import hostile_incidents, hostile_report, sample_incidents, sample_instance, sample_report

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "tests" / "artifacts"
TOKEN = "browser-test-token"
CITIES = {"Kyiv": (30.52, 50.45), "Mariupol": (37.55, 47.10), "Kharkiv": (36.23, 49.99),
          "Sumy": (34.80, 50.91)}
UKRAINE_VIEW = "center=34.5,49.0&zoom=6"


def _need_chromium() -> None:
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is absent (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright python package is not installed"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the browser tests: " + reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        chromium = launch_chromium(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def host_site(tmp_path_factory):
    """A third-party site on another local port, allowed by EMBED_ORIGINS."""
    folder = tmp_path_factory.mktemp("host")
    server = StaticServer(folder)
    yield server, folder
    server.stop()


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory, host_site):
    """Hand-written incidents (and one hostile one) behind gunicorn."""
    from mapsvc.config import load_config
    from mapsvc.store.store import Store
    instance = tmp_path_factory.mktemp("sample-instance")
    with Store.from_config(load_config(instance, {})) as store:
        report = sample_report()
        store.ingest(report, sample_incidents(report))
        bad = hostile_report()
        store.ingest(bad, hostile_incidents(bad))
    server = AppServer(instance, env={
        "MAPSVC_TILES": "offline", "MAPSVC_API_TOKENS": TOKEN,
        "MAPSVC_EMBED_ORIGINS": f"'self',{host_site[0].url}"})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, gazetteer_path):
    """``mapsvc serve``: the demo reports through the real pipeline, then gunicorn."""
    pytest.importorskip("mapsvc.extract.pipeline", reason="the extraction stage has not landed yet")
    instance = tmp_path_factory.mktemp("demo-instance")
    shutil.copy(gazetteer_path, instance / "gazetteer.sqlite3")
    server = AppServer(instance, serve=True, env={"MAPSVC_TILES": "offline", "MAPSVC_DEMO_DATA": "1",
                                                  "MAPSVC_API_TOKENS": TOKEN},
                       timeout=300)
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True)
    tab = context.new_page()
    tab.watch = PageWatch(tab)
    yield tab
    context.close()


def open_map(page, url: str) -> None:
    page.goto(url)
    try:
        page.wait_for_function("() => window.mapsvc && document.getElementById('mapsvc-status')"
                               ".textContent.indexOf('in view') >= 0", timeout=30000)
    except Exception as exc:
        status = page.evaluate("() => (document.getElementById('mapsvc-status') || {}).textContent")
        raise AssertionError(f"the map did not load at {url}: status {status!r}, "
                             f"errors {page.watch.errors}") from exc


def loaded_categories(page) -> list:
    return page.evaluate("Array.from(window.mapsvc.markers.values())"
                         ".map(m => m.feature.properties.category)")


def assert_clean(page) -> None:
    assert page.watch.foreign_requests() == []
    assert page.watch.errors == []
    assert page.watch.dialogs == []


def shot(page, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# ---------------------------------------------------------------- the demo journey (real pipeline)

def test_demo_map_shows_the_four_cities(page, demo_server):
    open_map(page, f"{demo_server.url}/?{UKRAINE_VIEW}")
    for city, (lon, lat) in CITIES.items():
        assert page.evaluate(CITY_PROBE_JS, [lon, lat, 40]) == "ok", city
    assert page.locator(".outlines-drawn, .mapsvc-offline").count() == 1
    shot(page, "demo_map")
    assert_clean(page)


def test_demo_popup_shows_quote_and_date(page, demo_server):
    open_map(page, f"{demo_server.url}/?{UKRAINE_VIEW}")
    first = page.locator("#mapsvc-list-items button").first
    first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content .mapsvc-popup")
    popup.wait_for(timeout=10000)
    iid = popup.get_attribute("data-id")
    props = page.evaluate("(id) => window.mapsvc.markers.get(id).feature.properties", iid)
    text = popup.inner_text()
    assert props["date"] in text
    assert props["quote"] and " ".join(props["quote"].split())[:60] in " ".join(text.split())
    shot(page, "demo_popup")
    assert_clean(page)


def test_demo_marker_click_opens_popup(page, demo_server):
    open_map(page, f"{demo_server.url}/?{UKRAINE_VIEW}")
    lon, lat = page.evaluate("""() => {
        const all = Array.from(window.mapsvc.markers.values()).map(m => m.getLatLng());
        const alone = all.find(a => all.filter(b => a.distanceTo(b) < 2000).length === 1) || all[0];
        return [alone.lng, alone.lat];
    }""")
    open_map(page, f"{demo_server.url}/?center={lon:.5f},{lat:.5f}&zoom=14")
    page.wait_for_function("() => document.querySelectorAll('.mapsvc-pin').length > 0", timeout=10000)
    box = page.locator("#" + page.evaluate("() => window.mapsvc.map.getContainer().id")).bounding_box()
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    pins = page.locator(".mapsvc-pin").all()
    nearest = min(pins, key=lambda pin: _distance(pin.bounding_box(), middle))
    nearest.click()
    popup = page.locator(".leaflet-popup-content .mapsvc-popup")
    popup.wait_for(timeout=5000)
    assert popup.locator(".mapsvc-date").inner_text().strip()
    assert popup.locator(".mapsvc-quote").inner_text().strip()
    assert_clean(page)


def _distance(box, point) -> float:
    return abs(box["x"] + box["width"] / 2 - point[0]) + abs(box["y"] + box["height"] / 2 - point[1])


def test_demo_category_filter_hides_markers(page, demo_server):
    open_map(page, f"{demo_server.url}/")
    before = loaded_categories(page)
    keep = max(set(before), key=before.count)
    assert len(set(before)) > 1, "the demo needs incidents of more than one category"
    pins_before = page.locator(".mapsvc-pin, .marker-cluster").count()
    for box in page.locator("input[name=category]").all():
        if box.get_attribute("value") != keep:
            box.uncheck()
    page.wait_for_function("(keep) => Array.from(window.mapsvc.markers.values())"
                           ".every(m => m.feature.properties.category === keep)", arg=keep)
    open_map_wait = "() => document.getElementById('mapsvc-status').textContent.indexOf('in view') >= 0"
    page.wait_for_function(open_map_wait)
    after = loaded_categories(page)
    assert after and set(after) == {keep} and len(after) < len(before)
    assert page.locator(".mapsvc-pin, .marker-cluster").count() <= pins_before
    assert f"category={keep}" in page.url
    page.reload()  # the URL keeps the state
    open_map(page, page.url)
    assert set(loaded_categories(page)) == {keep}
    assert page.locator(f"input[name=category][value={keep}]").is_checked()
    shot(page, "demo_filtered")
    assert_clean(page)


def test_demo_download_button_gives_geojson(page, demo_server):
    open_map(page, f"{demo_server.url}/?{UKRAINE_VIEW}")
    with page.expect_download() as info:
        page.click("#mapsvc-download")
    download = info.value
    doc = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and doc["features"]
    shown = page.evaluate("window.mapsvc.visible().length")
    assert len(doc["features"]) == shown
    assert download.suggested_filename == "incidents.geojson"
    assert_clean(page)


# ---------------------------------------------------------------- hand-written data: embed, hostile text

def test_embed_snippet_works_from_another_origin(page, sample_server, host_site):
    server, folder = host_site
    open_map(page, f"{sample_server.url}/?category=strike,disaster")
    page.click("#mapsvc-share summary")
    snippet = page.input_value("#mapsvc-embed-code")
    assert snippet.startswith("<iframe ") and "/embed?" in snippet and "category=strike%2Cdisaster" in snippet
    (folder / "host.html").write_text(f"<!doctype html><title>host</title><link rel='icon' href='data:,'><h1>Our story</h1>{snippet}",
                                      encoding="utf-8")
    page.goto(f"{server.url}/host.html")
    frame = page.frame_locator("iframe")
    frame.locator(".leaflet-container").wait_for(timeout=10000)
    frame.locator(".mapsvc-pin, .marker-cluster").first.wait_for(timeout=10000)
    cats = page.frames[1].evaluate("Array.from(window.mapsvc.markers.values())"
                                   ".map(m => m.feature.properties.category)")
    assert cats and set(cats) <= {"strike", "disaster"}
    shot(page, "embed")
    assert_clean(page)


def test_embed_works_anywhere_with_default_settings(page, tmp_path, tmp_path_factory):
    """EMBED_ORIGINS left alone: another site (another local port) shows the map in its iframe."""
    instance = sample_instance(tmp_path_factory.mktemp("default-embed"))
    server = AppServer(instance, env={"MAPSVC_TILES": "offline"})
    host = StaticServer(tmp_path)
    try:
        (tmp_path / "story.html").write_text(
            f'<!doctype html><title>story</title><link rel="icon" href="data:,">'
            f'<iframe src="{server.url}/embed" width="640" height="420"></iframe>', encoding="utf-8")
        page.goto(f"{host.url}/story.html")
        frame = page.frame_locator("iframe")
        frame.locator(".leaflet-container").wait_for(timeout=15000)
        frame.locator(".mapsvc-pin, .mapsvc-cluster").first.wait_for(timeout=15000)
        assert_clean(page)
    finally:
        host.stop()
        server.stop()


def test_embed_refused_to_origins_not_configured(page, sample_server, tmp_path):
    other = StaticServer(tmp_path)
    try:
        (tmp_path / "host.html").write_text(
            f'<iframe src="{sample_server.url}/embed" width="600" height="400"></iframe>', encoding="utf-8")
        page.goto(f"{other.url}/host.html")
        page.wait_for_timeout(1500)
        child = page.frames[1] if len(page.frames) > 1 else None
        assert child is None or child.evaluate("document.querySelector('.leaflet-container')") is None
    finally:
        other.stop()


def test_embed_options_in_the_url(page, sample_server):
    open_map(page, f"{sample_server.url}/embed?center=37.5,47.1&zoom=9&controls=list")
    assert page.locator(".leaflet-control-zoom").count() == 0
    assert page.locator("#mapsvc-list-items button").count() >= 1
    assert page.locator("#mapsvc-legend input").count() == 0
    center = page.evaluate("[window.mapsvc.map.getCenter().lng, window.mapsvc.map.getCenter().lat,"
                           " window.mapsvc.map.getZoom()]")
    assert abs(center[0] - 37.5) < 0.01 and abs(center[1] - 47.1) < 0.01 and center[2] == 9
    assert_clean(page)


def test_hostile_report_text_stays_text(page, sample_server):
    open_map(page, f"{sample_server.url}/?center=35.05,48.46&zoom=9")
    page.locator("#mapsvc-list-items button").first.click()
    popup = page.locator(".leaflet-popup-content .mapsvc-popup")
    popup.wait_for(timeout=5000)
    text = popup.inner_text()
    assert "<script>" in text and "onerror" in text and "${" in text and "`" in text
    injected = page.evaluate("""() => ({
        pwned: window.__pwned === undefined ? null : window.__pwned,
        elements: document.querySelectorAll(
            '#mapsvc-panel img, #mapsvc-panel svg, #mapsvc-panel script, .leaflet-popup img,'
            + ' .leaflet-popup svg, .leaflet-popup script, img[src="x"]').length,
        js_links: Array.from(document.querySelectorAll('a[href]'))
            .filter(a => a.href.toLowerCase().startsWith('javascript:')).length,
    })""")
    assert injected == {"pwned": None, "elements": 0, "js_links": 0}
    assert "<img src=x onerror" in page.locator("#mapsvc-list-items").inner_text()
    shot(page, "hostile")
    assert_clean(page)


HOSTILE_QUERY = ("{{7*191}} {% print(7*191) %} ${7*191} `${7*191}` <img src=x onerror=\"window.__pwned=4\">"
                 " </script><script>window.__pwned=5</script>")


@pytest.mark.parametrize("path", ["/", "/embed"])
def test_hostile_query_text_is_shown_as_text(page, sample_server, path):
    from urllib.parse import urlencode
    query = urlencode({"q": HOSTILE_QUERY, "controls": "all"} if path == "/embed" else
                      {"q": HOSTILE_QUERY})
    open_map(page, f"{sample_server.url}{path}?{query}")
    assert page.locator("#mapsvc-q").input_value() == HOSTILE_QUERY
    body = page.evaluate("() => document.documentElement.outerHTML")
    assert "1337" not in body
    injected = page.evaluate("""() => ({
        pwned: window.__pwned === undefined ? null : window.__pwned,
        elements: document.querySelectorAll('img[src="x"], body > script:not([src]):not([nonce])'
            + ':not([type="application/json"])').length,
    })""")
    assert injected == {"pwned": None, "elements": 0}
    shot(page, "hostile_query" + path.replace("/", "_"))
    assert_clean(page)


def test_offline_outlines_drawn(page, sample_server):
    open_map(page, f"{sample_server.url}/")
    page.wait_for_function("() => document.querySelectorAll('.leaflet-mapsvc-base-pane path').length > 50")
    assert_clean(page)


def test_unreachable_tiles_fall_back_to_outlines(browser, tmp_path):
    dead = free_port()  # nothing listens there
    server = AppServer(tmp_path, env={"MAPSVC_TILES": f"http://127.0.0.1:{dead}/{{z}}/{{x}}/{{y}}.png",
                                      "MAPSVC_TILES_ATTRIBUTION": "test tiles"})
    context = browser.new_context()
    try:
        tab = context.new_page()
        watch = PageWatch(tab)
        tab.goto(server.url + "/")
        tab.wait_for_function("() => document.querySelectorAll('.leaflet-mapsvc-base-pane path').length > 50",
                              timeout=15000)
        assert watch.foreign_requests() == []
        assert re.search(r"img-src 'self' data: http://127\.0\.0\.1:\d+",
                         tab.evaluate("fetch('/', {headers: {Accept: 'text/html'}})"
                                      ".then(r => r.headers.get('content-security-policy'))"))
    finally:
        context.close()
        server.stop()


HOSTILE_REPORT = (
    "Published: 2022-03-20\nTitle: <script>alert('title')</script>\n\n"
    "A missile strike hit an apartment block in Dnipro on Saturday <script>alert('s')</script>, "
    "killing three people <img src=x onerror=alert('img')>, officials said. `${alert('tpl')}` "
    "Rescuers searched the rubble <svg onload=alert('svg')>.\n")


def test_hostile_report_through_the_real_pipeline(page, demo_server):
    request = urllib.request.Request(
        demo_server.url + "/reports", data=HOSTILE_REPORT.encode("utf-8"), method="POST",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=120) as response:
        result = json.loads(response.read())
    assert response.status == 201 and result["incidents_new"] >= 1
    found = demo_server.get_json("/collections/incidents/items?q=onerror&limit=10")["features"]
    assert found, "the quote keeps the report's text"
    lon, lat = found[0]["geometry"]["coordinates"]
    open_map(page, f"{demo_server.url}/?q=onerror&center={lon},{lat}&zoom=10")
    page.locator("#mapsvc-list-items button").first.click()
    popup = page.locator(".leaflet-popup-content .mapsvc-popup")
    popup.wait_for(timeout=5000)
    assert "<img src=x onerror=alert('img')>" in popup.inner_text()
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], svg[onload], "
                         ".leaflet-popup script, #mapsvc-panel script').length") == 0
    shot(page, "hostile_pipeline")
    assert_clean(page)


def test_incident_page_shows_the_marked_quote_and_a_map(page, sample_server):
    page.goto(f"{sample_server.url}/incidents/inc-a01")
    page.locator(".mapsvc-report-text mark").first.wait_for(timeout=10000)
    assert page.locator(".mapsvc-report-text mark").first.is_visible()
    page.wait_for_function("() => document.querySelectorAll('#mapsvc-incident-map path').length > 10",
                           timeout=15000)
    assert page.locator("#mapsvc-incident-id").text_content() == "inc-a01"
    assert_clean(page)


def test_popup_links_to_the_incident_page(page, sample_server):
    open_map(page, f"{sample_server.url}/?center=30.52,50.45&zoom=12")
    page.evaluate("() => { const m = window.mapsvc.markers.get('inc-a01'); window.mapsvc.focus(m); }")
    link = page.locator(".mapsvc-more a")
    link.wait_for(timeout=10000)
    assert link.get_attribute("href").endswith("/incidents/inc-a01")
    assert_clean(page)


def test_offline_base_map_names_places_at_zoom_3_and_8(page, demo_server):
    def names(view):
        page.goto(f"{demo_server.url}/?{view}")
        page.wait_for_function("() => Number(document.getElementById('mapsvc').getAttribute('data-labels')) > 0",
                               timeout=30000)
        return set(page.evaluate("() => Array.from(document.querySelectorAll('.mapsvc-label span'))"
                                 ".filter(n => n.getBoundingClientRect().width > 0).map(n => n.textContent)"))
    country = names("center=31,49&zoom=3")
    assert {"Kyiv", "Moscow"} <= country  # capitals
    region = names("center=30.5,50.2&zoom=8")
    assert "Kyiv" in region and len(region - country) >= 10  # the region's towns appear
    assert "Bila Tserkva" in region
    assert_clean(page)


def test_one_box_finds_a_place_or_filters_by_words(page, demo_server):
    open_map(page, f"{demo_server.url}/?center=20,45&zoom=3")
    box = page.locator("#mapsvc-q")
    box.fill("Kharkiv")
    page.wait_for_function("() => document.querySelectorAll('#mapsvc-places option').length > 0", timeout=10000)
    label = page.evaluate("() => document.querySelector('#mapsvc-places option').value")
    assert label == "Kharkiv, Ukraine"  # the city first; its region is "Kharkiv (region), Ukraine"
    box.fill(label)
    box.press("Enter")
    page.wait_for_function("() => Math.abs(window.mapsvc.map.getCenter().lat - 50.0) < 0.5 && "
                           "Math.abs(window.mapsvc.map.getCenter().lng - 36.25) < 0.8", timeout=10000)
    assert "q=" not in page.url  # a place moves the map, it does not filter
    box.fill("evacuated")
    box.press("Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'evacuated'", timeout=10000)
    assert_clean(page)


def test_a_small_embed_folds_its_panel(browser, sample_server):
    context = browser.new_context(viewport={"width": 640, "height": 420})
    try:
        tab = context.new_page()
        tab.watch = PageWatch(tab)
        tab.goto(f"{sample_server.url}/embed?controls=zoom,legend,link")
        tab.wait_for_function("() => window.mapsvc && !window.mapsvc.busy", timeout=30000)
        panel = tab.locator(".mapsvc-floating")
        folded = panel.bounding_box()
        assert folded["width"] * folded["height"] < 0.05 * 640 * 420  # the map stays in view
        tab.click(".mapsvc-toggle")
        opened = panel.bounding_box()
        assert opened["height"] > folded["height"] * 2 and tab.locator(".mapsvc-legend").is_visible()
        assert_clean(tab)
    finally:
        context.close()


def test_offline_map_draws_admin1_lines_from_zoom_5(page, demo_server):
    page.goto(f"{demo_server.url}/?center=31,49&zoom=6")
    page.wait_for_function("() => Number(document.getElementById('mapsvc').getAttribute('data-admin-lines')) > 5",
                           timeout=30000)
    assert_clean(page)


def test_a_tile_server_comes_with_a_switch_to_the_offline_map(browser, tmp_path):
    dead = free_port()  # the tiles never load: the switcher must still offer the outlines
    server = AppServer(tmp_path, env={"MAPSVC_TILES": f"http://127.0.0.1:{dead}/{{z}}/{{x}}/{{y}}.png"})
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(server.url + "/?center=31,49&zoom=5", wait_until="domcontentloaded")
        tab.wait_for_selector(".leaflet-control-layers", timeout=15000)
        labels = tab.evaluate("() => Array.from(document.querySelectorAll('.leaflet-control-layers-base label'))"
                              ".map(l => l.textContent.trim())")
        assert labels == ["Map tiles", "Offline outlines"]
    finally:
        context.close()
        server.stop()


def test_a_popup_stays_open_while_the_map_pans_under_it(page, sample_server):
    open_map(page, f"{sample_server.url}/?center=33,49&zoom=6")
    page.evaluate("() => { const m = window.mapsvc.markers.get('inc-a02'); window.mapsvc.focus(m); }")
    page.locator(".leaflet-popup").wait_for(timeout=10000)
    page.evaluate("() => window.mapsvc.map.panBy([120, 80], {animate: false})")
    page.wait_for_timeout(1200)  # a reload would have regrouped the markers and closed it
    assert page.locator(".leaflet-popup").count() == 1
    page.evaluate("() => window.mapsvc.map.closePopup()")
    page.wait_for_function("() => !window.mapsvc.busy", timeout=10000)
    assert_clean(page)


def test_the_map_shows_new_incidents_without_a_reload(page, tmp_path):
    from datetime import date

    from mapsvc.config import load_config
    from mapsvc.model import Incident, Report, Source
    from mapsvc.store.store import Store

    instance = sample_instance(tmp_path / "instance")
    server = AppServer(instance, env={"MAPSVC_TILES": "offline", "MAPSVC_MAP_REFRESH_SECONDS": "1"})
    checks = []  # statuses of the page's change checks
    page.on("response", lambda r: checks.append(r.status) if r.url.endswith("/collections/incidents") else None)
    try:
        open_map(page, f"{server.url}/?{UKRAINE_VIEW}")
        page.evaluate("() => { window.__samePage = true; }")
        page.wait_for_timeout(2500)
        assert 304 in checks and window_changes(page) == 0  # nothing changed: answered 304
        report = Report(text="A new invented report for the refresh test.", published=date(2022, 3, 20))
        day = date(2022, 3, 19)
        with Store.from_config(load_config(instance, {})) as store:
            store.ingest(report, [Incident(id="inc-fresh", category="strike", title="Fresh strike on a depot",
                                           lon=35.05, lat=48.46, date=day, date_start=day, date_end=day,
                                           place_name="Dnipro", quote="Fresh strike on a depot.",
                                           sources=(Source(report=report.id, span=(0, 5)),))])
        page.wait_for_function("() => window.mapsvc.markers.has('inc-fresh')", timeout=15000)
        assert page.evaluate("() => window.__samePage") is True  # no page reload
        assert window_changes(page) == 1
        # with a popup open the change is noticed, but the markers are redrawn only once it closes
        page.evaluate("() => window.mapsvc.focus(window.mapsvc.markers.get('inc-a02'))")
        page.locator(".leaflet-popup").wait_for(timeout=10000)
        with Store.from_config(load_config(instance, {})) as store:
            store.correct("inc-fresh", category="battle")
        page.wait_for_function("() => window.mapsvc.changes === 2", timeout=15000)
        page.wait_for_timeout(500)
        assert page.locator(".leaflet-popup").count() == 1
        page.evaluate("() => window.mapsvc.map.closePopup()")
        page.wait_for_function("() => window.mapsvc.markers.has('inc-fresh') && window.mapsvc.markers"
                               ".get('inc-fresh').feature.properties.category === 'battle'", timeout=15000)
        assert_clean(page)
    finally:
        server.stop()


def window_changes(page) -> int:
    return page.evaluate("() => window.mapsvc.changes || 0")
