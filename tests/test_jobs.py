"""The job queue (store/jobs.py, store/worker.py), POST /reports answering 202 and GET /jobs/<id>,
and ``mapsvc work``: on SQLite and PostgreSQL, in-process and against real servers."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import sqlalchemy as sa

from conftest import REPO
from mapsvc.errors import NotFound
from mapsvc.model import Incident, Report
from mapsvc.store.store import Store
from mapsvc.store.worker import Worker, report_payload

TOKEN = "job-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DAY = date(2023, 5, 12)
TEXTS = ["A missile strike hit Kharkiv on Monday, killing three civilians, officials said.",
         "Shelling of Mykolaiv on Tuesday injured five people, the governor said.",
         "A drone attack on Odesa on Wednesday killed two people."]


@pytest.fixture
def store(database_url):
    with Store(database_url) as s:
        yield s


def fake_extractor(report: Report) -> list:
    """One invented incident per report, each in its own place (no gazetteer, no spaCy)."""
    lon = 20.0 + int(report.content_hash[:4], 16) % 40
    return [Incident(id="inc-" + report.id, category="strike", title="Strike", lon=lon, lat=50.0,
                     date=report.published, date_start=report.published, date_end=report.published)]


def failing_extractor(report: Report) -> list:
    raise RuntimeError("the extractor broke\non two lines")


def payload(n: int = 0) -> dict:
    return report_payload(Report(f"Report number {n}.", published=DAY, title=f"R{n}"))


# ---------------------------------------------------------------- the queue in the store

def test_enqueue_claim_and_done(store):
    first, second = store.enqueue_job("report", payload(1)), store.enqueue_job("report", payload(2))
    assert store.get_job(first).status == "queued" and store.job_counts()["queued"] == 2
    job = store.claim_job()
    assert (job.id, job.status, job.attempts, job.payload["title"]) == (first, "running", 1, "R1")
    assert job.lease_until > job.started_at
    assert store.claim_job().id == second  # the oldest not taken
    assert store.claim_job() is None
    store.finish_job(first, {"report": "rep-x", "incidents_new": 2, "incidents_merged": 0})
    done = store.get_job(first)
    assert (done.status, done.result["incidents_new"], done.lease_until) == ("done", 2, "")
    assert done.finished_at >= done.started_at
    assert store.job_counts() == {"queued": 0, "running": 1, "done": 1, "failed": 0}


def test_a_failure_keeps_one_line_and_retries_up_to_the_attempts(store):
    job_id = store.enqueue_job("report", payload())
    store.claim_job(max_attempts=2)
    assert store.fail_job(job_id, "boom\n  at line 3", max_attempts=2) == "queued"
    again = store.claim_job(max_attempts=2)
    assert (again.id, again.attempts, again.error) == (job_id, 2, "boom at line 3")
    assert store.fail_job(job_id, "boom again", max_attempts=2) == "failed"
    failed = store.get_job(job_id)
    assert (failed.status, failed.error, failed.attempts) == ("failed", "boom again", 2) and failed.finished_at
    assert store.claim_job(max_attempts=2) is None


def test_a_running_job_whose_lease_ran_out_is_claimed_again_then_given_up(store):
    job_id = store.enqueue_job("report", payload())
    assert store.claim_job(lease_s=0.05, max_attempts=2).attempts == 1
    assert store.claim_job(lease_s=0.05, max_attempts=2) is None  # leased
    time.sleep(0.2)
    assert store.claim_job(lease_s=0.05, max_attempts=2).attempts == 2  # its worker is taken for gone
    time.sleep(0.2)
    assert store.claim_job(lease_s=0.05, max_attempts=2) is None
    gone = store.get_job(job_id)
    assert gone.status == "failed" and "stopped" in gone.error


def test_a_claim_skips_the_row_another_claim_holds_without_waiting(store):
    from mapsvc.store.schema import jobs
    first, second = store.enqueue_job("report", payload(1)), store.enqueue_job("report", payload(2))
    with store._write.connect() as conn, conn.begin():  # another worker, mid-claim of the oldest job
        held = conn.execute(sa.select(jobs.c.id).order_by(jobs.c.id).limit(1)
                            .with_for_update(skip_locked=True)).scalar()
        assert held == first
        if store.dialect == "postgresql":  # SKIP LOCKED: the next job, at once
            started = time.monotonic()
            assert store.claim_job().id == second and time.monotonic() - started < 5
    if store.dialect == "sqlite":  # one claimer at a time (BEGIN IMMEDIATE): the oldest, afterwards
        assert store.claim_job().id == first


def test_unknown_job_is_not_found(store):
    with pytest.raises(NotFound):
        store.get_job(12345)


def test_a_version_2_store_gains_the_jobs_table(database_url):
    with Store(database_url) as store:  # make it a version-2 store, as mapsvc before the queue left it
        with store._write.begin() as conn:
            conn.exec_driver_sql("DROP TABLE jobs")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version = 3")
        with store._read.connect() as conn:
            assert not sa.inspect(conn).has_table("jobs")
    with Store(database_url) as store:
        assert store.get_job(store.enqueue_job("report", payload())).status == "queued"
        with store._read.connect() as conn:
            assert conn.execute(sa.text("SELECT version FROM schema_version")).scalars().all() == [1, 2, 3]


# ---------------------------------------------------------------- the worker in-process

def test_the_worker_stores_each_report_once_and_records_the_result(store):
    ids = [store.enqueue_job("report", payload(n)) for n in range(3)]
    ids.append(store.enqueue_job("report", payload(0)))  # the same report again
    lines = [str(o) for o in Worker(store, make_extractor=lambda: fake_extractor).drain()]
    assert len(lines) == 4 and all(line.startswith(f"job {i}: done") for i, line in zip(ids, lines)), lines
    assert store.report_count() == 3 and store.count() == 3
    assert [store.get_job(i).result["new"] for i in ids] == [True, True, True, False]


def test_a_failing_job_is_retried_at_the_next_drain_then_failed(store):
    job_id = store.enqueue_job("report", payload())
    worker = Worker(store, make_extractor=lambda: failing_extractor, max_attempts=2)
    first = worker.drain()
    assert [o.status for o in first] == ["queued"] and "will be retried" in str(first[0])
    assert [o.status for o in worker.drain()] == ["failed"]
    failed = store.get_job(job_id)
    assert failed.error == "RuntimeError: the extractor broke on two lines" and store.report_count() == 0


# ---------------------------------------------------------------- POST /reports 202 and GET /jobs/<id>

@pytest.fixture
def app(database_url, tmp_path, monkeypatch):
    from mapsvc.web import create_app
    monkeypatch.setenv("MAPSVC_INSTANCE_PATH", str(tmp_path))  # no gazetteer: nothing is extracted here
    return create_app({"TESTING": True, "API_TOKENS": [TOKEN], "DEMO_DATA": False, "DATABASE_URL": database_url,
                       "QUEUE_ABOVE_BYTES": 2000, "RATELIMIT_WRITES": ""})


@pytest.mark.parametrize("how", [{"headers": {"Prefer": "respond-async"}}, {"query": "?async=true"},
                                 {"headers": {"Prefer": "return=minimal, respond-async; wait=10"}}])
def test_post_report_queued_on_request_answers_202_with_the_job(app, how):
    client = app.test_client()
    response = client.post("/reports" + how.get("query", ""), json={"text": TEXTS[0], "published": "2023-05-12"},
                           headers={**AUTH, **how.get("headers", {})})
    assert response.status_code == 202, response.data
    doc = response.get_json()
    assert response.headers["Location"].endswith(f"/jobs/{doc['id']}") and doc["status"] == "queued"
    assert response.headers["Cache-Control"] == "no-store"
    job = client.get(f"/jobs/{doc['id']}")
    assert job.status_code == 200 and job.get_json()["status"] == "queued"
    with Store(app.config["DATABASE_URL"]) as store:
        assert store.report_count() == 0  # nothing extracted on the request path
        claimed = store.claim_job()
        assert client.get(f"/jobs/{doc['id']}").get_json()["status"] == "running"
        Worker(store, make_extractor=lambda: fake_extractor).run_job(claimed)
    done = client.get(f"/jobs/{doc['id']}").get_json()
    assert (done["status"], done["incidents_new"], done["report"]) == ("done", 1, Report(TEXTS[0]).id)
    assert "error" not in done and any(link["rel"] == "items" for link in done["links"])


def test_a_failed_job_answers_its_one_line_error(app):
    client = app.test_client()
    job_id = client.post("/reports", data=TEXTS[1], content_type="text/plain", headers=AUTH,
                         query_string={"async": "1", "published": "2023-05-12"}).get_json()["id"]
    with Store(app.config["DATABASE_URL"]) as store:
        Worker(store, make_extractor=lambda: failing_extractor, max_attempts=1).drain()
    doc = client.get(f"/jobs/{job_id}").get_json()
    assert (doc["status"], doc["attempts"], doc["error"]) == ("failed", 1, "RuntimeError: the extractor broke on two lines")


def test_a_large_report_is_queued_when_every_extraction_slot_is_busy(app):
    client = app.test_client()
    slots = app.extensions["mapsvc.extract_slots"]
    assert slots.acquire(blocking=False)  # another request is extracting
    try:
        small = client.post("/reports", json={"text": TEXTS[0], "published": "2023-05-12"}, headers=AUTH)
        assert small.status_code == 503  # small reports still answer at once, or busy
        large = client.post("/reports", json={"text": " ".join(TEXTS) * 40, "published": "2023-05-12"}, headers=AUTH)
        assert large.status_code == 202, large.data
    finally:
        slots.release()


@pytest.mark.parametrize("path", ["/jobs/999999", "/jobs/0", "/jobs/abc", "/jobs/-1", "/jobs/" + "9" * 40,
                                  "/jobs/%D9%A1"])
def test_unknown_jobs_are_404(app, path):
    response = app.test_client().get(path)
    assert response.status_code == 404 and response.get_json()["code"] == "NotFound"


def test_async_must_be_true_or_false(app):
    response = app.test_client().post("/reports?async=maybe", json={"text": TEXTS[0], "published": "2023-05-12"},
                                      headers=AUTH)
    assert response.status_code == 400


# ---------------------------------------------------------------- real servers and `mapsvc work`

def work_cli(*args, env: dict) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith("MAPSVC_")}
    full.update(env, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "mapsvc.cli", "work", *args], env=full,
                          capture_output=True, text=True, timeout=300)


def http(method: str, url: str, *, body: bytes = None, headers: dict = None):
    """(status, headers, JSON body) of one request."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, json.loads(exc.read())


