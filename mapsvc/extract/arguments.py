"""The arguments of an event head, read through the grammar: who acted, with what, against whom.

The codebook decides a category by the means, then the target, then the actor
(CODEBOOK section 2); this module finds the words that fill those roles,
following relative clauses, participles and coordinated verbs to the noun
they describe, and gives their noun classes (``data/nouns.csv``).
"""
from __future__ import annotations

from .clauses import clause_root, is_definite, marked_clause, relative_clause_of
from .frames import classes_of, frame_for
from .places import SPEECH_VERBS

__all__ = ["QUANTITIES", "arguments", "agents", "cause_tokens", "fights_fire", "hurt_without_fighting",
           "is_definite", "is_root_noun_predicate", "names_no_side", "pobjs", "subject_names", "subject_seats",
           "subjects"]

QUANTITIES = frozenset({"hundred", "thousand", "dozen", "million", "number", "score", "crowd", "group", "all", "most",
                        "many", "some", "half", "majority", "none", "part"})


_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})


def _antecedent(token):
    """The noun a relative pronoun stands for ("displaced families, many of whom arrived": the families)."""
    if token.lower_ not in _RELATIVE_PRONOUNS:
        return token
    clause = relative_clause_of(token)
    return clause.head if clause is not None else token


def _classes(tokens, head=None) -> frozenset:
    """The noun classes of ``tokens`` and of their modifiers that name a means or an actor; never the event
    ``head`` itself ("striking workers": the striking is no weapon of the workers)."""
    out = set()
    for tok in list(tokens):
        # "hundreds of residents", "groups of young people", "a second front of the fire": what it counts or is
        # part of ("a surge of violence" is no storm surge)
        if (tok.lemma_.lower() in QUANTITIES or tok.like_num or "partitive" in classes_of(tok.lemma_)) \
                and pobjs(tok, {"of"}):
            tokens = [t for t in tokens if t != tok] + pobjs(tok, {"of"})
    tokens = [_antecedent(t) for t in tokens]
    for tok in tokens:
        if fights_fire(tok):
            out.add("responder")  # "water bombers landed at Antalya airport": firefighting aircraft
            continue
        out |= classes_of(tok.lemma_)
        if _names_a_person(tok):
            out.add("person")  # "Biden arrived in Kyiv": a named person
        for child in tok.children:
            # "suicide bomber", "police helicopter"; a title names who acts: "President Steinmeier"
            if child.dep_ in ("compound", "nmod", "amod") and child != head:
                out |= classes_of(child.lemma_) & {"weapon", "armed", "security", "disaster", "vehicle", "dispersal",
                                                   "speaker", "aid", "police"}
    return frozenset(out)


def _names_a_person(token) -> bool:
    """A name the recogniser labels a person's. Labels are evidence, never a veto: an unlabelled name (or a
    sentence parsed without labels) makes no visit of an arrival, it removes none an official makes."""
    return token.ent_type_ == "PERSON"


def fights_fire(token) -> bool:
    """A word of bombing that water modifies names firefighting, not an attack: "a Canadair water bomber",
    "water-bombing resumed at first light"."""
    return token.lemma_.lower() in ("bomber", "bombing") and \
        any(c.lower_ == "water" and c.dep_ in ("compound", "amod", "nmod", "npadvmod") for c in token.children)


def pobjs(token, preps) -> list:
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def co_actors(token, verb) -> list:
    """Who took part beside the subject: "police clashed with protesters", "clashes between students and
    gendarmes" (an unarmed crowd on one side makes a protest, not a battle: CODEBOOK 2)."""
    # "fought running battles with youths": the sides of the verb's object are the verb's
    held = [token] if token.pos_ == "NOUN" else [c for c in verb.children if c.dep_ == "dobj"]
    sides = pobjs(verb, {"with"}) + [p for n in held for p in pobjs(n, {"with", "between"})]
    return sides + [c for side in sides for c in side.children if c.dep_ == "conj"]


def agents(verb) -> list:
    """ "was hit by a drone": the drone."""
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]



