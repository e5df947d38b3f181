"""Extraction of many reports across processes, for bulk ingest and benchmarks.

Each worker process opens the gazetteer and loads the spaCy pipeline once; the
reports travel to it and the incidents come back (both are plain dataclasses).
With one process the reports are read in this process, in order.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Optional

from .pipeline import extract_incidents

__all__ = ["extract_many", "default_processes"]

_WORKER: dict = {}


def default_processes() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(gazetteer_path: str, nlp_model: Optional[str], geocoder_config: Optional[dict]) -> None:
    from ..gazetteer.geocoders import fallback_geocoder
    from ..gazetteer.index import Gazetteer
    from ..text.nlp import load_pipeline

    _WORKER["gazetteer"] = Gazetteer.open(gazetteer_path, build_missing=False, progress=False)
    _WORKER["nlp_model"] = nlp_model
    _WORKER["geocoder"] = fallback_geocoder(geocoder_config or {})
    load_pipeline(nlp_model)


def _extract_in_worker(report) -> list:
    return extract_incidents(report, gazetteer=_WORKER["gazetteer"], nlp_model=_WORKER["nlp_model"],
                             geocoder=_WORKER["geocoder"])


def extract_many(reports: Iterable, *, gazetteer_path: str, nlp_model: Optional[str] = None,
                 processes: int = 1, geocoder_config: Optional[dict] = None) -> list:
    """The incidents of each report, in the order given (one list per report).

    ``processes`` > 1 spreads the reports over that many worker processes.
    ``geocoder_config`` holds ``GEOCODER`` and ``GEOCODER_OPTIONS``; each process
    keeps its own cache and rate limit for an online geocoder.
    """
    reports = list(reports)
    if processes <= 1 or len(reports) < 2:
        _init_worker(gazetteer_path, nlp_model, geocoder_config)
        return [_extract_in_worker(r) for r in reports]
    with ProcessPoolExecutor(min(processes, len(reports)), initializer=_init_worker,
                             initargs=(gazetteer_path, nlp_model, geocoder_config)) as pool:
        return list(pool.map(_extract_in_worker, reports, chunksize=max(1, len(reports) // (4 * processes))))
