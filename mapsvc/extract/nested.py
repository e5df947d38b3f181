"""An event word named inside another event's clause: as its time or cause ("after the floods", "because of
the shelling"), its site ("at a shelter"), its agent ("displaced by fighting"), its subject or object ("missiles
hit", "repelled an attack", "declared a state of emergency"); and the words of such an event, whose places are
not the other's."""
from __future__ import annotations

from .arguments import QUANTITIES, agents, is_definite, pobjs
from .clauses import clause_root, marked_clause
from .headwords import frame_of
from .merge import story_kind
from .nonevents import HISTORY, is_purpose_infinitive, is_remembered

__all__ = ["approach_to_act", "charge_of_restriction", "framed_tokens", "purpose_tokens", "who_tokens", "is_agent",
           "is_time_frame", "light_verb_of_event", "object_of_event", "remembered_tokens", "site_of_event",
           "subject_is_event", "told_as_time", "told_with_own_place"]

#: Prepositions of a time frame: the event named after one is the time of another ("during the fighting").
_TIME_PREPS = frozenset({"during", "amid", "amidst", "since", "following", "before", "after", "despite", "ahead",
                         "prior"})
#: Prepositions of a cause: the told event named as the cause of another ("suspended distributions because of
#: the shelling") is that event; an untold one ("because of fighting between clans in Tambitanis") is news.
_CAUSE_PREPS = frozenset({"because", "due", "owing"})


def subject_is_event(token, heads: list) -> bool:
    """ "missiles hit the city": a verb whose subject is an event head of its own kind tells that event."""
    if token.pos_ != "VERB":
        return False
    mine = next(h for h in heads if h.token == token)
    if "movement" in mine.frame.flags or mine.category in ("humanitarian", "restriction"):
        return False  # "the floods displaced 40,000": a follow-on act of its own
    ids = {h.token.i for h in heads}
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += agents(token)
    subjects += [p for q in subjects if q.lemma_.lower() in QUANTITIES or q.like_num for p in pobjs(q, {"of"})]
    return any(s.i in ids for s in subjects)  # "hundreds of protesters rallied": the protesters' rally


def _event_object(verb, heads: list):
    """The event head that is ``verb``'s object ("declared a state of emergency"), or None."""
    light = "light" in getattr(frame_of(verb), "flags", ())
    for h in heads:
        node = h.token
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head  # "a state of emergency", "three days of mourning"
        if node.head == verb and (node.dep_ in ("dobj", "oprd") or node.dep_ in _SECOND_OBJECTS and light):
            return h
    return None


#: The parser's labels for a light verb's second object: "declared Saturday a day of mourning".
_SECOND_OBJECTS = frozenset({"npadvmod", "attr"})


def object_of_event(token, heads: list) -> bool:
    """ "repelled an attack": the verb tells the act, one event; a light verb ("declared a state of
    emergency", row flag ``light``) leaves the telling to its object."""
    verb = next((h for h in heads if h.category and _event_object(h.token, heads) is not None
                 and _event_object(h.token, heads).token == token), None)
    return verb is not None and "light" not in verb.frame.flags


def light_verb_of_event(token, heads: list) -> bool:
    """ "declared a state of emergency": a light verb (row flag ``light``) whose object is an event head."""
    head = next(h for h in heads if h.token == token)
    return "light" in head.frame.flags and _event_object(token, heads) is not None


def approach_to_act(token, heads: list) -> bool:
    """ "a gunman entered the school and opened fire": a verb of coming (row flag ``approach``) joined to a
    violent act of the same subject is that act's approach, no event of its own (the act's category holds:
    the shooting of the people in the school, not troops entering a town)."""
    head = next(h for h in heads if h.token == token)
    if "approach" not in head.frame.flags:
        return False
    return any(story_kind(h.category) == "violence" and (h.token.dep_ == "conj" and h.token.head == token
                                           or token.dep_ == "conj" and token.head == h.token)
               for h in heads if h.token != token)


def site_of_event(token, heads: list) -> bool:
    """ "visited evacuees at a shelter in Larantuka", "died at a relief centre": a place where help is given
    (row flag ``site``) named as where another event happened, or as what it hit ("shelled a shelter", "set
    fire to a bus shelter"), is that event's site or target, no event of its own."""
    frame = frame_of(token)
    if frame is None or "site" not in frame.flags:
        return False
    node = token
    while node.dep_ == "conj":  # "set fire to cars, bins and a bus shelter": what was hit, listed
        node = node.head
    if node.dep_ == "dobj":  # "shelled a shelter": what was hit
        return any(h.token == node.head for h in heads)
    if node.dep_ != "pobj" or node.head.lower_ not in _SITE_PREPS | _TARGET_PREPS:
        return False
    verb = node.head.head  # "set fire to": the verb whose object is the event
    return any(h.token == verb or (h.token.head == verb and h.token.dep_ == "dobj") for h in heads)


