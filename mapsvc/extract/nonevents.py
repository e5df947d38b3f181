"""When a word that could head an event tells none: plans, statements, negations, results, circumstances,
events called off, purposes.

The frame table says which words may head an event; these tests, read from the
parse, say when such a word does not tell one that happened (CODEBOOK section 1:
plans, statements about an event, conditions), or tells something else (a result
"left one dead", a landmark "west of the epicentre", a circumstance "while fleeing").
"""
from __future__ import annotations

from .arguments import co_actors, is_definite
from .clauses import relative_clause_of, when_clause
from .frames import classes_of, frame_for
from ..text.timeparse import MONTHS, WEEKDAYS

__all__ = ["HISTORY", "PLANS", "describes_a_person", "describes_a_struggle", "is_habitual", "is_planned",
           "is_statement_object", "tells_place_and_time", "is_negated", "is_landmark_noun", "is_circumstance",
           "is_purpose_infinitive",
           "is_result_construction", "is_called_off", "dies_of_age", "is_purpose", "side_of_event", "ranks_an_event",
           "is_remembered", "is_accusation"]

#: Auxiliaries and governing verbs that make an event a plan, a wish or a possibility.
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "shall", "can", "must"})
PLANS = frozenset({"plan", "threaten", "vow", "intend", "prepare", "promise", "want", "seek", "hope",
                    "aim", "expect", "propose", "consider", "fear", "urge", "demand", "warn", "deter", "stop",
                    "call", "ask", "refuse", "avoid", "prevent", "deny", "suggest", "recommend", "request", "motion",
                    "ensure", "weigh", "mull", "contemplate", "ponder"})
#: "talks are due to begin", "set to resume": an event on the calendar, not yet an event.
_SCHEDULED = frozenset({"due", "set", "schedule", "expect", "likely", "poised"})
#: Verbs and nouns whose object is something said about an event, not the event.
_STATEMENTS = frozenset({"condemn", "blame", "deny", "criticise", "criticize", "denounce", "accuse",
                         "praise", "welcome", "investigate", "probe", "mourn", "commemorate", "mark",
                         "remember", "discuss", "condemnation", "anniversary", "memorial", "investigation",
                         "inquiry", "claim", "responsibility", "protest", "rule", "film", "end", "stop",
                         "halt", "resolve", "ending", "speak", "talk", "show", "write", "focus",
                         # what an event is the object of without happening: "a long history of pileups"
                         "history", "risk", "threat", "danger", "prospect", "possibility", "legacy", "memory",
                         "warning", "forecast", "prone", "vulnerable", "susceptible",
                         # what breaks or opposes an agreement or act: "a violation of the ceasefire"
                         "violation", "breach", "opposition",
                         # what a court or prosecutor says of a crime: "charged with murder", "three counts of assault"
                         "charge", "count", "indict", "convict", "sentence"})

def is_planned(token, root) -> bool:
    for node in (token, root):
        if _has_modal(node):
            return True
        if any(c.dep_ in ("acomp", "xcomp") and c.lemma_ in _SCHEDULED for c in node.children):
            return True  # "talks are due to begin", "a strike is expected to follow"
        if node.dep_ in ("xcomp", "ccomp", "dobj", "pobj") and node.head.lemma_ in PLANS:
            return True
        if node.dep_ == "xcomp" and node.head.lemma_ in _SCHEDULED:
            return True  # "where the King had been due to visit": the visit hangs on "due"
    if root.lemma_ in _SCHEDULED | PLANS and token.dep_ in ("nsubj", "nsubjpass") and token.head == root:
        return True  # "talks are set to resume"
    node = token
    while node.head != node and node.dep_ not in ("nsubj", "nsubjpass", "conj", "advcl", "ROOT"):
        node = node.head  # "repeated its call for Rwanda to withdraw": a demand, not a withdrawal
        if node.lemma_ in PLANS and node.lemma_ != "fear":  # "feared dead" is a toll
            return True
    node = root
    while node.head != node:  # "if attacked", "unless the city is evacuated"
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        if node.dep_ == "ccomp" and marks & {"if", "whether"}:
            return True  # "declined to say if authorities had moved the residents": asked, not told
        if node.dep_ == "advcl" and marks & {"if", "unless"}:
            return True
        if node.dep_ == "advcl" and marks & _AWAITED and _has_modal(node.head):
            return True  # "would not step down until an election was held": awaited, not yet held
        node = node.head
    return False


