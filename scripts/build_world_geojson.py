"""Derive geodata/world.geojson (offline base map outlines) from PyPI ``countryinfo``.

The outlines in ``countryinfo`` come from Natural Earth (public domain). They are
simplified with shapely and rounded to keep the file small.

Run from the project root::

    python scripts/build_world_geojson.py [-o geodata/world.geojson] [--tolerance 0.05]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import countryinfo
from shapely.geometry import mapping, shape

__all__ = ["build_world"]


def _rounded(coords, ndigits):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], ndigits), round(coords[1], ndigits)]
    return [_rounded(c, ndigits) for c in coords]


def build_world(*, tolerance: float = 0.05, ndigits: int = 2) -> dict:
    """Return a FeatureCollection of simplified country outlines.

    >>> world = build_world()  # doctest: +SKIP
    >>> world["type"]  # doctest: +SKIP
    'FeatureCollection'
    """
    data_dir = Path(countryinfo.__file__).parent / "data"
    features = []
    for path in sorted(data_dir.glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        for feature in (info.get("geoJSON") or {}).get("features", []):
            geom = shape(feature["geometry"]).simplify(tolerance, preserve_topology=True)
            if geom.is_empty:
                continue
            geometry = mapping(geom)
            geometry = {"type": geometry["type"],
                        "coordinates": _rounded(json.loads(json.dumps(geometry["coordinates"])), ndigits)}
            iso = (info.get("ISO") or {}).get("alpha2", "")
            features.append({"type": "Feature", "id": feature.get("id") or iso,
                             "properties": {"name": info.get("name", ""), "iso": iso},
                             "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default="geodata/world.geojson")
    parser.add_argument("--tolerance", type=float, default=0.05)
    args = parser.parse_args()
    world = build_world(tolerance=args.tolerance)
    Path(args.output).write_text(json.dumps(world, separators=(",", ":")), encoding="utf-8")
    print(f"{args.output}: {len(world['features'])} countries")


if __name__ == "__main__":
    main()
