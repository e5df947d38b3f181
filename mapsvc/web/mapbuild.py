"""Build the map and embed pages with folium, with every asset served locally.

folium draws the Leaflet map and its tile layer; the incidents are not
inlined: ``static/mapsvc.js`` loads them from the items endpoint for the
current view, clusters them and builds popups from JSON with DOM APIs
(``textContent``), never from HTML strings.
"""
from __future__ import annotations

import logging
import re
from typing import Iterable, Optional

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from ..model import CATEGORIES

__all__ = ["CATEGORY_COLOURS", "CATEGORY_LABELS", "EMBED_CONTROLS", "build_map_html"]

logger = logging.getLogger(__name__)

#: One colour per category (colour-blind-safe-ish, distinct on light and dark).
CATEGORY_COLOURS = {
    "strike": "#d62728", "battle": "#8c2d04", "civilian_harm": "#e377c2",
    "humanitarian": "#1f77b4", "restriction": "#7f7f7f", "political": "#9467bd",
    "military": "#2ca02c", "disaster": "#ff7f0e", "other": "#17becf",
}
CATEGORY_LABELS = {name: name.replace("_", " ").capitalize() for name in CATEGORIES}

#: Controls an embedded map may show (``controls=`` parameter).
EMBED_CONTROLS = ("zoom", "legend", "filters", "list", "download", "link")

DEFAULT_CENTER = (30.0, 35.0)  # lon, lat
DEFAULT_ZOOM = 3


class _Init(MacroElement):
    """Call ``mapsvcInit`` after the map and its tile layer exist."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "mapsvcInit({{ this.map_name }}, {{ this.tile_name }}, {{ this.config|tojson }});"
        "{% endmacro %}")

    def __init__(self, *, map_name: str, tile_name: str, config: dict):
        super().__init__()
        self._name = "MapsvcInit"
        self.map_name = map_name
        self.tile_name = tile_name
        self.config = config


def _assets(urls: dict) -> tuple:
    js = [("leaflet", urls["leaflet_js"]), ("markercluster", urls["markercluster_js"]),
          ("mapsvc", urls["mapsvc_js"])]
    css = [("leaflet_css", urls["leaflet_css"]), ("markercluster_css", urls["markercluster_css"]),
           ("markercluster_default_css", urls["markercluster_default_css"]),
           ("mapsvc_css", urls["mapsvc_css"])]
    return js, css


def build_map_html(*, urls: dict, config: dict, panel_html: str, tiles: str,
                   attribution: str, center: Optional[tuple] = None, zoom: Optional[int] = None,
                   controls: Iterable[str] = EMBED_CONTROLS, title: str = "mapsvc") -> str:
    """Render the whole HTML page of the map.

    Parameters
    ----------
    urls
        Local URLs of the assets (``leaflet_js``, ``leaflet_css``, ``markercluster_js``,
        ``markercluster_css``, ``markercluster_default_css``, ``mapsvc_js``, ``mapsvc_css``).
    config
        JSON-able settings for ``mapsvcInit`` (API URLs, filters, colours ...).
    panel_html
        Escaped markup (from a Jinja template) placed before the map.
    tiles, attribution
        Tile URL template or ``"offline"``, and its attribution.
    center, zoom
        The initial view as ``(lon, lat)`` and a zoom level.

    Examples
    --------
    >>> urls = dict.fromkeys(["leaflet_js", "leaflet_css", "markercluster_js", "markercluster_css",
    ...                       "markercluster_default_css", "mapsvc_js", "mapsvc_css"], "/x")
    >>> html = build_map_html(urls=urls, config={}, panel_html="", tiles="offline", attribution="")
    >>> "cdn" in html
    False
    """
    lon, lat = center or DEFAULT_CENTER
    controls = set(controls)
    fmap = folium.Map(location=[lat, lon], zoom_start=DEFAULT_ZOOM if zoom is None else zoom,
                      tiles=None, zoom_control="zoom" in controls, control_scale=True,
                      world_copy_jump=False, min_zoom=1, max_zoom=18)
    fmap.default_js, fmap.default_css = _assets(urls)
    tile_name = "null"
    if tiles and tiles != "offline":
        layer = folium.TileLayer(tiles=tiles, attr=attribution, name="base", max_zoom=18)
        layer.add_to(fmap)
        tile_name = layer.get_name()
    root = fmap.get_root()
    root.header.add_child(Element(f"<title>{_escape(title)}</title>"
                                  '<link rel="icon" href="data:,">'))
    root.html.add_child(Element(panel_html))
    fmap.add_child(_Init(map_name=fmap.get_name(), tile_name=tile_name, config=config))
    html = root.render()
    # folium forbids pinch zoom of the page; people who need to enlarge text must be able to
    return re.sub(r",\s*maximum-scale=1\.0,\s*user-scalable=no", "", html, count=1)


def _escape(text: str) -> str:
    from markupsafe import escape
    return str(escape(text))
