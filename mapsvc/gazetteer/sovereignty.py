"""Which country an admin-1 area belongs to, by ISO 3166-2 rather than by Natural Earth's de facto view.

Natural Earth draws the world as it is controlled: Crimea and Sevastopol (ISO 3166-2 UA-43, UA-40) lie in
Russia's outline and carry Russia's code, and areas no state recognises (Somaliland, Northern Cyprus) carry
none. GeoNames, the base map and the news mapsvc reads follow ISO: a strike near Simferopol is in Ukraine.
The build therefore gives each admin-1 area the country its ISO 3166-2 code names (or, for the areas with
no code, the country whose outline holds its point) and moves the area's outline between the countries'.
"""
from __future__ import annotations

import re

__all__ = ["admin1_owners", "countries_by_iso"]

_ISO_3166_2 = re.compile(r"^([A-Z]{2})-")

#: How far (degrees) a moved area is widened before it is cut from the country that drew it: the
#: outlines are simplified to different tolerances, and a thin rim would stay behind along the coast.
_RIM = 0.02


def admin1_owners(rows: list, shapes: dict) -> dict:
    """Admin-1 code -> the ISO 3166-1 code of the country the area belongs to, for the rows of
    ``geodata/admin1.json.gz`` and the country shapes of ``geodata/countries.json.gz``."""
    from shapely.geometry import Point, shape
    from shapely.prepared import prep

    outlines = None
    owners = {}
    for row in rows:
        code = _ISO_3166_2.match(row.get("code") or "")
        if row.get("country") in shapes and row.get("country_name") == row.get("name_en"):
            owners[row["code"]] = row["country"]  # a territory that is a country of its own: Puerto Rico
        elif code and code.group(1) in shapes:
            owners[row["code"]] = code.group(1)
        elif row.get("country") in shapes:
            owners[row["code"]] = row["country"]
        else:  # no state's code (Somaliland, Northern Cyprus): the country whose outline holds it
            if outlines is None:
                outlines = [(c, prep(shape(g["outline"]))) for c, g in shapes.items() if g.get("outline")]
            point = Point(row["lon"], row["lat"])
            owners[row["code"]] = next((c for c, o in outlines if o.contains(point)), row.get("country") or "")
    return owners


def countries_by_iso(shapes: dict, rows: list, owners: dict) -> dict:
    """Country shapes with each admin-1 area drawn in another country's outline moved (outline and area)
    to the country ``owners`` gives it."""
    from shapely.geometry import mapping, shape

    out = dict(shapes)
    for row in rows:
        drawn, owner = row.get("country"), owners.get(row["code"])
        if drawn == owner or drawn not in out or owner not in out or not row.get("outline"):
            continue
        area = shape(row["outline"])
        for code, change in ((drawn, lambda s: s.difference(area.buffer(_RIM))), (owner, lambda s: s.union(area))):
            geo = dict(out[code])
            geo["outline"] = mapping(change(shape(geo["outline"]).buffer(0)))
            geo["area_km2"] = geo["area_km2"] + (row["area_km2"] if code == owner else -row["area_km2"])
            out[code] = geo
    return out
