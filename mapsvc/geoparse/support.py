"""Whether a sense of a name has support in the text: a small place or a name known only as an alternate
one stands when something else of the text is in its country or, for a local story's towns, near it."""
from __future__ import annotations

import re

from ..text.names import loose_key
from ..text.sentences import dateline_end, line_around
from .context import _SUM, _total, admin1_key, within
from .lexicon import lexicon
from .recognise import match_key
from .streets import LOCAL_KINDS

__all__ = ["alias_far_from_story", "dateline_town", "introduced_as_place", "name_key", "needs_support", "outside_story_region", "stray",
           "town_without_country", "village_of_a_side_country", "within"]


#: An admin unit smaller than this (radius, km) is a town's district, however its country files it.
_TINY_KM = 10.0


#: What a town's name carries beyond the name news uses: a qualifier in brackets ("Halle (Saale)", "Frankfurt
#: (Oder)") or its river or region ("Frankfurt am Main", "Mülheim an der Ruhr", "Newcastle upon Tyne").
_QUALIFIER = re.compile(r"\s*\([^)]*\)$|\s+(?:am|an der|im|upon) \w+$")


def name_key(place) -> str:
    """The match key of the name news uses for a place: "Halle (Saale)" and "Frankfurt am Main" are called
    "Halle" and "Frankfurt"; the river only tells them apart."""
    return match_key(_QUALIFIER.sub("", place.name))


def needs_support(m, place) -> bool:
    """A single word naming a small place or an admin-2 unit, or a place known by that word only as an
    alternate name ("Hamas" for Hamm); of several words, a tiny admin unit named only by an alternate
    name ("French Quarter": a district of Anguilla): a sense that stands only if something else in the
    text is in its country."""
    if m.role != "name" or place.kind in ("country", "continent", "sea", "ocean", "region"):
        return False
    if " " in m.key:
        # a unit named only by common words ("South East", Botswana's; "North West") stands only in its country,
        # and so does any place such words name only as an alternate name ("White House": Casablanca)
        common = all(w in lexicon().common_words for w in m.key.split())
        alias = name_key(place) != m.key
        tiny_unit = place.kind in ("admin1", "admin2") and (place.radius_km or 0.0) < _TINY_KM
        return (tiny_unit and alias) or (common and (alias or place.kind in ("admin1", "admin2")))
    # An admin-2 unit counts as small: one word naming a district is rarely the district
    # unless the document is about its country ("Block", "Christmas", "Patrick").
    small = place.kind == "admin2" or (
        place.kind in ("village", "town", "neighbourhood", "poi") and (place.population or 0) < 20_000)
    return small or name_key(place) != m.key


def stray(m, place, focus, key, para, doubtful: dict) -> bool:
    """A sense that needs support (:func:`needs_support`) in a country nothing else in the text is in.
    ``focus`` counts only the names that need none, and ``doubtful`` (key -> sense) the others: these
    hold each other up only when near each other, as a local story's small towns lie ("Jagannath"
    University as Puri and "Mirpur" as a village of Haryana, in a report on Dhaka, do not)."""
    # (``doubtful`` holds no country: a country needs no support)
    return needs_support(m, place) and not _country_named(focus, key, para, place.country) and \
        not _near_another(place, key, doubtful)


def outside_story_region(m, place, focus, key, senses: dict) -> bool:
    """A sense that needs support, in its country only by other names that lie in other admin-1 areas, none
    within reach: in a country as large as Canada a shared country is no support ("Weldon" in a report
    on Saskatchewan had been a village of Alberta, 700 km from the story)."""
    if place.kind not in LOCAL_KINDS or not needs_support(m, place):
        return False
    a1 = admin1_key(place)
    others = sum(v for k, v in focus.doc_a.items() if k is not _SUM and str(k).startswith(place.country + ":")
                 and k != a1)
    return bool(a1) and others >= _REGION_VOTES and focus.admin1(key, a1) == 0 and \
        not _near_another(place, key, senses)


#: How many votes the text's other admin-1 areas of the country must have for a story region to stand.
_REGION_VOTES = 2.0
#: How far apart the small places of one local story lie.
_LOCAL_STORY_KM = 150.0


