"""Where an event happened: the toponyms of its clause, weighed by their grammatical role.

A toponym is the event's place when the tree makes it a location: the object
of "in", "at", "near", "outside", the thing struck. It is not when it only
modifies a speaker or an actor ("the Donetsk regional governor", "Russia's
defence ministry", "officials in Kyiv"), names an origin ("teams from
Spain", except where people leave in a movement), a destination of a flight,
a place where the event was only felt or seen, or sits inside a larger name
("Lion Air"). A spatial expression around the mention ("20km north-west of",
"near") moves or widens the point (``geoparse.spatial``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from .anaphora import points_back_with_area
from .clauses import clause_root, clause_tokens, first_conjunct
from .frames import classes_of
from .mentions import KIND_RANK, Candidate, Mention, mentions_in
from ..geoparse.spatial import apply_relation, distance_km, parse_relation, parse_trailing_offset, \
    relation_before
from ..text.names import KIND_WORDS

__all__ = ["SPEECH_VERBS", "Candidate", "Mention", "KIND_RANK", "mentions_in", "role_of", "is_subject", "clause_places",
           "locate", "rank_of", "conjoined_clause_places", "container_of"]

_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "on", "over",
                       "off", "within", "along", "through", "of", "into", "between", "beyond", "by"})
_TOWARDS = frozenset({"to", "towards", "toward", "into", "for"})
_PERCEPTION = frozenset({"feel", "see", "hear", "watch", "record", "register"})
SPEECH_VERBS = frozenset({"say", "tell", "announce", "report", "claim", "deny", "warn", "accuse", "blame", "state",
                     "confirm", "add", "write", "post", "urge", "call", "insist", "condemn", "respond",
                     "demand"})
#: Entity labels of names that may contain a place name ("Lion Air", "White House").
_NAME_LABELS = frozenset({"ORG", "PERSON", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
_CITY_OF = re.compile(r"\b(?:the\s+)?(?:[a-z-]+\s+)?(?:city|town|village|port|capital|settlement|island)\s+of\s+$")
_ACTOR_CLASSES = frozenset({"speaker", "security", "armed", "responder"})
_KIND_NOUNS = frozenset({"province", "region", "district", "state", "county", "city", "town", "village", "area",
                         "oblast", "governorate", "department", "territory"})


def _outside_name(mention: Mention) -> bool:
    """The mention is part of a longer entity name ("Lion Air", "the White House")."""
    root = mention.root
    if root.ent_type_ not in _NAME_LABELS:
        return False
    doc = root.doc
    start = root.i
    while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start].ent_iob_ != "B":
        start -= 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = root.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    entity = set(range(start, end + 1))
    # a person-labelled span that is only the place ("Mali") is still the place: labels are evidence
    return bool(entity - mention.token_ids) and any(doc[i].is_alpha and doc[i].is_title for i in entity - mention.token_ids)


def _actor_noun(token) -> bool:
    """A noun for people who speak, fight or help ("governor", "troops", "rescuers"); "posted" is no "post"."""
    classes = classes_of(token.lemma_)
    return token.pos_ in ("NOUN", "PROPN") and bool(classes & _ACTOR_CLASSES) and "site" not in classes


def is_subject(mention: Mention) -> bool:
    """The mention is what its clause is about: its subject, or a subject's conjunct or apposition."""
    root = mention.root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def _sends_forces(verb) -> bool:
    """ "sent reinforcements towards Batken": forces moved are deployed where they go."""
    return any("security" in classes_of(c.lemma_) for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))


#: Participles that tell where a vehicle or convoy was headed ("bound for", "headed to", "destined for").
_HEADED = frozenset({"bind", "bound", "head", "destine", "destined"})


