"""The map at scale, in chromium: every matching incident at every zoom (server clusters whose
counts add up to numberMatched), the timeline's bars, brushing them, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import urllib.request

import pytest

from browser_support import AppServer, PageWatch
from conftest import fresh_database_url
from test_browser import assert_clean, browser  # noqa: F401  (pytest fixture)
from web_fixtures import fill_synthetic

pytestmark = pytest.mark.browser

#: Ten times the map's page of markers (2,000): the world view is clusters; a city view still lists single incidents.
SIZE = 20_000


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def big_server(request, tmp_path_factory):
    """SIZE synthetic incidents behind gunicorn, on each database."""
    from mapsvc.config import load_config
    from mapsvc.store.store import Store

    instance = tmp_path_factory.mktemp(f"big-{request.param}")
    with fresh_database_url(request.param, instance) as url:
        with Store.from_config(load_config(instance, {"DATABASE_URL": url})) as store:
            fill_synthetic(store, SIZE)
        server = AppServer(instance, env={"MAPSVC_TILES": "offline", "MAPSVC_DATABASE_URL": url})
        yield server
        server.stop()


def _json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture
def big_page(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    tab = context.new_page()
    tab.watch = PageWatch(tab)
    yield tab
    context.close()


def _open(page, url):
    page.goto(url)
    page.wait_for_function("() => window.mapsvc && !window.mapsvc.busy && "
                           "document.getElementById('mapsvc').hasAttribute('data-matched')", timeout=60000)
    page.wait_for_function("() => document.getElementById('mapsvc-timeline').hasAttribute('data-total')",
                           timeout=30000)


def _legend_total(page) -> int:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.mapsvc-cat-count'))
        .map(n => Number(n.textContent.replace(/[^0-9]/g, '')) || 0).reduce((a, b) => a + b, 0)""")


def test_world_view_counts_every_incident(big_page, big_server):
    _open(big_page, big_server.url + "/?center=25,35&zoom=2")
    matched = int(big_page.get_attribute("#mapsvc", "data-matched"))
    assert big_page.get_attribute("#mapsvc", "data-mode-view") == "clusters"
    assert matched == SIZE == _legend_total(big_page)
    donuts = big_page.locator(".mapsvc-donut").count()
    assert 1 <= donuts < 200
    # the timeline's bars add up to the same
    total = int(big_page.get_attribute("#mapsvc-timeline", "data-total"))
    bars = big_page.evaluate("() => Array.from(document.querySelectorAll('.mapsvc-bar'))"
                             ".reduce((a, r) => a + Number(r.getAttribute('data-count')), 0)")
    assert total == bars == SIZE
    assert_clean(big_page)


def test_a_filter_changes_the_counts(big_page, big_server):
    _open(big_page, big_server.url + "/?center=25,35&zoom=2")
    big_page.uncheck("input[name=category][value=strike]")
    big_page.wait_for_function(f"() => !window.mapsvc.busy && "
                               f"Number(document.getElementById('mapsvc').getAttribute('data-matched')) < {SIZE}",
                               timeout=60000)
    matched = int(big_page.get_attribute("#mapsvc", "data-matched"))
    expected = _json(big_server.url + "/collections/incidents/items?limit=0&category=" +
                     ",".join(c for c in ("battle", "civilian_harm", "humanitarian", "restriction", "political",
                                          "military", "disaster", "other")))["numberMatched"]
    assert matched == expected == _legend_total(big_page)
    assert_clean(big_page)


def test_brushing_the_timeline_filters_the_map(big_page, big_server):
    _open(big_page, big_server.url + "/?center=25,35&zoom=2")
    box = big_page.locator("#mapsvc-timeline .mapsvc-bars svg").bounding_box()
    y = box["y"] + box["height"] / 2
    big_page.mouse.move(box["x"] + box["width"] * 0.25, y)
    big_page.mouse.down()
    big_page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=5)
    big_page.mouse.up()
    big_page.wait_for_function("() => new URLSearchParams(location.search).has('datetime') && !window.mapsvc.busy",
                               timeout=60000)
    window = big_page.evaluate("() => new URLSearchParams(location.search).get('datetime')")
    start, end = window.split("/")
    matched = int(big_page.get_attribute("#mapsvc", "data-matched"))
    assert 0 < matched < SIZE
    expected = _json(f"{big_server.url}/collections/incidents/items?limit=0&datetime={start}/{end}")
    assert matched == expected["numberMatched"]
    assert big_page.locator(".mapsvc-bar-in").count() < big_page.locator(".mapsvc-bar").count()
    assert_clean(big_page)


def test_zooming_in_reaches_single_incidents(big_page, big_server):
    _open(big_page, big_server.url + "/?center=20,40&zoom=9")
    assert big_page.get_attribute("#mapsvc", "data-mode-view") == "items"
    matched = int(big_page.get_attribute("#mapsvc", "data-matched"))
    assert matched == big_page.evaluate("() => window.mapsvc.markers.size") > 0
    assert_clean(big_page)
