"""Counts of an event, read from the tree: a number, the noun it counts, the verb that says what befell it.

"Gunmen killed 132 civilians": 132 counts "civilians", the object of "kill"
(``data/counts.csv`` maps the lemma to the key ``killed``). "Nine people
died", "12 were injured", "left 12 dead", "30 bodies", "the death toll rose
to 45" are the same mechanism with another role. A number under "including"
is a part of a count already taken; numbers that the parser calls dates,
times, money, percentages or distances are no counts.
"""
from __future__ import annotations

from typing import Optional

from .arguments import pobjs
from .frames import classes_of, count_keys
from ..text.sentences import parse_number

__all__ = ["PEOPLE_MOVED", "count_of", "counts_of", "merge_counts", "number_value"]

_NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
#: Verbs whose object or subject only restates the count of another verb ("rose to 45").
_TOLL_VERBS = frozenset({"rise", "climb", "reach", "increase", "jump", "stand", "hit", "be", "exceed", "top",
                         "surpass", "pass", "raise", "put", "revise", "update", "bring"})
PEOPLE_MOVED = frozenset({"evacuated", "displaced", "refugees", "rescued"})
#: Keys that count things, not people (CODEBOOK 5: "object counts where the text gives them").
_OBJECT_KEYS = frozenset({"homes", "missiles", "drones", "trucks"})
_TOLL_NOUNS = frozenset({"toll", "number", "tally", "count", "figure"})


def number_value(token) -> Optional[int]:
    """The value of a number token with the number words that belong to it ("two hundred", "1.5 million")."""
    parts = [c for c in token.children if c.dep_ in ("compound", "quantmod") and c.like_num and c.i < token.i]
    words = " ".join(t.text for t in sorted([*parts, token], key=lambda t: t.i))
    return parse_number(words)


def _word_key(tok, pos: str) -> Optional[str]:
    """The count key of a word used as ``pos``, or of its form as an adjective ("injured", "dead")."""
    keys = count_keys()
    return keys.get((tok.lemma_.lower(), pos)) or keys.get((tok.lower_, "ADJ"))


def _key_of_noun(noun) -> Optional[str]:
    key = _word_key(noun, "NOUN")
    if key:
        return key
    for child in noun.children:  # "the injured", "12 dead" parsed as a modifier
        if child.dep_ in ("amod", "acl") and child.i > noun.i:
            key = _word_key(child, child.pos_)
            if key:
                return key
    return None


def _toll_key(verb) -> Optional[str]:
    """ "the death toll rose to 45": the key of the toll noun that is the verb's subject; or that holds the
    verb ("the death toll from the fire that destroyed Lahaina has risen to 67": the small parser hangs
    the rise on the fire's relative clause, inside the toll's own phrase)."""
    tolls = [c for c in verb.children if c.dep_ in ("nsubj", "dobj", "nsubjpass") and c.lemma_.lower() in _TOLL_NOUNS]
    tolls = tolls or [a for a in verb.ancestors if a.lemma_.lower() in _TOLL_NOUNS][:1]
    for toll in tolls:
        for mod in toll.children:
            if mod.dep_ in ("compound", "amod", "nmod"):
                key = _word_key(mod, "NOUN")
                if key:
                    return key
        return "killed" if toll.lemma_.lower() == "toll" else None
    return None


def _key_of_verb(verb, noun) -> Optional[str]:
    for child in verb.children:  # "Six were injured", "left 12 people dead", "were among the dead"
        # ... or right after the verb, before its object: "shot dead five villagers"
        after_verb = child.i == verb.i + 1 and noun.dep_ == "dobj" and child.dep_ in ("acomp", "oprd", "advmod")
        if child.dep_ in ("acomp", "oprd", "xcomp", "ccomp") and child.i > noun.i or after_verb:
            key = _word_key(child, child.pos_)
            if key:
                return key
        if child.dep_ == "prep" and child.lower_ in ("among", "as") and noun.dep_ in ("nsubj", "nsubjpass"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                key = _key_of_noun(pobj)
                if key:
                    return key
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "oprd", "conj", "appos", "npadvmod"):
        if any(c.dep_ == "advmod" and c.lower_ in _FATAL for c in verb.children):
            return "killed"  # "two men were fatally stabbed": the manner says they died
        key = _word_key(verb, "VERB")
        if key:
            return key
        if noun.dep_ in ("nsubjpass", "dobj") and _taken_to_care(verb):
            return "injured"  # "nine others were taken to hospital"
        if noun.dep_ in ("nsubj", "nsubjpass") and _taken_to_care(verb, {"in"}):
            return "injured"  # "two children are in hospital", "ten remain in hospital"
        if noun.dep_ == "nsubj" and verb.lemma_.lower() in _UNDERGO:
            # "two officers suffered minor injuries": what they underwent names them
            key = next(filter(None, (_key_of_noun(c) for c in verb.children if c.dep_ == "dobj")), None)
            if key:
                return key
    if verb.lemma_.lower() in _TOLL_VERBS:
        return _toll_key(verb)
    return None


