"""Counts of an event: "20,000 people ... to escape" -> evacuated 20000, "60 missiles" -> missiles 60.

A number counts when a count noun follows it directly ("60 missiles",
"34 injured", "3,377 deaths"), or when a person noun follows it ("500 people",
"eight civilians") and a verb nearby says what happened to them ("taken ...
hostage", "were killed", "to escape"). Years, times, distances, money and
ordinals are left out. Values are integers.
"""
from __future__ import annotations

import logging
import re

from .lexicon import COUNT_DIRECT, PERSON_NOUNS, ROLE_VERBS, SKIP_AFTER_NUMBER
from ..text.sentences import find_numbers

__all__ = ["extract_counts", "merge_counts"]

logger = logging.getLogger(__name__)

_ADJ = r"(?:[A-Za-z][\w-]*\s+){0,3}?"
_TOLL = re.compile(r"\b(?:death toll|toll|deaths?)\b(?:[^.;]|\.\d){0,100}\b(?:to|at|of|reached|passed|rose to|stands at|above)\s*$",
                   re.I)
_DATEISH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$", re.I)


#: Plural nationals ("67 Palestinians", "12 Sudanese"): people.
_NATIONALS = re.compile(r"[a-z]+(?:ians|ans|ese|is|ites)")


def _noun_after(after: str):
    """The counted noun in the first words after a number: (noun, end offset) or (None, 0)."""
    for i, w in enumerate(re.finditer(r"[A-Za-z]+|[^\sA-Za-z]", after[:60])):
        word = w.group(0).lower()
        if i >= 4 or not word.isalpha():
            break
        if word in COUNT_DIRECT and not (i == 0 and word in ("killed", "injured", "wounded", "missing",
                                                              "displaced", "evacuated", "rescued")):
            return COUNT_DIRECT[word], w.end()
        if PERSON_NOUNS.fullmatch(word) or (w.group(0)[:1].isupper() and _NATIONALS.fullmatch(word)):
            return "person", w.end()
        if word in ("of", "to", "and", "or", "from", "in", "on", "at", "were", "was", "had", "have", "for", "with",
                    "by", "near", "after", "before", "during", "into"):
            break
    return None, 0


#: A verb right before the number says what happened to the counted: "killed at least 52 people".
_VERB_BEFORE = re.compile(
    r"\b(?P<verb>killed|killing|kills|injured|injuring|injures|wounded|wounding|wounds|evacuated|evacuating|"
    r"rescued|rescuing|displaced|displacing|detained|detaining|arrested|arresting|abducted|abducting|"
    r"kidnapped|kidnapping)\s+(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|"
    r"an estimated|another|a further|roughly|approximately)\s+)?$", re.I)
_VERB_NOUN = {"kill": "killed", "inju": "injured", "woun": "injured", "evac": "evacuated", "resc": "rescued",
              "disp": "displaced", "deta": "detained", "arre": "detained", "abdu": "hostages", "kidn": "hostages"}


def _verb_before(before: str):
    """The count noun of a verb that stands right before the number, or None."""
    m = _VERB_BEFORE.search(before[-40:])
    return _VERB_NOUN.get(m.group("verb")[:4].lower()) if m else None


def _role(window_after: str, window_before: str):
    found = [(m.start(), noun) for rx, noun in ROLE_VERBS for m in [rx.search(window_after)] if m]
    if found:
        return min(found)[1]
    found = [(m.end(), noun) for rx, noun in ROLE_VERBS for m in [rx.search(window_before[-25:])] if m]
    return max(found)[1] if found else None


