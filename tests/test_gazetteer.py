"""The offline gazetteer: build, open, lookup, ranking, countries, reverse, bad input, gold toponyms."""
from __future__ import annotations

import os
import json
import math
import shutil
import sqlite3
from pathlib import Path

import pytest

from mapsvc.errors import GazetteerError, InvalidParameter
from mapsvc.gazetteer.index import Gazetteer, place_to_dict
from mapsvc.text.names import normalise_name, split_kind_word


def km(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def test_index_size_and_counts(gazetteer, gazetteer_path):
    assert gazetteer_path.stat().st_size < 150e6
    assert len(gazetteer) > 230_000
    assert gazetteer.max_key_words >= 3


@pytest.mark.parametrize("name, kind, lon, lat, within", [
    ("Kyiv", "city", 30.52, 50.45, 15), ("Kiev", "city", 30.52, 50.45, 15), ("Київ", "city", 30.52, 50.45, 15),
    ("Sumy region", "admin1", 34.8, 50.9, 110), ("Svyatoshynskyi district", "district", 30.37, 50.457, 7),
    ("Sviatoshynskyi", "district", 30.37, 50.457, 7),
    ("Kharkiv oblast", "admin1", 36.4, 49.5, 150), ("Mariupol", "city", 37.54, 47.1, 12),
    ("Europe", "continent", 15.0, 50.0, 2500), ("Red Sea", "sea", 38.5, 20.0, 800),
    # regions news names that are no admin unit (geodata/news_places.csv)
    ("South Ossetia", "region", 44.0, 42.3, 40), ("Puntland", "region", 49.0, 8.4, 300),
    ("Darien Gap", "region", -77.5, 8.0, 60), ("Bekaa valley", "region", 35.9, 33.85, 40),
    # former names of countries and unions that no longer exist (reports of past decades)
    ("Zaire", "country", 23.6, -2.9, 600), ("Ceylon", "country", 80.7, 7.8, 200),
    ("Bosnia", "country", 18.0, 44.0, 100), ("Byelorussia", "country", 28.0, 53.0, 300),
    # GeoNames' country points where countryinfo's lie far from them (geodata/point_overrides.csv)
    ("India", "country", 79.0, 22.0, 10), ("Libya", "country", 17.0, 28.0, 10), ("Japan", "country", 139.75, 35.69, 10),
    ("USSR", "region", 37.62, 55.75, 10), ("East Germany", "region", 12.5, 52.0, 10),
    ("Indian Ocean", "sea", 80.0, -20.0, 10), ("Pacific Ocean", "sea", -160.0, 0.0, 10),
    # lists by kind (7 Dec 2026): hospitals war news names, Myanmar's townships, Bangladesh's coastal
    # upazilas and India's Sundarbans blocks, rivers of flood news, the islands of eastern Indonesia
    ("Nasser Hospital", "poi", 34.29, 31.35, 3), ("Sheba Medical Center", "poi", 34.84, 32.05, 3),
    ("Maungdaw", "town", 92.37, 20.82, 10), ("Mongla", "town", 89.6, 22.48, 10),
    ("Gosaba", "admin2", 88.81, 22.17, 15), ("French Broad River", "poi", -82.56, 35.58, 60),
    ("Siau", "poi", 125.4, 2.72, 15),
    # lists by kind (7 Dec 2026, later): squares protests fill, bridges, valleys, the villages of Rhodes
    ("Place de l'Opera", "poi", 2.332, 48.871, 2), ("Antonivskyi Bridge", "poi", 32.71, 46.67, 5),
    ("Tempi valley", "region", 22.58, 39.88, 10), ("Kiotari", "town", 27.97, 36.05, 5),
])
def test_first_candidate(gazetteer, name, kind, lon, lat, within):
    best = gazetteer.lookup(name)[0]
    if kind:
        assert best.kind == kind
    assert km(best.lon, best.lat, lon, lat) <= within


def test_piatykhatky_in_kharkiv_is_a_candidate(gazetteer):
    hits = gazetteer.lookup("Piatykhatky")
    assert any(p.kind == "neighbourhood" and "Kharkiv" in p.admin for p in hits)
    # the Cyrillic spelling reaches the same places
    assert [p.id for p in gazetteer.lookup("П'ятихатки")] == [p.id for p in hits]


def test_kind_hint_and_country_filter(gazetteer):
    assert gazetteer.lookup("Georgia")[0].kind == "country"
    assert gazetteer.lookup("Georgia", kind="admin1")[0].country == "US"
    assert gazetteer.lookup("Georgia", country="US")[0].kind == "admin1"
    tripoli = gazetteer.lookup("Tripoli", country="LB")
    assert tripoli and all(p.country == "LB" for p in tripoli)
    assert gazetteer.lookup("Kyiv", kind="admin1")[0].kind == "admin1"


def test_exact_name_weighs_more_than_alternate_name(gazetteer):
    best = gazetteer.lookup("Washington")[0]
    assert best.country == "US" and abs(best.lat - 38.9) < 0.2
    # a much larger place under an alternate name still wins: Odesa over Odessa, Texas
    assert gazetteer.lookup("Odessa")[0].country == "UA"
    assert gazetteer.lookup("Zaporozhye")[0].country == "UA"
    # an exact name wins over an alternate name of a place of similar size
    assert gazetteer.lookup("Sousse")[0].country == "TN"


def test_unknown_country_filter_is_invalid(gazetteer):
    with pytest.raises(InvalidParameter):
        gazetteer.lookup("Kyiv", country="Atlantis")


def test_us_counties(gazetteer):
    hits = gazetteer.lookup("Morgan County")
    assert len(hits) >= 5 and all(p.kind == "admin2" and p.country == "US" for p in hits[:5])
    cook = gazetteer.lookup("Cook County", country="US", limit=20)
    illinois = [p for p in cook if p.admin1_code == "US-IL"]
    assert illinois and km(illinois[0].lon, illinois[0].lat, -87.8, 41.84) < 30
    assert illinois[0].admin == ("Illinois", "United States")
    # "Cook" alone is a kind-stripped alternate: counties rank after populated places
    assert gazetteer.lookup("Muscogee", kind="admin2")[0].admin1_code == "US-GA"


def test_lookup_key_and_has_key(gazetteer):
    key = normalise_name("Kharkiv")
    assert gazetteer.has_key(key)
    assert not gazetteer.has_key("kharkiv xyzzy")
    assert gazetteer.lookup_key(key)[0].name == "Kharkiv"
    assert gazetteer.lookup_key("Kharkiv") == []  # not normalised: not a key
    assert len(gazetteer.lookup_key(key, limit=1)) == 1


def test_loose_spelling_variants(gazetteer):
    assert gazetteer.lookup_key("jindires") == []
    assert gazetteer.lookup_key("jindires", loose=True)[0].country == "SY"
    assert gazetteer.lookup("Jindires")[0].country == "SY"
    # only when nothing matches exactly: Sousse is the Tunisian city, Susah in Libya needs the country
    assert gazetteer.lookup("Sousse")[0].country == "TN"
    assert gazetteer.lookup_key("sousse", country="LY", loose=True)[0].country == "LY"
    # a variant shares half its spelling: "Kokorou" and Cicero share only the loose consonants
    assert all(p.name != "Cicero" for p in gazetteer.lookup_key("kokorou", country="US", loose=True))
    assert gazetteer.lookup_key("cicero", country="US")[0].name == "Cicero"


def test_a_river_named_like_its_city_is_a_candidate_after_the_city(gazetteer):
    found = gazetteer.lookup("Dnipro")
    assert found[0].kind == "city" and any(p.id == "mapsvc:ua-dnipro-river" for p in found)


def test_arabic_names_are_found_without_their_article(gazetteer):
    # the city GeoNames writes "Al Diwaniyah", not the province that once bore its name
    first = gazetteer.lookup("Diwaniyah")[0]
    assert (first.name, first.kind, first.country) == ("Al Diwaniyah", "city", "IQ")
    assert gazetteer.lookup("Hudaydah")[0].country == "YE"
    assert gazetteer.lookup_key("fasher")[0].name == "El Fasher"  # a key of its own, not a loose variant
    # only where place names are Arabic: Arizona's El Mirage is no key "mirage", El Salvador no "salvador"
    assert all(p.name != "El Mirage" for p in gazetteer.lookup_key("mirage"))
    assert all(p.kind != "country" for p in gazetteer.lookup_key("salvador"))


@pytest.mark.parametrize("query, code", [
    ("UA", "UA"), ("Ukraine", "UA"), ("UAE", "AE"), ("US", "US"), ("United States", "US"), ("USA", "US"),
    ("Czech Republic", "CZ"), ("Czechia", "CZ"), ("UK", "GB"), ("Britain", "GB"), ("Russia", "RU"),
    ("RUS", "RU"), ("Ivory Coast", "CI"), ("Türkiye", "TR"),
])
def test_country(gazetteer, query, code):
    assert gazetteer.country(query).country == code


@pytest.mark.parametrize("code, lon, lat, within", [("US", -98.6, 39.8, 150), ("RU", 105.3, 61.5, 500),
                                                     ("UA", 31.4, 49.0, 100), ("FR", 2.4, 46.6, 100)])
def test_country_points_are_usual_centres(gazetteer, code, lon, lat, within):
    place = gazetteer.country(code)
    assert km(place.lon, place.lat, lon, lat) <= within


@pytest.mark.parametrize("code", ["RU", "CN", "CA", "BR", "MX", "MA"])
def test_country_point_follows_countryinfo(gazetteer, code):
    from countryinfo import CountryInfo  # a dependency of mapsvc (setup.cfg)

    lat, lon = CountryInfo(code).latlng()[:2]
    place = gazetteer.country(code)
    assert km(place.lon, place.lat, lon, lat) < 1


def test_point_overrides_file_is_applied(gazetteer):
    import csv
    from mapsvc.gazetteer.build import GEODATA
    with open(GEODATA / "point_overrides.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(row["source"] for row in rows)
    for row in rows:
        place = (gazetteer.country(row["code"]) if row["kind"] == "country"
                 else next(p for p in gazetteer.lookup(row["name"], country=row["code"][:2], limit=50)
                           if p.admin1_code == row["code"]))
        assert km(place.lon, place.lat, float(row["lon"]), float(row["lat"])) < 1


def test_unknown_country_is_none(gazetteer):
    assert gazetteer.country("Atlantis") is None
    assert gazetteer.country("") is None


def test_get_loads_outline(gazetteer):
    sumy = gazetteer.lookup("Sumy region")[0]
    full = gazetteer.get(sumy.id)
    assert full.outline["type"] in ("Polygon", "MultiPolygon")
    assert full.admin1_code == "UA-59"
    assert full.radius_km > 50
    assert gazetteer.get("geonames:0") is None


def test_reverse(gazetteer):
    place = gazetteer.reverse(36.2494, 50.0892)
    assert km(place.lon, place.lat, 36.2494, 50.0892) < 5
    assert gazetteer.reverse(-30.0, 0.0) is not None  # mid-Atlantic: still the nearest somewhere
    with pytest.raises(InvalidParameter):
        gazetteer.reverse(200, 0)


def test_place_to_dict(gazetteer):
    d = place_to_dict(gazetteer.lookup("Mariupol")[0])
    assert {"id", "name", "kind", "lat", "lon", "population", "country", "admin"} <= set(d)
    assert d["id"].startswith("geonames:") and d["country"] == "UA" and d["admin"][-1] == "Ukraine"
    json.dumps(d)


@pytest.mark.parametrize("bad", ["", "   ", "x" * 10_000, "Kyiv " * 2000, "\x00\x01\x02", b"\x89PNG\r\n",
                                 None, 42, "\ud800", "%_*", "'; DROP TABLE places; --"])
def test_bad_names_give_no_candidates(gazetteer, bad):
    assert gazetteer.lookup(bad) == []
    assert gazetteer.lookup_key(bad) == []


def test_missing_index_is_reported_in_one_line(tmp_path):
    with pytest.raises(GazetteerError) as info:
        Gazetteer.open(tmp_path / "none.sqlite3", build_missing=False)
    assert "\n" not in str(info.value) and "mapsvc gazetteer build" in str(info.value)


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 200])
def test_corrupt_index_is_reported(tmp_path, content):
    path = tmp_path / "gazetteer.sqlite3"
    path.write_bytes(content)
    with pytest.raises(GazetteerError) as info:
        Gazetteer.open(path, build_missing=False)
    assert "\n" not in str(info.value)