def _role_in_phrase(head, movement: bool) -> Optional[str]:
    """The role of a place that is the object of the preposition ``head``, or None when the phrase says no
    more than that it is the place."""
    prep, governor = head.lower_, head.head
    if prep == "from" and governor.dep_ == "nsubj" and governor.head.lemma_ in SPEECH_VERBS:
        return "speaker"  # "reports from Antsiranana say": who tells, from where
    if prep == "from" and governor.pos_ in ("NOUN", "PROPN") and not movement:
        return "origin"  # "a 62-year-old man from Tillsonburg", "teams from Spain": where people come from
    if _actor_noun(governor) and prep in ("of", "in", "at", "from", "for"):
        return "speaker"
    if governor.lemma_ in SPEECH_VERBS and prep in ("in", "at") and head.i > governor.i:
        return "speaker"  # "told reporters in Quito": where it was said ("In Bahri, residents said": the scene)
    if prep == "of" and (governor.ent_type_ == "PERSON" or governor.lemma_ in ("citizen", "national")):
        return "origin"  # "Darnell Whitfield, 34, of Kansas City", "citizens of Germany": who a person is
    if "care" in classes_of(governor.lemma_) and governor.dep_ == "pobj" and governor.head.lower_ in _TOWARDS:
        return "destination"  # "taken to Tambo Memorial Hospital in Boksburg": where the hurt were treated
    perceiver = governor
    while perceiver.dep_ == "advmod" and perceiver.head.i != perceiver.i:
        perceiver = perceiver.head  # "felt as far away as Rabat": the adverbs lead to the perceiving verb
    if perceiver.lemma_ in _PERCEPTION or (prep == "as" and governor.lower_ in ("far", "away")):
        return "felt"  # "felt in Rabat"; "rattled buildings as far away as Kabul": how far it reached
    if prep == "from":
        return "place" if movement else "origin"
    if prep in ("for", "to") and governor.lemma_ in _HEADED and governor.dep_ in ("acl", "amod", "relcl"):
        return "destination"  # "the ship Dali, bound for Colombo, struck the bridge": where it was going
    if (prep in _TOWARDS and movement) or (prep in ("towards", "toward") and not _sends_forces(governor)):
        return "destination"  # "moved south towards Italy"; "sent reinforcements towards Batken" deploys there
    if prep == "with" and governor.lemma_ == "border":
        return "landmark"
    if prep in ("with", "between") and ("diplomacy" in classes_of(governor.lemma_)
                                        or governor.lemma_ in ("talk", "talks", "negotiation")):
        return "actor"  # "its partnership with Tbilisi", "talks with Brussels": the other party, not the place
    if prep in ("to", "towards", "toward") and governor.pos_ == "NOUN":
        return "landmark"  # "on the way to Kyiv", "the road to Mariupol": where it leads, not where it is
    return None


#: Kinds of area a kind word after a name announces ("the Krasnaya Yaruga district").
_AREA_KINDS = frozenset({"district", "admin1", "admin2"})


