"""Stage 3, geoparsing: recognise place mentions, rank candidates, resolve them."""
from .pipeline import DocumentFocus, GeoparseResult, geoparse, geoparse_document, geoparse_jsonl, toponym_to_dict

__all__ = ["DocumentFocus", "GeoparseResult", "geoparse", "geoparse_document", "geoparse_jsonl", "toponym_to_dict"]