def is_root_noun_predicate(verb) -> bool:
    """ "The bus overturned near Nakuru": the small parser makes the noun the root and the verb its
    participle; a sentence has a predicate, so the verb is it. So has a clause coordinated with a verb
    ("marched through Batumi, and smaller crowds gathered in Kutaisi": the crowds are a conjunct of
    "marched", and "gathered" their predicate)."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    noun = verb.head
    if noun.dep_ == "conj" and noun.head.pos_ == "VERB":
        return True
    return noun.dep_ == "ROOT" and not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in verb.sent)


def subjects(verb) -> list:
    """The verb's subjects, read through the grammar: the noun a relative clause or participle describes
    ("a drone that crashed into", "a drone crashing into", "striking workers"), the subject of the first
    of coordinated verbs ("gunmen stormed the hotel and killed ...")."""
    # a clause has one subject: a second the parser hangs on the verb is the conjunct of a phrase inside the
    # first ("militants armed with rifles and hand grenades attacked": the militants attacked)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"][:1]
    if subjects and subjects[0].lower_ in _SAYERS_PRONOUNS and verb.dep_ == "ccomp" and \
            verb.head.lemma_ in SPEECH_VERBS:
        # "Rebels say they have taken Homs", "the army said it killed 20 militants": who said it did it
        said_by = [c for c in verb.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
        subjects = said_by[:1] or subjects
    if verb.dep_ == "relcl" and (not subjects or all(s.lower_ in _RELATIVE_PRONOUNS for s in subjects)):
        return [verb.head]
    if not subjects and verb.dep_ == "acl" and (verb.tag_ == "VBG" or is_root_noun_predicate(verb)):
        return [verb.head]
    if verb.dep_ == "amod" and verb.tag_ == "VBG":
        return [verb.head]  # "striking workers": the workers strike
    if not subjects and verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i != verb.i \
            and not any(c.dep_ == "nsubjpass" for c in verb.children):
        # not a conjunct with a passive subject of its own ("officers fired tear gas, and a bank branch was
        # set on fire": the officers set nothing on fire)
        return [c for c in verb.head.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "xcomp" and not _passive(verb):
        # "ordered all residents to leave": the object of the verb the clause completes does it; without one,
        # its subject does ("troops were forced to retreat")
        told = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
        return told or [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "advcl"):
        # "within minutes of arriving, firefighters searched": a gerund without a subject of its own is done by
        # the subject of the clause it hangs on
        governor = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if governor is not None:
            return [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")][:1]
    return subjects


#: Pronouns by which a speaker says what they did.
_SAYERS_PRONOUNS = frozenset({"they", "it", "we", "he", "she"})


def _passive(verb) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _is_plain_organisation(token) -> bool:
    """An organisation's name that is not an armed group's or a state's forces (a union: "a Verdi strike",
    "Verdi staged a strike")."""
    return token.ent_type_ == "ORG" and not classes_of(token.lemma_) & {"armed", "security", "weapon"}


_SPANS = frozenset({"hour", "day", "week", "month"})


def _is_duration(token) -> bool:
    """ "a two-day strike", "a 24-hour strike": an act measured in days is a walkout, not a blow."""
    return token.dep_ == "compound" and token.lemma_.lower() in _SPANS and \
        any(c.dep_ == "nummod" for c in token.children)


#: Nouns of news of an event: what they are of was done by others than those who answer them.
_REPORTS = frozenset({"report", "call", "alarm", "complaint", "sighting"})


def _doers(token, verb) -> list:
    """Who does the event of ``token``: the subjects of its verb and their appositions."""
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in ("of", "about") \
            and token.head.head.lemma_ in _REPORTS:
        return []  # "officers responded to a report of a fire": who answers the report did not set the fire
    who = [w for w in subjects(verb) if w != token]  # "the outbreak was sudden": a noun is not its own means
    # "Magnitude 7.1 quake struck": an apposition renames the subject (the small parser splits such names)
    return who + [a for w in who for a in w.children if a.dep_ == "appos" and a != token]


def _died_of(token, verb) -> frozenset:
    """The means a toll verb names by what people died of ("died of measles", "died from the shelling")."""
    if token.pos_ != "VERB" or "casualty" not in getattr(frame_for(token.lemma_.lower(), "VERB"), "flags", ()):
        return frozenset()
    return _classes(pobjs(verb, {"of", "from"})) & {"weapon", "disaster"}


def _undergoers(verb) -> list:
    """Who or what the verb acts on: its object or passive subject, and theirs coordinated with them."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ in ("xcomp", "pcomp", "advcl") and _passive(verb) and not objects:
        # "patients had to be moved", "a man was taken to hospital after being attacked": the main clause's
        # subject underwent it
        objects += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        objects += [c for c in verb.head.head.children if c.dep_ in ("nsubj", "nsubjpass")] \
            if verb.dep_ == "pcomp" else []
    # "moved 150,000 people away from the coast": the small parser hangs the object on the particle
    objects += [c for a in verb.children if a.dep_ in ("advmod", "prt") for c in a.children
                if c.dep_ == "npadvmod" and c.pos_ in ("NOUN", "PROPN")]
    return objects + [c for o in objects for c in o.children if c.dep_ == "conj"]  # "trauma kits and medicines"


