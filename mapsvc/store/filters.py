"""Query filters (bbox, datetime, category, q, limit, offset): one rule per filter.

The ``parse_*`` functions read the text of the HTTP API and the ``export``
command; ``parse_filters`` turns a whole query string into the keyword
arguments of ``Store.query``. The ``validate_*`` functions check the values
``Store.query`` is given, with the same rules. A :class:`BBox` is checked when
it is made, so a parsed bbox is not checked again. Every bad value raises
:class:`InvalidParameter` naming the parameter.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from datetime import date
from typing import Mapping, Optional

from ..errors import InvalidParameter
from ..model import CATEGORIES, check_point
from ..text.reports import parse_date

__all__ = [
    "MAX_LIMIT", "BBox", "validate_bbox", "validate_interval", "validate_categories", "validate_paging",
    "parse_bbox", "parse_datetime", "parse_categories", "parse_int", "parse_filters",
]

#: Hard ceiling on one page (the web layer applies its own, smaller MAX_ITEMS).
MAX_LIMIT = 1_000_000
_OPEN = ("..", "")


@dataclass(frozen=True)
class BBox:
    """A bounding box, valid by construction; ``minlon > maxlon`` crosses the antimeridian.

    >>> BBox(170, -10, -170, "10")
    BBox(minlon=170.0, minlat=-10.0, maxlon=-170.0, maxlat=10.0)
    >>> BBox(0, 10, 1, 5)
    Traceback (most recent call last):
    ...
    mapsvc.errors.InvalidParameter: bbox: minlat 10.0 is greater than maxlat 5.0
    """

    minlon: float
    minlat: float
    maxlon: float
    maxlat: float

    def __post_init__(self) -> None:
        minlon, minlat = check_point(self.minlon, self.minlat, what="bbox")
        maxlon, maxlat = check_point(self.maxlon, self.maxlat, what="bbox")
        if minlat > maxlat:
            raise InvalidParameter(f"bbox: minlat {minlat} is greater than maxlat {maxlat}")
        for name, value in (("minlon", minlon), ("minlat", minlat), ("maxlon", maxlon), ("maxlat", maxlat)):
            object.__setattr__(self, name, value)  # the numbers as floats

    def as_tuple(self) -> tuple:
        """``(minlon, minlat, maxlon, maxlat)``."""
        return (self.minlon, self.minlat, self.maxlon, self.maxlat)


_DIGITS = re.compile(r"[0-9]{1,18}")

def validate_bbox(bbox) -> Optional[BBox]:
    """A :class:`BBox` from four numbers ``(minlon, minlat, maxlon, maxlat)``; a BBox is returned as it is.

    >>> validate_bbox([170, -10, -170, 10]).as_tuple()
    (170.0, -10.0, -170.0, 10.0)
    """
    if bbox is None or isinstance(bbox, BBox):
        return bbox
    try:
        values = tuple(bbox)
    except TypeError as exc:
        raise InvalidParameter(f"bbox must be four numbers, got {bbox!r}") from exc
    if len(values) != 4:
        raise InvalidParameter(f"bbox must be four numbers minlon,minlat,maxlon,maxlat, got {bbox!r}")
    return BBox(*values)


def validate_interval(interval) -> Optional[tuple]:
    """Check a closed ``(start, end)`` date interval; either end may be None (open); one date is an instant.

    >>> validate_interval(("2022-03-01", None))
    (datetime.date(2022, 3, 1), None)
    """
    if interval is None:
        return None
    if isinstance(interval, (date, str)):
        day = parse_date(interval, what="datetime")
        return (day, day)
    try:
        start, end = interval
    except (TypeError, ValueError) as exc:
        raise InvalidParameter(f"datetime must be (start, end), got {interval!r}") from exc
    start, end = parse_date(start, what="datetime start"), parse_date(end, what="datetime end")
    if start and end and start > end:
        raise InvalidParameter(f"datetime: the start {start} is after the end {end}")
    return (start, end)


def validate_categories(categories) -> Optional[tuple]:
    """Check category names against the taxonomy, once each; an empty selection means all.

    >>> validate_categories(["strike", "battle", "strike"])
    ('strike', 'battle')
    """
    if categories is None:
        return None
    if isinstance(categories, str):
        categories = categories.split(",")
    names = tuple(dict.fromkeys(str(c).strip() for c in categories if str(c).strip()))
    unknown = [c for c in names if c not in CATEGORIES]
    if unknown:
        raise InvalidParameter(f"category: unknown {', '.join(unknown)}; known: {', '.join(CATEGORIES)}")
    return names or None


def parse_int(name: str, value, *, minimum: int = 0, maximum: Optional[int] = None) -> int:
    """A whole number (an int, or its digits as text) within bounds.

    >>> parse_int("limit", "5", maximum=10)
    5
    >>> parse_int("limit", "+5")
    Traceback (most recent call last):
    mapsvc.errors.InvalidParameter: limit '+5': not a whole number (digits 0-9 only)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value)
        # ASCII digits only: Python's int() also takes "+5", " 5", "5_000" and "٥"
        if not _DIGITS.fullmatch(text):
            raise InvalidParameter(f"{name} {text[:20]!r}: not a whole number (digits 0-9 only)")
        number = int(text, 10)
    if number < minimum or (maximum is not None and number > maximum):
        upper = f" and at most {maximum}" if maximum is not None else ""
        raise InvalidParameter(f"{name} {number}: must be at least {minimum}{upper}")
    return number


