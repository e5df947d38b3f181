"""Which date expressions of a sentence do not date its event: a yardstick ("the deadliest day since
October", "the third shooting this year"), a standard ("lower than the previous night"), the start of a
period declared ("mourning starting Monday"), and an expression an apposition says again more exactly
("last week, on Jan. 5")."""
from __future__ import annotations

import re

__all__ = ["measures_another", "restated_by"]


def measures_another(name: str, m, window: str) -> bool:
    """The expression (``name``, its match ``m``) measures something else than the event, by the words
    before it (``window``)."""
    if _COMPARED.search(window + " since" if m.group(0).lower().startswith("since") else window):
        return True  # "the deadliest day since October": a yardstick, not the event's date
    if _THAN.search(window) or _STARTING.search(window):
        return True  # "lower than the previous night": a standard; "mourning starting Monday": a start
    # "the strongest storm to hit Asia this year", "the third shooting this month": a yardstick
    return name in _PERIODS and bool(_RANKED.search(window))


def restated_by(name: str, following: str) -> bool:
    """An expression that the next one, set after it as an apposition, says more exactly: a calendar
    date after any other; a weekday after a span counted from another day, or a week, month or year."""
    if following in _CALENDAR:
        return name not in _CALENDAR
    return following == "weekday" and name in ("apart", "rel_week", "rel_month", "rel_year")


#: Calendar dates, which say the day whatever was said before them.
_CALENDAR = frozenset({"md", "dm", "iso"})
_STARTING = re.compile(r"\b(?:starting|beginning|effective)\s+(?:on\s+|from\s+)?$", re.I)
_THAN = re.compile(r"\bthan\s+(?:on\s+|in\s+|during\s+|at\s+)?$", re.I)
#: Superlatives that rank an event against others.
_SUPERLATIVES = (r"deadliest|bloodiest|worst|biggest|largest|heaviest|fiercest|strongest|highest|lowest|longest|"
                 r"greatest|hottest|wettest|coldest|busiest")
_COMPARED = re.compile(r"\b(?:" + _SUPERLATIVES + r"|first|most|only)\b[^.;]{0,50}\bsince\s*$", re.I)
#: Date expressions that name a period a ranking runs over ("this year"), not a day.
_PERIODS = frozenset({"rel_year", "rel_month", "year", "month"})
#: A superlative or an ordinal before such a period, in the same phrase.
_RANKED = re.compile(r"\b(?:" + _SUPERLATIVES + r"|most|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                     r"tenth|\d+(?:st|nd|rd|th))\b[^.;,:()]{0,50}$", re.I)
