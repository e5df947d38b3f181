"""Geoparsing: find every place a text names and resolve it in the gazetteer.

``geoparse(text)`` returns :class:`~mapsvc.model.Toponym` values in text
order: recognition (``geoparse_recognise``) finds capitalised spans the
gazetteer knows and drops persons, organisations, ships and common words;
resolution (``geoparse_resolve``) picks one place per mention from population,
kind words, the document's focus, comma patterns and containment, or leaves it
unresolved.  Demonyms ("Ukrainian") come back with kind ``demonym``, resolved
to their country; an incident must never be placed at one.

``geoparse_document(text)`` returns the same toponyms with the document's
focus (main country and admin-1 area) as a :class:`GeoparseResult`, so that
later stages need not recount the votes.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping, Optional, TextIO

from ..errors import InputError, InvalidParameter
from .context import DocumentFocus
from .recognise import recognise, tokenise
from .resolve import resolve_document
from .unknown import resolve_unknown_names
from ..model import Toponym

__all__ = ["geoparse", "geoparse_document", "GeoparseResult", "DocumentFocus", "toponym_to_dict", "geoparse_jsonl",
           "MAX_TEXT_CHARS"]

logger = logging.getLogger(__name__)

#: Texts longer than this are refused (a report is far shorter).
MAX_TEXT_CHARS = 5_000_000


@dataclass(frozen=True)
class GeoparseResult:
    """What geoparsing hands the next stage: the toponyms in text order and the document's focus."""

    toponyms: tuple[Toponym, ...] = ()
    focus: DocumentFocus = DocumentFocus()


def geoparse(text: str, *, published: Optional[date] = None, context: Optional[dict] = None,
             gazetteer=None) -> list:
    """Place mentions of ``text``, each with its span, place, kind and confidence.

    Parameters
    ----------
    text : str
        The report text (plain text).
    published : date, optional
        Publication date (kept for the signature of the pipeline; places do not
        depend on it yet).
    context : dict, optional
        Hints: ``{"country": "UA"}`` favours places of that country.
    gazetteer : Gazetteer, optional
        The gazetteer to use; ``None`` opens the default one.

    Returns
    -------
    list of Toponym
        In text order; ``place`` is None where the signals did not settle it.

    Examples
    --------
    >>> from mapsvc.runtime import default_gazetteer  # doctest: +SKIP
    >>> [t.text for t in geoparse("Shelling hit Kharkiv.", gazetteer=default_gazetteer())]  # doctest: +SKIP
    ['Kharkiv']
    """
    return list(geoparse_document(text, published=published, context=context, gazetteer=gazetteer).toponyms)


def geoparse_document(text: str, *, published: Optional[date] = None, context: Optional[dict] = None,
                      gazetteer=None, geocoder=None) -> GeoparseResult:
    """The toponyms of ``text`` (as :func:`geoparse`) and the document's focus.

    Parameters are those of :func:`geoparse`, and ``geocoder``: an online geopy
    geocoder (``runtime.open_fallback_geocoder``) asked for the names a locative
    word governs that the gazetteer lacks (:mod:`mapsvc.geoparse.unknown`); None
    (the default, and with ``GEOCODER = "offline"``) asks nothing.

    Returns
    -------
    GeoparseResult
        ``toponyms``: a tuple of Toponym in text order; ``focus``: a
        :class:`DocumentFocus` with the main country (ISO alpha-2, "" when
        none) and its share of the votes, and the main admin-1 key.

    Examples
    --------
    >>> geoparse_document("   ").focus.country
    ''
    >>> from mapsvc.gazetteer.index import default_gazetteer  # doctest: +SKIP
    >>> geoparse_document("Shelling hit Kharkiv and Sumy.", gazetteer=default_gazetteer()).focus.country  # doctest: +SKIP
    'UA'
    """
    if not isinstance(text, str):
        raise InputError(f"geoparse needs text (str), not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text of {len(text)} characters is longer than {MAX_TEXT_CHARS}")
    if context is not None and not isinstance(context, Mapping):
        raise InvalidParameter(f"context must be a mapping such as {{'country': 'UA'}}, not {type(context).__name__}")
    if not text.strip():
        return GeoparseResult()
    if gazetteer is None:
        from ..gazetteer.index import default_gazetteer

        gazetteer = default_gazetteer()
    tokens = tokenise(text)  # once: recognition and the unclaimed-name step both read them
    mentions = recognise(text, gazetteer, tokens=tokens)
    toponyms, focus = resolve_document(text, mentions, gazetteer, context=context)
    extra = resolve_unknown_names(text, toponyms, gazetteer, focus.country, geocoder=geocoder,
                                  geocoder_name=getattr(geocoder, "name", "geocoder"), tokens=tokens)
    if extra:  # a name found whole replaces the toponym of its first words
        kept = [t for t in toponyms if not any(e.start <= t.start and t.end <= e.end for e in extra)]
        toponyms = sorted([*kept, *extra], key=lambda t: t.start)
    return GeoparseResult(tuple(toponyms), focus)


