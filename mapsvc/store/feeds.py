"""The state of watched feeds in the store: registering them, claiming a due one, recording a poll.

Several watchers may share one database. A watcher claims a due feed in a short
transaction and pushes the feed's ``next_due`` past the poll (a lease), so no
other watcher takes it meanwhile; the poll itself (download, extraction) runs
outside any transaction. On PostgreSQL the claim is ``SELECT ... FOR UPDATE SKIP
LOCKED``: two watchers claiming at once neither wait on nor take the same row.
On SQLite the write transaction (``BEGIN IMMEDIATE``) already admits one claimer
at a time. A watcher that dies mid-poll leaves its feed due again when the lease
runs out; the entries it stored stay stored once (ingest is idempotent).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable, Optional

import sqlalchemy as sa

from .reads import db_errors
from .schema import feeds, reports, utcnow

__all__ = ["FeedState", "FeedStates", "stamp_in"]


def stamp_in(seconds: float) -> str:
    """The UTC time ``seconds`` from now, in the sortable form of :func:`~.schema.utcnow`."""
    return (datetime.now(timezone.utc) + timedelta(seconds=seconds)).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class FeedState:
    """One watched feed: what the next conditional GET sends, and how the last polls went."""

    url: str
    etag: str = ""
    last_modified: str = ""
    last_polled: str = ""
    last_status: str = ""
    errors: int = 0  # consecutive failed polls
    next_due: str = ""


def _insert_ignoring_duplicates(conn: sa.Connection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(feeds).on_conflict_do_nothing(index_elements=["url"])


class FeedStates:
    """The feed-state methods of :class:`~.store.Store` (mixed in)."""

    @db_errors("watch feeds")
    def watch_feeds(self, urls: Iterable[str]) -> None:
        """Register feeds to watch; a new one is due at once, a known one keeps its state."""
        rows = [{"url": url} for url in dict.fromkeys(urls)]
        if not rows:
            return
        with self._write.begin() as conn:
            conn.execute(_insert_ignoring_duplicates(conn), rows)

    @db_errors("claim feed")
    def claim_due_feed(self, urls: Iterable[str], *, lease_s: float, skip: Iterable[str] = ()
                       ) -> Optional[FeedState]:
        """The state of one of ``urls`` that is due (the longest overdue), now leased to the
        caller for ``lease_s`` seconds; None when none is due. ``skip``: urls not to take."""
        urls, skip = list(urls), list(skip)
        stmt = (sa.select(feeds).where(feeds.c.url.in_(urls), feeds.c.next_due <= utcnow())
                .order_by(feeds.c.next_due, feeds.c.url).limit(1).with_for_update(skip_locked=True))
        if skip:
            stmt = stmt.where(feeds.c.url.not_in(skip))
        with self._write.begin() as conn:
            row = conn.execute(stmt).first()
            if row is None:
                return None
            conn.execute(feeds.update().where(feeds.c.url == row.url).values(next_due=stamp_in(lease_s)))
        return FeedState(**row._mapping)

    @db_errors("record poll")
    def record_poll(self, url: str, *, status: str, errors: int, next_in_s: float,
                    etag: Optional[str] = None, last_modified: Optional[str] = None) -> None:
        """Record a poll's outcome and when the feed is due next; ``etag``/``last_modified``
        are replaced only when given (a full answer)."""
        values = {"last_polled": utcnow(), "last_status": status[:500], "errors": errors,
                  "next_due": stamp_in(next_in_s)}
        if etag is not None:
            values["etag"] = etag
        if last_modified is not None:
            values["last_modified"] = last_modified
        with self._write.begin() as conn:
            conn.execute(feeds.update().where(feeds.c.url == url).values(**values))

    @db_errors("stored origins")
    def stored_origins(self, origins: Iterable[str]) -> set:
        """Which of ``origins`` (a feed entry's is ``feed#link``) name a stored report."""
        wanted = list(dict.fromkeys(origins))
        found: set = set()
        with self._read.connect() as conn:
            for start in range(0, len(wanted), 500):  # bounded IN lists
                chunk = wanted[start:start + 500]
                found.update(conn.execute(sa.select(reports.c.origin).where(reports.c.origin.in_(chunk))).scalars())
        return found

    @db_errors("feed states")
    def feed_states(self, urls: Optional[Iterable[str]] = None) -> list[FeedState]:
        """The watched feeds (all, or those of ``urls``), by url."""
        stmt = sa.select(feeds).order_by(feeds.c.url)
        if urls is not None:
            stmt = stmt.where(feeds.c.url.in_(list(urls)))
        with self._read.connect() as conn:
            return [FeedState(**row._mapping) for row in conn.execute(stmt)]
