"""Event heads and their arguments, read from the dependency parse of a sentence.

An event head is a verb or noun with a row in the frame table. It is no event
when the tree says so: negated, planned or conditional ("will meet", "if
attacked"), the object of a statement ("condemned the attack"), part of a
name ("3rd Assault Brigade") or a metaphor ("a storm of criticism"). Its
category comes from the frame and the classes of its arguments: the means
(subject or instrument), the target (object, "on"/"against"), the actor
(subject, "by"). Its clause is the verb that governs it with its subtree,
minus the clauses that tell other things (reported speech, coordinated clauses).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from .arguments import arguments, fights_fire, is_definite, is_root_noun_predicate, pobjs
from .care import names_its_site, transfer_site
from .clauses import clause_root, clause_tokens, marked_clause
from .frames import NO_EVENT, Frame, argument_category, classes_of, frame_for
from .headwords import frame_of, next_word_of
from .nested import (approach_to_act, charge_of_restriction, is_agent, is_time_frame, light_verb_of_event,
                     object_of_event, site_of_event, subject_is_event, told_as_time, told_with_own_place)
from .nonevents import (PLANS, describes_a_person, describes_a_struggle, dies_of_age, is_accusation, is_called_off,
                        is_circumstance, is_habitual, is_landmark_noun, is_negated, is_planned, is_purpose,
                        is_purpose_infinitive, is_remembered, is_result_construction, is_statement_object,
                        ranks_an_event, side_of_event, starts_a_stretch, tells_place_and_time)
from .telling import tells_its_happening

__all__ = ["EventHead", "event_heads", "is_governed_by_event"]

#: Entity labels of names that may contain event words.
_NAME_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "LAW", "NORP"})
_RESTRICTION_STATE = frozenset({"remain", "stay", "continue", "last", "run", "extend"})


@dataclass(frozen=True)
class EventHead:
    """An event head in a parsed sentence with the category its arguments give."""

    token: object  # spacy.tokens.Token
    frame: Frame
    category: str  # "" when only the context can decide (casualty verbs)
    unqualified: bool = False  # no means, target or actor of the frame's table decided it ("an attack")


def _is_name_or_metaphor(token) -> bool:
    if token.dep_ == "compound" and "directive" in classes_of(token.head.lemma_) and not token.ent_type_ \
            and clause_root(token).dep_ != "relcl":
        return False  # "evacuation orders were issued": an order puts its event in force (not "people who
        # had ignored evacuation orders", which describes the people)
    if token.ent_type_ in _NAME_LABELS or token.dep_ in ("compound", "poss"):
        return True  # "3rd Assault Brigade", "the protesters' side": the noun names, it tells nothing
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if token.pos_ == "NOUN" and following is not None and following.lower_ in _WARNINGS:
        return True  # "lifted the tsunami warning": what is warned of, however the parser reads "warning"
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        if any("figure" in classes_of(p.lemma_) for p in prep.children if p.dep_ == "pobj"):
            return True
    return False


#: Nouns of a warning: the event word before one is what is warned of, no event (CODEBOOK 1).
_WARNINGS = frozenset({"warning", "warnings", "alert", "alerts", "watch", "advisory", "advisories"})


#: Roles through which an event is the cause of a casualty verb: "a strike killed", "killed in a strike".
_CAUSE_PATH = frozenset({"nsubj", "nsubjpass", "pobj", "prep", "agent", "compound", "amod", "npadvmod", "appos",
                         "nmod", "poss", "conj"})


def hurts_no_one(token) -> bool:
    """No toll word (killed, wounded, deaths) in the clause of an event head: no one is said to be hurt."""
    return not any((f := frame_of(t)) is not None and "casualty" in f.flags
                   for t in clause_tokens(clause_root(token)))


#: Conjunctions by which a clause tells what caused a toll.
_CAUSING_MARKS = frozenset({"after", "when", "as"})


def _causing_clause(node, tolls) -> bool:
    """ "feared dead after a landslide buried the village", "died when a bus plunged": a clause below the
    toll that tells what caused it."""
    return node.head in tolls and marked_clause(node, _CAUSING_MARKS)


def is_governed_by_event(token, heads: list) -> bool:
    """True when a casualty verb's subject, agent or cause is itself an event head
    (not an event in a clause of its own below it: "died while ..., where officials declared ...")."""
    # "680 people are feared dead after a landslide buried the village": the verb that says "dead" stands for it
    said = token.head if token.dep_ in ("oprd", "acomp") else token
    for h in heads:
        node = h.token
        if node == token:
            continue
        while node not in (token, said) and node.dep_ in _CAUSE_PATH and node.head != node:
            node = node.head
        if node in (token, said) or _causing_clause(node, (token, said)):
            return True
    return False


def _in_force(token, root, frame) -> bool:
    """A restriction that "will remain in force" or "would apply from 5pm" is in force (CODEBOOK 1)."""
    if root.lemma_ in _RESTRICTION_STATE:
        return True
    if frame.category != "restriction" or (token.dep_ in ("dobj", "xcomp", "pobj") and token.head.lemma_ in PLANS):
        return False
    modals = {c.lower_ for node in (token, root) for c in node.children if c.dep_ in ("aux", "auxpass")}
    return not modals & {"could", "may", "might", "should", "can"}


def _is_restatement(token) -> bool:
    """ "It was the deadliest shooting since ...", "the Jasper fire is the most destructive to hit an Alberta
    community since 2016": the event already told, named again to rank it."""
    if token.dep_ == "nsubj" and token.head.lemma_ == "be":
        # "the crash is the second fatal crash on Hunter roads in a month": an ordinal ranks it too
        return any(c.dep_ in ("attr", "acomp") and (c.tag_ == "JJS" or any(
            a.lower_ == "most" or a.ent_type_ == "ORDINAL" for a in c.children)) for c in token.head.children)
    if token.dep_ == "nsubj" and token.head.lemma_ in _TIMING_VERBS and is_definite(token) and \
            any(c.dep_ == "prep" and c.lower_ in ("after", "before", "amid") for c in token.head.children):
        return True  # "The massacre came three days after an ambush": the told event, timed against another
    # "It was the deadliest ...", "The crash is the second fatal crash ...": the subject's event, ranked
    return token.dep_ == "attr" and any(c.dep_ == "nsubj" and (c.pos_ == "PRON" or is_definite(c) and frame_for(
        c.lemma_.lower(), "NOUN") is not None) for c in token.head.children)