def post_async(server, text: str):
    body = json.dumps({"text": text, "published": "2023-05-12"}).encode()
    return http("POST", server.url + "/reports", body=body, headers={
        **AUTH, "Content-Type": "application/json", "Prefer": "respond-async"})


def test_a_report_posted_async_to_a_server_is_stored_by_mapsvc_work(database_url, tmp_path, gazetteer_path):
    from browser_support import AppServer

    instance = tmp_path / "inst"
    instance.mkdir()
    env = {"MAPSVC_INSTANCE_PATH": str(instance), "MAPSVC_DATABASE_URL": database_url,
           "MAPSVC_GAZETTEER_PATH": str(gazetteer_path)}
    Store(database_url).close()
    server = AppServer(instance, workers=1, env={**env, "MAPSVC_API_TOKENS": TOKEN, "MAPSVC_DEMO_DATA": "0"})
    try:
        status, headers, doc = post_async(server, TEXTS[0])
        assert status == 202 and headers["Location"] == f"{server.url}/jobs/{doc['id']}", doc
        assert http("GET", headers["Location"])[2]["status"] == "queued"
        done = work_cli("--once", env=env)
        assert done.returncode == 0, done.stderr
        lines = [line for line in done.stderr.splitlines() if line.startswith("mapsvc: work ")]
        assert lines == [f"mapsvc: work job {doc['id']}: done, report {Report(TEXTS[0]).id} (new), "
                         "incidents 1 new, 0 merged"], done.stderr
        job = http("GET", headers["Location"])[2]
        assert (job["status"], job["incidents_new"], job["report"]) == ("done", 1, Report(TEXTS[0]).id)
        features = server.get_json("/collections/incidents/items?f=json")["features"]
        assert [f["properties"]["place"]["name"] for f in features] == ["Kharkiv"]
        assert http("GET", server.url + "/jobs/424242")[0] == 404
    finally:
        server.stop()


