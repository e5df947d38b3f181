"""Reading reports from files, directories, web pages and feeds, and ingesting them.

``read_inputs`` turns command-line inputs into reports; a bad input becomes an
exception in its place so the rest still go through. HTML pages are reduced
to their main text with trafilatura, feeds are read with feedparser (one
report per entry). ``ingest_inputs`` stores them and sums up.
"""
from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterator, Optional, Union

from ..config import DEFAULTS
from ..errors import InputError, MapsvcError
from ..model import Report
from ..text.reports import MAX_FILE_BYTES, parse_date, parse_report_text, read_report_file
from .fetch import fetch, read_feed_file

__all__ = ["require_date", "read_html_file", "REPORT_SUFFIXES", "FEED_SUFFIXES", "IngestSummary", "expand_inputs", "read_inputs",
           "ingest_inputs", "ingest_feed", "html_to_report", "feed_to_reports"]

logger = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
HTML_SUFFIXES = (".html", ".htm")
#: A feed entry shorter than this is a teaser: the linked page is fetched instead.
TEASER_CHARS = 500
#: Progress bars appear from this many inputs on.
PROGRESS_FROM = 10


@dataclass
class IngestSummary:
    """What an ingest run did; ``failures`` lists ``(origin, reason)``."""

    reports_new: int = 0
    reports_updated: int = 0  # stored already, with another date or title: re-extracted
    reports_unchanged: int = 0
    reports_failed: int = 0
    incidents_new: int = 0
    incidents_merged: int = 0
    failures: list = field(default_factory=list)

    def __str__(self) -> str:
        return (f"reports: {self.reports_new} new, {self.reports_updated} updated, {self.reports_unchanged} unchanged, "
                f"{self.reports_failed} failed; incidents: {self.incidents_new} new, "
                f"{self.incidents_merged} merged")


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def expand_inputs(inputs: list[str]) -> list[str]:
    """Inputs with directories replaced by their report files (recursively, sorted, no hidden ones).

    >>> expand_inputs(["https://example.org/a"])
    ['https://example.org/a']
    """
    out: list[str] = []
    for item in inputs:
        item = str(item)
        path = Path(item)
        if not _is_url(item) and path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in REPORT_SUFFIXES + FEED_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            out.extend(str(p) for p in found)
        else:
            out.append(item)
    return out


def html_to_report(raw: Union[str, bytes], *, origin: str = "", url: str = "",
                   published: Optional[date] = None) -> Report:
    """The main text of an HTML page as a Report (trafilatura); title and date from its metadata.

    Raises InputError when the page has no main text.
    """
    import trafilatura

    try:
        text = trafilatura.extract(raw, include_comments=False, include_tables=False,
                                   favor_precision=True)
        meta = trafilatura.extract_metadata(raw)
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on hostile input
        raise InputError(f"{origin or 'page'}: cannot extract text from the HTML ({exc})") from exc
    if not text or not text.strip():
        raise InputError(f"{origin or 'page'}: no main text found in the HTML")
    title = (meta.title or "") if meta else ""
    when = published or (parse_date(meta.date[:10], what="page date") if meta and meta.date else None)
    return parse_report_text(text, published=when, title=title, url=url, origin=origin)


def read_html_file(path, *, published: Optional[date] = None) -> Report:
    """A saved web page (``.html``) as a Report: its main text, title and date (:func:`html_to_report`)."""
    path = Path(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"{path}: larger than the {MAX_FILE_BYTES} byte limit")
    return html_to_report(path.read_bytes(), origin=str(path), published=published)


def _looks_like_feed(body: bytes, ctype: str) -> bool:
    if any(t in ctype for t in ("rss", "atom")):
        return True
    head = body[:1000].lstrip().lower()
    return (head.startswith(b"<?xml") or "xml" in ctype) and (b"<rss" in head or b"<feed" in head)


def _entry_date(entry) -> Optional[date]:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_text(entry) -> str:
    parts = [c.get("value", "") for c in entry.get("content") or ()] or [entry.get("summary", "")]
    html = "\n".join(p for p in parts if p)
    if not html.strip():
        return ""
    import trafilatura

    return trafilatura.extract(f"<html><body><article>{html}</article></body></html>",
                               favor_recall=True) or ""


