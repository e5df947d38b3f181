"""Open the long-lived parts (gazetteer, store) from a configuration dict."""
from __future__ import annotations

import functools
import logging
from typing import Optional

from .config import load_config

__all__ = ["open_gazetteer", "open_store", "default_gazetteer", "make_extractor"]

logger = logging.getLogger(__name__)


def open_gazetteer(cfg: dict, *, progress: bool = True):
    """The offline gazetteer of ``cfg``, built on first use."""
    from .gazetteer.index import Gazetteer

    return Gazetteer.open(cfg["GAZETTEER_PATH"], progress=progress)


def open_store(cfg: dict):
    """The incident store of ``cfg``."""
    from .store.store import Store

    return Store.from_config(cfg)


@functools.lru_cache(maxsize=1)
def default_gazetteer():
    """The gazetteer of the default configuration, opened once per process."""
    return open_gazetteer(load_config(), progress=False)


def make_extractor(gazetteer):
    """A one-argument extractor (``report -> incidents``) bound to ``gazetteer``."""
    from .extract.pipeline import extract_incidents

    return functools.partial(extract_incidents, gazetteer=gazetteer)
