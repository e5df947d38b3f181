"""Tokenisation for recognition: the words of a text with their offsets, and whether two words are joined
into one name."""
from __future__ import annotations

import re
from typing import NamedTuple

from ..text.names import LINKED_NAME

__all__ = ["ARABIC_ARTICLES", "Token", "tokenise", "joined", "opens_name"]

_TOKEN = re.compile(LINKED_NAME + r"|(?:[A-Za-z]\.){2,}|(?:(?i:al|el|ad|ar|as|an|ash|at|az|ez|ed)-)?\w+(?:['’]\w+)*")
_POSSESSIVE = re.compile(r"['’](?:s|ve|ll|re|d|m|t)?$")
_BREAK = re.compile(r"[.!?:;\"“”‘'•|()\[\]\n—–]")
#: Arabic articles that may open a name in lower case ("al-Tanf").
ARABIC_ARTICLES = ("al-", "el-", "ad-", "ar-", "as-", "an-", "ash-", "at-", "az-", "ez-", "ed-")
#: Abbreviations whose dot does not end a sentence ("St. Louis", "Mt. Pleasant").
_DOTTED = {"St", "Ste", "Sta", "Ft", "Mt", "Pt"}


class Token(NamedTuple):
    """A word of the text with its offsets and a few precomputed facts."""

    start: int
    end: int
    text: str
    cap: bool  # starts with a capital (or al-/el- + capital)
    initial: bool  # first word of a sentence, line or quote


def _is_cap(word: str) -> bool:
    if word[:1].isupper():
        return True
    low = word.lower()
    return low.startswith(ARABIC_ARTICLES) and len(word) > 3 and word[word.index("-") + 1:][:1].isupper()


def tokenise(text: str) -> list:
    """Words of ``text`` with offsets; possessive endings are cut off.

    >>> [t.text for t in tokenise("Ukraine's capital, al-Tanf")]
    ['Ukraine', 'capital', 'al-Tanf']
    """
    tokens = []
    append = tokens.append
    new = tuple.__new__
    prev_end = -2
    brk = _BREAK.search
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = m.group()
        if "'" in word or "’" in word:
            cut = _POSSESSIVE.search(word)
            if cut and cut.start() > 0:
                word = word[:cut.start()]
        if start == prev_end + 1 and text[prev_end] == " ":
            initial = False
        else:
            initial = prev_end < 0 or brk(text, prev_end, start) is not None
            if initial and tokens and tokens[-1][2] in _DOTTED and text[prev_end:start] == ". ":
                initial = False  # "St. Louis", "Mt. Pleasant"
        append(new(Token, (start, start + len(word), word,
                           word[0].isupper() or ("-" in word and _is_cap(word)), initial)))
        prev_end = end
    return tokens


def joined(text: str, a: Token, b: Token) -> bool:
    """True when only plain spaces separate two tokens."""
    gap = text[a.end:b.start]
    if gap == " " or gap == "-" or gap == "  ":
        return True
    return gap in (". ", ".") and (len(a.text) == 1 and a.text.isupper() or a.text in _DOTTED)


def opens_name(text, tokens, k) -> bool:
    """True when token ``k`` is "St."/"Mt." opening the next name ("In St. Petersburg"), no street word."""
    return (tokens[k].text in _DOTTED and k + 1 < len(tokens) and tokens[k + 1].cap
            and joined(text, tokens[k], tokens[k + 1]))