def feed_to_reports(raw: bytes, *, origin: str, published: Optional[date] = None,
                    max_bytes: int = DEFAULTS["MAX_FEED_BYTES"], known: Optional[Callable[[list], set]] = None
                    ) -> Iterator[tuple[str, Union[Report, Exception]]]:
    """One ``(origin, Report or error)`` per entry of an RSS/Atom feed.

    Teaser entries (shorter than TEASER_CHARS) with an http(s) link are replaced
    by the linked page's main text when it can be fetched (at most ``max_bytes``).
    ``known(origins)`` names the entries to leave out (already stored: their pages
    are not fetched again).
    """
    import feedparser

    parsed = feedparser.parse(raw)
    if parsed.bozo and not parsed.entries:
        yield origin, InputError(f"{origin}: not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
        return
    wheres = [f"{origin}#{entry.get('link', '') or i}" for i, entry in enumerate(parsed.entries)]
    # only linked entries: "feed#3" names whichever entry is third today
    linked = [w for w, entry in zip(wheres, parsed.entries) if entry.get("link")]
    skip = known(linked) if known is not None and linked else set()
    for where, entry in zip(wheres, parsed.entries):
        if where in skip:
            continue
        link = entry.get("link", "") or ""
        when = published or _entry_date(entry)
        try:
            text = _entry_text(entry)
            if len(text) < TEASER_CHARS and _is_url(link):
                try:
                    page = fetch(link, max_bytes=max_bytes)
                    text = html_to_report(page.body, origin=link, url=link, published=when).text
                except InputError as exc:
                    logger.info("feed entry %s: keeping the summary (%s)", link, exc)
            yield where, parse_report_text(text, published=when, title=entry.get("title", ""),
                                           url=link, origin=where)
        except MapsvcError as exc:
            yield where, exc


def _read_one(item: str, *, published, feed: bool, max_bytes: int) -> Iterator[tuple[str, Union[Report, Exception]]]:
    if _is_url(item):
        fetched = fetch(item, max_bytes=max_bytes)
        body, ctype = fetched.body, fetched.content_type
        if feed or _looks_like_feed(body, ctype):
            yield from feed_to_reports(body, origin=item, published=published, max_bytes=max_bytes)
        elif "html" in ctype or body[:1000].lstrip().lower().startswith((b"<!doctype html", b"<html")):
            yield item, html_to_report(body, origin=item, url=item, published=published)
        else:
            yield item, parse_report_text(body, published=published, url=item, origin=item)
        return
    if "://" in item:
        raise InputError(f"{item}: only http(s) URLs can be read")
    path = Path(item)
    suffix = path.suffix.lower()
    if (feed or suffix in FEED_SUFFIXES) and path.is_file():
        yield from feed_to_reports(read_feed_file(path, max_bytes=max_bytes), origin=item, published=published,
                                   max_bytes=max_bytes)
    elif suffix in HTML_SUFFIXES and path.is_file():
        yield item, read_html_file(path, published=published)
    else:  # --published dates a file without a Published header, as its help says; a header wins
        report = read_report_file(path)
        yield item, report if report.published else dataclasses.replace(report, published=published)


def read_inputs(inputs: list[str], *, published=None, feed: bool = False, max_bytes: int = DEFAULTS["MAX_FEED_BYTES"]
                ) -> Iterator[tuple[str, Union[Report, Exception]]]:
    """Reports from files, directories (``*.txt *.md *.html``, recursively), http(s) URLs of
    pages or feeds: yields ``(origin, Report)`` or ``(origin, error)`` for one that failed.
    A feed file, a feed or a page fetched is refused past ``max_bytes`` (``MAX_FEED_BYTES``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Published: 2023-09-12\\n\\nDerna was flooded.")
    >>> [(type(r).__name__, r.published.isoformat()) for _, r in read_inputs([str(d)])]
    [('Report', '2023-09-12')]
    >>> [type(r).__name__ for _, r in read_inputs([str(d / "missing.txt")])]
    ['InputError']
    """
    when = parse_date(published, what="published") if published is not None else None
    for item in expand_inputs(inputs):
        yield from _read_safely(item, published=when, feed=feed, max_bytes=max_bytes)


def _read_safely(item: str, *, published, feed: bool, max_bytes: int):
    try:
        yield from _read_one(item, published=published, feed=feed, max_bytes=max_bytes)
    except MapsvcError as exc:
        yield item, exc
    except OSError as exc:
        yield item, InputError(f"{item}: cannot be read ({exc})")


def _progress(total: int, progress):
    if progress is False or (progress is None and total < PROGRESS_FROM):
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="input", desc="ingest", disable=None if progress is None else False)


