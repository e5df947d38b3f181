"""Places that report about themselves: a town, a county or its authorities telling what they did or
underwent ("Stuttgart said they were closed", "Buncombe County has confirmed 72 deaths") is where it
happened, though a speaker is otherwise no place of an event (CODEBOOK 3); and the words of what
someone said, whose places are no place of the event the sentence tells around them."""
from __future__ import annotations

from .clauses import clause_root
from .places import KIND_RANK, SPEECH_VERBS, locate

__all__ = ["self_reporting_towns", "said_tokens"]


def _reporting_speech(token):
    """The speech verb by which a place reports its own event, or None: "Stuttgart said they were closed"
    (the event's subject is "it" or "they"), "Buncombe County has confirmed 72 deaths" (the event is
    what is reported)."""
    if token.dep_ == "dobj" and token.head.lemma_ in SPEECH_VERBS:
        return token.head
    root = clause_root(token)
    while root.dep_ in ("acomp", "xcomp", "attr", "conj") and root.head.i != root.i:
        root = root.head  # "they were closed": the copula carries the subject; a conjunct, its first clause's
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.lower_ not in ("it", "they", "there") or root.dep_ != "ccomp" or \
            root.head.lemma_ not in SPEECH_VERBS:
        return None  # "there would be no departures": what the place itself has, or has not
    return root.head


def self_reporting_towns(token, mentions: list, sent) -> list:
    """ "Stuttgart and Hanover said they were closed", "authorities in Putian said they had moved 150,000
    people", "Buncombe County has confirmed 72 deaths": a town or county, or its authorities, reporting
    what they did or underwent is where it happened, though a speaker is otherwise no place; so is a
    province reporting a toll of its own."""
    speech = _reporting_speech(token)
    if speech is None:
        return []
    speakers = {c.i for c in speech.children if c.dep_ == "nsubj"}

    def speaks(m) -> bool:  # "Stuttgart said", "authorities in Putian said", "Putian officials said"
        r = m.root
        return (r.head.i == speech.i and r.dep_ == "nsubj") or (r.dep_ in ("compound", "poss") and r.head.i in speakers) \
            or (r.dep_ == "pobj" and r.head.lower_ in ("in", "of") and r.head.head.i in speakers)

    # a province too, when the event is the very thing it reports ("Samangan province reported three deaths")
    finest = KIND_RANK["admin1"] if token.dep_ == "dobj" and token.head.i == speech.i else KIND_RANK["admin2"]
    towns = [m for m in mentions if speaks(m) and KIND_RANK.get(m.toponym.place.kind, 0) >= finest]
    return [locate(m, sent.text, sent.start, via="speaker") for m in towns]


def said_tokens(head) -> set:
    """The indexes of the words of what someone said in ``head``'s sentence when ``head`` is not among them
    ("the unrest began hours after the premier announced he would not seek talks with Brussels"): where
    the speaker's words go is no place of ``head``'s."""
    out: set = set()
    own = set(clause_root(head).subtree)
    for token in head.sent:
        # a statement told inside the head's own clause, as its time or cause
        if token.dep_ == "ccomp" and token.head.lemma_ in SPEECH_VERBS and token.head in own \
                and head not in token.subtree:
            out |= {t.i for t in token.subtree}
        # "raising the toll from 14 announced at a news conference in Winnipeg": where a word was said
        if token.lemma_ in SPEECH_VERBS and token.dep_ in ("acl", "relcl") and head not in token.subtree:
            out |= {t.i for p in token.children if p.dep_ == "prep" for t in p.subtree}
    return out
