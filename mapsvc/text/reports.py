"""Read reports: raw bytes or text, an optional e-mail-like header, validation.

A report file may start with header lines (``Published: 2023-09-12``,
``Title: ...``, ``URL: ...``) followed by one blank line. The header is
metadata; the text after it is the report.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Optional, Union

from ..errors import InputError, InvalidParameter
from ..model import Report

__all__ = ["parse_date", "parse_report_text", "read_report_file", "MAX_FILE_BYTES"]

MAX_FILE_BYTES = 20_000_000
_HEADER_LINE = re.compile(r"^(published|date|title|url|source):[ \t]*(.*)$", re.IGNORECASE)


def parse_date(value: Union[str, date, None], *, what: str = "date",
               error: type = InvalidParameter) -> Optional[date]:
    """The one ISO date parser: ``YYYY-MM-DD``, a longer timestamp keeping its day.

    None stays None, a datetime gives its day; text that is no date raises
    ``error`` (:class:`InvalidParameter` unless told) naming ``what``.

    >>> parse_date("2022-03-16"), parse_date("2022-03-16T08:00:00Z")
    (datetime.date(2022, 3, 16), datetime.date(2022, 3, 16))
    >>> parse_date("16/03/2022", what="published")
    Traceback (most recent call last):
    ...
    mapsvc.errors.InvalidParameter: published '16/03/2022' is not a date of the form YYYY-MM-DD
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise error(f"{what} {text!r} is not a date of the form YYYY-MM-DD") from exc


def _decode(raw: bytes, origin: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else UTF-16 with BOM; binary is refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:  # an odd length: a truncated file
            raise InputError(f"{origin or 'report'}: not UTF-16 text ({exc.reason} at byte {exc.start})") from exc
    if b"\x00" in raw[:4096]:
        raise InputError(f"{origin or 'report'}: binary data, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin or 'report'}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _split_header(text: str) -> tuple[dict, str]:
    """Split a leading ``Key: value`` block ended by a blank line from the body."""
    lines = text.split("\n")
    header: dict = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if header:
                return header, "\n".join(lines[i + 1:])
            return {}, text
        match = _HEADER_LINE.match(line.strip())
        if not match:
            return {}, text
        header[match.group(1).lower()] = match.group(2).strip()
    return {}, text


def parse_report_text(raw: Union[str, bytes], *, published=None, title: str = "", url: str = "",
                      origin: str = "") -> Report:
    """Make a :class:`Report` from raw text, reading an optional header block.

    Arguments win over the header. Empty, binary and non-UTF-8 input raise
    :class:`InputError`; a malformed date raises :class:`InvalidParameter`.

    >>> r = parse_report_text("Published: 2023-09-12\\nTitle: Floods\\n\\nDerna was hit.")
    >>> r.published.isoformat(), r.title, r.text
    ('2023-09-12', 'Floods', 'Derna was hit.')
    """
    text = _decode(raw, origin) if isinstance(raw, (bytes, bytearray)) else str(raw)
    if "\x00" in text:
        raise InputError(f"{origin or 'report'}: binary data, not text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{origin or 'report'}: text holds a lone surrogate at character {exc.start}") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header, body = _split_header(text)
    if not body.strip():
        raise InputError(f"{origin or 'report'}: the report is empty")
    when = parse_date(published, what="published") or parse_date(
        header.get("published") or header.get("date"), what=f"{origin or 'report'}: Published header")
    return Report(text=body, published=when, title=title or header.get("title", ""),
                  url=url or header.get("url") or header.get("source", ""), origin=origin)


def read_report_file(path, *, published=None) -> Report:
    """Read a report file; any failure is one clear :class:`InputError` line."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{path}: {size} bytes is larger than the {MAX_FILE_BYTES} byte limit")
        raw = path.read_bytes()
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory") from exc
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: cannot be read (permission denied)") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return parse_report_text(raw, published=published, origin=str(path))