def role_of(mention: Mention, *, movement: bool = False) -> str:
    """What a mention is to the clause: place, origin, destination, speaker, actor, felt or name."""
    root = mention.root
    if root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.i not in mention.token_ids:
        return "name"  # "Lac" of "Lac Vert camp", "Kyiv" of "Kyiv Independent": part of a longer name
    if points_back_with_area(root, mention.toponym.place.kind):
        return "name"
    # "collapsed into the Dnipro", "along the Oder": a town's name after "the" is its river (not "the Krasnaya
    # Yaruga district": a name with its area's kind word is that area)
    if mention.toponym.place.kind in ("city", "town", "village") and root.dep_ != "compound" and \
            KIND_WORDS.get(root.lower_) not in _AREA_KINDS and any(c.dep_ == "det" and c.lower_ == "the"
                                                                   for c in root.children):
        return "name"
    while root.dep_ in ("conj", "appos") and root.head.i != root.i and root.head.pos_ == "PROPN":
        # "Saudi Arabia and the United States brokered": each conjunct has the first one's role; so has a
        # place's container after a comma ("bound for Colombo, Sri Lanka")
        root = root.head
    head, dep = root.head, root.dep_
    if _outside_name(mention):
        return "name"
    if dep in ("compound", "poss", "amod", "nmod", "npadvmod") and head.i not in mention.token_ids:
        if _actor_noun(head) or head.ent_type_ in ("ORG", "PERSON"):
            return "speaker"
        if head.pos_ == "NOUN" and head.dep_ == "compound" and head.head.ent_type_ == "PERSON":
            return "origin"  # "Hollywood director Moustapha Akkad": the place in a named person's title says who
        if "abstract" in classes_of(head.lemma_):
            return "name"  # "Greece's history", "Ukraine's economy": no place of an event
        if dep == "npadvmod" and head.dep_ == "amod":
            return "name"  # "the Singapore-flagged ship", "an Iran-backed militia": who a thing is, not where
        if head.lemma_.lower() in _KIND_NOUNS:  # "felt in Farah and Badghis provinces": the provinces' role
            head, dep = (first := first_conjunct(head)).head, first.dep_
    if dep == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _KIND_NOUNS:
        # "felt as far away as Belgrade and the region of Puglia": the region's role
        head, dep = (first := first_conjunct(head.head)).head, first.dep_
    role = _role_in_phrase(head, movement) if dep == "pobj" else None
    if role is not None:
        return role
    if dep in ("nsubj", "nsubjpass", "dobj", "dative", "intj") and head.lemma_ in SPEECH_VERBS:
        return "speaker"  # "Paris has told Brussels": who speaks and who is told
    if dep == "nsubj" and mention.toponym.place is not None and mention.toponym.place.kind == "country":
        return "actor"  # "Russia attacked ...": a state acting, not where it happened
    if dep == "pobj" and head.lower_ == "by":
        return "actor"
    return "place"


def rank_of(place) -> int:
    """How precise a place is: its kind's rank, but a feature that stretches for tens of km (a river, a
    mountain range, a national park) says no more than a region ("a dyke on the Oder in Ostrava")."""
    rank = KIND_RANK.get(place.kind, 3)
    if place.kind == "poi" and (getattr(place, "radius_km", 0.0) or 0.0) >= 25:
        return KIND_RANK["region"]
    return rank


def _tree_distance(a, b) -> int:
    up = {}
    node, n = a, 0
    while True:
        up[node.i] = n
        if node.head.i == node.i:
            break
        node, n = node.head, n + 1
    node, n = b, 0
    while node.i not in up:
        if node.head.i == node.i:
            return 99
        node, n = node.head, n + 1
    return n + up[node.i]


def _score(mention: Mention, head) -> float:
    place = mention.toponym.place
    score = rank_of(place) - 0.15 * min(_tree_distance(mention.root, head), 10)
    if place.kind == "region" and getattr(place, "country", ""):
        score += 0.5  # a region of one country (an island, a valley) says more than the country
    if mention.root.dep_ == "pobj" and mention.root.head.lower_ in _LOCATIVE:
        score += 1.0
    elif mention.root.dep_ in ("dobj", "nsubjpass"):
        score += 1.0  # what was struck or taken is where it happened
    elif mention.root.dep_ in ("appos", "conj"):
        score += 0.5
    return score


def _is_landmark(cand: Candidate) -> bool:
    """ "about 50km north of Kherson": the named place only measures where the event was."""
    return cand.located.geo_precision == 2 and cand.located.lon != cand.place.lon


def _measures_known_town(cand: Candidate, known: Candidate) -> bool:
    """ "in this small town about 60 miles southwest of Raleigh", told of Carthage: an offset that lands on the
    town the story is about says where that town is."""
    here, there = cand.located, known.place
    told = distance_km(cand.place.lon, cand.place.lat, here.lon, here.lat)
    return KIND_RANK.get(there.kind, 0) >= 4 and there.id != cand.place.id and \
        distance_km(there.lon, there.lat, here.lon, here.lat) <= max(10.0, 0.3 * told)


def _agrees(place, measured, relation) -> bool:
    """A town the gazetteer knows lies where the offset written after it measures: its own point is the
    more precise one."""
    return KIND_RANK.get(place.kind, 0) >= 4 and relation.kind == "offset" and \
        distance_km(place.lon, place.lat, measured.lon, measured.lat) <= max(10.0, 0.3 * relation.distance_km)


