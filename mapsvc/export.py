"""Incidents as downloads: ``FORMATS`` names every format (GeoJSON, CSV, ACLED-style CSV,
KML) the command line and the web offer, with its writer, media type and file extension.

CSV carries the point three ways: ``lon`` and ``lat`` columns, and a ``WKT``
column (``POINT (lon lat)``), the column name GDAL's CSV driver reads as
geometry without being told, so ``ogrinfo``, QGIS and geopandas see points.
The ACLED-style CSV has the columns researchers who use ACLED know
(``event_date``, ``event_type``, ``location``, ``latitude``, ``longitude``,
``geo_precision``, ``time_precision``, ``fatalities``, ``notes``, ``source``).

CSV: a spreadsheet reads a cell as a formula when it starts with ``=``, ``+``,
``-``, ``@``, tab or carriage return, and a spreadsheet set to another list
separator splits a cell at ``;``, tab or ``|`` first; so every such start, at
the beginning of a text cell or right after one of ``, ; \t |``, gets a quote
``'`` before it.

KML: viewers (Google Earth, many web viewers) render ``name`` and
``description`` as HTML even when the XML escapes them, so these are plain
text with no markup at all: ``<`` and ``>`` become ``‹`` and ``›``. One style
per category colours the placemarks.
"""
from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import IO, Callable, Iterable, Mapping, Optional

from .errors import InvalidParameter
from .geojson import COORD_DECIMALS, to_collection
from .model import CATEGORY_COLOURS, Incident

__all__ = ["CSV_COLUMNS", "ACLED_COLUMNS", "Format", "FORMATS", "get_format", "write_csv", "write_acled_csv",
           "write_kml", "write_geojson", "write_incidents"]

CSV_COLUMNS = (
    "id", "category", "title", "lon", "lat", "date", "date_start", "date_end", "date_precision",
    "place_name", "place_kind", "place_admin", "gazetteer_id", "geo_precision", "radius_km",
    "counts", "quote", "source_reports", "source_urls", "WKT",
)
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "country", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "notes", "source",
)
#: mapsvc category -> ACLED event type (ACLED's codebook has no disasters: they become
#: "Strategic developments", with mapsvc's category kept as the sub-event type).
ACLED_EVENT_TYPES: Mapping[str, str] = {
    "strike": "Explosions/Remote violence", "battle": "Battles", "civilian_harm": "Violence against civilians",
    "humanitarian": "Strategic developments", "restriction": "Strategic developments",
    "political": "Strategic developments", "military": "Strategic developments",
    "disaster": "Strategic developments", "other": "Strategic developments",
}
#: mapsvc date precision -> ACLED time precision (1 the day, 2 the week or so, 3 the month or longer).
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}

# a formula start at the cell's beginning or after a separator another locale splits at
_FORMULA = re.compile(r"(^|[,;\t|])(\s*)([=+\-@\t\r])")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
KML_NS = "http://www.opengis.net/kml/2.2"
# characters XML 1.0 cannot carry at all, even escaped
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe_cell(value: object) -> str:
    """A text cell that spreadsheets will not evaluate."""
    text = "" if value is None else str(value)
    if _NUMBER.fullmatch(text):
        return text
    return _FORMULA.sub(lambda m: m.group(1) + m.group(2) + "'" + m.group(3), text)


def _safe_row(values: list) -> list:
    """A CSV row whose text cells spreadsheets will not evaluate (numbers stay numbers)."""
    return [v if isinstance(v, (int, float)) else _safe_cell(v) for v in values]


def _row(inc: Incident) -> list:
    return [
        inc.id, inc.category, inc.title, round(inc.lon, COORD_DECIMALS), round(inc.lat, COORD_DECIMALS),
        inc.date.isoformat(), inc.date_start.isoformat(), inc.date_end.isoformat(), inc.date_precision,
        inc.place_name, inc.place_kind, "; ".join(inc.place_admin or ()), inc.gazetteer_id,
        inc.geo_precision, inc.radius_km,
        json.dumps(dict(inc.counts or {}), sort_keys=True) if inc.counts else "",
        inc.quote,
        " ".join(s.report for s in inc.sources),
        " ".join(s.url for s in inc.sources if s.url),
        f"POINT ({round(inc.lon, COORD_DECIMALS)} {round(inc.lat, COORD_DECIMALS)})",
    ]


