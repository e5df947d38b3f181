"""A head's clause: the verb that governs a word, the words of its clause, and gapped clauses ("one man
drowned in Satkhira and another in Cox's Bazar") that tell another event of the same verb."""
from __future__ import annotations

from ..text.timeparse import MONTHS

__all__ = ["clause_root", "clause_tokens", "dated_end", "first_conjunct", "is_definite", "is_gapped_conjunct",
           "marked_clause", "relative_clause_of", "when_clause", "without_others_dates", "without_relative_clauses",
           "GAPPED_WORDS"]

#: Clauses inside an event's clause that tell another thing.
_OTHER_CLAUSES = frozenset({"ccomp", "parataxis", "conj", "relcl", "csubj"})


def without_others_dates(sentence_text: str, head) -> str:
    """A sentence's text (parsed as ``head``'s doc) with the dates that modify another noun blanked ("took
    Daraa, the city where the 2011 uprising began": the uprising's year does not date the taking; a
    possessive date, "Sunday's attack", is read apart)."""
    return _blanked(sentence_text, [
        mod for noun in head.doc if noun.pos_ == "NOUN" and noun != head and head not in noun.subtree
        and noun.ent_type_ not in ("DATE", "TIME")  # "Sunday night" is one date
        for mod in noun.children if mod.dep_ in _DATE_MODIFIERS and mod.ent_type_ == "DATE"
        and (mod.like_num or mod.lower_ in MONTHS)])  # a year or a month: "the 2011 uprising"


def without_relative_clauses(sentence_text: str, head) -> str:
    """A sentence's text (parsed as ``head``'s doc) with the relative clauses that do not hold ``head`` blanked
    ("King Abdullah, who flew home overnight, visited survivors on Thursday morning": the flight's night does
    not date the visit; CODEBOOK 4). A "when" clause stays: it says which day its noun is."""
    return _blanked(sentence_text, [rel for rel in head.sent if rel.dep_ == "relcl" and head not in rel.subtree
                                    and not any(c.lower_ == "when" for c in rel.children)])


def _blanked(text: str, roots) -> str:
    """``text`` (the text of the roots' doc) with the words of each root's subtree blanked, offsets kept."""
    chars = list(text)
    for root in roots:
        words = sorted(root.subtree, key=lambda w: w.i)
        for k in range(words[0].idx, min(words[-1].idx + len(words[-1]), len(chars))):
            chars[k] = " "
    return "".join(chars)


#: How a date modifies a noun: "the 2011 uprising", "the October offensive".
_DATE_MODIFIERS = frozenset({"compound", "nummod", "amod", "nmod"})


def clause_root(token):
    """The verb that governs ``token`` (itself for a verb), or the sentence root."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.dep_ != "ROOT" and node.head != node:
        node = node.head
    return node


def relative_clause_of(token):
    """The relative clause ``token`` stands in (its ``relcl`` verb, whose head is the noun it describes), or None."""
    node = token
    while node.dep_ != "relcl" and node.head.i != node.i:
        node = node.head
    return node if node.dep_ == "relcl" else None


def marked_clause(node, marks) -> bool:
    """``node`` heads an adverbial clause that one of the conjunctions ``marks`` opens ("after a landslide
    buried the village", "since the quake struck")."""
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in node.children)


def when_clause(token):
    """The relative "when" clause on a date that ``token`` is told in ("since May 2016, when a wildfire forced
    88,000 people to flee": the clause of "forced", for "wildfire", "forced" or "flee"), or None."""
    verb = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj") else token
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "relcl" and verb.head.ent_type_ == "DATE" and any(c.lower_ == "when" for c in verb.children):
        return verb
    return None


#: "one man drowned in Satkhira and another in Cox's Bazar": the words a gapped clause starts with.
GAPPED_WORDS = frozenset({"another", "others", "one", "two", "three", "more", "second", "third"})


def is_gapped_conjunct(token) -> bool:
    """A number or "another" coordinated with a verb, with a place of its own ("four people were killed in
    Padang Pariaman and two in the city of Padang Panjang"): another event of the verb, the verb left out."""
    return (token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX")
            and (token.like_num or token.lower_ in GAPPED_WORDS)
            and any(c.dep_ == "prep" for c in token.children))


def dated_end(token, clause: list, offset: int) -> int:
    """Where the words that date ``token``'s clause end (``offset`` is the sentence's in the text): at the
    clause's own last word, or the last word of a verb coordinated with it that shares its subject
    ("farmers set fires and threw eggs outside the parliament last Thursday": one subject, one day)."""
    shared = [t for c in clause_root(token).children if c.dep_ == "conj" and c.pos_ == "VERB" and not _has_subject(c)
              for t in c.subtree]
    last = max([clause[-1], *shared], key=lambda t: t.i)
    return offset + last.idx + len(last)


def _has_subject(token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def _has_own_subject(token) -> bool:
    """A conjunct with a subject of its own is another clause, verb or not ("declared mourning and
    designated Muan county a disaster zone", the verb misread as a modifier)."""
    return token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def clause_tokens(root) -> list:
    """The tokens of ``root``'s clause: its subtree without reported speech and coordinated clauses.

    >>> from mapsvc.text.nlp import parse
    >>> doc = parse("Shelling hit Kharkiv and police said that a curfew began in Sumy.")
    >>> " ".join(t.text for t in clause_tokens(doc[1]))
    'Shelling hit Kharkiv'
    """
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        for child in node.children:
            if child.dep_ in _OTHER_CLAUSES and child.pos_ in ("VERB", "AUX") and node == root:
                continue
            if child.dep_ == "relcl":  # "Bordeaux, where the King was due on Tuesday": another clause's date
                continue
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                continue  # "hours after the premier announced he would not seek talks with Brussels": what was said
            if child.dep_ in ("cc",) and node == root:
                continue
            if node == root and (is_gapped_conjunct(child) or _has_own_subject(child)):
                continue
            if child.lower_ == "according":
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def first_conjunct(token):
    """The first of the words coordinated with ``token`` ("Belgrade" of "Sarajevo, Belgrade and the region"
    is "Sarajevo"): it holds the list's place in the tree."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def is_definite(token) -> bool:
    """ "the market", "this attack", "that town": a noun its article marks as known to the reader."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