#: Verbs that time a told event against another ("the attack came a week after", "the blast follows").
_TIMING_VERBS = frozenset({"come", "follow"})


def _is_phrase_object(token) -> bool:
    """ "opened fire": the noun is part of its verb's phrasal frame, not an event of its own."""
    head = token.head
    return token.dep_ == "dobj" and next_word_of(head, token) and \
        frame_for(f"{head.lemma_.lower()} {token.lower_}", "VERB") is not None


def _has_abstract_argument(token, frame) -> bool:
    """ "talks collapsed", "captured the mood", "a battle over the budget", "the battle against the latest
    drug craze": a figure of speech. Money is what a theft takes (flag ``property``), no figure."""
    args = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "compound", "amod")]
    if token.dep_ == "relcl":
        args.append(token.head)  # "bills that died": the noun the clause describes is its subject
    args += [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "over", "against", "to")
             for p in c.children if p.dep_ == "pobj"]
    # "seized about 420 grams of fentanyl": a measure is what it measures
    args += [p for a in args if a.ent_type_ == "QUANTITY" for p in pobjs(a, {"of"})]
    # "working to seize $1.7 billion": money taken or moved is no violence, unless taking it is the crime
    money = "property" not in frame.flags
    return any("abstract" in classes_of(a.lemma_) or money and a.ent_type_ == "MONEY" for a in args)


def _has_required_role(token, frame, site) -> bool:
    """Weapons head an event as what acted ("rockets rained down"), hostages as what was taken; ``site``: the
    hospital a verb of moving takes people to (``care.transfer_site``), or None."""
    if "care" in frame.flags and site is not None:
        return True  # "were taken to J.J. Hospital": people moved, whatever else the verb may head
    if "weapon" in frame.flags:
        return token.dep_ in ("nsubj", "nsubjpass", "ROOT")
    if "object" in frame.flags:  # "took 30 hostages", "hostages were held"; not "hostages were handed over"
        if token.dep_ in ("dobj", "nsubjpass"):
            return token.head.lemma_.lower() in _TAKING or token.head.pos_ != "VERB"
        return token.dep_ in ("attr", "oprd", "advmod", "ROOT")
    if "counted" in frame.flags:  # "has confirmed 72 deaths", not "the death of the king"
        return any(c.dep_ == "nummod" and c.like_num for c in token.children)
    if "named_place" in frame.flags:  # "Kiotari and Lardos had been emptied", not "fire has emptied villages"
        return _object_is_place(token, place_nouns=False)
    if "place_object" in frame.flags:  # "troops took the village of Ocheretyne", not "took 30 hostages"
        return _object_is_place(token, place_nouns=True)
    if "place_left" in frame.flags:  # "people left Mariupol", "fled and left", not "people left flowers at the gate"
        return not any(c.dep_ == "dobj" for c in token.children) or _object_is_place(token, place_nouns=True) or \
            any(c.dep_ == "dobj" and (c.lemma_.lower() in _HOMES or classes_of(c.lemma_.lower()) & _SITES)
                for c in token.children)
    if "lodged" in frame.flags:  # "families are sleeping in schools", not "slept in their beds"
        return _is_put_up(token)
    return True