#: Clauses that tell what a future act waits for ("will reopen once the water recedes").
_AWAITED = frozenset({"until", "till", "before", "once", "when"})


def _has_modal(verb) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in verb.children)


#: Roles through which an event is what a statement is about: "condemned the attack", "talks to end the war".
_OBJECT_PATH = frozenset({"dobj", "pobj", "prep", "xcomp", "ccomp", "nsubjpass", "compound", "amod", "acl", "appos",
                          "poss", "nmod", "attr", "oprd", "pcomp", "aux", "auxpass", "advmod", "det"})


def is_statement_object(token) -> bool:
    """ "condemned the attack", "the attack was condemned": what a statement is about.

    The walk up stops at a subject ("attacks probed into Kyiv": the attacks act) and at a
    coordinated or adverbial clause, which tells an event of its own.
    """
    node = token  # the word on the path just below ``w``: each governor is the head of the one before
    for w in _governors(token):
        if node.dep_ == "ccomp" and w.lemma_.lower() in _REPORTING and \
                any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return False  # "footage shows crowds stormed the embassy": a clause that reports what happened
        if (w.lemma_.lower() in _STATEMENTS or _reacts(w)) and not _event_acts(w):
            return True
        node = w
    return False


#: Verbs that report a clause as what happened ("footage shows ...", "the group claimed it had ...").
_REPORTING = frozenset({"show", "write", "claim"})


#: Feelings a speaker states about an event ("said he was deeply alarmed by the attack"): a reaction, no event.
_REACTIONS = frozenset({"alarm", "alarmed", "shock", "shocked", "sadden", "saddened", "appal", "appall", "appalled",
                        "horrify", "horrified", "outrage", "outraged", "dismay", "dismayed", "concerned"})


def _reacts(word) -> bool:
    """ "was deeply alarmed by the attack": the word that governs the event is a copula whose complement is
    a feeling, or the feeling itself."""
    return word.lemma_.lower() in _REACTIONS or any(c.dep_ == "acomp" and c.lemma_.lower() in _REACTIONS
                                                    for c in word.children)


def _governors(token):
    """The words that govern ``token`` as their object, nearest first (the walk up stops at a subject
    and at a coordinated or adverbial clause)."""
    node = token
    while node.head != node and (node.dep_ in _OBJECT_PATH or (node.dep_ == "conj" and node.pos_ == "NOUN")):
        yield node.head  # "prone to earthquakes, landslides and floods": each noun of the list
        node = node.head


#: What names an event only as the past it remembers: its place and time do not make it news.
#: An event something is compared with is such a past too ("drawn comparisons with January's violence").
HISTORY = frozenset({"anniversary", "history", "legacy", "memory", "memorial", "commemorate", "commemoration",
                      "comparison", "compare", "parallel", "reminiscent"})


def describes_a_person(token) -> bool:
    """ "an activist who had helped organise the protests", "Qatar, which brokered the truce": an event already
    told, named in a clause that says who a person (or a named party) is, is no news of its own."""
    if token.pos_ != "NOUN" or not is_definite(token) or token.dep_ not in ("dobj", "pobj"):
        return False  # "fishermen who were out when the quake struck": the quake does something, it is told
    node = relative_clause_of(token)
    if node is None:
        return False
    # "who had helped organise", and "which" after a name ("Qatar, which brokered the truce"): who someone is
    pronouns = ("who", "whom", "whose", "which") if node.head.pos_ == "PROPN" else ("who", "whom", "whose")
    return any(c.lower_ in pronouns for c in node.subtree)