#: The prepositions of a site.
_SITE_PREPS = frozenset({"at", "in", "inside", "outside"})
#: The prepositions of what an act was done to ("set fire to", "opened fire on").
_TARGET_PREPS = frozenset({"to", "on", "against"})


def charge_of_restriction(token, heads: list) -> bool:
    """ "41 people were arrested, most of them for looting": the act a restriction answers is its charge,
    no event of its own (the looting, where it is news, is told in its own words)."""
    if token.dep_ != "pobj" or token.head.lower_ != "for":
        return False
    return any(h.token == token.head.head and h.category == "restriction" for h in heads)


def is_agent(token) -> bool:
    """ "displaced by fighting": the cause of another event named in passing."""
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


def is_time_frame(token) -> bool:
    """ "after weeks of fighting", "since the floods", "talks since fighting broke out": the event is named
    as the time of another."""
    node = token
    while node.dep_ in ("pobj", "pcomp", "prep") and node.head != node:
        if node.dep_ == "prep" and (node.lower_ in _TIME_PREPS or node.lower_ in _CAUSE_PREPS and is_definite(token)):
            return True
        node = node.head
    if node.dep_ in ("prep", "advmod") and (node.lower_ in _TIME_PREPS or node.lower_ in _CAUSE_PREPS and
                                            is_definite(token)):
        return True  # "ahead of the storm": an adverb with its preposition
    clause = token.head if token.dep_ in ("nsubj", "nsubjpass") else token
    return marked_clause(clause, {"since"})


def told_as_time(token) -> bool:
    """The event is named as the time of another: "after the fire", or the subject of a clause opened by
    "after", "before" or "since" ("a week after a fire in Nasiriyah killed 92")."""
    clause = token.head if token.dep_ in ("nsubj", "nsubjpass") else token
    return is_time_frame(token) or marked_clause(clause, {"after", "before"})  # "since": is_time_frame's


def told_with_own_place(token) -> bool:
    """ "after two days of talks in Kunming": an event named as the time of another, yet told with its own
    place and not as one already told ("after the earthquake in Malatya"), is news of its own."""
    if is_definite(token):
        return False
    # "after capturing the towns of Rastan and Talbiseh": what the verb acted on is the place
    acted_on = [c for c in token.children if c.dep_ == "dobj"] if token.pos_ == "VERB" else []
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "near")):
        acted_on += [p for p in prep.children if p.dep_ == "pobj"]
    # "talks in Kunming", "talks in the Chinese city of Kunming"
    return any(place.pos_ == "PROPN" or any(p.pos_ == "PROPN" for p in pobjs(place, {"of"})) for place in acted_on)


def framed_tokens(head) -> set:
    """The indexes of the words inside another event named as ``head``'s time, in ``head``'s sentence
    ("agreed a ceasefire in the north of Shan State after two days of talks in Kunming": the talks'
    Kunming): where that event was, which the head's own places outrank."""
    return _words_of_events_named(head, is_time_frame)


def remembered_tokens(head) -> set:
    """The indexes of the words of an event named as what is remembered ("on the anniversary of his killing
    in a drone strike at Baghdad airport"): no place there is where ``head`` happened."""
    out = _words_of_events_named(head, is_remembered)
    # "has drawn comparisons with May's crackdown in Tajikistan": what is compared or remembered, event word
    # or not, is the past
    for word in head.sent:
        if word.lemma_.lower() in HISTORY and head not in word.subtree:
            out |= {t.i for p in word.children if p.dep_ == "prep" for t in p.subtree}
    return out


def _words_of_events_named(head, named_as) -> set:
    """The indexes of the words of each other event noun of ``head``'s sentence that ``named_as`` holds
    for and that does not hold ``head``."""
    out: set = set()
    for token in head.sent:
        if token != head and token.pos_ == "NOUN" and frame_of(token) is not None and named_as(token) \
                and head not in token.subtree:
            out |= {t.i for t in token.subtree}
    return out


def purpose_tokens(head) -> set:
    """The indexes of the words of what the actor of ``head``'s clause acted to do ("deployed 250 soldiers to the
    depot to prevent chemicals from flowing into the Bay of Bengal"): no place there is where ``head`` happened
    (people "who had gone to gather firewood near Titao" were where they went)."""
    root = clause_root(head)
    return {t.i for p in root.children if is_purpose_infinitive(p) and head not in p.subtree for t in p.subtree}


def who_tokens(head) -> set:
    """The indexes of the words of a relative clause saying who the actor of ``head``'s clause is ("Chief
    Minister Sharad Pawar, who took office in Maharashtra only last week, visited the wrecked stock exchange"):
    no place there is where ``head`` happened. People acted on are where it happened ("abducted 14 women who
    were collecting firewood near Kashimri"), and the clause's own event words keep their places."""
    actors = [c for c in clause_root(head).children if c.dep_ == "nsubj"]
    return {t.i for actor in actors for rel in actor.children if rel.dep_ == "relcl" and head not in rel.subtree
            and any(w.lower_ in ("who", "whose") for w in rel.subtree if w.i < rel.i) for t in rel.subtree}
