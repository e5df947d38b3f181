"""Names the gazetteer's keys miss: spelling variants in the document's countries, then an online geocoder.

Recognition finds only names the gazetteer holds.  A capitalised name that a
locative preposition governs ("in Hodeidah", "near Mai Mahiu", "the village of
Seytenga") and that nothing else claimed is a place name the gazetteer spells
differently or lacks.  It is looked up

1. by its loose key (:func:`mapsvc.text.names.loose_key`: doubled vowels,
   ``h``/``kh``, ``-iya``/``-ia``, Arabic articles) among the places of the
   document's main country and the countries that border it: a variant is
   trusted only where the document already is;
2. when ``GEOCODER`` names a self-hosted Nominatim or Photon, by that server
   (cached and rate-limited by :class:`mapsvc.gazetteer.geocoders.CachedGeocoder`),
   restricted to the same countries.  With ``GEOCODER = "offline"`` (the default)
   nothing is sent anywhere.
"""
from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from typing import Optional

from ..geodesy import haversine_km
from ..model import PLACE_KINDS, Place, Toponym
from .context import SENTENCE_END
from .lexicon import lexicon
from .recognise import match_key, tokenise
from ..text.names import KIND_WORDS

__all__ = ["resolve_unknown_names", "neighbours"]

logger = logging.getLogger(__name__)

#: Words after which a capitalised name is where something is.
_LOCATIVES = frozenset({"in", "near", "outside", "around", "across", "at"})
#: "the village of X", "the town of X": the kind word says what X is ("the port of X": a place, of any kind).
_KIND_OF = {"village": "village", "town": "town", "city": "city", "district": "district", "region": "admin1",
            "province": "admin1", "camp": "poi", "island": "poi", "township": "admin2", "port": None,
            "resort": None}
_MAX_WORDS = 3
#: A variant spelling is trusted only this near a place the document names (when it names any below a country).
VARIANT_NEAR_KM = 300.0
#: Confidence of a toponym found this way (below the resolver's usual answers).
VARIANT_CONFIDENCE = 0.6
GEOCODED_CONFIDENCE = 0.5
#: Nominatim's ``addresstype`` / Photon's ``type`` -> the gazetteer's kinds.
_KINDS = {"city": "city", "town": "town", "village": "village", "hamlet": "village", "suburb": "neighbourhood",
          "neighbourhood": "neighbourhood", "quarter": "neighbourhood", "county": "admin2", "district": "admin2",
          "state": "admin1", "province": "admin1", "region": "admin1", "country": "country"}


@functools.lru_cache(maxsize=512)
def neighbours(code: str) -> tuple:
    """ISO alpha-2 codes of the countries bordering ``code`` (countryinfo's borders), or ()."""
    if not code:
        return ()
    try:
        import pycountry
        from countryinfo import CountryInfo

        borders = CountryInfo(code).borders() or []
    except Exception:  # noqa: BLE001 - countryinfo raises its own errors for codes it lacks
        return ()
    out = []
    for alpha3 in borders:
        country = pycountry.countries.get(alpha_3=alpha3)
        if country is not None:
            out.append(country.alpha_2)
    return tuple(out)


def _name_starts(tokens: list) -> list:
    """(index of a name's first token, kind) where the context says a place is named: right after a locative
    word or "the village of"."""
    starts = []
    for i, tok in enumerate(tokens[:-1]):
        low = tok.text.lower()
        if low == "of" and i and tokens[i - 1].text.lower() in _KIND_OF:
            starts.append((i + 1, _KIND_OF[tokens[i - 1].text.lower()]))
        elif low in _LOCATIVES:
            starts.append((i + 1, None))
    return starts


