"""Date expressions in news text, resolved against the publication date.

``resolve_dates`` reads the first date expression of a sentence ("on Tuesday",
"overnight", "late last month", "on March 3", "since the weekend" ...) and
returns the range the text allows, the best single day and a precision.
Relative expressions count from ``anchor`` (a live-blog entry's day) or else
from ``published``; "the night before" and "the day before" count from
``previous`` (the date of the sentence before), when given.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from .datechoice import measures_another, restated_by
from .timespans import COUNT_PATTERN as _N, ago as _ago, apart as _apart, past as _past

__all__ = ["DateRange", "resolve_dates", "find_date_expressions", "WEEKDAYS", "MONTHS", "WEEKDAY_PATTERN",
           "MONTH_PATTERN"]

WEEKDAYS = {name: i for i, names in enumerate([
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
    ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]) for name in names}
MONTHS = {name: i + 1 for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")]) for name in names}


@dataclass(frozen=True)
class DateRange:
    """A date range: ``start`` to ``end`` inclusive, ``best`` inside it, and a precision."""

    start: date
    end: date
    best: date
    precision: str = "day"  # day | week | month | year

    @classmethod
    def day(cls, d: date) -> "DateRange":
        return cls(d, d, d, "day")


_WD = r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|march|mar|april|apr|may|june?|july?|aug(?:ust)?|"
        r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
#: Regular expressions of a weekday (group ``wd``) and a month name (group ``mon``), for other readers of dates.
WEEKDAY_PATTERN, MONTH_PATTERN = _WD, _MON
#: "days later", "two weeks later": counted on from a past event, no word of the future.
_NOT_AFTER_SPAN = "".join(f"(?<!{w} )" for w in ("minutes", "hours", "days", "weeks", "months", "years", "moments",
                                                  "hour", "day", "week", "month", "year", "decades"))
#: Words of the future; not "next to", which says where ("a block next to the market on Sunday": last Sunday).
_FUTURE = re.compile(r"\b(?:will|would|is due|are due|due to|to be held|scheduled|expected(?: to| on| by| at)?|"
                     r"plans? to|until|till|next(?!\s+to\b)|" + _NOT_AFTER_SPAN +
                     r"later(?!\s+(?:on|that|in the)\b)|upcoming|coming|is to|are to|shall)\b", re.I)


def _future_before(sentence: str, at: int) -> bool:
    """A word of the future in the 40 characters before ``at`` (read with what follows: "later on
    Wednesday" in a past clause is that Wednesday, not the next)."""
    start = max(0, at - 40)
    return any(f.start() < at for f in _FUTURE.finditer(sentence, start, min(len(sentence), at + 12)))


#: Nouns a year may name an event of ("the 2004 tsunami").
_EVENT_NOUNS = (r"(?:quake|earthquake|tsunami|floods?|fires?|wildfires?|bushfires?|storm|hurricane|cyclone|typhoon|"
                r"eruption|war|attacks?|bombings?|massacre|riots?|protests?|uprising|revolution|coup|election|"
                r"crash|disaster|famine|drought|landslide|offensive|invasion)")

# (name, pattern) tried in this order at each position; the earliest match wins.
_PATTERNS = [
    ("since_weekend", r"\bsince the weekend\b"),
    ("weekend", r"\b(?:over |at |during )?(?P<last>last |this |the )weekend\b"),
    ("part_month", r"\b(?:(?P<part>early|late|mid|the (?:start|beginning|end|middle) of|the first half of|"
                   r"the second half of)[\s-]+)(?:(?P<rel>last|this|next) month|" + _MON + r"(?:\s+(?P<year>\d{4}))?)\b"),
    ("rel_month", r"\b(?P<rel>last|this|next|earlier this|later this) month\b"),
    ("rel_week", r"\b(?P<rel>last|this|next|earlier this|later this) week\b"),
    ("rel_year", r"\b(?P<rel>last|this|next) year\b"),
    ("ago", r"\b" + _N + r"\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b"),
    ("past", r"\b(?:over|in|during|for|throughout|within) the (?:past|last|previous)\s+(?:" + _N
             + r"\s+)?(?P<unit>hour|day|week|month|year|decade)s?\b"),
    ("apart", r"\b" + _N + r"\s+(?P<unit>day|week)s?\s+(?P<dir>earlier|later|before|after)\b"),
    ("md", r"\b" + _MON + r"\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4}))?"),
    ("dm", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"\b(?:,?\s+(?P<year>\d{4}))?"),
    ("iso", r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    ("month", r"\b(?P<mpre>in|since|during|by|until|of|from|early|late|mid-?|last)\s+" + _MON
              + r"\b(?!\.?\s+\d{1,2}(?:st|nd|rd|th)?\b)(?:\s+(?P<year>\d{4})|,?\s+(?P<ryear>last|this) year\b)?"),
    ("night_before", r"\b(?:the|that) (?P<what>night|day|evening|morning) before\b|\bthe previous (?P<what2>night|day|evening)\b"),
    ("day_after", r"\b(?:the (?:next|following) (?:day|morning)|the day after)\b"),
    ("weekday", r"\b(?P<pre>last |this |next |on |since |late on |early on |by |until |till )?" + _WD +
                r"(?P<poss>'s|’s)?\b(?!\s*\d{1,2}:\d{2})"),
    ("yesterday", r"\b(?:yesterday|last night)\b"),
    ("overnight", r"\b(?:overnight|through the night|during the night)\b"),
    ("today", r"\b(?:today|this (?:morning|afternoon|evening)|tonight|earlier today|so far today)\b"),
    ("tomorrow", r"\btomorrow\b"),
    ("year", r"\b(?:in|since|during) (?:(?:early|late|mid-?)\s*)?(?P<year>1[5-9]\d{2}|20\d{2})\b(?!s)"),
    ("year", r"\b(?:in|during) the (?P<year>1[5-9]\d0|20\d0)s\b"),  # "in the 1990s": the decade
    # "the 1999 Chi-Chi quake", "the 2004 tsunami": a year naming an event
    ("year", r"\bthe (?P<year>1[5-9]\d{2}|20\d{2})\b(?=\s+(?:(?-i:[A-Z])|" + _EVENT_NOUNS + r"\b))"),
]
_COMPILED = [(name, re.compile(p, re.I)) for name, p in _PATTERNS]


def _month_range(year: int, month: int) -> tuple:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def _shift_month(d: date, n: int) -> tuple:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


def _past_year_for(month: int, day: int, ref: date, future: bool) -> int:
    year = ref.year
    try:
        candidate = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    except ValueError:
        return year
    if not future and candidate > ref + timedelta(days=1):
        return year - 1
    if future and candidate < ref - timedelta(days=1):
        return year + 1
    return year


def _weekday(m: re.Match, ref: date, sentence: str) -> DateRange:
    wd = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    pre = (m.group("pre") or "").strip().lower()
    back = (ref.weekday() - wd) % 7
    if pre == "last":
        back = back or 7
        return DateRange.day(ref - timedelta(days=back))
    if pre == "next":
        fwd = (wd - ref.weekday()) % 7 or 7
        return DateRange.day(ref + timedelta(days=fwd))
    if pre == "since":
        start = ref - timedelta(days=back)
        return DateRange(start, ref, start, "day")
    # "by Sunday evening 1,200 had arrived", "266 had been detained by Friday night": a past deadline,
    # the last such day; "by Friday" ahead otherwise
    past_by = pre == "by" and bool(re.search(r"\b(?:had|was|were)\b", sentence[max(0, m.start() - 60):m.end() + 80],
                                             re.I))
    until = pre in ("until", "till") or (pre == "by" and not past_by) or bool(
        re.search(r"\b(?:until|till|up to)\b", sentence[max(0, m.start() - 25):m.start()], re.I))
    future = until or _future_before(sentence, m.start())
    if future and not m.group("poss") and back != 0:
        fwd = (wd - ref.weekday()) % 7
        end = ref + timedelta(days=fwd)
        if until:
            return DateRange(ref, end, ref, "day")
        return DateRange.day(end)
    return DateRange.day(ref - timedelta(days=back))


def _part_month(m: re.Match, ref: date, future: bool) -> DateRange:
    part = re.sub(r"\s+", " ", (m.group("part") or "").lower())
    rel = (m.group("rel") or "").lower()
    if rel:
        year, month = _shift_month(ref, {"last": -1, "this": 0, "next": 1}[rel])
    else:
        month = MONTHS[m.group("mon").lower()[:3] if m.group("mon").lower()[:4] != "sept" else "sep"]
        year = int(m.group("year")) if m.group("year") else _past_year_for(month, 1, ref, future)
    first, last = _month_range(year, month)
    if part in ("early", "the start of", "the beginning of"):
        start, end = first, first + timedelta(days=9)
    elif part in ("late", "the end of", "the second half of"):
        start, end = (first + timedelta(days=20) if part != "the second half of" else first + timedelta(days=15)), last
    elif part == "the first half of":
        start, end = first, first + timedelta(days=14)
    else:
        start, end = first + timedelta(days=10), first + timedelta(days=19)
    best = end if part == "the end of" else start + (end - start) / 2
    return DateRange(start, end, min(best, max(ref, start)), "week")


def _month_name(name: str) -> int:
    name = name.lower()
    return MONTHS.get(name) or MONTHS.get(name[:3])


def _rel_month(m, ref):
    rel = m.group("rel").lower()
    year, month = _shift_month(ref, {"last": -1, "next": 1}.get(rel, 0))
    start, end = _month_range(year, month)
    if rel == "earlier this":
        end = ref
    elif rel == "later this":
        start = ref
    best = start + (end - start) / 2
    return DateRange(start, end, best if rel != "this" else min(ref, end), "month")


def _rel_week(m, ref):
    rel = m.group("rel").lower()
    monday = ref - timedelta(days=ref.weekday()) + timedelta(days={"last": -7, "next": 7}.get(rel, 0))
    start, end = monday, monday + timedelta(days=6)
    if rel == "earlier this":
        end = ref
    return DateRange(start, end, min(start + timedelta(days=2), ref) if rel != "next" else start, "week")


def _calendar_day(name, m, ref, future):
    month = int(m.group("m")) if name == "iso" else _month_name(m.group("mon"))
    day = int(m.group("d"))
    year = int(m.group("year")) if m.group("year") else _past_year_for(month, day, ref, future)
    try:
        return DateRange.day(date(year, month, day))
    except ValueError:
        return None


def _month(m, ref, future):
    month = _month_name(m.group("mon"))
    if m.group("mon") != "May" and m.group("mon").lower() == "may" and not m.group("year"):
        return None  # the verb "may" is far more common; the month is written with a capital
    last = m.group("mpre").lower() == "last"
    year = int(m.group("year")) if m.group("year") else _past_year_for(month, 1, ref, future and not last)
    if last and not m.group("year") and year == ref.year and month >= ref.month:
        year -= 1  # "last November" in November is a year ago
    if m.group("ryear"):  # "in June last year", "in January this year"
        year = ref.year - (m.group("ryear").lower() == "last")
    start, end = _month_range(year, month)
    if m.group(0).lower().startswith("since") and start <= ref:
        return DateRange(start, ref, start + (ref - start) / 2, "month")  # from then until now
    best = min(max(start, ref), end) if start <= ref <= end else start + (end - start) / 2
    return DateRange(start, end, best, "month")


def _weekend(m, ref, since: bool):
    if since:
        sat = ref - timedelta(days=(ref.weekday() - 5) % 7)
        return DateRange(sat, ref, sat, "day")
    back = (ref.weekday() - 5) % 7
    sat = ref - timedelta(days=(back or 7) if m.group("last").strip() == "last" else back)
    return DateRange(sat, sat + timedelta(days=1), sat, "week")


def _year(m, ref):
    year = int(m.group("year"))
    last = year + 9 if m.group(0).lower().endswith("0s") else year  # "in the 1990s": the decade
    return DateRange(date(year, 1, 1), date(last, 12, 31), min(date(year, 7, 1), ref), "year")


def _rel_year(m, ref):
    year = ref.year + {"last": -1, "next": 1}.get(m.group("rel").lower(), 0)
    return DateRange(date(year, 1, 1), date(year, 12, 31), date(year, 7, 1) if year != ref.year else ref, "year")


def _night_before(previous, ref):
    base = previous or ref
    return DateRange(base - timedelta(days=1), base, base - timedelta(days=1), "day")


_SIMPLE = {
    "yesterday": lambda ref: DateRange.day(ref - timedelta(days=1)),
    "overnight": lambda ref: DateRange(ref - timedelta(days=1), ref, ref - timedelta(days=1), "day"),
    "today": DateRange.day,
    "tomorrow": lambda ref: DateRange.day(ref + timedelta(days=1)),
}


def _resolve(name: str, m: re.Match, ref: date, previous: Optional[date], sentence: str) -> Optional[DateRange]:
    future = bool(_FUTURE.search(sentence))
    if name in _SIMPLE:
        return _SIMPLE[name](ref)
    if name in ("since_weekend", "weekend"):
        return _weekend(m, ref, since=name == "since_weekend")
    if name in ("md", "dm", "iso"):
        return _calendar_day(name, m, ref, future)
    if name == "night_before":
        return _night_before(previous, ref)
    if name == "apart":
        return DateRange(*_apart(m, ref, previous))
    if name == "day_after":
        return DateRange.day((previous or ref) + timedelta(days=1))
    if name == "weekday":
        return _weekday(m, ref, sentence)
    if name in ("part_month", "month"):
        return _part_month(m, ref, future) if name == "part_month" else _month(m, ref, future)
    handlers = {"rel_month": _rel_month, "rel_week": _rel_week, "rel_year": _rel_year, "year": _year,
                "ago": lambda m, ref: DateRange(*_ago(m, ref)), "past": lambda m, ref: DateRange(*_past(m, ref))}
    return handlers[name](m, ref) if name in handlers else None


def find_date_expressions(sentence: str) -> list:
    """``(start, end, kind, match)`` of every date expression, left to right, not overlapping."""
    found = []
    for name, rx in _COMPILED:
        for m in rx.finditer(sentence):
            found.append((m.start(), m.end(), name, m))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out, last_end = [], -1
    for f in found:
        if f[0] >= last_end:
            out.append(f)
            last_end = f[1]
    return out


def resolve_dates(sentence: str, *, published: date, anchor: Optional[date] = None,
                  previous: Optional[date] = None) -> Optional[DateRange]:
    """Resolve the first date expression of ``sentence``, or None when it has none.

    Parameters
    ----------
    sentence : str
        The sentence (or clause) to read.
    published : date
        Publication date of the report.
    anchor : date, optional
        The day relative expressions count from, e.g. a live-blog entry's own day;
        ``published`` when not given.
    previous : date, optional
        The date of the sentence before, for "the night before" and "the day before".

    Examples
    --------
    >>> resolve_dates("Shelling on Tuesday.", published=date(2022, 3, 16)).best
    datetime.date(2022, 3, 15)
    >>> r = resolve_dates("late last month", published=date(2022, 3, 16))
    >>> (r.start.isoformat(), r.end.isoformat(), r.precision)
    ('2022-02-21', '2022-02-28', 'week')
    >>> resolve_dates("No date here.", published=date(2022, 3, 16)) is None
    True
    """
    if not isinstance(published, date):
        raise TypeError("published must be a date")
    ref = anchor or published
    found = find_date_expressions(sentence)
    first_future = None
    for k, (_start, end, name, m) in enumerate(found):
        window = sentence[max(0, _start - 60):_start]
        if _restated(k, found, sentence, ref, previous) or measures_another(name, m, window):
            continue
        result = _resolve(name, m, ref, previous, sentence)
        if result is None:
            continue
        if result.best > ref and _UNTIL.search(window):
            return DateRange(ref, result.end, ref, "day")  # "closed until Jan. 7": in force from now to then
        if result.best <= ref:
            return result
        first_future = first_future or result  # "where he was due on Tuesday, ... late on Thursday"
    return first_future


def _restated(k: int, found: list, sentence: str, ref: date, previous: Optional[date]) -> bool:
    """Expression ``k`` is said again more exactly by the next one."""
    _start, end, name, m = found[k]
    if k + 1 >= len(found):
        return False
    between = sentence[end:found[k + 1][0]]
    if name == "weekday" and _says_which_day(found[k + 1]) and _WEEKDAY_THEN_DAY.fullmatch(between) \
            and not _falls_in(_resolve(name, m, ref, previous, sentence), found[k + 1], ref, previous, sentence):
        return True  # "Thursday, Sept. 26", "Black Saturday, in February 2009": the calendar says which day
    # "a week earlier, on Sept 26", "last week, on Jan. 5": the apposition says which day; so it does after
    # the event a span is counted from ("nine days before the shooting, on Aug. 3")
    measured = r"[^,.;:]{0,60}" if name == "apart" else ""
    return restated_by(name, found[k + 1][2]) and \
        bool(re.fullmatch(measured + r"\s*,\s*(?:(?:on|in)\s+)?(?:the\s+)?", between))


#: What may stand between a weekday and the calendar date that says which it was: "Thursday, Sept. 26",
#: "after Friday prayers on Sept. 30" (a weekly observance named by its day).
_WEEKDAY_THEN_DAY = re.compile(r"[\s,]*(?:(?:the|in)\s+)?|\s+(?:prayers?|mass|services?|sermons?|worship|liturgy)"
                               r"\s+(?:on\s+)?(?:the\s+)?", re.I)


def _says_which_day(expression) -> bool:
    """A calendar date, or a month or year given with its year, after a weekday."""
    _start, _end, name, m = expression
    return name in ("md", "dm", "iso", "year") or (name == "month" and bool(m.groupdict().get("year")))


def _falls_in(day, expression, ref, previous, sentence) -> bool:
    """The weekday's day lies in the month or year written after it ("on Tuesday, in February 2024")."""
    _start, _end, name, m = expression
    span = _resolve(name, m, ref, previous, sentence)
    return day is not None and span is not None and name in ("month", "year") and span.start <= day.best <= span.end


_UNTIL = re.compile(r"\b(?:until|till|through)\s+(?:at least\s+|the end of\s+)?$", re.I)