def write_csv(incidents: Iterable[Incident], fp: IO[str], *, number_matched: Optional[int] = None) -> int:
    """Write incidents as CSV (header + one row each); return the row count.

    ``number_matched`` is accepted as every writer accepts it; CSV has no place for it.

    Examples
    --------
    >>> import io
    >>> from datetime import date
    >>> d = date(2022, 3, 1)
    >>> inc = Incident(id="inc-1", category="other", title="=1+1", lon=1.0, lat=2.0,
    ...                date=d, date_start=d, date_end=d)
    >>> buf = io.StringIO(); write_csv([inc], buf)
    1
    >>> buf.getvalue().splitlines()[1].split(",")[2]
    "'=1+1"
    >>> _safe_cell("x;=1+1 | @SUM(A1)")
    "x;'=1+1 | '@SUM(A1)"
    """
    writer = csv.writer(fp, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for inc in incidents:
        writer.writerow(_safe_row(_row(inc)))
        n += 1
    return n


def write_acled_csv(incidents: Iterable[Incident], fp: IO[str], *, number_matched: Optional[int] = None) -> int:
    """Write incidents as an ACLED-style CSV (:data:`ACLED_COLUMNS`); return the row count.

    >>> import io
    >>> from datetime import date
    >>> d = date(2022, 3, 1)
    >>> inc = Incident(id="inc-1", category="strike", title="Strike", lon=36.2, lat=50.0, date=d,
    ...                date_start=d, date_end=d, counts={"killed": 3}, place_name="Kharkiv")
    >>> buf = io.StringIO(); write_acled_csv([inc], buf)
    1
    >>> buf.getvalue().splitlines()[1]
    'inc-1,2022-03-01,1,Explosions/Remote violence,strike,,Kharkiv,50.0,36.2,1,3,Strike,'
    """
    writer = csv.writer(fp, lineterminator="\r\n")
    writer.writerow(ACLED_COLUMNS)
    n = 0
    for inc in incidents:
        admin = list(inc.place_admin or ())
        notes = " ".join(x for x in (inc.title, inc.quote) if x)
        source = "; ".join(s.title or s.url or s.report for s in inc.sources)
        row = [inc.id, inc.date.isoformat(), _TIME_PRECISION.get(inc.date_precision, 3),
               ACLED_EVENT_TYPES.get(inc.category, "Strategic developments"), inc.category,
               admin[-1] if admin else "", inc.place_name, round(inc.lat, COORD_DECIMALS),
               round(inc.lon, COORD_DECIMALS), min(3, max(1, int(inc.geo_precision or 1))),
               int((inc.counts or {}).get("killed", 0) or 0), notes, source]
        writer.writerow(_safe_row(row))
        n += 1
    return n


def _xml_text(value: object) -> str:
    return _XML_INVALID.sub("\ufffd", "" if value is None else str(value))


def _plain_text(value: object) -> str:
    """Text a viewer that renders HTML cannot read as markup."""
    return _xml_text(value).translate(_NO_MARKUP)


_NO_MARKUP = str.maketrans({"<": "\u2039", ">": "\u203a"})


def _kml_colour(hex_rgb: str) -> str:
    """``#rrggbb`` as KML's ``aabbggrr``."""
    rgb = hex_rgb.lstrip("#")
    return "ff" + rgb[4:6] + rgb[2:4] + rgb[0:2]


def _styles(doc: ET.Element) -> None:
    for category, colour in CATEGORY_COLOURS.items():
        style = ET.SubElement(doc, "Style", id=category)
        icon = ET.SubElement(style, "IconStyle")
        ET.SubElement(icon, "color").text = _kml_colour(colour)
        label = ET.SubElement(style, "LabelStyle")
        ET.SubElement(label, "scale").text = "0.8"


def _placemark(doc: ET.Element, inc: Incident) -> None:
    pm = ET.SubElement(doc, "Placemark", id=_xml_text(inc.id))
    ET.SubElement(pm, "name").text = _plain_text(inc.title or inc.category)
    lines = [f"{inc.category} - {inc.date.isoformat()}", inc.place_name, inc.quote]
    lines += [s.url or s.report for s in inc.sources]
    ET.SubElement(pm, "description").text = _plain_text("\n".join(x for x in lines if x))
    if inc.category in CATEGORY_COLOURS:
        ET.SubElement(pm, "styleUrl").text = "#" + inc.category
    span = ET.SubElement(pm, "TimeSpan")
    ET.SubElement(span, "begin").text = inc.date_start.isoformat()
    ET.SubElement(span, "end").text = inc.date_end.isoformat()
    ext = ET.SubElement(pm, "ExtendedData")
    fields = {"category": inc.category, "date": inc.date.isoformat(), "place": inc.place_name,
              "geo_precision": inc.geo_precision, "radius_km": inc.radius_km,
              "counts": json.dumps(dict(inc.counts or {}), sort_keys=True)}
    for key, value in fields.items():
        data = ET.SubElement(ext, "Data", name=key)
        ET.SubElement(data, "value").text = _plain_text(value)
    point = ET.SubElement(pm, "Point")
    ET.SubElement(point, "coordinates").text = (
        f"{round(inc.lon, COORD_DECIMALS)},{round(inc.lat, COORD_DECIMALS)}")


def write_kml(incidents: Iterable[Incident], fp: IO, *, name: str = "mapsvc incidents",
              number_matched: Optional[int] = None) -> int:
    """Write incidents as a KML 2.2 document (one Placemark each); return the count.

    ``fp`` may be a text or a binary file (UTF-8 is written to binary ones);
    ``number_matched`` is accepted as every writer accepts it; KML has no place for it.

    Examples
    --------
    >>> import io
    >>> from datetime import date
    >>> buf = io.StringIO()
    >>> write_kml([Incident("inc-1", "other", "<b>x</b>", 1.0, 2.0, *[date(2022, 3, 1)] * 3)], buf)
    1
    >>> "<name>\u2039b\u203ax\u2039/b\u203a</name>" in buf.getvalue()
    True
    """
    root = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = _plain_text(name)
    _styles(doc)
    n = 0
    for inc in incidents:
        _placemark(doc, inc)
        n += 1
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    try:
        fp.write(text)
    except TypeError:  # a binary file
        fp.write(text.encode("utf-8"))
    return n


def write_geojson(incidents: Iterable[Incident], fp: IO[str], *, number_matched: Optional[int] = None) -> int:
    """Write incidents as one GeoJSON FeatureCollection (with ``numberMatched`` when given); return the count."""
    collection = to_collection(incidents, number_matched=number_matched)
    # json.dumps, not json.dump: dump streams through the pure-Python encoder, 5-10x slower
    fp.write(json.dumps(collection, ensure_ascii=False))
    fp.write("\n")
    return collection["numberReturned"]


@dataclass(frozen=True)
class Format:
    """A download format: ``write(incidents, fp, *, number_matched=None) -> count``."""

    name: str
    title: str
    write: Callable[..., int]
    media_type: str
    extension: str
    binary: bool = False  # files and standard output get bytes: the document declares its encoding


#: Format name -> Format, for ``mapsvc export --format`` and ``GET /incidents.<name>``.
FORMATS: Mapping[str, Format] = {f.name: f for f in (
    Format("geojson", "GeoJSON", write_geojson, "application/geo+json", "geojson"),
    Format("csv", "CSV", write_csv, "text/csv; charset=utf-8", "csv"),
    Format("acled", "ACLED-style CSV", write_acled_csv, "text/csv; charset=utf-8", "acled.csv"),
    Format("kml", "KML", write_kml, "application/vnd.google-earth.kml+xml", "kml", binary=True),
)}


def get_format(name: str) -> Format:
    """The format called ``name``; raises :class:`InvalidParameter` for an unknown one.

    >>> get_format("csv").extension
    'csv'
    """
    try:
        return FORMATS[name]
    except (KeyError, TypeError) as exc:
        raise InvalidParameter(f"unknown format {name!r}; use one of {', '.join(FORMATS)}") from exc


def write_incidents(incidents: Iterable[Incident], fp: IO[str], *, fmt: str = "geojson",
                    number_matched: Optional[int] = None) -> int:
    """Write incidents in the format called ``fmt`` (see :data:`FORMATS`); return the count."""
    return get_format(fmt).write(incidents, fp, number_matched=number_matched)
