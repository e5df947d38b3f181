"""Build the map and embed pages: folium draws the Leaflet map, Jinja the page.

folium (branca) compiles the output of every element it renders as a new
Jinja template, so nothing that comes from a request or a report may pass
through it: folium gets only trusted values (numbers parsed from the URL, the
operator's tile settings) and draws the map object; the page itself is the
autoescaped template ``map_page.html``, which carries the page settings as a
``<script type="application/json">`` block (``|tojson``). ``static/mapsvc.js``
reads that block, loads the incidents from the items endpoint and builds
popups with DOM APIs (``textContent``), never from HTML strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

import folium
from branca.element import MacroElement
from jinja2 import Template
from markupsafe import Markup

from ..model import CATEGORIES, CATEGORY_COLOURS

__all__ = ["CATEGORY_COLOURS", "CATEGORY_LABELS", "EMBED_CONTROLS", "MapParts", "build_map_parts"]

CATEGORY_LABELS = {name: name.replace("_", " ").capitalize() for name in CATEGORIES}

#: Controls an embedded map may show (``controls=`` parameter).
EMBED_CONTROLS = ("zoom", "legend", "filters", "list", "download", "link", "timeline")

DEFAULT_CENTER = (30.0, 35.0)  # lon, lat
DEFAULT_ZOOM = 3

_INLINE_SCRIPT = re.compile(r"<script>")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class _Start(MacroElement):
    """Hand the map and its tile layer to ``mapsvcInit`` (both folium identifiers)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "mapsvcInit({{ this.map_name }}, {{ this.tile_name }});"
        "{% endmacro %}")

    def __init__(self, *, map_name: str, tile_name: str):
        super().__init__()
        self._name = "MapsvcStart"
        if not (_IDENTIFIER.match(map_name) and _IDENTIFIER.match(tile_name)):
            raise ValueError("map and tile names must be JavaScript identifiers")
        self.map_name = map_name
        self.tile_name = tile_name


@dataclass(frozen=True)
class MapParts:
    """folium's output for one page, as markup for ``map_page.html``."""

    header: Markup  # meta, styles, and the inline script tags (with the nonce)
    body: Markup  # the map's <div>
    script: Markup  # the script that creates the map and starts mapsvc.js


def build_map_parts(*, nonce: str, tiles: str, attribution: str,
                    center: Optional[tuple] = None, zoom: Optional[int] = None,
                    controls: Iterable[str] = EMBED_CONTROLS) -> MapParts:
    """Draw the Leaflet map with folium from trusted values only.

    Parameters
    ----------
    nonce
        The page's CSP nonce, put on folium's inline scripts.
    tiles, attribution
        Tile URL template or ``"offline"``, and its attribution (operator settings).
    center, zoom
        The initial view as ``(lon, lat)`` floats and a zoom level (parsed numbers).

    Examples
    --------
    >>> parts = build_map_parts(nonce="n0", tiles="offline", attribution="")
    >>> "mapsvcInit(map_" in parts.script and '<script nonce="n0">' in parts.header
    True
    """
    lon, lat = center or DEFAULT_CENTER
    controls = set(controls)
    fmap = folium.Map(location=[float(lat), float(lon)],
                      zoom_start=DEFAULT_ZOOM if zoom is None else int(zoom),
                      tiles=None, zoom_control="zoom" in controls, control_scale=True,
                      world_copy_jump=False, min_zoom=1, max_zoom=18)
    fmap.default_js, fmap.default_css = [], []  # assets are linked by map_page.html
    tile_name = "null"
    if tiles and tiles != "offline":
        layer = folium.TileLayer(tiles=tiles, attr=attribution, name="base", max_zoom=18)
        layer.add_to(fmap)
        tile_name = layer.get_name()
    fmap.add_child(_Start(map_name=fmap.get_name(), tile_name=tile_name))
    root = fmap.get_root()
    for child in root._children.values():  # what Figure.render does before its own template
        child.render()
    header = _INLINE_SCRIPT.sub(f'<script nonce="{nonce}">', root.header.render())
    # folium forbids pinch zoom of the page; people who need to enlarge text must be able to
    header = re.sub(r",\s*maximum-scale=1\.0,\s*user-scalable=no", "", header, count=1)
    return MapParts(header=Markup(header), body=Markup(root.html.render()),
                    script=Markup(root.script.render()))
