"""Several real processes writing one database; a writer killed mid-transaction."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from mapsvc.store.store import Store

REPO = Path(__file__).resolve().parent.parent

# A worker process: ingests N generated reports in a shuffled order. Report i has one event of
# its own and one it shares with report i + N/2 (same category, place and day: they must merge).
WORKER = r"""
import json, random, sys
from datetime import date, timedelta
from mapsvc.model import Incident, Report, Source
from mapsvc.store.store import Store

url, seed, n, per_report = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
half = n // 2

def report(i):
    return Report(text=f"Generated report number {i}.\n" + "Filler sentence. " * 20,
                  published=date(2022, 3, 1) + timedelta(days=i % 28), title=f"Report {i}")

def incidents(i):
    day = date(2022, 3, 1) + timedelta(days=i % 28)
    k = i % half
    shared = Incident(id=f"inc-shared-{k}", category="strike", title=f"Shared {k}", lon=20 + k * 0.1,
                      lat=45.0, date=date(2022, 3, 1), date_start=date(2022, 3, 1),
                      date_end=date(2022, 3, 1), radius_km=3.0, sources=(Source("", span=(0, 9)),))
    own = [Incident(id=f"inc-own-{i}-{j}", category="humanitarian", title=f"Own {i}/{j}",
                    lon=-60 + i * 0.05, lat=-30 + j * 0.01, date=day, date_start=day, date_end=day,
                    radius_km=0.5, sources=(Source("", span=(10 + j, 20 + j)),)) for j in range(per_report)]
    return [shared] + own

order = list(range(n))
random.Random(seed).shuffle(order)
store = Store(url)
totals = {"new": 0, "unchanged": 0, "incidents_new": 0, "incidents_merged": 0}
for i in order:
    r = store.ingest(report(i), incidents(i))
    totals["new" if r.new else "unchanged"] += 1
    totals["incidents_new"] += r.incidents_new
    totals["incidents_merged"] += r.incidents_merged
    print("done", i, flush=True)
store.close()
print(json.dumps(totals), flush=True)
"""


def _spawn(url, seed, n, per_report):
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-c", WORKER, url, str(seed), str(n), str(per_report)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _check_consistent(url, per_report):
    """Every stored report has all its incidents' sources; nothing dangles."""
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        per = dict(conn.execute(sa.text(
            "SELECT r.id, COUNT(s.incident_id) FROM reports r LEFT JOIN sources s ON s.report_id = r.id "
            "GROUP BY r.id")).all())
        orphans = conn.execute(sa.text(
            "SELECT COUNT(*) FROM incidents i WHERE NOT EXISTS "
            "(SELECT 1 FROM sources s WHERE s.incident_id = i.id)")).scalar()
        dangling = conn.execute(sa.text(
            "SELECT COUNT(*) FROM sources s WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = s.incident_id)"
            " OR NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = s.report_id)")).scalar()
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
    assert set(per.values()) <= {per_report + 1}, per
    assert orphans == 0 and dangling == 0
    return len(per)


@pytest.mark.slow
def test_four_processes_200_reports_lose_nothing_double_nothing(database_url):
    import json

    n = 200
    # no schema yet: the four workers also race to create it
    workers = [_spawn(database_url, seed, n, 1) for seed in range(4)]
    results = []
    for w in workers:
        out, err = w.communicate(timeout=600)
        assert w.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(r["new"] for r in results) == n
    assert sum(r["unchanged"] for r in results) == 3 * n
    assert sum(r["incidents_new"] for r in results) == n + n // 2
    assert sum(r["incidents_merged"] for r in results) == n // 2
    with Store(database_url) as store:
        assert (store.report_count(), store.count()) == (n, n + n // 2)
        shared = store.query(categories=["strike"], limit=1000)
        assert shared.number_matched == n // 2
        assert all(len(i.sources) == 2 for i in shared.incidents)
        assert len({s.report for i in shared.incidents for s in i.sources}) == n
    assert _check_consistent(database_url, 1) == n


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [2, 5])
def test_killed_writer_leaves_database_consistent(database_url, kill_after):
    n, per_report = 12, 200  # big transactions, so the kill most likely lands inside one
    Store(database_url).close()
    worker = _spawn(database_url, 0, n, per_report)
    done = 0
    deadline = time.monotonic() + 120
    while done < kill_after and time.monotonic() < deadline:
        line = worker.stdout.readline()
        if not line:
            break
        done += line.startswith("done")
    time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    worker.stdout.close()
    worker.stderr.close()
    assert done >= kill_after, "the worker did not get far enough before the kill"
    stored = _check_consistent(database_url, per_report)
    assert kill_after <= stored < n
    # a second run completes the job and doubles nothing
    rerun = _spawn(database_url, 1, n, per_report)
    rerun.communicate(timeout=600)
    assert rerun.returncode == 0
    assert _check_consistent(database_url, per_report) == n
    with Store(database_url) as store:
        assert store.count() == n * per_report + n // 2