def toponym_to_dict(t: Toponym) -> dict:
    """The JSON form of a toponym (ARCHITECTURE 3.1).

    >>> from mapsvc.model import Place
    >>> p = Place("geonames:706483", "Kharkiv", "city", 36.25, 49.98)
    >>> toponym_to_dict(Toponym(0, 7, "Kharkiv", p, "city", 0.9))["lat"]
    49.98
    """
    place = t.place
    return {
        "start": t.start, "end": t.end, "name": t.text,
        "lat": round(place.lat, 6) if place is not None else None,
        "lon": round(place.lon, 6) if place is not None else None,
        "kind": t.kind or (place.kind if place is not None else ""),
        "gazetteer_id": place.id if place is not None else None,
        "confidence": round(float(t.confidence), 3),
    }


def _parse_line(line: str, number: int) -> Optional[tuple]:
    """(id, text) of one JSONL line; None for blank lines; InputError when malformed."""
    if not line.strip():
        return None
    try:
        doc = json.loads(line)
    except ValueError as exc:
        raise InputError(f"line {number}: not valid JSON ({exc.msg})") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
        raise InputError(f"line {number}: expected an object with a string \"text\"")
    return doc.get("id", number), doc["text"]


def geoparse_jsonl(lines_in: Iterable[str], lines_out: TextIO, *, gazetteer, strict: bool = False) -> dict:
    """Geoparse a JSON-lines corpus: ``{"id", "text"}`` in, ``{"id", "toponyms"}`` out.

    A malformed line is reported on the log with its line number and answered
    with ``{"id", "error"}`` (or raises :class:`InputError` when ``strict``).
    Returns counts ``{"documents", "errors", "toponyms"}``.

    >>> import io
    >>> class Gaz:
    ...     max_key_words = 1
    ...     def has_key(self, key): return False
    >>> out = io.StringIO()
    >>> geoparse_jsonl(['{"id": 1, "text": "nothing here"}', 'oops'], out, gazetteer=Gaz())
    {'documents': 1, 'errors': 1, 'toponyms': 0}
    """
    counts = {"documents": 0, "errors": 0, "toponyms": 0}
    for number, line in enumerate(lines_in, 1):
        try:
            parsed = _parse_line(line, number)
            if parsed is None:
                continue
            doc_id, text = parsed
            toponyms = geoparse(text, gazetteer=gazetteer)
        except InputError as exc:
            if strict:
                raise
            logger.error("%s", exc)
            counts["errors"] += 1
            lines_out.write(json.dumps({"id": _safe_id(line, number), "error": str(exc)}) + "\n")
            continue
        counts["documents"] += 1
        counts["toponyms"] += len(toponyms)
        lines_out.write(json.dumps({"id": doc_id, "toponyms": [toponym_to_dict(t) for t in toponyms]},
                                   ensure_ascii=False) + "\n")
    return counts


def _safe_id(line: str, number: int):
    try:
        doc = json.loads(line)
        return doc.get("id", number) if isinstance(doc, dict) else number
    except ValueError:
        return number
