"""Stretches of time counted in days, weeks, months or years from a day ("two days earlier", "three weeks
ago", "over the past year"), for :mod:`mapsvc.text.timeparse`: each handler takes the pattern's match and
gives ``(start, end, best, precision)``."""
from __future__ import annotations

from datetime import timedelta

__all__ = ["COUNT_PATTERN", "ago", "apart", "past"]

_NUMWORD = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
            "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
            "twenty": 20, "a couple of": 2, "a few": 3, "several": 3}
#: A count of days or weeks (group ``n``): digits or one of the number words above, longest first.
COUNT_PATTERN = r"(?P<n>\d+|" + "|".join(sorted(_NUMWORD, key=len, reverse=True)) + ")"


def _count(m) -> int:
    raw = (m.group("n") or "1").lower()
    return int(raw) if raw.isdigit() else _NUMWORD.get(raw, 1)


def ago(m, ref):
    """ "three weeks ago": about that long before ``ref``."""
    n, unit = _count(m), m.group("unit").lower()
    if unit == "decade":
        unit, n = "year", n * 10
    if unit == "day":
        day = ref - timedelta(days=n)
        return day, day, day, "day"
    best = ref - timedelta(days={"week": 7, "month": 30, "year": 365}[unit] * n)
    spread = timedelta(days={"week": 3, "month": 10, "year": 120}[unit])
    return best - spread, min(ref, best + spread), best, unit


def past(m, ref):
    """ "over the past year", "in the last 24 hours": the stretch up to ``ref``, dated at its middle when it
    is longer than a week (a year's events are no one day's news)."""
    days = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}[m.group("unit").lower()]
    days *= _count(m)
    start = ref - timedelta(days=max(1, round(days)))
    if days <= 7:
        return start, ref, ref, "day" if days <= 1 else "week"
    return start, ref, start + (ref - start) / 2, "month" if days <= 92 else "year"


def apart(m, ref, previous):
    """ "two days earlier", "a week later": counted from the event told before, else from ``ref``."""
    days = _count(m) * (7 if m.group("unit").lower() == "week" else 1)
    sign = -1 if m.group("dir").lower() in ("earlier", "before") else 1
    best = (previous or ref) + timedelta(days=sign * days)
    if m.group("unit").lower() == "week":
        return best - timedelta(days=2), best + timedelta(days=2), best, "week"
    return best, best, best, "day"