def arguments(token, root) -> tuple:
    """(means, target, actor) classes of an event head."""
    verb = token if token.pos_ == "VERB" else root
    who = _doers(token, verb)
    by_agent = agents(verb)
    objects = _undergoers(verb)
    came_under = _came_under(token, verb)
    if came_under:  # "soldiers came under fire from men in two pickup trucks": the subject was fired on
        objects, who = objects + who, pobjs(verb, {"from"})
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")] if token.pos_ == "NOUN" else []
    modifiers += [c for m in modifiers for c in m.children if c.dep_ == "conj"]  # "machine-gun and mortar fire"
    # what was fired, dropped or launched is the means too ("dropped bombs on Kanan")
    fired = [c for c in token.children if c.dep_ == "dobj"] if token.pos_ == "VERB" else []
    # "broke out of the prison along with 38 other inmates": who acted with the subject acted too
    along = [p for a in verb.children if a.dep_ == "prep" and a.lower_ in ("along", "together")
             for w in a.children if w.dep_ == "prep" and w.lower_ == "with" for p in w.children if p.dep_ == "pobj"]
    acting, modifying = _classes([*who, *by_agent, *along], head=token), _classes(modifiers)  # each read once
    # "the shattered glass struck the child": what flies or falls (debris) is no weapon
    means = (acting | modifying | _classes([*fired, *pobjs(verb, {"with"})])) & {"weapon", "disaster", "dispersal",
                                                                                   "handarm", "debris"}
    means |= _classes(pobjs(verb, {"with"})) & {"aid"}  # "planes landed with food packs": the help they bring
    means |= _classes(_carried(verb)) & {"aid"}  # "a vessel arrived at Hillsborough carrying food and water"
    means |= _died_of(token, verb)
    means |= acting & {"water"}  # "the river rose": water that rises floods
    means |= acting & {"vehicle"}  # "a bus overturned", not "blocked aid lorries"
    if token.pos_ == "NOUN":  # "relief centres", "a convoy of 45 trucks": named by the help it gives or carries
        means |= (modifying | _classes(pobjs(token, {"of"}))) & {"aid"}
        means |= modifying & {"statement"}  # "a news conference": told, not done
    target = _classes([*objects, *pobjs(token, {"on", "against", "at"})]) & \
        {"civilian", "security", "aid", "disaster", "service", "diplomacy", "speaker", "mob", "vehicle",
         "noncombatant", "rule", "prisoner"}
    target |= {"passage"} if _kept_from_going(verb) else set()
    target |= _classes(_left_behind(verb)) & {"tenure"}  # "forced out of office": an ouster, nobody displaced
    means |= {"weapon"} if came_under and "security" not in target else set()  # fired on: an attack, not a blaze
    by = pobjs(token, {"by"}) if token.pos_ == "NOUN" else []  # "an attack by gunmen"; "arrived by train" is a means
    actor = (acting | _classes(by)) & {"armed", "security", "police", "labour", "mob", "civilian", "speaker",
                                       "responder", "aid", "prisoner", "person"}
    # the other side: an armed one, or a crowd ("fought running battles with groups of young people")
    sides = _classes(co_actors(token, verb))
    actor |= (sides & {"armed", "security", "mob"}) | ({"mob"} if "civilian" in sides and "armed" not in sides else set())
    # "a warning strike", "a Verdi strike": a noun's own modifiers may name whose act it is
    named = [m for m in [*modifiers, *who] if m.dep_ in ("compound", "nsubj")]
    actor |= {"labour"} if any("labour" in classes_of(m.lemma_) or _is_plain_organisation(m) or _is_duration(m)
                               for m in named) else set()
    return frozenset(means), frozenset(target), frozenset(actor)


def _came_under(token, verb) -> bool:
    """ "came under fire", "came under attack": the event is what the verb's subject underwent."""
    return token.dep_ == "pobj" and token.head.lower_ == "under" and token.head.head == verb and verb.lemma_ == "come"


