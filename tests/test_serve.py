"""``mapsvc serve`` sized to the machine's cores (a real gunicorn), and downloads streamed as they are
written."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from browser_support import free_port
from mapsvc.web.server import THREADS_PER_WORKER, default_workers, usable_cores
from web_fixtures import fill_synthetic


def test_default_workers_follow_the_usable_cores():
    assert usable_cores() == len(os.sched_getaffinity(0))
    assert default_workers() == max(2, usable_cores())


def _children(pid: int, *, helpers: bool = False) -> list:
    """The gunicorn workers of master ``pid`` (``helpers``: its job worker and feed watcher instead)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    found = []
    for child in (path.read_text().split() if path.exists() else []):
        try:
            argv = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if (b"--stop-with" in argv) == helpers:
            found.append(child)
    return found


def test_serve_starts_a_worker_per_core_with_threads(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAPSVC_")}
    env.update(MAPSVC_INSTANCE_PATH=str(tmp_path), MAPSVC_DEMO_DATA="0", MAPSVC_TILES="offline")
    proc = subprocess.Popen([sys.executable, "-m", "mapsvc.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/health", timeout=2) as response:
                    if response.status == 200 and len(_children(proc.pid)) == default_workers():
                        break
            except OSError:
                pass
            time.sleep(0.3)
        workers = _children(proc.pid)  # serve replaced itself with gunicorn's master: its children are workers
        helpers = _children(proc.pid, helpers=True)  # and the one job worker beside them
        argv = Path(f"/proc/{proc.pid}/cmdline").read_bytes().split(b"\0")
    finally:
        proc.send_signal(signal.SIGTERM)
        stderr = proc.communicate(timeout=30)[1]
    assert len(workers) == default_workers() and len(helpers) == 1, stderr
    assert f"({default_workers()} workers x {THREADS_PER_WORKER} threads)" in stderr
    assert argv[argv.index(b"--threads") + 1] == str(THREADS_PER_WORKER).encode()
    assert argv[argv.index(b"--worker-class") + 1] == b"mapsvc.web.server.JsonErrorWorker"  # a gthread worker


# ---------------------------------------------------------------- streamed downloads


@pytest.fixture
def big_client(tmp_path):
    from mapsvc.store.store import Store
    from mapsvc.web import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path), "TESTING": True, "DEMO_DATA": False, "MAX_ITEMS": 5000})
    with Store.from_config(dict(app.config)) as store:
        fill_synthetic(store, 3000)
    return app.test_client()


@pytest.mark.parametrize("fmt", ["geojson", "csv", "acled", "kml"])
def test_downloads_are_streamed_in_chunks_and_whole(big_client, fmt):
    response = big_client.get(f"/incidents.{fmt}")
    assert response.status_code == 200 and response.is_streamed
    chunks = list(response.response)
    assert len(chunks) > 5, "sent a piece at a time, not built whole"
    body = b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks).decode("utf-8")
    if fmt == "geojson":
        doc = json.loads(body)
        assert doc["numberMatched"] == doc["numberReturned"] == len(doc["features"]) == 3000
    elif fmt == "kml":
        assert len([el for el in ET.fromstring(body.encode()).iter() if el.tag.endswith("Placemark")]) == 3000
    else:
        assert len(list(csv.DictReader(io.StringIO(body)))) == 3000
    assert response.headers["X-Number-Matched"] == "3000"


def test_a_bad_download_parameter_is_still_a_json_400(big_client):
    response = big_client.get("/incidents.csv?bbox=1,2,3")
    assert response.status_code == 400 and response.get_json()["code"] == "InvalidParameterValue"


def test_a_download_too_large_to_keep_is_still_sent_whole_and_rebuilt(big_client):
    from mapsvc.web.features import DownloadCache

    first = big_client.get("/incidents.csv").data
    big_client.application.extensions["mapsvc.downloads"] = small = DownloadCache(max_bytes=100_000)
    for _ in range(2):  # past the cache's limit: the rest is written as it is sent, and nothing is kept
        response = big_client.get("/incidents.csv")
        assert response.is_streamed and response.data == first
        assert len(list(csv.DictReader(io.StringIO(first.decode())))) == 3000
    assert not small._items