#: Adverbs that say the harm a verb names killed its victims.
_FATAL = frozenset({"fatally"})


def _taken_to_care(verb, preps=frozenset({"to", "into"})) -> bool:
    """ "were taken to hospital", "rushed to a clinic": people brought where the hurt are treated (``preps``
    {"in"}: people who are there)."""
    return any(p.dep_ == "pobj" and "care" in classes_of(p.lemma_)
               for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
               for p in c.children)


#: Verbs whose subject undergoes what their object names ("suffered injuries", "sustained burns").
_UNDERGO = frozenset({"suffer", "sustain"})


def _opens_counted_phrase(num) -> bool:
    """A number the parser hung as a compound that still counts its phrase's plural head: it opens the
    phrase ("Thirteen police officers were killed", read like "police officers" with a number)."""
    noun = num.head
    return noun.tag_ in ("NNS", "NNPS") and num.i < noun.i and \
        all(c.i >= num.i for c in noun.children if c.dep_ not in ("det", "predet"))


def _counted_noun(num):
    """The noun a number counts: its head for a number modifying one, else the number itself ("killed 12")."""
    return num.head if num.dep_ == "nummod" or (num.dep_ == "compound" and _opens_counted_phrase(num)) else num


def count_of(num, head=None) -> Optional[tuple]:
    """(key, value) of a number token, or None when it counts nothing the codebook keeps.

    People counted without a verb that says what befell them take the key of the event
    ``head`` they belong to ("1,500 people were taken to shelters": evacuated).
    """
    noun = _counted_noun(num)
    if num.ent_type_ in _NOT_COUNTS or not num.like_num or num.dep_ == "quantmod" or \
            (num.dep_ == "compound" and noun is num):
        return None  # a compound number that opens no counted phrase is part of a name ("Ward 7 residents")
    if any(c.lower_ == "no" for c in num.children) or (num.i > 0 and num.doc[num.i - 1].lower_ == "no"):
        return None  # "no one was hurt"
    value = number_value(num)
    if value is None or value <= 0:
        return None
    event = head
    if any(a.lower_ == "including" or a.lower_ == "among" for a in noun.ancestors if a.dep_ == "prep"):
        return None
    verb = noun.head
    as_object = noun.dep_ in ("dobj", "nsubjpass")
    if noun.dep_ == "npadvmod" and verb.dep_ in ("advmod", "prt") and verb.head.pos_ == "VERB":
        verb, as_object = verb.head, True  # "moved 150,000 people away": the parser hangs them on "away"
    key = _key_of_verb(verb, noun) if as_object and verb.pos_ == "VERB" else None
    key = key or _key_of_noun(noun)  # "freed two hostages": what befell them first, else what they are
    if key is None and noun.dep_ == "compound":
        key = _key_of_noun(noun.head)  # "500 people hostage"
    if key is None:
        node = noun
        head = node.head
        if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("to", "at", "of"):
            head = head.head  # "rose to 45", "a toll of 45"
            if head.lemma_.lower() in _TOLL_NOUNS:
                return ("killed", value) if head.lemma_.lower() == "toll" else None
        key = _key_of_verb(head, node) if head.i != node.i else None
        while key is None and node.dep_ in ("conj", "appos") and node.head.i != node.i:
            node = node.head  # "killed three children and three adults": the first conjunct's verb
            key = _key_of_verb(node.head, node) if node.head.i != node.i else None
    # people named by a civilian noun, not the event noun's own number ("taken to two shelters": shelters)
    if key is None and event is not None and "civilian" in classes_of(noun.lemma_) and noun.i != event.i:
        keys = count_keys()
        phrasal = [f"{event.lemma_.lower()} {c.lower_}" for c in event.children if c.dep_ in ("prt", "prep", "advmod")]
        key = next((keys[(p, "EVENT")] for p in phrasal if (p, "EVENT") in keys), None) or \
            keys.get((event.lemma_.lower(), "EVENT"))  # "were taken out": the phrasal verb's people
    if key not in _OBJECT_KEYS and classes_of(noun.lemma_) & {"dwelling", "vehicle"}:
        return None  # "45 residents and two neighbouring houses were evacuated": the houses are no people
    if key in PEOPLE_MOVED and classes_of(noun.lemma_) & {"security", "armed"}:
        return None  # troops leaving or sent are no evacuees (CODEBOOK 5)
    if key == "homes" and classes_of(noun.lemma_) & {"weapon", "vehicle", "armed", "security"}:
        return None  # "destroyed 41 drones", "damaged 12 tanks": arms or vehicles, no homes
    return (key, value) if key else None


