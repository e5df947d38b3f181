"""The HTML pages: the map (``/``) and the embeddable map (``/embed``)."""
from __future__ import annotations

import secrets

from flask import Blueprint, Response, current_app, render_template, request, url_for

from ..errors import InvalidParameter
from ..export import FORMATS
from ..model import CATEGORIES
from .headers import content_security_policy
from .negotiate import wanted_format
from .mapbuild import CATEGORY_COLOURS, CATEGORY_LABELS, EMBED_CONTROLS, build_map_parts
from .params import parse_center, parse_filters, parse_zoom
from .urls import external_url

__all__ = ["bp", "page_config", "parse_controls"]

bp = Blueprint("pages", __name__)

DEFAULT_EMBED_CONTROLS = ("zoom", "legend", "link")
PAGE_SIZE = 2000
MAX_LOADED = 20000


def parse_controls(raw, *, default) -> tuple:
    """``controls=zoom,legend`` (or ``none``/``all``) to a tuple of known control names."""
    if raw is None or raw.strip() == "":
        return tuple(default)
    names = [n.strip() for n in raw.split(",") if n.strip()]
    if names == ["none"]:
        return ()
    if names == ["all"]:
        return EMBED_CONTROLS
    unknown = [n for n in names if n not in EMBED_CONTROLS]
    if unknown:
        raise InvalidParameter(f"controls: unknown {', '.join(repr(u) for u in unknown[:5])}; "
                               f"known: {', '.join(EMBED_CONTROLS)}, none, all")
    return tuple(dict.fromkeys(names))


def _asset_urls() -> tuple:
    """The page's scripts and stylesheets, all served by this app."""
    def vendor(name, filename):
        return url_for("assets.vendor", name=name, filename=filename)
    scripts = [vendor("leaflet", "leaflet.js"), vendor("markercluster", "leaflet.markercluster.js"),
               url_for("static", filename="mapsvc.js"), url_for("static", filename="mapsvc-overview.js")]
    stylesheets = [vendor("leaflet", "leaflet.css"), vendor("markercluster", "MarkerCluster.css"),
                   vendor("markercluster", "MarkerCluster.Default.css"),
                   url_for("static", filename="mapsvc.css")]
    return scripts, stylesheets


def page_config(*, mode: str, filters, center, zoom, controls) -> dict:
    """The JSON settings the page script starts from."""
    cfg = current_app.config
    start, end = filters.datetime or (None, None)
    return {
        "mode": mode,
        "itemsUrl": url_for("api.items", collection_id="incidents"),
        "clustersUrl": url_for("aggregates.clusters"),
        "incidentBase": url_for("incident.incident_page", incident_id="ID")[:-len("ID")],
        "histogramUrl": url_for("aggregates.histogram"),
        "collectionUrl": url_for("api.collection", collection_id="incidents"),
        "refreshSeconds": cfg.get("MAP_REFRESH_SECONDS", 30),
        "downloadUrls": {fmt: url_for("api.download", fmt=fmt) for fmt in FORMATS},
        "pageUrl": external_url("pages.index"),
        "embedUrl": external_url("pages.embed"),
        "worldUrl": url_for("assets.world"),
        "labelsUrl": url_for("basemap.labels"),
        "adminUrl": url_for("basemap.admin1_lines"),
        "placesUrl": url_for("basemap.places"),
        "leafletImages": url_for("assets.vendor", name="leaflet", filename="images/"),
        "offline": cfg.get("TILES") in (None, "", "offline"),
        "categories": [{"name": n, "label": CATEGORY_LABELS[n], "colour": CATEGORY_COLOURS[n],
                        "description": CATEGORIES[n]} for n in CATEGORIES],
        "filters": {"categories": list(filters.categories) if filters.categories else None,
                    "start": start.isoformat() if start else None,
                    "end": end.isoformat() if end else None, "q": filters.q},
        "view": {"center": list(center) if center else None, "zoom": zoom},
        "controls": list(controls),
        "pageSize": min(PAGE_SIZE, int(cfg["MAX_ITEMS"])),
        "maxLoaded": MAX_LOADED,
    }


def _render(mode: str, *, default_controls) -> Response:
    args = request.args
    filters = parse_filters(args, default_limit=1, max_limit=10**9)
    center, zoom = parse_center(args.get("center")), parse_zoom(args.get("zoom"))
    controls = parse_controls(args.get("controls"), default=default_controls)
    config = page_config(mode=mode, filters=filters, center=center, zoom=zoom, controls=controls)
    nonce = secrets.token_urlsafe(18)
    parts = build_map_parts(nonce=nonce, tiles=current_app.config.get("TILES") or "offline",
                            attribution=current_app.config.get("TILES_ATTRIBUTION") or "",
                            center=center, zoom=zoom, controls=controls)
    scripts, stylesheets = _asset_urls()
    html = render_template("map_page.html", mode=mode, controls=controls, config=config,
                           categories=config["categories"], map=parts, nonce=nonce,
                           scripts=scripts, stylesheets=stylesheets,
                           title="Incident map" if mode == "embed" else "mapsvc: incident map")
    response = Response(html, mimetype="text/html")
    if mode == "embed":
        ancestors = current_app.config.get("EMBED_ORIGINS") or []
    else:
        ancestors = ["'self'"]
    response.headers["Content-Security-Policy"] = content_security_policy(frame_ancestors=ancestors, nonce=nonce)
    response.headers["Cache-Control"] = "no-cache"
    # tile servers (OpenStreetMap's among them) refuse requests without a Referer
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    return response


@bp.get("/")
def index():
    """The map page for browsers (``Accept: text/html`` first, or ``?f=html``); the OGC API
    landing page (JSON) for every other client and ``?f=json``."""
    if wanted_format(("html", "json")) == "json":
        from .api import landing_page
        response = landing_page()
    else:
        response = _render("full", default_controls=EMBED_CONTROLS)
    response.vary.add("Accept")  # one URL, two representations: caches must keep both
    return response


@bp.get("/embed")
def embed():
    """The map alone, for an iframe; options in the URL (filters, center, zoom, controls)."""
    return _render("embed", default_controls=DEFAULT_EMBED_CONTROLS)