def locate(mention: Mention, sent_text: str, offset: int, via: str = "mention", score: float = 0.0,
           anchor=None) -> Candidate:
    """The candidate of a mention, moved by a spatial expression before it; an offset written after it
    ("beyond Piatykhatky, nine miles north") counts from ``anchor``, the place the sentence is about."""
    t = mention.toponym
    before = _CITY_OF.sub("", sent_text[:max(0, t.start - offset)])  # "40km north-west of the city of Herat"
    relation = relation_before(before, t.text)
    if relation is None:
        # an offset after the name counts from another town; with none to count from ("In Naples, about 35
        # miles to the south,"), or when the named town lies where it measures ("Nacimiento, some 40 km to
        # the south-east"), it only says where the town is
        trailing = parse_trailing_offset(sent_text[t.end - offset:])
        if trailing is not None and anchor is not None and anchor.place.id != t.place.id and \
                KIND_RANK.get(anchor.place.kind, 0) >= 4:  # a town to count from, not a region's middle
            measured = apply_relation(anchor.place, trailing)
            if not _agrees(t.place, measured, trailing):
                return Candidate(t.place, measured, score, t.start, via)
    return Candidate(t.place, apply_relation(t.place, relation), score, t.start, via)


#: ", in the province of ", ", a hilltop town in ", ", in ": an appositive that places the name before it.
_APPOSITIVE_IN = re.compile(r"^\s*,\s*(?:(?:an?|the)\s+[\w' -]{0,40}?\s+)?(?:in|of|near)\s+(?:the\s+)?"
                            r"(?:[a-z-]+\s+of\s+(?:the\s+)?)?$")
_APPOSITIVE_LEAD = re.compile(r"^\s*,\s*(?:(?:an?|the)\s+[\w' -]{0,40}?\s*,?\s*)?(?:on\s+)?$")


def describes_earlier(mention: Mention, mentions: list, sent_text: str, offset: int) -> Optional[Mention]:
    """The place named just before ``mention`` when the mention only describes where that place is:
    "in Damboa, about 85 km southwest of Maiduguri", "in Umbertide, in the province of Perugia",
    "Rubaya, a hilltop town in Masisi territory". The event was at the named place, not at its landmark
    (CODEBOOK 3: the most precise place the text names)."""
    place = mention.toponym.place
    earlier = sorted((m for m in mentions if m.toponym.place is not None and m.toponym.end <= mention.toponym.start),
                     key=lambda m: -m.toponym.end)
    for m2 in earlier:  # "Snihurivka, a town in the Mykolaiv region about 50km north of Kherson"
        between = sent_text[m2.toponym.end - offset:mention.toponym.start - offset]
        if len(between) > 90:
            return None
        if KIND_RANK.get(m2.toponym.place.kind, 0) < 3 or not between.lstrip().startswith(","):
            continue
        relation = parse_relation(between)
        if relation is not None and relation.kind in ("offset", "direction", "near", "outskirts") and \
                _APPOSITIVE_LEAD.match(between[:len(between) - len(relation.text)]):
            return m2
        if _APPOSITIVE_IN.match(between) and (
                KIND_RANK.get(place.kind, 3) < KIND_RANK.get(m2.toponym.place.kind, 3)
                or set(re.findall(r"[a-z]+", between)) & _KIND_NOUNS - {"city", "town", "village"}):
            return m2  # "in Umbertide, in the province of Perugia": the province, whatever the gazetteer's sense
        return None
    return None


def _described_by_clause(mention: Mention, mentions: list) -> Optional[Mention]:
    """The place a relative clause around ``mention`` describes: "Buncombe County, which includes
    Asheville, has confirmed 72 deaths" is about Buncombe County."""
    verb = mention.root.head
    if mention.root.dep_ not in ("dobj", "pobj", "attr") or verb.i == mention.root.i:
        return None
    if verb.dep_ == "prep":
        verb = verb.head
    if verb.dep_ != "relcl":
        return None
    return next((o for o in mentions if o is not mention and verb.head.i in o.token_ids
                 and o.toponym.place is not None), None)


