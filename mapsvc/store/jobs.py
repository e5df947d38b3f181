"""The job queue in the store's own database: reports queued by ``POST /reports`` for a worker.

A job is queued with its payload (the report's text and metadata as JSON). A worker
(``mapsvc work``, :mod:`.worker`) claims the oldest queued job, or a running one whose lease
ran out (its worker is taken for gone), in a short transaction that marks it running with a
new lease; the work itself runs outside any transaction, and then the job is recorded done
(with its result) or failed (with a one-line error; queued again until ``max_attempts``).

On PostgreSQL the claim is ``SELECT ... FOR UPDATE SKIP LOCKED``: workers claiming at once,
on one host or several, never take the same row and never wait on each other's. On SQLite the
write transaction (``BEGIN IMMEDIATE``) admits one claimer at a time. Running a job twice
after a lost lease stores its report once all the same: ingest is idempotent by content.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Optional

import sqlalchemy as sa

from ..errors import NotFound
from .feeds import stamp_in
from .reads import db_errors
from .schema import jobs, utcnow

__all__ = ["Job", "JobQueue", "JOB_STATUSES", "DEFAULT_LEASE_S", "DEFAULT_ATTEMPTS", "one_line"]

JOB_STATUSES = ("queued", "running", "done", "failed")
#: How long a claimed job is kept from other workers: far longer than one report's extraction.
DEFAULT_LEASE_S = 10 * 60
#: How often a job is tried before it stays failed.
DEFAULT_ATTEMPTS = 3


def one_line(text: str, limit: int = 500) -> str:
    """``text`` on one line of at most ``limit`` characters.

    >>> one_line("a\\n  b")
    'a b'
    """
    return " ".join(str(text).split())[:limit]


@dataclass(frozen=True)
class Job:
    """One job as stored; ``payload`` and ``result`` decoded."""

    id: int
    kind: str
    status: str
    payload: dict = field(default_factory=dict, repr=False)
    attempts: int = 0
    error: str = ""
    result: Optional[dict] = None
    created_at: str = ""
    started_at: str = ""
    finished_at: str = ""
    lease_until: str = ""

    @classmethod
    def from_row(cls, row) -> "Job":
        m = row._mapping
        return cls(id=m["id"], kind=m["kind"], status=m["status"], payload=json.loads(m["payload"]),
                   attempts=m["attempts"], error=m["error"], result=json.loads(m["result"]) if m["result"] else None,
                   created_at=m["created_at"], started_at=m["started_at"], finished_at=m["finished_at"],
                   lease_until=m["lease_until"])


class JobQueue:
    """The job-queue methods of :class:`~.store.Store` (mixed in)."""

    @db_errors("enqueue job")
    def enqueue_job(self, kind: str, payload: dict) -> int:
        """Queue a job; returns its id."""
        with self._write.begin() as conn:
            done = conn.execute(jobs.insert().values(
                kind=kind, payload=json.dumps(payload, ensure_ascii=False), status="queued", attempts=0,
                error="", result="", created_at=utcnow(), started_at="", finished_at="", lease_until=""))
            return int(done.inserted_primary_key[0])

    @db_errors("claim job")
    def claim_job(self, *, lease_s: float = DEFAULT_LEASE_S, max_attempts: int = DEFAULT_ATTEMPTS,
                  kinds=("report",), skip=()) -> Optional[Job]:
        """The oldest queued job (or running one whose lease ran out), now running and leased to the
        caller for ``lease_s`` seconds; None when there is none. A job whose lease ran out
        ``max_attempts`` times is recorded failed instead of being tried again. ``skip``: ids not to take."""
        while True:
            now = utcnow()
            stmt = (sa.select(jobs).where(jobs.c.kind.in_(list(kinds)), sa.or_(
                jobs.c.status == "queued", sa.and_(jobs.c.status == "running", jobs.c.lease_until <= now)))
                .order_by(jobs.c.created_at, jobs.c.id).limit(1).with_for_update(skip_locked=True))
            if skip:
                stmt = stmt.where(jobs.c.id.not_in(list(skip)))
            with self._write.begin() as conn:
                row = conn.execute(stmt).first()
                if row is None:
                    return None
                if row.status == "running" and row.attempts >= max_attempts:
                    conn.execute(jobs.update().where(jobs.c.id == row.id).values(
                        status="failed", finished_at=now, lease_until="",
                        error=one_line(f"its worker stopped during each of {row.attempts} attempts")))
                    continue
                values = {"status": "running", "attempts": row.attempts + 1, "started_at": now,
                          "lease_until": stamp_in(lease_s)}
                conn.execute(jobs.update().where(jobs.c.id == row.id).values(**values))
            return dataclasses.replace(Job.from_row(row), **values)

    @db_errors("finish job")
    def finish_job(self, job_id: int, result: dict) -> None:
        """Record a job done with its ``result``."""
        with self._write.begin() as conn:
            conn.execute(jobs.update().where(jobs.c.id == job_id).values(
                status="done", result=json.dumps(result, ensure_ascii=False, default=str), error="",
                finished_at=utcnow(), lease_until=""))

    @db_errors("fail job")
    def fail_job(self, job_id: int, error: str, *, max_attempts: int = DEFAULT_ATTEMPTS) -> str:
        """Record a failed attempt with its one-line ``error``: queued again while it has attempts left,
        failed for good after ``max_attempts``. Returns the job's status now."""
        with self._write.begin() as conn:
            attempts = conn.execute(sa.select(jobs.c.attempts).where(jobs.c.id == job_id)).scalar() or 0
            status = "queued" if attempts < max_attempts else "failed"
            conn.execute(jobs.update().where(jobs.c.id == job_id).values(
                status=status, error=one_line(error), lease_until="",
                finished_at=utcnow() if status == "failed" else ""))
        return status

    @db_errors("job")
    def get_job(self, job_id: int) -> Job:
        """The job ``job_id``; raises NotFound."""
        with self._read.connect() as conn:
            row = conn.execute(sa.select(jobs).where(jobs.c.id == job_id)).first()
        if row is None:
            raise NotFound(f"no job {job_id}")
        return Job.from_row(row)

    @db_errors("job counts")
    def job_counts(self) -> dict:
        """How many jobs are in each status."""
        with self._read.connect() as conn:
            rows = conn.execute(sa.select(jobs.c.status, sa.func.count()).group_by(jobs.c.status)).all()
        return {status: 0 for status in JOB_STATUSES} | {status: n for status, n in rows}
