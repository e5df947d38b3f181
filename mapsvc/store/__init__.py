"""Stage 5, the store: schema, ingest, cross-report merging, queries, corrections."""
from .store import IngestResult, QueryResult, Store

__all__ = ["Store", "IngestResult", "QueryResult"]
