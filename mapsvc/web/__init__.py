"""The web service: an app factory, the OGC API, downloads, the map and embed pages.

``create_app()`` builds a Flask app from the instance configuration; there is
no module-level app. The store is opened on first use, the gazetteer only when
``POST /reports`` needs it.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Mapping, Optional

from flask import Flask, current_app, request

from ..config import instance_path, load_config
from ..errors import ConfigError
from ..resources import templates_dir
from .errors import register_error_handlers
from .headers import register_header_hooks
from .limits import register_limits
from .params import check_request_text
from .urls import validate_base_url

__all__ = ["create_app", "get_store", "get_gazetteer", "get_extractor"]


def create_app(test_config: Optional[Mapping] = None) -> Flask:
    """Create the mapsvc Flask app.

    Parameters
    ----------
    test_config
        Configuration values that override the instance ``config.py`` and
        ``MAPSVC_*`` environment variables (``INSTANCE_PATH`` chooses the folder).

    Examples
    --------
    >>> app = create_app({"INSTANCE_PATH": "/tmp/mapsvc-doctest", "TILES": "offline"})
    >>> app.config["TILES"]
    'offline'
    """
    overrides = dict(test_config or {})
    instance = Path(overrides.pop("INSTANCE_PATH", None) or instance_path())
    cfg = load_config(instance, overrides)
    app = Flask(__name__, instance_path=str(instance), instance_relative_config=True,
                template_folder=str(templates_dir()), static_folder="static",
                static_url_path="/static")
    _configure(app, cfg)
    _register(app)
    if int(cfg.get("PROXY_FIX") or 0) > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix
        hops = int(cfg["PROXY_FIX"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops,
                                x_port=hops, x_prefix=hops)
    return app


def _configure(app: Flask, cfg: dict) -> None:
    """Put the loaded configuration on the app: limits, JSON settings, BASE_URL, secret key."""
    app.config.update(cfg)
    app.config["MAX_CONTENT_LENGTH"] = int(cfg["MAX_REPORT_BYTES"]) + 64 * 1024
    app.config.setdefault("JSON_SORT_KEYS", False)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    if cfg.get("BASE_URL"):
        try:
            app.config["BASE_URL"] = validate_base_url(str(cfg["BASE_URL"]))
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
    if cfg.get("SECRET_KEY"):
        app.secret_key = cfg["SECRET_KEY"]


def _register(app: Flask) -> None:
    """The blueprints, error handlers, header hooks and the request text check."""
    from .aggregates import bp as aggregates_bp
    from .api import bp as api_bp
    from .assets import bp as assets_bp
    from .basemap import bp as basemap_bp
    from .incident import bp as incident_bp
    from .jobs import bp as jobs_bp
    from .pages import bp as pages_bp
    from .write import bp as write_bp
    app.register_blueprint(api_bp)
    app.register_blueprint(aggregates_bp)
    app.register_blueprint(incident_bp)
    app.register_blueprint(write_bp)
    app.register_blueprint(jobs_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(assets_bp)
    app.register_blueprint(basemap_bp)
    register_error_handlers(app)
    register_header_hooks(app)
    register_limits(app)
    _compress(app)
    app.before_request(_check_request_text)


#: Answers worth compressing: a map view's GeoJSON shrinks about tenfold.
COMPRESSED_TYPES = ["application/json", "application/geo+json", "application/schema+json",
                    "application/vnd.oai.openapi+json", "text/csv", "text/html", "text/css",
                    "application/javascript", "text/javascript", "application/vnd.google-earth.kml+xml"]


def _compress(app: Flask) -> None:
    """br or gzip for clients that accept it (flask-compress).  Registered after the header hook so
    that it runs before it: ETags and 304s are computed on the bytes that are sent."""
    from flask_compress import Compress

    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 4)  # fast enough per request; 11 costs 10x the CPU
    app.config.setdefault("COMPRESS_LEVEL", 6)
    app.config.setdefault("COMPRESS_MIN_SIZE", 1024)
    Compress(app)


def _check_request_text():
    """Every request's path and query text is checked before any view sees it."""
    check_request_text(request.path, request.args)


def get_store():
    """The app's store, opened on first use (one per process)."""
    store = current_app.extensions.get("mapsvc.store.store")
    if store is None:
        from ..store.store import Store
        store = Store.from_config(dict(current_app.config))
        current_app.extensions["mapsvc.store.store"] = store
    return store


def get_gazetteer():
    """The gazetteer, opened on first use (only ``POST /reports`` needs it)."""
    gazetteer = current_app.extensions.get("mapsvc.gazetteer.index")
    if gazetteer is None:
        from ..gazetteer.index import Gazetteer
        gazetteer = Gazetteer.from_config(dict(current_app.config), progress=False)
        current_app.extensions["mapsvc.gazetteer.index"] = gazetteer
    return gazetteer


def get_extractor():
    """``report -> incidents`` over the app's gazetteer (for ``POST /reports``)."""
    from ..extract.pipeline import extract_incidents

    if "mapsvc.geocoder" not in current_app.extensions:  # one cache and rate limit for the app
        from ..gazetteer.geocoders import fallback_geocoder
        current_app.extensions["mapsvc.geocoder"] = fallback_geocoder(dict(current_app.config))
    return functools.partial(extract_incidents, gazetteer=get_gazetteer(),
                             nlp_model=current_app.config.get("NLP_MODEL"),
                             geocoder=current_app.extensions["mapsvc.geocoder"])
