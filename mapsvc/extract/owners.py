"""Which event of a sentence each word belongs to: the heads a sentence tells and the words each reads.

A number, a place or a toll belongs to the event head above it in the tree, or to
the head that is the subject of the verb above it; a toll tied to an event gives
it its numbers; people moved belong to the movement, not to the fire or strike
that caused it (CODEBOOK sections 5 and 6).
"""
from __future__ import annotations

from .counts import PEOPLE_MOVED, count_of
from .clauses import clause_root
from .merge import story_kind
from .places import SPEECH_VERBS

__all__ = ["divide_sentence"]

_WHERE = frozenset({"in", "at", "near", "around", "across", "outside", "inside"})


def divide_sentence(heads: list, doc) -> tuple:
    """(primary heads, {head index: the tokens it owns}): the events a sentence tells and the words
    (numbers, places) each reads. A toll tells the event it is tied to in the tree; one tied to none is an
    event of its own ("a firefighter died ... in Lower Austria, where the government declared a disaster area")."""
    primary = [h for h in heads if "casualty" not in h.frame.flags]
    primary += [h for h in heads if "casualty" in h.frame.flags and not any(_tied(h.token, p.token) for p in primary)]
    primary = sorted((h for h in primary if not _subject_of_its_kind(h, primary)), key=lambda h: h.token.i)
    ids = {h.token.i: h for h in heads}
    owned: dict = {}  # head -> the tokens below it and no other head (numbers, places)
    for tok in doc:
        owner = _owner(tok, ids)
        if owner is None and _is_speech(clause_root(tok)) and not _fronted(tok, clause_root(tok)):
            owner = _reported_head(tok, clause_root(tok), ids)
            if owner is None:
                continue  # "told a news conference in Kabul": where it was said
        if owner is not None and owner not in primary:  # a toll tied to an event gives it its numbers
            owner = _nearest_tied(owner.token, primary)
        if owner is None:
            owner = min(primary, key=lambda h: abs(h.token.i - tok.i))
        owned.setdefault(owner.token.i, []).append(tok)
    _give_movers_to_movement(primary, owned)
    return primary, owned


#: Links from an event noun up to the verb it is the subject of ("a second front of the Santa Juana fire advanced").
_SUBJECT_PATH = frozenset({"pobj", "prep", "compound", "nsubj", "nsubjpass"})


def _subject_of_its_kind(head, primary: list) -> bool:
    """An event noun in the subject of a verb that tells an event of its own story is that event doing
    something: "the fire advanced on Nacimiento", "the floods swept through Derna" tell one event, at the
    verb's place (CODEBOOK 6)."""
    node = head.token
    if node.pos_ != "NOUN":
        return False
    while node.dep_ in _SUBJECT_PATH and node.head != node:
        dep, node = node.dep_, node.head
        if dep in ("nsubj", "nsubjpass"):
            verb = next((h for h in primary if h.token == node), None)
            return verb is not None and verb is not head and story_kind(verb.category) == story_kind(head.category)
    return False


def _is_speech(verb) -> bool:
    """Someone said it ("officials said", "told a news conference"); "explosions were reported" is no speech."""
    return verb.lemma_ in SPEECH_VERBS and any(c.dep_ == "nsubj" for c in verb.children)


def _reported_head(token, verb, head_ids: dict):
    """The event head inside the speech verb's object that holds ``token`` (or that a place after the
    object locates): "residents reported bursts of gunfire in El Fasher" (the bursts hold the gunfire)
    is what was reported, not where it was said."""
    node = token
    while node.head != verb and node.head != node:
        node = node.head
    if node.head == verb and node.dep_ == "prep" and node.lower_ in _WHERE:
        # "reported gunfire in the south of X": a report names where what it reports happened, while
        # "said in Kyiv that ..." (a clause, no event noun as the object) is where it was said
        node = next((c for c in verb.children if c.dep_ == "dobj"), node)
    if node.head != verb or node.dep_ not in ("dobj", "ccomp"):
        return None
    inside = [head_ids[t.i] for t in node.subtree if t.i in head_ids]
    return min(inside, key=lambda h: abs(h.token.i - token.i)) if inside else None


def _fronted(token, verb) -> bool:
    """ "In Rakhine state, the Arakan Army said ...": a place set before the speaker sets the scene."""
    subjects = [c.left_edge.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and token.i < min(subjects)


def _tied(a, b) -> bool:
    """One of two tokens governs the other without a relative clause between them, or is the subject
    of a verb that governs it ("an earthquake struck ..., injuring nine people")."""
    for low, high in ((a, b), (b, a)):
        node = low
        while node.head != node and node.dep_ != "relcl":
            node = node.head
            if node == high or (high.dep_ == "nsubj" and high.head == node == low.head):
                return True
    return False


def _nearest_tied(token, primary: list):
    """The event head a toll is tied to, nearest first: up the tree, or the subject of its own verb."""
    by_index = {h.token.i: h for h in primary}
    subject = next((c for c in token.head.children if c.dep_ == "nsubj" and c.i in by_index), None)
    if subject is not None:
        return by_index[subject.i]
    node = token
    while node.head != node and node.dep_ != "relcl":
        if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
            return None  # "a week after Helene came ashore ..., killing 200": the subordinate clause's toll
        node = node.head
        if node.i in by_index:
            return by_index[node.i]
    return None


def _owner(token, head_ids: dict):
    """The event head a token belongs to: the nearest head above it in the tree, or the head that is
    the subject of the verb above it ("a fire burned 300 acres in the hills south of Hemet"), or its
    object ("set fire to the headquarters in Dhaka")."""
    node = token
    while True:
        if node.i in head_ids:
            return head_ids[node.i]
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in head_ids), None)
        if subject is not None and node.pos_ in ("VERB", "AUX"):
            return head_ids[subject.i]
        # "set fire to the headquarters in Dhaka": a verb whose object is the event carries the event's words
        light = next((c for c in node.children if c.dep_ == "dobj" and c.i in head_ids), None)
        if light is not None and node.pos_ == "VERB" and node.i != token.i:
            return head_ids[light.i]
        if node.head.i == node.i:
            return None
        node = node.head


def _give_movers_to_movement(primary: list, owned: dict) -> None:
    """People evacuated, displaced or rescued belong to the sentence's event of moving or helping
    people, not to the fire or strike that caused it ("a fire burned ..., forcing 500 residents to
    leave": the 500 are the evacuation's; CODEBOOK 6)."""
    movers = [h for h in primary if h.category == "humanitarian"]
    if not movers:
        return
    for head in primary:
        if head.category == "humanitarian":
            continue
        for tok in [t for t in owned.get(head.token.i, []) if t.like_num]:
            found = count_of(tok, head.token)
            if found and found[0] in PEOPLE_MOVED:
                target = min(movers, key=lambda h: abs(h.token.i - tok.i))
                owned[head.token.i].remove(tok)
                owned.setdefault(target.token.i, []).append(tok)