def validate_paging(limit, offset) -> tuple[int, int]:
    """Check ``limit`` and ``offset``: whole numbers from 0, limit at most MAX_LIMIT;
    ``None`` means no limit, or offset 0.

    >>> validate_paging(None, "20")
    (1000000, 20)
    """
    limit = MAX_LIMIT if limit is None else parse_int("limit", limit, maximum=MAX_LIMIT)
    return limit, parse_int("offset", offset or 0)


def parse_bbox(text: str) -> BBox:
    """``minlon,minlat,maxlon,maxlat`` (or a 3D bbox, whose heights are dropped) to a :class:`BBox`.

    >>> parse_bbox("170,-10,-170,10").as_tuple()
    (170.0, -10.0, -170.0, 10.0)
    """
    parts = text.split(",")
    if len(parts) == 6:  # 3D bbox: drop the heights
        parts = [parts[0], parts[1], parts[3], parts[4]]
    if len(parts) != 4:
        raise InvalidParameter(f"bbox {text!r}: expected 4 numbers minlon,minlat,maxlon,maxlat")
    return BBox(*parts)


def _instant(text: str, *, whole: str) -> Optional[date]:
    return None if text in _OPEN else parse_date(text, what=f"datetime {whole!r}:")


def parse_datetime(text: str) -> tuple:
    """An instant or an interval ``a/b`` (``..`` or empty: open) to ``(start, end)`` dates.

    >>> parse_datetime("2022-03-01/..")
    (datetime.date(2022, 3, 1), None)
    """
    if "/" in text:
        first, _, second = text.partition("/")
        if "/" in second:
            raise InvalidParameter(f"datetime {text!r}: at most one '/'")
        interval = (_instant(first, whole=text), _instant(second, whole=text))
        if first in _OPEN and second in _OPEN:
            raise InvalidParameter(f"datetime {text!r}: both ends are open")
        return validate_interval(interval)
    if text in _OPEN:
        raise InvalidParameter(f"datetime {text!r}: not a date")
    day = _instant(text, whole=text)
    return (day, day)


def parse_categories(text: str) -> tuple:
    """A comma list of known categories.

    >>> parse_categories("strike,battle")
    ('strike', 'battle')
    """
    names = validate_categories(text)
    if not names:
        raise InvalidParameter(f"category {text!r}: empty; known: {', '.join(CATEGORIES)}")
    return names


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