def test_old_schema_is_reported(tmp_path, gazetteer_path):
    path = tmp_path / "gazetteer.sqlite3"
    shutil.copy(gazetteer_path, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET v = 'old' WHERE k = 'version'")
    with pytest.raises(GazetteerError, match="version"):
        Gazetteer.open(path, build_missing=False)


def test_stale_index_is_reported(tmp_path, gazetteer_path):
    path = tmp_path / "gazetteer.sqlite3"
    shutil.copy(gazetteer_path, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET v = 'other' WHERE k = 'sources'")
    with pytest.raises(GazetteerError, match="stale"):
        Gazetteer.open(path, build_missing=False)


def _open_in_thread(path, results):
    gaz = Gazetteer.open(path, build_missing=True, progress=False)
    results.append((gaz.lookup("Kyiv")[0].country, path.stat().st_mtime_ns))
    gaz.close()


def test_corrupt_index_is_rebuilt_once_by_concurrent_openers(tmp_path):
    import threading

    path = tmp_path / "gazetteer.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    results = []
    threads = [threading.Thread(target=_open_in_thread, args=(path, results)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r[0] for r in results] == ["UA", "UA"]
    assert results[0][1] == results[1][1]  # the second opener used the first one's build
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed into place


def _gold_toponyms(shared_dir):
    eval_dir = shared_dir / "eval"
    files = (sorted(eval_dir.glob("*.gold.json")) + sorted((eval_dir / "dev").glob("*.gold.json"))
             + sorted((Path(__file__).parent / "data" / "reports").glob("*.gold.json")))
    for path in files:
        name = f"tests/{path.name}" if path.parent.name == "reports" else path.name
        for t in json.loads(path.read_text(encoding="utf-8"))["toponyms"]:
            yield name, t


def _hits(gazetteer, mention, **kw):
    found = gazetteer.lookup(mention, **kw)
    bare, kind_word = split_kind_word(mention)
    if kind_word:
        found += gazetteer.lookup(bare, **kw)
    return found


def test_gold_toponyms_can_be_looked_up(gazetteer, shared_dir):
    """Gold mentions have a candidate within tolerance: by name alone, or with the country of the
    document (a geoparser's focus) where a transliteration is ambiguous worldwide.  Every one of
    the seed and dev reports; 97 in 100 of the sixteen test reports (a few hamlets, a parish and a highway
    are beyond the data here; docs/gazetteer.md lists them).

    Streets are outside the gazetteer: no package here ships street data.
    """
    counts = {"shared": [0, 0, []], "test": [0, 0, []]}
    for source, t in _gold_toponyms(shared_dir):
        if t["kind"] == "street":
            continue
        tally = counts["test" if source.startswith("tests/") else "shared"]
        tally[0] += 1
        near = lambda places: any(km(p.lon, p.lat, t["lon"], t["lat"]) <= t["tolerance_km"] for p in places)
        focus = gazetteer.reverse(t["lon"], t["lat"])
        if near(_hits(gazetteer, t["mention"])) or (
                focus and near(_hits(gazetteer, t["mention"], country=focus.country))):
            tally[1] += 1
        else:
            tally[2].append((source, t["mention"]))
    total, found, misses = counts["shared"]
    assert total > 80 and not misses, misses
    total, found, misses = counts["test"]
    assert total > 250 and found / total >= 0.97, (found, total, misses)


# A town per country and the admin-1 unit GeoNames puts it in (admin1CodesASCII, by the town's
# admin1 code): the ISO 3166-2 code and a word of the name.  France is the case that went wrong
# (region codes read as departement numbers: Paris in Aude).
ADMIN1_BY_COUNTRY = [
    ("Paris", "FR", "FR-IDF", "Île-de-France"), ("Lyon", "FR", "FR-ARA", "Auvergne"),
    ("Marseille", "FR", "FR-PAC", "Provence"), ("Toulouse", "FR", "FR-OCC", "Occitanie"),
    ("Lille", "FR", "FR-HDF", "Hauts-de-France"), ("Munich", "DE", "DE-BY", "Bavaria"),
    ("Manchester", "GB", "GB-ENG", "England"), ("Barcelona", "ES", "ES-CT", "Catalu"),
    ("Kharkiv", "UA", "UA-63", "Kharkiv"), ("Aleppo", "SY", "SY-HL", "Aleppo"),
    ("Nyala", "SD", "SD-DS", "South Darfur"), ("Benghazi", "LY", "LY-BA", "Benghazi"),
    ("Antakya", "TR", "TR-31", "Hatay"), ("Karachi", "PK", "PK-SD", "Sindh"),
    ("Goma", "CD", "CD-NK", "North Kivu"), ("Houston", "US", "US-TX", "Texas"),
    ("Osaka", "JP", "JP-27", "Osaka"), ("Mosul", "IQ", "IQ-NI", "Nineveh"),
    ("Kandahar", "AF", "AF-KAN", "Kandahar"), ("Cebu City", "PH", "PH-07", "Central Visayas"),
    ("Sao Paulo", "BR", "BR-SP", "Paulo"), ("Mombasa", "KE", "KE-28", "Mombasa"),
    ("Mandalay", "MM", "MM-04", "Mandalay"), ("Chittagong", "BD", "BD-B", "Chattogram"),
    ("Lagos", "NG", "NG-LA", "Lagos"), ("Milan", "IT", "IT-25", "Lombard"),
]


@pytest.mark.parametrize("town, country, code, word", ADMIN1_BY_COUNTRY, ids=[r[0] for r in ADMIN1_BY_COUNTRY])
def test_admin1_of_towns_follows_geonames(gazetteer, town, country, code, word):
    place = gazetteer.lookup(town, country=country, limit=1)[0]
    assert place.admin1_code == code
    assert normalise_name(word) in normalise_name(place.admin[0]), place.admin


def test_admin1_sample_covers_twenty_countries():
    assert len({r[1] for r in ADMIN1_BY_COUNTRY}) >= 20


@pytest.mark.parametrize("name, country, lon, lat", [
    ("Turkana", "KE", 35.6, 3.3),  # Kenya's counties replaced the eight provinces Natural Earth still draws
    ("Ituri", "CD", 29.9, 1.6),  # one of DR Congo's 26 provinces of 2015 (Natural Earth: the former Orientale)
])
def test_admin1_units_that_replaced_natural_earths_coarser_ones(gazetteer, name, country, lon, lat):
    place = next(p for p in gazetteer.lookup(name, limit=5) if p.kind == "admin1")
    assert place.country == country and km(place.lon, place.lat, lon, lat) < 150


@pytest.mark.parametrize("name, country, country_name", [
    ("Autonomous Republic of Crimea", "UA", "Ukraine"),  # Natural Earth's de facto view draws it in Russia
    ("Somaliland", "SO", "Somalia"),  # Natural Earth gives it no country code
    ("Northern Cyprus", "CY", "Cyprus"),
    ("Sint Maarten", "SX", "Sint Maarten"),  # ISO 3166-2 NL-SX, and an ISO 3166-1 country of its own: stays one
])
def test_admin1_areas_belong_to_the_country_iso_3166_2_names(gazetteer, name, country, country_name):
    place = next(p for p in gazetteer.lookup(name, limit=5) if p.kind == "admin1")
    assert (place.country, place.admin[-1]) == (country, country_name)


def test_compass_named_units_under_both_spellings(gazetteer):
    # Cameroon's "Northwest" region, as news writes it ("the North West and South West regions"); Botswana's
    # district is North-West
    from mapsvc.geoparse.pipeline import geoparse

    for name in ("North West", "North-West"):
        found = geoparse(f"Separatists fought troops in the {name} region of Cameroon.", gazetteer=gazetteer)
        assert [(t.place.name, t.place.country) for t in found] == [("Northwest", "CM"), ("Cameroon", "CM")]


@pytest.mark.parametrize("lon, lat, country", [
    (34.10, 44.95, "Ukraine"),  # Simferopol
    (33.52, 44.60, "Ukraine"),  # Sevastopol
    (36.47, 45.36, "Ukraine"),  # Kerch, on the strait
    (36.72, 45.21, "Russia"),  # Taman, across it
    (37.62, 55.75, "Russia"),
    (44.06, 9.56, "Somalia"),  # Hargeisa
])
def test_country_outlines_follow_iso_3166_2(gazetteer, lon, lat, country):
    assert gazetteer.containing(lon, lat).name == country


def test_a_territory_natural_earth_does_not_divide_gets_no_parishes(gazetteer):
    assert not [p for p in gazetteer.lookup("Patrick", limit=10) if p.kind == "admin1"]  # Isle of Man


def test_districts_from_geonames_admin2(gazetteer):
    maungdaw = gazetteer.lookup("Maungdaw District")[0]
    assert maungdaw.kind == "admin2" and maungdaw.country == "MM" and maungdaw.admin[-1] == "Myanmar"
    assert km(maungdaw.lon, maungdaw.lat, 92.5, 20.8) < 60  # the weighted mean of its member towns
    assert maungdaw.radius_km >= 3


@pytest.mark.parametrize("name, country, lon, lat", [
    # admin-2 names carry a local kind word news leaves out ("Kabupaten Agam" is Agam regency)
    ("Agam", "ID", 100.2, -0.3), ("Tanah Datar", "ID", 100.6, -0.45), ("Padang Pariaman", "ID", 100.25, -0.6),
])
def test_districts_by_the_name_without_their_kind_word(gazetteer, name, country, lon, lat):
    found = gazetteer.lookup(name, country=country)[0]
    assert found.kind == "admin2" and km(found.lon, found.lat, lon, lat) < 40


def test_a_town_keeps_its_name_beside_its_municipality(gazetteer):
    # "Municipiul Galati" is not stripped: "Galati" is the city
    assert gazetteer.lookup("Galati", country="RO")[0].kind in ("city", "town", "admin1")


@pytest.mark.parametrize("name, lon, lat", [
    ("Zamzam camp", 25.29, 13.49), ("Kerem Shalom", 34.28, 31.23), ("Mount Ruang", 125.37, 2.30),
    ("Nagorno-Karabakh", 46.75, 39.82), ("Boryspil International Airport", 30.89, 50.34),
    ("Charles de Gaulle airport", 2.55, 49.01), ("Suez Canal", 32.35, 30.42),
    # airports by the short names news gives them (first word of a city, a name without its country)
    ("Frankfurt airport", 8.54, 50.03), ("Taoyuan airport", 121.23, 25.08), ("Bonn airport", 7.14, 50.87),
    ("Taoyuan International Airport", 121.23, 25.08),
    # and without a title news leaves out (Sir Grantley Adams International Airport)
    ("Grantley Adams International Airport", -59.49, 13.07),
])
def test_camps_crossings_volcanoes_regions_airports(gazetteer, name, lon, lat):
    assert km(*(lambda p: (p.lon, p.lat))(gazetteer.lookup(name)[0]), lon, lat) < 25


@pytest.mark.parametrize("name", ["Benito Juarez International Airport", "Benito Juárez airport"])
def test_an_airport_is_found_without_a_spanish_title(gazetteer, name):
    # Licenciado Benito Juarez International Airport: news leaves out the degree; the borough named after the
    # same man lies 6 km away, so the airport itself is asked for
    assert gazetteer.lookup(name)[0].id == "iata:MEX"


def test_the_words_international_airport_name_no_airport(gazetteer):
    # a short name comes from a city's own name ("Frankfurt am Main"), never from a city's first word
    # ("International Falls")
    assert [p for p in gazetteer.lookup("International Airport") if p.id.startswith("iata:")] == []


@pytest.mark.parametrize("phrase, kind", [("Bankass cercle", "admin2"), ("Gosaba upazila", "admin2"),
                                          ("Nawnghkio township", "admin2"), ("Zamzam camp", "poi"),
                                          ("Erez crossing", "poi"), ("Semeru volcano", "poi"),
                                          ("Gada LGA", "admin2"), ("Jhelum tehsil", "admin2")])
def test_kind_words_of_news(phrase, kind):
    assert split_kind_word(phrase)[1] == kind


def test_a_local_government_area_is_found_by_its_name(gazetteer):
    assert [(p.name, p.kind) for p in gazetteer.lookup("Gada LGA", limit=1)] == [("Gada", "admin2")]


def test_curated_news_places_each_name_their_list_and_source():
    import csv
    from mapsvc.gazetteer.build import GEODATA

    with open(GEODATA / "news_places.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 100
    slugs = [r["slug"] for r in rows]
    assert len(slugs) == len(set(slugs))
    for row in rows:
        assert row["source"].startswith("list: "), row["slug"]
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        assert row["kind"] in ("poi", "region", "sea", "town", "admin2")  # towns, townships, upazilas too


def test_map_labels_by_zoom(gazetteer_path):
    from mapsvc.gazetteer.labels import MAX_LABELS, MapLabels

    labels = MapLabels(gazetteer_path)
    world = labels.labels((-10, 10, 60, 60), 3)
    assert {"Kyiv", "Cairo", "Berlin"} <= {l["name"] for l in world if l["kind"] == "capital"}
    assert len(world) <= MAX_LABELS
    region = labels.labels((29.5, 49.8, 31.5, 51.0), 8)
    assert {"Kyiv", "Bila Tserkva", "Fastiv"} <= {l["name"] for l in region}
    assert MapLabels("/nonexistent/gazetteer.sqlite3").labels((0, 0, 1, 1), 5) == []


def test_the_index_is_the_same_whatever_the_hash_seed(gazetteer_path, tmp_path):
    """Two builds under different hash seeds hold the same rows in the same order (the loose-variant
    query reads them in that order, so a variant found must not depend on the interpreter run)."""
    import subprocess
    import sys

    other = tmp_path / "other.sqlite3"
    code = ("import sys; from mapsvc.gazetteer.index import Gazetteer; "
            "Gazetteer.build(sys.argv[1], progress=False).close()")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(other)], check=True, env=env, timeout=600)
    mine, theirs = sqlite3.connect(gazetteer_path), sqlite3.connect(other)
    try:
        for table in ("loose", "names"):
            rows = f"SELECT * FROM {table}"
            assert mine.execute(rows).fetchall() == theirs.execute(rows).fetchall()
        keys = "SELECT v FROM meta WHERE k = 'keys'"
        assert mine.execute(keys).fetchone() == theirs.execute(keys).fetchone()
    finally:
        mine.close()
        theirs.close()


def test_the_islands_hurricanes_hit_in_the_grenadines_are_places(gazetteer):
    assert gazetteer.lookup("Carriacou", limit=1)[0].country == "GD"
    assert gazetteer.lookup("St Vincent", limit=1)[0].country == "VC"
    assert gazetteer.lookup("Union Island", limit=1)[0].country == "VC"


def test_curated_city_places_lie_in_their_city_and_name_their_list(gazetteer):
    import csv
    from mapsvc.gazetteer.build import GEODATA
    from mapsvc.geodesy import haversine_km

    with open(GEODATA / "city_places.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 1000
    assert len({r["slug"] for r in rows}) == len(rows)
    far = []
    for row in rows:
        assert row["source"].startswith("list: neighbourhoods of "), row["slug"]
        assert row["kind"] in ("neighbourhood", "district"), row["slug"]
        city = row["admin"].split("|")[0]
        if city in ("Gaza Strip", "Jerusalem"):
            continue  # a strip of towns; a city of two countries' rows
        towns = [p for p in gazetteer.lookup(city, country=row["country"], limit=3)
                 if p.kind in ("city", "town", "admin1", "admin2", "district")]
        # 40 km: Los Angeles's Porter Ranch and Houston's Kingwood lie 37 km from their city's point
        if not towns or haversine_km(float(row["lon"]), float(row["lat"]), towns[0].lon, towns[0].lat) > 40:
            far.append(row["slug"])
    assert far == []
    # a part of a city is found by its name, where it is
    worli = gazetteer.lookup("Worli", country="IN", limit=1)
    assert worli and worli[0].kind == "neighbourhood" and worli[0].admin[0] == "Mumbai"


@pytest.mark.parametrize("name, country", [("Warmia-Masuria", "PL"), ("Moravia-Silesia", "CZ"), ("South Bohemia", "CZ")])
def test_a_unit_named_by_its_regions_adjective_is_found_by_the_noun(gazetteer, name, country):
    # Natural Earth names them "Lower Silesian", "Warmian-Masurian", "South Bohemian"; news writes the region
    found = gazetteer.lookup(name, limit=1)
    assert found and found[0].kind == "admin1" and found[0].country == country
