"""Word lists of the geoparser: demonyms and the words that say "not a place".

The lists live in ``geodata/demonyms.csv`` and ``geodata/not_places.txt``
(written for mapsvc from general knowledge) and are read once per process.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from ..resources import geodata_dir

__all__ = ["Lexicon", "lexicon", "US_STATE_ABBREVIATIONS", "CONNECTORS"]

#: Lower-case words allowed inside a multi-word place name ("Rio Grande do Sul").
CONNECTORS = frozenset({
    "of", "de", "del", "della", "di", "do", "da", "dos", "das", "la", "le", "les", "el", "al",
    "upon", "on", "and", "y", "en", "sur", "am", "an", "der", "bin", "ibn", "bint", "the",
})

#: AP-style and postal abbreviations of US states (a fact list), read after a comma.
US_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas",
    "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts",
    "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia",
    "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
    "D.C.": "Washington, D.C.",
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}


@dataclass(frozen=True)
class Lexicon:
    """The geoparser's word lists, all lower case."""

    demonyms: dict  # "russian" -> "RU" (plurals included)
    titles: frozenset
    given_names: frozenset
    org_heads: frozenset
    street_heads: frozenset
    site_heads: frozenset
    vessel_words: frozenset
    common_words: frozenset
    peoples: frozenset  # adjectives of peoples and faiths that name no country ("Jewish", "Kurdish")


def _plural(word: str) -> str:
    if word.endswith(("ese", "ish", "ch", "ss")) or word in ("swiss", "dutch", "french", "lao"):
        return word
    return word + "s"


def _read_demonyms(path: Path) -> dict:
    table: dict = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            word = row["demonym"].strip().lower()
            code = row["country"].strip()
            code = code if code.startswith("@") else code.upper()
            if word and code:
                table[word] = code
                table.setdefault(_plural(word), code)
    return table


def _read_sections(path: Path) -> dict:
    sections: dict = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                current = sections.setdefault(line[1:-1], set())
                continue
            if current is not None:
                current.update(w.lower() for w in line.split())
    return sections


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The word lists, read once from ``geodata/``.

    >>> lex = lexicon()
    >>> lex.demonyms["ukrainian"], "president" in lex.titles
    ('UA', True)
    """
    base = geodata_dir()
    sections = _read_sections(base / "not_places.txt")
    return Lexicon(
        demonyms=_read_demonyms(base / "demonyms.csv"),
        titles=frozenset(w.rstrip(".") for w in sections.get("titles", ())),
        given_names=frozenset(sections.get("given_names", ())),
        org_heads=frozenset(sections.get("org_heads", ())),
        street_heads=frozenset(sections.get("street_heads", ())),
        site_heads=frozenset(sections.get("site_heads", ())),
        vessel_words=frozenset(sections.get("vessel_words", ())),
        common_words=frozenset(sections.get("common_words", ())),
        peoples=frozenset(sections.get("peoples", ())),
    )
