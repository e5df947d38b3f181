"""The dates of an event: what a clause says, what its live-blog entry or story implies.

``date_for`` reads a clause (then its whole sentence) for a date expression,
skipping a dateline's filing date and preferring the date that a when-clause
hangs on; ``background`` tells history from news.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from ..text.sentences import DATELINE as _DATELINE, dateline_end, parse_number
from ..text.timeparse import DateRange, find_date_expressions, resolve_dates

__all__ = ["date_for", "background", "past_date", "dateline_end", "date_before_or_after"]

_LATER = re.compile(r"\b(?:(?:hours?|minutes?) later|later that (?:day|night)|the same day|that day|"
                    # "shortly after the blast", not "shortly after noon on Saturday": a time of its own day
                    r"hours? earlier|shortly after(?:wards)?(?! (?:noon|midnight|dawn|daybreak|dusk|sunrise|sunset|"
                    r"\d))|"
                    # "closed the highway for most of the day", "later in the day": the day just told
                    r"(?:most|much|all|the rest|part) of the day|(?:throughout|later in|earlier in) the day|"
                    # "about an hour after the pileup", "minutes before the blast": the day of the event named
                    r"(?:(?:an?|one|two|three|a few|half an) (?:hours?|minutes?)|\d+ minutes?) (?:after|before) (?:the|a|an)\b)",
                    re.I)

def _when_clause_date(text: str, *, ref: date, published: date, previous: Optional[date]):
    """ "since late last month, when two trains collided": the date that a when-clause hangs on."""
    for start, end, _name, _m in find_date_expressions(text):
        if re.match(r"\s*,\s+when\b", text[end:end + 12]):
            # "since April 2018, when a truck hit the bus": the when-clause is that month's, not the span since
            said = re.sub(r"^since\s+", "in ", text[start:end], flags=re.I)
            return resolve_dates(said, published=published, anchor=ref, previous=previous)
    return None


def _possessive_spans(text: str) -> list:
    """(start, end of the date, end of its "'s") of each date ``text`` writes as a possessive ("this month's
    election", "Sunday's attack": the weekday pattern takes the "'s" with it)."""
    if "'s" not in text and "\u2019s" not in text:
        return []
    out = []
    for start, end, _name, _m in find_date_expressions(text):
        if text[start:end].endswith(("'s", "\u2019s")):
            out.append((start, end, end))
        elif text[end:end + 2] in ("'s", "\u2019s"):
            out.append((start, end, end + 2))
    return out


def _without_possessive_dates(text: str) -> str:
    """``text`` with each date written as a possessive blanked: "to postpone this month's election" dates
    the election, not the clause's event (an event noun's own such date is read with the noun)."""
    for start, _end, after in reversed(_possessive_spans(text)):
        text = text[:start] + " " * (after - start) + text[after:]
    return text


#: Date expressions of a month or calendar day that do not say their year.
_YEARLESS_CALENDAR = frozenset({"month", "part_month", "md", "dm"})


def _possessive_dates(text: str) -> str:
    """The dates ``text`` writes as possessives ("Sunday's attack"): the day of an event named, which a
    relative day of the same clause counts from."""
    return " ".join(text[start:end] for start, end, _after in _possessive_spans(text))


def date_for(clause: str, sentence_text: str, *, ref: date, published: date, previous: Optional[date],
             continuing: bool, story_previous: Optional[date] = None):
    """(DateRange, explicit) of a clause: its own date, its sentence's, the story's, or the news default.

    "The following day" counts from ``previous``, the day of the sentence before; "the same day" and
    "hours later" from ``story_previous`` when given, the last day of the event's own story.

    >>> r, explicit = date_for("KYIV, March 16 - Shelling hit Irpin on Monday.", "", ref=date(2022, 3, 16),
    ...                        published=date(2022, 3, 16), previous=None, continuing=False)
    >>> str(r.best), explicit
    ('2022-03-14', True)
    >>> r, _ = date_for("as police clashed with protesters angry at the delay of this month's election", "",
    ...                 ref=date(2024, 2, 10), published=date(2024, 2, 10), previous=None, continuing=False)
    >>> r.precision
    'day'
    """
    for text in (clause, sentence_text):
        line = _DATELINE.match(text)
        raw = " " * line.end() + text[line.end():] if line else text
        text = _without_possessive_dates(raw)
        when = _when_clause_date(text, ref=ref, published=published, previous=previous)
        if when is not None:
            return when, True
        later = _LATER.search(text)
        at = sentence_text.find(text) if text is not sentence_text and sentence_text else -1
        if later:
            # "On Tuesday, X ..., and three died in Chittagong the same day": the day the sentence named before
            told = resolve_dates(sentence_text[:at + later.start()], published=published, anchor=ref,
                                 previous=previous) if at >= 0 else None
            if told is not None and told.precision == "day":
                return told, True
            if (story_previous or previous) is not None:
                return DateRange.day(story_previous or previous), True
        # "floods hit X on Monday, and two days later Y was evacuated": counted from the day named before
        before = sentence_text[:at] if at > 0 else _possessive_dates(raw)  # "Sunday's attack ... twelve days earlier"
        named = resolve_dates(before, published=published, anchor=ref, previous=previous) if before else None
        since = named.best if named is not None and named.precision == "day" else previous
        # "last year ..., which culminated in demonstrators storming parliament in June": that year's June (a
        # month or calendar day without its year; "this week" still counts from the report's day)
        anchor = ref
        if named is not None and named.precision == "year" and named.end < ref and \
                {name for _s, _e, name, _m in find_date_expressions(text)} <= _YEARLESS_CALENDAR:
            anchor = named.end
        found = resolve_dates(text, published=published, anchor=anchor, previous=since)
        if found is not None:
            return found, True
    if continuing and previous is not None:
        return DateRange.day(previous), False
    # no date in the text: news is about the last day or so before publication
    return DateRange(ref - timedelta(days=1), ref, ref, "day"), False


#: How old a stated day is before it is history: "about a month" with room for "about" (six weeks ago is past).
_ABOUT_A_MONTH = 40


def background(dates: DateRange, ref: date, carried: bool) -> bool:
    """History, not news (CODEBOOK section 1: "more than about a month before publication"): a stated day over
    40 days old, a month over a month old, anything dated by a whole year only (generic: "has seen
    demonstrations this year"), or anything a month old placed only by carry-over."""
    if dates.end < ref - timedelta(days=_ABOUT_A_MONTH):
        return True
    if dates.precision == "year":  # "has seen demonstrations this year", "last year": generic, no day to place it
        return True
    return (carried or dates.precision == "month") and dates.end < ref - timedelta(days=31)


def past_date(text: str, *, ref: date, published: date) -> bool:
    """True when the text's first date lies before ``ref``."""
    found = resolve_dates(text, published=published, anchor=ref)
    return found is not None and found.best < ref


_SPAN_DAYS = {"hour": 0, "day": 1, "night": 1, "week": 7, "month": 30}


def _measuring_prep(token):
    """The "after" whose noun phrase holds the event ("three days after an ambush on a convoy near Djibo in
    which 12 soldiers were killed"), with no other verb between; None when there is none, or when the event's
    own words carry a date ("after fighting in Nagorno-Karabakh, where troops clashed on Aug. 3")."""
    if any(t.ent_type_ == "DATE" for t in token.subtree):
        return None
    for a in token.ancestors:
        if a.pos_ == "ADP" and a.dep_ == "prep" and a.lower_ == "after":
            return a
        if a.pos_ in ("VERB", "AUX"):
            return None
    return None


def date_before_or_after(token, sentence_text: str, *, ref: date, published: date, previous: Optional[date],
                         told: Optional[date] = None):
    """The day of an event told in a clause measured from the sentence's own event: "Biden flew over
    Asheville on Wednesday, a week after Hurricane Helene came ashore" puts the landfall a week before
    that Wednesday; "two days before the vote was held" two days after (CODEBOOK 4: in the direction the
    words say). None when the clause is no such measure or the sentence names no day."""
    node = token if token.pos_ in ("VERB", "AUX") else token.head
    while node.head.i != node.i and node.head.pos_ in ("VERB", "AUX") and (node.dep_ == "conj" or (
            node.dep_ == "advcl" and node.tag_ == "VBG" and not any(c.dep_ == "mark" for c in node.children))):
        node = node.head  # "came ashore ... and tore north, killing 200": the measured clause's first verb
    marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
    prep = _measuring_prep(token)
    if prep is not None:
        node, marks = prep, {prep.lower_}  # "came three days after an ambush ... in which 12 were killed"
    elif node.dep_ != "advcl" or not marks & {"after", "before"}:
        return None
    span = next((c for c in node.children if c.dep_ == "npadvmod" and c.lemma_.lower() in _SPAN_DAYS), None)
    if span is None and not find_date_expressions(node.doc[node.left_edge.i:node.right_edge.i + 1].text):
        # "counting its dead two days after the jet fell": the parser hung the span elsewhere (a clause that
        # says its own day keeps it: "two weeks after a landslide buried a house on April 18")
        mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        before = node.doc[mark.i - 1] if mark is not None and mark.i > 0 else None
        span = before if before is not None and before.lemma_.lower() in _SPAN_DAYS and any(
            c.dep_ == "nummod" or c.lower_ in ("a", "an") for c in before.children) else None  # not "Sunday night"
    if span is None:
        return None
    number = next((c for c in span.children if c.dep_ == "nummod"), None)
    amount = 1 if number is None else parse_number(number.text)
    if amount is None:
        return None
    # the governing clause's date: the sentence without the measured clause
    sub = list(node.subtree)
    lo, hi = sub[0].idx - node.sent.start_char, sub[-1].idx + len(sub[-1]) - node.sent.start_char
    rest = sentence_text[:lo] + " " * (hi - lo) + sentence_text[hi:]
    # "TEHRAN, March 23 - ... on Monday, five days after": the clause's own day before the day it was filed
    filed = dateline_end(rest)
    found = resolve_dates(" " * filed + rest[filed:], published=published, anchor=ref, previous=previous)
    if found is None and filed:
        found = resolve_dates(rest, published=published, anchor=ref, previous=previous)
    if found is None and told is not None:
        found = DateRange.day(told)  # "The Kuriga attack came two weeks after ...": the attack's day, told before
    if found is None or found.precision != "day":
        return None
    days = int(amount) * _SPAN_DAYS[span.lemma_.lower()]
    if days and any(t.lower_ in ("less", "fewer", "under") for t in span.subtree):
        days -= 1  # "less than two weeks after": short of the full span
    return DateRange.day(found.best - timedelta(days=days) if "after" in marks else found.best + timedelta(days=days))
