"""Parse and validate query filters (bbox, datetime, category, q, limit, offset).

One parser for the HTTP API and the ``export`` command; its result is the
keyword arguments of ``Store.query``. Every bad value raises
:class:`InvalidParameter` naming the parameter.
"""
from __future__ import annotations

import math
from datetime import date
from typing import Mapping, Optional

from ..errors import InvalidParameter
from ..model import CATEGORIES

__all__ = ["parse_bbox", "parse_datetime", "parse_categories", "parse_int", "parse_filters", "FILTER_NAMES"]

FILTER_NAMES = ("bbox", "datetime", "category", "q", "limit", "offset")


def parse_bbox(text: str) -> tuple:
    """``minlon,minlat,maxlon,maxlat`` to a tuple; ``minlon > maxlon`` crosses the antimeridian.

    >>> parse_bbox("170,-10,-170,10")
    (170.0, -10.0, -170.0, 10.0)
    """
    parts = text.split(",")
    if len(parts) == 6:  # 3D bbox: drop the heights
        parts = [parts[0], parts[1], parts[3], parts[4]]
    if len(parts) != 4:
        raise InvalidParameter(f"bbox {text!r}: expected 4 numbers minlon,minlat,maxlon,maxlat")
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError as exc:
        raise InvalidParameter(f"bbox {text!r}: not numbers") from exc
    if not all(math.isfinite(v) for v in (minlon, minlat, maxlon, maxlat)):
        raise InvalidParameter(f"bbox {text!r}: not finite numbers")
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= minlat <= 90 and -90 <= maxlat <= 90):
        raise InvalidParameter(f"bbox {text!r}: longitudes must lie in [-180, 180] and latitudes in [-90, 90]")
    if minlat > maxlat:
        raise InvalidParameter(f"bbox {text!r}: minlat is greater than maxlat")
    return (minlon, minlat, maxlon, maxlat)


def _parse_instant(text: str, *, whole: str) -> Optional[date]:
    if text in ("..", ""):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise InvalidParameter(f"datetime {whole!r}: {text!r} is not a date (YYYY-MM-DD or RFC 3339)") from exc


def parse_datetime(text: str) -> tuple:
    """An instant or an interval ``a/b`` (``..`` or empty: open) to ``(start, end)`` dates.

    >>> parse_datetime("2022-03-01/..")
    (datetime.date(2022, 3, 1), None)
    """
    if "/" in text:
        first, _, second = text.partition("/")
        if "/" in second:
            raise InvalidParameter(f"datetime {text!r}: at most one '/'")
        start, end = _parse_instant(first, whole=text), _parse_instant(second, whole=text)
        if first in ("..", "") and second in ("..", ""):
            raise InvalidParameter(f"datetime {text!r}: both ends are open")
        if start and end and start > end:
            raise InvalidParameter(f"datetime {text!r}: the start is after the end")
        return (start, end)
    if text in ("..", ""):
        raise InvalidParameter(f"datetime {text!r}: not a date")
    day = _parse_instant(text, whole=text)
    return (day, day)


def parse_categories(text: str) -> tuple:
    """A comma list of known categories.

    >>> parse_categories("strike,battle")
    ('strike', 'battle')
    """
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [n for n in names if n not in CATEGORIES]
    if unknown or not names:
        raise InvalidParameter(f"category {text!r}: unknown {', '.join(unknown) or 'empty'}; "
                               f"known: {', '.join(CATEGORIES)}")
    return names


def parse_int(name: str, text: str, *, minimum: int = 0, maximum: Optional[int] = None) -> int:
    """A whole number within bounds."""
    try:
        value = int(text)
    except (TypeError, ValueError) as exc:
        raise InvalidParameter(f"{name} {text!r}: not a whole number") from exc
    if value < minimum or (maximum is not None and value > maximum):
        upper = f" and at most {maximum}" if maximum is not None else ""
        raise InvalidParameter(f"{name} {value}: must be at least {minimum}{upper}")
    return value


def parse_filters(args: Mapping[str, str], *, default_items: Optional[int] = 100,
                  max_items: Optional[int] = 10_000) -> dict:
    """Query-string values to ``Store.query`` keyword arguments.

    >>> parse_filters({"category": "strike", "limit": "5"})["limit"]
    5
    """
    out: dict = {"bbox": None, "datetime": None, "categories": None, "q": None,
                 "limit": default_items, "offset": 0}
    if args.get("bbox") is not None:
        out["bbox"] = parse_bbox(args["bbox"])
    if args.get("datetime") is not None:
        out["datetime"] = parse_datetime(args["datetime"])
    if args.get("category") is not None:
        out["categories"] = parse_categories(args["category"])
    if args.get("q") is not None:
        q = args["q"].strip()
        if len(q) > 200:
            raise InvalidParameter("q: at most 200 characters")
        out["q"] = q or None
    if args.get("limit") is not None:
        out["limit"] = parse_int("limit", args["limit"], minimum=0, maximum=max_items)
    if args.get("offset") is not None:
        out["offset"] = parse_int("offset", args["offset"], minimum=0)
    return out