def _unclaimed_names(text: str, toponyms: list, tokens: list) -> list:
    """(start, end, name, kind) of capitalised names right after a locative word that no toponym covers (a
    toponym of the name's first words only may lie inside: it is replaced when the whole is found); a kind
    word after the name ("Hodeidah district") belongs to the span, not to the name looked up."""
    lex = lexicon()
    taken = [(t.start, t.end) for t in toponyms]
    out = []
    for j, kind in _name_starts(tokens):
        if tokens[j].text.lower() == "the":
            continue  # "in the Sundarbans": a named area the gazetteer would know by its article-less key
        last = j
        while (last + 1 < len(tokens) and last + 1 - j < _MAX_WORDS and tokens[last + 1].cap
               and text[tokens[last].end:tokens[last + 1].start] in (" ", "-")):
            last += 1
        first_tok, last_tok = tokens[j], tokens[last]
        if not first_tok.cap or first_tok.text.isupper():
            continue
        after = tokens[last + 1].text if last + 1 < len(tokens) else ""
        if text[last_tok.end:last_tok.end + 1] == " " and (after[:1].isdigit() or (len(after) == 1 and after.isupper())):
            continue  # "Route 66", "Class A": a name with a number or letter is a road or a category
        words = [tokens[k].text.lower() for k in range(j, last + 1)]
        if any(w in lex.common_words or w in lex.titles or w in lex.org_heads or w in lex.given_names
               or w in lex.demonyms for w in words):
            continue
        overlapping = [(s, e) for s, e in taken if s < last_tok.end and first_tok.start < e]
        # a toponym that is only the name's first words ("Padang" of "Padang Panjang") does not claim it
        if any(s != first_tok.start or e >= last_tok.end for s, e in overlapping):
            continue
        end = last_tok.end
        if last + 1 < len(tokens) and tokens[last + 1].text in KIND_WORDS and \
                text[last_tok.end:tokens[last + 1].start] == " ":
            end = tokens[last + 1].end  # "Hodeidah district": the kind word is part of the mention, not of the key
        out.append((first_tok.start, end, text[first_tok.start:last_tok.end], kind))
    return out


def _variant(gazetteer, key: str, countries: tuple, kind: Optional[str]) -> Optional[Place]:
    """The most populous place of a variant key among the allowed countries (the first country wins a tie):
    "Hodeidah" in a report on Yemen and Israel is Al Hudaydah, not a hamlet of that name in Syria."""
    best, best_rank = None, None
    for order, code in enumerate(countries):
        for place in gazetteer.lookup_key(key, country=code, kind=kind, limit=3, loose=True)[:1]:
            rank = (place.population or 0, -order)
            if best_rank is None or rank > best_rank:
                best, best_rank = place, rank
    return best


def _from_location(location, key: str, source: str, gazetteer) -> Optional[Place]:
    """A geopy ``Location`` of an online geocoder as a Place (``<geocoder>:<its id>``); the country
    is the server's, else the one whose outline holds the point."""
    raw = location.raw if isinstance(location.raw, dict) else {}
    props = raw.get("properties") if isinstance(raw.get("properties"), dict) else raw  # Photon: GeoJSON
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    code = str(address.get("country_code") or props.get("countrycode") or "").upper()[:2]
    if not code:
        holder = gazetteer.containing(float(location.longitude), float(location.latitude))
        code = holder.country if holder is not None else ""
    kind = _KINDS.get(str(raw.get("addresstype") or props.get("type") or props.get("osm_value") or ""), "village")
    ident = raw.get("osm_id") or props.get("osm_id") or raw.get("place_id") or f"{location.latitude},{location.longitude}"
    name = str(location.address or key).split(",")[0].strip() or key
    admin = tuple(p.strip() for p in str(location.address or "").split(",")[1:] if p.strip())[-2:]
    return Place(f"{source}:{ident}", name, kind, float(location.longitude), float(location.latitude), 0,
                 code, admin, radius_km=PLACE_KINDS[kind].radius_km)


def resolve_unknown_names(text: str, toponyms: list, gazetteer, focus_country: str, *,
                          geocoder=None, geocoder_name: str = "geocoder", tokens: Optional[list] = None) -> list:
    """Toponyms for the names recognition left out, found as variants or by ``geocoder``; in text order.
    ``tokens`` are the text's (``recognise.tokenise``), when the caller has them already. A variant is
    looked for in the document's focus country, the other countries it names as such or places two of its
    toponyms in, and the focus country's neighbours."""
    if not focus_country and geocoder is None:
        return []
    # a country named as such, or holding two places of the document; not the country of one town
    # ("the Security Council in New York")
    as_countries = {t.place.country for t in toponyms if t.place is not None and t.place.kind == "country"}
    named = [c for c, n in Counter(t.place.country for t in toponyms if t.place is not None and t.place.country)
             .most_common() if n >= 2 or c in as_countries]
    countries = tuple(dict.fromkeys(c for c in (focus_country, *named, *neighbours(focus_country)) if c))
    found = []
    for start, end, name, kind in _unclaimed_names(text, toponyms, tokenise(text) if tokens is None else tokens):
        key = match_key(name)
        if not key:
            continue
        place = _variant(gazetteer, key, countries, kind) if countries else None
        if place is not None and not (_near_named(place, toponyms)
                                      and _fits_its_sentence(place, text, start, toponyms)):
            place = None
        confidence = VARIANT_CONFIDENCE
        if place is None and geocoder is not None:
            place, confidence = _ask(geocoder, name, countries, key, geocoder_name, gazetteer), GEOCODED_CONFIDENCE
        if place is not None:
            found.append(Toponym(start, end, text[start:end], place, place.kind, confidence))
    return found