_ONE = frozenset({"a", "an", "one", "another"})
_SINGLE_KEYS = ("killed", "injured", "missing", "hostages", "detained", "rescued")


def _victim_verb(tok):
    """The verb whose subject or object a person noun is, through the first of coordinated nouns."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i and node.head.pos_ in ("NOUN", "PROPN"):
        node = node.head
    if node.dep_ in ("dobj", "nsubjpass"):
        return node.head
    if node.dep_ == "nsubj" and not any(c.dep_ == "dobj" for c in node.head.children):
        return node.head  # "a man died", not "a man killed three people"
    return None


def _one_person(tok) -> bool:
    """A phrase that names one person: "a man", "the teenager", "his wife", "a 19-year-old", a person's name."""
    if tok.pos_ == "PROPN":
        return tok.ent_type_ == "PERSON" and tok.tag_ == "NNP"  # "Abu Sayed ... was shot dead"
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "him", "her")  # "arrested him without incident"
    determined = any(c.dep_ == "det" and c.lower_ in _ONE_OR_THIS or c.dep_ == "poss" for c in tok.children)
    if tok.pos_ == "ADJ" and tok.lower_ == "old":  # "a 19-year-old": an age stands for the person
        return determined and any(c.dep_ == "npadvmod" and c.lemma_ == "year" for c in tok.children)
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and determined and \
        bool(classes_of(tok.lemma_) & {"civilian", "security"}) and "abstract" not in classes_of(tok.lemma_)


#: Determiners of one person: "a man", "the teenager", "this officer" (a plural noun is never one).
_ONE_OR_THIS = _ONE | {"the", "this", "that"}


#: Nouns for several people and how many they are (None: as many as "of" says, "a family of five").
_GROUPS = {"couple": 2, "pair": 2, "twins": 2, "family": None, "household": None}


def _people_named(tok) -> int:
    """How many people a phrase without a number of its own names: one person, two for a couple, a family's
    stated size ("a family of five"); 0 for none or a size not stated ("a family")."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in _GROUPS:
        size = _GROUPS[tok.lemma_.lower()]
        if size is None:
            size = next((number_value(p) for p in pobjs(tok, {"of"}) if p.like_num), None)
        return size or 0
    return 1 if _one_person(tok) else 0


def _single_victim(tok) -> Optional[tuple]:
    """ "killing a 20-year-old soldier", "a man and his mother died", "a woman was shot and killed":
    one person each, named as what befell them; "an elderly couple", "a family of five": as many as they are."""
    people = _people_named(tok) if tok.dep_ in ("dobj", "nsubjpass", "nsubj", "conj") else 0
    if not people:
        return None
    verb = _victim_verb(tok)
    if verb is None or verb.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    keys = count_keys()
    # what the verb's complement or manner says first ("was shot dead", "found dead", "fatally stabbed"), then
    # the verb and its conjuncts ("shot and killed": killed)
    found = [_key_of_verb(verb, tok)] + [keys.get((v.lemma_.lower(), "VERB"))
                                         for v in (verb, *(c for c in verb.children if c.dep_ == "conj"))]
    key = found[0] if found[0] in _SINGLE_KEYS else next((k for k in _SINGLE_KEYS if k in found), None)
    return (key, people) if key else None


def counts_of(tokens, head=None) -> dict:
    """``{key: value}`` of the numbers among ``tokens`` (the highest figure per key).

    >>> from mapsvc.text.nlp import parse
    >>> counts_of(parse("Gunmen killed at least 132 civilians and wounded 40."))
    {'killed': 132, 'injured': 40}
    >>> counts_of(parse("The shooter killed three children and three adults."))
    {'killed': 6}
    """
    out: dict = {}
    counted: dict = {}  # noun index -> (key, value): "three children and three adults" add up
    for tok in tokens:
        found = count_of(tok, head) if tok.like_num else _single_victim(tok)
        if not found:
            continue
        key, value = found
        noun = _counted_noun(tok)
        first = noun.head if noun.dep_ == "conj" else None
        if first is not None and counted.get(first.i, ("", 0))[0] == key:
            value += counted[first.i][1]
        counted[noun.i] = (key, value)
        out[key] = max(out.get(key, 0), value)
    return out


def merge_counts(into: dict, more: dict) -> dict:
    """Counts of one event told twice: the higher (later) toll of each key.

    >>> merge_counts({"killed": 3}, {"killed": 5, "injured": 2})
    {'killed': 5, 'injured': 2}
    """
    out = dict(into)
    for key, value in more.items():
        out[key] = max(out.get(key, 0), value)
    return out