def extract_counts(text: str) -> dict:
    """Counts reported in ``text``: noun -> integer.

    Examples
    --------
    >>> extract_counts("At least 52 people were killed and 300 injured.")
    {'killed': 52, 'injured': 300}
    >>> extract_counts("Troops took around 500 people hostage; 60 missiles hit the city.")
    {'hostages': 500, 'missiles': 60}
    >>> extract_counts("More than 1.9 million people have fled the country since 2022.")
    {'refugees': 1900000}
    >>> extract_counts("A man was killed by falling debris.")
    {'killed': 1}
    """
    counts: dict = {}
    for num in find_numbers(text):
        after = text[num.end:]
        before = text[:num.start]
        verb = _verb_before(before)
        if verb and re.match(r"\s+of (?:them|those)\b", after):
            counts.setdefault(verb, num.value)  # "injuring four of them"
            continue
        if SKIP_AFTER_NUMBER.match(after) or _DATEISH.search(before[-12:]):
            continue
        if 1900 <= num.value <= 2100 and re.search(r"\b(?:in|since|of|by|until|from)\s*$", before):
            continue
        if re.search(r"\b(?:no|none|not)\s*$", before, re.I) or re.search(r"[£$€]\s*$", before) or re.match(r"\s*(?:GMT|:\d)", after):
            continue
        noun, end = _noun_after(after)
        if noun == "hostages" and re.search(r"\b(?:freed|rescued|released|freeing|rescuing|releasing)\s+"
                                            r"(?:(?:at least|another|the|all)\s+)?$", before[-30:], re.I):
            noun = "rescued"  # "special forces freed two hostages"
        if noun == "person":
            window_after = re.split(r"[;]|\b(?:while|but|whereas)\b", after[end:end + 90])[0]
            noun = verb or _role(window_after, before)
        elif noun is None and _TOLL.search(before[-140:]):
            noun = "killed"
        elif noun is None and verb:
            noun = verb  # "killing 12 and injuring more than 2,059"
        elif noun is None:
            # "... were killed and at least 34 injured": the role word right after
            m = re.match(r"\s+(?:(?:have|has|had|were|was|are) (?:been )?)?"
                         r"(killed|injured|wounded|dead|missing|hurt|rescued|evacuated|detained|arrested|displaced)\b",
                         after, re.I)
            noun = COUNT_DIRECT.get(m.group(1).lower(), m.group(1).lower()) if m else None
            if noun in ("hurt",):
                noun = "injured"
            if noun == "arrested":
                noun = "detained"
        if noun and noun not in counts:
            counts[noun] = num.value
    for noun, value in _single_casualties(text).items():
        counts.setdefault(noun, value)
    return counts


_ONE = re.compile(r"\b(?:a|one|another)\s+(?:[a-z-]+\s+)?(?:man|woman|child|boy|girl|civilian|soldier|person|"
                  r"journalist|teenager|baby|resident|policeman|police officer|worker|doctor|nurse|firefighter|"
                  r"rescuer|volunteer|pilot|farmer|fisherman|tourist|student|miner|driver)\s+"
                  r"(?:(?:was|has been|had been)\s+(killed|shot dead|injured|wounded|hurt)|(drowned|died))\b", re.I)


_ONE_OBJECT = re.compile(r"\b(killing|killed|wounding|wounded|injuring|injured)\s+(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?"
                         r"(?:man|woman|child|boy|girl|civilian|soldier|person|journalist|teenager|baby|resident|"
                         r"policeman|police officer|worker|doctor|nurse|guard|security guard|driver)\b", re.I)


def _single_casualties(text: str) -> dict:
    out: dict = {}
    for m in _ONE.finditer(text):
        verb = (m.group(1) or m.group(2)).lower()
        noun = "killed" if verb in ("killed", "shot dead", "drowned", "died") else "injured"
        out[noun] = out.get(noun, 0) + 1
    for m in _ONE_OBJECT.finditer(text):  # "killing a 20-year-old soldier"
        noun = "killed" if m.group(1).lower().startswith("kill") else "injured"
        out[noun] = out.get(noun, 0) + 1
    return out


def merge_counts(into: dict, more: dict) -> dict:
    """Counts of two mentions of one event: the larger figure of each noun wins.

    >>> merge_counts({"killed": 8}, {"killed": 10, "injured": 2})
    {'killed': 10, 'injured': 2}
    """
    out = dict(into)
    for k, v in more.items():
        out[k] = max(out.get(k, 0), v)
    return out