def alias_far_from_story(m, place, key, senses: dict) -> bool:
    """A town under 100,000 people known by a single word or a phrase of common words only as an alternate
    name, far from every other place of the text: in a country as large as the United States a shared country
    is no support ("the city's East Side" in a Columbus story had been East Ridge, Tennessee, which GeoNames
    also calls East Side)."""
    if m.role != "name" or place.kind not in LOCAL_KINDS or (place.population or 0) >= _ALIAS_TOWN_POPULATION \
            or loose_key(name_key(place)) == loose_key(m.key):  # its name, however transliterated
        return False
    words = m.key.split()
    if len(words) > 1 and not all(w in lexicon().common_words for w in words):
        return False  # a name of several words is a name ("Gamboru Ngala"), unless all are common ("East Side")
    return not _near_another(place, key, senses)


def town_without_country(m, place, focus, key, para, senses: dict) -> bool:
    """A town under 50,000 people in a country nothing else in the text is in, while the other names give
    the text a country of its own, and far from all of them: "Marshalltown" in a Johannesburg story had been
    the Iowa town (a town that size needs no support at home; abroad it does)."""
    if m.role != "name" or place.kind not in LOCAL_KINDS or (place.population or 0) >= _FOREIGN_TOWN_POPULATION:
        return False
    if _country_named(focus, key, para, place.country):
        return False
    story = max((v for c, v in focus.doc_c.items() if c is not _SUM and c != place.country), default=0.0)
    return story >= _STORY_COUNTRY_VOTES and not _near_another(place, key, senses)


#: The votes a country must have for the text to be a story of that country.
_STORY_COUNTRY_VOTES = 2.0
#: From this size on, a town abroad is known well enough to be named without support ("Erie" in a story of
#: London, Ontario).
_FOREIGN_TOWN_POPULATION = 50_000


def village_of_a_side_country(m, place, focus, key) -> bool:
    """A village of a country the text names only in passing, while most of its names lie in another:
    "closed Highways 132 and 138" in a Quebec story that names India once is no village of India, though
    India is named (a shared country is weak support when it holds so few of the text's names)."""
    if m.role != "name" or place.kind not in LOCAL_KINDS or (place.population or 0) >= _SIDE_VILLAGE_POPULATION \
            or not needs_support(m, place):
        return False
    story = max((v for c, v in focus.doc_c.items() if c is not _SUM and c and c != place.country), default=0.0)
    total = _total(focus.doc_c)
    return total > 0 and story / total >= _STORY_SHARE and focus.country(key, place.country) < _SIDE_SHARE


#: A village this small abroad needs more than a passing mention of its country.
_SIDE_VILLAGE_POPULATION = 5_000
#: The main country's share of the text's votes, and the most a side country has.
_STORY_SHARE, _SIDE_SHARE = 0.5, 0.15


def _country_named(focus, key, para, country) -> bool:
    """Whether another name of the text, or of its paragraph, lies in ``country`` (``focus`` counts the votes)."""
    return focus.country(key, country) > 0 or focus.paragraph(key, para, country) > 0


def _near_another(place, key, senses: dict) -> bool:
    """Another name of the text (``senses``: key -> sense), not a country nor an area wider than a local
    story ("East Africa" is no support for a village of Kenya), lies within a local story's reach."""
    return any(k != key and other.kind != "country" and (other.radius_km or 0.0) <= _LOCAL_STORY_KM
               and within(place, other, _LOCAL_STORY_KM) for k, other in senses.items())


#: A town at least this large is known by its alternate names too ("Kiev", "Bombay").
_ALIAS_TOWN_POPULATION = 100_000


#: "the town of Rask": words that say the next name is a place.
_PLACE_OF = re.compile(r"\b(?:town|city|village|hamlet|port|settlement|district|province|region|county|state)"
                       r"\s+of\s+$", re.I)


def introduced_as_place(text: str, m) -> bool:
    """A name with a kind word ("Rask district") or after "the town of": the text says it is a place."""
    return bool(m.kind_hint) or bool(_PLACE_OF.search(text[max(0, m.start - 30):m.start]))


def dateline_town(text: str, m) -> bool:
    """A name in capitals opening a line of a dateline, "UVALDE -": where the story was filed, which the
    writer names as a place needing no more support ("in this small city" is that town)."""
    line_start, line = line_around(text, m.start, m.end)
    return m.text.isupper() and len(m.text) > 2 and not text[line_start:m.start].strip() and \
        dateline_end(line) > m.end - line_start