def _is_put_up(token) -> bool:
    """People staying, sleeping or sheltering in a building where people who left home are put up
    (``lodging`` in data/nouns.csv): schools, tents, a rest centre."""
    rooms = pobjs(token, {"in", "at", "inside"})
    rooms += [c for p in rooms for c in p.children if c.dep_ == "conj"]  # "in tents and schools"
    return any("lodging" in classes_of(p.lemma_) for p in rooms)


#: Verbs of taking or keeping people: what an "object" row's noun is taken by.
_TAKING = frozenset({"take", "seize", "hold", "kidnap", "abduct", "capture", "grab", "keep", "snatch"})


def _object_is_place(token, *, place_nouns: bool) -> bool:
    """What the verb acts on (its object, or its passive subject) is a place: a name (labels are evidence,
    a proper noun counts too) or, with ``place_nouns``, a word for one ("the village")."""
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.ent_type_ in ("GPE", "LOC", "FAC") or c.pos_ == "PROPN"
                                                    or (place_nouns and c.lemma_.lower() in _PLACE_NOUNS))
               for c in token.children)


def _measured_in_money(token) -> bool:
    """An event noun counted in money: "$182 billion in federal aid", "aid worth $10 million"."""
    if token.pos_ != "NOUN":
        return False
    amount = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("in", "of") else None
    return (amount is not None and amount.ent_type_ == "MONEY") or \
        any(t.ent_type_ == "MONEY" for c in token.children for t in c.subtree)


def _meets_people(token) -> bool:
    """A meeting or visit is with people or at a place: "met the president", "visited the aftermath",
    not "met fierce resistance"."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    # "was visiting her father in Salisbury": a call on one's own family or friends is private
    own = [o for o in objects if "kin" in classes_of(o.lemma_)
           and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in o.children)]
    return not own and not any("abstract" in classes_of(o.lemma_) for o in objects)


def _head_of(token) -> Optional[EventHead]:
    frame = frame_of(token)
    if frame is None or _is_name_or_metaphor(token) or _is_restatement(token) or _is_phrase_object(token) \
            or is_purpose(token) or fights_fire(token):
        return None
    if "anaphor" in frame.flags and not tells_its_happening(token):
        return None
    if "social" in frame.flags and not _meets_people(token):
        return None
    site = transfer_site(token) if {"movement", "care"} & frame.flags else None
    if _has_abstract_argument(token, frame) or not _has_required_role(token, frame, site):
        return None
    root = clause_root(token)
    told = tells_place_and_time(token)
    # "a court ruled that eight men should remain in custody": a restriction a ruling keeps in force is in force
    kept = frame.category == "restriction" and root.lemma_ in _RESTRICTION_STATE
    if is_negated(token) or (is_statement_object(token) and not told and not kept) or is_remembered(token):
        return None
    if is_planned(token, root) and not _in_force(token, root, frame) and not told:
        return None
    if is_purpose_infinitive(token) or ("movement" in frame.flags and is_result_construction(token)):
        return None
    if is_landmark_noun(token) or ("movement" in frame.flags and is_circumstance(token)):
        return None
    if is_called_off(token) or is_habitual(token) or describes_a_person(token) or starts_a_stretch(token) \
            or is_accusation(token):
        return None
    if "casualty" in frame.flags and _tells_no_toll(token):
        return None
    if describes_a_struggle(token):
        return None  # "a political crisis that has sparked street battles": what the crisis is, not the day's news
    if frame.category == "humanitarian" and _measured_in_money(token):
        return None  # "AIG has received $182 billion in federal aid": funding, no people moved or helped
    if token.dep_ == "npadvmod" and token.head.dep_ == "amod":
        return None  # "the flood-wrecked mountains", "quake-hit towns": a description of a place, not an event
    if token.dep_ == "amod" and token.tag_ in ("VBN", "JJ") and frame.category in ("restriction", "humanitarian"):
        return None  # "the three arrested men": people described by an act already told ("flooded streets" tell a flood)
    if site is not None:  # the hurt taken to a hospital the text names are moved and helped (CODEBOOK 2, 6);
        return EventHead(token, frame, "humanitarian") if names_its_site(site) else None  # "to hospital": a toll
    means, target, actor = arguments(token, root)
    decided = argument_category(frame, means=means, target=target, actor=actor)
    category = frame.category if decided is None else decided
    elided = _elided_subject(token)
    if elided and not means and not actor:
        category = ""  # "a second, of magnitude 7.5, hit near Elbistan": another of the story's events
    if category == NO_EVENT or (not category and not {"casualty", "anaphor"} & frame.flags and not elided):
        return None  # "hit", "landed": an event only when what hit is known
    return EventHead(token, frame, category, unqualified=decided is None)


def _tells_no_toll(token) -> bool:
    """A casualty word that counts no new toll: people of an event already told, or an obituary."""
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and token.tag_ not in ("NN", "NNS") and \
            any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return True  # "the wounded were taken to hospital", "recovered the dead": people of an event already told
    if token.dep_ in ("acl", "amod") and token.tag_ == "VBN" and \
            any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.head.children):
        return True  # "the three injured were in stable condition": the same people, described
    if token.dep_ == "amod" and token.head.dep_ in ("dobj", "nsubjpass") and \
            "movement" in getattr(frame_of(token.head.head), "flags", ()):
        return True  # "evacuated 104 injured people": the people moved, hurt in an event told on its own
    # "after two more patients died overnight in burns units": the told event's toll goes up;
    # "Holroyd dies at 74": an obituary, not a toll
    return _adds_to_told_toll(token) or dies_of_age(token)


#: Words that count people on top of a toll already told: "two more patients", "another three bodies".
_MORE = frozenset({"more", "further", "additional", "another"})


def _adds_to_told_toll(token) -> bool:
    """A toll counted on top of one told ("two more patients died", "another three bodies were found") with
    no name in its clause: the told event's toll rising, no new event ("two more were killed in Kharkiv" is
    one where it names the place)."""
    people = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    people += [n for p in people for n in p.children if n.dep_ == "nummod"]  # "two more": "more" hangs on "two"
    return any(c.lower_ in _MORE and c.dep_ in ("amod", "det", "advmod") for p in people for c in p.children) \
        and not any(t.pos_ == "PROPN" for t in token.subtree)


#: Words that stand for a noun told before: "a second (quake) hit", "another (strike) landed".
_ELIDED = frozenset({"second", "third", "fourth", "another", "latest"})


def _elided_subject(token) -> bool:
    """The verb's subject only counts another of something already told ("A second hit nine hours later")."""
    return token.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _ELIDED and
                                        not any(g.dep_ in ("compound", "amod") for g in c.children)
                                        for c in token.children)