def describes_a_struggle(token) -> bool:
    """The event is told in a relative clause saying what a long struggle did ("a crisis that has sparked
    street battles", "a conflict that has killed thousands"): background (CODEBOOK 1), no event of its own."""
    clause = relative_clause_of(token)
    return clause is not None and "struggle" in classes_of(clause.head.lemma_)


#: Words that say what someone is accused of: "on suspicion of assaulting", "suspected of gunning down".
_ACCUSATIONS = frozenset({"charge", "suspicion", "accusation", "allegation", "conviction", "accuse", "suspect",
                          "convict"})


def is_accusation(token) -> bool:
    """ "arrested on suspicion of assaulting a deputy", "the man suspected of gunning down four officers": what
    someone is accused of is no event of its own (where it is news, the text tells it in its own words)."""
    node = token
    while node.head.i != node.i:
        prep = node.head
        if node.dep_ in ("pobj", "pcomp") and prep.dep_ == "prep" and prep.lower_ in ("of", "with") and \
                prep.head.lemma_.lower() in _ACCUSATIONS:
            return True
        if node.dep_ not in _INSIDE_AN_ACT or (node.dep_ == "prep" and node.lower_ in _ABOUT_AN_EVENT):
            return False  # "suspected of killing two people in a knife attack": the attack is told, not charged
        node = prep  # "accused of assault causing harm and escaping from custody": every act of the charge
    return False


#: Roles that keep a word inside the act a charge names ("assault causing harm and escaping from custody").
_INSIDE_AN_ACT = frozenset({"conj", "nsubj", "dobj", "pobj", "prep", "compound", "amod", "pcomp"})
#: Prepositions that name the event a charge is about rather than the act charged.
_ABOUT_AN_EVENT = frozenset({"in", "for", "over", "after", "during", "at", "on"})


def is_remembered(token) -> bool:
    """ "on the fourth anniversary of his killing in a US drone strike at Baghdad airport": an event
    named as what is remembered happened long before, however precisely it is placed; so did "the previous
    deadly tsunami", "past floods" (an event of the kind before this one)."""
    return any(w.lemma_.lower() in HISTORY for w in _governors(token)) or \
        token.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _BEFORE_THIS for c in token.children)


#: Adjectives of an event of the same kind before the one told: "the previous deadly tsunami".
_BEFORE_THIS = frozenset({"previous", "past", "former"})


def _event_acts(verb) -> bool:
    """ "a flurry of Russian attacks probed closer into Kyiv": a verb whose subject is an event (or
    what an event is made of) tells what the event did, not what someone said about it."""
    if verb.pos_ != "VERB":
        return False
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        words = [subject, *(p for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                            for p in c.children if p.dep_ == "pobj")]  # "a flurry of attacks"
        frames_ = [frame_for(w.lemma_, "NOUN") for w in words]
        if any(f is not None and f.category != "political" for f in frames_):  # talks "focus on" a topic
            return True
    return False


_PAST_WORDS = frozenset({"last", "yesterday", "ago", "earlier", "previous"})
_TIME_NOUNS = frozenset({"day", "night", "week", "weekend", "month", "year", "morning", "evening", "afternoon"})


def _names_a_time(token) -> bool:
    """A day, month or span of time, read from the word (the entity label is evidence, and the recogniser
    only runs where an event may be told)."""
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in WEEKDAYS or token.lower_ in MONTHS \
        or token.lemma_ in _TIME_NOUNS


def tells_place_and_time(token) -> bool:
    """ "an investigation into last Wednesday's crash of a plane in the Belgorod region": an event named in a
    statement or a demand, with a past day and a place of its own, happened (CODEBOOK 1: a recent, specific event)."""
    words = list(token.subtree)
    dated = any(t.lower_ in _PAST_WORDS and (t.lower_ == "yesterday" or _names_a_time(t) or _names_a_time(t.head)
                                               or any(_names_a_time(c) for c in t.children))
                for t in words)  # "last Wednesday's", "two days ago", not "next"
    placed = any(t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "near") and
                 (t.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children))
                 for t in words)  # entity labels are evidence, not vetoes: "the Belgorod region" is NORP here
    return token.pos_ == "NOUN" and dated and placed


