"""The per-client rate limit on writes, against gunicorn: 429 in the JSON error shape with Retry-After,
reads never limited, X-Forwarded-For honoured only with PROXY_FIX, and a Redis store shared by the
workers (the Redis on 127.0.0.1:6379; skipped without it unless CI=true)."""
from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.request
import uuid

import pytest

from browser_support import AppServer
from web_fixtures import sample_instance

TOKEN = "rate-token"
REDIS = ("127.0.0.1", 6379)


def _write(server, *, forwarded_for: str = "") -> tuple[int, dict, dict]:
    """One PATCH (a note on a sample incident) as its own connection: (status, headers, JSON body)."""
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json", "Connection": "close"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    request = urllib.request.Request(server.url + "/collections/incidents/items/inc-a01", method="PATCH",
                                     data=json.dumps({"note": "reviewed"}).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), json.loads(exc.read())


def _serve(tmp_path, *, workers: int = 1, **settings) -> AppServer:
    folder = sample_instance(tmp_path / "instance")
    env = {"MAPSVC_API_TOKENS": TOKEN, "MAPSVC_DEMO_DATA": "0", "MAPSVC_TILES": "offline",
           **{f"MAPSVC_{k}": str(v) for k, v in settings.items()}}
    return AppServer(folder, env=env, workers=workers)


@pytest.fixture
def instance_dir(tmp_path):
    (tmp_path / "instance").mkdir()
    return tmp_path


def test_writes_over_the_limit_get_429_and_reads_do_not(instance_dir):
    server = _serve(instance_dir, RATELIMIT_WRITES="3 per minute")
    try:
        assert [_write(server)[0] for _ in range(3)] == [200, 200, 200]
        status, headers, body = _write(server)
        assert status == 429
        assert set(body) == {"code", "description", "status"} and body["code"] == "TooManyRequests"
        assert body["status"] == 429 and "3 per minute" in body["description"]
        assert 1 <= int(headers["Retry-After"]) <= 61  # the rest of the one-minute window, rounded up
        # a forged X-Forwarded-For is no new client without PROXY_FIX
        assert _write(server, forwarded_for="203.0.113.7")[0] == 429
        for _ in range(20):  # reads are never limited
            assert server.get_json("/collections/incidents/items/inc-a01")["properties"]["note"] == "reviewed"
    finally:
        server.stop()


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget(instance_dir):
    server = _serve(instance_dir, RATELIMIT_WRITES="2 per minute", PROXY_FIX=1)
    try:
        assert [_write(server, forwarded_for="203.0.113.7")[0] for _ in range(3)] == [200, 200, 429]
        assert _write(server, forwarded_for="198.51.100.9")[0] == 200
    finally:
        server.stop()


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def test_servers_share_the_count_in_redis(tmp_path):
    if not _redis_up():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run Redis on 127.0.0.1:6379 for the shared rate limit test")
        pytest.skip("no Redis on 127.0.0.1:6379 (start redis-server to run the shared rate limit test)")
    # a key prefix of its own, so that runs sharing the Redis never count each other's writes
    prefix = f"RATELIMIT_KEY_PREFIX = 'mapsvc-test-{uuid.uuid4().hex}'\n"
    servers = []
    try:
        for name in ("a", "b"):  # two gunicorns, as two hosts behind one balancer: one count
            (tmp_path / name / "instance").mkdir(parents=True)
            (tmp_path / name / "instance" / "config.py").write_text(prefix)
            servers.append(_serve(tmp_path / name, workers=2, RATELIMIT_WRITES="4 per minute",
                                  RATELIMIT_STORAGE_URI=f"redis://{REDIS[0]}:{REDIS[1]}"))
        first = [_write(servers[0])[0] for _ in range(3)]
        second = [_write(servers[1])[0] for _ in range(3)]
    finally:
        for server in servers:
            server.stop()
    # counted per process (memory://), the second server would take three more
    assert (first, second) == ([200, 200, 200], [200, 429, 429])


def test_an_unreachable_rate_limit_store_falls_back_to_memory(tmp_path):
    """Redis down must not stop writes: the counts go on in the process's memory."""
    from mapsvc.web import create_app

    app = create_app({"INSTANCE_PATH": str(sample_instance(tmp_path)), "TESTING": True, "API_TOKENS": [TOKEN],
                      "RATELIMIT_WRITES": "2 per minute", "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1"})
    client = app.test_client()
    statuses = [client.patch("/collections/incidents/items/inc-a01", json={"note": "reviewed"},
                             headers={"Authorization": f"Bearer {TOKEN}"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
