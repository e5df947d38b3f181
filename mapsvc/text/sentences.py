"""Text utilities: sentences with character offsets, numbers written as digits or words.

Everything here is pure standard library and works on plain ``str`` values;
offsets always index the text that was passed in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

__all__ = ["classify_lines", "Sentence", "NumberMention", "split_sentences", "parse_number", "find_numbers",
           "mask_quotes", "line_around", "DATELINE", "dateline_end"]


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``text == source[start:end]``; ``paragraph`` counts blank-line blocks."""

    start: int
    end: int
    text: str
    paragraph: int = 0
    line: int = 0


@dataclass(frozen=True)
class NumberMention:
    """A number found in a text: the span of its words and its integer value."""

    start: int
    end: int
    text: str
    value: int
    qualifier: str = ""  # "at least", "more than", "nearly", "about" ... as written


_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "sgt", "gen", "col", "lt", "capt", "maj", "prof", "rev",
    "gov", "sen", "rep", "jr", "sr", "no", "vs", "etc", "approx", "est", "inc", "ltd", "co",
    "corp", "dept", "fig", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
    "mt", "ft", "pt", "ave", "blvd", "rd", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
}

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and
# something that can start a sentence.
_END = re.compile(r"""[.!?…]+['"”’)\]]*(?=\s+['"“‘(\[]?[A-Z0-9•\-–—])""")
_LINE = re.compile(r"[^\n]+")


#: A state written short after a town's name ("Fairfield, Conn.", "Carthage, N.C."), then the dash or
#: agency of a dateline.
_DATELINE_STATE = re.compile(r",\s+(?:[A-Z][a-z]{1,4}|[A-Z]\.[A-Z])\.$")
_DATELINE_DASH = re.compile(r"\s+(?:-|–|—|\()")


#: A time of day that may end a sentence ("at 12:45 a.m. The officers arrived"), when what follows starts one
#: with a determiner or a pronoun (not "at 9 a.m. Monday").
_CLOCK_END = re.compile(r"\b[ap]\.m\.$")
_STARTER = re.compile(r"\s+(?:The|A|An|He|She|They|It|We|I|His|Her|Their|Its|This|That|These|Those|There)\b")


def _ends_with_abbreviation(chunk: str) -> bool:
    m = re.search(r"(\b[\w.]+)\.$", chunk)
    if not m:
        return False
    word = m.group(1).lower()
    if word in _ABBREVIATIONS:
        return True
    # initials such as "J." or "U.S."
    return len(word) == 1 and word.isalpha() and word.upper() == m.group(1) or bool(
        re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _split_line(line: str, offset: int) -> Iterator[tuple]:
    start = 0
    for m in _END.finditer(line):
        end = m.end()
        if _ends_with_abbreviation(line[start:m.start() + 1]) and line[m.start()] == "." and \
                not (_CLOCK_END.search(line[start:m.end()]) and _STARTER.match(line, m.end())):
            continue
        if _DATELINE_STATE.search(line[start:m.end()]) and _DATELINE_DASH.match(line, m.end()):
            continue  # "FAIRFIELD, Conn. -- A busload of activists": a dateline's state, not a sentence's end
        yield offset + start, offset + end
        start = end
        while start < len(line) and line[start].isspace():
            start += 1
    if start < len(line):
        yield offset + start, offset + len(line)


def split_sentences(text: str) -> list:
    """Split a text into sentences with character offsets.

    Line breaks always end a sentence (headlines, bullets and live-blog entry
    headers are lines of their own); abbreviations such as "Mr." or "U.S." and
    decimal numbers do not.

    Examples
    --------
    >>> [s.text for s in split_sentences("Mr. Smith left. It rained.\\nNext line")]
    ['Mr. Smith left.', 'It rained.', 'Next line']
    >>> split_sentences("Hi there. Bye.")[1].start
    10
    """
    if not isinstance(text, str):
        raise TypeError("split_sentences expects str")
    out = []
    paragraph = 0
    line_no = 0
    last_end = 0
    for m in _LINE.finditer(text):
        between = text[last_end:m.start()]
        if between.count("\n") >= 2:
            paragraph += 1
        last_end = m.end()
        line_no += 1
        for s, e in _split_line(m.group(0), m.start()):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Sentence(s, e, text[s:e], paragraph, line_no - 1))
    return out


