"""Open the long-lived parts (gazetteer, store) from a configuration dict."""
from __future__ import annotations

import functools

from .gazetteer.index import default_gazetteer  # its home; kept here for existing callers

__all__ = ["open_gazetteer", "open_store", "default_gazetteer", "make_extractor", "extractor_from_config"]


def open_gazetteer(cfg: dict, *, progress: bool = True):
    """The offline gazetteer of ``cfg``, built on first use."""
    from .gazetteer.index import Gazetteer

    return Gazetteer.from_config(cfg, progress=progress)


def open_store(cfg: dict):
    """The incident store of ``cfg``."""
    from .store.store import Store

    return Store.from_config(cfg)


def make_extractor(gazetteer, nlp_model: str = None, geocoder=None):
    """A one-argument extractor (``report -> incidents``) bound to ``gazetteer``, a spaCy pipeline
    (``NLP_MODEL``; None: the default) and the online geocoder for names the gazetteer lacks
    (None: ask nothing)."""
    from .extract.pipeline import extract_incidents

    return functools.partial(extract_incidents, gazetteer=gazetteer, nlp_model=nlp_model, geocoder=geocoder)


def extractor_from_config(gazetteer, cfg: dict):
    """:func:`make_extractor` as ``cfg`` asks (``NLP_MODEL``, ``GEOCODER``, ``GEOCODER_OPTIONS``)."""
    from .gazetteer.geocoders import fallback_geocoder

    return make_extractor(gazetteer, cfg.get("NLP_MODEL"), fallback_geocoder(cfg))