def _fits_its_sentence(place, text: str, start: int, toponyms: list) -> bool:
    """A variant in a sentence that places towns or areas is of one of their countries or of a country the
    sentence names ("near Ighil, a commune in Al Haouz province": Morocco's, not a French village of a like
    spelling because France is named elsewhere; "a missile fired from Yemen towards Eilat, a day after jets
    bombed Hodeidah": Yemen's)."""
    begin = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = SENTENCE_END.search(text, start)
    end = stop.start() if stop else len(text)
    around = [t.place for t in toponyms if t.place is not None and begin <= t.start < end]
    country_rank = PLACE_KINDS["country"].rank
    local = {p.country for p in around if p.kind in PLACE_KINDS and PLACE_KINDS[p.kind].rank > country_rank}
    named = {p.country for p in around if p.kind == "country"}
    # a nationality on the place's own kind word says whose it is: "the Georgian-controlled village of Prisi"
    owner = {t.place.country for t in toponyms if t.place is not None and t.kind == "demonym"
             and t.end <= start and _OWNED_KIND.match(text[t.end:start])}
    if owner:
        return place.country in owner
    return not local or place.country in local | named


#: Between a nationality and a name: "-controlled village of ", " town of ", "-held port of ".
_OWNED_KIND = re.compile(r"^(?:-[a-z]+)?\s+(?:[a-z]+\s+)?(?:village|town|city|district|region|province|settlement|"
                         r"hamlet|port|commune|municipality)\s+of\s+$")


def _near_named(place, toponyms: list) -> bool:
    """A loose key meets many names ("Buangor" meets Bangor, "Canduang" Condong): a variant far from
    every town or area the document places in that country is another place of a similar name. A
    country the document names without placing anything in it ("launched from Yemen") is the test
    itself; a neighbour it does not name must hold a variant near the places it does."""
    big = PLACE_KINDS["country"].rank
    placed = [t.place for t in toponyms if t.place is not None and t.place.kind in PLACE_KINDS]
    local = [p for p in placed if PLACE_KINDS[p.kind].rank > big]
    same = [p for p in local if p.country == place.country]
    if not same and any(p.kind == "country" and p.country == place.country for p in placed):
        return True
    # a province's reach is not a town's: "Tsakane" beside Gauteng's towns is no village 330 km away
    return not (same or local) or any(
        haversine_km(place.lon, place.lat, p.lon, p.lat) <= VARIANT_NEAR_KM + (
            0.0 if p.kind in _WIDE_KINDS else getattr(p, "radius_km", 0.0) or 0.0)
        for p in same or local)


#: Areas whose radius does not widen the reach of a variant spelling.
_WIDE_KINDS = frozenset({"admin1", "region", "sea", "continent"})


def _ask(geocoder, name: str, countries: tuple, key: str, source: str, gazetteer) -> Optional[Place]:
    """The first answer of ``geocoder`` for ``name`` in ``countries`` (Nominatim filters by
    ``country_codes`` itself; Photon's answers are filtered here)."""
    import inspect

    inner = getattr(geocoder, "geocoder", geocoder)
    kwargs = {"exactly_one": False, "limit": 5}
    if countries and "country_codes" in inspect.signature(inner.geocode).parameters:
        kwargs["country_codes"] = [c.lower() for c in countries]
    try:
        locations = geocoder.geocode(name, **kwargs) or []
    except Exception as exc:  # noqa: BLE001 - a failing server means the name stays unplaced, not a failed report
        logger.warning("geocoder could not place %r: %s", name[:80], exc)
        return None
    for location in locations:
        place = _from_location(location, key, source, gazetteer)
        if not countries or place.country in countries:
            return place
    return None