def clause_places(mentions: list, token_ids: set, head, sent_text: str, offset: int, *,
                  movement: bool = False, focus=None) -> list:
    """Candidates among ``mentions`` inside the clause ``token_ids``, best first; ``focus`` (a
    Candidate) anchors an offset written after a place when the sentence names no other town."""
    out = []
    towns = [m for m in mentions if KIND_RANK.get(m.toponym.place.kind, 0) >= 4]
    for m in mentions:
        if m.root.i not in token_ids or m.toponym.place is None:
            continue
        if role_of(m, movement=movement) != "place":
            continue
        if _described_by_clause(m, mentions) is not None:
            continue  # "Buncombe County, which includes Asheville": a description, whatever the county's role
        described = describes_earlier(m, mentions, sent_text, offset)
        if described is not None and role_of(described, movement=movement) == "place":
            continue
        m = _contained(m, mentions)
        anchor = next((o.toponym for o in towns if o is not m), focus)  # else the town the story is about
        cand = locate(m, sent_text, offset, score=_score(m, head), anchor=anchor)
        if _is_landmark(cand) and focus is not None and _measures_known_town(cand, focus):
            out.append(replace(focus, score=cand.score, start=cand.start))
            continue
        out.append(replace(cand, score=cand.score - 0.6) if _is_landmark(cand) else cand)
    return sorted(out, key=lambda c: -c.score)


def container_of(mention: Mention, mentions: list) -> Optional[Mention]:
    """The place a mention is written as part of: "Kansas City's East Side", "the East Side of Kansas City",
    "the Sendai nuclear plant in Kagoshima prefecture"."""
    root = mention.root
    owners = [c for c in root.children if c.dep_ == "poss"]
    # "the East Side of Kansas City", "Rolling Fork in Sharkey County", "the Sendai power plant in Kagoshima"
    holders = [root, root.head] if root.dep_ == "compound" else [root]
    owners += [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
               for p in c.children if p.dep_ == "pobj"]
    for owner in owners:
        words = {owner.i} | {c.i for c in owner.children if c.dep_ == "compound"}  # "Kagoshima prefecture"
        found = next((o for o in mentions if words & o.token_ids and o is not mention
                      and o.toponym.place is not None), None)
        if found is not None:
            return found
    return None


def _contained(mention: Mention, mentions: list) -> Mention:
    """A mention written as part of another place must lie in it: "Kansas City's East Side" is not an
    East Side 900 km away. When the gazetteer's sense does not, the container is the most precise place
    known (CODEBOOK 3: a place the gazetteer does not know is anchored to the nearest named one)."""
    outer = container_of(mention, mentions)
    if outer is None:
        return mention
    inner_place, outer_place = mention.toponym.place, outer.toponym.place
    if outer_place.name.lower() in [str(a).lower() for a in getattr(inner_place, "admin", ())[:-1]]:
        return mention  # "Kap Choeng district of Surin": the gazetteer files it under a province of that name
    if outer_place.kind == "country" and inner_place.country == outer_place.country:
        return mention  # "Russia's Belgorod region": a country holds what it files, however far its centre lies
    d = distance_km(inner_place.lon, inner_place.lat, outer_place.lon, outer_place.lat)
    return mention if d <= max(getattr(outer_place, "radius_km", 0.0) or 0.0, 30.0) else outer


def conjoined_clause_places(token, mentions: list, sent, movement: bool) -> list:
    """Places of the clauses coordinated with ``token``'s clause: coordinated clauses share a place
    the way coordinated nouns share a role, when one of them names none."""
    root = clause_root(token)
    first = root
    while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ in ("VERB", "AUX"):
        first = first.head
    # what is coordinated with the first clause: its own conjuncts, and verbs coordinated inside its clause
    linked = [first, *(c for c in first.subtree if c.dep_ == "conj" and (
        c.head == first or (c.pos_ in ("VERB", "AUX") and clause_root(c.head) == clause_root(first))))]
    ids = {t.i for other in linked if other.i != root.i for t in clause_tokens(other)}
    return clause_places(mentions, ids, token, sent.text, sent.start, movement=movement) if ids else []
