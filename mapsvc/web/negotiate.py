"""Which representation a request asks for (``f=`` or ``Accept``), and which parameters it may send.

OGC API - Features lets a server answer 400 to parameters it does not know;
mapsvc does on every JSON resource, so that a typing slip (``?limt=5``,
``?bbbox=...``) is reported instead of silently ignored.  The HTML pages stay
lenient: links shared around the web carry tracking parameters.
"""
from __future__ import annotations

from flask import request

from ..errors import InvalidParameter

__all__ = ["FILTER_PARAMS", "ITEMS_PARAMS", "check_params", "wanted_format"]

#: The filters of items pages, downloads and pages.
FILTER_PARAMS = frozenset({"bbox", "datetime", "category", "q"})
ITEMS_PARAMS = FILTER_PARAMS | {"limit", "offset", "f"}
#: ``f=`` values and the media type each names.
_MEDIA = {"json": "application/json", "geojson": "application/geo+json", "html": "text/html",
          "jsonschema": "application/schema+json"}


def check_params(allowed) -> None:
    """Refuse (400) a parameter outside ``allowed``, naming it and the ones allowed."""
    unknown = sorted(k for k in request.args.keys() if k not in allowed)
    if unknown:
        shown = ", ".join(repr(k[:40]) for k in unknown[:5])
        known = ", ".join(sorted(allowed)) or "none"
        raise InvalidParameter(f"unknown parameter {shown}; this resource takes: {known}")


def wanted_format(offered: tuple) -> str:
    """The format among ``offered`` (``f=`` names such as "json", "html") the request asks for.

    ``f=`` decides when given (400 when it is not offered).  Otherwise ``Accept``
    does: HTML only when the client ranks ``text/html`` above JSON (a browser);
    ``*/*``, ``application/json`` or no header get the first JSON-like format offered.
    """
    fmt = request.args.get("f")
    if fmt is not None:  # "f=" with no value is refused too: it names no format
        if fmt not in offered:
            raise InvalidParameter(f"f: {fmt[:20]!r} is not one of {', '.join(offered)}")
        return fmt
    accept = request.accept_mimetypes
    json_like = [f for f in offered if f != "html"]
    if "html" in offered and accept.provided:
        html_q = accept["text/html"]  # a browser: 1, against */*;q=0.8 for JSON
        json_q = max((accept[_MEDIA[f]] for f in json_like), default=0)
        if html_q > json_q:
            return "html"
    return json_like[0] if json_like else offered[0]