def test_two_workers_run_each_job_once(database_url, tmp_path, gazetteer_path):
    env = {"MAPSVC_INSTANCE_PATH": str(tmp_path / "inst"), "MAPSVC_DATABASE_URL": database_url,
           "MAPSVC_GAZETTEER_PATH": str(gazetteer_path)}
    texts = [f"{text} Report {n}." for n in range(2) for text in TEXTS]
    with Store(database_url) as store:
        ids = [store.enqueue_job("report", report_payload(Report(t, published=DAY))) for t in texts]
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda _: work_cli("--once", env=env), range(2)))
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    said = [line for r in runs for line in r.stderr.splitlines() if line.startswith("mapsvc: work job ")]
    assert sorted(int(line.split()[3].rstrip(":")) for line in said) == ids, said  # each job run once
    with Store(database_url) as store:
        jobs = [store.get_job(i) for i in ids]
        assert all(job.status == "done" and job.attempts == 1 and job.result["new"] for job in jobs)
        assert store.report_count() == len(texts)  # each report stored once


def test_serve_drains_the_queue_with_one_worker_beside_it(tmp_path, gazetteer_path):
    from browser_support import AppServer

    instance = tmp_path / "inst"
    instance.mkdir()
    server = AppServer(instance, serve=True, workers=2, env={
        "MAPSVC_GAZETTEER_PATH": str(gazetteer_path), "MAPSVC_DEMO_DATA": "0", "MAPSVC_API_TOKENS": TOKEN,
        "MAPSVC_WORK_EVERY": "1s"})
    try:
        status, headers, doc = post_async(server, TEXTS[1])
        assert status == 202, doc
        deadline = time.monotonic() + 120
        while http("GET", headers["Location"])[2]["status"] != "done":
            assert time.monotonic() < deadline, (instance / "server.log").read_text()[-3000:]
            time.sleep(0.3)
        assert len(_workers_of(server.proc.pid)) == 1  # one for the server, not one per gunicorn worker
    finally:
        server.stop()
    deadline = time.monotonic() + 40
    while _workers_of(server.proc.pid):
        assert time.monotonic() < deadline, "the job worker outlived the server"
        time.sleep(0.2)
    assert f"mapsvc: work job {doc['id']}: done" in (instance / "server.log").read_text()


def _workers_of(pid: int) -> list:
    from browser_support import children_started_with

    return children_started_with("work", pid)
