"""How an event is told: named again ("the raid"), by its toll or damage, in a dated statement about it, or
with a date or description of its own ("the October offensive", "a shooting that ... late Sunday")."""
from __future__ import annotations

from typing import Optional

from .arguments import is_definite
from .clauses import marked_clause, when_clause
from .frames import frame_for
from .places import SPEECH_VERBS
from ..text.timeparse import MONTHS, find_date_expressions

__all__ = ["category_counted_from", "category_of_main_subject", "dated_by_statement", "described_noun",
           "description", "names_told_event", "own_date_words", "state_of_object", "tells_again", "tells_damage"]


def names_told_event(token) -> bool:
    """ "the raid", "this attack", "the largest evacuation in Greece's history": a definite or
    superlative event noun points back to an event already told."""
    return token.pos_ == "NOUN" and (is_definite(token) or any(c.tag_ == "JJS" for c in token.children))


def tells_damage(token, frame) -> bool:
    """A toll ("three people died"), a state left behind ("a street of collapsed shops") or the event
    named again ("when the quake struck"): what an event did, not the event that hit."""
    return "casualty" in frame.flags or (token.dep_ == "amod" and token.tag_ == "VBN") or names_told_event(token)


#: Nouns of a count given out: "gave an initial toll of 31 dead on Monday".
_TOLL_NOUNS = frozenset({"toll", "number", "figure", "tally", "count"})


def tells_again(head) -> bool:
    """A toll ("31 dead") or an event named again ("the assault", "the assault had been repelled")."""
    named = [head.token, *(c for c in head.token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))]
    return "casualty" in head.frame.flags or any(
        names_told_event(t) and (t == head.token or frame_for(t.lemma_.lower(), "NOUN") is not None) for t in named)


#: Verbs whose subject is an event and which say only that it happened ("the incident happened ...").
_HAPPENING_VERBS = frozenset({"happen", "occur", "unfold"})


def tells_its_happening(token) -> bool:
    """ "The incident happened at about 2 a.m. Sunday near the market", "the tragedy took place ...": a known
    event named by a word that says nothing of its kind, told with where and when it happened."""
    verb = token.head
    takes_place = verb.lemma_ == "take" and any(c.dep_ == "dobj" and c.lemma_ == "place" for c in verb.children)
    return token.dep_ == "nsubj" and is_definite(token) and (verb.lemma_ in _HAPPENING_VERBS or takes_place)