def is_negated(token) -> bool:
    """ "did not strike", "no shelling"; a noun's event is not negated by the verb above it
    ("his visit was not announced")."""
    verb = token if token.pos_ == "VERB" else None
    return (verb is not None and any(c.dep_ == "neg" for c in verb.children)) or \
        any(c.lower_ == "no" and c.dep_ == "det" for c in token.children)



_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west", "km", "kilometres", "kilometers",
                         "miles", "mile"})


def is_landmark_noun(token) -> bool:
    """ "140 kilometres west of the epicentre": an event noun that only measures where something else is."""
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "of" and \
        token.head.head.lower_ in _DIRECTIONS


#: Modifiers that make an event noun a habit told in summary ("repeated attacks", "frequent floods").
_HABITUAL = frozenset({"repeated", "frequent", "recurrent", "recurring", "regular", "periodic", "sporadic",
                       "occasional", "numerous", "countless", "seasonal"})


#: Adverbs of how often: a verb they modify tells a habit ("has been hit by drones almost daily for weeks").
_HABITUAL_ADVERBS = frozenset({"daily", "nightly", "weekly", "routinely", "regularly", "frequently", "often",
                               "constantly", "habitually", "usually", "normally", "typically", "rarely", "seldom"})
#: Adjectives that say how often events of a kind happen ("protests are rare").
_HOW_OFTEN = frozenset({"rare", "common", "frequent", "commonplace", "uncommon", "routine", "unusual", "usual"})


#: Nouns of a trend: the events they measure are many, told as a count that rises or falls.
_TRENDS = frozenset({"rise", "increase", "surge", "spike", "upsurge", "jump", "uptick", "decline", "drop", "fall",
                     "growth", "escalation"})


def is_habitual(token) -> bool:
    """ "Cali has been hit by repeated attacks this year": many events told as a habit, not one incident;
    the modifier goes for the nouns coordinated with its own ("frequent landslides and flash floods"), and
    an adverb of frequency makes a habit of its verb ("shelled almost daily")."""
    if token.pos_ == "VERB":
        return any(c.dep_ == "advmod" and c.lower_ in _HABITUAL_ADVERBS for c in token.children)
    while token.pos_ == "NOUN":
        if any(c.dep_ == "amod" and c.lower_ in _HABITUAL for c in token.children):
            return True
        if token.dep_ == "nsubj" and token.head.lemma_ == "be" and \
                any(c.dep_ == "acomp" and c.lower_ in _HOW_OFTEN for c in token.head.children):
            return True  # "protests are rare in the country": how often such events happen
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "of") and token.head.head.lemma_.lower() in _TRENDS:
            return True  # "has seen a sharp rise in separatist attacks": a trend of many events
        if token.dep_ != "conj" or token.head.i == token.i:
            return False
        token = token.head
    return False


def is_circumstance(token) -> bool:
    """ "injured by falling objects or while fleeing": a movement told as the circumstance of another event."""
    return token.tag_ == "VBG" and any(c.dep_ == "mark" and c.lower_ in ("while", "when", "as")
                                       for c in token.children)


