"""The request filters as a value (for store queries and page links), page parameters.

Filter parsing itself is ``mapsvc.store.filters`` (shared with ``mapsvc export``);
every bad value raises :class:`mapsvc.errors.InvalidParameter` naming the parameter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Optional

from ..errors import InvalidParameter
from ..model import check_point
from ..store.filters import BBox, parse_filters as _shared_parse, parse_int

__all__ = ["Filters", "parse_filters", "parse_center", "parse_zoom", "check_text", "check_request_text"]

# C0 controls but tab, and DEL: no parameter, title or name has them, and PostgreSQL
# refuses NUL in text outright
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_CONTROL_IN_TEXT = re.compile(r"\x00")  # report text keeps its line breaks and tabs


def check_text(name: str, value: str, *, multiline: bool = False) -> str:
    """Refuse text the store cannot keep: lone surrogates, NUL, and (unless multiline) controls.

    >>> check_text("q", "Kyiv")
    'Kyiv'
    >>> check_text("q", "a" + chr(0) + "b")
    Traceback (most recent call last):
    mapsvc.errors.InvalidParameter: q: control characters are not allowed (at character 1)
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidParameter(f"{name}: a lone surrogate at character {exc.start} is not text") from exc
    bad = (_CONTROL_IN_TEXT if multiline else _CONTROL).search(value)
    if bad:
        raise InvalidParameter(f"{name}: control characters are not allowed (at character {bad.start()})")
    return value


def check_request_text(path: str, args: Mapping[str, str]) -> None:
    """Check the path and every query parameter name and value of a request."""
    check_text("path", path)
    for key, value in args.items(multi=True) if hasattr(args, "getlist") else args.items():
        check_text("parameter name", key)
        check_text(key[:40], value)


@dataclass(frozen=True)
class Filters:
    """The validated filters of an items, download or page request."""

    bbox: Optional[BBox] = None
    datetime: Optional[tuple] = None  # (start | None, end | None) dates
    categories: Optional[tuple] = None
    q: Optional[str] = None
    limit: int = 100
    offset: int = 0

    def where_kwargs(self) -> dict:
        """The filters as keyword arguments of the store's aggregates (``clusters``, ``histogram``)."""
        return {"bbox": self.bbox, "datetime": self.datetime,
                "categories": list(self.categories) if self.categories else None, "q": self.q}

    def store_kwargs(self) -> dict:
        """Keyword arguments for ``Store.query``."""
        return {**self.where_kwargs(), "limit": self.limit, "offset": self.offset}

    def query_args(self) -> dict:
        """The filters as query-string values (for links), without limit/offset."""
        out = {}
        if self.bbox:
            out["bbox"] = ",".join(_fmt(v) for v in self.bbox.as_tuple())
        if self.datetime:
            start, end = self.datetime
            if start == end and start is not None:
                out["datetime"] = start.isoformat()
            else:
                out["datetime"] = "/".join(d.isoformat() if d else ".." for d in (start, end))
        if self.categories:
            out["category"] = ",".join(self.categories)
        if self.q:
            out["q"] = self.q
        return out


def _fmt(value: float) -> str:
    return ("%.6f" % value).rstrip("0").rstrip(".")


def parse_filters(args: Mapping[str, str], *, default_limit: int, max_limit: int, strict: bool = False) -> Filters:
    """Validate all filter parameters of a request (the shared ``mapsvc.store.filters`` parser).

    An empty value is no filter on a page (forms and shared links carry ``q=``); on an API
    resource (``strict``) only ``q=`` is, and an empty bbox, datetime, category, limit or
    offset is refused as the OpenAPI document says.

    >>> parse_filters({"category": "strike", "limit": "5"}, default_limit=10, max_limit=100).limit
    5
    """
    keep = (lambda k, v: v != "" or k != "q") if strict else (lambda k, v: v != "")
    values = _shared_parse({k: v for k, v in args.items() if keep(k, v)},
                           default_items=default_limit, max_items=max_limit)
    return Filters(**values)


def parse_center(raw: Optional[str]) -> Optional[tuple]:
    """Parse the page parameter ``center=lon,lat``.

    >>> parse_center("30.5,50.45")
    (30.5, 50.45)
    """
    if raw is None or raw == "":
        return None
    parts = raw.split(",")
    if len(parts) != 2:
        raise InvalidParameter("center: expected lon,lat")
    return check_point(*parts, what="center")


def parse_zoom(raw: Optional[str]) -> Optional[int]:
    """Parse the page parameter ``zoom`` (0..19)."""
    if raw is None or raw == "":
        return None
    return parse_int("zoom", raw, minimum=0, maximum=19)
