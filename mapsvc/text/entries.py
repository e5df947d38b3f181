"""Live-blog entry headers: the lines that start an entry ("Tue 16:40", "Monday 11 September",
"09:15 GMT") and the day each one stands for."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from .timeparse import MONTH_PATTERN as _MON, WEEKDAY_PATTERN as _WD, WEEKDAYS, resolve_dates

__all__ = ["parse_entry_header", "is_time_line"]

#: What may follow a clock time in a header: "a.m.", a zone ("GMT", "HST", "AEST", "UTC+3"), "local time".
_ZONE = r"(?:\s*[ap]\.?m\.?)?(?:\s*(?:(?-i:[A-Z]{2,5})(?:[+-]\d{1,2})?|local(?:\s+time)?))?"
_ENTRY_HEADER = re.compile(r"^\s*\[?\s*" + _WD + r"\.?,?\s+(?:(?P<day>\d{1,2})\s+(?P<mon2>[A-Za-z]+)\s+)?"
                           r"(?P<hh>\d{1,2})[:.](?P<mm>\d{2})" + _ZONE + r"\s*\]?\s*$", re.I)
_DATE_LINE = re.compile(
    r"^\s*(?:" + _WD.replace("?P<wd>", "?:") + r",?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+" + _MON.replace("?P<mon>", "?:")
    + r"|" + _MON.replace("?P<mon>", "?:") + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?"
    r"(?:,?\s+\d{1,2}[:.]\d{2}" + _ZONE + r")?\s*$", re.I)
_TIME_ONLY = re.compile(r"^\s*\[?\s*(?P<hh>[01]?\d|2[0-3])[:.](?P<mm>[0-5]\d)" + _ZONE + r"\s*\]?\s*$")


def parse_entry_header(line: str, *, published: date) -> Optional[date]:
    """The day of a live-blog entry header such as "Tue 16:40", or None for other lines.

    A weekday header is the latest such day on or before ``published``; a date line
    ("Monday 11 September", "September 11, 2023 14:05") is that day.

    >>> parse_entry_header("Mon 21:45", published=date(2023, 9, 12))
    datetime.date(2023, 9, 11)
    >>> parse_entry_header("Mon 21:45 HST", published=date(2023, 9, 12))
    datetime.date(2023, 9, 11)
    >>> parse_entry_header("Residents fled.", published=date(2023, 9, 12)) is None
    True
    """
    m = _ENTRY_HEADER.match(line)
    if m:
        wd = WEEKDAYS[m.group("wd").lower()]
        return published - timedelta(days=(published.weekday() - wd) % 7)
    if _DATE_LINE.match(line):
        found = resolve_dates(line, published=published)
        if found is not None and found.precision == "day":
            return found.best
    return None


def is_time_line(line: str) -> bool:
    """True for a line that is only a clock time ("09:15 GMT"), a live-blog entry of the same day.

    >>> is_time_line("09:15 GMT"), is_time_line("At 09:15 shelling began.")
    (True, False)
    """
    return bool(_TIME_ONLY.match(line))
