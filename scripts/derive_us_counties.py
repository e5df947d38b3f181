#!/usr/bin/env python
"""Derive geodata/us_counties.csv (a point and area per US county) from npm ``us-atlas``.

``us-atlas`` (ISC licence) ships U.S. Census Bureau cartographic boundaries
(public domain) as TopoJSON. This script decodes ``counties-10m.json`` (in
longitude/latitude) and writes one row per county: FIPS code, name, a point
inside it (the centroid of its largest part, or a point inside that part when
the centroid falls outside) and its rough area. Run once::

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python scripts/derive_us_counties.py package/counties-10m.json
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from shapely.geometry import Polygon
from shapely.ops import unary_union

from derive_geodata import area_km2, main_point

HERE = Path(__file__).resolve().parent.parent / "geodata"


def decode_arcs(topo: dict) -> list[list[tuple]]:
    """Absolute lon/lat coordinates of every arc (TopoJSON arcs are quantised and delta-encoded)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list) -> list[tuple]:
    """Join arcs into a ring; a negative index ~i means arc i reversed."""
    points: list[tuple] = []
    for i in indexes:
        part = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(part if not points else part[1:])
    return points


def polygon(rings: list):
    """A valid shapely Polygon, or None for a ring too small to survive quantisation."""
    rings = [r for r in rings if len(r) >= 4]
    if not rings:
        return None
    return Polygon(rings[0], rings[1:]).buffer(0)


def geometry(geom: dict, arcs: list):
    """A shapely (Multi)Polygon from a TopoJSON geometry."""
    polys = [[ring(r, arcs) for r in poly]
             for poly in (geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]])]
    parts = [p for p in map(polygon, polys) if p is not None and not p.is_empty]
    return unary_union(parts) if parts else Polygon()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("topojson", type=Path, help="us-atlas counties-10m.json")
    ap.add_argument("-o", "--out", type=Path, default=HERE / "us_counties.csv")
    args = ap.parse_args(argv)
    topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    rows = []
    for geom in topo["objects"]["counties"]["geometries"]:
        if not geom.get("arcs"):
            continue
        shape = geometry(geom, arcs)
        if shape.is_empty:
            continue
        point = main_point(shape)
        rows.append({"fips": geom["id"], "name": geom["properties"]["name"], "lat": round(point.y, 4),
                     "lon": round(point.x, 4), "area_km2": round(area_km2(shape), 1)})
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["fips"]))
    print(f"{len(rows)} counties -> {args.out}")


if __name__ == "__main__":
    main()
