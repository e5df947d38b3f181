"""Stage 4, extraction: the incidents (category, place, date, counts, quote) of a report."""
from .pipeline import extract_incidents, incident_id

__all__ = ["extract_incidents", "incident_id"]
