"""The bundled demo reports, ingested into an empty store so a first run shows a map."""
from __future__ import annotations

import logging

from ..text.reports import read_report_file
from ..resources import demo_dir

__all__ = ["demo_reports", "ingest_demo_if_empty"]

logger = logging.getLogger(__name__)


def demo_reports() -> list:
    """The demo reports, in file-name order."""
    return [read_report_file(path) for path in sorted(demo_dir().glob("*.txt"))]


def ingest_demo_if_empty(store, *, extractor) -> int:
    """Ingest the demo reports when the store holds no report; return how many were new."""
    if store.report_count():
        return 0
    new = 0
    for report in demo_reports():
        result = store.ingest_report(report, extractor=extractor)
        new += bool(result.new)
    logger.info("ingested %d demo reports", new)
    return new
