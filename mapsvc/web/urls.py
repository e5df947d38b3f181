"""Absolute links from the configured public address, never from the request's Host.

A response marked ``Cache-Control: public`` that echoed the ``Host`` header in its
links could be cached by a proxy with an attacker's host in them. Links start
with ``BASE_URL`` when it is set; otherwise with the request's host only when
that host was vouched for: by ``PROXY_FIX`` (werkzeug's ProxyFix, trusting that
many proxies' ``X-Forwarded-*`` headers) or by Flask's ``TRUSTED_HOSTS``.
Otherwise links start with ``http://localhost``, which a client on the same
machine can follow and nobody can poison.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, request, url_for

__all__ = ["external_url", "public_base_url"]

FALLBACK_BASE_URL = "http://localhost"


def public_base_url() -> str:
    """``scheme://host[/prefix]`` that absolute links start with (no trailing slash)."""
    cfg = current_app.config
    base = (cfg.get("BASE_URL") or "").rstrip("/")
    if base:
        return base
    if cfg.get("PROXY_FIX") or cfg.get("TRUSTED_HOSTS"):
        return request.host_url.rstrip("/")  # vouched for: by the proxy, or checked by Flask
    return FALLBACK_BASE_URL


def external_url(endpoint: str, **values) -> str:
    """``url_for(endpoint, **values)`` made absolute with :func:`public_base_url`."""
    path = url_for(endpoint, **values)  # starts with the app's script root
    base = public_base_url()
    if current_app.config.get("BASE_URL"):
        root = request.script_root if request else ""
        if root and path.startswith(root):
            path = path[len(root):]
    return base + path


def validate_base_url(value: str) -> str:
    """Check ``BASE_URL``: an absolute http(s) URL without query or fragment."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"BASE_URL {value!r}: give an absolute http(s) URL such as https://maps.example.org")
    return value.rstrip("/")