_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’"}


def mask_quotes(text: str, *, fill: str = " ") -> str:
    """Replace direct speech (text between quotation marks) by ``fill``, keeping offsets.

    An opening quote without its closing one masks to the end of the text.
    Apostrophes inside words ("Ukraine’s") are left alone.

    >>> mask_quotes('He said “we win” in Kyiv.')
    'He said          in Kyiv.'
    """
    chars = list(text)
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        opener = c in _QUOTE_PAIRS and (i == 0 or not text[i - 1].isalnum())
        if c == "‘" and i + 1 < n and not text[i + 1].isalpha():
            opener = False
        if opener:
            close = _QUOTE_PAIRS[c]
            j = i + 1
            while j < n:
                if text[j] == close and (close != "’" or j + 1 >= n or not text[j + 1].isalpha()):
                    break
                j += 1
            if close == "’" and j >= n:  # a stray single quote is not speech
                i += 1
                continue
            for k in range(i, min(j + 1, n)):
                chars[k] = fill
            i = j + 1
            continue
        i += 1
    return "".join(chars)


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1, "both": 2, "couple": 2, "pair": 2,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "dozen": 12, "k": 1000, "m": 1_000_000, "bn": 1_000_000_000}
_SCALE_RE = r"(?:hundred|thousand|million|billion|dozen|bn|k|m)\b"
_WORD_RE = "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True))

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    rf"(?<![\w.,])(?:(?:{_DIGITS})(?:\s*{_SCALE_RE})?"
    rf"|(?:(?:{_WORD_RE})\b(?:[\s-]+(?:and\s+)?(?:(?:{_WORD_RE})\b|{_SCALE_RE}))*))(?![\w-]*\d)",
    re.IGNORECASE)

_QUALIFIERS = re.compile(
    r"(?:at\s+least|more\s+than|over|nearly|almost|about|around|roughly|some|up\s+to|"
    r"fewer\s+than|less\s+than|approximately|an\s+estimated|as\s+many\s+as|close\s+to|"
    r"another|a\s+further|at\s+most|just\s+over|just\s+under)\s+$", re.IGNORECASE)


def parse_number(text: str) -> Optional[int]:
    """The integer written in ``text`` (digits or English words), or None.

    Examples
    --------
    >>> parse_number("20,000"), parse_number("five"), parse_number("1.9 million")
    (20000, 5, 1900000)
    >>> parse_number("a dozen"), parse_number("twenty-five"), parse_number("two hundred and six")
    (12, 25, 206)
    >>> parse_number("dozens") is None
    True
    """
    if not isinstance(text, str):
        return None
    s = text.strip().lower().replace("\u2009", "").replace("\u00a0", " ")
    if not s:
        return None
    m = re.fullmatch(rf"({_DIGITS})\s*({_SCALE_RE})?", s)
    if m:
        if len(m.group(1)) > 18:
            return None  # no count has that many digits
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALES[m.group(2)]
        return int(round(value))
    tokens = [t for t in re.split(r"[\s-]+", s) if t and t != "and"]
    if not tokens:
        return None
    total = current = 0
    seen = False
    for tok in tokens:
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok in _SCALES and tok not in ("k", "m", "bn"):
            scale = _SCALES[tok]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    if tokens in (["a"], ["an"]):
        return None  # a bare article is no number
    return value