def is_purpose_infinitive(token) -> bool:
    """ "he had come to the party to pick up his daughter": what someone went to do, not what happened
    ("forcing residents to leave" is a complement, and tells the leaving)."""
    return token.pos_ == "VERB" and token.dep_ == "advcl" and \
        any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def is_result_construction(token) -> bool:
    """ "a shooting that left one person dead", "left thousands homeless": the state an event left people
    in, not people leaving."""
    if token.pos_ != "VERB":
        return False
    if any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp")
           and (c.pos_ == "ADJ" or c.tag_ == "VBG" and c.i == token.i + 1) for c in token.children):
        return True  # "left one person dead", "barely a house was left standing"
    # "leaving hundreds of passengers stranded": the state after the people, an adjective or a participle
    people = [p for c in token.children if c.dep_ == "dobj"
              for p in (c, *(q for a in c.children if a.dep_ == "prep" and a.lower_ == "of"
                             for q in a.children if q.dep_ == "pobj"))]
    return any(g.dep_ in ("amod", "acomp", "acl") and g.i > p.i and (g.pos_ == "ADJ" or g.tag_ == "VBN")
               for p in people for g in p.children)


def is_called_off(token) -> bool:
    """ "postponed the election", "the delay of this month's election", "the vote would be postponed": an
    event put off or called off did not take place."""
    if token.pos_ != "NOUN":
        return False
    if token.dep_ in ("dobj", "nsubjpass") and "calloff" in classes_of(token.head.lemma_):
        return True
    return token.dep_ == "pobj" and token.head.lower_ == "of" and "calloff" in classes_of(token.head.head.lemma_)


def dies_of_age(token) -> bool:
    """ "dies at 74", "died aged 91": a death told with the age it came at is a life's end."""
    return token.lemma_ == "die" and any(
        (c.dep_ == "prep" and c.lower_ == "at" and any(p.like_num for p in c.children if p.dep_ == "pobj"))
        or c.lower_ == "aged" for c in token.children)


_MOTION = frozenset({"fly", "travel", "go", "head", "come", "send", "take", "bring", "drive", "return", "sail"})


def is_purpose(token) -> bool:
    """ "the main entry point for aid", "an appeal for a ceasefire", "prisoners being flown to an exchange":
    what something is for, or where people were going; "taken to shelters" is the help they were taken to."""
    if token.pos_ != "NOUN":
        return False
    while token.dep_ == "conj" and token.head.i != token.i and token.head.pos_ == "NOUN":
        token = token.head  # "called for a general strike and more protests": each conjunct is what is called for
    if token.dep_ != "pobj":
        return False
    named = [token, *(c for c in token.children if c.dep_ in ("compound", "amod"))]  # "accommodation centres"
    if token.head.lower_ == "from" and token.head.head.lemma_ in _PROTECTING:
        return True  # "there to protect it from attack": the danger guarded against, not an event
    return token.head.lower_ == "for" or (token.head.lower_ == "to" and token.head.head.lemma_ in _MOTION
                                          and not any("aid" in classes_of(t.lemma_) for t in named))


#: Verbs of guarding something against a danger ("protect it from attack").
_PROTECTING = frozenset({"protect", "shield", "guard", "defend", "safeguard"})


def side_of_event(token, heads: list) -> bool:
    """ "clashes between protesters and party members", "police clashed with protesters": the protesters
    are a side of another event, no event of their own."""
    return any(h.token.i != token.i and token.i in {t.i for t in co_actors(h.token, h.token)} for h in heads)


def ranks_an_event(token) -> bool:
    """ "making it the deadliest wildfire in the United States in a century": a superlative ranks the
    event another head tells among others of its kind; it tells none of its own. The subject of an event
    verb is the event itself, ranked as it is told ("the strongest earthquake in 25 years struck Hualien")."""
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB" and token.head.lemma_ != "be":
        return False
    return token.pos_ == "NOUN" and any(c.dep_ == "amod" and c.tag_ == "JJS" for c in token.children)


def starts_a_stretch(token) -> bool:
    """ "closed since Monday, when the quake tore open its runway": the event a "since" date is told by,
    without a place of its own, is the start of a stretch, an event told before; with one it is news dated
    by that date ("since March 3, when a train derailed near Kharkiv")."""
    verb = when_clause(token)
    return verb is not None and verb.head.dep_ == "pobj" and verb.head.head.lower_ == "since" and \
        not any(t.pos_ == "PROPN" and t.dep_ in ("pobj", "dobj") for t in verb.subtree)
