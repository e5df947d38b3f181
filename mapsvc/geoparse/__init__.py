"""Stage 3, geoparsing: recognise place mentions, rank candidates, resolve them."""
from .pipeline import geoparse, geoparse_jsonl, toponym_to_dict

__all__ = ["geoparse", "geoparse_jsonl", "toponym_to_dict"]
