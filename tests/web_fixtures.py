"""Incidents written for the web tests (invented, not taken from any report)."""
from __future__ import annotations

from datetime import date

from mapsvc.model import Incident, Report, Source

__all__ = ["sample_report", "sample_incidents", "hostile_report", "hostile_incidents", "HOSTILE", "fill_synthetic",
           "sample_instance"]

# (id, category, title, lon, lat, day, place, geo_precision, radius_km, counts)
_ROWS = [
    ("inc-a01", "strike", "Missile strike on a depot", 30.52, 50.45, date(2022, 3, 1), "Kyiv", 1, 0.0, {"killed": 2}),
    ("inc-a02", "strike", "Shelling of a market", 36.23, 49.99, date(2022, 3, 2), "Kharkiv", 1, 0.0, {"injured": 5}),
    ("inc-a03", "humanitarian", "Evacuation convoy leaves the port", 37.55, 47.10, date(2022, 3, 3), "Mariupol", 1, 0.0, {"evacuated": 400}),
    ("inc-a04", "battle", "Fighting near the ring road", 34.80, 50.91, date(2022, 3, 4), "Sumy", 2, 10.0, {}),
    ("inc-a05", "political", "Talks announced for next week", 27.56, 53.90, date(2022, 3, 5), "Minsk", 1, 0.0, {}),
    ("inc-a06", "disaster", "Flood closes a bridge", 22.64, 32.76, date(2023, 9, 11), "Derna", 1, 0.0, {"missing": 30}),
    ("inc-a07", "disaster", "Earthquake damages apartment blocks", 37.38, 37.07, date(2023, 2, 6), "Gaziantep", 2, 25.0, {"killed": 12}),
    ("inc-a08", "civilian_harm", "Civilians wounded at a checkpoint", 32.53, 15.50, date(2023, 4, 20), "Khartoum", 1, 0.0, {"injured": 3}),
    ("inc-a09", "restriction", "Curfew declared in the region", 32.30, 15.60, date(2023, 4, 22), "Omdurman", 3, 80.0, {}),
    ("inc-a10", "military", "Troops redeployed to the north", 30.60, 51.20, date(2022, 2, 27), "Kyiv region", 3, 60.0, {}),
    ("inc-a11", "other", "Power cut across the district", 30.40, 50.40, date(2022, 3, 10), "Sviatoshynskyi district", 2, 4.0, {}),
    ("inc-a12", "strike", "Drone strike on an airfield", 37.62, 47.12, date(2022, 3, 12), "Mariupol", 1, 0.0, {"drones": 3}),
]

HOSTILE = {
    "script": "<script>window.__pwned = 1; alert('script')</script>",
    "img": "<img src=x onerror=\"window.__pwned = 2; alert('img')\">",
    "template": "`${window.__pwned = 3}` ${alert('template')}",
    "svg": "<svg onload=alert('svg')></svg>",
}


def sample_report() -> Report:
    return Report(text="Invented test report for the web layer.", published=date(2023, 9, 12),
                  title="Web test report", url="https://example.org/web-test", origin="tests")


def sample_instance(folder):
    """``folder`` made an instance whose store holds the sample report and its incidents."""
    from mapsvc.config import load_config
    from mapsvc.store.store import Store

    with Store.from_config(load_config(folder, {})) as store:
        report = sample_report()
        store.ingest(report, sample_incidents(report))
    return folder


def sample_incidents(report: Report) -> list:
    out = []
    for (iid, cat, title, lon, lat, day, place, prec, radius, counts) in _ROWS:
        out.append(Incident(
            id=iid, category=cat, title=title, lon=lon, lat=lat, date=day, date_start=day,
            date_end=day, place_name=place, place_kind="city", place_admin=("Somewhere",),
            geo_precision=prec, radius_km=radius, counts=counts,
            quote=f"{title} at {place}, officials said.",
            sources=(Source(report=report.id, title=report.title, url=report.url,
                            published=report.published, span=(0, 10)),)))
    return out


def hostile_report() -> Report:
    return Report(text="Hostile test report " + " ".join(HOSTILE.values()), published=date(2022, 3, 20),
                  title=HOSTILE["script"], url="javascript:alert('url')", origin="tests")


def hostile_incidents(report: Report) -> list:
    day = date(2022, 3, 19)
    return [Incident(
        id="inc-hostile", category="strike", title=HOSTILE["img"] + HOSTILE["template"],
        lon=35.05, lat=48.46, date=day, date_start=day, date_end=day,
        place_name=HOSTILE["svg"], place_kind="city", place_admin=(HOSTILE["script"],),
        geo_precision=2, radius_km=5.0, counts={"killed": 1},
        quote=" ".join(HOSTILE.values()),
        sources=(Source(report=report.id, title=HOSTILE["img"], url="javascript:alert('src')",
                        published=report.published, span=(0, 5)),))]


def fill_synthetic(store, size: int, *, seed: int = 5, days: int = 1460, killed: int = 3, batch: int = 5000) -> None:
    """``size`` invented incidents spread over 10W-60E, 10N-60N and ``days`` from 2020-01-01 (for the
    map tests and the web benchmarks)."""
    import random
    from datetime import timedelta

    from mapsvc.model import CATEGORIES

    rng, cats = random.Random(seed), list(CATEGORIES)
    for start in range(0, size, batch):
        report = Report(text=f"synthetic report {seed} {start}", published=date(2024, 1, 1),
                        title=f"Synthetic {start}", url="https://example.org/synthetic")
        incidents = []
        for i in range(start, min(size, start + batch)):
            day = date(2020, 1, 1) + timedelta(days=rng.randrange(days))
            incidents.append(Incident(
                id=f"inc-syn-{i}", category=rng.choice(cats), title=f"Synthetic incident {i}",
                lon=rng.uniform(-10, 60), lat=rng.uniform(10, 60), date=day, date_start=day, date_end=day,
                place_name=f"Place {i % 997}", quote=f"Synthetic quote {i}.", counts={"killed": rng.randrange(killed)},
                sources=(Source(report=report.id, span=(i, i + 1)),)))
        store.ingest(report, incidents)
