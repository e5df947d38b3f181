"""The worker that drains the job queue (:mod:`.jobs`): ``mapsvc work``, and one beside ``serve``.

A :class:`Worker` claims one job at a time, runs it (a ``report`` job: extraction and the
idempotent ingest, as ``POST /reports`` does on the request path) and records it done with the
report id and incident counts, or failed with a one-line error (retried up to ``max_attempts``).
Several workers, in one process tree or on several hosts sharing one PostgreSQL, never run one
job twice at once: each claim skips the rows another worker holds.

>>> report_from_payload(report_payload(Report("Text", title="T"))).title
'T'
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date
from typing import Callable, Optional

from ..errors import MapsvcError
from ..model import Report
from .jobs import DEFAULT_ATTEMPTS, DEFAULT_LEASE_S, Job, one_line

__all__ = ["Worker", "JobOutcome", "report_payload", "report_from_payload", "MAX_IDLE_S"]

logger = logging.getLogger(__name__)

#: The longest sleep between looks at an empty queue (a stop request is seen within it too).
MAX_IDLE_S = 5.0


def report_payload(report: Report) -> dict:
    """A report as a job's JSON payload."""
    return {"text": report.text, "published": report.published.isoformat() if report.published else None,
            "title": report.title or "", "url": report.url or "", "origin": report.origin or ""}


def report_from_payload(payload: dict) -> Report:
    """The report a job's payload holds."""
    published = payload.get("published")
    return Report(text=payload["text"], published=date.fromisoformat(published) if published else None,
                  title=payload.get("title") or "", url=payload.get("url") or "", origin=payload.get("origin") or "")


@dataclass(frozen=True)
class JobOutcome:
    """What running one job did; ``str()`` is the line a worker prints."""

    job: Job
    status: str  # "done", "queued" (failed, will be retried) or "failed"
    result: Optional[dict] = None
    error: str = ""

    def __str__(self) -> str:
        if self.status == "done":
            r = self.result
            return (f"job {self.job.id}: done, report {r['report']} ({'new' if r['new'] else 'stored already'}), "
                    f"incidents {r['incidents_new']} new, {r['incidents_merged']} merged")
        then = "will be retried" if self.status == "queued" else "gave up"
        return f"job {self.job.id}: failed, attempt {self.job.attempts} ({self.error}); {then}"


class Worker:
    """Runs the queued jobs of ``store``, extracting with ``extractor`` (``report -> incidents``; a
    callable returning one, ``make_extractor``, lets an idle worker leave spaCy unloaded)."""

    def __init__(self, store, *, make_extractor: Callable[[], Callable], lease_s: float = DEFAULT_LEASE_S,
                 max_attempts: int = DEFAULT_ATTEMPTS):
        self.store, self._make_extractor = store, make_extractor
        self.lease_s, self.max_attempts = float(lease_s), int(max_attempts)
        self._extractor: Optional[Callable] = None

    def extractor(self, report: Report) -> list:
        if self._extractor is None:
            self._extractor = self._make_extractor()
        return self._extractor(report)

    def run_job(self, job: Job) -> JobOutcome:
        """Run one claimed job and record how it went."""
        try:
            if job.kind != "report":
                raise MapsvcError(f"unknown job kind {job.kind!r}")
            result = self.store.ingest_report(report_from_payload(job.payload), extractor=self.extractor)
            doc = {"report": result.report_id, "new": result.new, "updated": result.updated,
                   "incidents_new": result.incidents_new, "incidents_merged": result.incidents_merged}
        except Exception as exc:  # a bad report, an extractor bug, a store hiccup: this job fails, the rest go on
            if isinstance(exc, MapsvcError):
                reason = exc.description
            else:
                reason = f"{type(exc).__name__}: {exc}"
                logger.exception("job %s: unexpected failure", job.id)
            status = self.store.fail_job(job.id, reason, max_attempts=self.max_attempts)
            return JobOutcome(job, status, error=one_line(reason, 200))
        self.store.finish_job(job.id, doc)
        return JobOutcome(job, "done", result=doc)

    def drain(self, *, on_job: Optional[Callable[[JobOutcome], None]] = None,
              stop: Optional[threading.Event] = None) -> list[JobOutcome]:
        """Run jobs until the queue has none to claim (a job that failed now is retried at the next drain)."""
        outcomes: list[JobOutcome] = []
        while stop is None or not stop.is_set():
            job = self.store.claim_job(lease_s=self.lease_s, max_attempts=self.max_attempts,
                                       skip=[o.job.id for o in outcomes])
            if job is None:
                break
            outcomes.append(self.run_job(job))
            if on_job is not None:
                on_job(outcomes[-1])
        return outcomes

    def run(self, *, stop: threading.Event, every: float = MAX_IDLE_S,
            on_job: Optional[Callable[[JobOutcome], None]] = None) -> None:
        """Drain the queue, then look again every ``every`` seconds, until ``stop`` is set."""
        while not stop.is_set():
            try:
                self.drain(on_job=on_job, stop=stop)
            except MapsvcError as exc:  # the store is unreachable: wait, then try again
                logger.warning("work: %s", exc.description)
            stop.wait(every)