def _left_behind(verb) -> list:
    """What the verb moves someone out of: "forced from their homes", "forced out of office"."""
    return pobjs(verb, {"from"}) + [p for a in verb.children if a.lower_ == "out" for p in pobjs(a, {"of"})]


def _kept_from_going(verb) -> bool:
    """ "was blocked from entering the camp", "barred them from leaving": kept from going somewhere."""
    return any(c.dep_ == "pcomp" and c.lemma_.lower() in _GOING for a in verb.children
               if a.dep_ == "prep" and a.lower_ == "from" for c in a.children)


#: Verbs of going somewhere: what a person "blocked from entering" or "barred from leaving" is kept from.
_GOING = frozenset({"enter", "leave", "travel", "cross", "return", "reach", "board", "fly", "visit", "go", "come",
                    "attend"})


def _carried(verb) -> list:
    """What a participle of carrying next to ``verb`` says was brought ("arrived at the port, carrying food and
    tarpaulins"; the small parser may hang the participle on the verb's object)."""
    loads = [o for t in verb.subtree if t.lemma_ in _CARRYING and t.tag_ == "VBG" and verb in (t.head, t.head.head)
             for o in t.children if o.dep_ == "dobj"]
    return loads + [c for o in loads for c in o.subtree if c.dep_ == "conj"]


#: Verbs of bringing a load.
_CARRYING = frozenset({"carry", "bring", "deliver", "ferry", "haul"})


def subject_names(token) -> frozenset:
    """The proper names in who did it ("The leaders of Poland, Slovenia and Czech Republic arrived":
    poland, slovenia, czech, republic; "Mayor Vitali Klitschko visited": vitali, klitschko); empty for
    a pronoun or a title alone ("the president")."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    who = subjects(verb) if verb.pos_ in ("VERB", "AUX") else []
    pronoun = bool(who) and all(w.pos_ == "PRON" for w in who)
    # "Klitschko urged residents to spend ... as he visited": he is the main clause's subject, not the
    # residents the complement's object control makes its subject
    while pronoun and (not who or all(w.pos_ == "PRON" or w.dep_ == "dobj" for w in who)) and \
            verb.dep_ in ("advcl", "conj", "ccomp", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
        who = subjects(verb)
    if token.pos_ == "NOUN":
        who += [c for c in token.children if c.dep_ == "poss"] + pobjs(token, {"by"})
    return frozenset(t.lower_ for w in who for t in w.subtree
                     if t.pos_ == "PROPN" and t.dep_ not in ("relcl", "acl") and t.i != token.i)


#: Conjunctions of a clause that tells why or upon what something was done.
_CAUSAL = frozenset({"after", "as", "because", "when", "since"})


def hurt_without_fighting(token) -> bool:
    """Soldiers or police hurt, with no weapon and no armed group named: a battle only by its victims."""
    means, _target, actor = arguments(token, clause_root(token))
    return not means and not actor & {"armed", "security"}


def names_no_side(token) -> bool:
    """Clashes told without who fought ("three died in clashes in Chittagong": the dead are no side); sides
    that fought with guns or machetes are armed, whoever they were ("rival clans clashed with guns")."""
    means, target, actor = arguments(token, clause_root(token))
    # "one officer and eight gunmen were killed in clashes": the dead of a side name it
    return not (actor & {"armed", "security", "mob"} or means & {"weapon", "handarm"} or target & {"armed", "security"})


def subject_seats(head, mentions: list) -> list:
    """The place mentions that seat the subject of ``head``'s clause ("the U.N. Security Council in New
    York voted"): where a body acts when its act names no place."""
    who = subjects(clause_root(head))
    return [m for m in mentions if m.root.dep_ == "pobj" and m.root.head.lower_ in ("in", "at")
            and m.root.head.head in who]


def cause_tokens(head) -> set:
    """The indexes of the words of a clause that tells what the ``head``'s act answered ("ordered people to
    leave after Mount Ruang erupted", "fled as the water rose"): people flee the danger where it is."""
    out: set = set()
    node = head
    while True:
        for c in node.children:
            if marked_clause(c, _CAUSAL):
                out |= {t.i for t in c.subtree}
        # "moving people away from the site of last week's landslide in Enga": the danger they leave
        for p in pobjs(node, {"from"}) + [p for a in node.children if a.dep_ == "advmod" for p in pobjs(a, {"from"})]:
            if any(frame_for(t.lemma_.lower(), "NOUN") is not None for t in p.subtree if t.pos_ == "NOUN"):
                out |= {t.i for t in p.subtree}
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return out
        node = node.head