def ingest_inputs(store, inputs: list[str], *, extractor: Callable[[Report], list], published=None,
                  feed: bool = False, progress=None, batch_extractor: Optional[Callable] = None,
                  max_bytes: int = DEFAULTS["MAX_FEED_BYTES"]) -> IngestSummary:
    """Read and store every input; a bad one is counted in ``failures`` and skipped.

    Parameters
    ----------
    store : mapsvc.store.store.Store
    inputs : list of str
        Files, directories, http(s) URLs of pages or feeds.
    extractor : callable
        ``extractor(report) -> list[Incident]``, called only for new reports.
    published : date or str, optional
        Publication date for reports that carry none.
    feed : bool
        Read URLs and files as RSS/Atom feeds.
    progress : bool or None
        Show a progress bar; None: when there are many inputs and stderr is a terminal.
    batch_extractor : callable, optional
        ``batch_extractor(reports) -> [incidents, ...]``: all reports are read first and extracted
        in one batch (across processes, ``extract.bulk.extract_many``), then stored in order.
    max_bytes : int
        The largest feed file, feed or page fetched (``MAX_FEED_BYTES``); a larger one fails, the rest go on.
    """
    summary = IngestSummary()
    when = parse_date(published, what="published") if published is not None else None
    expanded = expand_inputs(inputs)
    if batch_extractor is not None:
        return _ingest_batch(store, expanded, batch_extractor, when=when, feed=feed, summary=summary,
                             max_bytes=max_bytes)
    bar = _progress(len(expanded), progress)
    try:
        for item in expanded:
            for origin, report in _read_safely(item, published=when, feed=feed, max_bytes=max_bytes):
                _ingest_one(store, origin, report, extractor=extractor, summary=summary)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    logger.info("ingest: %s", summary)
    return summary


def ingest_feed(store, body: bytes, *, origin: str, extractor: Callable[[Report], list],
                max_bytes: int = DEFAULTS["MAX_FEED_BYTES"]) -> IngestSummary:
    """Store the entries of a fetched RSS/Atom feed as :func:`ingest_inputs` stores them (one
    report per entry, idempotent by content). An entry already stored from this feed (by its
    link) is counted unchanged without fetching its page again: a page edited since (a live
    blog, an "updated" line) would otherwise be stored as a second report. A teaser's page is
    fetched up to ``max_bytes`` (``MAX_FEED_BYTES``). A feed that cannot be read is the one
    failure whose origin is ``origin`` itself."""
    summary, seen = IngestSummary(), set()

    def known(wheres):
        seen.update(store.stored_origins(wheres))
        return seen

    for where, report in feed_to_reports(body, origin=origin, known=known, max_bytes=max_bytes):
        _ingest_one(store, where, report, extractor=extractor, summary=summary)
    summary.reports_unchanged += len(seen)
    logger.info("feed %s: %s", origin, summary)
    return summary


def _ingest_batch(store, expanded: list, batch_extractor, *, when, feed: bool, summary: IngestSummary,
                  max_bytes: int):
    items = [pair for item in expanded for pair in _read_safely(item, published=when, feed=feed,
                                                                max_bytes=max_bytes)]
    reports = [report for _, report in items if not isinstance(report, Exception)]
    try:
        extracted = iter(batch_extractor(reports))
    except MapsvcError:
        raise
    except Exception as exc:  # a failed batch stores nothing and says why
        raise MapsvcError(f"extraction failed: {exc.__class__.__name__}: {exc}") from exc
    for origin, report in items:
        incidents = None if isinstance(report, Exception) else next(extracted)
        _ingest_one(store, origin, report, extractor=lambda _r, found=incidents: found, summary=summary)
    logger.info("ingest: %s", summary)
    return summary


UNDATED = ("no publication date; give --published YYYY-MM-DD (or a 'Published:' header, "
           "or 'published' in the request)")


def require_date(report: Report, origin: str = "") -> Report:
    """The report, or :class:`InputError` when nothing gave it a publication date: relative dates
    ("on Monday") would be read against the day of ingest, and the store keys its report by text,
    so a wrongly dated report could not be fixed by ingesting it again."""
    if report.published is None:
        where = f"{origin}: " if origin else ""
        raise InputError(where + UNDATED)
    return report


def _ingest_one(store, origin: str, item, *, extractor, summary: IngestSummary) -> None:
    if not isinstance(item, Exception) and item.published is None and not store.has_report(item):
        item = InputError(f"{origin}: {UNDATED}")  # (a stored copy has its date already)
    if isinstance(item, Exception):
        summary.reports_failed += 1
        summary.failures.append((origin, str(item)))
        logger.info("skipped %s: %s", origin, item)
        return
    try:
        result = store.ingest_report(item, extractor=extractor)
    except MapsvcError as exc:
        summary.reports_failed += 1
        summary.failures.append((origin, str(exc)))
        logger.info("skipped %s: %s", origin, exc)
        return
    except Exception as exc:  # an extractor bug must not stop the other reports
        summary.reports_failed += 1
        summary.failures.append((origin, f"extraction failed: {exc.__class__.__name__}: {exc}"))
        logger.exception("extraction failed for %s", origin)
        return
    if result.new or result.updated:
        summary.reports_new += result.new
        summary.reports_updated += result.updated
        summary.incidents_new += result.incidents_new
        summary.incidents_merged += result.incidents_merged
    else:
        summary.reports_unchanged += 1