def find_numbers(text: str) -> list:
    """Every number in a text, with offsets and the qualifier written before it.

    Years, clock times, ordinals and numbers glued to units ("15-storey",
    "12-year-old") are found too; the caller decides what they count.

    >>> [(n.value, n.qualifier) for n in find_numbers("at least 52 dead and five children")]
    [(52, 'at least'), (5, '')]
    """
    out = []
    for m in _NUMBER.finditer(text):
        words = m.group(0).strip()
        if words.lower() in ("a", "an", "single", "both", "couple", "pair"):
            continue
        value = parse_number(words)
        if value is None or re.match(r"-?[A-Za-z]", text[m.start() + len(words):m.start() + len(words) + 2]):
            continue  # "15-storey", "7am": a measure, not a count
        q = _QUALIFIERS.search(text[max(0, m.start() - 20):m.start()])
        out.append(NumberMention(m.start(), m.start() + len(words), words, value,
                                 re.sub(r"\s+", " ", q.group(0).strip().lower()) if q else ""))
    return out


_BULLET = re.compile(r"^\s*(?:[•\-–—*·▪►▸»✦■]|\d+[.)])\s+")
_FINAL = re.compile(r"""[.!?:;]['"”’)\]]*\s*$""")
#: A web page's label over links to other stories ("RELATED COVERAGE", "Read more:", "More on this story",
#: "More on Europe:", "More Westman news:"),
#: or before one such link on its own line ("Related: Ukraine says it downed 20 drones").
_RELATED = re.compile(r"^\s*(?:related(?:\s+(?:coverage|stories|articles|news|content|links|reading|topics))?|"
                      r"read\s+(?:more|also|next)|also\s+read|see\s+also|more\s+(?:on\s+this\s+(?:story|topic)|"
                      r"(?:from|on|about|in)\s+[\w .'’&-]{1,30}|stories|news|coverage|reading|like\s+this|"
                      r"[\w.'’&-]+(?:\s+[\w.'’&-]+)?\s+(?:news|stories|coverage|headlines))|"
                      r"(?:top|latest)\s+headlines|recommended(?:\s+stories)?|"
                      r"most\s+(?:read|popular|viewed)|trending(?:\s+now)?|you\s+(?:may|might)\s+also\s+like|"
                      r"latest\s+(?:news|stories)|also\s+on\s+[\w ]{1,20}|(?:in\s+)?other\s+news|further\s+reading|"
                      r"top\s+stories|don'?t\s+miss|editor'?s\s+picks|what\s+to\s+read\s+next)"
                      r"\s*(?::\s*(?P<link>\S.*)?)?\s*$", re.I)


#: A page's lines that are no part of the story told: editors' notes, credits, sign-up prompts (a photo's
#: caption is kept: it may be the only line to place or date what it shows).
_NOTE = re.compile(r"^\s*(?:this\s+(?:story|article|report)\s+"
                   r"(?:has\s+been|was)\s+(?:updated|corrected|amended)|an\s+earlier\s+version\s+of\s+this|"
                   r"correction\s*:|clarification\s*:|editor'?s\s+note\s*:|(?:additional\s+)?reporting\s+by\b|"
                   r"(?:editing|writing|compiled)\s+by\b|our\s+standards\s*:|sign\s+up\b|subscribe\b|"
                   r"copyright\b|©|all\s+rights\s+reserved)", re.I)
#: A crosshead between dashes ("- Second attack in a week -"), as AFP copy sets them.
_CROSSHEAD = re.compile(r"^\s*[-–—]\s+[^.!?]*\S\s+[-–—]\s*$")


def _related_lines(text: str) -> set:
    """Start offsets of the lines of a page's blocks of links to other stories: a label such as
    "RELATED COVERAGE" and the lines under it up to a blank line (the first block, if a blank line comes
    right after the label), or a "Related: ..." line of its own."""
    lines, start = [], 0  # (start offset, line), blank lines included
    for line in text.split("\n"):
        lines.append((start, line))
        start += len(line) + 1
    out, k = set(), 0
    while k < len(lines):
        m = _RELATED.match(lines[k][1])
        if m is None:
            k += 1
            continue
        out.add(lines[k][0])
        if m.group("link"):
            k += 1
            continue
        j = k + 1
        if j < len(lines) and not lines[j][1].strip():
            j += 1  # the label stands over the next block
        while j < len(lines) and lines[j][1].strip() and len(lines[j][1].split()) <= 25:
            out.add(lines[j][0])
            j += 1
        k = j
    return out


