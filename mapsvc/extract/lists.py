"""Lists of places: one event named for several places ("strikes hit Lviv, Dnipro and Kharkiv") is one
incident per place (CODEBOOK 3), found through the coordinations of the parse."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from .clauses import GAPPED_WORDS, is_gapped_conjunct
from .places import KIND_RANK, Candidate, Mention, container_of, locate
from ..geoparse.spatial import Relation, apply_relation
from ..model import Place
from ..text.sentences import parse_number

__all__ = ["listed_places", "gapped_number"]


def _list_node(mention: Mention):
    """The word a mention is coordinated through: itself, or its preposition ("in Lviv ... and in Dnipro"),
    or the preposition of the part it is named with ("in Baalbek ... and on the outskirts of Nabatieh")."""
    root = mention.root
    if root.dep_ != "pobj":
        return root
    prep = root.head
    if prep.lower_ == "of" and prep.head.dep_ == "pobj" and prep.head.head.pos_ == "ADP":
        return prep.head.head
    return prep


def _ends_a_stretch(root) -> bool:
    """ "between Coggeshall and Marks Tey": either end of a stretch, the preposition of the noun phrase the
    name stands in (the small parser may hang one end on the other as a modifier)."""
    while root.dep_ in ("conj", "nmod", "compound", "appos") and root.head.i != root.i:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ == "between"


def _list_reach(root) -> dict:
    """Token index -> True when reached only through conjunctions, False when an apposition was on the way:
    the words coordinated with ``root`` ("Lviv, Dnipro and Kharkiv"), also through appositions between
    names ("Munich, Berlin's BER, Duesseldorf and Cologne")."""
    seen, todo = {root.i: True}, [root]
    while todo:
        tok = todo.pop()
        edges = [(c, c.dep_) for c in tok.children] + ([(tok.head, tok.dep_)] if tok.head.i != tok.i else [])
        for other, dep in edges:
            if other.i in seen or dep not in ("conj", "appos"):
                continue
            if dep == "appos" and not (other.pos_ == "PROPN" and tok.pos_ == "PROPN"):
                continue
            seen[other.i] = seen[tok.i] and dep == "conj"
            todo.append(other)
    return seen


#: Words that stand for another one of the same ("one man drowned in Satkhira and another in Cox's Bazar").


def _gapped_places(chosen: Mention, verb, reach: dict) -> None:
    """ "one man drowned in Satkhira and another in Cox's Bazar": a gapped clause ("another" coordinated
    with the place, the verb left out) is another of the verb's events, placed by the verb's next
    preposition of the same kind; added to ``reach`` as no coarser than the chosen place."""
    root = chosen.root
    if verb is None or root.dep_ != "pobj":
        return
    # "four people were killed in Padang Pariaman and two in the city of Padang Panjang": the parser
    # coordinates the number with the verb, and its own preposition places it
    for gapped in (c for c in verb.children if c.dep_ == "conj" and (c.lower_ in GAPPED_WORDS or c.like_num)):
        for prep in (c for c in gapped.children if c.dep_ == "prep" and c.lower_ == root.head.lower_):
            reach.update({t.i: False for t in prep.subtree if t.i not in reach})
    # "18,000 were evacuated in Isabela province to the south and more than 4,300 in Apayao": a number
    # coordinated after the place, wherever the parser hangs it, opens a clause the verb's next preposition
    # of the same kind places
    gapped = next((c for c in verb.subtree if c.dep_ == "conj" and c.i > root.i
                   and (c.lower_ in GAPPED_WORDS or c.like_num)), None)
    if gapped is None:
        return
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.i > gapped.i and prep.lower_ == root.head.lower_:
            reach.setdefault(prep.i, False)


def _holders(root, depth: int = 2) -> list:
    """The nouns a place is named with, through "of" and "in" ("31,000 residents of coastal districts in
    Kushiro": districts, residents): their conjuncts are coordinated phrases with places of their own
    ("... and 9,000 in Nemuro")."""
    out, tok = [], root
    while len(out) < depth and tok.dep_ == "pobj" and tok.head.dep_ == "prep" \
            and tok.head.head.pos_ in ("NOUN", "PROPN", "NUM"):
        tok = tok.head.head
        out.append(tok)
    return out


def _own_phrase(token) -> set:
    """Token indices of a phrase without the phrases coordinated with it."""
    others = {t.i for c in token.children if c.dep_ == "conj" for t in c.subtree}
    return {t.i for t in token.subtree} - others


def listed_places(best: Candidate, mentions: list, sent_text: str, offset: int, head=None) -> list:
    """Places coordinated with the chosen one ("strikes hit Lviv, Dnipro and Kharkiv", "in Lviv, where
    power was cut, and in Dnipro", "in Lower Silesia, Opole and Silesia provinces"): one event each.
    Countries do not join: a country in a list is a summary, not a target; nor does an area in
    apposition to a town ("Athens, Georgia"), which only says where the town is.
    """
    chosen = next((m for m in mentions if m.toponym.start == best.start), None)
    if chosen is None or KIND_RANK.get(best.place.kind, 0) < 2 or _ends_a_stretch(chosen.root):
        return []  # "closed between Ingersoll and Woodstock": the two ends of one stretch, no list
    reach = _list_reach(_list_node(chosen))
    reach.update({k: v for k, v in _list_reach(chosen.root).items() if k not in reach})
    # "blocked the A-92 near Antequera and the A-4 near Cordoba": coordinated objects, each with its own place
    doc = chosen.root.doc
    for holder in _holders(chosen.root):
        coordinated = _list_reach(holder)
        reach.update({k: v for k, v in coordinated.items() if k not in reach and k != holder.i})
        for k in (k for k in coordinated if k != holder.i):
            # "31,000 residents of districts in Kushiro and 9,000 in Nemuro": each phrase's own place
            reach.update({i: False for i in _own_phrase(doc[k]) if i not in reach})
    for k in [k for k in reach if doc[k].pos_ in ("NOUN", "PROPN", "NUM") and k != chosen.root.i]:
        for prep in (c for c in doc[k].children if c.dep_ == "prep"):
            reach.setdefault(prep.i, False)  # a coordinated noun's own place, as fine as the chosen one
    # "hitting targets in Baalbek ... in the Bekaa valley and on the outskirts of Nabatieh": the verb's
    # coordinated prepositional phrases name more places, as fine as the chosen one (not its region)
    verb = next((a for a in list(chosen.root.ancestors)[:4] if a.pos_ == "VERB"), None)
    for prep in (c for h in {head, verb} - {None} for c in h.children if c.dep_ == "prep"):
        coordinated = _list_reach(prep)
        if len(coordinated) > 1:
            reach.update({k: False for k in coordinated if k not in reach})
    _gapped_places(chosen, verb, reach)
    out = _unknown_members(chosen, best, mentions, reach, offset)
    rank = KIND_RANK.get(best.place.kind, 0)
    for m in mentions:
        if m is chosen or m.toponym.place is None or m.toponym.place.id == best.place.id:
            continue
        if container_of(m, mentions) is chosen or container_of(chosen, mentions) is m:
            continue  # "in Kap Choeng district of Surin": one place, written with what holds it
        hit = [reach[i] for i in (m.root.i, _list_node(m).i) if i in reach]
        if not hit:
            continue
        m_rank = KIND_RANK.get(m.toponym.place.kind, 0)
        if m_rank < 2 or (not any(hit) and m_rank < rank):
            continue
        out.append(locate(m, sent_text, offset, score=best.score))
    return out


#: Entity labels of names that are no place, whatever list they stand in.
_NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"})


def _unknown_members(chosen: Mention, best: Candidate, mentions: list, reach: dict, offset: int) -> list:
    """Names the gazetteer lacks in a list of towns ("Kiotari, Gennadi and Lardos", "the Mugunga and Lac
    Vert camps"): each is a place of its own, anchored at the nearest place the list names (CODEBOOK 3:
    never drop an event because its village is unknown), with the precision of a place known only to be
    near there."""
    if KIND_RANK.get(best.place.kind, 0) < 4:
        return []  # a list of regions or countries: a name it lacks is no village
    doc, known = chosen.root.doc, {i for m in mentions for i in m.token_ids}
    members = [m for m in mentions if m.root.i in reach and KIND_RANK.get(m.toponym.place.kind, 0) >= 4
               and m.toponym.place.country == best.place.country]
    out = []
    for i in (k for k, plain in reach.items() if plain):
        tok = doc[i]
        if tok.pos_ != "PROPN" or i in known or not tok.text[:1].isupper() or tok.ent_type_ in _NOT_PLACE_LABELS:
            continue
        words = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]  # "Lac Vert"
        first = min([tok, *words], key=lambda t: t.i)
        name = doc[first.i:tok.i + 1].text
        near = min(members, key=lambda m: abs(m.root.i - i), default=chosen)
        sibling = near.toponym.place
        place = Place(f"near:{sibling.id}:{name.lower()}", name, sibling.kind, sibling.lon, sibling.lat,
                      country=sibling.country, admin=sibling.admin, admin1_code=sibling.admin1_code,
                      radius_km=sibling.radius_km)
        out.append(replace(best, place=place, located=apply_relation(place, Relation("near")),
                           start=offset + first.idx, via="anchored"))
    return out


def gapped_number(cand: Candidate, mentions: list) -> Optional[int]:
    """How many a gapped clause holding the candidate's place counts ("four people were killed in Padang
    Pariaman and two in Padang Panjang": 2; "one man drowned in Satkhira and another in Cox's Bazar": 1);
    None when the place is in no such clause."""
    mention = next((m for m in mentions if m.toponym.start == cand.start), None)
    for node in () if mention is None else (mention.root, *mention.root.ancestors):
        if is_gapped_conjunct(node):
            return parse_number(node.text) if node.like_num else 1 if node.lower_ in ("another", "one") else None
    return None