def dated_by_statement(token, doc) -> bool:
    """The sentence's day belongs to a statement about the event ("the army said on Monday that the assault
    had been repelled", "a councillor gave a toll of 31 dead on Monday") or to what followed it ("weighed
    air strikes on Sunday after a mortar shell killed 68"), not to the event itself."""
    for start, end, _kind, _m in find_date_expressions(doc.text):
        words = doc.char_span(start, end, alignment_mode="expand")
        if words is None:
            continue
        verb = next((a for a in words.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb == token or verb not in token.ancestors:
            continue
        if verb.lemma_ in SPEECH_VERBS or any(c.dep_ == "dobj" and c.lemma_ in _TOLL_NOUNS for c in verb.children):
            return True
        if any(marked_clause(c, {"after"}) and (c == token or c in token.ancestors) for c in verb.children):
            return True  # "weighed air strikes on Sunday after a shell killed 68": the day is of what came after
    return False


def _when_clause_date(token) -> str:
    """The date a "when" clause hangs on, for an event told in it ("since May 2016, when a wildfire forced
    88,000 people to flee": May 2016), as a date expression; "" when the event's clause is no such clause."""
    start = next((c for c in token.children if c.dep_ == "relcl"), token) if token.ent_type_ == "DATE" else token
    verb = when_clause(start)
    if verb is None:
        return ""
    inside = {t.i for t in verb.subtree}
    return "in " + " ".join(t.text for t in verb.head.subtree if t.i not in inside and t.ent_type_ == "DATE")


def own_date_words(token) -> str:
    """The date an event noun carries as its modifier, as a date expression: "the October offensive"
    (in October), "last week's strike", or the date its "when" clause hangs on; "" when it carries none."""
    when = _when_clause_date(token)
    if when:
        return when
    if token.pos_ != "NOUN":
        return _subject_date_words(token)
    for c in token.children:
        # "the 1999 quake"; a capitalised month's name is a date whatever label the tagger gave it ("May's")
        if c.dep_ in ("compound", "nmod", "poss", "amod", "nummod") and (c.ent_type_ == "DATE" or (
                c.dep_ in ("compound", "poss") and c.text[:1].isupper() and c.lower_ in MONTHS)):
            words = " ".join(t.text for t in c.subtree if t.dep_ != "case")
            # "the October offensive", "January's violence": a month alone is read as a date after "in"
            return ("in " + words) if (c.pos_ == "PROPN" and c.dep_ in ("compound", "poss")) or c.dep_ == "nummod" \
                else words
    return _possessive_date_before(token)


#: Words that may stand between a possessive date and its event noun: "Tuesday's magnitude 6.2 earthquake".
_NOMINAL = frozenset({"NOUN", "NUM", "ADJ", "PROPN", "PUNCT"})


def _possessive_date_before(noun) -> str:
    """The possessive date written just before an event noun's phrase when the parser hung it on a word in
    between ("after Tuesday's magnitude 6.2 earthquake killed seven": "Tuesday's" on "magnitude"); "" else."""
    doc, end = noun.doc, noun.left_edge.i
    for i in range(end - 1, max(end - 6, 0) - 1, -1):
        t = doc[i]
        if t.tag_ == "POS" and i > 0 and doc[i - 1].ent_type_ == "DATE":
            start = i - 1
            while start > 0 and doc[start - 1].ent_type_ == "DATE" and doc[start].ent_iob_ != "B":
                start -= 1  # "last week's": the whole date
            return " ".join(w.text for w in doc[start:i])
        if t.pos_ not in _NOMINAL or (t.pos_ == "PUNCT" and t.text != "-"):
            return ""
    return ""


def state_of_object(token) -> bool:
    """A participle describing the object of another act: "searched collapsed houses on Wednesday" tells
    houses that fell in the story's quake, not a collapse on the search's day."""
    return token.dep_ == "amod" and token.tag_ == "VBN" and token.head.dep_ in ("dobj", "pobj")


def _subject_date_words(verb) -> str:
    """The date the event noun a verb tells of carries ("a 1935 quake destroyed the city of Quetta, killing
    around 30,000 people": 1935), through the clause the verb is a participle of."""
    while verb.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
    return own_date_words(subject) if subject is not None and frame_for(subject.lemma_.lower(), "NOUN") else ""


def described_noun(token):
    """The noun a relative clause or participle describes, through a place named with it ("January's
    violence in Kazakhstan, where 230 people were killed": the violence; "May's crackdown in Tajikistan's
    Gorno-Badakhshan region, where ...": the crackdown)."""
    noun = token.head
    while _names_a_place(noun) and noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    return noun


def _names_a_place(noun) -> bool:
    """A name, or a noun a name qualifies ("Tajikistan's Gorno-Badakhshan region"; "the Chi-Chi quake" is an
    event's own noun)."""
    return noun.pos_ == "PROPN" or frame_for(noun.lemma_.lower(), "NOUN") is None and \
        any(c.pos_ == "PROPN" and c.dep_ in ("compound", "poss") and c.lower_ not in MONTHS and c.ent_type_ != "DATE"
            for c in noun.children)


def description(token) -> Optional[tuple]:
    """(start, end) in the sentence of the relative clause or participle describing an event noun."""
    if token.pos_ != "NOUN":
        return None
    parts = [c for c in token.children if c.dep_ in ("relcl", "acl")]
    if not parts:
        return None
    tokens = [t for c in parts for t in c.subtree]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def _told_category(noun) -> Optional[str]:
    frame = frame_for(noun.lemma_.lower(), "NOUN")
    told = is_definite(noun) or any(c.dep_ == "poss" for c in noun.children)  # "Thursday's protests"
    return frame.category if frame is not None and frame.category not in ("", "-") and told else None


def category_counted_from(tokens) -> Optional[str]:
    """The category of the told event a clause counts from or happens in ("after the shelling", "following the
    emergency warning", "during the clashes": the noun after the preposition, with its article), if there is
    one. The story may have told that event under another kind ("the clashes" of a protest): the reader
    then takes the day of the event told last."""
    for tok in tokens or ():
        if tok.lower_ in ("after", "following", "during", "amid", "amidst") and tok.dep_ == "prep":
            for noun in (c for c in tok.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
                if category := _told_category(noun):
                    return category
    return None


def category_of_main_subject(token) -> Optional[str]:
    """The category of the told event the sentence's main clause is about ("The Kuriga attack came two weeks
    after ..."), if it is one."""
    for noun in (c for c in token.sent.root.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"):
        if category := _told_category(noun):
            return category
    return None