def classify_lines(sentences: list, text: str, *, title: str = "") -> list:
    r"""Kind of each sentence's line: ``title`` (the report's headline), ``headline``
    (a line without final punctuation, often another story's, or a crosshead), ``related`` (a line of a
    page's block of links to other stories), ``note`` (an editor's note, a credit), ``bullet``
    or ``body``.

    >>> text = "Storm hits coast\n\nA storm hit Galveston. Roads closed."
    >>> classify_lines(split_sentences(text), text)
    ['title', 'body', 'body']
    >>> text = "A storm hit Galveston.\n\nRELATED COVERAGE\nFloods kill 12 in Texas.\n\nRoads closed."
    >>> classify_lines(split_sentences(text), text)
    ['body', 'related', 'related', 'body']
    """
    kinds = []
    related = _related_lines(text)
    per_paragraph: dict = {}
    for s in sentences:
        per_paragraph[s.paragraph] = per_paragraph.get(s.paragraph, 0) + 1
    title_norm = _headline_key(title)
    for s in sentences:
        line_start, line = line_around(text, s.start, s.end)
        if line_start in related:
            kinds.append("related")
        elif _NOTE.match(line):
            kinds.append("note")
        elif _CROSSHEAD.match(line):
            kinds.append("headline")
        elif title_norm and _headline_key(s.text) == title_norm:
            kinds.append("title")
        elif _BULLET.match(line):
            kinds.append("bullet")
        elif line.strip() == s.text.strip() and not _FINAL.search(s.text) and len(s.text.split()) <= 25:
            first_alone = s is sentences[0] and per_paragraph[s.paragraph] == 1
            blank_after = bool(re.match(r"[ \t]*\n[ \t]*\n", text[s.end:s.end + 10]))
            kinds.append("title" if first_alone and blank_after else "headline")
        else:
            kinds.append("body")
    return kinds


def _headline_key(text: str) -> str:
    """A headline's words for comparing: a page that repeats its title as the first sentence of the story
    ("Fire kills man in Scottdale." under the title "Fire kills man in Scottdale") ends it with a stop."""
    return " ".join(text.split()).lower().rstrip(" .!:;,")


def line_around(text: str, start: int, end: int) -> tuple:
    """(offset, text) of the line that holds ``text[start:end]``.

    >>> line_around("Title\\nKYIV - Shelling.\\nMore", 6, 10)
    (6, 'KYIV - Shelling.')
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, text[line_start:line_end if line_end >= 0 else len(text)]


#: "YANGON, Jan 12 -", "KHARKIV, Ukraine (Reuters) -": where and when the story was filed, not the event.
DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z .'/-]+(?:,\s*[\w .]{1,30}?)?(?:\s*\([\w .]{1,20}\))?|"
                      # "Abidjan (AFP) -": a town written small takes the agency's name in brackets
                      r"[A-Z][\w.'/-]*(?:\s+[A-Z][\w.'/-]*){0,2}(?:,\s*[\w .]{1,30}?)?\s*\([A-Z][\w .]{1,20}\))"
                      r"\s*(?:-|--|—|–)\s")


def dateline_end(text: str) -> int:
    """Where a dateline ("YANGON, Jan 12 -") at the start of ``text`` ends (0 when there is none).

    >>> dateline_end("KYIV, March 16 - Shelling hit Irpin.")
    17
    >>> dateline_end("MOSCOW/KYIV, July 10 - Drones hit Belgorod.")  # a story filed from two cities
    23
    >>> dateline_end("Abidjan (AFP) – At least 150 people were killed."), dateline_end("Police said - no one")
    (16, 0)
    """
    line = DATELINE.match(text)
    return line.end() if line else 0
