"""Response headers: CORS and caching on reads, Content-Security-Policy on pages."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, request

__all__ = ["register_header_hooks", "content_security_policy", "tile_origin"]

_READ_METHODS = {"GET", "HEAD"}


def tile_origin(tiles: str) -> str:
    """The scheme://host of a tile URL template ('' when offline or relative).

    >>> tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png")
    'https://*.tile.example.org'
    """
    if not tiles or tiles == "offline" or "://" not in tiles:
        return ""
    parts = urlsplit(tiles.replace("{s}", "SUBDOMAIN"))
    host = parts.netloc.replace("SUBDOMAIN", "*")
    return f"{parts.scheme}://{host}"


def content_security_policy(*, frame_ancestors, nonce: str) -> str:
    """The page CSP: scripts from this origin or carrying the page's nonce, tiles from the server."""
    tiles = tile_origin(current_app.config.get("TILES", ""))
    ancestors = " ".join(frame_ancestors) or "'none'"
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' data: {tiles}".strip(),
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        f"frame-ancestors {ancestors}",
    ])


def register_header_hooks(app: Flask) -> None:
    """CORS for every API answer; ETag, 304 and Cache-Control for successful reads."""

    @app.after_request
    def _headers(response):
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        if request.method == "OPTIONS":
            headers["Access-Control-Allow-Origin"] = "*"
            headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, PATCH, OPTIONS"
            headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, If-None-Match"
            headers["Access-Control-Max-Age"] = "3600"
            return response
        if request.method not in _READ_METHODS or response.status_code != 200:
            headers.setdefault("Access-Control-Allow-Origin", "*")
            return response
        headers.setdefault("Access-Control-Allow-Origin", "*")
        headers["Access-Control-Expose-Headers"] = "ETag, Content-Disposition, Link"
        if response.is_streamed or response.direct_passthrough:
            return response
        if "Cache-Control" not in headers:
            headers["Cache-Control"] = "public, max-age=60"
        response.add_etag()
        return response.make_conditional(request)
