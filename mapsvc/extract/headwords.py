"""The frame a word heads: its part of speech read past the small parser's slips, a phrasal verb ("push back",
"order out" with the object between), a two-word noun ("martial law")."""
from __future__ import annotations

from typing import Optional

from .frames import Frame, frame_for, verb_lemmas

__all__ = ["frame_of", "next_word_of", "pos_of"]


def pos_of(token) -> str:
    """The part of speech, with a gerund the small parser took for an auxiliary ("Shelling hit") as a verb,
    and a capitalised first word it took for a name ("Gunfire killed") as a noun when no name is labelled."""
    if token.pos_ == "AUX" and token.tag_ == "VBG":
        return "VERB"
    if token.pos_ == "PROPN" and token.is_sent_start and not token.ent_type_ and \
            (token.i + 1 >= len(token.doc) or token.doc[token.i + 1].pos_ != "PROPN"):
        return "NOUN"
    return token.pos_


#: Adverbs of a phrasal verb that the parser may read as a preposition ("ordered residents out of").
_PARTICLES = frozenset({"out", "away", "off", "back", "down", "up"})


def next_word_of(verb, child) -> bool:
    """The child follows the verb, or is its object with only its own modifiers between ("took full control"),
    or its particle after a short object ("blew themselves up")."""
    between = verb.doc[verb.i + 1:child.i]
    if (child.dep_ == "prt" or child.lower_ in _PARTICLES) and 0 < len(between) <= 4:
        # "blew themselves up", "shot it down", "ordered about 300 residents out of their houses"
        objects = [set(c.subtree) for c in verb.children if c.dep_ == "dobj"]
        return all(any(t in o for o in objects) for t in between)
    return child.i == verb.i + 1 or (child.dep_ == "dobj" and child.i > verb.i and
                                     all(t.head == child and t.dep_ in ("det", "amod") for t in between))


def _has_object(verb, particle) -> bool:
    return any(c.dep_ == "pobj" for c in particle.children) or any(c.dep_ == "dobj" for c in verb.children)


def _just_before(word, noun) -> bool:
    """The word stands right before the noun, or before a hyphen joining them ("half-staff")."""
    return word.i == noun.i - 1 or (word.i == noun.i - 2 and noun.doc[noun.i - 1].text == "-")


def _verb_lemma(token) -> str:
    """The lemma, or a past form's stem when the small model kept a letter of the ending ("cordoned":
    "cordone") and only the stem heads a row."""
    lemma = token.lemma_.lower()
    word = token.lower_
    if token.tag_ in ("VBD", "VBN") and word.endswith("ed") and lemma not in verb_lemmas() and \
            word[:-2] in verb_lemmas():
        return word[:-2]
    return lemma


def frame_of(token) -> Optional[Frame]:
    """The frame of a word, a phrasal verb's first ("push back", "go off"), a two-word noun's first ("martial
    law")."""
    pos = pos_of(token)
    lemma = _verb_lemma(token) if pos == "VERB" else token.lemma_.lower()
    if pos == "VERB":
        for child in token.children:
            if child.dep_ in ("prt", "advmod", "dobj", "prep") and next_word_of(token, child):
                frame = frame_for(f"{lemma} {child.lower_}", "VERB")
                if frame is not None and not ("bare" in frame.flags and _has_object(token, child)):
                    return frame  # a "bare" row's particle has no object: "a bomb went off", not "went off air"
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if after is not None and after.pos_ == "NOUN" and after.head != token and after.head.i > after.i:
            # "the slope gave way before dawn": the parser may hang the phrase's noun on what follows it
            frame = frame_for(f"{lemma} {after.lower_}", "VERB")
            if frame is not None and "bare" not in frame.flags:
                return frame
    if pos == "NOUN":  # "martial law", "half-staff": a noun named with the word before it
        for child in (c for c in token.children if c.dep_ in ("amod", "compound") and _just_before(c, token)):
            frame = frame_for(f"{child.lemma_.lower()} {lemma}", "NOUN")
            if frame is not None:
                return frame
    frame = frame_for(lemma, pos)
    if frame is None and token.pos_ == "AUX" and token.tag_ == "VBG":
        frame = frame_for(token.lower_, "NOUN")  # "Shelling hit Kharkiv": a gerund subject, lemma "shelling"
    return frame