#: Where people live, beside the place nouns: what they leave when they flee ("left their homes").
_HOMES = frozenset({"home", "house", "flat", "apartment", "region", "country"})

#: Noun classes of buildings and sites people are in (data/nouns.csv).
_SITES = frozenset({"venue", "lodging", "citypart", "care", "site"})

_PLACE_NOUNS = frozenset({"village", "town", "city", "district", "area", "airport", "base", "bridge", "hill",
                          "position", "settlement", "neighbourhood", "suburb", "outskirts", "centre", "port",
                          "post", "outpost", "checkpoint", "garrison", "barracks", "camp", "station"})


def event_heads(sentence) -> list:
    """The event heads of a parsed sentence (a spaCy ``Span``), in text order.

    >>> from mapsvc.text.nlp import parse
    >>> s = next(parse("Gunmen killed 132 civilians in attacks on villages near Djibo.").sents)
    >>> [(h.token.lemma_, h.category) for h in event_heads(s)]  # the killing is the attacks' toll
    [('attack', 'civilian_harm')]
    """
    heads = [h for h in (_head_of(t) for t in sentence) if h is not None]
    if len(heads) > 1:
        # "vehicles massed on the airfield": a participle describing a noun tells no event;
        # "during the fighting", "after the floods": an event named as the time of another;
        # "missiles hit the city": the verb tells the missiles' event, one event; "blocked the road with
        # burning tyres": a present participle describing a thing is what another event used or left
        heads = [h for h in heads if (h.token.dep_ != "acl" or is_root_noun_predicate(h.token))
                 and not (is_time_frame(h.token) and not told_with_own_place(h.token)) and not is_agent(h.token)
                 and not subject_is_event(h.token, heads) and not object_of_event(h.token, heads)
                 and not side_of_event(h.token, heads) and not ranks_an_event(h.token)
                 and not site_of_event(h.token, heads) and not charge_of_restriction(h.token, heads)
                 and not (h.token.dep_ == "amod" and h.token.tag_ == "VBG")
                 and not light_verb_of_event(h.token, heads) and not approach_to_act(h.token, heads)] or heads
    violent = next((h.category for h in heads if h.category in ("strike", "battle")), "")
    if violent:  # "attacks ..., with a huge fire breaking out": the fire is the attack's ("a week after a fire
        # in a hospital in Nasiriyah killed 92": a fire told as the time of the attack is an event of its own)
        heads = [replace(h, category=violent) if "aftermath" in h.frame.flags and h.category == "disaster"
                 and not told_as_time(h.token) else h for h in heads]
    # a casualty verb whose cause is an event ("killed in a strike") only gives that event its counts
    return [h for h in heads if "casualty" not in h.frame.flags or not is_governed_by_event(h.token, heads)]
