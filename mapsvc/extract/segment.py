"""Event segmentation: what kind of line a sentence sits on, and its clauses.

Lines are ``title`` (the report's own headline), ``headline`` (a line without
final punctuation, often the headline of another story), ``bullet`` (a list
item) or ``body``. A sentence is cut at conjunctions (", and", "; ", ", while",
", as", ", where" ...) into clauses; neighbouring clauses of the same kind of
event, or without one, are joined again, so a segment is one event at most.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .lexicon import ANAPHOR, CASUALTY, PRIORITY, category_scores

__all__ = ["Segment", "classify_lines", "segments_of", "doc_prior"]

logger = logging.getLogger(__name__)

_BULLET = re.compile(r"^\s*(?:[•\-–—*·▪►]|\d+[.)])\s+")
_FINAL = re.compile(r"""[.!?:;]['"”’)\]]*\s*$""")
_SPLIT = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas|even as|as|where|after which)\s+|\s+(?:while|whereas)\s+|"
    r"\s+and\s+(?=(?:dozens|hundreds|thousands|several|many|some|tens)\b)", re.I)


@dataclass(frozen=True)
class Segment:
    """A clause of a sentence: absolute offsets into the report text and its masked text."""

    start: int
    end: int
    masked_text: str  # quotes replaced by U+FFFF, same length as the clause

    @property
    def has_anaphor(self) -> bool:
        return bool(ANAPHOR.search(self.masked_text)) or bool(
            re.search(r"\b(?:there|here|its streets|the town's|the city's)\b", self.masked_text, re.I))


def classify_lines(sentences: list, text: str, *, title: str = "") -> list:
    """Kind of each sentence's line: title, headline, bullet or body."""
    kinds = []
    first_para = sentences[0].paragraph if sentences else 0
    per_paragraph: dict = {}
    for s in sentences:
        per_paragraph[s.paragraph] = per_paragraph.get(s.paragraph, 0) + 1
    title_norm = " ".join(title.split()).lower()
    for s in sentences:
        line_start = text.rfind("\n", 0, s.start) + 1
        line_end = text.find("\n", s.end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        alone = line.strip() == s.text.strip()
        if title_norm and " ".join(s.text.split()).lower() == title_norm:
            kinds.append("title")
        elif _BULLET.match(line):
            kinds.append("bullet")
        elif alone and not _FINAL.search(s.text) and len(s.text.split()) <= 25:
            is_first = s.paragraph == first_para and s is sentences[0]
            single = per_paragraph[s.paragraph] == 1
            kinds.append("title" if is_first and single and _has_blank_after(text, s.end) else "headline")
        else:
            kinds.append("body")
    return kinds


def _has_blank_after(text: str, end: int) -> bool:
    return bool(re.match(r"[ \t]*\n[ \t]*\n", text[end:end + 10]))


def piece_category(piece: str, prior: str = "other"):
    """The category a clause's own words give (None under the event threshold)."""
    scores = category_scores(piece)
    if prior == "disaster" and "disaster" in scores:
        scores["disaster"] += 1  # in a disaster story, "collapsed" and "crumbled" are the disaster
    if scores and max(scores.values()) >= 3:
        return max(scores, key=lambda c: (scores[c], -PRIORITY.index(c)))
    if CASUALTY.search(piece) and re.search(r"\d|\b(?:dozens|hundreds|thousands)\b", piece):
        return prior  # "at least 50 people have died": the report's kind of event
    return None


def segments_of(sentence, masked: str, *, prior: str = "other", names_place=None) -> list:
    """Segments of one sentence (``masked``: the sentence with quotes blanked, same length).

    ``names_place(start, end)``, given absolute offsets, tells whether a clause names a
    place of its own: two clauses of one kind of event stay apart when both do
    ("rockets hit northern Israel, and a drone strike killed two in Bint Jbeil").
    """
    cuts = [0]
    for m in _SPLIT.finditer(masked):
        cuts.append(m.start())
        cuts.append(m.end())
    cuts.append(len(masked))
    pieces = [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts) - 1, 2) if cuts[k + 1] > cuts[k]]
    groups: list = []
    for a, b in pieces:
        piece = masked[a:b].replace("\uffff", " ")
        cat = piece_category(piece, prior)
        own_places = (names_place is not None and cat is not None and groups and groups[-1][2] == cat
                      and names_place(sentence.start + a, sentence.start + b)
                      and names_place(sentence.start + groups[-1][0], sentence.start + groups[-1][1]))
        if groups and not own_places and (cat is None or groups[-1][2] in (None, cat)):
            ga, _gb, gcat = groups[-1]
            groups[-1] = (ga, b, gcat or cat)
        elif groups and groups[-1][2] is None:
            ga, _gb, _ = groups[-1]
            groups[-1] = (ga, b, cat)
        else:
            groups.append((a, b, cat))
    return [Segment(sentence.start + a, sentence.start + b, masked[a:b]) for a, b, _cat in groups]


def doc_prior(text: str) -> str:
    """The kind of violence or disaster a report is mostly about, for casualties without a cause.

    >>> doc_prior("The earthquake flattened towns. Floods followed the quake.")
    'disaster'
    """
    scores = category_scores(text)
    pool = {c: scores.get(c, 0) for c in ("strike", "battle", "civilian_harm", "disaster")}
    if not any(pool.values()):
        return "civilian_harm" if CASUALTY.search(text) else "other"
    return max(pool, key=lambda c: (pool[c], -PRIORITY.index(c)))
